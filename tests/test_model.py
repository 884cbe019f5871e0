"""What the content model works out by itself (generator.model)."""

from __future__ import annotations

import pytest

from generator.model import direction


@pytest.mark.parametrize(
    ("tag", "way"),
    [
        ("en", "ltr"),
        ("ru", "ltr"),
        ("he", "rtl"),
        ("HE", "rtl"),
        ("ar-EG", "rtl"),
        ("fa", "rtl"),
        ("yi", "rtl"),
        ("ku-Arab", "rtl"),  # a script subtag decides
        ("az-Latn", "ltr"),
        ("sd-Deva", "ltr"),
        ("zh-Hant-TW", "ltr"),
    ],
)
def test_direction_of_a_language_tag(tag: str, way: str) -> None:
    assert direction(tag) == way
