"""The words the case files are declared in: a field, the value it takes, a mapping of fields.

:mod:`generator.reading.casefiles` says once, in these words, every field of every
kind of case file: its type, whether it is required, its allowed values and a line
of documentation. Three readers must agree on that, and read it from there: the
loader, which checks each file against it with lines and hints
(:mod:`generator.reading.reader`); the JSON Schemas that editors use
(:mod:`generator.schema`); and the field reference, docs/fields.md
(:mod:`generator.reading.fields_doc`). Written out three times, they drifted apart.

Everything here is a frozen dataclass: a declaration is data, shared by every
file read, and nobody may change it on the way.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class _Plain:
    """A type of value with nothing to declare but itself (an id, a date).

    Each such type is a subclass of this frozen dataclass rather than a dataclass of
    its own: making a dataclass costs half a millisecond at import, which every
    build pays, and these have no field to make. Without slots of their own to add
    to, they are as frozen as it is.
    """


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text, one scalar; empty only where ``blank`` allows it."""

    blank: bool = False


@dataclass(frozen=True, slots=True)
class Markdown:
    """Markdown text, whose links must be full http(s) addresses or mailto: (any page can
    follow those); empty only where ``blank`` allows it."""

    blank: bool = False


class Language(_Plain):
    """A BCP 47 language tag ('en', 'he', 'en-GB')."""

    __slots__ = ()


class Languages(_Plain):
    """A list of BCP 47 language tags, each once."""

    __slots__ = ()


class LanguageTexts(_Plain):
    """A mapping of language tags to plain text: ``{ru: ..., he: ...}``."""

    __slots__ = ()


class Id(_Plain):
    """The id of a person, source or event: lowercase letters, digits and single hyphens."""

    __slots__ = ()


class Ids(_Plain):
    """A list of ids, each once."""

    __slots__ = ()


class Date(_Plain):
    """A date with its precision (generator.dates): a day, a month, a year, a decade."""

    __slots__ = ()


class Address(_Plain):
    """A full http or https address that a reader can follow."""

    __slots__ = ()


class Flag(_Plain):
    """true or false; absent is false."""

    __slots__ = ()


class Setting(_Plain):
    """Text that says where the site is served or written: the command line reads it before
    the build (generator.reading.settings), and checks it with its own hints."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class Choice:
    """One of a list of words, as written; ``default`` when the field is absent."""

    values: tuple[str, ...]
    default: str | None = None


@dataclass(frozen=True, slots=True)
class Nested:
    """A mapping of its own fields."""

    shape: Shape


@dataclass(frozen=True, slots=True)
class Translated:
    """Translations of its mapping's texts: a language tag -> a mapping of ``shape``, the
    fields translated (docs/editions.md)."""

    shape: Shape


@dataclass(frozen=True, slots=True)
class ListOf:
    """A list of mappings of one shape, of at least ``at_least`` items."""

    shape: Shape
    at_least: int = 0


Value = (
    Text
    | Markdown
    | Language
    | Languages
    | LanguageTexts
    | Id
    | Ids
    | Date
    | Address
    | Flag
    | Setting
    | Choice
    | Nested
    | Translated
    | ListOf
)
"""What a field holds. A scalar type is read and checked by the loader at once; a
nested mapping or list is checked field by field, and built by its kind's module."""


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a mapping: its name, what it holds, whether it must be there, what it means."""

    name: str
    value: Value
    doc: str
    """One line for the field reference and the editors' hover text."""
    required: bool = False
    hint: str = ""
    """What to write instead of a wrong value, where the loader's general hint would not do."""


@dataclass(frozen=True, slots=True)
class Shape:
    """A mapping of a case file: its fields, and what messages and the reference call it.

    ``called`` names it in a message ("a person is missing the field 'name'"); where
    it is empty, the field that holds it names it: "'captivity'" for a mapping,
    "an item of 'hide'" for an item of a list. ``see`` is a link to the section of
    the field reference that describes a shape used in several places (citations,
    claims): a field of that shape links there instead of listing its fields again.
    """

    fields: tuple[Field, ...]
    doc: str
    called: str = ""
    see: str = ""
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)
    known: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """Every field's name, the required first, each in the order declared: the order in
    which a message about an unknown field lists them."""
    required: tuple[str, ...] = field(init=False, repr=False, compare=False)
    defaults: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)
    """(name, value) of each choice that has a default."""

    def __post_init__(self) -> None:
        required = tuple(f.name for f in self.fields if f.required)
        optional = tuple(f.name for f in self.fields if not f.required)
        defaults = tuple(
            (f.name, f.value.default)
            for f in self.fields
            if isinstance(f.value, Choice) and f.value.default is not None
        )
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})
        object.__setattr__(self, "known", required + optional)
        object.__setattr__(self, "required", required)
        object.__setattr__(self, "defaults", defaults)

    def __getitem__(self, name: str) -> Field:
        return self.by_name[name]

    def extended(self, *fields: Field, doc: str) -> Shape:
        """This shape with more fields (a fact is a claim with a kind), called by its field."""
        return Shape((*self.fields, *fields), doc)


@dataclass(frozen=True, slots=True)
class CaseFile:
    """A kind of case file: where its files are, and the shape of each (or of each item)."""

    kind: str
    """'site', 'source', 'person' or 'events': the name of its JSON Schema."""
    glob: str
    """The files of this kind, from the project's root."""
    shape: Shape
    doc: str
    listed: bool = False
    """Whether the file is a list of mappings of ``shape`` (events) rather than one."""
