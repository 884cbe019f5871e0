"""Plan the site: turn the model into one context object per page.

Everything a template shows is computed here: URLs, footnote numbers, status
and days held, the timeline's grouping, the highlighted passages of a source.
Templates only lay it out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from generator.article import article_paragraphs
from generator.check import Evidence, citations_of_event, citations_of_person
from generator.corrections import Logged, logged
from generator.dates import PartialDate, days_between
from generator.fragments import directive
from generator.model import (
    INFOBOX_KINDS,
    Citation,
    Claim,
    Correction,
    Disagreement,
    Event,
    Person,
    Project,
    Relation,
    Source,
)
from generator.pickled import by_fields
from generator.quotes import Span, anchor_id, fold

ROLE_LABELS = {
    "hostage": "Hostage",
    "relative": "Relative",
    "official": "Official",
    "other": "Other",
}
ROLE_ORDER = ("hostage", "relative", "official", "other")
KIND_LABELS = {
    "emigration": "Emigration",
    "abduction": "Abduction",
    "killing": "Killing",
    "release": "Release",
    "statement": "Statement",
    "diplomacy": "Diplomacy",
    "sign-of-life": "Sign of life",
    "other": "Other",
}
MENU_PEOPLE_MAX = 40
"""Above this many people with events, a filtered timeline's menu names only its own person."""
BASIS_LABELS = {
    "stated": "stated in the article",
    "url": "taken from the article's URL",
    "inferred": "inferred, not stated",
    "dateline": "given in a date line at the head of the text as received",
}


@dataclass(frozen=True, slots=True)
class Urls:
    """Where pages live: links use the root path, canonical URLs add the origin."""

    origin: str
    """Scheme and host, e.g. 'https://example.org', or '' when only a path is known."""
    root: str
    """Path of the site root, starting and ending with '/'."""

    @classmethod
    def from_base(cls, base: str) -> Urls:
        """Split a base URL ('https://example.org/explainer/' or '/explainer/')."""
        parts = urlsplit(base)
        origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""
        root = "/" + parts.path.strip("/") + "/" if parts.path.strip("/") else "/"
        return cls(origin, root)

    def page(self, route: str) -> str:
        return self.root + route

    def absolute(self, route: str) -> str:
        return self.origin + self.root + route


def output_of(route: str) -> str:
    """Return the file a route is written to: 'people/x/' -> 'people/x/index.html'."""
    if route.endswith((".html", ".xml", ".json", ".csv")):
        return route
    return route + "index.html"


def route_of(name: str) -> str:
    """Return the route a file is written for: the inverse of :func:`output_of`."""
    if name == "index.html" or name.endswith("/index.html"):
        return name[: -len("index.html")]
    return name


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


@dataclass(slots=True)
class Ref:
    """A footnote mark on a page."""

    number: int
    id: str


@dataclass(slots=True)
class Note:
    """A footnote: one quoted passage of one source."""

    number: int
    source: Source
    quote: str
    """The passage as it stands in the source."""
    href: str
    key: tuple[str, str]
    """(source id, folded quote), as in :attr:`Evidence.spans`."""
    date: str
    """The source's date as a reader should see it (its ``published.date.label()``)."""
    refs: list[str] = field(default_factory=list)
    language: str | None = None
    """The source's language where it is not the site's: the quote is marked with it."""
    direction: str | None = None
    """'rtl' or 'ltr' where the source's language is written the other way from the site's
    (set only with :attr:`language`)."""
    on_outlet: str | None = None
    """The passage on the outlet's own page (a URL text fragment), where its URL is known."""

    @property
    def id(self) -> str:
        return f"fn-{self.number}"

    @property
    def uses(self) -> list[tuple[int, str]]:
        """(use, ref id) of each mark that cites the note, the uses numbered from 1."""
        return list(enumerate(self.refs, 1))


@by_fields
@dataclass(frozen=True, slots=True)
class Quoting:
    """What the source pages need of a planned page: a link to each of its notes.

    Small, so that a worker process that planned and rendered the page can send
    it back in place of the page, and a builder can keep it for the next build.
    """

    links: tuple[tuple[tuple[str, str], Link], ...]
    """(:attr:`Note.key`, link to the note) of each note."""

    @classmethod
    def of(cls, page: Page, urls: Urls) -> Quoting:
        href = urls.page(page.route) + "#"
        return cls(tuple((n.key, Link(page.title, href + n.id)) for n in page.notes))


@by_fields
@dataclass(frozen=True, slots=True)
class Cited:
    """Text with its footnote marks."""

    text: str
    refs: tuple[Ref, ...]
    label: str = ""
    href: str = ""


@dataclass(frozen=True, slots=True)
class DifferView:
    topic: str
    note: str
    accounts: tuple[Cited, ...]


@by_fields
@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True, slots=True)
class EventView:
    event: Event
    date: str
    """The event's date as a reader should see it."""
    datetime: str
    """The same date in ISO 8601, at its precision (for <time datetime>)."""
    kind: str
    people: tuple[Link, ...]
    refs: tuple[Ref, ...]
    differ: tuple[DifferView, ...]
    href: str
    overdue: str = ""
    """Set when the announced date has passed unconfirmed (see generator.editorial)."""


@dataclass(frozen=True, slots=True)
class Status:
    """A hostage's situation as the sources leave it: facts only, worded by the templates."""

    kind: str
    """held; announced (a release announced for a day on or before "as of", and no
    source says whether it took place); released."""
    abducted: PartialDate
    place: str
    until: PartialDate | None
    """The day the days are counted to: the release, or the last day a source
    describes the person as held (None: no source date known)."""
    days: int | None
    """Days from the abduction to ``until``, not counting the first; None unless
    both days are known exactly."""
    refs: tuple[Ref, ...]
    announced: PartialDate | None = None
    """The day a release was announced for, not reported as done."""


@dataclass(frozen=True, slots=True)
class CorrectionView:
    """A correction on the corrections page: what it corrects (kind: person, event,
    source) and a link there."""

    correction: Correction
    kind: str
    link: Link


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """A person in the index of people: a link to the profile, and the spellings, cited."""

    link: Link
    spellings: tuple[Cited, ...]


@dataclass
class Page:
    """One page to render: its route, template and what the template shows."""

    route: str
    """Path under the site root: '' for the home page, 'people/x/' for a profile."""
    template: str
    title: str
    description: str
    notes: list[Note] = field(default_factory=list)
    data: dict[str, object] = field(default_factory=dict)
    draft: bool = False
    """Shown only in the preview or with ``--drafts``; templates mark it as such."""
    searchable: bool = False
    """Indexed by the search stage (generator.search); copies such as filtered timelines are not."""

    @property
    def output(self) -> str:
        return output_of(self.route)

    @property
    def sources(self) -> list[Source]:
        """The sources this page cites, in order of first citation."""
        return [source for source, _ in self.cited]

    @property
    def cited(self) -> list[tuple[Source, str]]:
        """The sources this page cites, in order of first citation, each with its date
        as the notes show it."""
        return list({note.source.id: (note.source, note.date) for note in self.notes}.values())


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
                    self.plan.urls.page(f"sources/{c.source}/") + "#" + anchor_id(c.quote),
                    key,
                    self.plan.dates(f"source:{source.id}", source.published.date)[0],
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
        self._dates: dict[str, tuple[str, str]] = {}

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

    def dates(self, key: str, date: PartialDate) -> tuple[str, str]:
        """Return ``date`` as a reader sees it and in ISO 8601, worked out once per ``key``.

        A source's or an event's date is shown on every page that cites or lists it.
        """
        known = self._dates.get(key)
        if known is None:
            known = self._dates[key] = (date.label(), date.iso())
        return known

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
            *[f"people/{pid}/" for pid in self.people_ids],
            "",
            "people/",
            "timeline/",
            *[f"timeline/{pid}/" for pid in self.timeline_people()],
            *[f"timeline/kind/{kind}/" for kind in self.timeline_kinds()],
            "about/",
            "corrections/",
            "search/",
            "404.html",
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
        if route == "":
            return self._home_spec()
        if route == "people/":
            # Its notes cite the spellings' passages: they follow the people and the sources.
            spellings = tuple(p.spellings for p in self.people)
            deps = (tuple(self.people), tuple(self.sources))
            return Spec("people/", "people.html", deps, self.people_page, (spellings,))
        if route == "timeline/":
            return self._timeline_spec(route, None, None)
        if route == "about/":
            return Spec("about/", "about.html", (tuple(self.sources),), self.about_page)
        if route == "corrections/":
            every = (tuple(self.people), tuple(self.events), tuple(self.sources))
            return Spec("corrections/", "corrections.html", every, self.corrections_page)
        if route == "search/":
            return Spec("search/", "search.html", (), self.search_page)
        return Spec("404.html", "404.html", (), self.not_found_page)

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
            f"people/{person.id}/", "person.html", deps, make, (person, events, inverse, exist)
        )

    def _timeline_spec(self, route: str, person: str | None, kind: str | None) -> Spec:
        deps = self._timeline_deps(person, kind)
        # Its notes follow its events; its title names its person.
        name = None if person is None else self.project.people[person].name
        make = partial(self.timeline_page, person=person, kind=kind)
        return Spec(route, "timeline.html", deps, make, (name, deps[0]))

    def source_specs(self, pages: Iterable[Quoting]) -> list[Spec]:
        """Return the source pages, which link back to every note on ``pages`` that quotes them."""
        quoted_by: dict[tuple[str, str], list[Link]] = defaultdict(list)
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
        return f"sources/{source.id}/"

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
        return Link(person.name, self.urls.page(f"people/{pid}/"))

    def event_view(self, event: Event, notes: Footnotes) -> EventView:
        label, iso = self.dates(f"event:{event.id}", event.date)
        return EventView(
            event,
            label,
            iso,
            KIND_LABELS[event.kind],
            tuple(self.person_link(p) for p in event.people if p in self.project.people),
            notes.refs(event.citations),
            notes.differ(event.differ),
            self.urls.page("timeline/") + "#" + event.id,
            self.evidence.overdue_events.get(event.id, ""),
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
        page = Page(
            f"people/{person.id}/",
            "person.html",
            person.name,
            _plain(person.summary[0].text) if person.summary else person.name,
            draft=person.draft,
            searchable=True,
        )
        notes = Footnotes(page, self)
        # Notes are numbered in the order the template shows the claims.
        summary = tuple(notes.cited(c) for c in person.summary)
        spellings = tuple(Cited(s.text, notes.refs(s.citations)) for s in person.spellings)
        infobox = tuple(
            notes.cited(f, f.kind.capitalize()) for f in person.facts if f.kind in INFOBOX_KINDS
        )
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
                relations.append(
                    Cited(link.text, notes.refs(citations), label.capitalize(), link.href)
                )
        differ = notes.differ(person.differ)
        facts = tuple(notes.cited(f) for f in person.facts if f.kind not in INFOBOX_KINDS)
        events = tuple(self.event_view(e, notes) for e in self.events_of.get(person.id, ()))
        page.data = {
            "person": person,
            "role": ROLE_LABELS[person.role],
            "summary": summary,
            "status": status,
            "spellings": spellings,
            "infobox": infobox,
            "relations": tuple(relations),
            "facts": facts,
            "disagreements": differ,
            "events": events,
            "as_of": self.as_of,
            "overdue": self.evidence.overdue_people.get(person.id, ()),
            "timeline": self.urls.page(f"timeline/{person.id}/") if events else "",
        }
        return page

    def home_page(self) -> Page:
        site = self.project.site
        page = Page("", "home.html", site.title, site.description)
        notes = Footnotes(page, self)
        cases = tuple(
            (self.person_link(p.id), self.status(p, notes)) for p in self.people if p.captivity
        )
        latest = tuple(self.event_view(e, notes) for e in reversed(self.events[-5:]))
        page.data = {"cases": cases, "latest": latest, "as_of": self.as_of}
        return page

    def people_page(self) -> Page:
        page = Page(
            "people/",
            "people.html",
            "People",
            "Everyone with a profile in this explainer, grouped by their part in the cases.",
        )
        notes = Footnotes(page, self)
        groups = [
            (
                ROLE_LABELS[role] + "s",
                [
                    IndexEntry(
                        self.person_link(p.id),
                        tuple(Cited(s.text, notes.refs(s.citations)) for s in p.spellings),
                    )
                    for p in group
                ],
            )
            for role, group in groupby(self.people, key=lambda p: p.role)
        ]
        page.data = {"groups": groups}
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
            return [k for k in KIND_LABELS if k in present]

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
        route, title = "timeline/", "Timeline"
        description = "Every event of the cases in this explainer, in order, each cited."
        if person is not None:
            name = self.project.people[person].name
            route, title = f"timeline/{person}/", f"Timeline: {name}"
            description = (
                f"Every event in this explainer that concerns {name}, in order, each cited."
            )
        elif kind is not None:
            route, title = f"timeline/kind/{kind}/", f"Timeline: {KIND_LABELS[kind]}"
            description = f"Every event of kind {KIND_LABELS[kind].lower()} in this explainer."
        count = f"{len(events)} event{'s' if len(events) != 1 else ''}"
        showing = f"Showing all {count}."
        if person is not None:
            showing = f"Showing {count} concerning {self.project.people[person].name}."
        elif kind is not None:
            showing = f"Showing {count} of kind: {KIND_LABELS[kind].lower()}."
        page = Page(route, "timeline.html", title, description, searchable=route == "timeline/")
        notes = Footnotes(page, self)
        years = []
        for year, in_year in groupby(events, key=lambda e: e.date.year_label()):
            months = [
                (label, [self.event_view(e, notes) for e in group])
                for label, group in groupby(in_year, key=lambda e: e.date.month_label())
            ]
            years.append((year, months))
        page.data = {
            "years": years,
            "filtered": route != "timeline/",
            "showing": showing,
            "all": Link("All events", self.urls.page("timeline/")),
            "by_person": [
                (pid, name, self.urls.page(f"timeline/{pid}/"), pid == person)
                for pid, name in self._timeline_menu(person)
            ],
            "more_people": len(self._timeline_menu(person)) < len(self.timeline_people()),
            "by_kind": [
                (k, KIND_LABELS[k], self.urls.page(f"timeline/kind/{k}/"), k == kind)
                for k in self.timeline_kinds()
            ],
        }
        return page

    def search_page(self) -> Page:
        return Page(
            "search/",
            "search.html",
            "Search",
            "Search the profiles, the timeline and the sources, by any spelling of a name.",
        )

    def about_page(self) -> Page:
        page = Page(
            "about/",
            "about.html",
            "About this explainer",
            "How this explainer is made and sourced.",
        )
        page.data = {
            "sources": sorted(
                self.project.sources.values(), key=lambda s: s.published.date.sort_key()
            )
        }
        return page

    def corrections_page(self) -> Page:
        page = Page(
            "corrections/",
            "corrections.html",
            "Corrections",
            "Every correction made to this explainer, newest first.",
        )
        page.data = {"corrections": [self.corrected(c) for c in logged(self.project)]}
        return page

    def corrected(self, entry: Logged) -> CorrectionView:
        """A correction with a link to what it corrects."""
        href = {
            "person": lambda: self.urls.page(f"people/{entry.item}/"),
            "event": lambda: self.urls.page("timeline/") + "#" + entry.item,
            "source": lambda: self.urls.page(self.source_route(self.project.sources[entry.item])),
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
        self, source: Source, quoted: tuple[tuple[str, Span, tuple[Link, ...]], ...]
    ) -> Page:
        title = f"{source.outlet}, {source.published.date.label()}"
        page = Page(
            f"sources/{source.id}/",
            "source.html",
            title,
            f"The article by {source.outlet} quoted in this explainer, "
            "with every quoted passage marked.",
            searchable=True,
        )
        # A passage quoted only by drafts is left out with them.
        passages = sorted(
            ((span, anchor_id(q), list(links)) for q, span, links in quoted if links),
            key=lambda item: (item[0].start, item[0].end),
        )
        language, way = self.foreign(source)
        page.data = {
            "source": source,
            "language": language,
            "direction": way,
            "basis": BASIS_LABELS[source.published.basis],
            "paragraphs": article_paragraphs(
                source.text, self.evidence.hidden.get(source.id, ()), passages
            ),
            "passages": [
                (anchor, source.text[span.start : span.end], links)
                for span, anchor, links in passages
            ],
        }
        return page

    def not_found_page(self) -> Page:
        return Page("404.html", "404.html", "Page not found", self.project.site.description)


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
