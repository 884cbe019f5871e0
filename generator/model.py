"""The content model: what the case files say, typed, with where each piece was written.

Plain frozen dataclasses and no I/O. Every object that can be wrong carries
``path`` and ``line`` so that later stages can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, NamedTuple

from generator.dates import PartialDate
from generator.pickled import by_fields

Role = Literal["hostage", "relative", "official", "other"]
ROLES: tuple[Role, ...] = ("hostage", "relative", "official", "other")
FACT_KINDS = (
    "origin",
    "citizenship",
    "residence",
    "age",
    "family",
    "captivity",
    "role",
    "statement",
    "other",
)
INFOBOX_KINDS = ("origin", "citizenship", "residence", "age")
EVENT_KINDS = (
    "emigration",
    "abduction",
    "killing",
    "release",
    "statement",
    "diplomacy",
    "sign-of-life",
    "other",
)
EVENT_STATUSES = ("happened", "announced", "expected")
DATE_BASES = ("stated", "dateline", "url", "inferred")
EDITORIAL_CHECKS = (
    "spelling",
    "unattested-name",
    "stale",
    "conflict",
    "unused-source",
    "no-url",
    "no-archive",
    "inferred-date",
    "uncovered",
)
"""The editorial findings a case file may acknowledge (see generator/editorial/)."""


Translations = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
"""An item's texts in other languages: (language tag, ((field, text), ...)), as written."""


class Where(NamedTuple):
    """A place in a content file.

    A named tuple, not a dataclass: every value of the model carries one, and a
    large build sends some 16,000 of them from the process that read them, where a
    tuple pickles at a fraction of a dataclass's cost.
    """

    path: str
    line: int


@by_fields
@dataclass(frozen=True, slots=True)
class Citation:
    """A verbatim passage of a source that supports a claim."""

    source: str
    """Id of the cited source."""
    quote: str
    """The passage as the editor copied it; matched up to typography."""
    where: Where
    """Where the quote is written: a quote's problems are reported there."""
    source_line: int = 0
    translations: tuple[tuple[str, str], ...] = ()
    """The quote in other languages: the explainer's translation, never checked."""
    """The line of the citation's ``source:``, for an unknown source (0: the quote's)."""


@by_fields
@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """An editorial warning the editors have seen and accept, with their reason."""

    check: str
    """One of EDITORIAL_CHECKS."""
    subject: str
    """What the finding is about (a spelling, an event id, a fact kind); '' for any."""
    reason: str
    where: Where


@by_fields
@dataclass(frozen=True, slots=True)
class Claim:
    """One sentence of ours, with the passages that support it."""

    text: str
    """Inline markdown."""
    citations: tuple[Citation, ...]
    where: Where
    kind: str = "other"
    """For facts: what the claim is about (see FACT_KINDS)."""
    translations: Translations = ()
    """Its texts in the other editions' languages (docs/editions.md)."""
    shown_in: str = ""
    """In an edition's model: the language its texts are shown in where the edition has no
    translation of them (the default's); '' where they are in the edition's language."""


@by_fields
@dataclass(frozen=True, slots=True)
class Disagreement:
    """Sources that disagree on one point, each side cited."""

    topic: str
    note: str
    accounts: tuple[Claim, ...]
    where: Where
    translations: Translations = ()
    """Its texts in the other editions' languages (docs/editions.md)."""
    shown_in: str = ""
    """In an edition's model: the language its texts are shown in where the edition has no
    translation of them (the default's); '' where they are in the edition's language."""


@by_fields
@dataclass(frozen=True, slots=True)
class Spelling:
    """A spelling of a name as it occurs in the sources."""

    text: str
    citations: tuple[Citation, ...]
    where: Where


@by_fields
@dataclass(frozen=True, slots=True)
class Relation:
    """How another person is related to this one."""

    person: str
    """Id of the other person."""
    role: str
    """What the other person is to this one ("mother")."""
    inverse: str
    """What this person is to the other ("son")."""
    citations: tuple[Citation, ...]
    where: Where
    translations: Translations = ()
    """Its texts in the other editions' languages (docs/editions.md)."""
    shown_in: str = ""
    """In an edition's model: the language its texts are shown in where the edition has no
    translation of them (the default's); '' where they are in the edition's language."""


@by_fields
@dataclass(frozen=True, slots=True)
class Captivity:
    """When and where a person was taken, and what is known of a release."""

    abducted: PartialDate
    place: str
    released: PartialDate | None
    """Only when a source says the release happened."""
    release_announced: PartialDate | None
    """A release date announced but not (yet) reported as done."""
    citations: tuple[Citation, ...]
    where: Where
    translations: Translations = ()
    """Its texts in the other editions' languages (docs/editions.md)."""
    shown_in: str = ""
    """In an edition's model: the language its texts are shown in where the edition has no
    translation of them (the default's); '' where they are in the edition's language."""


@by_fields
@dataclass(frozen=True, slots=True)
class Correction:
    """A correction, as newsrooms log them: when, what was wrong, what it says now."""

    date: PartialDate
    was: str
    now: str
    where: Where


@by_fields
@dataclass(frozen=True, slots=True)
class Person:
    """A person of the story: a hostage, a relative, an official."""

    id: str
    name: str
    role: Role
    summary: tuple[Claim, ...]
    spellings: tuple[Spelling, ...]
    captivity: Captivity | None
    facts: tuple[Claim, ...]
    relations: tuple[Relation, ...]
    differ: tuple[Disagreement, ...]
    where: Where
    draft: bool = False
    """Left out of the published site unless drafts are asked for."""
    acknowledged: tuple[Acknowledgement, ...] = ()
    corrections: tuple[Correction, ...] = ()
    translations: Translations = ()
    """Its name in the other editions' languages: the explainer's transliteration."""


@by_fields
@dataclass(frozen=True, slots=True)
class Event:
    """An entry of the timeline."""

    id: str
    date: PartialDate
    title: str
    kind: str
    status: str
    """happened, announced or expected."""
    people: tuple[str, ...]
    body: str
    """Markdown."""
    citations: tuple[Citation, ...]
    differ: tuple[Disagreement, ...]
    where: Where
    draft: bool = False
    """Left out of the published site unless drafts are asked for."""
    people_lines: tuple[int, ...] = ()
    """The line of each id in ``people``, for an unknown one (none: the event's line)."""
    corrections: tuple[Correction, ...] = ()
    translations: Translations = ()
    """Its texts in the other editions' languages (docs/editions.md)."""
    shown_in: str = ""
    """In an edition's model: the language its texts are shown in where the edition has no
    translation of them (the default's); '' where they are in the edition's language."""


@by_fields
@dataclass(frozen=True, slots=True)
class Published:
    """When a source was published and how we know."""

    date: PartialDate
    basis: str
    """stated, dateline (a date line at the head of the text as received), url or inferred."""
    evidence: str
    line: int = 0
    """Line of ``basis`` in the source's file."""
    written: PartialDate | None = None
    """The day the text reads as written, where its wording puts it before ``date``
    (a date line of the 15th over prose that says "tomorrow" of the 15th)."""

    @property
    def reported(self) -> PartialDate:
        """The day the article reports things as they stand: the earlier of the two readings."""
        return self.written or self.date


@by_fields
@dataclass(frozen=True, slots=True)
class Hidden:
    """A passage of a seed that is not the article (an ad line, a sign-up form)."""

    text: str
    to_end: bool
    where: Where


@by_fields
@dataclass(frozen=True, slots=True)
class NotUsed:
    """A passage of the article left out on purpose, and why (see generator.checking.ledger).

    Declared, so that every sentence of a source is accounted for: cited by a
    claim, or not used for a reason an editor wrote down.
    """

    text: str
    """Verbatim passage (matched up to typography, as a quote); every visible place counts."""
    reason: str
    where: Where
    to_end: bool = False
    """The passage and everything after it, to the end of the article, as ``hide`` has it."""


RIGHT_TO_LEFT = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"}
)
"""Languages written right to left (their primary subtags); a script subtag overrides."""


def direction(language: str) -> str:
    """'rtl' or 'ltr' for a BCP 47 tag: Hebrew and Arabic articles must read from the right."""
    tags = language.lower().split("-")
    scripts = {t for t in tags[1:] if len(t) == 4}
    if scripts & {"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"}:
        return "rtl"
    if scripts:
        return "ltr"
    return "rtl" if tags[0] in RIGHT_TO_LEFT else "ltr"


@by_fields
@dataclass(frozen=True, slots=True)
class Source:
    """A news article, as received in ``seeds/``, and what is known about it."""

    id: str
    seed: str
    """File name in seeds/."""
    text: str
    """The seed's text, unchanged but for newline normalisation."""
    outlet: str
    format: str
    headline: str | None
    url: str | None
    language: str
    published: Published
    hide: tuple[Hidden, ...]
    where: Where
    acknowledged: tuple[Acknowledgement, ...] = ()
    not_used: tuple[NotUsed, ...] = ()
    """Passages deliberately not cited, each with a reason (the coverage ledger)."""
    archived: str | None = None
    """An archive copy's URL, as Wikipedia keeps them: the article as it stood."""
    retrieved: PartialDate | None = None
    """The day the text in seeds/ was taken from the outlet."""

    corrections: tuple[Correction, ...] = ()

    @property
    def direction(self) -> str:
        """'rtl' or 'ltr': which way the article's language is written."""
        return direction(self.language)


@by_fields
@dataclass(frozen=True, slots=True)
class Site:
    """Site-wide settings and texts."""

    title: str
    description: str
    language: str
    """The default edition's language: the first of ``languages``."""
    intro: str
    about: str
    acknowledged: tuple[Acknowledgement, ...] = ()
    languages: tuple[str, ...] = ()
    """Every edition's language, the default first."""
    translations: Translations = ()
    """Its texts in the other editions' languages (docs/editions.md)."""
    shown_in: str = ""
    """In an edition's model: the language its texts are shown in where the edition has no
    translation of them (the default's); '' where they are in the edition's language."""

    @property
    def direction(self) -> str:
        """'rtl' or 'ltr': which way the site's language is written."""
        return direction(self.language)


@by_fields
@dataclass(frozen=True, slots=True)
class Project:
    """Everything the content says, loaded and typed."""

    site: Site
    sources: dict[str, Source]
    people: dict[str, Person]
    events: tuple[Event, ...]
    unread: frozenset[str] = frozenset()
    """'people/<id>' and 'sources/<id>' of the files that are there but could not be read:
    their problems are reported, and what cites them is not told the id is unknown."""

    def without_drafts(self) -> Project:
        """Return the project as published: without the people and events marked as drafts.

        With no drafts, the project itself (the preview asks on every save).
        """
        if not any(p.draft for p in self.people.values()) and not any(e.draft for e in self.events):
            return self
        people = {pid: p for pid, p in self.people.items() if not p.draft}
        events = tuple(_without_drafts(e, people) for e in self.events if not e.draft)
        return Project(self.site, self.sources, people, events, self.unread)


def _without_drafts(event: Event, people: dict[str, Person]) -> Event:
    """``event`` naming only the ``people`` published: a draft's id is not published either."""
    if all(pid in people for pid in event.people):
        return event
    keep = [i for i, pid in enumerate(event.people) if pid in people]
    lines = event.people_lines
    return replace(
        event,
        people=tuple(event.people[i] for i in keep),
        people_lines=tuple(lines[i] for i in keep) if lines else (),
    )
