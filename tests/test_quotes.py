import pytest

from generator.quotes import SourceText, anchor_id, fold

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
