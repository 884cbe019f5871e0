"""Plan the site: turn the model into one context object per page.

Everything a template shows is computed here: URLs, footnote numbers, status
and days held, the timeline's grouping, the highlighted passages of a source.
Templates only lay it out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from typing import Any, TypeVar, cast

from generator import urls as routes
from generator.article import article_paragraphs
from generator.check import Evidence, citations_of_event, citations_of_person
from generator.corrections import Logged, logged
from generator.dates import PartialDate, days_between
from generator.fragments import directive
from generator.model import (
    EVENT_KINDS,
    INFOBOX_KINDS,
    Citation,
    Claim,
    Disagreement,
    Event,
    Person,
    Project,
    Relation,
    Source,
)
from generator.quotes import Span, anchor_id, fold
from generator.urls import Urls
from generator.views import (
    AboutView,
    Case,
    Chip,
    Cited,
    CorrectionsView,
    CorrectionView,
    DifferView,
    EventView,
    HomeView,
    IndexEntry,
    Link,
    MonthGroup,
    Note,
    Page,
    PageLink,
    Passage,
    PeopleView,
    PersonView,
    Quoting,
    Ref,
    RoleGroup,
    SourceView,
    Status,
    TimelineView,
    Title,
    YearGroup,
)

ROLE_ORDER = ("hostage", "relative", "official", "other")
MENU_PEOPLE_MAX = 40
"""Above this many people with events, a filtered timeline's menu names only its own person."""


@dataclass(frozen=True, slots=True)
class Spec:
    """A page before it is planned: its route, what it reads and how to plan it.

    ``deps`` holds every value the page is planned from. Two specs of a route
    with equal ``deps`` give equal pages, so an incremental build can keep the
    page it rendered last time.
    """

    route: str
    template: str
    deps: tuple[object, ...]
    make: Callable[[], Page]
    quoting: tuple[object, ...] | None = None
    """The values the page's title and notes are planned from, where fewer than ``deps``.

    Equal ``quoting`` gives an equal :class:`Quoting`: a lazy builder can then
    keep what the source pages need of the page without planning it again
    (the whole timeline names everyone, but its notes do not change with a name).
    """


class Footnotes:
    """Numbers a page's citations; one note per quoted passage."""

    def __init__(self, page: Page, plan: Planner) -> None:
        self.page, self.plan = page, plan
        self._by_key: dict[tuple[str, str], Note] = {}

    def refs(self, citations: tuple[Citation, ...]) -> tuple[Ref, ...]:
        refs = []
        for c in citations:
            key = (c.source, fold(c.quote))
            note = self._by_key.get(key)
            if note is None:
                source = self.plan.project.sources[c.source]
                span = self.plan.evidence.span(c)
                note = Note(
                    len(self.page.notes) + 1,
                    source,
                    source.text[span.start : span.end],
                    self.plan.urls.page(routes.source(c.source)) + "#" + anchor_id(c.quote),
                    key,
                    source.published.date,
                    [],
                    *self.plan.foreign(source),
                    on_outlet=_on_outlet(source, span),
                )
                self._by_key[key] = note
                self.page.notes.append(note)
            ref = Ref(note.number, f"ref-{note.number}-{len(note.refs) + 1}")
            note.refs.append(ref.id)
            refs.append(ref)
        return tuple(refs)

    def cited(self, claim: Claim, label: str = "") -> Cited:
        return Cited(claim.text, self.refs(claim.citations), label)

    def differ(self, items: tuple[Disagreement, ...]) -> tuple[DifferView, ...]:
        return tuple(
            DifferView(d.topic, d.note, tuple(self.cited(a) for a in d.accounts)) for d in items
        )


T = TypeVar("T")


class Reuse:
    """What a planner worked out from parts of the model, kept for the next build's planner.

    The preview plans on every save, and the file cache hands back the very same
    objects for every file that did not change: a value worked out from the same
    inputs (compared as tuples: the same objects, or equal ones) is taken as it
    was, and a save costs less than a look at every person and event again.
    """

    def __init__(self) -> None:
        self._last: dict[object, tuple[tuple[object, ...], object]] = {}
        self._now: dict[object, tuple[tuple[object, ...], object]] = {}

    def get(self, key: object, inputs: tuple[object, ...], work: Callable[[], T]) -> T:
        """Return ``work()``, or what it returned for ``key`` from equal ``inputs`` in this
        build or the last one (a value asked for by every page is worked out once)."""
        known = self._now.get(key) or self._last.get(key)
        if known is not None and known[0] == inputs:
            # Kept with these inputs: the next build may hand the very same ones, and
            # objects compare fastest with themselves.
            self._now[key] = (inputs, known[1])
            return cast(T, known[1])
        value = work()
        self._now[key] = (inputs, value)
        return value

    def sorted(self, key: object, items: tuple[T, ...], by: Callable[[T], Any]) -> list[T]:
        """Return ``sorted(items, key=by)``, patched from last time's where items were replaced.

        A save replaces one person or one source: its file is read again, while
        the file cache hands back the very same objects for the others. A
        replacement that sorts as the item it replaces takes its place, and the
        order is not worked out again (a sort compares every item several times).
        """
        last = self._last.get(key)
        value: list[T] | None = None
        if last is not None:
            before, order = cast(tuple[T, ...], last[0][0]), cast(list[T], last[1])
            if len(before) == len(items):
                swapped = [(a, b) for a, b in zip(before, items, strict=True) if a is not b]
                if not swapped:
                    value = order
                elif len(swapped) <= _PATCH_AT_MOST and all(by(a) == by(b) for a, b in swapped):
                    new = {id(a): b for a, b in swapped}
                    value = [new.get(id(item), item) for item in order]
        if value is None:
            value = sorted(items, key=by)
        self._now[key] = ((items,), value)
        return value

    def next_build(self) -> None:
        """Keep what this build used, drop the rest."""
        self._last, self._now = self._now, {}


_PATCH_AT_MOST = 16
"""More items replaced than this, and :meth:`Reuse.sorted` sorts anew."""


class Planner:
    """Builds every page of a project."""

    def __init__(
        self, project: Project, evidence: Evidence, urls: Urls, reuse: Reuse | None = None
    ) -> None:
        self.project, self.evidence, self.urls = project, evidence, urls
        self.reuse = Reuse() if reuse is None else reuse
        people, sources = tuple(project.people.values()), tuple(project.sources.values())
        self.events = self.reuse.sorted("events", project.events, _event_order)
        self.people = self.reuse.sorted("people", people, _person_order)
        self.sources = self.reuse.sorted("sources", sources, _source_order)
        ids = tuple([p.id for p in self.people])
        self.people_ids: tuple[str, ...] = self.reuse.get("people_ids", (ids,), lambda: ids)
        """The ids of :attr:`people`, in order: the same tuple while they are the same."""
        self.as_of: PartialDate | None = evidence.newest
        self.quoted_in = self.reuse.get("quoted_in", (evidence.spans,), self._quoted_in)
        relations = tuple([p.relations for p in self.people])
        self.inverse = self.reuse.get("inverse", (self.people_ids, relations), self._inverse)
        self.events_of = self.reuse.get("events_of", (project.events,), self._events_of)
        self._full_menu: tuple[tuple[str, str], ...] | None = None

    def _quoted_in(self) -> dict[str, list[tuple[str, Span]]]:
        quoted_in: dict[str, list[tuple[str, Span]]] = defaultdict(list)
        for (source_id, quote), span in self.evidence.spans.items():
            quoted_in[source_id].append((quote, span))
        return dict(quoted_in)  # kept for the next build: no key is added by a look-up

    def _inverse(self) -> dict[str, list[tuple[str, Relation]]]:
        """Person id -> (id, relation) of each relation another person has to them."""
        inverse: dict[str, list[tuple[str, Relation]]] = defaultdict(list)
        for person in self.people:
            for r in person.relations:
                inverse[r.person].append((person.id, r))
        return dict(inverse)

    def _events_of(self) -> dict[str, list[Event]]:
        events_of: dict[str, list[Event]] = defaultdict(list)
        for event in self.events:
            for pid in event.people:
                events_of[pid].append(event)
        return dict(events_of)

    def specs(self) -> list[Spec]:
        """Return every page but the source pages, each with the values it is planned from."""
        return [self._on_the_site(self._spec_of(route)) for route in self.routes()]

    def routes(self) -> tuple[str, ...]:
        """The routes of every page but the source pages, in order.

        The same tuple while the same pages exist: the preview asks on every save.
        """
        people, kinds = self.timeline_people(), self.timeline_kinds()
        return self.reuse.get("routes", (self.people_ids, people, kinds), self._routes)

    def _routes(self) -> tuple[str, ...]:
        return (
            *[routes.person(pid) for pid in self.people_ids],
            routes.HOME,
            routes.PEOPLE,
            routes.TIMELINE,
            *[routes.person_timeline(pid) for pid in self.timeline_people()],
            *[routes.kind_timeline(kind) for kind in self.timeline_kinds()],
            routes.ABOUT,
            routes.CORRECTIONS,
            routes.SEARCH,
            routes.NOT_FOUND,
        )

    def spec(self, route: str) -> Spec | None:
        """The spec of the page at ``route``, or None if :meth:`routes` does not hold it.

        Working out a page's spec costs a few microseconds; the preview does it for
        the page the browser asks for, not for every page on every save.
        """
        known = self.reuse.get("known_routes", (self.routes(),), lambda: frozenset(self.routes()))
        return self._on_the_site(self._spec_of(route)) if route in known else None

    def _spec_of(self, route: str) -> Spec:
        """The spec of the page at ``route``, one of :meth:`routes`, before :meth:`_on_the_site`."""
        parts = route.split("/")
        if len(parts) == 3 and parts[0] == "people":
            return self._person_spec(self.project.people[parts[1]])
        if len(parts) == 3 and parts[0] == "timeline":
            return self._timeline_spec(route, parts[1], None)
        if len(parts) == 4 and parts[:2] == ["timeline", "kind"]:
            return self._timeline_spec(route, None, parts[2])
        if route == routes.HOME:
            return self._home_spec()
        if route == routes.PEOPLE:
            # Its notes cite the spellings' passages: they follow the people and the sources.
            spellings = tuple(p.spellings for p in self.people)
            deps = (tuple(self.people), tuple(self.sources))
            return Spec(route, "people.html", deps, self.people_page, (spellings,))
        if route == routes.TIMELINE:
            return self._timeline_spec(route, None, None)
        if route == routes.ABOUT:
            return Spec(route, "about.html", (tuple(self.sources),), self.about_page)
        if route == routes.CORRECTIONS:
            every = (tuple(self.people), tuple(self.events), tuple(self.sources))
            return Spec(route, "corrections.html", every, self.corrections_page)
        if route == routes.SEARCH:
            return Spec(route, "search.html", (), self.search_page)
        return Spec(routes.NOT_FOUND, "404.html", (), self.not_found_page)

    def source_routes(self) -> tuple[str, ...]:
        """The routes of the source pages, in order: the same tuple while the same sources exist."""
        return self.reuse.get(
            "source_routes",
            (self.sources,),
            lambda: tuple([self.source_route(s) for s in self.sources]),
        )

    def _on_the_site(self, s: Spec) -> Spec:
        """Every page shows the site's name and the date of the newest source."""
        return Spec(
            s.route,
            s.template,
            (self.project.site, self.as_of, *s.deps),
            s.make,
            None if s.quoting is None else (self.project.site, *s.quoting),
        )

    def _home_spec(self) -> Spec:
        people, events = tuple(self.people), tuple(self.events)
        overdue = tuple(sorted(self.evidence.overdue_events.items()))
        cases = tuple(p.captivity.citations for p in self.people if p.captivity)
        deps = (people, events, tuple(self.sources), overdue)
        return Spec("", "home.html", deps, self.home_page, (cases, events[-5:]))

    def _person_spec(self, person: Person) -> Spec:
        """A profile: it shows the person, who it links, its events, what it cites.

        Its notes and title do not depend on the names it links, only on whether
        those people exist (a relation to no one is left out with its notes).
        """
        events = tuple(self.events_of.get(person.id, ()))
        linked, cited = self.reuse.get(
            ("person", person.id), (person, events), lambda: _links_and_sources(person, events)
        )
        inverse = tuple(self.inverse.get(person.id, ()))
        # The names it links to, those of the people related to it among them.
        others = self._names(linked + tuple(other for other, _ in inverse))
        sources = tuple(self.project.sources.get(sid) for sid in cited)
        overdue = (
            self.evidence.overdue_people.get(person.id, ()),
            tuple(self.evidence.overdue_events.get(e.id, "") for e in events),
        )
        deps = (person, events, others, inverse, sources, overdue)
        exist = tuple(pid for pid, name in others if name is not None)
        make = partial(self.person_page, person)
        return Spec(
            routes.person(person.id), "person.html", deps, make, (person, events, inverse, exist)
        )

    def _timeline_spec(self, route: str, person: str | None, kind: str | None) -> Spec:
        deps = self._timeline_deps(person, kind)
        # Its notes follow its events; its title names its person.
        name = None if person is None else self.project.people[person].name
        make = partial(self.timeline_page, person=person, kind=kind)
        return Spec(route, "timeline.html", deps, make, (name, deps[0]))

    def source_specs(self, pages: Iterable[Quoting]) -> list[Spec]:
        """Return the source pages, which link back to every note on ``pages`` that quotes them."""
        quoted_by: dict[tuple[str, str], list[PageLink]] = defaultdict(list)
        for page in pages:
            for key, link in page.links:
                quoted_by[key].append(link)
        specs = []
        for source in self.sources:
            passages = tuple(
                (quote, span, tuple(quoted_by.get((source.id, quote), ())))
                for quote, span in self.quoted_in.get(source.id, ())
            )
            deps = (self.project.site, self.as_of, source, passages)
            make = partial(self.source_page, source, passages)
            specs.append(Spec(self.source_route(source), "source.html", deps, make))
        return specs

    @staticmethod
    def source_route(source: Source) -> str:
        return routes.source(source.id)

    def _timeline_deps(
        self, person: str | None = None, kind: str | None = None
    ) -> tuple[object, ...]:
        """What a timeline shows: its events, the people they link, what they cite, its menu."""
        events = self._timeline_events(person, kind)
        shown = tuple(events)
        linked, cited = self.reuse.get(
            ("timeline", person, kind), (shown,), lambda: _links_and_sources(None, shown)
        )
        others = self._names(linked)
        sources = tuple(self.project.sources.get(sid) for sid in cited)
        overdue = tuple(self.evidence.overdue_events.get(e.id, "") for e in events)
        menu = (self._timeline_menu(person), tuple(self.timeline_kinds()))
        return (shown, others, sources, overdue, menu)

    def _timeline_menu(self, person: str | None) -> tuple[tuple[str, str], ...]:
        """The people a timeline's filter menu names: (id, name).

        The whole timeline names everyone with events; a filtered one does too
        on a small site, but on a large one only its own person, so that each of
        a thousand per-person pages does not carry (and depend on) a thousand names.
        """
        everyone = self.timeline_people()
        if person is not None and len(everyone) > MENU_PEOPLE_MAX:
            return ((person, self.project.people[person].name),)
        if self._full_menu is None:  # the same for every timeline that shows it
            self._full_menu = tuple((pid, self.project.people[pid].name) for pid in everyone)
        return self._full_menu

    def _names(self, ids: tuple[str, ...]) -> tuple[tuple[str, str | None], ...]:
        """What a page shows of the people it links to: their names (None: no such person).

        A page depends on these, not on the whole person, so that an edit to
        someone's profile does not plan again every page that links to them.
        """
        people = self.project.people
        return tuple((pid, people[pid].name if pid in people else None) for pid in ids)

    def person_link(self, pid: str) -> Link:
        person = self.project.people[pid]
        return Link(person.name, self.urls.page(routes.person(pid)))

    def event_view(self, event: Event, notes: Footnotes) -> EventView:
        return EventView(
            event,
            event.date,
            tuple(self.person_link(p) for p in event.people if p in self.project.people),
            notes.refs(event.citations),
            notes.differ(event.differ),
            self.urls.page(routes.event(event.id)),
            self.evidence.overdue_events.get(event.id),
        )

    def status(self, person: Person, notes: Footnotes) -> Status | None:
        c = person.captivity
        if c is None:
            return None
        refs = notes.refs(c.citations)
        if c.released is not None:
            days = days_between(c.abducted, c.released)
            return Status("released", c.abducted, c.place, c.released, days, refs)
        # Days are counted to the last day a source describes the person as held:
        # the day its newest captivity source reports things as they stand, which
        # may come before the newest source's date (a date line over "tomorrow").
        until = self._held_until(person)
        days = days_between(c.abducted, until) if until else None
        announced = c.release_announced
        due = announced and self.as_of and announced.first_day() <= self.as_of.last_day()
        kind = "announced" if due else "held"
        return Status(kind, c.abducted, c.place, until, days, refs, announced)

    def _held_until(self, person: Person) -> PartialDate | None:
        """The newest day a source cited for a person's captivity reports it as it stands."""
        assert person.captivity is not None
        days = [
            source.published.reported
            for citation in person.captivity.citations
            if (source := self.project.sources.get(citation.source)) is not None
        ]
        return max(days, key=PartialDate.sort_key, default=None)

    def person_page(self, person: Person) -> Page:
        summary_text = _plain(person.summary[0].text) if person.summary else person.name
        title = Title("person", person.name, summary=summary_text)
        page = Page(
            routes.person(person.id), "person.html", title, draft=person.draft, searchable=True
        )
        notes = Footnotes(page, self)
        # Notes are numbered in the order the template shows the claims.
        summary = tuple(notes.cited(c) for c in person.summary)
        spellings = tuple(Cited(s.text, notes.refs(s.citations)) for s in person.spellings)
        infobox = tuple(notes.cited(f, f.kind) for f in person.facts if f.kind in INFOBOX_KINDS)
        status = self.status(person, notes)
        own = [(r.person, r.role, r.citations) for r in person.relations]
        related = {r.person for r in person.relations}
        mirrored = [
            (other, r.inverse, r.citations)
            for other, r in self.inverse.get(person.id, ())
            if other not in related
        ]
        relations = []
        for pid, label, citations in [*own, *mirrored]:
            if pid in self.project.people:
                link = self.person_link(pid)
                relations.append(Cited(link.text, notes.refs(citations), label, link.href))
        differ = notes.differ(person.differ)
        facts = tuple(notes.cited(f) for f in person.facts if f.kind not in INFOBOX_KINDS)
        events = tuple(self.event_view(e, notes) for e in self.events_of.get(person.id, ()))
        page.view = PersonView(
            person=person,
            role=person.role,
            summary=summary,
            status=status,
            spellings=spellings,
            infobox=infobox,
            relations=tuple(relations),
            facts=facts,
            disagreements=differ,
            events=events,
            as_of=self.as_of,
            overdue=self.evidence.overdue_people.get(person.id, ()),
            timeline=self.urls.page(routes.person_timeline(person.id)) if events else "",
        )
        return page

    def home_page(self) -> Page:
        page = Page(routes.HOME, "home.html", Title("home"))
        notes = Footnotes(page, self)
        cases = []
        for p in self.people:
            if p.captivity:
                status = self.status(p, notes)
                assert status is not None
                cases.append(Case(self.person_link(p.id), status))
        latest = tuple(self.event_view(e, notes) for e in reversed(self.events[-5:]))
        page.view = HomeView(tuple(cases), latest, self.as_of)
        return page

    def people_page(self) -> Page:
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

    def timeline_people(self) -> list[str]:
        """Return the ids of the people with events, in the order of the people index."""
        return self.reuse.get(
            "timeline_people",
            (self.people_ids, self.events_of),
            lambda: [pid for pid in self.people_ids if self.events_of.get(pid)],
        )

    def timeline_kinds(self) -> list[str]:
        """Return the kinds of event the timeline holds, in the order of EVENT_KINDS."""

        def kinds() -> list[str]:
            present = {e.kind for e in self.events}
            return [k for k in EVENT_KINDS if k in present]

        return self.reuse.get("timeline_kinds", (self.events,), kinds)

    def _timeline_events(self, person: str | None, kind: str | None) -> list[Event]:
        """The events of the whole timeline, or those of one person, or of one kind."""
        if person is not None:
            return self.events_of.get(person, [])
        if kind is not None:
            return [e for e in self.events if e.kind == kind]
        return self.events

    def timeline_page(self, person: str | None = None, kind: str | None = None) -> Page:
        """Plan the timeline, whole or filtered to one person's or one kind's events.

        Each filter is a page of its own, so that it works as a plain link; the
        timeline script filters the whole timeline in place where it can.
        """
        events = self._timeline_events(person, kind)
        route, title = routes.TIMELINE, Title("timeline")
        name = None
        if person is not None:
            name = self.project.people[person].name
            route, title = routes.person_timeline(person), Title("timeline", name)
        elif kind is not None:
            route, title = routes.kind_timeline(kind), Title("timeline", filter=kind)
        page = Page(route, "timeline.html", title, searchable=route == routes.TIMELINE)
        notes = Footnotes(page, self)
        years = []
        for (year, decade), in_year in groupby(events, key=_year_of):
            months = tuple(
                MonthGroup(month, tuple(self.event_view(e, notes) for e in group))
                for month, group in groupby(in_year, key=_month_of)
            )
            years.append(YearGroup(year, decade, months))
        menu = self._timeline_menu(person)
        page.view = TimelineView(
            years=tuple(years),
            filtered=route != routes.TIMELINE,
            person=name,
            kind=kind,
            count=len(events),
            all=self.urls.page(routes.TIMELINE),
            by_person=tuple(
                Chip(pid, self.urls.page(routes.person_timeline(pid)), pid == person, name)
                for pid, name in menu
            ),
            more_people=len(menu) < len(self.timeline_people()),
            by_kind=tuple(
                Chip(k, self.urls.page(routes.kind_timeline(k)), k == kind)
                for k in self.timeline_kinds()
            ),
        )
        return page

    def search_page(self) -> Page:
        return Page(routes.SEARCH, "search.html", Title("search"))

    def about_page(self) -> Page:
        page = Page(routes.ABOUT, "about.html", Title("about"))
        by_date = sorted(self.project.sources.values(), key=lambda s: s.published.date.sort_key())
        page.view = AboutView(tuple(by_date))
        return page

    def corrections_page(self) -> Page:
        page = Page(routes.CORRECTIONS, "corrections.html", Title("corrections"))
        page.view = CorrectionsView(tuple(self.corrected(c) for c in logged(self.project)))
        return page

    def corrected(self, entry: Logged) -> CorrectionView:
        """A correction with a link to what it corrects."""
        href = {
            "person": lambda: self.urls.page(routes.person(entry.item)),
            "event": lambda: self.urls.page(routes.event(entry.item)),
            "source": lambda: self.urls.page(routes.source(entry.item)),
        }[entry.kind]()
        return CorrectionView(entry.correction, entry.kind, Link(entry.name, href))

    def foreign(self, source: Source) -> tuple[str | None, str | None]:
        """The language and the direction of ``source``, each None where it is the site's:
        a passage in another language is marked as such (WCAG 2.2, 3.1.2)."""
        site = self.project.site
        language = source.language if source.language != site.language else None
        way = source.direction if language and source.direction != site.direction else None
        return language, way

    def source_page(
        self, source: Source, quoted: tuple[tuple[str, Span, tuple[PageLink, ...]], ...]
    ) -> Page:
        title = Title("source", source.outlet, date=source.published.date)
        page = Page(routes.source(source.id), "source.html", title, searchable=True)
        # A passage quoted only by drafts is left out with them.
        passages = sorted(
            ((span, anchor_id(q), list(links)) for q, span, links in quoted if links),
            key=lambda item: (item[0].start, item[0].end),
        )
        language, way = self.foreign(source)
        paragraphs = article_paragraphs(
            source.text, self.evidence.hidden.get(source.id, ()), passages
        )
        page.view = SourceView(
            source=source,
            language=language,
            direction=way,
            basis=source.published.basis,
            paragraphs=tuple(tuple(p) for p in paragraphs),
            passages=tuple(
                Passage(anchor, source.text[span.start : span.end], tuple(links))
                for span, anchor, links in passages
            ),
        )
        return page

    def not_found_page(self) -> Page:
        return Page(routes.NOT_FOUND, "404.html", Title("404"))


def _year_of(event: Event) -> tuple[int, bool]:
    """The year (or decade) an event files under in a timeline."""
    return event.date.year, event.date.decade


def _month_of(event: Event) -> PartialDate | None:
    """The month an event files under, under its year's heading (None: not given)."""
    date = event.date
    return None if date.decade or date.month is None else PartialDate(date.year, date.month)


def _event_order(event: Event) -> tuple[object, ...]:
    return (event.date.sort_key(), event.id)


def _person_order(person: Person) -> tuple[object, ...]:
    """The people index's order: by role, then by name."""
    return (ROLE_ORDER.index(person.role), person.name.casefold(), person.id)


def _source_order(source: Source) -> str:
    return source.id


def _links_and_sources(
    person: Person | None, events: tuple[Event, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids of the people a page of ``person`` and ``events`` links, and of what it cites."""
    linked = {pid for event in events for pid in event.people}
    cited = {c.source for event in events for cs in citations_of_event(event) for c in cs}
    if person is not None:
        linked |= {r.person for r in person.relations}
        cited |= {c.source for cs in citations_of_person(person) for c in cs}
    return tuple(sorted(linked)), tuple(sorted(cited))


def _on_outlet(source: Source, span: Span) -> str | None:
    """The URL of the passage at ``span`` on the outlet's page, or None without a URL."""
    if not source.url:
        return None
    fragment = ":~:" + directive(source.text, span.start, span.end)
    return source.url + (fragment if "#" in source.url else "#" + fragment)


def _plain(markdown: str) -> str:
    return markdown.replace("*", "").replace("_", " ").replace("[", "").replace("]", "")
