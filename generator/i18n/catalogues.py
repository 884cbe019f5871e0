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
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from generator.errors import Diagnostic
from generator.incremental.files import Signature, signatures, tree_signatures

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
    """The merged catalogue of ``lang`` (an empty one if no theme folder has one).

    A message counts as translated when every one of its forms is, and it is not marked
    fuzzy (a guess ``python -m generator.i18n.update`` made from a reworded message, for a
    translator to confirm). The plural rule is the one written in the first catalogue's
    ``Plural-Forms`` header, for which its translators wrote their forms: the rule Babel
    knows for a locale has changed between versions (Hebrew had two forms, now three).

    Read once per process for each version of the files (:func:`_load`): a preview, or a
    test run, builds many times over the same catalogues.
    """
    return _load(lang, signatures(catalogue_paths(theme_dirs, lang)))


@lru_cache(maxsize=32)
def _load(lang: str, files: tuple[tuple[str, Signature], ...]) -> Catalogue:
    locale = _babel_locale(lang)
    merged = Catalog(locale=locale, fuzzy=False)
    chosen: dict[str, Message] = {}
    digest = hashlib.sha256()
    for number, (name, _) in enumerate(files):
        data = Path(name).read_bytes()
        digest.update(data)
        with io.BytesIO(data) as f:
            read = read_po(f, locale=locale)
        if number == 0:
            merged.mime_headers = [("Plural-Forms", read.plural_forms)]
        for message in read:
            if message.id and not message.fuzzy and all(_strings(message.string)):
                chosen[_key(message.id)] = message  # a later folder's takes the place
    for message in chosen.values():
        merged[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    return Catalogue(lang, Translations(buffer), frozenset(chosen), digest.hexdigest())


def _strings(string: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    """A message's translated forms: one, or one per plural form."""
    if string is None:
        return ("",)
    return (string,) if isinstance(string, str) else tuple(string)


def _key(message_id: str | tuple[str, ...] | list[str]) -> str:
    """A message's id: its singular form, for a message with plural forms."""
    return message_id if isinstance(message_id, str) else message_id[0]


def _babel_locale(lang: str) -> str:
    """Babel's name for a BCP 47 tag: 'pt-BR' -> 'pt_BR'."""
    return lang.replace("-", "_")


def template_catalog(theme_dir: Path) -> Catalog:
    """Every message of the templates in ``theme_dir``, with each template and line that uses
    it: the template of a language's catalogue (``locales/messages.pot``)."""
    catalog = Catalog(fuzzy=False)
    if Path(theme_dir).is_dir():
        for name, line, message, _comments, context in extract_from_dir(
            str(theme_dir), EXTRACT, EXTRACT_OPTIONS
        ):
            catalog.add(message, locations=[(name, line)], context=context)
    return catalog


def template_messages(theme_dirs: list[Path]) -> dict[str, tuple[str, int]]:
    """Every message the templates use, with the first template and line that uses it.

    The default theme's (the last folder) are read from its ``locales/messages.pot``,
    which the test suite keeps in step with its templates (``python -m
    generator.i18n.update --check``): reading every template with Babel's extractor would
    cost each build of a site in several languages a tenth of a second. A project's own
    templates are read as they are, once per process for each version of them.
    """
    found: dict[str, tuple[str, int]] = {}
    for folder in reversed(theme_dirs):
        pot = Path(folder, LOCALES, "messages.pot")
        from_pot = folder == theme_dirs[-1] and pot.is_file()  # the default theme is the last
        files = signatures([pot]) if from_pot else tree_signatures([Path(folder)])
        for message, where in _messages(folder, files, from_pot).items():
            found.setdefault(message, where)
    return found


@lru_cache(maxsize=32)
def _messages(
    folder: Path, files: tuple[tuple[str, Signature], ...], from_pot: bool
) -> dict[str, tuple[str, int]]:
    """The messages of theme ``folder``, read from its catalogue template (``from_pot``) or
    from its templates; ``files``, their signatures, keys the memo."""
    if from_pot:
        with Path(folder, LOCALES, "messages.pot").open("rb") as f:
            messages = read_po(f)
    else:
        messages = template_catalog(folder)
    found: dict[str, tuple[str, int]] = {}
    for message in messages:
        if message.id:
            name, line = message.locations[0] if message.locations else (folder.name, 0)
            found.setdefault(_key(message.id), (name, line or 0))
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
