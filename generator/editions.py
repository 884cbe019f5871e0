"""The editions of a site: one per language of ``site.yaml``'s ``languages``.

The default edition (the first language) is built at the base URL, each other under
``/<lang>/``. Every edition has every page, planned from the same model and the same
evidence (quotes are checked once, whatever the number of editions) and worded by the
theme in its language; the explainer's own texts are shown in the edition's language
where the case files give them in it (:func:`edition_project`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from generator.errors import Diagnostic
from generator.i18n.languages import language_name
from generator.model import (
    Captivity,
    Claim,
    Disagreement,
    Event,
    Person,
    Project,
    Relation,
    Site,
    direction,
)
from generator.urls import Urls

_Translatable = Claim | Disagreement | Event | Captivity | Relation
_T = TypeVar("_T", Claim, Disagreement, Event, Site, Captivity, Relation)


@dataclass(frozen=True, slots=True)
class Edition:
    """One language's edition of the site: what the theme needs to link and label it."""

    lang: str
    """Its BCP 47 tag, as site.yaml lists it."""
    name: str
    """The language's name in the language itself ('Русский'), for the language switcher."""
    direction: str
    """'ltr' or 'rtl'."""
    default: bool
    folder: str
    """Where its pages are, under the site root: '' for the default edition, else 'ru/'."""
    urls: Urls


def editions_of(languages: tuple[str, ...], urls: Urls) -> tuple[Edition, ...]:
    """The site's editions, the default first."""
    found = []
    for i, lang in enumerate(languages):
        folder = "" if i == 0 else f"{lang}/"
        found.append(
            Edition(
                lang,
                own_name(lang),
                direction(lang),
                i == 0,
                folder,
                urls.edition(folder) if folder else urls,
            )
        )
    return tuple(found)


def own_name(lang: str) -> str:
    """The name of ``lang`` in itself ('Русский'); the tag if Babel does not know it."""
    return language_name(lang)


def edition_project(project: Project, edition: Edition, default: str = "") -> Project:
    """The project as ``edition`` shows it: the site in the edition's language, each text
    in it where the case files translate it, else in the default language and marked so
    (``shown_in``). Quotes are never translated: they stand as the sources wrote them."""
    if edition.default:
        return project
    lang, fallback = edition.lang, default or project.site.languages[0]
    site = _translate(project.site, lang, fallback)
    site = dataclasses.replace(site, language=lang)
    people = {pid: _person(p, lang, fallback) for pid, p in project.people.items()}
    events = tuple(_event(e, lang, fallback) for e in project.events)
    return dataclasses.replace(project, site=site, people=people, events=events)


def _translate(item: _T, lang: str, fallback: str) -> _T:
    """``item`` with its texts in ``lang`` where it has them; else marked as shown in
    ``fallback``."""
    given = dict(item.translations).get(lang)
    changes: dict[str, Any] = {"shown_in": fallback} if given is None else dict(given)
    return dataclasses.replace(item, **changes)


def _claims(claims: tuple[Claim, ...], lang: str, fallback: str) -> tuple[Claim, ...]:
    return tuple(_translate(c, lang, fallback) for c in claims)


def _differ(items: tuple[Disagreement, ...], lang: str, fallback: str) -> tuple[Disagreement, ...]:
    return tuple(
        dataclasses.replace(
            _translate(d, lang, fallback), accounts=_claims(d.accounts, lang, fallback)
        )
        for d in items
    )


def _person(person: Person, lang: str, fallback: str) -> Person:
    name = dict(dict(person.translations).get(lang, ())).get("name", person.name)
    captivity = person.captivity
    if captivity is not None:
        captivity = _translate(captivity, lang, fallback)
    return dataclasses.replace(
        person,
        name=name,
        captivity=captivity,
        relations=tuple(_translate(r, lang, fallback) for r in person.relations),
        summary=_claims(person.summary, lang, fallback),
        facts=_claims(person.facts, lang, fallback),
        differ=_differ(person.differ, lang, fallback),
    )


def _event(event: Event, lang: str, fallback: str) -> Event:
    translated = _translate(event, lang, fallback)
    return dataclasses.replace(translated, differ=_differ(event.differ, lang, fallback))


def untranslated(project: Project) -> list[Diagnostic]:
    """A warning for each text an edition shows in the default language, for want of a
    translation: ``explainer check`` lists them, and ``--strict`` fails on them."""
    found: list[Diagnostic] = []
    for lang in project.site.languages[1:]:
        hint = (
            f"give it translations: {{{lang}: ...}} (docs/editions.md); until then the"
            f" {lang} edition shows it in the default language, marked so"
        )

        def missing(
            item: _Translatable | Person, what: str, lang: str = lang, hint: str = hint
        ) -> None:
            if lang not in dict(item.translations):
                message = f"not translated into '{lang}': {what}"
                found.append(Diagnostic(*item.where, message, hint, "warning"))

        if lang not in dict(project.site.translations):
            message = f"not translated into '{lang}': the site's title, description and texts"
            found.append(Diagnostic("content/site.yaml", 0, message, hint, "warning"))
        for person in project.people.values():
            missing(person, f"the name of {person.id}")
            if person.captivity is not None:
                missing(person.captivity, f"the place {person.id} was taken from")
            for relation in person.relations:
                missing(relation, f"the relation '{relation.role}: {relation.person}'")
            for claim in person.summary + person.facts:
                missing(claim, f"a sentence of {person.id}")
            _differ_missing(person.differ, missing)
        for event in project.events:
            missing(event, f"event {event.id}")
            _differ_missing(event.differ, missing)
    return found


def _differ_missing(
    items: tuple[Disagreement, ...], missing: Callable[[_Translatable, str], None]
) -> None:
    for d in items:
        missing(d, f"the disagreement on {d.topic}")
        for claim in d.accounts:
            missing(claim, f"an account of {d.topic}")
