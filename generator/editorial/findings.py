"""What each editorial check returns, and the small helpers they share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.checking.quotes import Span
from generator.dates import PartialDate
from generator.errors import Diagnostic
from generator.model import Source


@dataclass(frozen=True, slots=True)
class Finding:
    """A warning that the content may acknowledge."""

    check: str
    """One of model.EDITORIAL_CHECKS."""
    subject: str
    owners: tuple[str, ...]
    """Files whose acknowledgements apply: 'people/<id>', 'sources/<id>'."""
    diagnostic: Diagnostic


def _visible(text: str, hidden: Iterable[Span]) -> str:
    """Blank the hidden passages (ads, embeds) but keep every line break."""
    pieces, at = [], 0
    for span in sorted(hidden, key=lambda s: s.start):
        start = max(span.start, at)
        if start >= span.end:
            continue
        blank = "\n".join(" " * len(line) for line in text[start : span.end].split("\n"))
        pieces += [text[at:start], blank]
        at = span.end
    pieces.append(text[at:])
    return "".join(pieces)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _day(day: dt.date) -> str:
    return PartialDate(day.year, day.month, day.day).label()


def _seed(source: Source) -> str:
    return f"seeds/{source.seed}"
