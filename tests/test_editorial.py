"""Editorial checks: each trips on a fixture made to trip it, and stays quiet on one that is not."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, replace_text, run

from generator.editorial import _birth_window, transliteration_key, within_edits, word_index
from generator.errors import Diagnostic
from generator.reports import github_annotations, json_report


def findings(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    """Run `check --format json` and return what it printed."""
    capsys.readouterr()
    run("check", "--project", project, "--format", "json", "-q", *args)
    return json.loads(capsys.readouterr().out)


def about(items: list[dict], text: str) -> list[tuple[str, int, str, str]]:
    return [
        (i["path"], i["line"], i["severity"], i["message"]) for i in items if text in i["message"]
    ]


def unacknowledge(project: Path) -> None:
    """Drop the fixture sources' acknowledgements (no URL, inferred dates)."""
    for path in (project / "content/sources").glob("*.yaml"):
        text = path.read_text("utf-8")
        path.write_text(text.split("acknowledged:")[0], "utf-8")


def edit(path: Path, old: str, new: str) -> None:
    replace_text(path, old, new, count=-1)


# Spellings ------------------------------------------------------------------


def test_transliteration_variants_fold_together() -> None:
    assert {transliteration_key(w) for w in ("Trufanov", "Troufanov", "Trupanov")} == {"trufanov"}
    assert transliteration_key("Trufanoff") == "trufanov"
    assert transliteration_key("Kherkin") == transliteration_key("Herkin")
    assert transliteration_key("Moussa") == transliteration_key("Musa")


def _distance(a: str, b: str) -> int:
    """Levenshtein distance by the full table: what within_edits must agree with."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


def test_within_edits_agrees_with_the_edit_distance() -> None:
    assert within_edits("herkin", "gerkin", 1) and not within_edits("herkin", "gerkin", 0)
    assert within_edits("abc", "abc", 0)
    words = ["", "a", "ab", "ba", "abc", "acb", "bca", "abab", "baba", "aabb", "trufanov"]
    words.append("trupanof")
    for a in words:
        for b in words:
            for limit in range(4):
                assert within_edits(a, b, limit) == (_distance(a, b) <= limit), (a, b, limit)


def test_unlisted_spelling_is_reported_at_the_seed_line(fixture_site, capsys) -> None:
    assert about(findings(fixture_site, capsys), "looks like a spelling") == []
    with (fixture_site / "seeds/herald.txt").open("a", encoding="utf-8") as f:
        f.write("Neighbours said Lev Sampple had not slept.\n")
    assert about(findings(fixture_site, capsys), "looks like a spelling") == [
        (
            "seeds/herald.txt",
            5,
            "warning",
            "'Sampple' in source 'herald' looks like a spelling of Lev Sample ('Sample')"
            " that is not listed",
        )
    ]


def test_acknowledged_spelling_is_dropped_and_stale_acknowledgement_reported(
    fixture_site, capsys
) -> None:
    with (fixture_site / "seeds/herald.txt").open("a", encoding="utf-8") as f:
        f.write("Neighbours said Lev Sampple had not slept.\n")
    with (fixture_site / "content/people/lev-sample.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "acknowledged:\n"
            "  - check: spelling\n    subject: Sampple\n    reason: a typo of the Herald\n"
            "  - check: conflict\n    subject: age\n    reason: nothing to excuse\n"
        )
    items = findings(fixture_site, capsys)
    assert about(items, "looks like a spelling") == []
    assert about(items, "matches no finding") == [
        (
            "content/people/lev-sample.yaml",
            18,
            "warning",
            "acknowledged conflict 'age' matches no finding",
        )
    ]


def test_acknowledgement_check_is_validated(fixture_site, capsys) -> None:
    with (fixture_site / "content/people/lev-sample.yaml").open("a", encoding="utf-8") as f:
        f.write("acknowledged:\n  - check: speling\n    reason: typo\n")
    items = findings(fixture_site, capsys)
    assert about(items, "'check' is 'speling'") == [
        (
            "content/people/lev-sample.yaml",
            15,
            "error",
            "'check' is 'speling', not one of: spelling, unattested-name, stale, conflict,"
            " unused-source, no-url, no-archive, inferred-date, uncovered"
            " (did you mean 'spelling'?)",
        )
    ]


def test_name_in_no_source_is_reported(fixture_site, capsys) -> None:
    assert about(findings(fixture_site, capsys), "stands in no source") == []
    edit(fixture_site / "content/people/lev-sample.yaml", "name: Lev Sample", "name: Leo Sample")
    assert about(findings(fixture_site, capsys), "stands in no source") == [
        (
            "content/people/lev-sample.yaml",
            1,
            "warning",
            "the name 'Leo Sample' stands in no source",
        )
    ]


# Stale announcements --------------------------------------------------------

STALE = (
    "content/events/2023.yaml",
    18,
    "warning",
    "event 'dana-example-release-announced' was announced for March 2024, which has passed as"
    " of 1 April 2024, and no source confirms it",
)


def test_announcement_is_stale_only_once_its_date_has_passed(fixture_site, capsys) -> None:
    # The newest source is of 3 March 2024: the announced March is not over.
    assert about(findings(fixture_site, capsys), "no source confirms") == []
    assert about(findings(fixture_site, capsys, "--as-of", "2024-04-01"), "no source confirms") == [
        STALE
    ]


def test_a_later_happened_event_confirms_the_announcement(fixture_site, capsys) -> None:
    with (fixture_site / "content/events/2023.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "- id: dana-example-released\n  date: 2024-03-20\n  title: Released\n"
            "  kind: release\n  people: [dana-example]\n  cite:\n    - source: gazette\n"
            '      quote: "Dana Example would be released on Saturday"\n'
        )
    assert about(findings(fixture_site, capsys, "--as-of", "2024-04-01"), "confirms") == []


class Notes(HTMLParser):
    """The overdue notes of a page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.notes: list[str] = []
        self._in = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self._in = tag == "p" and "overdue" in (dict(attrs).get("class") or "")
        if self._in:
            self.notes.append("")

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.notes[-1] += data


def test_overdue_announcement_shows_on_timeline_and_profile(tmp_path) -> None:
    note = (
        "Release announced for 15 February 2025; no source in this explainer confirms it"
        " happened yet."
    )
    out = tmp_path / "site"
    as_of = ("--as-of", "2025-03-01")
    assert run("build", "--project", REPO, "--out", out, *as_of, "-q", "--no-search") == 0
    timeline = Notes((out / "timeline/index.html").read_text("utf-8")).notes
    profile = Notes((out / "people/alexander-trufanov/index.html").read_text("utf-8")).notes
    assert timeline == [note]
    assert profile == [note, note]  # under the status, and on the event in the profile's timeline
    # The official who announced it: the note names the event, not "Release announced"
    # as if it were his own; on the event in his profile's timeline, the event's own note.
    official = Notes((out / "people/musa-abu-marzouk/index.html").read_text("utf-8")).notes
    assert official == [
        "“Hamas says Alexander Trufanov is to be released on 15 February 2025” was announced"
        " for 15 February 2025; no source in this explainer confirms it happened yet.",
        note,
    ]
    assert run("build", "--project", REPO, "--out", out, "-q", "--no-search") == 0
    assert Notes((out / "timeline/index.html").read_text("utf-8")).notes == []


# Conflicts ------------------------------------------------------------------


def test_ages_at_different_dates_agree_when_a_birthday_fits() -> None:
    abducted = _birth_window(27, dt.date(2023, 10, 7), dt.date(2023, 10, 7))
    later = _birth_window(29, dt.date(2025, 2, 1), dt.date(2025, 2, 10))
    assert abducted == (dt.date(1995, 10, 8), dt.date(1996, 10, 7))
    assert max(abducted[0], later[0]) <= min(abducted[1], later[1])  # consistent
    older = _birth_window(30, dt.date(2025, 2, 1), dt.date(2025, 2, 10))
    assert max(abducted[0], older[0]) > min(abducted[1], older[1])  # no birthday fits


def test_age_conflict_is_reported_unless_shown_as_differing(fixture_site, capsys) -> None:
    # 34 on 3 March 2024 and 35 in March 2024 fit a birthday in March; and a differ shows them.
    assert about(findings(fixture_site, capsys), "disagree") == []
    edit(fixture_site / "seeds/herald.txt", "Dana Example, 35,", "Dana Example, 37,")
    edit(
        fixture_site / "content/people/dana-example.yaml", "Dana Example, 35,", "Dana Example, 37,"
    )
    assert about(findings(fixture_site, capsys), "disagree") == []  # the differ cites both
    person = fixture_site / "content/people/dana-example.yaml"
    text = person.read_text("utf-8")
    person.write_text(text[: text.index("differ:")], "utf-8")
    assert about(findings(fixture_site, capsys), "disagree") == [
        (
            "content/people/dana-example.yaml",
            1,
            "warning",
            "the sources disagree on Dana Example's age: 34 as of 3 March 2024 (gazette,"
            " seeds/gazette.txt:5); 37 as of March 2024 (herald, seeds/herald.txt:3)",
        )
    ]


def test_a_relative_of_the_same_surname_is_not_taken_for_the_person(fixture_site, capsys) -> None:
    """'Noa Example, 29,' in an article about Dana Example gives Noa's age, not Dana's."""
    with (fixture_site / "seeds/gazette.txt").open("a", encoding="utf-8") as f:
        f.write("\nHer sister, Noa Example, 29, said the family was waiting.\n")
    (fixture_site / "content/people/noa-example.yaml").write_text(
        "name: Noa Example\nrole: relative\nsummary:\n"
        '  - text: "The Example Gazette quoted her sister Noa Example."\n'
        "    cite:\n      - source: gazette\n"
        '        quote: "Her sister, Noa Example, 29, said the family was waiting."\n',
        "utf-8",
    )
    assert about(findings(fixture_site, capsys), "disagree") == []
    # Without her own name before it, the surname is still read as Dana's: 29 against 34.
    edit(
        fixture_site / "seeds/gazette.txt",
        "Noa Example, 29, said",
        "Noa Example, 29, and Example, 29, said",
    )
    assert [m for _, _, _, m in about(findings(fixture_site, capsys), "disagree")] == [
        "the sources disagree on Dana Example's age: 34 as of 3 March 2024 (gazette,"
        " seeds/gazette.txt:5); 29 as of 3 March 2024 (gazette, seeds/gazette.txt:9);"
        " 35 as of March 2024 (herald, seeds/herald.txt:3)"
    ]


def test_outlet_and_date_conflicts(fixture_site, capsys) -> None:
    with (fixture_site / "seeds/herald.txt").open("a", encoding="utf-8") as f:
        f.write(
            "Lev Sample told the Example Radio that he hopes.\n"
            "Dana Example was abducted on October 8, 2023.\n"
        )
    with (fixture_site / "seeds/gazette.txt").open("a", encoding="utf-8") as f:
        f.write("\nLev Sample told Gazette TV that he waits.\n")
    items = about(findings(fixture_site, capsys), "disagree")
    assert [(path, line) for path, line, _, _ in items] == [
        ("content/people/dana-example.yaml", 1),
        ("content/people/lev-sample.yaml", 1),
    ]
    assert "abduction date: 7 October 2023 (gazette" in items[0][3]
    assert "8 October 2023 (herald, seeds/herald.txt:6)" in items[0][3]
    assert "interviewer (outlet): Gazette TV (gazette, seeds/gazette.txt:9)" in items[1][3]


# Coverage ---------------------------------------------------------------------


def test_source_coverage_warnings(fixture_site, capsys) -> None:
    assert findings(fixture_site, capsys) == []  # the fixture acknowledges them
    unacknowledge(fixture_site)
    items = findings(fixture_site, capsys)
    assert about(items, "no URL") == [
        (
            "content/sources/herald.yaml",
            1,
            "warning",
            "source 'herald' has no URL: readers cannot open the original",
        )
    ]
    assert [(p, n) for p, n, _, _ in about(items, "inferred date")] == [
        ("content/sources/gazette.yaml", 10),
        ("content/sources/herald.yaml", 6),
    ]
    assert about(items, "archive copy") == []  # the gazette has one; the herald has no URL
    edit(fixture_site / "content/sources/gazette.yaml", "archived:", "# archived:")
    assert about(findings(fixture_site, capsys), "archive copy") == [
        (
            "content/sources/gazette.yaml",
            1,
            "warning",
            "source 'gazette' has a URL but no archive copy: the article may change or go",
        )
    ]
    assert about(items, "not cited") == []
    (fixture_site / "content/sources/spare.yaml").write_text(
        (fixture_site / "content/sources/gazette.yaml").read_text("utf-8")
    )
    assert about(findings(fixture_site, capsys), "not cited") == [
        ("content/sources/spare.yaml", 1, "warning", "source 'spare' is not cited anywhere")
    ]


# Severities and formats -----------------------------------------------------


def test_strict_fails_on_warnings_and_writes_nothing(fixture_site, capsys) -> None:
    assert run("check", "--project", fixture_site, "--strict") == 0
    unacknowledge(fixture_site)
    assert run("check", "--project", fixture_site) == 0
    assert run("check", "--project", fixture_site, "--strict") == 1
    assert run("build", "--project", fixture_site, "--strict") == 1
    assert "warnings with --strict; nothing was written" in capsys.readouterr().err
    assert not (fixture_site / "site").exists()


def test_json_is_a_list_of_diagnostics(fixture_site, capsys) -> None:
    unacknowledge(fixture_site)
    items = findings(fixture_site, capsys)
    assert items and all(list(i) == ["path", "line", "severity", "message", "hint"] for i in items)
    assert items == sorted(items, key=lambda i: (i["path"], i["line"], i["message"]))


def test_github_annotations_escape_workflow_command_characters() -> None:
    text = github_annotations(
        [
            Diagnostic("content/a,b:c.yaml", 3, "50% off: a, b\r\nc", "hint", "warning"),
            Diagnostic("content/x.yaml", 0, "broken"),
        ]
    )
    assert text.splitlines() == [
        "::warning file=content/a%2Cb%3Ac.yaml,line=3::50%25 off: a, b%0D%0Ac%0Ahint",
        "::error file=content/x.yaml::broken",
    ]


def test_github_format_from_the_command_line(fixture_site, capsys) -> None:
    unacknowledge(fixture_site)
    capsys.readouterr()
    assert run("check", "--project", fixture_site, "--format", "github", "-q") == 0
    lines = capsys.readouterr().out.splitlines()
    assert "::warning file=content/sources/herald.yaml,line=1::source 'herald' has no URL" in (
        "\n".join(lines)
    )
    assert all(line.startswith("::warning file=") for line in lines)


def test_bad_as_of_is_a_usage_error(fixture_site, capsys) -> None:
    assert run("check", "--project", fixture_site, "--as-of", "soon") == 2
    assert "--as-of must be newest, today or YYYY-MM-DD" in capsys.readouterr().err


# The real content -------------------------------------------------------------


def test_real_content_passes_strict_with_nothing_to_report(capsys) -> None:
    """The README's closing note: no finding, four acknowledged with reasons."""
    assert findings(REPO, capsys, "--strict") == []
    assert run("check", "--project", REPO, "--strict") == 0
    # Announcements judged as of a later day: the 15 February release is overdue.
    later = findings(REPO, capsys, "--as-of", "2025-03-01")
    events = (REPO / "content/events/2025.yaml").read_text("utf-8").splitlines()
    person = (REPO / "content/people/alexander-trufanov.yaml").read_text("utf-8").splitlines()
    assert [(i["path"], i["line"]) for i in later] == [
        ("content/events/2025.yaml", events.index("- id: trufanov-release-announced") + 1),
        ("content/people/alexander-trufanov.yaml", person.index("captivity:") + 2),
    ]


def test_real_content_spelling_variant_is_caught_when_unlisted(real_copy, capsys) -> None:
    person = real_copy / "content/people/alexander-trufanov.yaml"
    text = person.read_text("utf-8")
    start = text.index('  - text: "Alexander (Sasha) Trupanov"')
    end = text.index("captivity:")
    person.write_text(text[:start] + text[end:], "utf-8")
    assert about(findings(real_copy, capsys), "looks like a spelling") == [
        (
            "seeds/003_016f1ec230cc32bf.txt",
            1,
            "warning",
            "'Trupanov' in source 'ynet-2025-02' looks like a spelling of Alexander Trufanov"
            " ('Troufanov') that is not listed",
        )
    ]


def test_site_level_acknowledgement_covers_every_source(fixture_site, capsys) -> None:
    unacknowledge(fixture_site)
    with (fixture_site / "content/site.yaml").open("a", encoding="utf-8") as f:
        f.write("acknowledged:\n  - check: inferred-date\n    reason: all dates are made up\n")
    items = findings(fixture_site, capsys)
    assert about(items, "inferred date") == []
    assert [i["message"] for i in items] == [
        "source 'herald' has no URL: readers cannot open the original"
    ]


def test_word_index_holds_capitalised_words_and_the_tokens_of_names() -> None:
    texts = {
        "a": "Abu Marzouk told RIA Novosti, al-Sayed said: 27 days.",
        "b": "abu marzouk spoke; Marzouk again.\nNothing on al days",
    }
    index = word_index(texts, {"al", "Sayed", "27"})
    assert index == {
        "Abu": {"a"},
        "Marzouk": {"a", "b"},
        "RIA": {"a"},
        "Novosti": {"a"},
        "Sayed": {"a"},
        "al": {"a", "b"},
        "27": {"a"},
        "Nothing": {"b"},
    }


def test_json_report_stays_valid_with_a_file_name_that_is_not_utf8() -> None:
    name = b"seeds/odd\xff.txt".decode("utf-8", "surrogateescape")  # as os.listdir gives it
    text = json_report([Diagnostic("content/sources/x.yaml", 1, f"no file '{name}'")])
    text.encode("utf-8")  # no lone surrogate left to write
    assert json.loads(text)[0]["message"] == "no file 'seeds/odd\\udcff.txt'"


def test_github_annotations_name_files_from_the_working_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    found = [Diagnostic("content/people/x.yaml", 2, "broken")]
    assert github_annotations(found, tmp_path / "explainer").startswith(
        "::error file=explainer/content/people/x.yaml,line=2::"
    )
    assert github_annotations(found, tmp_path).startswith("::error file=content/people/x.yaml,")


# Follow-on findings -----------------------------------------------------------


@pytest.mark.parametrize("unread", [True, False])
def test_a_broken_source_draws_no_unattested_name(fixture_site: Path, unread: bool) -> None:
    """A name that stands only in a source with an error is not reported again as unattested."""
    from dataclasses import replace

    from generator.checking import Evidence
    from generator.editorial import review
    from generator.reading import ProjectPaths, load_project

    edit(fixture_site / "seeds/herald.txt", "called for", "(Lev Samplev) called for")
    edit(
        fixture_site / "content/people/lev-sample.yaml",
        "summary:",
        'spellings:\n  - text: "Lev Samplev"\n    cite:\n      - source: herald\n'
        '        quote: "Lev Samplev"\nsummary:',
    )
    found: list[Diagnostic] = []
    project = load_project(ProjectPaths.at(fixture_site), found)
    assert project is not None and found == []
    # As the preview holds it while herald.yaml has an error: read without it.
    sources = {sid: s for sid, s in project.sources.items() if sid != "herald"}
    project = replace(
        project, sources=sources, unread=frozenset({"sources/herald"} if unread else ())
    )
    diagnostics: list[Diagnostic] = []
    review(project, Evidence({}, {}, frozenset({"gazette"})), diagnostics, dt.date(2024, 4, 1))
    unattested = [d for d in diagnostics if "stands in no source" in d.message]
    assert bool(unattested) is not unread, [d.format() for d in diagnostics]
