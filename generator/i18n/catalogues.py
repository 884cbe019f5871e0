"""Gettext catalogues of the theme's words: ``locales/<lang>.po`` in each theme folder.

The default theme ships a complete catalogue for each language it supports; a
project adds a language, or rewords one message, with a catalogue of its own in
its theme folder, whose messages take the place of the default's. Catalogues are
read as text (``.po``) and compiled in memory, so that no compiled ``.mo`` file
can fall behind the text an editor changed.

English is the language the templates are written in: a message missing from
every catalogue is shown as written, and :func:`missing_messages` names it for
``explainer check``.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from generator.errors import Diagnostic

LOCALES = "locales"
"""The folder of a theme that holds its catalogues."""

EXTRACT = [("**.html", "jinja2"), ("**.xml", "jinja2")]
"""Which template files hold messages, and how to read them (Jinja's Babel extractor)."""
EXTRACT_OPTIONS = {
    "**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"},
    "**.xml": {"extensions": "jinja2.ext.i18n", "trimmed": "true"},
}


@dataclass(frozen=True, slots=True)
class Catalogue:
    """One language's messages, merged from the theme folders, ready for Jinja."""

    lang: str
    translations: Translations
    messages: frozenset[str]
    """The ids of every message some catalogue translates."""
    digest: str
    """A digest of the catalogues read: what a page rendered in this language read of them."""


def catalogue_paths(theme_dirs: list[Path], lang: str) -> list[Path]:
    """The catalogues of ``lang``, the default theme's first: later ones take precedence."""
    found = [Path(d, LOCALES, f"{lang}.po") for d in reversed(theme_dirs)]
    return [p for p in found if p.is_file()]


def load_catalogue(theme_dirs: list[Path], lang: str) -> Catalogue:
    """The merged catalogue of ``lang`` (an empty one if no theme folder has one)."""
    merged = Catalog(locale=_babel_locale(lang))
    digest = hashlib.sha256()
    for path in catalogue_paths(theme_dirs, lang):
        data = path.read_bytes()
        digest.update(data)
        with io.BytesIO(data) as f:
            read = read_po(f, locale=_babel_locale(lang))
        for message in read:
            if message.id and message.string and any(_strings(message.string)):
                merged[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    ids = frozenset(_key(m.id) for m in merged if m.id)
    return Catalogue(lang, Translations(buffer), ids, digest.hexdigest())


def _strings(string: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (string,) if isinstance(string, str) else tuple(string)


def _key(message_id: str | tuple[str, ...] | list[str]) -> str:
    """A message's id: its singular form, for a message with plural forms."""
    return message_id if isinstance(message_id, str) else message_id[0]


def _babel_locale(lang: str) -> str:
    """Babel's name for a BCP 47 tag: 'pt-BR' -> 'pt_BR'."""
    return lang.replace("-", "_")


def template_messages(theme_dirs: list[Path]) -> dict[str, tuple[str, int]]:
    """Every message the templates use, with the first template and line that uses it."""
    found: dict[str, tuple[str, int]] = {}
    for folder in reversed(theme_dirs):
        if not Path(folder).is_dir():
            continue
        for name, line, message, _comments, _context in extract_from_dir(
            str(folder), EXTRACT, EXTRACT_OPTIONS
        ):
            found.setdefault(_key(message), (name, line))
    return found


def missing_messages(theme_dirs: list[Path], lang: str, catalogue_name: str) -> list[Diagnostic]:
    """A warning for each message of the templates that ``lang``'s catalogues do not translate."""
    known = load_catalogue(theme_dirs, lang).messages
    return [
        Diagnostic(
            catalogue_name,
            0,
            f"the {lang} catalogue has no translation of “{message}” (used in {name}:{line})",
            hint=f"add it to {LOCALES}/{lang}.po in the theme; until then it shows in English",
            severity="warning",
        )
        for message, (name, line) in template_messages(theme_dirs).items()
        if message not in known
    ]
