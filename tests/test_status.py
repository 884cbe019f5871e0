"""A hostage's status never outruns the sources: held, release announced, released.

Through the CLI on the fixture project: Dana Example was abducted on
7 October 2023; the Example Gazette, the only source cited for her captivity,
is dated 3 March 2024 (so the site's "as of" is that day).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import replace_text, run

PERSON = "content/people/dana-example.yaml"
GAZETTE = "content/sources/gazette.yaml"


def _edit(project: Path, rel: str, old: str, new: str) -> None:
    replace_text(project / rel, old, new)


def _captivity(project: Path) -> dict[str, object]:
    assert run("build", "--project", project, "-q", "--no-search") == 0
    people = json.loads((project / "site" / "data" / "people.json").read_text(encoding="utf-8"))
    (dana,) = [p for p in people["people"] if p["id"] == "dana-example"]
    captivity: dict[str, object] = dana["captivity"]
    return captivity


def _profile(project: Path) -> str:
    return (project / "site" / "people" / "dana-example" / "index.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("line", "status", "shown"),
    [
        (None, "held", "Held"),
        (
            '  release_announced: "2024-04-01"\n',
            "held",
            "A release was announced for 1 April 2024.",
        ),
        (
            '  release_announced: "2024-03-02"\n',
            "announced",
            "release announced for 2 March 2024; the sources do not report whether it took place",
        ),
        ('  release_announced: "2024-03-03"\n', "announced", "Release announced"),
        ('  released: "2023-11-28"\n', "released", "released 28 November 2023"),
    ],
    ids=["no-announcement", "announced-future", "announced-past", "announced-as-of", "released"],
)
def test_status_follows_the_sources(fixture_site: Path, line, status, shown) -> None:
    if line:
        _edit(fixture_site, PERSON, "  place: Examplefield\n", "  place: Examplefield\n" + line)
    captivity = _captivity(fixture_site)
    assert captivity["status"] == status
    assert shown in _profile(fixture_site)
    if status == "released":
        assert captivity["held_as_of"] is None
        assert captivity["days_held"] == 52
    else:  # counted to the day the gazette reports things as they stand
        assert captivity["held_as_of"] == "2024-03-03"
        assert captivity["days_held"] == 148


def test_a_date_line_over_earlier_prose_counts_the_earlier_day(fixture_site: Path) -> None:
    _edit(
        fixture_site,
        GAZETTE,
        "  basis: inferred\n",
        '  basis: dateline\n  written: "2024-03-02"\n',
    )
    _edit(
        fixture_site,
        PERSON,
        "  place: Examplefield\n",
        '  place: Examplefield\n  release_announced: "2024-03-03"\n',
    )
    captivity = _captivity(fixture_site)
    # "As of" is still the date line (3 March), so the announcement has come due;
    # days are counted to 2 March, the day the text reads as written.
    assert captivity["status"] == "announced"
    assert (captivity["held_as_of"], captivity["days_held"]) == ("2024-03-02", 147)
    page = (fixture_site / "site" / "sources" / "gazette" / "index.html").read_text("utf-8")
    assert "given in a date line at the head of the text as received" in page
    assert 'Its text reads as written on <time datetime="2024-03-02">2 March 2024</time>' in page
    sources = json.loads((fixture_site / "site" / "data" / "sources.json").read_text("utf-8"))
    (gazette,) = [s for s in sources["sources"] if s["id"] == "gazette"]
    assert gazette["published"]["basis"] == "dateline"
    assert gazette["published"]["written"] == "2024-03-02"


def test_written_must_come_before_the_date(fixture_site: Path, capsys) -> None:
    _edit(
        fixture_site, GAZETTE, "  basis: inferred\n", '  basis: dateline\n  written: "2024-03-03"\n'
    )
    assert run("check", "--project", fixture_site) == 1
    err = capsys.readouterr().err
    at = (fixture_site / GAZETTE).read_text("utf-8").split("\n").index(
        '  written: "2024-03-03"'
    ) + 1
    assert f"content/sources/gazette.yaml:{at}: 'written' is 3 March 2024, not before 'date'" in err
