"""The check, save after save: each source folded and each person and event examined
again only when something it read changed (the incremental layer records what it read).

The same checks as :func:`generator.checking.check_citations`, in the same order, with
the same messages: a save that edits one profile examines that profile, and the people and
events whose citations or ids read it, and puts the evidence together again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from operator import is_
from typing import Any, cast

from generator.checking import (
    Evidence,
    ItemFindings,
    SourceFindings,
    duplicate_events,
    examine,
    newest_date,
    source_findings,
    source_maps,
)
from generator.checking.quotes import Span
from generator.dates import PartialDate
from generator.errors import Diagnostic
from generator.incremental import MISSING, Database
from generator.model import Event, Person, Project, Source


class _DatabaseLookup:
    """What an item reads of the rest of the project, each read recorded."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def source(self, sid: str) -> Source | None:
        found = self.db.input("source", sid)
        return None if found is MISSING else found

    def findings(self, sid: str) -> SourceFindings:
        found: SourceFindings = self.db.get("source_findings", sid)
        return found

    def is_person(self, pid: str) -> bool:
        return bool(self.db.get("is_person", pid))

    def unread(self) -> frozenset[str]:
        found: frozenset[str] = self.db.input("model", "unread")
        return found

    def ids(self, kind: str) -> Collection[str]:
        found: Collection[str] = self.db.input("model", kind)
        return found


def _source_findings(db: Database, sid: str) -> SourceFindings:
    return source_findings(db.input("source", sid))


def _is_person(db: Database, pid: str) -> bool:
    return db.input("person", pid) is not MISSING


def _examined(db: Database, key: tuple[str, Any]) -> ItemFindings:
    """A person's file (('person', id)) or an event (('event', (id, n))), the n-th of its id:
    two events may share an id, which is an error of its own)."""
    item: Person | Event = db.input(*key)
    return examine(item, _DatabaseLookup(db))


def _newest(db: Database, _: None) -> PartialDate | None:
    sources: dict[str, Source] = db.input("model", "sources")
    return newest_date(sources.values())


def _duplicates(db: Database, _: None) -> tuple[Diagnostic, ...]:
    events: tuple[Event, ...] = db.input("model", "events")
    return tuple(duplicate_events(events))


class _Tally:
    """The passages and sources that every item's findings name, mended item by item.

    What :func:`generator.checking.evidence_of` puts together from all the findings of a
    check, kept between saves: a save that changes a few items' findings adds what they
    name now and takes out what they named before (a passage or source named by several
    items stays while one still names it). The copies handed to the evidence are made
    again only when a passage or source comes or goes, or a passage moves.
    """

    def __init__(self) -> None:
        self._spans: dict[tuple[str, str], Span] = {}
        self._span_uses: Counter[tuple[str, str]] = Counter()
        self._cited: Counter[str] = Counter()
        self._made: tuple[dict[tuple[str, str], Span], frozenset[str]] | None = None

    def add(self, found: ItemFindings) -> None:
        spans = self._spans
        if any(spans.get(key) != span for key, span in found.spans.items()) or any(
            sid not in self._cited for sid in found.cited
        ):
            self._made = None
        spans.update(found.spans)
        self._span_uses.update(found.spans.keys())
        self._cited.update(found.cited)

    def remove(self, found: ItemFindings) -> None:
        for key in found.spans:
            self._span_uses[key] -= 1
            if not self._span_uses[key]:
                del self._span_uses[key], self._spans[key]
                self._made = None
        for sid in found.cited:
            self._cited[sid] -= 1
            if not self._cited[sid]:
                del self._cited[sid]
                self._made = None

    def made(self) -> tuple[dict[tuple[str, str], Span], frozenset[str]]:
        """Every passage where it stands, and every source cited: the very same objects as
        the last time, if nothing came or went since."""
        if self._made is None:
            self._made = (dict(self._spans), frozenset(self._cited))
        return self._made


_Key = tuple[str, Any]
"""("source", id), ("person", id) or ("event", (id, n)): an item the check reports on."""
_Ids = tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, int], ...]]
"""The ids of the sources, the people and the events (id, n)."""


class Checker:
    """Checks each build's project, keeping what it found for the next."""

    def __init__(self) -> None:
        self.db = Database(
            {
                "source_findings": _source_findings,
                "is_person": _is_person,
                "examined": _examined,
                "duplicates": _duplicates,
                "newest": _newest,
            }
        )
        self._events: tuple[tuple[Event, ...], dict[tuple[str, int], Event]] = ((), {})
        """The last build's events, and the same by (id, n)."""
        self._forget()

    def _forget(self) -> None:
        """Start the next check from nothing (the database still knows what it worked out)."""
        self._ids: _Ids | None = None
        """The sources, people and events (by id) that the kept findings are of."""
        self._sources: dict[str, SourceFindings] = {}
        self._found: dict[_Key, ItemFindings] = {}
        """What the last check found of each source, and of each person and event."""
        self._tally = _Tally()
        """The passages and sources named in ``_found``."""
        self._order: dict[_Key, int] = {}
        """Where each item stands in the report: sources, then people, then events."""
        self._reported: dict[_Key, tuple[Diagnostic, ...]] = {}
        """The items that something is reported of, with what."""
        self._maps: tuple[dict[str, Any], dict[str, Any]] = ({}, {})
        """The hidden passages of each source, and its passages not used."""

    def __call__(self, project: Project, diagnostics: list[Diagnostic]) -> Evidence:
        """:func:`generator.checking.check_citations` of ``project``, from what changed since
        the last.

        When the save added or removed no file, only the items whose inputs it changed
        are looked at (:meth:`Database.marked`); otherwise the findings are put together
        again, each taken from the last check where nothing it read changed.
        """
        events = self._numbered(project.events)
        self.db.set_inputs(
            model={
                "unread": project.unread,
                "people": project.people,
                "sources": project.sources,
                "events": project.events,
            },
            source=project.sources,
            person=project.people,
            event=events,
        )
        ids = (tuple(project.sources), tuple(project.people), tuple(events))
        try:
            if ids == self._ids:
                self._mend()
            else:
                self._gather(ids)
        except BaseException:
            self._forget()  # half-way: the next check starts from nothing
            raise
        db, order = self.db, self._order
        for key in sorted(self._reported, key=order.__getitem__):
            diagnostics.extend(self._reported[key])
        diagnostics.extend(db.get("duplicates"))
        spans, cited = self._tally.made()
        hidden, unused = self._maps
        return Evidence(spans, hidden, cited, db.get("newest"), unused=unused)

    def _mend(self) -> None:
        """Take in the findings of the items the last save may have changed."""
        db, tally = self.db, self._tally
        marked = cast(list[str], db.marked("source_findings"))
        sources = [(sid, db.get("source_findings", sid)) for sid in marked]
        for sid, source in sources:
            self._sources[sid] = source
            self._report(("source", sid), source.diagnostics)
        if sources:
            self._maps = source_maps(self._sources)
        items = [(key, db.get("examined", key)) for key in _marked_items(db)]
        for _, item in items:  # added before the old are taken out: what stays, stays
            tally.add(item)
        for key, item in items:
            tally.remove(self._found[key])
            self._found[key] = item
            self._report(key, item.diagnostics)

    def _gather(self, ids: _Ids) -> None:
        """Put the findings together for a new set of items, the kept ones reused."""
        db, last = self.db, self._found
        self._ids = None
        for sid in cast(list[str], db.marked("source_findings")):
            self._sources.pop(sid, None)
        for key in _marked_items(db):
            last.pop(key, None)
        source_ids, people, events = ids
        sources = {
            sid: self._sources.get(sid) or db.get("source_findings", sid) for sid in source_ids
        }
        keys = [("person", pid) for pid in people] + [("event", key) for key in events]
        found = {key: last.get(key) or db.get("examined", key) for key in keys}
        self._forget()
        for item in found.values():
            self._tally.add(item)
        self._sources, self._found, self._maps = sources, found, source_maps(sources)
        every = [("source", sid) for sid in source_ids] + keys
        self._order = {key: n for n, key in enumerate(every)}
        for sid, source in sources.items():
            self._report(("source", sid), source.diagnostics)
        for key, item in found.items():
            self._report(key, item.diagnostics)
        self._ids = ids

    def _report(self, key: _Key, found: tuple[Diagnostic, ...]) -> None:
        if found:
            self._reported[key] = found
        else:
            self._reported.pop(key, None)

    def _numbered(self, events: tuple[Event, ...]) -> dict[tuple[str, int], Event]:
        """The events by (id, n), the n-th of its id: the last build's, if the same events."""
        last, numbered = self._events
        if len(last) == len(events) and all(map(is_, last, events)):
            return numbered
        numbered = {}
        seen: dict[str, int] = {}
        for event in events:
            n = seen[event.id] = seen.get(event.id, -1) + 1
            numbered[(event.id, n)] = event
        self._events = (events, numbered)
        return numbered


def _marked_items(db: Database) -> list[_Key]:
    return cast(list[_Key], db.marked("examined"))
