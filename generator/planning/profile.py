"""A person's profile, and a hostage's status as the sources leave it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator import urls as routes
from generator.dates import PartialDate, days_between
from generator.model import INFOBOX_KINDS, Person
from generator.planning.footnotes import Footnotes
from generator.views import Cited, Page, PersonView, Status, Title

if TYPE_CHECKING:
    from generator.planning.planner import Planner


def person_page(plan: Planner, person: Person) -> Page:
    summary_text = _plain(person.summary[0].text) if person.summary else person.name
    title = Title("person", person.name, summary=summary_text)
    page = Page(routes.person(person.id), "person.html", title, draft=person.draft, searchable=True)
    notes = Footnotes(page, plan)
    # Notes are numbered in the order the template shows the claims.
    summary = tuple(notes.cited(c) for c in person.summary)
    spellings = tuple(Cited(s.text, notes.refs(s.citations)) for s in person.spellings)
    infobox = tuple(notes.cited(f, f.kind) for f in person.facts if f.kind in INFOBOX_KINDS)
    shown = status(plan, person, notes)
    own = [(r.person, r.role, r.citations) for r in person.relations]
    related = {r.person for r in person.relations}
    mirrored = [
        (other, r.inverse, r.citations)
        for other, r in plan.db.get("relations_to", person.id)
        if other not in related
    ]
    relations = []
    for pid, label, citations in [*own, *mirrored]:
        if plan.name(pid) is not None:
            link = plan.person_link(pid)
            relations.append(Cited(link.text, notes.refs(citations), label, link.href))
    differ = notes.differ(person.differ)
    facts = tuple(notes.cited(f) for f in person.facts if f.kind not in INFOBOX_KINDS)
    events = tuple(plan.event_view(e, notes) for e in plan.events_of(person.id))
    page.view = PersonView(
        person=person,
        role=person.role,
        summary=summary,
        status=shown,
        spellings=spellings,
        infobox=infobox,
        relations=tuple(relations),
        facts=facts,
        disagreements=differ,
        events=events,
        as_of=plan.as_of,
        overdue=plan.overdue_person(person.id),
        timeline=plan.urls.page(routes.person_timeline(person.id)) if events else "",
    )
    return page


def status(plan: Planner, person: Person, notes: Footnotes) -> Status | None:
    """A hostage's status: held, release announced or released, and the days held."""
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
    until = _held_until(plan, person)
    days = days_between(c.abducted, until) if until else None
    announced = c.release_announced
    as_of = plan.as_of
    due = announced and as_of and announced.first_day() <= as_of.last_day()
    kind = "announced" if due else "held"
    return Status(kind, c.abducted, c.place, until, days, refs, announced)


def _held_until(plan: Planner, person: Person) -> PartialDate | None:
    """The newest day a source cited for a person's captivity reports it as it stands."""
    assert person.captivity is not None
    days = [
        source.published.reported
        for citation in person.captivity.citations
        if (source := plan.known_source(citation.source)) is not None
    ]
    return max(days, key=PartialDate.sort_key, default=None)


def _plain(markdown: str) -> str:
    return markdown.replace("*", "").replace("_", " ").replace("[", "").replace("]", "")
