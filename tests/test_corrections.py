"""The corrections log: on each page, on the corrections page and in the feed; dated in time."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import run

PERSON = "content/people/dana-example.yaml"
EVENTS = "content/events/2023.yaml"
SOURCE = "content/sources/gazette.yaml"
ATOM = "{http://www.w3.org/2005/Atom}"


def _append(project: Path, rel: str, text: str) -> int:
    """Append ``text`` to a file; return the line it starts on."""
    path = project / rel
    old = path.read_text("utf-8")
    path.write_text(old + text, "utf-8")
    return old.count("\n") + 1


def _correction(date: str, was: str, now: str, indent: str = "") -> str:
    return (
        f"{indent}corrections:\n"
        f'{indent}  - date: "{date}"\n'
        f'{indent}    was: "{was}"\n'
        f'{indent}    now: "{now}"\n'
    )


def test_each_correction_shows_on_its_page_the_log_and_the_feed(fixture_site: Path) -> None:
    _append(fixture_site, PERSON, _correction("2024-03-03", "35 years old", "34 years old"))
    events = (fixture_site / EVENTS).read_text("utf-8")
    first, rest = events.split("\n- id: ", 1)
    (fixture_site / EVENTS).write_text(
        first
        + "\n"
        + _correction("2024-03-03", "in March", "on 7 October", "  ")
        + "- id: "
        + rest,
        "utf-8",
    )
    _append(fixture_site, SOURCE, _correction("2024-03-03", "Example Gazzette", "Example Gazette"))
    assert run("build", "--project", fixture_site, "-q", "--no-search") == 0
    site = fixture_site / "site"
    profile = (site / "people/dana-example/index.html").read_text("utf-8")
    assert "this said “35 years old”; it now says “34 years old”" in profile
    timeline = (site / "timeline/index.html").read_text("utf-8")
    assert 'id="corrections-dana-example-abducted-heading"' in timeline
    assert "this said “in March”; it now says “on 7 October”" in timeline
    gazette = (site / "sources/gazette/index.html").read_text("utf-8")
    assert "this said “Example Gazzette”; it now says “Example Gazette”" in gazette
    log = (site / "corrections/index.html").read_text("utf-8")
    # One day, so in file order: people, events, sources.
    assert log.index("Dana Example</a>: it said") < log.index("abducted from Examplefield")
    assert '<a href="/timeline/#dana-example-abducted">' in log
    assert '<a href="/sources/gazette/">' in log
    feed = ET.parse(site / "feed.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles.count("Correction: Dana Example") == 1
    assert "Correction: Example Gazette" in titles
    assert run("verify", site, "--no-external") == 0


def test_no_corrections_says_so(fixture_built: Path) -> None:
    log = (fixture_built / "corrections/index.html").read_text("utf-8")
    assert "No corrections have been made." in log
    footer = (fixture_built / "index.html").read_text("utf-8")
    assert '<a href="/corrections/">Corrections</a>' in footer


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2024-03-04", "correction dated 4 March 2024, after the newest source (3 March 2024)"),
        ("2023-01-01", "correction dated 1 January 2023, before what it corrects existed"),
        ("2024-03", "a correction's 'date' is March 2024, not a day"),
    ],
)
def test_a_correction_out_of_time_is_an_error_at_its_line(fixture_site, capsys, date, message):
    line = _append(fixture_site, SOURCE, _correction(date, "x", "y"))
    assert run("check", "--project", fixture_site) == 1
    err = capsys.readouterr().err
    assert f"{SOURCE}:{line + 1}: {message}" in err, err  # the line of "- date:"
