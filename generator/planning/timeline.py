"""The timeline: whole, or filtered to one person's or one kind's events."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from generator import urls as routes
from generator.dates import PartialDate
from generator.model import Event
from generator.planning.footnotes import Footnotes
from generator.views import Chip, MonthGroup, Page, TimelineView, Title, YearGroup

if TYPE_CHECKING:
    from generator.planning.planner import Planner


def timeline_page(plan: Planner, person: str | None = None, kind: str | None = None) -> Page:
    """Plan the timeline, whole or filtered to one person's or one kind's events.

    Each filter is a page of its own, so that it works as a plain link; the
    timeline script filters the whole timeline in place where it can.
    """
    route, title, name = routes.TIMELINE, Title("timeline"), None
    events: tuple[Event, ...]
    if person is not None:
        name = plan.name(person)
        route, title = routes.person_timeline(person), Title("timeline", name or "")
        events = plan.events_of(person)
    elif kind is not None:
        route, title = routes.kind_timeline(kind), Title("timeline", filter=kind)
        events = plan.db.get("events_of_kind", kind)
    else:
        events = plan.events
    page = Page(route, "timeline.html", title, searchable=route == routes.TIMELINE)
    notes = Footnotes(page, plan)
    years = []
    for (year, decade), in_year in groupby(events, key=_year_of):
        months = tuple(
            MonthGroup(month, tuple(plan.event_view(e, notes) for e in group))
            for month, group in groupby(in_year, key=_month_of)
        )
        years.append(YearGroup(year, decade, months))
    menu = plan.db.get("menu", person)
    everyone = plan.db.get("timeline_people")
    page.view = TimelineView(
        years=tuple(years),
        filtered=route != routes.TIMELINE,
        person=name,
        kind=kind,
        count=len(events),
        all=plan.urls.page(routes.TIMELINE),
        by_person=tuple(
            Chip(
                pid,
                plan.urls.page(routes.person_timeline(pid)),
                pid == person,
                shown,
                len(plan.events_of(pid)),
            )
            for pid, shown in menu
        ),
        more_people=len(menu) < len(everyone),
        by_kind=tuple(
            Chip(
                k,
                plan.urls.page(routes.kind_timeline(k)),
                k == kind,
                count=len(plan.db.get("events_of_kind", k)),
            )
            for k in plan.db.get("timeline_kinds")
        ),
    )
    return page


def _year_of(event: Event) -> tuple[int, bool]:
    """The year (or decade) an event files under in a timeline."""
    return event.date.year, event.date.decade


def _month_of(event: Event) -> PartialDate | None:
    """The month an event files under, under its year's heading (None: not given)."""
    date = event.date
    return None if date.decade or date.month is None else PartialDate(date.year, date.month)
