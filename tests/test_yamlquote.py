"""A string written by generator.yamlquote reads back the same."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.yamlquote import quoted


def test_awkward_strings_read_back() -> None:
    for text in ['He said "no": # not a comment', "a\nb", "tab\there", "\u2028", "\x85", "- x"]:
        assert yaml.safe_load(f"quote: {quoted(text)}") == {"quote": text}


@given(st.text(st.characters(exclude_categories=("Cs",))))
def test_any_text_reads_back(text: str) -> None:
    assert yaml.safe_load(f"quote: {quoted(text)}") == {"quote": text}
