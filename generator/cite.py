"""``explainer cite SOURCE "some words"``: a ready-to-paste citation of a passage of a seed.

A quote must stand verbatim in its seed, and copying it out of a long article by
hand is where quotes go wrong (a curly apostrophe, a word left out). This finds
the words as the build does (typography folded, letters and case exact, hidden
clutter excluded) and prints the passage as the seed prints it, YAML-quoted,
with its line. Words that are not there exactly get the closest passages instead,
compared without regard to case, so that an editor can pick one.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from generator.checking import hidden_spans
from generator.checking.quotes import SourceText, Span, fold
from generator.errors import UsageError
from generator.model import Source
from generator.reading import load_source
from generator.yamlquote import quoted

CLOSEST = 3
"""Passages offered at most when the words are not found."""
_ALIKE = 0.5
"""How alike (difflib's ratio) a passage must be to be offered, beyond the closest one."""
_CONTEXT = 100
"""Characters of a line shown as context at most."""


@dataclass(frozen=True, slots=True)
class Cited:
    """What ``explainer cite`` prints (YAML, on stdout) and whether the words were found."""

    yaml: str
    found: bool
    message: str = ""
    """One line for stderr when not found: why."""


def cite(project: Path, source_id: str, words: str) -> Cited:
    """Find ``words`` in the seed of source ``source_id``; return the citation to paste."""
    if not fold(words):
        raise UsageError('give the words to cite, e.g. explainer cite SOURCE "was taken"')
    source = load_source(project, source_id)
    text = SourceText(source.text)
    hidden = hidden_spans(source, text, [])
    seed = f"seeds/{source.seed}"
    found = text.find_all(words)
    visible = [s for s in found if not any(s.overlaps(h) for h in hidden)]
    if visible:
        return Cited(_matches(source, text, seed, visible, len(found) - len(visible)), True)
    if found:
        line = text.line_of(found[0].start)
        return Cited(
            "",
            False,
            f"the words stand only in a passage that source '{source.id}' hides as clutter"
            f" ({seed}:{line}): a hidden passage cannot be cited",
        )
    lines = [f"# not in {seed} as given (letters and case must match); the closest passages:"]
    for span, ratio in closest(text, words, hidden):
        lines.append(f"# {seed}:{text.line_of(span.start)} ({ratio:.0%} alike)")
        lines.append(_entry(source.id, _passage(text, span)))
    return Cited(
        "\n".join(lines) + "\n",
        False,
        f"the words are not in {seed} as given; the closest passages are printed above",
    )


def _entry(source_id: str, quote: str) -> str:
    return f"- source: {source_id}\n  quote: {quoted(quote)}"


def _passage(text: SourceText, span: Span) -> str:
    """The passage as the seed prints it, on one line (whitespace runs are one space)."""
    return " ".join(text.text[span.start : span.end].split())


def _matches(source: Source, text: SourceText, seed: str, spans: list[Span], hidden: int) -> str:
    first = spans[0]
    lines = [f"# {seed}:{text.line_of(first.start)}", _entry(source.id, _passage(text, first))]
    if len(spans) > 1:
        lines.append(
            f"# the words stand {len(spans)} times in {seed}; the build cites the first one"
            " that is not hidden (above); quote more words to cite another:"
        )
        lines += [f"#   {seed}:{text.line_of(s.start)}: {_context(text, s)}" for s in spans]
    if hidden:
        lines.append(f"# and {hidden} time(s) in a passage the source hides, which is never cited")
    return "\n".join(lines) + "\n"


def _context(text: SourceText, span: Span) -> str:
    """The seed's line around ``span``, shortened to about :data:`_CONTEXT` characters."""
    start = text.text.rfind("\n", 0, span.start) + 1
    end = text.text.find("\n", span.end)
    end = len(text.text) if end == -1 else end
    if end - start > _CONTEXT:
        middle = (span.start + span.end) // 2
        start = max(start, middle - _CONTEXT // 2)
        end = min(end, start + _CONTEXT)
        return "…" + " ".join(text.text[start:end].split()) + "…"
    return " ".join(text.text[start:end].split())


def closest(text: SourceText, words: str, hidden: tuple[Span, ...]) -> list[tuple[Span, float]]:
    """Up to :data:`CLOSEST` passages most like ``words``, apart from each other, best first.

    Like :meth:`SourceText.closest` (windows of as many words as the quote, one more
    or fewer), but case is ignored, hidden passages are left out, and several are
    kept: the passage meant is not always the most alike.
    """
    needle = fold(words).lower()
    count = max(1, len(needle.split()))
    folded = text.folded.lower()
    spans = [m.span() for m in re.finditer(r"\S+", folded)]
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    scored: list[tuple[float, int, int]] = []
    for width in sorted({count, count + 1, max(1, count - 1)}):
        for i in range(max(0, len(spans) - width + 1)):
            start, end = spans[i][0], spans[i + width - 1][1]
            matcher.set_seq1(folded[start:end])
            if matcher.real_quick_ratio() < _ALIKE / 2 or matcher.quick_ratio() < _ALIKE / 2:
                continue
            scored.append((matcher.ratio(), start, end))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[tuple[Span, float]] = []
    for ratio, start, end in scored:
        if chosen and ratio < _ALIKE:
            break
        span = text.span(start, end)
        if any(span.overlaps(h) for h in hidden) or any(span.overlaps(c) for c, _ in chosen):
            continue
        chosen.append((span, ratio))
        if len(chosen) == CLOSEST:
            break
    return chosen
