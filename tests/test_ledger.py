"""The coverage ledger: the sentence splitter on the real articles' shapes, and the check
through the command line on a fixture project."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from conftest import REPO, replace_text, run

from generator.checking.ledger import sentences


def split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentences(text)]


# The splitter, on passages of the real seeds ------------------------------------


def test_abbreviations_do_not_end_a_sentence() -> None:
    # seeds/001 and seeds/003
    text = (
        "Trufanov, known as Sasha, was abducted on Oct. 7, 2023, with his girlfriend, Sapir"
        " Cohen, from the Nir Oz kibbutz near the Gaza border.\n"
        "Abu Marzook is leading the delegation as Prime Minister Benjamin Netanyahu visits the"
        " U.S. for talks on the second phase.\n"
        "Mr. Putin met J. Smith on Feb. 3 in the U.S. Embassy. He left."
    )
    assert split(text) == [
        "Trufanov, known as Sasha, was abducted on Oct. 7, 2023, with his girlfriend, Sapir"
        " Cohen, from the Nir Oz kibbutz near the Gaza border.",
        "Abu Marzook is leading the delegation as Prime Minister Benjamin Netanyahu visits the"
        " U.S. for talks on the second phase.",
        "Mr. Putin met J. Smith on Feb. 3 in the U.S. Embassy.",
        "He left.",
    ]


def test_quotes_closing_after_the_stop_and_said_after_the_quote() -> None:
    # seeds/001 line 9 and 11, seeds/003 line 2, seeds/000 line 18
    text = (
        'Marzuk told RIA Novosti that "Trufanov will definitely be released in the near future.'
        ' He will be released in the first stage of the deal."\n'
        'Talks on releasing Herkin will be held at a "second stage," he added.\n'
        '"Hamas is ready to make him a top priority," he said. "It is a gesture," he added.\n'
        "Trufanov would “definitely be released in the near future… in the first stage of the"
        " deal,” while talks would be held at a “second stage.”"
    )
    assert split(text) == [
        'Marzuk told RIA Novosti that "Trufanov will definitely be released in the near future.',
        'He will be released in the first stage of the deal."',
        'Talks on releasing Herkin will be held at a "second stage," he added.',
        '"Hamas is ready to make him a top priority," he said.',
        '"It is a gesture," he added.',
        "Trufanov would “definitely be released in the near future… in the first stage of the"
        " deal,” while talks would be held at a “second stage.”",
    ]


def test_lines_run_together_are_taken_apart() -> None:
    # seeds/004 line 11 (an embedded post), seeds/002 line 3 (a byline), seeds/004 line 1
    text = (
        "Look at Maxim\u2019s eyes.Behind them is a huge heart. He makes sure that nothing is"
        " missing at home.Maxim Herkin was abducted.\n"
        "By JERUSALEM POST STAFF FEBRUARY 3, 2025 13:53 Updated: FEBRUARY 3, 2025 13:54Terror"
        " group Hamas will soon release Russian citizen Alexander Troufanov.\n"
        ' date 2025-02-15 Hamas is "considering" releasing hostage Maxim Herkin, 36.\n'
        "On the… pic.twitter.com/TwNEmigfIC — Bring Them Home Now"
    )
    assert split(text) == [
        "Look at Maxim\u2019s eyes.",
        "Behind them is a huge heart.",
        "He makes sure that nothing is missing at home.",
        "Maxim Herkin was abducted.",
        "By JERUSALEM POST STAFF FEBRUARY 3, 2025 13:53 Updated: FEBRUARY 3, 2025 13:54",
        "Terror group Hamas will soon release Russian citizen Alexander Troufanov.",
        "date 2025-02-15",
        'Hamas is "considering" releasing hostage Maxim Herkin, 36.',
        "On the… pic.twitter.com/TwNEmigfIC — Bring Them Home Now",
    ]


def test_a_line_break_ends_a_sentence_and_lines_are_counted() -> None:
    # seeds/002 lines 8 and 9: a subheading without a full stop, then the paragraph.
    text = (
        "Second phase of the hostage deal\n\n  \n—\nNegotiations are meant to begin on Monday."
        " Prime Minister Benjamin Netanyahu is set to meet Trump."
    )
    found = sentences(text)
    assert [(text[s.start : s.end], s.line) for s in found] == [
        ("Second phase of the hostage deal", 1),
        ("Negotiations are meant to begin on Monday.", 5),
        ("Prime Minister Benjamin Netanyahu is set to meet Trump.", 5),
    ]


def test_every_real_seed_splits_into_sentences_that_hold_the_whole_text() -> None:
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        text = seed.read_text("utf-8")
        found = sentences(text)
        assert found and all(a.end <= b.start for a, b in itertools.pairwise(found))
        rest = list(text)
        for s in found:
            rest[s.start : s.end] = " " * (s.end - s.start)
        assert not any(c.isalnum() for c in rest), seed.name  # no word is in no sentence


# The check, through the command line --------------------------------------------


def findings(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    capsys.readouterr()
    run("check", "--project", project, "--format", "json", "-q", *args)
    return json.loads(capsys.readouterr().out)


def ledger_findings(items: list[dict]) -> list[tuple[str, int, str]]:
    return [
        (i["path"], i["line"], i["message"])
        for i in items
        if "not used" in i["message"] or "neither cited" in i["message"]
    ]


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def edit(path: Path, old: str, new: str) -> None:
    replace_text(path, old, new, count=-1)


HERALD = "content/sources/herald.yaml"


def test_the_fixture_accounts_for_every_sentence(fixture_site: Path, capsys) -> None:
    assert ledger_findings(findings(fixture_site, capsys)) == []
    assert run("check", "--project", fixture_site, "--strict") == 0


def test_an_uncovered_sentence_is_reported_at_its_seed_line(fixture_site: Path, capsys) -> None:
    append(fixture_site / "seeds/herald.txt", "\nThe mayor of Example City declined to comment.\n")
    found = ledger_findings(findings(fixture_site, capsys))
    assert found == [
        (
            "seeds/herald.txt",
            6,
            "sentence of source 'herald' neither cited nor declared not used:"
            ' "The mayor of Example City declined to comment."',
        )
    ]
    capsys.readouterr()
    assert run("check", "--project", fixture_site) == 0  # a warning
    err = capsys.readouterr().err
    assert "add it to 'not_used' in content/sources/herald.yaml with a reason" in err
    assert run("check", "--project", fixture_site, "--strict") == 1


def test_not_used_may_cover_part_of_a_sentence_or_several(fixture_site: Path, capsys) -> None:
    append(
        fixture_site / "seeds/herald.txt",
        "\nThe mayor declined to comment. Schools stayed closed. Talks go on, officials said.\n",
    )
    assert len(ledger_findings(findings(fixture_site, capsys))) == 3
    edit(
        fixture_site / HERALD,
        "not_used:\n",
        'not_used:\n  - text: "comment. Schools stayed"\n    reason: "Local colour."\n'
        '  - text: "officials said"\n    reason: "Not about the hostages."\n',
    )
    assert ledger_findings(findings(fixture_site, capsys)) == []


def test_a_not_used_passage_that_is_not_in_the_source_is_an_error(
    fixture_site: Path, capsys
) -> None:
    edit(
        fixture_site / HERALD,
        "not_used:\n",
        'not_used:\n  - text: "Sample Heraldd"\n    reason: "A typo."\n',
    )
    items = findings(fixture_site, capsys)
    wrong = [(i["path"], i["line"], i["severity"]) for i in items if "not found" in i["message"]]
    assert wrong == [(HERALD, 9, "error")]
    assert "passage not used not found in source 'herald'" in items[0]["message"]
    assert (
        "closest: Sample Herald  (seeds/herald.txt:1)\ndiffers: Sample [-Heraldd-]{+Herald+}"
        in items[0]["hint"]
    )
    assert run("check", "--project", fixture_site) == 1


def test_a_not_used_passage_in_a_hidden_one_is_an_error(fixture_site: Path, capsys) -> None:
    edit(
        fixture_site / "content/sources/gazette.yaml",
        "acknowledged:",
        'not_used:\n  - text: "subscribe today"\n    reason: "An ad."\nacknowledged:',
    )
    items = findings(fixture_site, capsys)
    assert [i["message"] for i in items if i["severity"] == "error"] == [
        "passage not used stands only in a passage that source 'gazette' hides as clutter"
    ]


def test_stale_not_used_entries_are_warnings(fixture_site: Path, capsys) -> None:
    # One excuses a sentence a claim cites; one stands where no sentence is.
    append(fixture_site / "seeds/herald.txt", "\n* * *\n")
    edit(
        fixture_site / HERALD,
        "not_used:\n",
        'not_used:\n  - text: "has been held since the attack"\n    reason: "Old news."\n'
        '  - text: "* * *"\n    reason: "A separator."\n',
    )
    found = ledger_findings(findings(fixture_site, capsys))
    assert found == [
        (
            HERALD,
            9,
            "passage not used 'has been held since the attack' covers a sentence that is"
            ' cited: "Dana Example, 35, has been held since the attack on the vil…"'
            " (seeds/herald.txt:3)",
        ),
        (HERALD, 11, "passage not used '* * *' covers no sentence of source 'herald'"),
    ]


def test_uncovered_sentences_can_be_acknowledged_for_a_source(fixture_site: Path, capsys) -> None:
    append(fixture_site / "seeds/herald.txt", "\nThe mayor declined to comment.\n")
    edit(
        fixture_site / HERALD,
        "acknowledged:\n",
        "acknowledged:\n  - check: uncovered\n    reason: Not yet read through.\n",
    )
    assert ledger_findings(findings(fixture_site, capsys)) == []
    assert run("check", "--project", fixture_site, "--strict") == 0
    edit(fixture_site / "seeds/herald.txt", "\nThe mayor declined to comment.\n", "")
    assert [i["message"] for i in findings(fixture_site, capsys)] == [
        "acknowledged uncovered matches no finding"
    ]


def test_the_source_page_lists_what_is_not_used_and_why(fixture_site: Path) -> None:
    assert run("build", "--project", fixture_site, "--no-search", "-q") == 0
    page = (fixture_site / "site/sources/herald/index.html").read_text("utf-8")
    assert "Passages not used, and why" in page
    assert (
        "<q>Sample Herald</q> Not used: The paper&#39;s name printed above the article;"
        " the outlet is given above.</li>" in page
    )
    gazette = (fixture_site / "site/sources/gazette/index.html").read_text("utf-8")
    assert "Passages not used" not in gazette


def test_the_review_beside_a_large_build_finds_the_same(
    fixture_site: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import build as build_module

    append(fixture_site / "seeds/herald.txt", "\nThe mayor declined to comment.\n")
    serial = ledger_findings(findings(fixture_site, capsys, "--jobs", "1"))
    monkeypatch.setattr(build_module, "BACKGROUND_REVIEW_FROM", 1)
    capsys.readouterr()
    assert run("build", "--project", fixture_site, "--no-search", "--jobs", "2") == 0
    err = capsys.readouterr().err
    assert serial and all(f"{path}:{line}: warning: {m}" in err for path, line, m in serial)


def test_no_ledger_while_a_file_has_errors(fixture_site: Path, capsys) -> None:
    # The broken file's citations are unknown: its sentences are not called uncovered.
    edit(fixture_site / "content/people/dana-example.yaml", "name: Dana Example", "nmae: x")
    items = findings(fixture_site, capsys)
    assert any(i["severity"] == "error" for i in items)
    assert ledger_findings(items) == []


def test_not_used_to_end_covers_the_rest_of_the_article(fixture_site: Path, capsys) -> None:
    append(
        fixture_site / "seeds/herald.txt",
        "\nWeather was mild on Sunday.\nMarkets were calm. Trains ran late.\n",
    )
    assert len(ledger_findings(findings(fixture_site, capsys))) == 3
    edit(
        fixture_site / HERALD,
        "not_used:\n",
        'not_used:\n  - text: "Weather was mild"\n    to_end: true\n'
        '    reason: "The paper\'s closing round-up."\n',
    )
    assert ledger_findings(findings(fixture_site, capsys)) == []
    assert run("build", "--project", fixture_site, "-q", "--no-search") == 0
    page = (fixture_site / "site/sources/herald/index.html").read_text("utf-8")
    assert "<li>From <q>Weather was mild</q> to the end of the article. Not used:" in page


def _both_ways(root: Path) -> list[tuple[bool, int]]:
    """For each source: whether the quick proof holds, and what the exact reckoning finds."""
    from collections import defaultdict

    from generator import editorial
    from generator.checking import check_citations, ledger
    from generator.reading import ProjectPaths, load_project

    found: list = []
    project = load_project(ProjectPaths.at(root), found)
    assert project is not None
    evidence = check_citations(project, found, {})
    cited = defaultdict(list)
    for (sid, _), span in evidence.spans.items():
        cited[sid].append(span)
    out = []
    for sid, source in project.sources.items():
        visible = editorial._visible(source.text, evidence.hidden.get(sid, ()))
        args = (source, visible, cited.get(sid, []), evidence.unused.get(sid, ()))
        quick = ledger._accounted(*args)
        cuts_only = list(ledger._reckon(*args))
        out.append((quick, len(cuts_only)))
    return out


@pytest.mark.parametrize("where", ["real", "fixture", "fixture with an uncovered sentence"])
def test_the_quick_proof_never_hides_a_finding(fixture_site: Path, where: str) -> None:
    if where == "fixture with an uncovered sentence":
        append(fixture_site / "seeds/herald.txt", "\nThe mayor declined to comment.\n")
    root = REPO if where == "real" else fixture_site
    results = _both_ways(root)
    assert all(found == 0 for quick, found in results if quick)
    if where.endswith("sentence"):
        assert any(not quick and found for quick, found in results)
