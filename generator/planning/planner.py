"""The planner: every page of the site as a typed view, read through the incremental layer.

Each page is the answer of the query ``page`` for its route; everything it reads of
the model and the evidence goes through the planner's :class:`Database`, which records
it. So a page is planned again exactly when something it read changed, and nobody
writes down what a page depends on. A one-off build asks for every page once; the
preview keeps the planner and asks for the page the browser wants.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import groupby
from typing import Any

from generator import urls as routes
from generator.checking import Evidence
from generator.checking.quotes import Span
from generator.corrections import Logged, logged
from generator.dates import PartialDate
from generator.incremental import MISSING, Database
from generator.model import Event, Person, Project, Site, Source
from generator.planning import files, profile, queries, source, timeline
from generator.planning.footnotes import Footnotes
from generator.urls import Urls
from generator.views import (
    AboutView,
    Case,
    Cited,
    CorrectionsView,
    CorrectionView,
    EventView,
    HomeView,
    IndexEntry,
    Link,
    Page,
    PeopleView,
    Quoting,
    RoleGroup,
    Title,
)


class Planner:
    """Plans the pages of one project, build after build (see the module's doc)."""

    def __init__(self, urls: Urls, whole_site: bool = True) -> None:
        self.urls = urls
        self.db = Database({**queries.QUERIES, "page": self._page, "quoting": self._quoting})
        # The default edition's planner plans the files of the whole site (the sitemap of
        # every edition, the data); another edition's, its own feed.
        self.db.define("file_routes", partial(queries.file_routes, whole_site=whole_site))

    def update(self, project: Project, evidence: Evidence) -> None:
        """Plan from this project and evidence from now on: a new revision of the inputs."""
        self.db.set_inputs(
            model={
                "project": project,
                "evidence": evidence,
                "site": project.site,
                "as_of": evidence.newest,
                "people": project.people,
                "events": project.events,
                "sources": project.sources,
                "spans": evidence.spans,
            },
            person=project.people,
            source=project.sources,
            span=evidence.spans,
            hidden=evidence.hidden,
            overdue_event=evidence.overdue_events,
            overdue_person=evidence.overdue_people,
        )

    # What the build asks ----------------------------------------------------------------

    def page(self, route: str) -> Page:
        """The page at ``route``, one of :meth:`routes`."""
        page: Page = self.db.get("page", route)
        return page

    def routes(self) -> tuple[str, ...]:
        """Every page but the source pages, in order: their notes make the source pages."""
        found: tuple[str, ...] = self.db.get("page_routes")
        return found

    def source_routes(self) -> tuple[str, ...]:
        found: tuple[str, ...] = self.db.get("source_routes")
        return found

    def file_routes(self) -> tuple[str, ...]:
        """The sitemap, the feed and the data files."""
        found: tuple[str, ...] = self.db.get("file_routes")
        return found

    def prepare(self) -> None:
        """Work out now what many pages read: processes forked to render then share it."""
        for name in ("relations_to_all", "quoted_in_all", "timeline_kinds", "every_route"):
            self.db.get(name)
        self.db.get("menu", None)

    def has(self, route: str) -> bool:
        return route in self.db.get("every_route")

    def size(self, route: str) -> int:
        """About how much the page at ``route`` lists: the whole timeline, the data files
        and the sitemap list thousands of things, a profile a few dozen."""
        kind = routes.page_kind(route)
        if kind == "file" or route == routes.TIMELINE:
            return len(self.events) + len(self.people) + len(self.sources)
        if kind == "timeline":
            parts = route.split("/")
            if parts[1] == "kind":
                return len(self.db.get("events_of_kind", parts[2]))
            return len(self.events_of(parts[1]))
        if kind == "person":
            return len(self.events_of(route.split("/")[1])) + 1
        if kind in ("home", "people", "about", "corrections"):
            return len(self.people) // 4 + 1
        return 1

    # What the pages read: each read recorded ------------------------------------------------

    @property
    def site(self) -> Site:
        site: Site = self.db.input("model", "site")
        return site

    @property
    def as_of(self) -> PartialDate | None:
        as_of: PartialDate | None = self.db.input("model", "as_of")
        return as_of

    @property
    def project(self) -> Project:
        """The whole project: for what shows everything (the data files, the feed)."""
        project: Project = self.db.input("model", "project")
        return project

    @property
    def people(self) -> tuple[Person, ...]:
        found: tuple[Person, ...] = self.db.get("people")
        return found

    @property
    def events(self) -> tuple[Event, ...]:
        found: tuple[Event, ...] = self.db.get("events")
        return found

    @property
    def sources(self) -> tuple[Source, ...]:
        found: tuple[Source, ...] = self.db.get("sources")
        return found

    def person(self, pid: str) -> Person | None:
        found = self.db.input("person", pid)
        return None if found is MISSING else found

    def source(self, sid: str) -> Source:
        found: Source = self.db.input("source", sid)
        return found

    def known_source(self, sid: str) -> Source | None:
        found = self.db.input("source", sid)
        return None if found is MISSING else found

    def span(self, key: tuple[str, str]) -> Span:
        """Where the passage (source id, folded quote) stands in its source."""
        span: Span = self.db.input("span", key)
        return span

    def hidden(self, sid: str) -> tuple[Span, ...]:
        found = self.db.input("hidden", sid)
        return () if found is MISSING else found

    def overdue_event(self, eid: str) -> Any:
        found = self.db.input("overdue_event", eid)
        return None if found is MISSING else found

    def overdue_person(self, pid: str) -> tuple[Any, ...]:
        found = self.db.input("overdue_person", pid)
        return () if found is MISSING else found

    def name(self, pid: str) -> str | None:
        """A person's name, None for no such person (an edit of their profile's other
        fields does not plan again the pages that link them)."""
        found: str | None = self.db.get("name", pid)
        return found

    def events_of(self, pid: str) -> tuple[Event, ...]:
        found: tuple[Event, ...] = self.db.get("events_of", pid)
        return found

    def foreign(self, source: Source) -> tuple[str | None, str | None]:
        """The language and the direction of ``source``, each None where it is the site's:
        a passage in another language is marked as such (WCAG 2.2, 3.1.2)."""
        site = self.site
        language = source.language if source.language != site.language else None
        way = source.direction if language and source.direction != site.direction else None
        return language, way

    # Shared parts of pages -------------------------------------------------------------------

    def person_link(self, pid: str) -> Link:
        return Link(self.name(pid) or "", self.urls.page(routes.person(pid)))

    def event_view(self, event: Event, notes: Footnotes) -> EventView:
        return EventView(
            event,
            event.date,
            tuple(self.person_link(p) for p in event.people if self.name(p) is not None),
            notes.refs(event.citations),
            notes.differ(event.differ),
            self.urls.page(routes.event(event.id)),
            self.overdue_event(event.id),
        )

    def corrected(self, entry: Logged) -> CorrectionView:
        """A correction with a link to what it corrects."""
        href = {
            "person": routes.person,
            "event": routes.event,
            "source": routes.source,
        }[entry.kind](entry.item)
        return CorrectionView(entry.correction, entry.kind, Link(entry.name, self.urls.page(href)))

    # The queries -------------------------------------------------------------------------------

    def _quoting(self, db: Database, route: str) -> Quoting:
        """What the source pages need of a page: a link to each of its notes."""
        return Quoting.of(db.get("page", route), self.urls)

    def _page(self, db: Database, route: str) -> Page:
        kind = routes.page_kind(route)
        parts = route.split("/")
        if kind == "person":
            person = self.person(parts[1])
            assert person is not None, route
            return profile.person_page(self, person)
        if kind == "timeline":
            if route == routes.TIMELINE:
                return timeline.timeline_page(self)
            if parts[1] == "kind":
                return timeline.timeline_page(self, kind=parts[2])
            return timeline.timeline_page(self, person=parts[1])
        if kind == "source":
            return source.source_page(self, self.source(parts[1]))
        if kind == "file":
            return files.file_page(self, route)
        makers: dict[str, Callable[[], Page]] = {
            "home": self._home,
            "people": self._people,
            "about": self._about,
            "corrections": self._corrections,
            "search": lambda: Page(routes.SEARCH, "search.html", Title("search")),
            "404": lambda: Page(routes.NOT_FOUND, "404.html", Title("404")),
        }
        return makers[kind]()

    def _home(self) -> Page:
        page = Page(routes.HOME, "home.html", Title("home"))
        notes = Footnotes(page, self)
        cases = []
        for p in self.people:
            if p.captivity:
                status = profile.status(self, p, notes)
                assert status is not None
                cases.append(Case(self.person_link(p.id), status))
        latest = tuple(self.event_view(e, notes) for e in reversed(self.events[-5:]))
        page.view = HomeView(tuple(cases), latest, self.as_of)
        return page

    def _people(self) -> Page:
        page = Page(routes.PEOPLE, "people.html", Title("people"))
        notes = Footnotes(page, self)
        groups = tuple(
            RoleGroup(
                role,
                tuple(
                    IndexEntry(
                        self.person_link(p.id),
                        tuple(Cited(s.text, notes.refs(s.citations)) for s in p.spellings),
                    )
                    for p in group
                ),
            )
            for role, group in groupby(self.people, key=lambda p: p.role)
        )
        page.view = PeopleView(groups)
        return page

    def _about(self) -> Page:
        page = Page(routes.ABOUT, "about.html", Title("about"))
        by_date = sorted(self.sources, key=lambda s: s.published.date.sort_key())
        page.view = AboutView(tuple(by_date))
        return page

    def _corrections(self) -> Page:
        page = Page(routes.CORRECTIONS, "corrections.html", Title("corrections"))
        page.view = CorrectionsView(tuple(self.corrected(c) for c in logged(self.project)))
        return page
