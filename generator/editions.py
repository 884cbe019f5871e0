"""The editions of a site: one per language of ``site.yaml``'s ``languages``.

The default edition (the first language) is built at the base URL, each other under
``/<lang>/``. Every edition has every page, planned from the same model and the same
evidence (quotes are checked once, whatever the number of editions) and worded by the
theme in its language; the explainer's own texts are shown in the edition's language
where the case files give them in it (:func:`edition_project`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from generator.model import Project, direction
from generator.urls import Urls


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
    """The name of ``lang`` in itself, from Babel (CLDR); the tag if Babel does not know it."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return lang
    name = locale.get_display_name(locale) or lang
    return name[:1].upper() + name[1:]


def edition_project(project: Project, edition: Edition) -> Project:
    """The project as ``edition`` shows it: the site in the edition's language."""
    if edition.default:
        return project
    site = dataclasses.replace(project.site, language=edition.lang)
    return dataclasses.replace(project, site=site)
