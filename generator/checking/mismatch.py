"""Say where a failing quote differs from the passage most like it, word by word.

A quote of forty words that is one letter off its source reads the same as the
source at a glance; the writer needs to be shown the word. The hint marks each
difference in the style of ``git diff --word-diff``: ``[-what the quote has-]``
then ``{+what the source has+}``, with a few words around it. It names the
typography the check tolerates, as :mod:`generator.checking.quotes` folds it, so that a
quote that fails for a single quote mark against a double one is not told that
"only quote marks may differ".
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

from generator.checking.quotes import TYPOGRAPHY, fold

CONTEXT = 3
"""Words shown on each side of a difference; differences closer than twice this share a line."""


def _tolerated() -> str:
    """The typography :mod:`generator.checking.quotes` folds, as a writer reads it."""
    marks = [f"any of {' '.join(mark + others)} for another" for mark, others in TYPOGRAPHY.items()]
    return f"{', '.join(marks)}, and any run of white space for one space"


TOLERATED = _tolerated()


def explain(quote: str, passage: str, where: str, what: str = "quote") -> str:
    """The hint for a ``what`` (a quote, or a passage to hide) not found: it, the passage
    most like it at ``where`` (``seeds/x.txt:12``), each difference marked, and what
    may differ.

    No text is wrapped in quote marks: a passage that begins with one would
    print as ``""We``.
    """
    quoted, shown = fold(quote).split(), passage.split()
    lines = [f"{what + ':':9}{' '.join(quoted)}", f"closest: {passage}  ({where})"]
    matcher = SequenceMatcher(None, quoted, shown, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    if quoted and same * 2 < len(quoted):
        lines.append(f"differs: in most words: is this the right source, or the right {what}?")
    else:
        lines += [f"differs: {hunk}" for hunk in _hunks(matcher, quoted, shown)]
        lines += _why(matcher, quoted, shown)
        lines.append(f"[-…-] marks the {what}'s words, {{+…+}} the source's")
    lines.append(f"a {what} must be verbatim; tolerated: {TOLERATED}")
    return "\n".join(lines)


def _hunks(matcher: SequenceMatcher[str], quoted: list[str], shown: list[str]) -> Iterator[str]:
    """One line per group of nearby differences, with :data:`CONTEXT` words around it."""
    for group in matcher.get_grouped_opcodes(CONTEXT):
        if all(tag == "equal" for tag, *_ in group):
            continue  # no difference of words: the note on invisible characters says why
        words: list[str] = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                words += quoted[i1:i2]
                continue
            removed = f"[-{' '.join(quoted[i1:i2])}-]" if i1 < i2 else ""
            added = f"{{+{' '.join(shown[j1:j2])}+}}" if j1 < j2 else ""
            words.append(removed + added)
        start, end = group[0][1], group[-1][2]
        yield ("… " if start > 0 else "") + " ".join(words) + (" …" if end < len(quoted) else "")


def _why(matcher: SequenceMatcher[str], quoted: list[str], shown: list[str]) -> list[str]:
    """A line for a difference that looks like typography but is not: the kind of quote
    mark, or letter case."""
    pairs = [
        (" ".join(quoted[i1:i2]), " ".join(shown[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag == "replace"
    ]
    notes = []
    if any(a != b and a.replace("'", '"') == b.replace("'", '"') for a, b in pairs):
        notes.append(
            "a single quote mark (') is not a double one (\"): quote the marks the source has"
        )
    if any(a != b and a.lower() == b.lower() for a, b in pairs):
        notes.append("letter case counts: quote the capitals the source has")
    return notes
