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
from collections.abc import Iterator
from dataclasses import dataclass

from generator.errors import Diagnostic
from generator.model import NotUsed, Source
from generator.quotes import SourceText, Span, fold, fold_text

QUOTE_HINT = "quotes must be verbatim; only quote marks, dashes and whitespace may differ"
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
_BREAK = re.compile(
    rf"""
    (?: [.!?]+ | \u2026 ) {_CLOSING}    # a full stop, question or exclamation mark, an ellipsis
    (?= \s+ {_OPENING} [^\W_a-z] )      # then space and a capital or a digit, maybe quoted
    | (?<= [a-z] [.!?] ) (?= [A-Z][a-z] )        # "eyes.Behind": a line run together
    | (?<= \d:\d\d ) (?= [A-Z][a-z] )            # a byline's "13:54Terror group"
    | (?<= \d{{4}}-\d\d-\d\d ) (?= \s+ [A-Z] )     # a dateline "date 2025-02-15 Hamas is"
    """,
    re.VERBOSE,
)
"""Where a sentence may end within a line (checked against :data:`ABBREVIATIONS`)."""

_WORD_BEFORE = re.compile(r"[\w.]+$")
_CONTENT = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a source's visible text: offsets into the seed's text, and its line."""

    start: int
    end: int
    line: int


def _abbreviated(line: str, stop: int) -> bool:
    """Whether the full stop at ``line[stop]`` ends an abbreviation or an initial."""
    if line[stop] != ".":
        return False
    found = _WORD_BEFORE.search(line, max(0, stop - 20), stop)
    if found is None:
        return False
    word = found.group()
    if "." in word:  # "U.S.", "e.g.": an abbreviation with stops inside
        return True
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return word.casefold() in ABBREVIATIONS


@functools.lru_cache(maxsize=1 << 14)
def sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences, in order; offsets are those of ``text``.

    A line break ends a paragraph, so a headline, a caption or a byline is a
    sentence of its own; within a line a sentence ends at a full stop, a
    question or exclamation mark (after any closing quotes) followed by a
    capital or a digit, but not after an abbreviation or an initial. Pieces
    without a letter or a digit are not sentences. Memoised: the preview
    reviews the same texts on every save.
    """
    found: list[Sentence] = []
    at, number = 0, 1
    for line in text.split("\n"):
        if _CONTENT.search(line):
            start = 0
            for brk in _BREAK.finditer(line):
                end = brk.end()
                if end <= start or (brk.group() and _abbreviated(line, brk.start())):
                    continue
                _add(found, line, start, end, at, number)
                start = end
            _add(found, line, start, len(line), at, number)
        at += len(line) + 1
        number += 1
    return tuple(found)


def _add(found: list[Sentence], line: str, start: int, end: int, at: int, number: int) -> None:
    """Add ``line[start:end]``, without the white space at its ends, if it holds a word."""
    piece = line[start:end]
    if not _CONTENT.search(piece):
        return
    lead = len(piece) - len(piece.lstrip())
    found.append(Sentence(at + start + lead, at + start + len(piece.rstrip()), number))


def not_used_spans(
    source: Source, text: SourceText, hidden: tuple[Span, ...], diagnostics: list[Diagnostic]
) -> tuple[tuple[Span, ...], ...]:
    """Where each ``not_used`` passage of ``source`` stands, outside its hidden passages.

    One tuple per entry, in order. A passage that stands nowhere, or only in
    what the source hides, is an error at its line, as for a quote.
    """
    found: list[tuple[Span, ...]] = []
    for entry in source.not_used:
        places = text.find_all(entry.text)
        visible = tuple(s for s in places if not any(s.overlaps(h) for h in hidden))
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
                f'closest: "{closest}"  (seeds/{source.seed}:{line})\n{QUOTE_HINT}',
            )
        )
    return tuple(found)


def _covered(sentences: tuple[Sentence, ...], ends: list[int], span: Span) -> range:
    """The indexes of the sentences that ``span`` overlaps."""
    first = bisect.bisect_right(ends, span.start)
    last = first
    while last < len(sentences) and sentences[last].start < span.end:
        last += 1
    return range(first, last)


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
    found = sentences(visible)
    ends = [s.end for s in found]
    is_cited = bytearray(len(found))
    for span in cited:
        for i in _covered(found, ends, span):
            is_cited[i] = 1
    if source.headline:  # shown as the source page's title: used, if the text prints it
        headline = fold(source.headline)
        for i, sentence in enumerate(found[:HEADLINE_LINES]):
            if fold_text(visible[sentence.start : sentence.end]) in headline:
                is_cited[i] = 1
    declared = bytearray(len(found))
    for entry, spans in zip(source.not_used, unused, strict=False):
        covers = {i for span in spans for i in _covered(found, ends, span)}
        for i in covers:
            declared[i] = 1
        if spans:  # a passage found nowhere is an error of verify's
            yield from _stale(source, entry, covers, is_cited, found, visible)
    seed = f"seeds/{source.seed}"
    for i, sentence in enumerate(found):
        if is_cited[i] or declared[i]:
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


def _stale(
    source: Source,
    entry: NotUsed,
    covers: set[int],
    is_cited: bytearray,
    found: tuple[Sentence, ...],
    visible: str,
) -> Iterator[Diagnostic]:
    """A warning for a ``not_used`` entry that excuses nothing, or excuses what is cited."""
    path, line = entry.where
    if not covers:
        yield Diagnostic(
            path,
            line,
            f"passage not used '{_shown(entry.text)}' covers no sentence of source '{source.id}'",
            "remove it: it stands in no sentence of the article's visible text",
            "warning",
        )
        return
    cited = sorted(i for i in covers if is_cited[i])
    if cited:
        first = found[cited[0]]
        yield Diagnostic(
            path,
            line,
            f"passage not used '{_shown(entry.text)}' covers a sentence that is cited:"
            f' "{_shown(visible[first.start : first.end])}" (seeds/{source.seed}:{first.line})',
            "remove it, or narrow it to the sentences that no claim cites",
            "warning",
        )
