"""Write the field reference's tables (docs/fields.md) from the declaration of the case files.

The prose of the reference is written by hand; each table of fields is written
from :mod:`generator.reading.casefiles` (and its shared pieces,
:mod:`generator.reading.casefile_parts`), between a line ``<!-- fields: NAME -->``
and the next ``<!-- end fields -->``, so that it says what the loader checks.
After a change to the declaration, write them again:

    python -m generator.reading.fields_doc

``--check`` only says whether the file is up to date (exit 1 if not); a test fails
until it is.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from generator.reading.casefile_parts import (
    ACKNOWLEDGEMENT,
    CITATION,
    CLAIM,
    CORRECTION,
    DISAGREEMENT,
)
from generator.reading.casefiles import EVENT, PERSON, SITE, SOURCE
from generator.reading.fields import (
    Address,
    Choice,
    Date,
    Flag,
    Id,
    Ids,
    Language,
    Languages,
    LanguageTexts,
    ListOf,
    Markdown,
    Nested,
    Setting,
    Shape,
    Text,
    Translated,
    Value,
)

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "fields.md"
COMMAND = "python -m generator.reading.fields_doc"
TABLES = {
    "site": SITE,
    "source": SOURCE,
    "person": PERSON,
    "event": EVENT,
    "citation": CITATION,
    "claim": CLAIM,
    "acknowledgement": ACKNOWLEDGEMENT,
    "disagreement": DISAGREEMENT,
    "correction": CORRECTION,
}
"""The name of each table in the reference's markers, and the shape it lists."""

_TABLE = re.compile(r"(<!-- fields: (\S+) -->\n)(.*?)(<!-- end fields -->)", re.DOTALL)
_HEADER = "| field | required | value | meaning |\n|---|---|---|---|\n"


def updated(text: str) -> str:
    """``text`` (the reference) with each marked table written again from the declaration."""

    def table(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in TABLES:
            raise ValueError(f"no table '{name}' to write; known: {', '.join(TABLES)}")
        return match.group(1) + table_of(TABLES[name]) + match.group(4)

    return _TABLE.sub(table, text)


def table_of(shape: Shape) -> str:
    """The markdown table of a shape's fields, and of the fields of what they hold."""
    return _HEADER + "".join(line + "\n" for line in _rows(shape, ""))


def _rows(shape: Shape, prefix: str) -> Iterator[str]:
    """One row per field; a mapping described nowhere else is followed by its own fields,
    named by their path: ``published.date``, ``hide[].text`` (of each item)."""
    for field in shape.fields:
        name = prefix + field.name
        required = "yes" if field.required else "no"
        yield f"| `{name}` | {required} | {_value(field.value)} | {_cell(field.doc)} |"
        match field.value:
            case Nested(shape=inner) if not inner.see:
                yield from _rows(inner, f"{name}.")
            case Translated(shape=inner):
                yield from _rows(inner, f"{name}.<lang>.")
            case ListOf(shape=inner) if not inner.see:
                yield from _rows(inner, f"{name}[].")


def _value(value: Value) -> str:
    """What a field holds, in the words of the reference."""
    match value:
        case Text(blank=blank):
            return "text, may be empty" if blank else "text"
        case Markdown(blank=blank):
            return "markdown, may be empty" if blank else "markdown"
        case Setting():
            return "text"
        case Language():
            return "a language tag (BCP 47)"
        case Languages():
            return "a list of language tags (BCP 47)"
        case Id():
            return "an id"
        case Ids():
            return "a list of ids"
        case Date():
            return "a [DATE](#dates-date)"
        case Address():
            return "an http(s) address"
        case Flag():
            return "`true` or `false`"
        case Choice(values=values, default=default):
            words = ", ".join(f"`{v}`" for v in values)
            return f"one of {words}" + (f"; `{default}` if absent" if default else "")
        case Nested(shape=inner):
            return inner.see or "a mapping: the fields below"
        case LanguageTexts():
            return "a mapping of language tags to text"
        case Translated():
            return "a mapping of language tags, each to the fields below"
        case ListOf(shape=inner, at_least=at_least):
            items = f"list of {inner.see}" if inner.see else "list, each item with the fields below"
            least = {0: "", 1: ", at least one", 2: ", at least two"}.get(at_least, "")
            return f"a {items}{least}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=REFERENCE, help="the reference")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    text = args.path.read_text("utf-8")
    new = updated(text)
    if args.check:
        if new != text:
            print(f"{args.path}: not what the declaration writes; run `{COMMAND}`")
            return 1
        return 0
    if new != text:
        args.path.write_text(new, "utf-8")
        print(f"wrote {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
