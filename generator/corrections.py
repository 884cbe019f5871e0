"""The corrections log: what each person, event and source page once said wrongly.

Newsrooms keep one so that a reader can see what changed and when. Each
correction is shown on its item's page, on the site-wide corrections page and
as an entry of the Atom feed. A correction's date comes from the content (the
build stays reproducible) and must fall in the explainer's time: not before the
item existed (the first source it cites was published), not after the newest
source, the day the explainer says what stands as of.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.checking import citations_of_event, citations_of_person
from generator.dates import PartialDate
from generator.errors import Diagnostic
from generator.model import Correction, Event, Person, Project, Source


@dataclass(frozen=True, slots=True)
class Logged:
    """A correction with the item it corrects: its kind, id and name."""

    correction: Correction
    kind: str
    """person, event or source."""
    item: str
    """The item's id."""
    name: str
    """The person's name, the event's title, the source's outlet."""


def logged(project: Project) -> list[Logged]:
    """Every correction of the project, newest first (ties in file order)."""
    found = [
        *(
            Logged(c, "person", p.id, p.name)
            for p in project.people.values()
            for c in p.corrections
        ),
        *(Logged(c, "event", e.id, e.title) for e in project.events for c in e.corrections),
        *(
            Logged(c, "source", s.id, s.outlet)
            for s in project.sources.values()
            for c in s.corrections
        ),
    ]
    return sorted(found, key=lambda x: x.correction.date.sort_key(), reverse=True)


def _first_source(project: Project, item: Person | Event | Source) -> PartialDate | None:
    """When the item came to exist in the explainer: the publication of its first source."""
    if isinstance(item, Source):
        return item.published.date
    groups = citations_of_person(item) if isinstance(item, Person) else citations_of_event(item)
    dates = [
        project.sources[c.source].published.date
        for group in groups
        for c in group
        if c.source in project.sources
    ]
    return min(dates, key=PartialDate.sort_key, default=None)


def in_time(project: Project, newest: PartialDate) -> Iterator[Diagnostic]:
    """An error for each correction dated after ``newest`` or before its item existed."""
    items: list[Person | Event | Source] = [
        *project.people.values(),
        *project.events,
        *project.sources.values(),
    ]
    for item in items:
        for c in item.corrections:
            day = c.date.first_day()
            if day > newest.last_day():
                yield Diagnostic(
                    c.where.path,
                    c.where.line,
                    f"correction dated {c.date.label()}, after the newest source"
                    f" ({newest.label()}): the explainer speaks as of that day",
                    f"date it on or before {newest.label()}",
                )
                continue
            first = _first_source(project, item)
            if first is not None and day < first.first_day():
                yield Diagnostic(
                    c.where.path,
                    c.where.line,
                    f"correction dated {c.date.label()}, before what it corrects existed"
                    f" (its first source is of {first.label()})",
                    "check the correction's date",
                )
