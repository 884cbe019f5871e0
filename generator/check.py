"""Checks across files: every id resolves, every quote stands in its source.

``verify`` never changes the model. Besides diagnostics it returns the
:class:`Evidence` it found on the way (where each quote stands), which the page
planner needs to link footnotes to passages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from unicodedata import category

from generator.dates import PartialDate
from generator.errors import Diagnostic, did_you_mean
from generator.ledger import not_used_spans
from generator.mismatch import explain
from generator.model import Citation, Disagreement, Event, Person, Project, Source
from generator.quotes import SourceText, Span, fold


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
    """source id -> where each of its ``not_used`` passages stands, visible (generator.ledger)."""
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


@dataclass(slots=True)
class _Checked:
    """What verify found in one person's file, or of one event."""

    item: Person | Event
    sources: tuple[tuple[str, Source | None], ...]
    """The sources it cites, as they were: the finding holds while they are."""
    diagnostics: list[Diagnostic]
    spans: dict[tuple[str, str], Span]
    """Where each passage it cites stands (a key's place is the same whoever cites it)."""
    cited: frozenset[str]
    """The ids of the sources it cites."""


@dataclass(slots=True)
class _Hidden:
    """Where a source's hidden passages stand in its text (see hidden_spans)."""

    source: Source
    text: SourceText
    spans: tuple[Span, ...]
    diagnostics: list[Diagnostic]
    unused: tuple[tuple[Span, ...], ...] = ()
    """Where each ``not_used`` passage stands outside the hidden ones."""


@dataclass(frozen=True, slots=True)
class _Totals:
    """What a verify found in all, with how many people and events stand behind each part."""

    spans: dict[tuple[str, str], Span]
    span_refs: dict[tuple[str, str], int]
    cited: frozenset[str]
    cited_refs: dict[str, int]

    @classmethod
    def of(cls, items: Iterable[_Checked]) -> _Totals:
        """The totals of ``items``: what they add to nothing."""
        return cls({}, {}, frozenset(), {}).patched([], list(items))

    def patched(self, gone: list[_Checked], new: list[_Checked]) -> _Totals:
        """These totals without what ``gone`` added and with what ``new`` adds."""
        if _adds(gone) == _adds(new):  # an edit that cites what it cited: the same totals
            return self
        spans, span_refs, cited_refs = dict(self.spans), dict(self.span_refs), dict(self.cited_refs)
        for item in gone:
            for key in item.spans:
                span_refs[key] -= 1
                if not span_refs[key]:
                    del span_refs[key], spans[key]
            for sid in item.cited:
                cited_refs[sid] -= 1
                if not cited_refs[sid]:
                    del cited_refs[sid]
        for item in new:
            spans.update(item.spans)
            for key in item.spans:
                span_refs[key] = span_refs.get(key, 0) + 1
            for sid in item.cited:
                cited_refs[sid] = cited_refs.get(sid, 0) + 1
        return _Totals(spans, span_refs, frozenset(cited_refs), cited_refs)


def _adds(items: list[_Checked]) -> tuple[Counter[tuple[str, str]], Counter[str]]:
    """What ``items`` add to the totals: each passage and each source, with how many cite it."""
    return (
        Counter(key for item in items for key in item.spans),
        Counter(sid for item in items for sid in item.cited),
    )


_SourcesChecked = tuple[
    dict[str, SourceText],
    dict[str, tuple[Span, ...]],
    list[Diagnostic],
    PartialDate | None,
    dict[str, tuple[tuple[Span, ...], ...]],
]
"""Checked.sources: folded texts, hidden passages, their and the passages not used's
problems, the newest date, where the passages not used stand."""


class Checked:
    """What verify found of each person, event and source, for the next verify of the project.

    The preview verifies on every save; a person or an event that is unchanged
    (the very same object, from the file cache) and whose cited sources are the
    very same objects is not checked again, nor the hidden passages of a source
    whose file and seed are unchanged. Any change to which people or sources
    exist starts afresh, as the messages name the ids that do exist.
    """

    def __init__(self) -> None:
        self._ids: tuple[frozenset[str], frozenset[str]] | None = None
        self._items: tuple[tuple[Person, ...], tuple[Event, ...]] = ((), ())
        """The people and events of the last verify, in order."""
        self._last: dict[object, _Checked] = {}
        self._found: dict[object, _Checked] = {}
        self._hidden: dict[str, _Hidden] = {}
        self._same_sources = False
        self._totals: _Totals | None = None
        self._sources: tuple[dict[str, Source], _SourcesChecked] | None = None
        self._duplicates: tuple[tuple[Event, ...], list[Diagnostic]] | None = None

    def start(self, project: Project) -> _Totals | None:
        """Begin a verify: what the last one found may be taken, what this one finds is kept.

        Return the last verify's totals if this one may patch them: the same people
        and sources exist, no source changed, and nothing was wrong last time.
        Called after :meth:`sources`, which tells whether the sources are the same.
        """
        last = self._ids
        same = (
            last is not None
            and project.people.keys() == last[0]
            and (self._same_sources or project.sources.keys() == last[1])
        )
        if not same:
            self._ids = (frozenset(project.people), frozenset(project.sources))
        self._last, self._found = (self._found if same else {}), {}
        totals, self._totals = self._totals, None
        return totals if same and self._same_sources else None

    def finish(
        self, found: dict[object, _Checked], totals: _Totals | None, project: Project
    ) -> None:
        """End a verify: keep what it found of each item, and its totals if all was well."""
        self._found, self._totals = found, totals
        self._items = (tuple(project.people.values()), project.events)

    def replaced(
        self, project: Project
    ) -> tuple[list[tuple[object, Person | Event]], list[object]] | None:
        """The people and events that replace one of the last verify (key, item), and the keys
        of those they replace; None if any was added, removed or moved.

        The file cache hands back the very same objects for the files that did not
        change, so a save compares them, and checks only the others.
        """
        people, events = tuple(project.people.values()), project.events
        last_people, last_events = self._items
        if len(people) != len(last_people) or len(events) != len(last_events):
            return None
        new: list[tuple[object, Person | Event]] = []
        old: list[object] = []
        for a, b in zip(last_people, people, strict=True):
            if a is not b:
                if a.id != b.id:
                    return None
                new.append((_key(b), b))
                old.append(_key(a))
        for e, f in zip(last_events, events, strict=True):
            if e is not f:
                new.append((_key(f), f))
                old.append(_key(e))
        return new, old

    def duplicate_events(self, events: tuple[Event, ...]) -> list[Diagnostic]:
        """:func:`_duplicate_events`, found again only if the events changed."""
        if self._duplicates is None or self._duplicates[0] != events:
            self._duplicates = (events, _duplicate_events(events))
        return self._duplicates[1]

    def get(self, key: object, item: Person | Event, sources: dict[str, Source]) -> _Checked | None:
        found = self._last.get(key)
        if found is None or found.item is not item:
            return None
        if not self._same_sources and any(
            sources.get(sid) is not source for sid, source in found.sources
        ):
            return None
        return found

    def last_found(self) -> dict[object, _Checked]:
        """What the last verify found of each item (all of it, once :meth:`start` kept it)."""
        return self._last

    def sources(
        self, sources: dict[str, Source], folded: dict[str, SourceText] | None
    ) -> _SourcesChecked:
        """Each source's folded text and hidden passages, what is wrong with the latter,
        and the newest source's date.

        ``folded`` maps a seed's text to its folded form, kept from the last call.
        The very same ``sources`` as last time (the loader keeps the dict while no
        source changed) give the very same answer.
        """
        # The very same sources dict as at the last verify: no source changed since.
        last = self._sources
        self._same_sources = last is not None and last[0] is sources
        if last is not None and self._same_sources:
            return last[1]
        known = {} if folded is None else folded
        texts = {sid: known.get(s.text) or SourceText(s.text) for sid, s in sources.items()}
        if folded is not None:
            folded.clear()
            folded.update((sources[sid].text, text) for sid, text in texts.items())
        hidden: dict[str, tuple[Span, ...]] = {}
        unused: dict[str, tuple[tuple[Span, ...], ...]] = {}
        found: list[Diagnostic] = []
        for sid, source in sources.items():
            kept = self.hidden(source, texts[sid])
            hidden[sid] = kept.spans
            if kept.unused:
                unused[sid] = kept.unused
            found.extend(kept.diagnostics)
        dates = (s.published.date for s in sources.values())
        newest = max(dates, key=PartialDate.sort_key, default=None)
        self._sources = (sources, (texts, hidden, found, newest, unused))
        return texts, hidden, found, newest, unused

    def hidden(self, source: Source, text: SourceText) -> _Hidden:
        """The hidden passages of ``source`` in ``text``, and where its passages not used
        stand, found again only if either changed."""
        kept = self._hidden.get(source.id)
        if kept is None or kept.source is not source or kept.text is not text:
            found: list[Diagnostic] = []
            spans = hidden_spans(source, text, found)
            unused = not_used_spans(source, text, spans, found) if source.not_used else ()
            kept = self._hidden[source.id] = _Hidden(source, text, spans, found, unused)
        return kept


def verify(
    project: Project,
    diagnostics: list[Diagnostic],
    folded: dict[str, SourceText] | None = None,
    checked: Checked | None = None,
) -> Evidence:
    """Check the project's cross-references and quotes; append what is wrong.

    ``folded`` maps a seed's text to its folded form; pass the same dict to
    each call to fold only the seeds that changed since the last one. Pass the
    same ``checked`` to each call to check again only the people, events and
    sources that changed.
    """
    keep_totals = checked is not None
    checked = Checked() if checked is None else checked
    texts, hidden, found_hidden, newest, unused = checked.sources(project.sources, folded)
    diagnostics.extend(found_hidden)
    spans: dict[tuple[str, str], Span] = {}
    cited: set[str] = set()
    totals = checked.start(project)
    known = {} if totals is None else totals.spans

    def find(c: Citation, found: list[Diagnostic]) -> tuple[str, str] | None:
        """Check one citation; return its key if its quote stands where it may be cited."""
        if c.source not in project.sources:
            if f"sources/{c.source}" in project.unread:
                return None  # its own file's problems are reported
            found.append(
                Diagnostic(
                    c.where.path,
                    c.source_line or c.where.line,
                    f"unknown source '{c.source}'{did_you_mean(c.source, project.sources)}",
                    "a source id is the name of a file in content/sources/, without .yaml",
                )
            )
            return None
        key = (c.source, fold(c.quote))
        if key not in spans:
            span = known.get(key) or _find(
                c, texts[c.source], hidden[c.source], project.sources[c.source], found
            )
            if span is None:
                return None
            spans[key] = span
        return key

    def examine(item: Person | Event) -> _Checked:
        """Check an item's citations and ids."""
        found: list[Diagnostic] = []
        of = citations_of_person(item) if isinstance(item, Person) else citations_of_event(item)
        citations = [c for cs in of for c in cs]
        keys = [k for c in citations if (k := find(c, found)) is not None]
        if isinstance(item, Person):
            _check_person(item, project, found)
        else:
            lines = item.people_lines or (item.where.line,) * len(item.people)
            for pid, line in zip(item.people, lines, strict=True):
                _check_person_id(pid, project, item.where.path, line, found)
        cites = sorted({c.source for c in citations})
        return _Checked(
            item,
            tuple((sid, project.sources.get(sid)) for sid in cites),
            found,
            {k: spans[k] for k in keys},
            frozenset(cites),
        )

    duplicates = checked.duplicate_events(project.events)
    replaced = None if totals is None else checked.replaced(project)
    if totals is not None and replaced is not None:
        # Patch the last verify's totals with what changed, if nothing is wrong now either.
        new, old = replaced
        fresh = [(key, examine(item)) for key, item in new]
        if not duplicates and not any(found.diagnostics for _, found in fresh):
            last = checked.last_found()
            kept = dict(last)
            for key in old:
                del kept[key]
            kept.update(fresh)
            totals = totals.patched([last[key] for key in old], [found for _, found in fresh])
            checked.finish(kept, totals, project)
            return Evidence(totals.spans, hidden, totals.cited, newest, unused=unused)
    spans.clear()
    items: list[Person | Event] = [*project.people.values(), *project.events]
    found_all: dict[object, _Checked] = {}
    troubled = bool(duplicates)
    for item in items:
        key = _key(item)
        found = checked.get(key, item, project.sources) or examine(item)
        found_all[key] = found
        diagnostics.extend(found.diagnostics)
        troubled = troubled or bool(found.diagnostics)
        spans.update(found.spans)
        cited.update(found.cited)
    diagnostics.extend(duplicates)
    # A verify told of nothing that is wrong keeps its totals for the next to patch.
    if not keep_totals or troubled:
        checked.finish(found_all, None, project)
        return Evidence(spans, hidden, frozenset(cited), newest, unused=unused)
    totals = _Totals.of(found_all.values())
    checked.finish(found_all, totals, project)
    # The totals' own dict: the next verify hands it on patched, or as it is, and the
    # planner tells an unchanged one by identity rather than by comparing it whole.
    return Evidence(totals.spans, hidden, totals.cited, newest, unused=unused)


def sources_evidence(project: Project, folded: dict[str, SourceText] | None = None) -> Evidence:
    """What the editorial review reads of :func:`verify`'s findings, found without its
    checks: the hidden passages and those not used, the cited sources, the newest date,
    and where each cited passage stands (for the coverage ledger).

    So a large build can start the review beside verify rather than after it;
    a quote that stands nowhere is verify's to report, and left out here.
    """
    texts, hidden, _, newest, unused = Checked().sources(project.sources, folded)
    spans: dict[tuple[str, str], Span] = {}
    cited: set[str] = set()
    ignored: list[Diagnostic] = []
    for c in citations_of_all(project.people.values(), project.events):
        cited.add(c.source)
        key = (c.source, fold(c.quote))
        if key not in spans and c.source in texts:
            source = project.sources[c.source]
            span = _find(c, texts[c.source], hidden[c.source], source, ignored, False)
            if span is not None:
                spans[key] = span
    return Evidence(spans, hidden, frozenset(cited), newest, unused=unused)


def _key(item: Person | Event) -> object:
    """What verify files its finding of an item under: a person's id, or the event itself
    (two events may share an id, which is an error verify reports)."""
    return item.id if isinstance(item, Person) else ("event", id(item))


def _duplicate_events(events: Iterable[Event]) -> list[Diagnostic]:
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
    pid: str, project: Project, path: str, line: int, diagnostics: list[Diagnostic]
) -> None:
    if pid not in project.people and f"people/{pid}" not in project.unread:
        diagnostics.append(
            Diagnostic(
                path,
                line,
                f"unknown person '{pid}'{did_you_mean(pid, project.people)}",
                "a person id is the name of a file in content/people/, without .yaml",
            )
        )


def _check_person(person: Person, project: Project, diagnostics: list[Diagnostic]) -> None:
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
                relation.person, project, relation.where.path, relation.where.line, diagnostics
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
