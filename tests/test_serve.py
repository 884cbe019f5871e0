"""The preview's error page lists every problem, escaped."""

from __future__ import annotations

from html.parser import HTMLParser

from generator.errors import ContentError, Diagnostic
from generator.serve import error_page


class _Items(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "li":
            self.items.append("")

    def handle_data(self, data):
        if self.items:
            self.items[-1] += data


def test_error_page_lists_every_diagnostic_escaped() -> None:
    exc = ContentError(
        [
            Diagnostic("content/people/a.yaml", 3, "unknown field 'nmae'", "did you mean"),
            Diagnostic("content/events/x.yaml", 9, "bad <script>alert(1)</script> date"),
        ]
    )
    parser = _Items()
    parser.feed(error_page(exc).decode())
    assert len(parser.items) == 2
    assert parser.items[0].startswith("content/events/x.yaml:9: bad <script>")
    assert parser.items[1].startswith("content/people/a.yaml:3: unknown field 'nmae'")
    assert "script" not in parser.tags
