"""Links to the very words on the outlet's page: URL text fragments.

A footnote whose source has a known URL also links to ``URL#:~:text=...``, the
WICG "URL Fragment Text Directives" syntax that browsers use to scroll to and
highlight a passage. The directive is the quoted passage as the article prints
it (typography included: browsers match characters, not our folded forms),
with as many words before it as a ``prefix-`` as it takes for the first match
in the article to be the quoted one. The article as we hold it (hidden passages
included, since the outlet's page shows them too) stands for the outlet's page.

:func:`find` applies the specification's matching rules to a text, so that a
test can prove that each directive finds its passage and nothing earlier.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import quote, unquote

_WORD = re.compile(r"\w")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~")
_ASCII = {c: f"%{c:02X}" for c in range(128) if chr(c) not in _UNRESERVED}


def _encode(text: str) -> str:
    """Percent-encode a directive's term, as ``quote(text, safe="")`` would and '-' too
    (the syntax reserves '-', '&' and ','), in one pass of ``str.translate`` for ASCII."""
    text = " ".join(text.split())
    if text.isascii():
        return text.translate(_ASCII)
    return quote(text, safe="").replace("-", "%2D")


def _pattern(words: list[str]) -> str:
    """Words separated by any white space, case-insensitively (the matching rules)."""
    return r"\s+".join(re.escape(w) for w in words)


def _bounded(pattern: str, first: str, last: str) -> re.Pattern[str]:
    """``pattern`` starting and ending at word boundaries, where its ends are word characters."""
    before = r"(?<!\w)" if _WORD.match(first[:1]) else ""
    after = r"(?!\w)" if _WORD.match(last[-1:]) else ""
    return re.compile(before + pattern + after, re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 14)
def directive(text: str, start: int, end: int) -> str:
    """Return the text directive (``text=...``) that finds ``text[start:end]`` first.

    Memoised: a passage is cited on several pages of a build, and the preview
    plans pages again on every save. Most passages stand once in their article,
    which a count shows at once: every place the rules would match holds each of
    the passage's words, and is a place where its words stand, case and white
    space aside. Only the others are searched for the words that tell them apart.
    """
    passage = text[start:end].lower().split()
    lowered = _lower(text)
    if any(lowered.count(word) == 1 for word in sorted(set(passage), key=len, reverse=True)) or (
        _spaced_lower(text).count(" ".join(passage)) == 1
    ):
        return "text=" + _encode(text[start:end])
    words = text[start:end].split()
    target = _bounded(_pattern(words), words[0], words[-1])
    match = target.search(text)
    if match is None or match.start() == start:
        return "text=" + _encode(text[start:end])
    before = text[:start].split()
    for count in range(1, len(before) + 1):
        prefix = before[-count:]
        pattern = _bounded(_pattern(prefix) + r"\s*(" + _pattern(words) + ")", prefix[0], words[-1])
        match = pattern.search(text)
        if match is not None and match.start(1) == start:
            return f"text={_encode(' '.join(prefix))}-,{_encode(text[start:end])}"
    return "text=" + _encode(text[start:end])  # not reached: the whole text before is unique


@functools.lru_cache(maxsize=64)
def _lower(text: str) -> str:
    return text.lower()


@functools.lru_cache(maxsize=64)
def _spaced_lower(text: str) -> str:
    """The text as the rules compare it: case ignored, each run of white space one space."""
    return " ".join(text.lower().split())


def find(text: str, fragment: str) -> tuple[int, int] | None:
    """Return the range of ``text`` that the directive ``fragment``
    (``text=[prefix-,]start[,-suffix]``) highlights first, by the specification's
    rules, or None where it matches nothing.

    The rules, as far as a plain text goes: terms are percent-decoded; matching
    is case-insensitive and at word boundaries; the prefix, then optional white
    space, then the start term must follow each other; likewise the start term,
    optional white space and the suffix. The first such place wins.
    """
    assert fragment.startswith("text=")
    terms = fragment[len("text=") :].split(",")
    prefix = unquote(terms.pop(0)[:-1]) if terms[0].endswith("-") else None
    suffix = unquote(terms.pop()[1:]) if terms[-1].startswith("-") else None
    (start_term,) = (unquote(t) for t in terms)  # no textEnd is generated
    start_words = start_term.split()
    pattern = _pattern(start_words)
    first, last = start_words[0], start_words[-1]
    if prefix is not None:
        pattern = _pattern(prefix.split()) + r"\s*(" + pattern + ")"
        first = prefix.split()[0]
    else:
        pattern = "(" + pattern + ")"
    if suffix is not None:
        pattern += r"\s*" + _pattern(suffix.split())
        last = suffix.split()[-1]
    match = _bounded(pattern, first, last).search(text)
    return None if match is None else match.span(1)
