"""Read a case file: :func:`load_file` parses it (:mod:`generator.reading.yamlsafe`) and walks
it with the reader of its kind, through the incremental layer's file memo when there is one
(:class:`generator.incremental.files.FileCache`), which the preview keeps between saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from generator.errors import Diagnostic
from generator.model import Person, Source
from generator.reading import yamlsafe
from generator.reading.paths import Folders, stem
from generator.reading.reader import Reader
from generator.reading.yamlsafe import Node

if TYPE_CHECKING:  # the incremental layer's memo, handed in by the caller
    from generator.incremental.files import FileCache

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FolderRead:
    """A clean read of a folder of case files (see :meth:`FileCache.last_read`)."""

    listing: list[str]
    values: dict[str, Source | Person]
    """Path -> what the file loaded to, in the order of the listing."""
    result: dict[str, Source | Person]
    """Id -> the same, as load_project returns it."""


def load_file(
    folders: Folders,
    file: str | Path,
    diagnostics: list[Diagnostic],
    read: Callable[[Reader, Node], T | None],
    cache: FileCache | None,
) -> T | None:
    """What ``read`` makes of ``file``'s nodes (None if nothing), its problems added to
    ``diagnostics``: from ``cache`` while the files it read are unchanged."""
    key = os.fspath(file)
    entry = cache.get(key) if cache is not None else None
    if entry is not None:
        diagnostics.extend(entry.diagnostics)
        return cast(T | None, entry.value)
    found: list[Diagnostic] = []
    reader = Reader(folders.rel(key), stem(os.path.basename(key)), found)
    value = _parse_file(folders, key, reader, read)
    diagnostics.extend(found)
    if cache is not None:
        cache.put(key, reader.inputs, value, found)
    return value


def _parse_file(
    folders: Folders, path: str, r: Reader, read: Callable[[Reader, Node], T | None]
) -> T | None:
    if not folders.inside(path, folders.paths.root):
        r.error(0, "file links outside the project", "replace the link with the file")
        return None
    node = yamlsafe.load(path, r.rel, r.diagnostics)
    if node is None:
        return None
    return read(r, node)
