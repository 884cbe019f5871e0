"""Structured data (schema.org JSON-LD) for each page, and the feed's entries.

Profiles are a ``Person``, timeline entries ``Event``s, sources ``NewsArticle``s
with their publisher and date; every page that cites articles lists them as
``citation``. Only what the content says goes in: no URL or headline is made up.
"""

from __future__ import annotations

import uuid
from typing import Any

from generator import urls as routes
from generator.model import Site, Source
from generator.urls import Urls
from generator.views import (
    AboutView,
    EventView,
    HomeView,
    Page,
    PeopleView,
    PersonView,
    SourceView,
    TimelineView,
)

_FEED_NAMESPACE = uuid.UUID("5d1b7c52-4b0e-4e57-9a5e-6b7f3c2a9e10")


def article(source: Source, urls: Urls) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "NewsArticle",
        "publisher": {"@type": "Organization", "name": source.outlet},
        "datePublished": source.published.date.iso(),
        "inLanguage": source.language,
    }
    if source.headline:
        data["headline"] = source.headline
    if source.url:  # an unknown address stays absent: our own page is not the article's
        data["url"] = source.url
    return data


def event(view: EventView, urls: Urls) -> dict[str, Any]:
    e = view.event
    data: dict[str, Any] = {
        "@type": "Event",
        "name": e.title,
        "url": urls.absolute(routes.event(e.id)),
        "eventStatus": "https://schema.org/EventScheduled"
        if e.status != "happened"
        else "https://schema.org/EventCompleted",
    }
    if not (e.date.decade or e.date.approximate):
        # ISO 8601 has no decade, and "around January" is not January: an
        # approximate date is left out rather than made precise.
        data["startDate"] = e.date.iso()
    if view.people:
        data["about"] = [{"@type": "Person", "name": p.text} for p in view.people]
    return data


class StructuredData:
    """Makes the JSON-LD object of each page of one build.

    A source is cited on many pages and an event shown on several, each time
    as the same object: those are made once per build and shared between the
    pages' objects (which are only read, to be serialised). Make a new one for
    each build, as the objects of events hold the names of the people they link.
    """

    def __init__(self, urls: Urls, site: Site) -> None:
        self.urls, self.site = urls, site
        self._articles: dict[int, tuple[Source, dict[str, Any]]] = {}
        self._events: dict[int, tuple[EventView, dict[str, Any]]] = {}

    def article(self, source: Source) -> dict[str, Any]:
        known = self._articles.get(id(source))
        if known is None or known[0] is not source:
            known = self._articles[id(source)] = (source, article(source, self.urls))
        return known[1]

    def event(self, view: EventView) -> dict[str, Any]:
        known = self._events.get(id(view.event))
        if known is None or known[0].event is not view.event or known[0].people != view.people:
            known = self._events[id(view.event)] = (view, event(view, self.urls))
        return known[1]

    def __call__(self, page: Page, title: str, description: str) -> dict[str, Any] | None:
        """Return the JSON-LD object of a page (its title and description as worded by the
        theme), or None for pages that have none."""
        urls, view = self.urls, page.view
        data: dict[str, Any]
        if isinstance(view, PersonView):
            person = view.person
            data = {
                "@type": "Person",
                "name": person.name,
                "description": description,
                "url": urls.absolute(page.route),
            }
            spellings = sorted({s.text for s in person.spellings} - {person.name})
            if spellings:
                data["alternateName"] = spellings
            if view.events:
                data["subjectOf"] = [self.event(e) for e in view.events]
        elif isinstance(view, TimelineView):
            entries = [e for year in view.years for month in year.months for e in month.events]
            data = {
                "@type": "ItemList",
                "name": title,
                "itemListElement": [
                    {"@type": "ListItem", "position": i, "item": self.event(e)}
                    for i, e in enumerate(entries, 1)
                ],
            }
        elif isinstance(view, SourceView):
            data = dict(self.article(view.source))
            data["mainEntityOfPage"] = urls.absolute(page.route)
        elif isinstance(view, HomeView | AboutView | PeopleView):
            data = {
                "@type": "WebSite" if isinstance(view, HomeView) else "WebPage",
                "name": title if page.route else self.site.title,
                "description": description,
                "url": urls.absolute(page.route),
                "inLanguage": self.site.language,
            }
        else:
            return None
        if not isinstance(view, SourceView):
            sources = page.sources
            if sources:
                data["citation"] = [self.article(s) for s in sources]
        return {"@context": "https://schema.org", **data}


def feed_entry_id(event_id: str) -> str:
    """Return a stable Atom id for an event, whatever the site's address."""
    return uuid.uuid5(_FEED_NAMESPACE, event_id).urn
