import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.checking.quotes import SourceText, anchor_id, fold

SOURCE = (
    "Intro line.\n"
    "He said \u201cwe keep our promises\u201d \u2014 and left.\n"
    "It\u2019s the   second\n   line of   text.\n"
    "Final sentence about the village.\n"
)


@pytest.mark.parametrize(
    "quote",
    [
        'He said "we keep our promises" - and left.',  # straight quotes, hyphen for em dash
        "He said \u201cwe keep our promises\u201d \u2013 and left.",  # en dash
        "It's the second line of text.",  # apostrophe and whitespace runs
        "It\u2019s the second\nline   of text.",  # line break inside the quote
    ],
)
def test_typography_folds(quote):
    assert len(SourceText(SOURCE).find_all(quote)) == 1


@pytest.mark.parametrize(
    "quote",
    [
        'He said "we kept our promises" - and left.',  # one word changed
        "It's the second line of texts.",
        "it's the second line of text.",  # case is not typography
        "It's the second line of text!",
    ],
)
def test_changed_words_do_not_match(quote):
    assert SourceText(SOURCE).find_all(quote) == []


def test_span_maps_back_to_original_text():
    text = SourceText(SOURCE)
    (span,) = text.find_all("It's the second line of text.")
    assert SOURCE[span.start : span.end] == "It\u2019s the   second\n   line of   text."


def test_closest_returns_the_right_passage():
    text = SourceText(SOURCE)
    passage, line = text.closest("Final sentense about the vilage.")
    assert passage == "Final sentence about the village."
    assert line == 5
    passage, line = text.closest("we kept our promises")
    assert passage == '"we keep our promises"' or "keep our promises" in passage
    assert line == 2


def test_fold_and_anchor_are_stable():
    assert fold("  a\u2014b \u2018c\u2019\n\n d ") == "a-b 'c' d"
    assert anchor_id("it\u2019s  here") == anchor_id("it's here")
    assert anchor_id("a").startswith("q-") and len(anchor_id("a")) == 12


def test_the_whitespace_list_is_what_isspace_says() -> None:
    from generator.checking.quotes import _WHITESPACE

    every = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert every == _WHITESPACE


def test_positions_map_back_across_runs_of_whitespace() -> None:
    text = "  One\u00a0 two\n\n\tthree \u2019four\u2019  "
    source = SourceText(text)
    assert source.folded == "One two three 'four' "
    for quote in ("One two", "two three", "three 'four'", "four"):
        (span,) = source.find_all(quote)
        assert fold(text[span.start : span.end]) == quote


@pytest.mark.parametrize("table", ["_FOLD", "_FOLD_SPACES"])
def test_the_fast_translation_is_str_translate(table: str) -> None:
    from generator.checking import quotes

    mapping = getattr(quotes, table)
    fast = quotes._Translate(mapping)
    named = "".join(chr(code) for code in mapping)
    samples = [
        "",
        "plain ASCII text, with  spaces\tand\nlines",
        "\u201cCurly\u201d \u2018quotes\u2019 \u2014 dashes \u2013 and\u00a0spaces\u2003here",
        named + "x" + named[::-1],
        "\u05e9\u05dc\u05d5\u05dd \u00ab\u043f\u0440\u0438\u0432\u0435\u0442\u00bb `tick\u00b4",
    ]
    for text in samples:
        assert fast(text) == text.translate(mapping), repr(text)


@given(st.text(alphabet=st.sampled_from(" \t\n\u00a0\u2003ab.\u2019\u201c\u2014`\u05e9")))
def test_fold_text_is_one_space_per_whitespace_run_after_translation(text: str) -> None:
    from generator.checking.quotes import _FOLD, fold_text

    assert fold_text(text) == re.sub(r"\s+", " ", text.translate(_FOLD)).strip()


def test_closest_shows_the_whole_passage_when_the_quote_lost_or_gained_a_word():
    text = SourceText(SOURCE)
    assert text.closest("Final sentence the village.")[0] == "Final sentence about the village."
    assert text.closest("Final sentence about all the village.")[0] == (
        "Final sentence about the village."
    )


def test_closest_finds_a_one_word_change_in_a_long_quote_at_its_line():
    """A 45-word quote with "neighbor" for "neighbour", among look-alike sentences: the
    passage shown is the quoted one, cut where the quote stops ("village", not "village,")."""
    said = (
        "The council said on Monday that the families of the {} who were taken from their "
        "homes near the border would be told first, and that a neighbour who saw the attack "
        "had given the police a full account of what happened in the village, officials said."
    )
    lines = [f"Line {n} of the filler, about talks and convoys." for n in range(60)]
    lines[12] = said.format("twelve")  # a decoy: one word off the quoted sentence too
    lines[36] = said.format("hostages")
    quote = said.format("hostages").replace("neighbour", "neighbor").split(", officials")[0]
    assert len(quote.split()) == 45
    source = SourceText("\n".join(lines))
    passage, line = source.closest(quote)
    assert (passage, line) == (quote.replace("neighbor", "neighbour"), 37)


def test_closest_cuts_the_passage_where_the_quote_starts_and_stops_inside_a_word():
    text = SourceText(SOURCE)
    assert text.closest("sentence about the vilage")[0] == "sentence about the village"
    assert text.closest("nal sentence abut the")[0] == "nal sentence about the"
    assert text.closest("we keep or promises")[0] == "we keep our promises"
    assert text.closest("Intro lines")[0] == "Intro line"
    assert text.closest("He sad")[0] == "He said"


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_fold_text_of_ascii_is_the_general_fold(text: str) -> None:
    """The ASCII shortcut folds exactly as the whole table does, every ASCII character."""
    from generator.checking.quotes import _FOLD, fold_text

    assert text.isascii()
    assert fold_text(text) == re.sub(r"\s+", " ", text.translate(_FOLD)).strip()
