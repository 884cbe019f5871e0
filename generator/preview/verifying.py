"""Verify, save after save: each source folded and each person and event examined again
only when something it read changed (the incremental layer records what it read).

The same checks as :func:`generator.check.verify`, in the same order, with the same
messages: a save that edits one profile examines that profile, and the people and
events whose citations or ids read it, and puts the evidence together again.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from generator.check import (
    Evidence,
    ItemFindings,
    SourceFindings,
    duplicate_events,
    evidence_of,
    examine,
    newest_date,
    source_findings,
)
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
        db = self.db
        sources = {sid: db.get("source_findings", sid) for sid in project.sources}
        keys: list[tuple[str, Any]] = [("person", pid) for pid in project.people]
        keys += [("event", key) for key in events]
        items = [db.get("examined", key) for key in keys]
        newest = db.get("newest")
        return evidence_of(newest, sources, items, db.get("duplicates"), diagnostics)
