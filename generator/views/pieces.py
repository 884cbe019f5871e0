"""The pieces of the views that several page kinds share: titles, footnotes, links, cited
texts, events, statuses and the timeline's groups.

Apart from the views of each page kind (:mod:`generator.views.pages`), which are
made of them, so that each view reads as the list of what its template shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.checking import Overdue
from generator.dates import PartialDate
from generator.model import Correction, Event, Source
from generator.pickled import by_fields


@by_fields
@dataclass(frozen=True, slots=True)
class Title:
    """What a page is, as facts: the theme words its title and description from them
    (``page_title`` and ``page_description`` in ``_words.html``)."""

    kind: str
    """The page's kind (:func:`generator.urls.page_kind`)."""
    name: str = ""
    """The person a profile or a person's timeline is of; a source's outlet."""
    filter: str = ""
    """The event kind a kind's timeline shows."""
    date: PartialDate | None = None
    """A source's date."""
    summary: str = ""
    """A profile's summary as plain text: its description."""


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
    """(source id, folded quote), as in :attr:`generator.checking.evidence.Evidence.spans`."""
    date: PartialDate
    """The source's date (its ``published.date``)."""
    refs: list[str] = field(default_factory=list)
    language: str | None = None
    """The source's language where it is not the site's: the quote is marked with it."""
    direction: str | None = None
    """'rtl' or 'ltr' where the source's language is written the other way from the site's
    (set only with :attr:`language`)."""
    on_outlet: str | None = None
    """The passage on the outlet's own page (a URL text fragment), where its URL is known."""
    translation: str = ""
    """The explainer's translation of the passage into the page's language, if it gives one."""

    @property
    def id(self) -> str:
        return f"fn-{self.number}"

    @property
    def uses(self) -> list[Use]:
        """Each mark that cites the note, the uses numbered from 1."""
        return [Use(n, ref) for n, ref in enumerate(self.refs, 1)]


@dataclass(frozen=True, slots=True)
class Use:
    """One of the marks that cite a note: the back link from the note goes to it."""

    number: int
    ref: str
    """The mark's id."""


@dataclass(frozen=True, slots=True)
class CitedSource:
    """A source a page cites, with the date its notes show."""

    source: Source
    date: PartialDate
    href: str
    """The link to the source's page."""


@by_fields
@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str


@by_fields
@dataclass(frozen=True, slots=True)
class PageLink:
    """A link to a page of the site, shown as its title (worded by the theme)."""

    title: Title
    href: str


@by_fields
@dataclass(frozen=True, slots=True)
class Cited:
    """Text with its footnote marks; ``label`` is what it is (a fact's kind, a relation)."""

    text: str
    refs: tuple[Ref, ...]
    label: str = ""
    href: str = ""
    lang: str = ""
    """The language the text is in where the page's edition has no translation of it."""


@dataclass(frozen=True, slots=True)
class DifferView:
    topic: str
    note: str
    accounts: tuple[Cited, ...]
    lang: str = ""
    """The language topic and note are in where the edition has no translation of them."""


@dataclass(frozen=True, slots=True)
class EventView:
    event: Event
    date: PartialDate
    people: tuple[Link, ...]
    refs: tuple[Ref, ...]
    differ: tuple[DifferView, ...]
    href: str
    overdue: Overdue | None = None
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


@dataclass(frozen=True, slots=True)
class Case:
    """A hostage on the home page: a link to the profile, and their status."""

    link: Link
    status: Status


@dataclass(frozen=True, slots=True)
class RoleGroup:
    """The people of one role in the index of people."""

    role: str
    entries: tuple[IndexEntry, ...]


@dataclass(frozen=True, slots=True)
class MonthGroup:
    """The events of one month of a timeline."""

    month: PartialDate | None
    """The month, to the month; None: the sources give none."""
    events: tuple[EventView, ...]


@dataclass(frozen=True, slots=True)
class YearGroup:
    """The events of one year (or decade) of a timeline, by month."""

    year: int
    decade: bool
    months: tuple[MonthGroup, ...]

    @property
    def label(self) -> str:
        """The year as a heading and an anchor: '2023', '1990s'."""
        return f"{self.year}s" if self.decade else str(self.year)


@dataclass(frozen=True, slots=True)
class Chip:
    """A filter of the timeline: a person (``name`` set) or an event kind (``key``)."""

    key: str
    href: str
    current: bool
    name: str = ""
    count: int = 0
    """How many events the filter shows: the script that filters in place says so."""


@dataclass(frozen=True, slots=True)
class Passage:
    """A quoted passage on its source's page, and the pages that cite it."""

    anchor: str
    quote: str
    links: tuple[PageLink, ...]
