"""Keep the default theme's catalogues in step with its templates.

``python -m generator.i18n.update`` extracts every message of the templates into
``templates/locales/messages.pot`` and updates each ``templates/locales/<lang>.po`` from it:
a new message is added untranslated, a reworded one keeps its old translation marked fuzzy
(shown in English until a translator confirms it and removes the mark), and a message no
template uses any more is dropped. The English catalogue translates each message as itself.
To add a language, create an empty ``templates/locales/<lang>.po`` and run the command.

The files are written the same way every time, so that a diff shows only what changed: no
dates, no Babel version, a fixed line width, each message's templates without line numbers
(a line moving is no change), in the order the templates use them. With ``--check`` nothing
is written: the command names each file that is not up to date and exits 1.
"""

from __future__ import annotations

import argparse
import copy
import io
import sys
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from generator.i18n.catalogues import LOCALES, template_catalog
from generator.rendering.renderer import DEFAULT_THEME

SOURCE_LANGUAGE = "en"
"""The language the templates are written in: its catalogue translates each message as itself."""

TEMPLATE = "messages.pot"
WIDTH = 100
"""Where long strings and comments wrap, as gettext's tools would (``msgmerge --width``)."""

_FLAGS = frozenset({"fuzzy"})
"""The flags written: Babel's format flags differ between its versions (python-brace-format)."""


def header(lang: str | None, plural_forms: str | None) -> str:
    """A catalogue's header (of the template's, without ``lang``): no dates, no tool version."""
    if lang is None:
        lines = ["# The default theme's messages: the template of each language's catalogue."]
    else:
        name = Locale.parse(lang.replace("-", "_")).english_name
        lines = [f"# The default theme's words in {name}: a translator fills in each msgstr."]
    lines += [
        "# Updated from the templates by: python -m generator.i18n.update",
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: hostage-explainer\\n"',
    ]
    if lang is not None:
        lines.append(f'"Language: {lang}\\n"')
    lines += [
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
    ]
    if plural_forms is not None:
        lines.append(f'"Plural-Forms: {plural_forms}\\n"')
    return "\n".join(lines) + "\n\n"


def po_bytes(catalog: Catalog, lang: str | None) -> bytes:
    """The text of ``catalog`` as it is kept in the repository."""
    for message in catalog:
        message.flags = set(message.flags & _FLAGS)
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=WIDTH,
        omit_header=True,
        include_lineno=False,
        ignore_obsolete=True,
        include_previous=False,  # Babel reads a '#| msgid' back as a comment of its own
    )
    plural_forms = None if lang is None else catalog.plural_forms
    return header(lang, plural_forms).encode("utf-8") + buffer.getvalue()


def updated(path: Path, template: Catalog) -> bytes:
    """The text the catalogue at ``path`` should have: its translations, the template's messages."""
    lang = path.stem
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang.replace("-", "_"))
    catalog.update(copy.deepcopy(template), no_fuzzy_matching=False)  # it takes the messages
    if lang == SOURCE_LANGUAGE:
        for message in catalog:
            if message.id:
                message.string = message.id if isinstance(message.id, str) else tuple(message.id)
                message.flags.discard("fuzzy")
    return po_bytes(catalog, lang)


def stale_files(theme_dir: Path = DEFAULT_THEME, write: bool = False) -> list[Path]:
    """The catalogues of ``theme_dir`` (and its template) that are not up to date with its
    templates; with ``write``, they are brought up to date."""
    folder = Path(theme_dir, LOCALES)
    template = template_catalog(Path(theme_dir))
    wanted = {folder / TEMPLATE: po_bytes(template, None)}
    for path in sorted(folder.glob("*.po")):
        wanted[path] = updated(path, template)
    stale = [p for p, text in wanted.items() if not p.is_file() or p.read_bytes() != text]
    if write:
        folder.mkdir(parents=True, exist_ok=True)
        for path in stale:
            path.write_bytes(wanted[path])
    return stale


def main(argv: list[str] | None = None) -> int:
    """The command: update the catalogues, or with ``--check`` say which are out of date."""
    parser = argparse.ArgumentParser(
        prog="python -m generator.i18n.update",
        description="Update the default theme's catalogues (templates/locales/) from its "
        "templates: add new messages, mark reworded ones fuzzy, drop unused ones.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; name each catalogue that is not up to date and exit 1",
    )
    args = parser.parse_args(argv)
    stale = stale_files(DEFAULT_THEME, write=not args.check)
    for path in stale:
        print(f"{'out of date' if args.check else 'updated'}: {path}")
    if args.check and stale:
        print("run: python -m generator.i18n.update", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
