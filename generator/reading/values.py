"""The values of a mapping read by its shape: what each kind's module builds the model from.

:class:`Fields` is made by :class:`~generator.reading.reader.Reader` and read by
the modules of the kinds of case file; it is apart from the reader since they
only take its values, each typed as the declaration says.
"""

from __future__ import annotations

from typing import cast

from generator.dates import PartialDate
from generator.model import Translations
from generator.reading.yamlsafe import Mapping, Sequence


class Fields:
    """A mapping read by its shape: each field's value as its type says, and where it stands.

    Only the fields written and readable have a value (a choice with a default has
    it when absent); a wrong one is None. The accessors only say which type the
    declaration gave the field: a plain class, since there is one per mapping read.
    """

    __slots__ = ("node", "values")

    def __init__(self, node: Mapping, values: dict[str, object]) -> None:
        self.node = node
        self.values = values

    def line(self, key: str) -> int:
        """The line of the field's value."""
        return self.node.items[key].line

    def text(self, key: str, default: str | None = None) -> str | None:
        """A text, markdown, language, id or choice field."""
        return cast("str | None", self.values.get(key, default))

    def date(self, key: str) -> PartialDate | None:
        return cast("PartialDate | None", self.values.get(key))

    def flag(self, key: str) -> bool:
        return self.values.get(key) is True

    def nested(self, key: str) -> Fields | None:
        return cast("Fields | None", self.values.get(key))

    def items(self, key: str) -> list[Fields]:
        """The readable items of a list of mappings, in order."""
        return cast("list[Fields]", self.values.get(key, []))

    def translations(self, key: str = "translations") -> Translations:
        """The texts of a :class:`~generator.reading.fields.Translated` field, by language."""
        read = cast("list[tuple[str, Fields]]", self.values.get(key, []))
        return tuple(
            (lang, tuple((k, v) for k, v in f.values.items() if isinstance(v, str)))
            for lang, f in read
        )

    def ids(self, key: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """The ids of an :class:`~generator.reading.fields.Ids` field, and the line of each."""
        return cast("tuple[tuple[str, ...], tuple[int, ...]]", self.values.get(key, ((), ())))

    def count(self, key: str) -> int:
        """How many items the list under ``key`` holds as written, readable or not."""
        node = self.node.items.get(key)
        return len(node.items) if isinstance(node, Sequence) else 0
