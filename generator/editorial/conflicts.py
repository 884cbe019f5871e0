"""Conflicts: sources that give a person different ages, abduction dates or interviewers, unless
the person's file shows them as differing.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.checking import citations_of_person
from generator.checking.quotes import fold
from generator.dates import MONTHS
from generator.editorial.findings import Finding, _line, _seed
from generator.editorial.names import _WORD, _Folded, _mentioning, _printed
from generator.errors import Diagnostic
from generator.model import Citation, Disagreement, Person, Project, Source

_MONTH_NUMBERS = {m[:3].casefold(): i for i, m in enumerate(MONTHS, 1)}
_DATE = (
    r"((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s+\d{4})?)"
)
_SKIP_OUTLET = {"Russia", "Russian", "Russia's", "Russia\u2019s", "Israel", "Israeli", "The", "the"}
_WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


@dataclass(frozen=True, slots=True)
class Statement:
    """A value one source gives about one person, found in the source's text."""

    kind: str
    """age, date (of the abduction) or outlet (a statement was made to)."""
    value: str
    """As readers would say it: '27 on 7 October 2023', 'RIA Novosti'."""
    source: Source
    line: int
    printed: str
    """The words of the source that give the value ('29', 'October 7, 2023')."""
    window: tuple[dt.date, dt.date] | None = None
    """For an age: the days on which the person could have been born."""


def _surnames(person: Person) -> set[str]:
    """The words a source refers to a person by: the last word of each spelling."""
    words = {found[-1] for s in _printed(person) if (found := _WORD.findall(s))}
    return {w for w in words if len(w) >= 4}


@dataclass(frozen=True, slots=True)
class _Namesakes:
    """What stands before each surname in the names and spellings of everyone.

    Relatives share surnames; an age printed after a relative's full name is not
    this person's. A prefix that is also the person's own ('Maxim ' of 'Maxim
    Herkin') does not count.
    """

    prefixes: dict[str, set[str]]
    """Surname -> what stands before it in a name or spelling ('Yarden ' for Bibas)."""
    lengths: dict[str, tuple[int, ...]]
    own: dict[str, set[str]]
    """Person id -> the prefixes of its own name and spellings."""

    @classmethod
    def of(cls, project: Project) -> _Namesakes:
        prefixes: dict[str, set[str]] = defaultdict(set)
        own: dict[str, set[str]] = defaultdict(set)
        for pid, person in project.people.items():
            for text in _printed(person):
                words = _WORD.findall(text)
                if len(words) > 1 and text.endswith(words[-1]):
                    prefixes[words[-1]].add(text[: -len(words[-1])])
                    own[pid].add(text[: -len(words[-1])])
        lengths = {name: tuple({len(p) for p in found}) for name, found in prefixes.items()}
        return cls(prefixes, lengths, own)

    def other_than(self, person: Person, name: str, text: str, starts: list[int]) -> list[int]:
        """The ``starts`` of ``name`` in ``text`` that do not end someone else's name."""
        prefixes, own = self.prefixes.get(name), self.own.get(person.id, set())
        if not prefixes or prefixes <= own:
            return starts
        lengths = self.lengths[name]
        return [
            at
            for at in starts
            if not any(
                at >= n and (p := text[at - n : at]) in prefixes and p not in own for n in lengths
            )
        ]


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _birth_window(age: int, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """Who is ``age`` on some day in [first, last] was born in this window (both ends in)."""
    earliest = _years_before(first, age + 1) + dt.timedelta(days=1)
    return earliest, _years_before(last, age)


_TAKEN = r"(?:abducted|kidnapped|taken)"


@functools.lru_cache(maxsize=4096)
def _patterns(name: str) -> tuple[re.Pattern[str], ...]:
    """The name alone, then what gives an age, an age when taken, a date taken, an outlet."""
    n = re.escape(name)
    return tuple(
        re.compile(p)
        for p in (
            rf"\b{n}\b",
            rf"\b{n}, (\d{{1,3}}),",
            rf"\b{n}\b[^.\n]{{0,40}}?\bwas (\d{{1,3}}) when (?:he|she) was {_TAKEN}",
            rf"\b{n}\b[^.\n]{{0,80}}?\b{_TAKEN}\b[^.\n]{{0,80}}?\bon {_DATE}",
            rf"\b{n}\b[^.\n]{{0,60}}?\btold ([^.,;:\"“\n]{{1,60}})",
        )
    )


def _occurrences(name: str, named: re.Pattern[str], text: str) -> list[int]:
    """Where ``name`` stands as a whole word: ``named.finditer``, found faster with str.find."""
    starts, at = [], text.find(name)
    while at != -1:
        if named.match(text, at):
            starts.append(at)
        at = text.find(name, at + 1)
    return starts


def _matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, for a pattern that can only start at ``starts``."""
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)):
            end = max(m.end(), start + 1)
            yield m


def statements(
    person: Person, source: Source, text: str, namesakes: _Namesakes | None = None
) -> Iterator[Statement]:
    """Find the ages, abduction dates and interview outlets a source gives for a person.

    A surname that ends another person's name as printed there ('Yarden Bibas, 34,'
    in an article about Shiri Bibas) is that person's, not this one's (``namesakes``).
    """
    published = source.published.date
    for name in sorted(_surnames(person)):
        named, age_at, age_when, date_when, told = _patterns(name)
        starts = _occurrences(name, named, text)
        if namesakes is not None:
            starts = namesakes.other_than(person, name, text, starts)
        if not starts:
            continue
        for m in _matches(age_at, text, starts):
            age = int(m.group(1))
            window = _birth_window(age, published.first_day(), published.last_day())
            value = f"{age} as of {published.label()}"
            yield Statement("age", value, source, _line(text, m.start()), m.group(1), window)
        for m in _matches(age_when, text, starts):
            if person.captivity is not None:
                age, day = int(m.group(1)), person.captivity.abducted
                window = _birth_window(age, day.first_day(), day.last_day())
                value = f"{age} when abducted on {day.label()}"
                line = _line(text, m.start())
                yield Statement("age", value, source, line, m.group(1), window)
        for m in _matches(date_when, text, starts):
            value, line = _date_value(m.group(1)), _line(text, m.start())
            yield Statement("date", value, source, line, m.group(1))
        for m in _matches(told, text, starts):
            words = re.split(r"\s+(?:that|on|about|in)\s+|\s+two\s", m.group(1))[0].split()
            outlet = " ".join(w for w in words if w[:1].isupper() or w.isdigit()).split()
            outlet = [w for w in outlet if w not in _SKIP_OUTLET and w not in _WEEKDAYS]
            if outlet:
                value = " ".join(outlet)
                yield Statement("outlet", value, source, _line(text, m.start()), value)


def _date_value(text: str) -> str:
    """Return '7 October 2023' for 'October 7, 2023' or 'Oct. 7, 2023'; '7 October' for 'Oct. 7'."""
    parts = re.findall(r"[A-Za-z]+|\d+", text)
    month = MONTHS[_MONTH_NUMBERS[parts[0][:3].casefold()] - 1]
    return " ".join([parts[1], month, *parts[2:3]])


def _disagree(kind: str, found: list[Statement]) -> bool:
    if kind == "age":
        windows = [s.window for s in found if s.window]
        return max(w[0] for w in windows) > min(w[1] for w in windows)
    if kind == "date":  # '7 October' agrees with '7 October 2023'
        days = {tuple(s.value.split()[:2]) for s in found}
        years = {s.value.split()[2] for s in found if len(s.value.split()) > 2}
        return len(days) > 1 or len(years) > 1
    return len({s.value.casefold() for s in found}) > 1


def conflicts(
    project: Project, texts: dict[str, str], index: dict[str, set[str]], folded: _Folded
) -> Iterator[Finding]:
    """Report facts of one kind about one person on which the sources disagree.

    Ages are compared through the birth dates they allow: 27 on 7 October 2023
    allows 8 October 1995 to 7 October 1996, 29 in early February 2025 allows
    1 February 1995 to 10 February 1996; they overlap, so a birthday between
    the two dates explains both. A disagreement is acknowledged by a ``differ``
    entry (on the person or on one of their events) that cites a source of every
    side, or by an ``acknowledged`` entry. The sources compared are those the
    person's file cites and those that print the person's name or a listed
    spelling.
    """
    namesakes = _Namesakes.of(project)
    for pid, person in sorted(project.people.items()):
        by_kind: dict[str, list[Statement]] = defaultdict(list)
        cited = {c.source for cs in citations_of_person(person) for c in cs}
        about = (cited & texts.keys()) | _mentioning(person, index, folded)
        for sid in sorted(about):
            given = statements(person, project.sources[sid], texts[sid], namesakes)
            for s in dict.fromkeys(given):  # two spellings may find one passage twice
                by_kind[s.kind].append(s)
        for kind, found in sorted(by_kind.items()):
            if not _disagree(kind, found):
                continue
            sides: dict[str, list[Statement]] = defaultdict(list)
            for s in found:
                sides[s.value].append(s)
            if _shown_as_differing(project, person, sides.values()):
                continue
            accounts = "; ".join(
                f"{value} ({', '.join(f'{s.source.id}, {_seed(s.source)}:{s.line}' for s in side)})"
                for value, side in sides.items()
            )
            yield Finding(
                "conflict",
                kind,
                (f"people/{pid}",),
                Diagnostic(
                    person.where.path,
                    person.where.line,
                    f"the sources disagree on {person.name}'s {_KIND_WORDS[kind]}: {accounts}",
                    "show both sides in a 'differ' entry citing each source, or acknowledge it:"
                    f" {{check: conflict, subject: {kind}, reason: ...}}",
                    "warning",
                ),
            )


_KIND_WORDS = {"age": "age", "date": "abduction date", "outlet": "interviewer (outlet)"}


def _shown_as_differing(project: Project, person: Person, sides: Iterable[list[Statement]]) -> bool:
    disagreements: list[Disagreement] = list(person.differ)
    for event in project.events:
        if person.id in event.people:
            disagreements.extend(event.differ)
    for d in disagreements:
        cited = [c for claim in d.accounts for c in claim.citations]
        if all(any(_quotes(c, s) for c in cited for s in side) for side in sides):
            return True
    return False


def _quotes(citation: Citation, statement: Statement) -> bool:
    """True if the citation quotes the statement's source where it gives the value."""
    return citation.source == statement.source.id and fold(statement.printed) in fold(
        citation.quote
    )
