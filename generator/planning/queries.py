"""What many pages are planned from: the site's people, events and sources in order, who
has which events, the routes. Each is a query of the planner's database (see
:mod:`generator.incremental`): worked out once, and again only when what it read changed.

A query that many pages read is split in two where it pays: a whole mapping (every
person's events) and one key of it (one person's events), so that a page that reads one
key is not planned again when another key changes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from generator import urls as routes
from generator.checking.quotes import Span
from generator.incremental import MISSING, Database
from generator.model import EVENT_KINDS, Event, Person, Relation, Source

ROLE_ORDER = ("hostage", "relative", "official", "other")
MENU_PEOPLE_MAX = 40
"""Above this many people with events, a filtered timeline's menu names only its own person."""


def people(db: Database, _: None) -> tuple[Person, ...]:
    """Everyone, in the people index's order: by role, then by name."""
    every: dict[str, Person] = db.input("model", "people")
    return tuple(sorted(every.values(), key=_person_order))


def events(db: Database, _: None) -> tuple[Event, ...]:
    """Every event, in time order."""
    every: tuple[Event, ...] = db.input("model", "events")
    return tuple(sorted(every, key=_event_order))


def sources(db: Database, _: None) -> tuple[Source, ...]:
    """Every source, by id."""
    every: dict[str, Source] = db.input("model", "sources")
    return tuple(sorted(every.values(), key=lambda s: s.id))


def people_ids(db: Database, _: None) -> tuple[str, ...]:
    return tuple([p.id for p in db.get("people")])


def name(db: Database, pid: str) -> str | None:
    """A person's name, None for no such person: what a page that links them shows."""
    person = db.input("person", pid)
    return None if person is MISSING else str(person.name)


def events_by_person(db: Database, _: None) -> dict[str, tuple[Event, ...]]:
    found: dict[str, list[Event]] = defaultdict(list)
    for event in db.get("events"):
        for pid in event.people:
            found[pid].append(event)
    return {pid: tuple(found_) for pid, found_ in found.items()}


def events_of(db: Database, pid: str) -> tuple[Event, ...]:
    """A person's events, in time order."""
    every: dict[str, tuple[Event, ...]] = db.get("events_by_person")
    return every.get(pid, ())


def events_of_kind(db: Database, kind: str) -> tuple[Event, ...]:
    return tuple(e for e in db.get("events") if e.kind == kind)


def relations_to_all(db: Database, _: None) -> dict[str, tuple[tuple[str, Relation], ...]]:
    found: dict[str, list[tuple[str, Relation]]] = defaultdict(list)
    for person in db.get("people"):
        for r in person.relations:
            found[r.person].append((person.id, r))
    return {pid: tuple(found_) for pid, found_ in found.items()}


def relations_to(db: Database, pid: str) -> tuple[tuple[str, Relation], ...]:
    """(id, relation) of each relation another person has to ``pid``."""
    every: dict[str, tuple[tuple[str, Relation], ...]] = db.get("relations_to_all")
    return every.get(pid, ())


def timeline_people(db: Database, _: None) -> tuple[str, ...]:
    """The ids of the people with events, in the order of the people index."""
    # One read of every person's events, not one per person: a save that adds a person
    # checks two reads here, not as many as there are people.
    by_person: dict[str, tuple[Event, ...]] = db.get("events_by_person")
    return tuple(pid for pid in db.get("people_ids") if by_person.get(pid))


def timeline_kinds(db: Database, _: None) -> tuple[str, ...]:
    """The kinds of event the timeline holds, in the order of EVENT_KINDS."""
    present = {e.kind for e in db.get("events")}
    return tuple(k for k in EVENT_KINDS if k in present)


def menu(db: Database, person: str | None) -> tuple[tuple[str, str], ...]:
    """The people a timeline's filter menu names: (id, name).

    The whole timeline names everyone with events; a filtered one does too on a
    small site, but on a large one only its own person, so that each of a thousand
    per-person pages does not carry (and depend on) a thousand names.
    """
    everyone = db.get("timeline_people")
    if person is not None and len(everyone) > MENU_PEOPLE_MAX:
        return ((person, db.get("name", person)),)
    return tuple((pid, db.get("name", pid)) for pid in everyone)


def page_routes(db: Database, _: None) -> tuple[str, ...]:
    """The routes of every page but the source pages, in order."""
    return (
        *[routes.person(pid) for pid in db.get("people_ids")],
        routes.HOME,
        routes.PEOPLE,
        routes.TIMELINE,
        *[routes.person_timeline(pid) for pid in db.get("timeline_people")],
        *[routes.kind_timeline(kind) for kind in db.get("timeline_kinds")],
        routes.ABOUT,
        routes.CORRECTIONS,
        routes.SEARCH,
        routes.NOT_FOUND,
    )


def source_routes(db: Database, _: None) -> tuple[str, ...]:
    return tuple([routes.source(s.id) for s in db.get("sources")])


def file_routes(db: Database, _: None, whole_site: bool = True) -> tuple[str, ...]:
    """The files made of the whole site: the sitemap, the feed, the data; ``whole_site``
    False: an edition's own feed (the default edition's sitemap lists every edition's)."""
    return (routes.SITEMAP, routes.FEED, *routes.DATA_FILES) if whole_site else (routes.FEED,)


def every_route(db: Database, _: None) -> frozenset[str]:
    return frozenset(db.get("page_routes") + db.get("source_routes") + db.get("file_routes"))


def quoted_in_all(db: Database, _: None) -> dict[str, tuple[tuple[str, Span], ...]]:
    found: dict[str, list[tuple[str, Span]]] = defaultdict(list)
    spans: dict[tuple[str, str], Span] = db.input("model", "spans")
    for (source_id, quote), span in spans.items():
        found[source_id].append((quote, span))
    return {sid: tuple(found_) for sid, found_ in found.items()}


def quoted_in(db: Database, sid: str) -> tuple[tuple[str, Span], ...]:
    """(folded quote, where it stands) of each passage of a source that something cites."""
    every: dict[str, tuple[tuple[str, Span], ...]] = db.get("quoted_in_all")
    return every.get(sid, ())


def quoted_by(db: Database, _: None) -> dict[tuple[str, str], tuple[Any, ...]]:
    """(source id, folded quote) -> a link to each note that quotes it, on every page."""
    found: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for route in db.get("page_routes"):
        for key, link in db.get("quoting", route).links:
            found[key].append(link)
    return {key: tuple(links) for key, links in found.items()}


def quoted_passages(db: Database, sid: str) -> tuple[tuple[str, Span, tuple[Any, ...]], ...]:
    """(folded quote, where it stands, links to the notes citing it) of each passage of a
    source that something cites: what its page shows of the rest of the site."""
    links: dict[tuple[str, str], tuple[Any, ...]] = db.get("quoted_by")
    return tuple(
        (quote, span, links.get((sid, quote), ())) for quote, span in db.get("quoted_in", sid)
    )


QUERIES = {
    f.__name__: f
    for f in (
        people,
        events,
        sources,
        people_ids,
        name,
        events_by_person,
        events_of,
        events_of_kind,
        relations_to_all,
        relations_to,
        timeline_people,
        timeline_kinds,
        menu,
        page_routes,
        source_routes,
        file_routes,
        every_route,
        quoted_in_all,
        quoted_in,
        quoted_by,
        quoted_passages,
    )
}


def _event_order(event: Event) -> tuple[object, ...]:
    return (event.date.sort_key(), event.id)


def _person_order(person: Person) -> tuple[object, ...]:
    return (ROLE_ORDER.index(person.role), person.name.casefold(), person.id)
