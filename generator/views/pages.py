"""The views, one per page kind, and the :class:`Page` that hands its template one.

Each view is a frozen dataclass of what its template shows, by name
(:func:`variables`); the pieces they share are :mod:`generator.views.pieces`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from generator.checking import Overdue
from generator.dates import PartialDate
from generator.model import Event, Person, Source
from generator.pickled import by_fields
from generator.urls import Urls, output_of
from generator.views.pieces import (
    Case,
    Chip,
    Cited,
    CitedSource,
    CorrectionView,
    DifferView,
    EventView,
    Note,
    PageLink,
    Passage,
    RoleGroup,
    Status,
    Title,
    YearGroup,
)

if TYPE_CHECKING:
    # Only named in an annotation: generator.planning imports this module.
    from generator.planning.article import Piece


@dataclass(frozen=True, slots=True)
class HomeView:
    cases: tuple[Case, ...]
    """Everyone with a captivity, in the order of the people index."""
    latest: tuple[EventView, ...]
    """The five newest events, newest first."""
    as_of: PartialDate | None


@dataclass(frozen=True, slots=True)
class PersonView:
    person: Person
    role: str
    summary: tuple[Cited, ...]
    status: Status | None
    spellings: tuple[Cited, ...]
    infobox: tuple[Cited, ...]
    """The facts of the infobox kinds, each labelled with its kind."""
    relations: tuple[Cited, ...]
    """Each labelled with the relation, linking the other person."""
    facts: tuple[Cited, ...]
    disagreements: tuple[DifferView, ...]
    events: tuple[EventView, ...]
    as_of: PartialDate | None
    overdue: tuple[Overdue, ...]
    timeline: str
    """The link to their filtered timeline, or '' without events."""


@dataclass(frozen=True, slots=True)
class PeopleView:
    groups: tuple[RoleGroup, ...]


@dataclass(frozen=True, slots=True)
class TimelineView:
    years: tuple[YearGroup, ...]
    filtered: bool
    person: str | None
    """The name of the person it is filtered to."""
    kind: str | None
    """The event kind it is filtered to."""
    count: int
    """How many events it shows."""
    all: str
    """The link to the whole timeline."""
    by_person: tuple[Chip, ...]
    more_people: bool
    """Its menu leaves people out (a large site's filtered timeline)."""
    by_kind: tuple[Chip, ...]


@dataclass(frozen=True, slots=True)
class SourceView:
    source: Source
    language: str | None
    direction: str | None
    basis: str
    """How its date is known (model.DATE_BASES)."""
    paragraphs: tuple[tuple[Piece, ...], ...]
    passages: tuple[Passage, ...]


@dataclass(frozen=True, slots=True)
class AboutView:
    sources: tuple[Source, ...]
    """By publication date."""


@dataclass(frozen=True, slots=True)
class CorrectionsView:
    corrections: tuple[CorrectionView, ...]


@dataclass(frozen=True, slots=True)
class NoView:
    """The search page and the 404 page show nothing of the content but the site's."""


@dataclass(frozen=True, slots=True)
class SitemapView:
    routes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FeedEntry:
    event: Event
    id: str
    href: str
    updated: str
    summary: str


@dataclass(frozen=True, slots=True)
class FeedCorrection:
    view: CorrectionView
    id: str
    href: str
    updated: str


@dataclass(frozen=True, slots=True)
class FeedView:
    entries: tuple[FeedEntry, ...]
    corrections: tuple[FeedCorrection, ...]
    updated: str
    feed_id: str


@dataclass(frozen=True, slots=True)
class DataView:
    """A data file (generator.planning.exports), serialised in Python: no template."""

    text: str


View = (
    HomeView
    | PersonView
    | PeopleView
    | TimelineView
    | SourceView
    | AboutView
    | CorrectionsView
    | NoView
    | SitemapView
    | FeedView
    | DataView
)

_NAMES: dict[type, tuple[str, ...]] = {}


def variables(view: View) -> dict[str, Any]:
    """The fields of ``view`` by name: what its template sees besides ``page``."""
    names = _NAMES.get(type(view))
    if names is None:
        names = _NAMES[type(view)] = tuple(f.name for f in fields(view))
    return {name: getattr(view, name) for name in names}


@dataclass
class Page:
    """One page to render: its route, template, title and the view its template shows."""

    route: str
    """Path under the site root: '' for the home page, 'people/x/' for a profile."""
    template: str
    """'' for a data file, which is not rendered by a template."""
    title: Title
    view: View = field(default_factory=NoView)
    notes: list[Note] = field(default_factory=list)
    draft: bool = False
    """Shown only in the preview or with ``--drafts``; templates mark it as such."""
    searchable: bool = False
    """Indexed by the search stage (generator.rendering.search); copies such as filtered
    timelines are not."""

    @property
    def output(self) -> str:
        return output_of(self.route)

    @property
    def sources(self) -> list[Source]:
        """The sources this page cites, in order of first citation."""
        return list({note.source.id: note.source for note in self.notes}.values())

    @property
    def cited(self) -> list[CitedSource]:
        """The sources this page cites, in order of first citation, each with its date."""
        first = {note.source.id: note for note in reversed(self.notes)}
        return [
            CitedSource(n.source, n.date, n.href.partition("#")[0])
            for n in sorted(first.values(), key=lambda n: n.number)
        ]


@by_fields
@dataclass(frozen=True, slots=True)
class Quoting:
    """What the source pages need of a planned page: a link to each of its notes.

    Small, so that a worker process that planned and rendered the page can send
    it back in place of the page, and a builder can keep it for the next build.
    """

    links: tuple[tuple[tuple[str, str], PageLink], ...]
    """(:attr:`Note.key`, link to the note) of each note."""

    @classmethod
    def of(cls, page: Page, urls: Urls) -> Quoting:
        href = urls.page(page.route) + "#"
        return cls(tuple((n.key, PageLink(page.title, href + n.id)) for n in page.notes))
