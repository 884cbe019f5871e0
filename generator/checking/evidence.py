"""Checks across files: every id resolves, every quote stands in its source.

``check_citations`` never changes the model. Besides diagnostics it returns the
:class:`Evidence` it found on the way (where each quote stands), which the page
planner needs to link footnotes to passages.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Protocol
from unicodedata import category

from generator.checking.ledger import not_used_spans
from generator.checking.mismatch import explain
from generator.checking.quotes import SourceText, Span, fold
from generator.dates import PartialDate
from generator.errors import Diagnostic, did_you_mean
from generator.model import Citation, Disagreement, Event, Person, Project, Source


@dataclass(frozen=True, slots=True)
class Overdue:
    """An announcement whose day has passed and that no source confirms (generator.editorial)."""

    kind: str
    """The event's kind (a release for an announced release of a person)."""
    status: str
    """announced or expected."""
    date: PartialDate
    """The day, month... it was announced or expected for."""
    title: str = ""
    """The event's title, where the note is shown away from the event (on a profile)."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where each cited passage and each hidden passage stands in its source."""

    spans: dict[tuple[str, str], Span]
    """(source id, folded quote) -> the first visible place it stands."""
    hidden: dict[str, tuple[Span, ...]]
    """source id -> the passages hidden as clutter, in order."""
    cited: frozenset[str] = frozenset()
    """The ids of the sources that some citation names."""
    newest: PartialDate | None = None
    """The date of the newest source: what 'as of' means unless told otherwise."""
    unused: dict[str, tuple[tuple[Span, ...], ...]] = field(default_factory=dict)
    """source id -> where each of its ``not_used`` passages stands, visible
    (generator.checking.ledger)."""
    overdue_events: dict[str, Overdue] = field(default_factory=dict)
    """event id -> its announcement, overdue (see generator.editorial)."""
    overdue_people: dict[str, tuple[Overdue, ...]] = field(default_factory=dict)
    """person id -> the overdue announcements that concern them."""

    def span(self, citation: Citation) -> Span:
        return self.spans[(citation.source, fold(citation.quote))]


def citations_of_person(person: Person) -> Iterator[tuple[Citation, ...]]:
    """Yield the citations of everything a person's file says."""
    yield from (claim.citations for claim in person.summary)
    yield from (spelling.citations for spelling in person.spellings)
    if person.captivity:
        yield person.captivity.citations
    yield from (claim.citations for claim in person.facts)
    yield from (relation.citations for relation in person.relations)
    yield from _differ(person.differ)


def citations_of_event(event: Event) -> Iterator[tuple[Citation, ...]]:
    """Yield the citations of an event and of its disagreements."""
    yield event.citations
    yield from _differ(event.differ)


def citations_of_all(people: Iterable[Person], events: Iterable[Event]) -> Iterator[Citation]:
    """Yield every citation of ``people`` and ``events``, in their order."""
    for person in people:
        for citations in citations_of_person(person):
            yield from citations
    for event in events:
        for citations in citations_of_event(event):
            yield from citations


def _differ(disagreements: tuple[Disagreement, ...]) -> Iterator[tuple[Citation, ...]]:
    for d in disagreements:
        yield from (claim.citations for claim in d.accounts)


@dataclass(frozen=True, slots=True)
class SourceFindings:
    """What the check finds of one source on its own: its text folded, where its hidden
    passages and its passages not used stand, and what is wrong with them."""

    text: SourceText
    hidden: tuple[Span, ...]
    unused: tuple[tuple[Span, ...], ...]
    diagnostics: tuple[Diagnostic, ...]


def source_findings(source: Source, text: SourceText | None = None) -> SourceFindings:
    """Fold ``source``'s seed (unless ``text`` is it, folded) and place its passages."""
    text = SourceText(source.text) if text is None else text
    found: list[Diagnostic] = []
    hidden = hidden_spans(source, text, found)
    unused = not_used_spans(source, text, hidden, found) if source.not_used else ()
    return SourceFindings(text, hidden, unused, tuple(found))


@dataclass(frozen=True, slots=True)
class ItemFindings:
    """What the check finds in one person's file, or of one event."""

    diagnostics: tuple[Diagnostic, ...]
    spans: dict[tuple[str, str], Span]
    """Where each passage it cites stands (a key's place is the same whoever cites it)."""
    cited: frozenset[str]
    """The ids of the sources it cites."""


class Lookup(Protocol):
    """What examining one item reads of the rest of the project."""

    def source(self, sid: str) -> Source | None: ...
    def findings(self, sid: str) -> SourceFindings: ...
    def is_person(self, pid: str) -> bool: ...
    def unread(self) -> frozenset[str]: ...
    def ids(self, kind: str) -> Collection[str]:
        """Every person's id ('people') or every source's ('sources'): for did-you-mean."""
        ...


def examine(item: Person | Event, lookup: Lookup) -> ItemFindings:
    """Check an item's citations (each quote stands, visible, in its source) and its ids."""
    found: list[Diagnostic] = []
    spans: dict[tuple[str, str], Span] = {}
    of = citations_of_person(item) if isinstance(item, Person) else citations_of_event(item)
    citations = [c for cs in of for c in cs]
    for c in citations:
        source = lookup.source(c.source)
        if source is None:
            if f"sources/{c.source}" not in lookup.unread():  # else its own file's problem
                found.append(
                    Diagnostic(
                        c.where.path,
                        c.source_line or c.where.line,
                        f"unknown source '{c.source}'"
                        f"{did_you_mean(c.source, lookup.ids('sources'))}",
                        "a source id is the name of a file in content/sources/, without .yaml",
                    )
                )
            continue
        key = (c.source, fold(c.quote))
        if key not in spans:
            text = lookup.findings(c.source)
            span = _find(c, text.text, text.hidden, source, found)
            if span is not None:
                spans[key] = span
    if isinstance(item, Person):
        _check_person(item, lookup, found)
    else:
        lines = item.people_lines or (item.where.line,) * len(item.people)
        for pid, line in zip(item.people, lines, strict=True):
            _check_person_id(pid, lookup, item.where.path, line, found)
    return ItemFindings(tuple(found), spans, frozenset(c.source for c in citations))


class _ProjectLookup:
    """:class:`Lookup` over a whole project, each source folded once (one-off check)."""

    def __init__(self, project: Project, folded: dict[str, SourceText] | None) -> None:
        self.project, self._folded = project, {} if folded is None else folded
        self.found: dict[str, SourceFindings] = {}

    def source(self, sid: str) -> Source | None:
        return self.project.sources.get(sid)

    def findings(self, sid: str) -> SourceFindings:
        known = self.found.get(sid)
        if known is None:
            source = self.project.sources[sid]
            known = source_findings(source, self._folded.get(source.text))
            self._folded[source.text] = known.text
            self.found[sid] = known
        return known

    def is_person(self, pid: str) -> bool:
        return pid in self.project.people

    def unread(self) -> frozenset[str]:
        return self.project.unread

    def ids(self, kind: str) -> Collection[str]:
        return self.project.people if kind == "people" else self.project.sources


def check_citations(
    project: Project,
    diagnostics: list[Diagnostic],
    folded: dict[str, SourceText] | None = None,
) -> Evidence:
    """Check the project's cross-references and quotes; append what is wrong.

    ``folded`` maps a seed's text to its folded form (what a process that read
    the seeds folded already); the seeds folded here are added to it.
    """
    lookup = _ProjectLookup(project, folded)
    sources = {sid: lookup.findings(sid) for sid in project.sources}
    every: list[Person | Event] = [*project.people.values(), *project.events]
    items = [examine(item, lookup) for item in every]
    duplicates = duplicate_events(project.events)
    return evidence_of(
        newest_date(project.sources.values()), sources, items, duplicates, diagnostics
    )


def newest_date(sources: Iterable[Source]) -> PartialDate | None:
    """The date of the newest source: what 'as of' means unless told otherwise."""
    dates = (s.published.date for s in sources)
    return max(dates, key=PartialDate.sort_key, default=None)


def evidence_of(
    newest: PartialDate | None,
    sources: dict[str, SourceFindings],
    items: Iterable[ItemFindings],
    duplicates: Iterable[Diagnostic],
    diagnostics: list[Diagnostic],
) -> Evidence:
    """Put together what the check found of each source and item (in the project's order:
    people, then events), appending their diagnostics in that order."""
    spans: dict[tuple[str, str], Span] = {}
    cited: set[str] = set()
    for found in sources.values():
        diagnostics.extend(found.diagnostics)
    for item in items:
        diagnostics.extend(item.diagnostics)
        spans.update(item.spans)
        cited.update(item.cited)
    diagnostics.extend(duplicates)
    hidden, unused = source_maps(sources)
    return Evidence(spans, hidden, frozenset(cited), newest, unused=unused)


def source_maps(
    sources: dict[str, SourceFindings],
) -> tuple[dict[str, tuple[Span, ...]], dict[str, tuple[tuple[Span, ...], ...]]]:
    """The evidence's passages of each source: those hidden, and those not used (of the
    sources that declare any)."""
    hidden = {sid: found.hidden for sid, found in sources.items()}
    return hidden, {sid: found.unused for sid, found in sources.items() if found.unused}


def sources_evidence(project: Project, folded: dict[str, SourceText] | None = None) -> Evidence:
    """What the editorial review reads of :func:`check_citations`' findings, found without its
    checks: the hidden passages and those not used, the cited sources, the newest date,
    and where each cited passage stands (for the coverage ledger).

    So a large build can start the review beside the check rather than after it;
    a quote that stands nowhere is the check's to report, and left out here.
    """
    lookup = _ProjectLookup(project, folded)
    spans: dict[tuple[str, str], Span] = {}
    cited: set[str] = set()
    ignored: list[Diagnostic] = []
    for c in citations_of_all(project.people.values(), project.events):
        cited.add(c.source)
        key = (c.source, fold(c.quote))
        source = project.sources.get(c.source)
        if key not in spans and source is not None:
            text = lookup.findings(c.source)
            span = _find(c, text.text, text.hidden, source, ignored, False)
            if span is not None:
                spans[key] = span
    sources = {sid: lookup.findings(sid) for sid in project.sources}
    evidence = evidence_of(newest_date(project.sources.values()), sources, [], [], [])
    return replace(evidence, spans=spans, cited=frozenset(cited))


def duplicate_events(events: Iterable[Event]) -> list[Diagnostic]:
    """A diagnostic for each event whose id an earlier event has."""
    found: list[Diagnostic] = []
    seen: dict[str, Event] = {}
    for event in events:
        if event.id in seen:
            first = seen[event.id].where
            found.append(
                Diagnostic(
                    event.where.path,
                    event.where.line,
                    f"duplicate event id '{event.id}' (first at {first.path}:{first.line})",
                    "give each event its own id",
                )
            )
        seen.setdefault(event.id, event)
    return found


def hidden_spans(
    source: Source, text: SourceText, diagnostics: list[Diagnostic]
) -> tuple[Span, ...]:
    """Where each of ``source``'s hidden passages stands; one not found is reported."""
    spans: list[Span] = []
    for hidden in source.hide:
        found = text.find_all(hidden.text)
        if not found:
            closest, line = text.closest(hidden.text)
            diagnostics.append(
                Diagnostic(
                    hidden.where.path,
                    hidden.where.line,
                    f"passage to hide not found in seeds/{source.seed}",
                    explain(hidden.text, closest, f"seeds/{source.seed}:{line}", "passage"),
                )
            )
        elif hidden.to_end:
            spans.append(Span(found[0].start, len(source.text)))
        else:
            spans.extend(found)
    return tuple(sorted(spans, key=lambda s: s.start))


def _find(
    citation: Citation,
    text: SourceText,
    hidden: tuple[Span, ...],
    source: Source,
    diagnostics: list[Diagnostic],
    report: bool = True,
) -> Span | None:
    found = text.find_all(citation.quote)
    visible = [s for s in found if not any(s.overlaps(h) for h in hidden)]
    if visible:
        return visible[0]
    if not report:  # what a failing quote's message needs takes long to find
        return None
    where = citation.where
    if found:
        diagnostics.append(
            Diagnostic(
                where.path,
                where.line,
                f"quote stands only in a passage that source '{source.id}' hides as clutter",
                "quote the article itself, or narrow the source's 'hide' entry",
            )
        )
        return None
    closest, line = text.closest(citation.quote)
    invisible = sorted({f"U+{ord(c):04X}" for c in citation.quote if category(c) == "Cf"})
    unseen = f"\nthe quote holds invisible characters: {', '.join(invisible)}" if invisible else ""
    diagnostics.append(
        Diagnostic(
            where.path,
            where.line,
            f"quote not found in source '{source.id}'",
            explain(citation.quote, closest, f"seeds/{source.seed}:{line}") + unseen,
        )
    )
    return None


def _check_person_id(
    pid: str, lookup: Lookup, path: str, line: int, diagnostics: list[Diagnostic]
) -> None:
    if not lookup.is_person(pid) and f"people/{pid}" not in lookup.unread():
        diagnostics.append(
            Diagnostic(
                path,
                line,
                f"unknown person '{pid}'{did_you_mean(pid, lookup.ids('people'))}",
                "a person id is the name of a file in content/people/, without .yaml",
            )
        )


def _check_person(person: Person, lookup: Lookup, diagnostics: list[Diagnostic]) -> None:
    for relation in person.relations:
        if relation.person == person.id:
            diagnostics.append(
                Diagnostic(
                    relation.where.path,
                    relation.where.line,
                    "a person cannot be related to themselves",
                    "name the other person's id under 'person'",
                )
            )
        else:
            _check_person_id(
                relation.person, lookup, relation.where.path, relation.where.line, diagnostics
            )
    for spelling in person.spellings:
        for c in spelling.citations:
            if fold(spelling.text) not in fold(c.quote):
                diagnostics.append(
                    Diagnostic(
                        c.where.path,
                        c.where.line,
                        f"the quote for spelling '{spelling.text}' does not contain it",
                        "quote the passage where the name is spelt this way",
                    )
                )
