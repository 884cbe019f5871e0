"""Verify, save after save: each source folded and each person and event examined again
only when something it read changed (the incremental layer records what it read).

The same checks as :func:`generator.check.verify`, in the same order, with the same
messages: a save that edits one profile examines that profile, and the people and
events whose citations or ids read it, and puts the evidence together again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import Any

from generator.check import (
    Evidence,
    ItemFindings,
    SourceFindings,
    duplicate_events,
    examine,
    newest_date,
    source_findings,
)
from generator.dates import PartialDate
from generator.errors import Diagnostic
from generator.incremental import MISSING, Database
from generator.model import Event, Person, Project, Source
from generator.quotes import Span


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

    What :func:`generator.check.evidence_of` puts together from all the findings of a
    verify, kept between saves: a save that changes a few items' findings takes out
    what they named before and adds what they name now (a passage or source named by
    several items stays while one still names it).
    """

    def __init__(self) -> None:
        self.spans: dict[tuple[str, str], Span] = {}
        self._span_uses: Counter[tuple[str, str]] = Counter()
        self.cited: Counter[str] = Counter()

    def add(self, found: ItemFindings) -> None:
        self.spans.update(found.spans)
        self._span_uses.update(found.spans.keys())
        self.cited.update(found.cited)

    def remove(self, found: ItemFindings) -> None:
        for key in found.spans:
            self._span_uses[key] -= 1
            if not self._span_uses[key]:
                del self._span_uses[key], self.spans[key]
        for sid in found.cited:
            self.cited[sid] -= 1
            if not self.cited[sid]:
                del self.cited[sid]


class Verifier:
    """Verifies each build's project, keeping what it found for the next."""

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
        self._found: dict[tuple[str, Any], ItemFindings] = {}
        """What the last verify found of each person and event: the parts that no input
        changed are taken from here, without asking the database for each."""
        self._sources: dict[str, SourceFindings] = {}
        """The same of each source."""
        self._tally = _Tally()
        """The passages and sources named in ``_found``."""

    def __call__(self, project: Project, diagnostics: list[Diagnostic]) -> Evidence:
        """:func:`generator.check.verify` of ``project``, from what changed since the last."""
        events: dict[tuple[str, int], Event] = {}
        seen: dict[str, int] = {}
        for event in project.events:
            n = seen[event.id] = seen.get(event.id, -1) + 1
            events[(event.id, n)] = event
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
        db, last, last_sources = self.db, self._found, self._sources
        # Until this verify is done, nothing of the last one is trusted: one that fails
        # half-way starts the next from nothing.
        self._found, self._sources, tally, self._tally = {}, {}, self._tally, _Tally()
        for sid in db.marked("source_findings"):
            last_sources.pop(sid, None)  # type: ignore[call-overload]
        sources = {
            sid: last_sources.get(sid) or db.get("source_findings", sid) for sid in project.sources
        }
        keys: list[tuple[str, Any]] = [("person", pid) for pid in project.people]
        keys += [("event", key) for key in events]
        for key in db.marked("examined"):
            if (gone := last.pop(key, None)) is not None:  # type: ignore[call-overload]
                tally.remove(gone)
        found: dict[tuple[str, Any], ItemFindings] = {}
        for key in keys:
            item = last.pop(key, None)
            if item is None:
                item = db.get("examined", key)
                tally.add(item)
            found[key] = item
        for gone in last.values():  # people and events no longer there
            tally.remove(gone)
        for source in sources.values():
            diagnostics.extend(source.diagnostics)
        for item in found.values():
            diagnostics.extend(item.diagnostics)
        diagnostics.extend(db.get("duplicates"))
        evidence = Evidence(
            dict(tally.spans),
            {sid: f.hidden for sid, f in sources.items()},
            frozenset(tally.cited),
            db.get("newest"),
            unused={sid: f.unused for sid, f in sources.items() if f.unused},
        )
        self._found, self._sources, self._tally = found, sources, tally
        return evidence
