"""Read the nodes of a case file by their declared shape, every problem a diagnostic.

:meth:`Reader.read` checks a mapping against its :class:`~generator.reading.fields.Shape`
(generator.reading.casefiles): that it is a mapping, that each field is known (or
the closest known one is suggested), that the required ones are there (with the
allowed values of a choice), and reads every field as its type says, nested
mappings and lists of them included. It returns
:class:`~generator.reading.values.Fields`, each value typed as declared; the module
of each kind of case file builds the model from them and checks what takes several
fields or items (a release before the abduction, a spelling given twice). A value
that fails is reported and left out, never the reason to stop, so one read reports
every problem of a file. The forms values are checked against (ids, language tags,
addresses) are in :mod:`generator.reading.forms`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

from generator.dates import DATE_FORMS, PartialDate, parse_date
from generator.errors import Diagnostic, did_you_mean
from generator.model import Where
from generator.reading.fields import (
    Address,
    Choice,
    Date,
    Field,
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
from generator.reading.forms import (
    ADDRESS,
    ID_HINT,
    ID_PATTERN,
    LANGUAGE_TAG,
    followable,
    link_targets,
)
from generator.reading.values import Fields
from generator.reading.yamlsafe import Mapping, Node, Scalar, Sequence

_KIND_NAMES = {Mapping: "a mapping", Sequence: "a list", Scalar: "a single value"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202d\u202e\ud800-\udfff]")
"""Characters no case file needs and a page or terminal must not receive: control
characters (but tab and line break), direction overrides, lone surrogates."""


class Reader:
    """Reads the nodes of one file by their shapes, reporting problems as diagnostics."""

    def __init__(self, rel: str, stem: str, diagnostics: list[Diagnostic]) -> None:
        self.rel = rel
        self.stem = stem
        self.diagnostics = diagnostics
        self.inputs: list[str] = []
        """Files read besides the case file itself (a source's seed)."""

    def error(self, line: int, message: str, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(self.rel, line, message, hint))

    def where(self, fields: Fields) -> Where:
        return Where(self.rel, fields.node.line)

    def file_id(self) -> str | None:
        if not ID_PATTERN.fullmatch(self.stem):
            self.error(0, f"file name '{self.stem}' is not a valid id", ID_HINT)
            return None
        return self.stem

    def read(self, node: Node, shape: Shape, what: str = "") -> Fields | None:
        """Read ``node`` as a mapping of ``shape``, named ``what`` (default: its ``called``)."""
        what = what or shape.called
        if not isinstance(node, Mapping):
            self.error(
                node.line,
                f"{what} must be a mapping, not {_KIND_NAMES[type(node)]}",
                "write it as `field: value` lines",
            )
            return None
        values: dict[str, object] = {}
        declared = shape.by_name
        for key, value in node.items.items():
            field = declared.get(key)
            if field is None:
                self.error(
                    node.key_lines[key],
                    f"unknown field '{key}' in {what}{did_you_mean(key, shape.known)}",
                    "known fields: " + ", ".join(shape.known),
                )
            elif type(value) is Scalar and value.is_null and _empty_is_absent(field):
                pass  # its default, or reported below if required
            else:
                values[key] = _READ[type(field.value)](self, value, field)
        for key in shape.required:
            if key not in values:
                hint = f"add `{key}:`"
                if isinstance(choice := declared[key].value, Choice):
                    hint += " with one of: " + ", ".join(choice.values)
                self.error(node.line, f"{what} is missing the field '{key}'", hint)
        for key, default in shape.defaults:
            values.setdefault(key, default)
        return Fields(node, values)

    # One method per type of value, each (node, field) -> the value, or None when it is
    # not one (reported); _READ, below the class, names the method of each type.

    def _read_text(self, node: Node, field: Field) -> str | None:
        return self._text(node, field.name, cast(Text, field.value).blank)

    def _read_markdown(self, node: Node, field: Field) -> str | None:
        """Markdown text; each link that leads nowhere a reader can follow from every page it
        shows on is reported (only full http(s) addresses and mailto: are linked)."""
        key = field.name
        value = self._text(node, key, cast(Markdown, field.value).blank)
        if value is not None and ("](" in value or "]:" in value or "<" in value):
            for href in link_targets(value):
                if not followable(href):
                    self.error(
                        node.line,
                        f"link to '{href}' in '{key}': only full http or https addresses"
                        " and mailto: are linked",
                        "write the whole address, e.g. https://example.org/page",
                    )
        return value

    def _read_language(self, node: Node, field: Field) -> str | None:
        key = field.name
        value = self._text(node, key)
        if value is not None and not LANGUAGE_TAG.fullmatch(value):
            self.error(
                node.line,
                f"'{key}' is '{value}', not a language tag",
                "write a BCP 47 tag such as en, he, ru or en-GB",
            )
            return None
        return value

    def _read_languages(self, node: Node, field: Field) -> tuple[str, ...]:
        """The language tags listed, each once."""
        key = field.name
        out: list[str] = []
        for item in self._list(node, key, at_least=1):
            if not isinstance(item, Scalar) or not LANGUAGE_TAG.fullmatch(item.value):
                self.error(
                    item.line,
                    f"'{key}' must list language tags",
                    "write BCP 47 tags such as en, he, ru or en-GB, one per item",
                )
            elif item.value.lower() in (tag.lower() for tag in out):
                # Tags are read without regard to case, and each names an edition's folder.
                self.error(item.line, f"'{key}' lists '{item.value}' twice", "remove one")
            else:
                out.append(item.value)
        return tuple(out)

    def _read_id(self, node: Node, field: Field) -> str | None:
        key = field.name
        value = self._text(node, key)
        if value is not None and not ID_PATTERN.fullmatch(value):
            self.error(node.line, f"'{value}' is not a valid id", ID_HINT)
            return None
        return value

    def _read_date(self, node: Node, field: Field) -> PartialDate | None:
        key = field.name
        value = self._text(node, key)
        if value is None:
            return None
        parsed = parse_date(value)
        if isinstance(parsed, str):
            self.error(node.line, f"bad date in '{key}': {parsed}", f"write one of: {DATE_FORMS}")
            return None
        return parsed

    def _read_address(self, node: Node, field: Field) -> str | None:
        """An http or https address that leads somewhere (a link a reader may follow)."""
        key, hint = field.name, field.hint or "give the full address"
        url = self._text(node, key)
        if url is not None and not (ADDRESS.fullmatch(url) and followable(url)):
            self.error(
                node.line,
                f"'{key}' must be an http or https address, not '{url}'",
                f"{hint}, or remove the field if it is not known",
            )
            return None
        return url

    def _read_choice(self, node: Node, field: Field) -> str | None:
        key, choice = field.name, cast(Choice, field.value)
        value = self._text(node, key)
        if value is None:
            return choice.default
        if value not in choice.values:
            self.error(
                node.line,
                f"'{key}' is '{value}', not one of: {', '.join(choice.values)}"
                f"{did_you_mean(value, choice.values)}",
                "use one of the listed values as written, in lowercase",
            )
            return None
        return value

    def _read_flag(self, node: Node, field: Field) -> bool:
        key = field.name
        value = node.as_bool() if isinstance(node, Scalar) else None
        if value is None:
            self.error(node.line, f"'{key}' must be true or false", "write `true` or `false`")
        return value is True

    def _read_ids(self, node: Node, field: Field) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """The ids listed, each once, and the line of each."""
        key = field.name
        out: dict[str, int] = {}
        for item in self._list(node, key):
            if not isinstance(item, Scalar) or not ID_PATTERN.fullmatch(item.value):
                self.error(item.line, f"'{key}' must list ids", ID_HINT)
            elif item.value in out:
                self.error(
                    item.line,
                    f"'{key}' lists '{item.value}' twice (first on line {out[item.value]})",
                    "remove one of the two",
                )
            else:
                out[item.value] = item.line
        return tuple(out), tuple(out.values())

    def _by_language(self, node: Node, field: Field, hint: str) -> list[tuple[str, Node]]:
        """The (language tag, value) of a mapping of language tags; a wrong tag is reported
        and left out, and so is the whole field if it is not a mapping (``hint``: how to
        write it)."""
        if not isinstance(node, Mapping):
            self.error(
                node.line,
                f"'{field.name}' must be a mapping of language tags, not {_KIND_NAMES[type(node)]}",
                hint,
            )
            return []
        out = []
        for lang, item in node.items.items():
            if LANGUAGE_TAG.fullmatch(lang):
                out.append((lang, item))
            else:
                self.error(
                    item.line,
                    f"'{field.name}' has '{lang}', not a language tag",
                    "write a BCP 47 tag such as ru, he or ar",
                )
        return out

    def _read_language_texts(self, node: Node, field: Field) -> tuple[tuple[str, str], ...]:
        """(language tag, text) of each language written."""
        hint = 'write each language\'s tag, a colon and the text: ru: "..."'
        out = []
        for lang, item in self._by_language(node, field, hint):
            if (text := self._text(item, f"{field.name}.{lang}")) is not None:
                out.append((lang, text))
        return tuple(out)

    def _read_translated(self, node: Node, field: Field) -> list[tuple[str, Fields]]:
        """Each language's translation of the mapping's texts, in the order written."""
        shape = cast(Translated, field.value).shape
        hint = "write each language's tag on its own line, its translated fields below it"
        out = []
        for lang, item in self._by_language(node, field, hint):
            read = self.read(item, shape, f"the '{lang}' translation")
            if read is not None:
                out.append((lang, read))
        return out

    def _read_nested(self, node: Node, field: Field) -> Fields | None:
        shape = cast(Nested, field.value).shape
        return self.read(node, shape, shape.called or f"'{field.name}'")

    def _read_list(self, node: Node, field: Field) -> list[Fields]:
        listed = cast(ListOf, field.value)
        what = listed.shape.called or f"an item of '{field.name}'"
        items = []
        for item in self._list(node, field.name, listed.at_least):
            if (read := self.read(item, listed.shape, what)) is not None:
                items.append(read)
        return items

    def _read_setting(self, node: Node, field: Field) -> None:
        return None  # read and checked by generator.reading.settings

    def _text(self, node: Node, key: str, blank: bool = False) -> str | None:
        """The text of a scalar, stripped: what every type but flags and lists starts from."""
        if not isinstance(node, Scalar):
            self.error(
                node.line,
                f"'{key}' must be text, not {_KIND_NAMES[type(node)]}",
                "quote the value if it contains ':' or starts with '[' or '{'",
            )
            return None
        value = node.value.strip()
        if not value and not blank:
            self.error(node.line, f"'{key}' is empty", f"write the {key}")
            return None
        if not value.isprintable() and (bad := _CONTROL.search(value)):
            self.error(
                node.line,
                f"'{key}' holds the control character {ascii(bad.group())[1:-1]}",
                "remove it (it may be invisible in your editor); a line break is written"
                " as a new line, not as an escape",
            )
            return None
        return value

    def _list(self, node: Node, key: str, at_least: int = 0) -> list[Node]:
        if not isinstance(node, Sequence):
            self.error(
                node.line,
                f"'{key}' must be a list, not {_KIND_NAMES[type(node)]}",
                "write each item on its own line, starting with '- '",
            )
            return []
        if at_least and not node.items:
            self.error(node.line, f"'{key}' is empty", "give at least one item")
        return node.items


_READ: dict[type[Value], Callable[[Reader, Node, Field], object]] = {
    Text: Reader._read_text,
    Markdown: Reader._read_markdown,
    Language: Reader._read_language,
    Languages: Reader._read_languages,
    Translated: Reader._read_translated,
    LanguageTexts: Reader._read_language_texts,
    Id: Reader._read_id,
    Ids: Reader._read_ids,
    Date: Reader._read_date,
    Address: Reader._read_address,
    Flag: Reader._read_flag,
    Setting: Reader._read_setting,
    Choice: Reader._read_choice,
    Nested: Reader._read_nested,
    ListOf: Reader._read_list,
}
"""How each type of value is read (a test checks that every type has its reader)."""


def _empty_is_absent(field: Field) -> bool:
    """Whether a field written with no value (``key:``) counts as not written.

    It does, but for an optional mapping: ``captivity:`` with nothing under it is
    more likely a mistake of indentation than a way to say nothing, and is
    reported as not a mapping.
    """
    return field.required or type(field.value) is not Nested
