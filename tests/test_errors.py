"""Diagnostics as a terminal and a CI log show them (generator.errors)."""

from __future__ import annotations

from generator.errors import LONGEST_MESSAGE, Diagnostic, printable


def test_control_characters_from_the_content_are_shown_as_escapes() -> None:
    d = Diagnostic("content/x.yaml", 3, "name 'A\x1b[31mB\u202e\x00'", "first\nsecond\x07")
    assert d.format() == (
        "content/x.yaml:3: name 'A\\x1b[31mB\\u202e\\x00'\n    first\n    second\\x07"
    )


def test_a_very_long_message_is_shortened_in_the_middle() -> None:
    text = "a" * 5000 + "END"
    shown = printable(text)
    assert len(shown) < LONGEST_MESSAGE + 40
    assert shown.startswith("a" * 100) and shown.endswith("END")
    assert "[…3,003 characters…]" in shown


def test_plain_text_is_left_as_it_is() -> None:
    text = "Trufanov (Трупанов), 7 October 2023 — \u2018quoted\u2019, \u05e9\u05dc\u05d5\u05dd"
    assert printable(text) == text
