"""Lay out a source's article for its page: visible paragraphs, quoted passages marked.

Hidden clutter is dropped, each line of the seed becomes a paragraph, and a
passage that runs across lines is marked in each of them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from generator.checking.quotes import Span

if TYPE_CHECKING:
    from generator.views import PageLink


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of article text: plain, or inside one or more quoted passages."""

    text: str
    marked: bool
    anchors: tuple[str, ...] = ()
    """Ids of the passages that start here."""
    ends: tuple[str, ...] = ()
    """Ids of the passages that end here."""


def article_paragraphs(
    text: str, hidden: tuple[Span, ...], passages: list[tuple[Span, str, list[PageLink]]]
) -> list[list[Piece]]:
    """Split a source's visible text into paragraphs of plain and marked pieces."""
    visible = []
    at = 0
    for span in hidden:
        if span.start > at:
            visible.append((at, span.start))
        at = max(at, span.end)
    visible.append((at, len(text)))
    starts: dict[int, list[str]] = defaultdict(list)
    ends: dict[int, list[str]] = defaultdict(list)
    for span, anchor, _ in passages:
        starts[span.start].append(anchor)
        ends[span.end].append(anchor)
    cuts = sorted({*starts, *ends})
    covers = [(span.start, span.end) for span, _, _ in passages]
    paragraphs: list[list[Piece]] = []
    for lo, hi in visible:
        offset = lo
        for line in text[lo:hi].split("\n"):
            begin, end = offset, offset + len(line)
            offset = end + 1
            if not line.strip():
                continue
            inside = cuts[bisect_right(cuts, begin) : bisect_left(cuts, end)]
            if not inside and not any(s < end and begin < e for s, e in covers):
                # the common case: a line no passage touches is one plain piece
                anchors, closing = tuple(starts.get(begin, ())), tuple(ends.get(end, ()))
                paragraphs.append([Piece(line, False, anchors, closing)])
                continue
            pieces = []
            for a, b in pairwise([begin, *inside, end]):
                if a == b:
                    continue
                pieces.append(
                    Piece(
                        text[a:b],
                        any(s <= a and b <= e for s, e in covers),
                        tuple(starts.get(a, ())),
                        tuple(ends.get(b, ())),
                    )
                )
            if pieces:
                paragraphs.append(pieces)
    return paragraphs
