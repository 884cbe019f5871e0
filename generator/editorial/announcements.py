"""Announcements: a captivity after the newest source, and an announced or expected event whose day
has passed unconfirmed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.checking import Overdue
from generator.dates import PartialDate
from generator.editorial.findings import Finding
from generator.errors import Diagnostic
from generator.model import Project


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
