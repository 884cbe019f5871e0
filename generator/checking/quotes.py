"""Find a quoted passage in its source, tolerating typography and nothing else.

Curly and straight quotes, apostrophes, dash variants and runs of whitespace
are folded before matching; letters, digits and other punctuation must match
exactly. A source is folded once into a :class:`SourceText`, which maps every
folded position back to the original text so that the passage can be
highlighted where it stands.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.pickled import by_fields

TYPOGRAPHY = {
    "'": "\u2018\u2019\u201a\u201b\u2032`\u00b4",
    '"': "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb",
    "-": "\u2010\u2011\u2012\u2013\u2014\u2015\u2212",
}
"""Each plain mark and the marks that match it: a quote may have any of them for another."""
_FOLD = str.maketrans(
    {char: mark for mark, chars in TYPOGRAPHY.items() for char in chars},
)
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Every character for which ``str.isspace()`` is true (a test keeps this list honest)."""
_FOLD_SPACES = str.maketrans(
    {**{chr(k): v for k, v in _FOLD.items()}, **dict.fromkeys(_WHITESPACE, " ")}
)

_RUN = re.compile(" {2,}")


def _runs(text: str, start: int) -> Iterator[re.Match[str]]:
    """``_RUN.finditer(text, start)``, three times as fast: ``str.find`` looks for each run."""
    at = text.find("  ", start)
    while at != -1:
        run = _RUN.match(text, at)
        assert run is not None
        yield run
        at = text.find("  ", run.end())


class _Translate:
    """``str.translate`` for a table that names a few characters, several times faster.

    ``str.translate`` with such a table looks up every character of a non-ASCII
    text. Here each character the table names is looked for (a scan in C) and
    replaced where it stands: no replacement is itself a character the table
    names, so the order does not matter. Whole articles go through this once
    per build; on the real seeds it is three times as fast as one regular
    expression with a look-up per match, on the synthetic corpus five times.
    """

    def __init__(self, table: dict[int, str]) -> None:
        self._chars = {chr(code): to for code, to in table.items() if chr(code) != to}
        if set(self._chars) & set(self._chars.values()):
            raise ValueError("a replacement is itself replaced")  # a bug of ours

    def __call__(self, text: str) -> str:
        for char, to in self._chars.items():
            if char in text:
                text = text.replace(char, to)
        return text


_fold_typography_and_spaces = _Translate(_FOLD_SPACES)


def fold_text(text: str) -> str:
    """Return ``text`` with typography folded: one kind of quote, of dash, of space."""
    # Every whitespace character becomes a space, so splitting on white space and
    # joining with one space makes each run one space and drops those at the ends:
    # a scan in C, however long the runs (a visible text blanks its hidden passages).
    if text.isascii():
        # Of the table, only the backtick and white space are ASCII, and split() takes
        # every ASCII white space: a third of the time, on plain passages and articles.
        return " ".join(text.replace("`", "'").split())
    return " ".join(_fold_typography_and_spaces(text).split())


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """:func:`fold_text`, memoised, for quotes and names.

    A build folds each quote several times (to check it, to number its note,
    to make its anchor), and the preview does so on every save. Whole articles
    go through :func:`fold_text`, so that they do not crowd the memo.
    """
    return fold_text(text)


@functools.lru_cache(maxsize=1 << 16)
def anchor_id(quote: str) -> str:
    """Return the stable HTML id of a quoted passage (memoised: each page that cites it asks)."""
    return "q-" + hashlib.sha1(fold(quote).encode()).hexdigest()[:10]


@by_fields
@dataclass(frozen=True, slots=True)
class Span:
    """Where a passage stands in a source's original text."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class SourceText:
    """A source's text folded once, for many look-ups.

    Folding keeps every character but one of each run of whitespace, so the
    way back to the original text is a short list of breakpoints, one per run
    longer than one character, and not a position per character.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        spaced = _fold_typography_and_spaces(text)
        lead = len(spaced) - len(spaced.lstrip(" "))  # leading whitespace is dropped, as in fold()
        pieces: list[str] = []
        self._folded_at: list[int] = [0]
        """Folded offsets where the shift below starts to apply, ascending."""
        self._shift: list[int] = [lead]
        """Characters dropped before each breakpoint: original = folded + shift."""
        at, dropped = lead, lead
        for run in _runs(spaced, lead):
            pieces.append(spaced[at : run.start() + 1])
            dropped += run.end() - run.start() - 1
            at = run.end()
            self._folded_at.append(run.start() + 1 - (dropped - (run.end() - run.start() - 1)))
            self._shift.append(dropped)
        pieces.append(spaced[at:])
        self.folded = "".join(pieces)
        self._found: dict[str, list[Span]] = {}

    def _original(self, folded_at: int) -> int:
        """Return the offset in the original text of the folded offset ``folded_at``."""
        return folded_at + self._shift[bisect.bisect_right(self._folded_at, folded_at) - 1]

    def find_all(self, quote: str) -> list[Span]:
        """Return every place ``quote`` stands, in order."""
        if quote not in self._found:
            self._found[quote] = self._find_all(fold(quote))
        return list(self._found[quote])

    def places(self, passage: str) -> list[Span]:
        """:meth:`find_all`, remembering nothing: for long passages looked up once a
        build (a ledger's ``not_used`` paragraphs), whose memo would outweigh the text."""
        return self._find_all(fold_text(passage))

    def _find_all(self, needle: str) -> list[Span]:
        if not needle:
            return []
        spans = []
        at = self.folded.find(needle)
        while at != -1:
            end = at + len(needle) - 1
            spans.append(Span(self._original(at), self._original(end) + 1))
            at = self.folded.find(needle, at + 1)
        return spans

    def closest(self, quote: str) -> tuple[str, int]:
        """Return the passage most like ``quote`` and its 1-based line, for an error message.

        Every run of as many words as the quote, and of one more or fewer (a word the
        quote lost or gained would otherwise shift the passage shown by a word), is
        scored by its longest common subsequence with the quote: rapidfuzz does that
        in C, some fifty times as fast as difflib on the real articles, so a typo is
        reported about as fast as a check that passes. The first of equal scores wins.
        """
        # Imported here: only a quote that fails needs it, and a build pays for its import.
        from rapidfuzz import fuzz, process

        needle = fold(quote)
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", self.folded)]
        count = max(1, len(needle.split()))
        starts: list[int] = []
        candidates: list[str] = []
        for width in sorted({count, count + 1, max(1, count - 1)}):
            for i in range(max(0, len(words) - width) + 1):
                window = words[i : i + width]
                if not window:
                    break
                starts.append(window[0][0])
                candidates.append(self.folded[window[0][0] : window[-1][1]])
        best = process.extractOne(needle, candidates, scorer=fuzz.ratio, processor=None)
        if best is None:
            return "", 1
        passage, at = _trimmed(needle, best[0], starts[best[2]])
        return passage, self.line_of(self._original(at))

    def span(self, start: int, end: int) -> Span:
        """Return where the folded text's ``[start, end)`` stands in the original text."""
        return Span(self._original(start), self._original(end - 1) + 1)

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1


def _trimmed(needle: str, passage: str, at: int) -> tuple[str, int]:
    """``passage`` (folded, at offset ``at``) cut to where ``needle`` starts and ends in its
    first and last words, and its new offset.

    A quote may begin or end inside a word ("abducted" of "abducted,") or inside
    the source's quote marks: the passage shown stops where the quote does, so
    that only real differences stand out.
    """
    quoted, shown = needle.split(), passage.split(" ")
    if len(quoted) < 2 or len(shown) < 2:
        return passage, at
    head = _cut(shown[0][::-1], quoted[0][::-1])
    tail = _cut(shown[-1], quoted[-1])
    return passage[head : len(passage) - tail], at + head


def _cut(word: str, quoted: str) -> int:
    """How many characters at the end of the source's ``word`` lie past where the quote's
    ``quoted`` stops: past it if it begins the word, or punctuation where it ends in a
    letter or digit."""
    if word.startswith(quoted):
        return len(word) - len(quoted)
    marks = len(word) - len(_TRAILING_MARKS.sub("", word))
    return marks if quoted[-1:].isalnum() and marks < len(word) else 0


_TRAILING_MARKS = re.compile(r"[^\w]+$")
