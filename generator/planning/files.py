"""The files made of the whole site: the sitemap, the Atom feed and the data exports."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from generator import urls as routes
from generator.corrections import logged
from generator.planning import exports
from generator.rendering import structured
from generator.views import (
    DataView,
    FeedCorrection,
    FeedEntry,
    FeedView,
    Page,
    SitemapView,
    Title,
)

if TYPE_CHECKING:
    from generator.planning.planner import Planner


def file_page(plan: Planner, route: str) -> Page:
    """The sitemap, the feed or a data file (route one of :func:`queries.file_routes`)."""
    if route == routes.SITEMAP:
        every = plan.routes() + plan.source_routes()
        listed = tuple(r for r in every if r != routes.NOT_FOUND)
        return Page(routes.SITEMAP, "sitemap.xml", Title("file"), SitemapView(listed))
    if route == routes.FEED:
        return _feed(plan)
    return Page(route, "", Title("file"), DataView(_data(plan, route)))


def _feed(plan: Planner) -> Page:
    urls = plan.urls
    entries = tuple(
        FeedEntry(
            event,
            structured.feed_entry_id(event.id),
            urls.absolute(routes.event(event.id)),
            _timestamp(event.date.first_day()),
            event.body or event.title,
        )
        for event in reversed(plan.events)
    )
    corrections = []
    for entry in logged(plan.project):
        c = entry.correction
        view = plan.corrected(entry)
        key = f"correction:{entry.kind}:{entry.item}:{c.date.iso()}:{c.was}"
        corrections.append(
            FeedCorrection(
                view,
                structured.feed_entry_id(key),
                urls.absolute(view.link.href.removeprefix(urls.root)),
                _timestamp(c.date.first_day()),
            )
        )
    as_of = plan.as_of.first_day() if plan.as_of else dt.date(1970, 1, 1)
    feed = FeedView(
        entries,
        tuple(corrections),
        _timestamp(as_of),
        structured.feed_entry_id("feed:" + plan.site.title),
    )
    return Page(routes.FEED, "feed.xml", Title("file"), feed)


def _data(plan: Planner, route: str) -> str:
    """A data export (see generator.planning.exports): each reads every person, event and source."""
    exporter = exports.Exporter(plan)
    if route == "data/people.json":
        return exports.json_text(exporter.people())
    if route == "data/events.json":
        return exports.json_text(exporter.events())
    if route == "data/sources.json":
        return exports.json_text(exporter.sources())
    if route == "data/people.csv":
        return exports.csv_text(exports.people_rows(exporter.people()))
    return exports.csv_text(exports.event_rows(exporter.events()))


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
