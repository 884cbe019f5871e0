"""Names: a spelling of a listed name that the person's file does not list, and a listed name that
stands in no source.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator

from generator.checking.quotes import fold, fold_text
from generator.editorial.findings import Finding, _line, _seed
from generator.errors import Diagnostic
from generator.model import Person, Project

_WORD = re.compile(r"[^\W\d_]+")
_TRANSLITERATIONS = (
    ("kh", "h"),
    ("ph", "f"),
    ("ou", "u"),
    ("oo", "u"),
    ("ck", "k"),
    ("off", "ov"),
    ("ff", "f"),
    ("w", "v"),
    ("ye", "e"),
    ("y", "i"),
    ("j", "i"),
    ("p", "f"),
)


def transliteration_key(word: str) -> str:
    """Fold the usual variants of Russian and Arabic names to one form.

    ou/oo -> u, kh -> h, ph/p -> f, -off -> -ov, w -> v, y/j -> i, doubled letters
    single: Troufanov, Trupanov and Trufanoff all fold to 'trufanov'.
    """
    key = word.casefold()
    for old, new in _TRANSLITERATIONS:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


def within_edits(a: str, b: str, limit: int) -> bool:
    """Whether ``a`` becomes ``b`` in at most ``limit`` insertions, deletions or substitutions.

    The Levenshtein distance, bounded: the common ends are cut off, and at the
    first difference one of the three edits must be made, so at most 3**limit
    branches remain; the checks ask for one or two edits of some ten thousand
    pairs of names, where a full table of distances costs 25 times as much.
    """
    if abs(len(a) - len(b)) > limit:
        return False
    start, shorter = 0, min(len(a), len(b))
    while start < shorter and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a, end_b = end_a - 1, end_b - 1
    a, b = a[start:end_a], b[start:end_b]
    if not a or not b:
        return len(a) + len(b) <= limit
    if limit == 0:
        return False
    return (
        within_edits(a[1:], b[1:], limit - 1)
        or within_edits(a[1:], b, limit - 1)
        or within_edits(a, b[1:], limit - 1)
    )


def _name_words(person: Person) -> set[str]:
    words = set(_WORD.findall(person.name))
    for spelling in person.spellings:
        words.update(_WORD.findall(spelling.text))
    return {w for w in words if w[:1].isupper()}


_TOKEN = re.compile(r"[^\W\d_]+|\d+")
"""Runs of letters (as in _WORD) and runs of digits: names are looked up by these."""


def word_index(texts: dict[str, str], names: Collection[str]) -> dict[str, set[str]]:
    """Map each capitalised word, and each token of ``names``, to the sources it stands in.

    The checks look a name up here first, so that their cost grows with the
    sources that mention a person, not with every source times every person;
    the spelling check reads every capitalised word. The other words (most of
    an article) are left out: indexing them cost more than the rest of the check.
    """
    index: dict[str, set[str]] = defaultdict(set)
    tokens_of: dict[str, list[str]] = {}  # chunk -> the tokens indexed, for chunks that have any
    seen: set[str] = set()
    for sid, text in texts.items():
        # Tokens hold no white space: split on it first, in C. The texts share most of
        # their words, so each chunk is looked at once, and set operations pick the
        # chunks that hold a token to index.
        chunks = set(text.split())
        new = chunks - seen
        for chunk in new:
            found = [t for t in _TOKEN.findall(chunk) if t[:1].isupper() or t in names]
            if found:
                tokens_of[chunk] = found
        seen |= new
        for token in set().union(*map(tokens_of.__getitem__, chunks & tokens_of.keys())):
            index[token].add(sid)
    return index


def _printed(person: Person) -> list[str]:
    """The person's name and listed spellings: what the sources may print."""
    return [person.name, *(s.text for s in person.spellings)]


def _looks_like(
    word: str,
    known: dict[str, set[tuple[str, str]]],
    by_initial: dict[str, list[tuple[str, str, str]]],
) -> tuple[str, str] | None:
    """Return (person id, listed word) that ``word`` is probably a spelling of, if any.

    Short words must fold to the same key (Musa, Mousa); from six letters one
    edit is allowed on the folded keys, from nine two. The first letters must
    agree (``by_initial``): most false friends differ there.
    """
    key = transliteration_key(word)
    matches = list(known.get(key, ()))
    if not matches and len(key) >= 6:
        for other, pid, w in by_initial.get(key[:1], ()):
            shorter = min(len(key), len(other))
            limit = 2 if shorter >= 9 else 1
            near = shorter >= 6 and abs(len(other) - len(key)) <= limit
            if near and within_edits(key, other, limit):
                matches.append((pid, w))
    return min(matches) if matches else None


def spellings(
    project: Project, texts: dict[str, str], index: dict[str, set[str]]
) -> Iterator[Finding]:
    """Report capitalised words of the sources that look like a listed name but are not one."""
    known: dict[str, set[tuple[str, str]]] = defaultdict(set)  # key -> {(person id, word)}
    every: set[str] = set()  # casefolded: HERKIN in a headline is the listed Herkin
    for pid, person in project.people.items():
        for w in _name_words(person):
            known[transliteration_key(w)].add((pid, w))
            every.add(w.casefold())
    by_initial: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for key, owners in known.items():
        for pid, w in sorted(owners):
            by_initial[key[:1]].append((key, pid, w))
    suspects: dict[str, tuple[str, str]] = {}
    for word in index:
        if word[:1].isupper() and len(word) >= 4 and word.casefold() not in every:
            found = _looks_like(word, known, by_initial)
            if found is not None:
                suspects[word] = found
    where: dict[str, list[tuple[int, str]]] = defaultdict(list)  # source -> (offset, word)
    for word in suspects:
        pattern = re.compile(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])")
        for sid in index[word]:
            if match := pattern.search(texts[sid]):
                where[sid].append((match.start(), word))
    for sid in sorted(where):
        source, text = project.sources[sid], texts[sid]
        for offset, word in sorted(where[sid]):
            pid, like = suspects[word]
            person = project.people[pid]
            yield Finding(
                "spelling",
                word,
                (f"people/{pid}", f"sources/{sid}"),
                Diagnostic(
                    _seed(source),
                    _line(text, offset),
                    f"'{word}' in source '{sid}' looks like a spelling of {person.name}"
                    f" ('{like}') that is not listed",
                    f"add it under 'spellings' in {person.where.path} with a quote, or"
                    f" acknowledge it there: {{check: spelling, subject: {word},"
                    " reason: ...}",
                    "warning",
                ),
            )


def _sources_with(words: Iterable[str], index: dict[str, set[str]]) -> set[str]:
    """The sources in which every one of ``words`` stands."""
    found: set[str] | None = None
    for word in sorted(words, key=lambda w: len(index.get(w, ()))):
        found = set(index.get(word, ())) if found is None else found & index.get(word, set())
    return found or set()


class _Folded(dict[str, str]):
    """Each source's visible text, folded on first use: source id -> folded text."""

    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__()
        self.texts = texts

    def __missing__(self, sid: str) -> str:
        self[sid] = folded = fold_text(self.texts[sid])
        return folded


def _mentioning(person: Person, index: dict[str, set[str]], folded: _Folded) -> set[str]:
    """The sources in which the person's name or a listed spelling stands."""
    found: set[str] = set()
    for name in _printed(person):
        needle = fold(name)
        for sid in _sources_with(_TOKEN.findall(name), index) - found:
            if needle in folded[sid]:
                found.add(sid)
    return found


def unattested_names(
    project: Project, index: dict[str, set[str]], folded: _Folded
) -> Iterator[Finding]:
    """Report a person's name or listed spelling that stands in no source's visible text."""
    for pid, person in sorted(project.people.items()):
        names = [(person.name, person.where.line, "name")]
        names += [(s.text, s.where.line, "spelling") for s in person.spellings]
        for name, line, what in names:
            needle = fold(name)
            candidates = _sources_with(_TOKEN.findall(name), index)
            if not any(needle in folded[sid] for sid in candidates):
                yield Finding(
                    "unattested-name",
                    name,
                    (f"people/{pid}",),
                    Diagnostic(
                        person.where.path,
                        line,
                        f"the {what} '{name}' stands in no source",
                        "write the name as a source prints it, or acknowledge why not",
                        "warning",
                    ),
                )
