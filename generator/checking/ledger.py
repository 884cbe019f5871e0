"""The coverage ledger: every sentence of every source is cited, or declared not used.

Completeness cannot rest on a reviewer's memory. An article is read sentence
by sentence (its hidden passages left out); each sentence must be cited, in
part or whole, by some claim of the content, or fall under a ``not_used``
entry of the source's file, which gives a reason. What is neither is reported
(check ``uncovered``) at the seed's line. A ``not_used`` entry is checked
against the article like a quote (an error if it does not stand there), and
one that covers no sentence, or a sentence that is also cited, is reported so
that excuses do not outlive what they excused.

The sentences are found by :func:`sentences`, which knows what news articles as
received look like: abbreviations ("Oct. 7", "U.S.", "Mr."), initials, quotes
that close after the full stop, and lines that run together ("eyes.Behind",
a byline's "13:54Terror group"). A line break always ends a sentence.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from generator.checking.mismatch import explain
from generator.checking.quotes import SourceText, Span, fold, fold_text
from generator.errors import Diagnostic
from generator.model import NotUsed, Source

SHOWN = 60
"""Characters of a sentence quoted in a warning: enough to find it in the seed."""
HEADLINE_LINES = 3
"""The first sentences that may be the article's headline, which the source page shows."""

_ABBREVIATED = (
    "mr mrs ms messrs dr prof st sr jr gen col lt sgt capt cmdr maj adm rep sen gov pres rev"
    " hon fr no nos vs etc al approx dept est fig inc ltd co corp bros mt ft ave blvd"
    " jan feb mar apr jun jul aug sep sept oct nov dec"
)
ABBREVIATIONS = frozenset(_ABBREVIATED.split(" "))
"""Words that a full stop follows without ending the sentence ("Oct. 7", "Mr. Putin").

Compared without case. "etc." ends a sentence as often as not: it is here all
the same, since joining two sentences hides less than splitting one in two.
"""

_CLOSING = "[\"'\u201d\u2019\u00bb)\\]]*"
"""Closing quotes and brackets, which a sentence's full stop may come before."""
_OPENING = "[\"'\u201c\u2018\u00ab(\\[]*"


def _not_after_abbreviations() -> str:
    """Look-behinds, one per length, that keep a full stop after an abbreviation, an
    initial ("J.") or a word with stops inside ("U.S.") from ending a sentence: checked
    by the regular expression engine, not word by word in Python."""
    lengths: dict[int, list[str]] = {}
    for word in sorted(ABBREVIATIONS):
        lengths.setdefault(len(word), []).append(word)
    found = [rf"(?<!\b(?i:{'|'.join(words)})\.)" for _, words in sorted(lengths.items())]
    return "".join(found) + r"(?<!\b[A-Z]\.)(?<!\.[^\W\d_]\.)"


_BREAK = re.compile(
    rf"""
    (?: \. {_not_after_abbreviations()} | [!?\u2026] ) [.!?\u2026]* {_CLOSING}
    (?: (?= \s+ {_OPENING} [^\W_a-z] )   # then space and a capital or a digit, maybe quoted
      | (?<= [a-z] [.!?] ) (?= [A-Z][a-z] )  # or "eyes.Behind": a line run together
    )
    """,
    re.VERBOSE,
)
"""Where a sentence ends within a line: a full stop (not after an abbreviation), question
or exclamation mark or ellipsis, and any closing quotes, before a capital or a digit."""
_RUN_ON = re.compile(r":\d\d(?=[A-Z][a-z])|-\d\d-\d\d(?=\s+[A-Z])")
"""A byline's "13:54Terror group", a dateline's "date 2025-02-15 Hamas is": the end of a
time or a date, checked for the digits before it. Kept apart from :data:`_BREAK`: a
pattern that starts with a digit is tried at every digit, and costs three times as much."""
_PARAGRAPH = re.compile(r"\n\s*")
"""A line break, with the blank lines after it: a sentence ends there."""
_CONTENT = re.compile(r"[^\W_]")


class Sentence(NamedTuple):
    """A sentence of a source's visible text: offsets into the seed's text, and its line."""

    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class _Cuts:
    """Where a text may be cut into sentences: piece ``k`` is ``text[at[k]:at[k + 1]]``.

    Pieces are sentences with the white space around them, or only white space
    and punctuation (not sentences). The ledger maps each cited passage to the
    pieces it touches by bisection, and looks at the text of a piece only if
    nothing touches it: on a text whose sentences are accounted for, that is
    the blank lines alone.
    """

    at: tuple[int, ...]

    def covered(self, spans: Iterable[Span]) -> list[int]:
        """The indexes of the pieces that ``spans`` overlap (some maybe twice)."""
        at, right = self.at, bisect.bisect_right
        found: list[int] = []
        for span in spans:
            # A found passage is never empty: its last character is at end - 1.
            found.extend(range(right(at, span.start) - 1, right(at, span.end - 1)))
        return found

    def holds_words(self, text: str, k: int) -> bool:
        return _CONTENT.search(text, self.at[k], self.at[k + 1]) is not None

    def sentence(self, text: str, k: int) -> Sentence | None:
        """Piece ``k`` without the white space at its ends, if it holds a letter or a digit."""
        start, end = self.at[k], self.at[k + 1]
        if _CONTENT.search(text, start, end) is None:
            return None
        piece = text[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        return Sentence(start, end, text.count("\n", 0, start) + 1)


@functools.lru_cache(maxsize=256)
def _cuts(text: str) -> _Cuts:
    """Where ``text`` may be cut into sentences (see :func:`sentences`). Memoised for a
    small explainer's preview, which reviews the same texts on every save; bounded, since
    each entry keeps its text (at 2,666 sources, 11 MB that a one-off build never reuses)."""
    newlines = [m.start() for m in _PARAGRAPH.finditer(text)]
    at = [m.end() for m in _BREAK.finditer(text)]
    for m in _RUN_ON.finditer(text):
        digits = (
            text[m.start() - 1 : m.start()]
            if m.group()[0] == ":"
            else text[m.start() - 4 : m.start()]
        )
        if digits.isdigit() and digits.isascii():
            at.append(m.end())
    return _Cuts(tuple(sorted({0, len(text), *newlines, *at})))


def sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences, in order; offsets are those of ``text``.

    A line break ends a paragraph, so a headline, a caption or a byline is a
    sentence of its own; within a line a sentence ends at a full stop, a
    question or exclamation mark (after any closing quotes) followed by a
    capital or a digit, but not after an abbreviation or an initial. Pieces
    without a letter or a digit are not sentences.
    """
    cuts = _cuts(text)
    found = (cuts.sentence(text, k) for k in range(len(cuts.at) - 1))
    return tuple(s for s in found if s is not None)


def not_used_spans(
    source: Source, text: SourceText, hidden: tuple[Span, ...], diagnostics: list[Diagnostic]
) -> tuple[tuple[Span, ...], ...]:
    """Where each ``not_used`` passage of ``source`` stands, outside its hidden passages.

    One tuple per entry, in order. A passage that stands nowhere, or only in
    what the source hides, is an error at its line, as for a quote.
    """
    found: list[tuple[Span, ...]] = []
    for entry in source.not_used:
        places = text.places(entry.text)
        visible = tuple(s for s in places if not any(s.overlaps(h) for h in hidden))
        if entry.to_end and visible:  # from its first place to the end of the article
            visible = (Span(visible[0].start, len(text.text)),)
        found.append(visible)
        if visible:
            continue
        where = entry.where
        if places:
            diagnostics.append(
                Diagnostic(
                    where.path,
                    where.line,
                    f"passage not used stands only in a passage that source '{source.id}'"
                    " hides as clutter",
                    "hidden passages need no 'not_used' entry: remove it",
                )
            )
            continue
        closest, line = text.closest(entry.text)
        diagnostics.append(
            Diagnostic(
                where.path,
                where.line,
                f"passage not used not found in source '{source.id}'",
                explain(entry.text, closest, f"seeds/{source.seed}:{line}", "passage"),
            )
        )
    return tuple(found)


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Uncovered:
    """A sentence neither cited nor declared not used: a warning about its source."""

    source: str
    diagnostic: Diagnostic


def ledger(
    source: Source,
    visible: str,
    cited: list[Span],
    unused: tuple[tuple[Span, ...], ...],
) -> Iterator[Uncovered | Diagnostic]:
    """Account for every sentence of ``source``; yield what is not accounted for.

    ``visible`` is the seed's text with its hidden passages blanked (the
    offsets of the seed), ``cited`` where its cited passages stand, ``unused``
    where each of its ``not_used`` entries stands (:func:`not_used_spans`).
    A sentence among the first few that is (part of) the source's ``headline``
    counts as cited: the source page shows it.
    Yields an :class:`Uncovered` for each sentence neither cited nor declared,
    and a warning for each entry that covers no sentence or a cited one.
    """
    if not _accounted(source, visible, cited, unused):
        # The common case of a kept explainer is proved without cutting the whole text.
        yield from _reckon(source, visible, cited, unused)


def _reckon(
    source: Source,
    visible: str,
    cited: list[Span],
    unused: tuple[tuple[Span, ...], ...],
) -> Iterator[Uncovered | Diagnostic]:
    """The exact reckoning of :func:`ledger`: the whole text cut into sentences."""
    cuts = _cuts(visible)
    is_cited = bytearray(len(cuts.at))
    for k in cuts.covered(cited):
        is_cited[k] = 1
    if source.headline:  # shown as the source page's title: used, if the text prints it
        headline = fold(source.headline)
        for k in range(min(HEADLINE_LINES, len(cuts.at) - 1)):
            if fold_text(visible[cuts.at[k] : cuts.at[k + 1]]) in headline:
                is_cited[k] = 1
    declared = bytearray(len(cuts.at))
    for entry, spans in zip(source.not_used, unused, strict=False):
        if not spans:  # a passage found nowhere is an error of the check's
            continue
        covers = cuts.covered(spans)
        for k in covers:
            declared[k] = 1
        if any(is_cited[k] for k in covers) or not cuts.holds_words(visible, covers[0]):
            yield from _stale(source, entry, sorted(set(covers)), is_cited, cuts, visible)
    seed = f"seeds/{source.seed}"
    for k in range(len(cuts.at) - 1):
        if is_cited[k] or declared[k] or (sentence := cuts.sentence(visible, k)) is None:
            continue
        shown = _shown(visible[sentence.start : sentence.end])
        yield Uncovered(
            source.id,
            Diagnostic(
                seed,
                sentence.line,
                f"sentence of source '{source.id}' neither cited nor declared not used:"
                f' "{shown}"',
                f"cite it from a claim, or add it to 'not_used' in {source.where.path} with a"
                ' reason: {text: "...", reason: "..."}',
                "warning",
            ),
        )


def _accounted(
    source: Source,
    visible: str,
    cited: list[Span],
    unused: tuple[tuple[Span, ...], ...],
) -> bool:
    """True if :func:`ledger` would find nothing to report; False if it may.

    A line break always ends a sentence, so the lines can be looked at one by
    one: a line whose every letter is cited or declared holds no uncovered
    sentence, and only a line with a letter that nothing covers is cut into
    sentences. Each ``not_used`` entry must hold a letter and share no line with
    a citation (or with a headline the source page shows), or the exact
    reckoning of :func:`ledger` is left to judge it. Never True where that
    reckoning would report something: whatever is in doubt answers False.
    """
    if any(not spans for spans in unused):
        return False
    declared = [span for spans in unused for span in spans]
    first_line = visible.find("\n")
    first_line = len(visible) if first_line == -1 else first_line
    for span in declared:
        if _CONTENT.search(visible, span.start, span.end) is None:
            return False  # it may cover no sentence
        line_start = visible.rfind("\n", 0, span.start) + 1
        line_end = visible.find("\n", span.end - 1)
        line_end = len(visible) if line_end == -1 else line_end
        if source.headline and line_start <= first_line:
            return False  # it may cover the headline, which counts as cited
        if any(s.start < line_end and line_start < s.end for s in cited):
            return False  # it may share a sentence with a citation
    covered = sorted([*cited, *declared], key=lambda s: s.start)
    headline = fold(source.headline) if source.headline else None
    at = 0
    for span in [*covered, Span(len(visible), len(visible))]:
        gap = span.start > at and _CONTENT.search(visible, at, span.start) is not None
        if gap and not _gap_within_covered_sentences(visible, at, span.start, covered, headline):
            return False
        at = max(at, span.end)
    return True


def _gap_within_covered_sentences(
    visible: str, start: int, end: int, covered: list[Span], headline: str | None
) -> bool:
    """True if every sentence holding a letter of ``visible[start:end]``, which nothing
    covers, also holds a covered letter (or is the headline): the lines it touches are
    cut into sentences, alone."""
    line_start = visible.rfind("\n", 0, start) + 1
    line_end = visible.find("\n", end)
    line_end = len(visible) if line_end == -1 else line_end
    line = visible[line_start:line_end]
    cuts = _cuts(line)
    for k in range(len(cuts.at) - 1):
        piece_start, piece_end = line_start + cuts.at[k], line_start + cuts.at[k + 1]
        if piece_end <= start or piece_start >= end or not cuts.holds_words(line, k):
            continue
        if any(s.start < piece_end and piece_start < s.end for s in covered):
            continue
        shown_first = line_start == 0 and k < HEADLINE_LINES
        if headline and shown_first and fold_text(line[cuts.at[k] : cuts.at[k + 1]]) in headline:
            continue
        return False
    return True


def _stale(
    source: Source,
    entry: NotUsed,
    covers: list[int],
    is_cited: bytearray,
    cuts: _Cuts,
    visible: str,
) -> Iterator[Diagnostic]:
    """A warning for a ``not_used`` entry that excuses nothing, or excuses what is cited."""
    path, line = entry.where
    if not any(cuts.holds_words(visible, k) for k in covers):
        yield Diagnostic(
            path,
            line,
            f"passage not used '{_shown(entry.text)}' covers no sentence of source '{source.id}'",
            "remove it: it stands in no sentence of the article's visible text",
            "warning",
        )
        return
    both = next((k for k in covers if is_cited[k]), None)
    if both is not None and (first := cuts.sentence(visible, both)) is not None:
        yield Diagnostic(
            path,
            line,
            f"passage not used '{_shown(entry.text)}' covers a sentence that is cited:"
            f' "{_shown(visible[first.start : first.end])}" (seeds/{source.seed}:{first.line})',
            "remove it, or narrow it to the sentences that no claim cites",
            "warning",
        )
