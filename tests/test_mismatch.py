"""A failing quote's hint marks the words that differ and names the typography tolerated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run
from hypothesis import given
from hypothesis import strategies as st

from generator.checking.mismatch import explain
from generator.checking.quotes import TYPOGRAPHY, SourceText

LONG = (
    "Residents said a neighbour who saw the attack from across the street had called the "
    "police at once, and that the family had been told to wait for news from the council, "
    "which met on Monday and again on Tuesday to discuss the list of names and the buses."
)


def hint_lines(hint: str) -> dict[str, list[str]]:
    """The hint's lines by their label ('differs', ...), and the unlabelled ones under ''."""
    found: dict[str, list[str]] = {}
    for line in hint.splitlines():
        label, _, rest = line.partition(": ")
        key = label if label.isalpha() and label.islower() and " " not in label else ""
        found.setdefault(key, []).append(rest.strip() if key else line)
    return found


def test_a_one_letter_change_in_a_long_quote_is_marked_with_its_neighbours() -> None:
    quote = LONG.replace("neighbour", "neighbor")
    hint = hint_lines(explain(quote, LONG, "seeds/a.txt:3"))
    assert hint["differs"] == ["Residents said a [-neighbor-]{+neighbour+} who saw the …"]
    assert hint["closest"] == [f"{LONG}  (seeds/a.txt:3)"]


def test_differences_far_apart_get_a_line_each_and_near_ones_share_one() -> None:
    quote = LONG.replace("street", "road").replace("Monday", "Sunday").replace("Tuesday", "Wed")
    differs = hint_lines(explain(quote, LONG, "seeds/a.txt:1"))["differs"]
    assert differs == [
        "… from across the [-road-]{+street+} had called the …",
        "… which met on [-Sunday-]{+Monday+} and again on [-Wed-]{+Tuesday+} to discuss the …",
    ]


def test_a_word_lost_or_gained_is_marked_on_its_side_only() -> None:
    source = "the family had been told to wait"
    assert hint_lines(explain("the family been told to wait", source, "s:1"))["differs"] == [
        "the family {+had+} been told to …"
    ]
    shorter = "the family had been told"
    assert hint_lines(explain("the whole family had been told", shorter, "s:1"))["differs"] == [
        "the [-whole-] family had been …"
    ]


def test_single_for_double_quote_marks_is_named_as_the_difference() -> None:
    """The hint no longer says 'only quote marks may differ' of a quote rejected for one."""
    source = '"We just want them home," she said.'
    hint = explain("'We just want them home,' she said.", source, "seeds/a.txt:2")
    lines = hint_lines(hint)
    assert lines["differs"] == ["[-'We-]{+\"We+} just want them [-home,'-]{+home,\"+} she said."]
    assert "a single quote mark (') is not a double one (\")" in hint
    assert lines["closest"] == [f"{source}  (seeds/a.txt:2)"]  # not ""We
    assert "only quote marks" not in hint


def test_the_tolerated_typography_is_what_the_matcher_folds() -> None:
    hint = explain("a b", "a c", "s:1")
    for mark, others in TYPOGRAPHY.items():
        assert f"any of {' '.join(mark + others)} for another" in hint
    folded = SourceText("\u201cIt\u2019s \u2014 here\u201d").find_all('"It\'s - here"')
    assert folded, "the hint names typography the matcher does not fold"


def test_case_is_named_and_a_passage_unlike_the_quote_says_so() -> None:
    assert "letter case counts" in explain("the Council met", "the council met", "s:1")
    hint = hint_lines(explain("nothing of the sort here at all", "the council met", "s:1"))
    assert hint["differs"] == [
        "in most words: is this the right source, or the right quote?",
    ]


@given(st.text(), st.text())
def test_every_quote_against_its_closest_passage_gets_a_hint(text: str, quote: str) -> None:
    passage, line = SourceText(text).closest(quote)
    hint = explain(quote, passage, f"s:{line}")
    assert hint.splitlines()[1] == f"closest: {passage}  (s:{line})"
    assert hint.splitlines()[-1].startswith("a quote must be verbatim; tolerated: any of")


# Through the command line, as a writer sees it ----------------------------------------


def break_quotes(project: Path) -> None:
    """The two cases of issue 17: a one-letter typo and single for double quote marks."""
    person = project / "content/people/dana-example.yaml"
    text = person.read_text("utf-8")
    text = text.replace("the village of Examplefield", "the vilage of Examplefield", 1)
    text = text.replace(
        'quote: "Her brother, Lev Sample, told reporters"',
        "quote: \"Her brother, Lev Sample, told reporters that the family is 'waiting for any"
        " sign' of her.\"",
        1,
    )
    person.write_text(text, "utf-8")


def test_check_marks_the_differences_in_text(fixture_site: Path, capsys) -> None:
    break_quotes(fixture_site)
    assert run("check", "--project", fixture_site) == 1
    err = capsys.readouterr().err
    assert "    differs: … home in the [-vilage-]{+village+} of Examplefield\n" in err
    assert (
        "    differs: … the family is [-'waiting-]{+\"waiting+} for any [-sign'-]{+sign\"+}"
        " of her.\n"
    ) in err
    # The passage stops where the quote does, not at the comma after it.
    assert "of Examplefield  (seeds/gazette.txt:5)\n" in err


def test_check_marks_the_differences_in_json(fixture_site: Path, capsys) -> None:
    break_quotes(fixture_site)
    capsys.readouterr()
    assert run("check", "--project", fixture_site, "--format", "json", "-q") == 1
    items = [d for d in json.loads(capsys.readouterr().out) if "quote not found" in d["message"]]
    assert [d["line"] for d in items] == [7, 20]
    assert "\ndiffers: … home in the [-vilage-]{+village+} of Examplefield\n" in items[0]["hint"]
    assert "a single quote mark (') is not a double one" in items[1]["hint"]


@pytest.mark.parametrize("passage", ["Advertisement: subscribe today for just two coins."])
def test_a_passage_to_hide_that_is_not_found_is_marked_too(
    fixture_site: Path, passage: str, capsys
) -> None:
    source = fixture_site / "content/sources/gazette.yaml"
    source.write_text(
        source.read_text("utf-8").replace(
            "Advertisement: subscribe today for just one coin.", passage
        ),
        "utf-8",
    )
    assert run("check", "--project", fixture_site) == 1
    err = capsys.readouterr().err
    assert "passage to hide not found in seeds/gazette.txt" in err
    assert "    passage: Advertisement: subscribe today for just two coins.\n" in err
    assert "    differs: … today for just [-two coins.-]{+one coin.+}\n" in err
