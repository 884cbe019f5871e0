"""Editorial checks: the second pair of eyes on a story that keeps moving.

The checks of :mod:`generator.check` prove that the site says only what its
sources say. These look for what an editor would catch on a reread: a name
spelt a new way, an announcement whose day has passed, two sources that
disagree on an age, a source nobody uses. Each check is a small function that
returns :class:`Finding` values; a finding the content acknowledges (an
``acknowledged`` entry with a reason) is dropped, every other one becomes a
warning. An acknowledgement that matches nothing is itself reported, so that
excuses do not outlive what they excused.

The findings that concern readers (announcements overdue) are also returned,
in :class:`~generator.check.Evidence`, for the pages to show.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace

from generator import corrections, ledger
from generator.check import Evidence, Overdue, citations_of_person
from generator.dates import MONTHS, PartialDate
from generator.errors import Diagnostic
from generator.model import Acknowledgement, Citation, Disagreement, Person, Project, Source
from generator.quotes import Span, fold, fold_text


@dataclass(frozen=True, slots=True)
class Finding:
    """A warning that the content may acknowledge."""

    check: str
    """One of model.EDITORIAL_CHECKS."""
    subject: str
    owners: tuple[str, ...]
    """Files whose acknowledgements apply: 'people/<id>', 'sources/<id>'."""
    diagnostic: Diagnostic


SLOW_CHECKS = frozenset({"spelling", "unattested-name", "conflict", "uncovered"})
"""The checks that read every source's text; the preview runs them after the reload."""


def review(
    project: Project,
    evidence: Evidence,
    diagnostics: list[Diagnostic],
    as_of: dt.date | None,
    thorough: bool = True,
    warnings: bool = True,
) -> Evidence:
    """Run the editorial checks; append what is wrong; return the evidence with overdue notes.

    ``as_of`` is the day announcements are judged against; None means the
    newest source's publication date, as for the status of each hostage.
    ``thorough=False`` leaves out :data:`SLOW_CHECKS`, which only ever warn,
    and the acknowledgements of those checks. ``warnings=False`` leaves out
    every check that can only warn, for a caller that reviews beside (the
    preview, a large build): what can be an error, and the overdue notes the
    pages show, are still worked out.
    """
    if evidence.newest is not None:
        diagnostics.extend(taken_after(project, evidence.newest))
        diagnostics.extend(corrections.in_time(project, evidence.newest))
    reference = as_of or (evidence.newest.first_day() if evidence.newest else None)
    stale = []
    if reference is not None:
        why = f"as of {_day(reference)}" + ("" if as_of else ", the date of the newest source")
        stale = list(stale_announcements(project, reference, why))
    if warnings:
        findings = [*(f for f, _, _ in stale), *source_coverage(project, evidence.cited)]
        skipped = set() if thorough else set(SLOW_CHECKS)
        # A source file with an error is reported at its line; a name that stands
        # only in that source would be reported again as unattested: the root
        # cause once, not what follows from it.
        unread = any(u.startswith("sources/") for u in project.unread)
        if unread:
            skipped.add("unattested-name")
        if thorough:
            texts = {
                sid: _visible(s.text, evidence.hidden.get(sid, ()))
                for sid, s in project.sources.items()
            }
            names = {
                t for p in project.people.values() for n in _printed(p) for t in _TOKEN.findall(n)
            }
            index, folded = word_index(texts, names), _Folded(texts)
            findings += [
                *spellings(project, texts, index),
                *(() if unread else unattested_names(project, index, folded)),
                *conflicts(project, texts, index, folded),
            ]
            # A file with an error cites what nobody can tell: no ledger until it is mended.
            if not any(d.severity == "error" for d in diagnostics):
                findings += coverage(project, evidence, texts, diagnostics)
        diagnostics.extend(acknowledge(project, findings, skipped))
    events: dict[str, Overdue] = {}
    people: dict[str, list[Overdue]] = defaultdict(list)
    own = {key.partition(":")[2] for _, key, _ in stale if key.startswith("person:")}
    for _, key, note in stale:
        kind, _, ident = key.partition(":")
        if kind == "person":
            people[ident].append(note)
            continue
        events[ident] = note
        event = next(e for e in project.events if e.id == ident)
        # On a profile the note names its event: "Release announced" on the profile of
        # the official who announced it would read as his own release.
        titled = replace(note, title=event.title)
        for pid in event.people:
            if not (event.kind == "release" and pid in own):  # said by their own note
                people[pid].append(titled)
    return replace(
        evidence,
        overdue_events=events,
        overdue_people={pid: tuple(dict.fromkeys(n)) for pid, n in people.items()},
    )


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


# Spellings -----------------------------------------------------------------

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


# Stale announcements -------------------------------------------------------


def taken_after(project: Project, newest: PartialDate) -> Iterator[Diagnostic]:
    """Errors for captivities that begin after the newest source: no source here can
    report them, and the days held would count backwards."""
    last = newest.last_day()
    for person in project.people.values():
        c = person.captivity
        # The year first: the preview runs this on every save, over every person.
        if c is not None and c.abducted.year >= last.year and c.abducted.first_day() > last:
            yield Diagnostic(
                c.where.path,
                c.where.line,
                f"'abducted' ({c.abducted.label()}) is after the newest source"
                f" ({newest.label()}): no source in this explainer can report it",
                "check the date against the sources",
            )


def stale_announcements(
    project: Project, reference: dt.date, why: str
) -> Iterator[tuple[Finding, str, Overdue]]:
    """Yield announced or expected events (and announced releases) whose date has passed.

    An announcement is overdue when the whole period it names ended before
    ``reference`` and nothing confirms it: no event that happened, of the same
    kind, with one of the same people, on or after the announced date; for a
    release, no ``released`` date for every person in it. Yields the finding, a
    key ('event:<id>' or 'person:<id>') and the overdue announcement as the pages show it.
    """
    for event in project.events:
        if event.status == "happened" or event.date.last_day() >= reference:
            continue
        if _confirmed(project, event.kind, event.people, event.date):
            continue
        yield (
            Finding(
                "stale",
                event.id,
                tuple(f"people/{p}" for p in event.people),
                Diagnostic(
                    event.where.path,
                    event.where.line,
                    f"event '{event.id}' was {event.status} for {event.date.label()}, which has"
                    f" passed {why}, and no source confirms it",
                    "if a source reports that it happened, add it and an event with"
                    " `status: happened`; otherwise acknowledge it with a reason",
                    "warning",
                ),
            ),
            f"event:{event.id}",
            Overdue(event.kind, event.status, event.date),
        )
    # The few people whose release was announced and not reported, in order of id.
    announced = [
        (pid, person, c, c.release_announced)
        for pid, person in project.people.items()
        if (c := person.captivity) is not None
        and c.release_announced is not None
        and c.released is None
    ]
    for pid, person, c, release in sorted(announced, key=lambda item: item[0]):
        if release.last_day() >= reference:
            continue
        when = release.label()
        yield (
            Finding(
                "stale",
                "release_announced",
                (f"people/{pid}",),
                Diagnostic(
                    c.where.path,
                    c.where.line,
                    f"the release of {person.name} was announced for {when}, which has passed"
                    f" {why}, and no source confirms it",
                    "if a source reports the release, add it and `released:`;"
                    " otherwise acknowledge it with a reason",
                    "warning",
                ),
            ),
            f"person:{pid}",
            Overdue("release", "announced", release),
        )


def _confirmed(project: Project, kind: str, people: tuple[str, ...], date: PartialDate) -> bool:
    for other in project.events:
        if (
            other.status == "happened"
            and other.kind == kind
            and (set(other.people) & set(people) or not people)
            and other.date.last_day() >= date.first_day()
        ):
            return True
    if kind != "release" or not people:
        return False
    taken = [project.people.get(pid) for pid in people]
    return all(p is not None and p.captivity and p.captivity.released for p in taken)


# Conflicts -----------------------------------------------------------------

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


# Coverage ------------------------------------------------------------------


def source_coverage(project: Project, cited: Collection[str]) -> Iterator[Finding]:
    """Report sources cited nowhere (not in ``cited``), without a URL or an archive copy of
    it, or with an inferred date."""
    for sid, source in sorted(project.sources.items()):
        owners = (f"sources/{sid}",)
        path, line = source.where.path, source.where.line
        if sid not in cited:
            yield Finding(
                "unused-source",
                sid,
                owners,
                Diagnostic(
                    path,
                    line,
                    f"source '{sid}' is not cited anywhere",
                    "cite it from a fact or an event, or remove it",
                    "warning",
                ),
            )
        if source.url is None:
            yield Finding(
                "no-url",
                sid,
                owners,
                Diagnostic(
                    path,
                    line,
                    f"source '{sid}' has no URL: readers cannot open the original",
                    "add `url:` if it can be found, or acknowledge why it cannot",
                    "warning",
                ),
            )
        if source.url is not None and source.archived is None:
            yield Finding(
                "no-archive",
                sid,
                owners,
                Diagnostic(
                    path,
                    line,
                    f"source '{sid}' has a URL but no archive copy: the article may change or go",
                    "add `archived:` with an archive copy's address, or acknowledge why not",
                    "warning",
                ),
            )
        if source.published.basis == "inferred":
            yield Finding(
                "inferred-date",
                sid,
                owners,
                Diagnostic(
                    path,
                    source.published.line or line,
                    f"source '{sid}' has an inferred date ({source.published.date.label()}):"
                    " dates counted from it are uncertain",
                    "find the stated date, or acknowledge the inference",
                    "warning",
                ),
            )


def coverage(
    project: Project, evidence: Evidence, texts: dict[str, str], diagnostics: list[Diagnostic]
) -> Iterator[Finding]:
    """The coverage ledger (:mod:`generator.ledger`) of every source: a finding for each
    sentence neither cited nor declared not used; warnings (appended to ``diagnostics``,
    not acknowledgeable) for each ``not_used`` entry that excuses nothing or what is cited.

    ``texts`` are the sources' visible texts (hidden passages blanked).
    """
    cited: dict[str, list[Span]] = defaultdict(list)
    for (sid, _), span in evidence.spans.items():
        cited[sid].append(span)
    for sid, source in sorted(project.sources.items()):
        found = ledger.ledger(source, texts[sid], cited.get(sid, []), evidence.unused.get(sid, ()))
        for item in found:
            if isinstance(item, ledger.Uncovered):
                yield Finding("uncovered", sid, (f"sources/{sid}",), item.diagnostic)
            else:
                diagnostics.append(item)


# Acknowledgements ----------------------------------------------------------


def acknowledge(
    project: Project, findings: Iterable[Finding], not_run: Iterable[str] = ()
) -> Iterator[Diagnostic]:
    """Drop the findings the content acknowledges; report acknowledgements that match none.

    Acknowledgements of the checks in ``not_run`` are not reported as unused.

    An acknowledgement in site.yaml applies to every finding; one in a
    person's or a source's file applies to the findings about that person or
    source. Its ``subject`` (compared without case) narrows it to one finding.
    """
    scopes: dict[str, tuple[Acknowledgement, ...]] = {"site": project.site.acknowledged}
    scopes.update({f"people/{pid}": p.acknowledged for pid, p in project.people.items()})
    scopes.update({f"sources/{sid}": s.acknowledged for sid, s in project.sources.items()})
    used: set[Acknowledgement] = set()
    for finding in findings:
        ack = next(
            (
                a
                for scope in ("site", *finding.owners)
                for a in scopes.get(scope, ())
                if a.check == finding.check
                and (not a.subject or a.subject.casefold() == finding.subject.casefold())
            ),
            None,
        )
        if ack is None:
            yield finding.diagnostic
        else:
            used.add(ack)
    skipped = set(not_run)
    for acks in scopes.values():
        for a in acks:
            if a not in used and a.check not in skipped:
                subject = f" '{a.subject}'" if a.subject else ""
                yield Diagnostic(
                    a.where.path,
                    a.where.line,
                    f"acknowledged {a.check}{subject} matches no finding",
                    "remove it: what it excused is gone (or check the subject's spelling)",
                    "warning",
                )
