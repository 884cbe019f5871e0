"""The file memo of the incremental layer: what each case file loaded to, kept while the files
it read are unchanged.

The reading stage is pure (:func:`generator.reading.files.load_file` parses a file and walks
it); a build hands it a :class:`FileCache`, and the preview keeps one between saves, so that
a save reads again only the files that read a changed one and gives back the very same model
objects for the rest: what lets the databases downstream (:mod:`.database`) tell at once, by
identity, what did not change.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import Diagnostic
from generator.model import Source
from generator.pickled import by_fields
from generator.reading.paths import folder_prefix, yaml_files

if TYPE_CHECKING:  # what load_project makes of a folder, kept here between builds
    from generator.reading.files import FolderRead

Signature = tuple[int, int, int] | None
"""What ``stat`` says of a file (ctime, size, inode), or None if it is missing.

The change time, not the modification time: a tool that writes a file and sets its
modification time back (or a coarse clock) cannot hide a save from it."""


def _signature(path: str) -> Signature:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ctime_ns, st.st_size, st.st_ino)


def signatures(paths: Iterable[Path]) -> tuple[tuple[str, Signature], ...]:
    """Each file's name and signature: a key that changes when any of them is saved."""
    return tuple((str(p), _signature(str(p))) for p in paths)


def tree_signatures(folders: Iterable[Path]) -> tuple[tuple[str, Signature], ...]:
    """:func:`signatures` of every file under ``folders``, in order: a key that changes when
    a file in them is saved, added or removed (a theme's, say)."""
    return signatures(p for folder in folders for p in sorted(folder.rglob("*")) if p.is_file())


@by_fields
@dataclass(frozen=True, slots=True)
class _Entry:
    inputs: tuple[tuple[str, Signature], ...]
    value: Any
    diagnostics: tuple[Diagnostic, ...]


class FileCache:
    """What each case file loaded to, reused for as long as the files it read are unchanged.

    The preview keeps one across rebuilds, so that a save re-reads one file, not
    all of them; an unchanged file also gives back the very same model objects,
    which lets the planner tell cheaply which pages are unchanged.
    """

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._listings: dict[str, list[str]] = {}
        self._listed: dict[str, set[str]] = {}
        """The same listings, as sets."""
        self._readers: dict[str, set[str]] = defaultdict(set)
        """Input file -> the entries that read it (a source reads its seed)."""
        self._folders: dict[str, FolderRead] = {}
        self.changed: frozenset[str] | None = None
        """The files known to have changed since the cache was last used, or None.

        The preview sets it from what its watcher saw: an entry none of whose
        files is named here is then taken as it is, without a stat of each file.
        A change the watcher missed shows at its next look, which names it.
        """

    def get(self, path: str) -> _Entry | None:
        entry = self._entries.get(path)
        if entry is None:
            return None
        if self.changed is not None:
            return None if any(p in self.changed for p, _ in entry.inputs) else entry
        for input_path, signature in entry.inputs:
            if _signature(input_path) != signature:
                return None
        return entry

    def yaml_files(self, folder: Path) -> list[str]:
        """:func:`yaml_files`, listed again only if :attr:`changed` may add or remove one.

        A changed file that was listed and is still a file leaves the listing as it was.
        """
        prefix = folder_prefix(folder)
        listed = self._listings.get(prefix)
        names = self._listed.get(prefix, set())
        changed = self.changed
        if (
            listed is None
            or changed is None
            or any(
                p.startswith(prefix) and (p not in names or not os.path.isfile(p)) for p in changed
            )
        ):
            found = yaml_files(folder)
            if found != listed:  # the same names: the same list, which tells load_project so
                listed = self._listings[prefix] = found
                self._listed[prefix] = set(found)
        return listed

    def put(self, path: str, inputs: list[str], value: object, diags: list[Diagnostic]) -> None:
        signed = tuple((p, _signature(p)) for p in [path, *inputs])
        self._entries[path] = _Entry(signed, value, tuple(diags))
        for input_path, _ in signed:
            self._readers[input_path].add(path)

    def update(self, other: FileCache) -> None:
        """Take every entry of ``other`` (filled by another process, see :func:`prefetch`)."""
        self._entries.update(other._entries)
        for path, entry in other._entries.items():
            for input_path, _ in entry.inputs:
                self._readers[input_path].add(path)

    def last_read(self, folder: Path, listing: list[str]) -> tuple[FolderRead, list[str]] | None:
        """What load_project made of ``folder`` last time, and its files to read again.

        Only when :attr:`changed` is known, the folder lists the same files and its
        last read was clean: then the files to read again are those that read a
        changed file, and a save costs them, not a look at every file.
        """
        last = self._folders.get(folder_prefix(folder))
        if self.changed is None or last is None or last.listing is not listing:
            return None
        stale = {path for p in self.changed for path in self._readers.get(p, ())}
        return last, [path for path in stale if path in last.values]

    def remember(self, folder: Path, read: FolderRead | None) -> None:
        """Keep what a clean read of ``folder`` made (None: it was not clean)."""
        if read is None:
            self._folders.pop(folder_prefix(folder), None)
        else:
            self._folders[folder_prefix(folder)] = read

    def sources(self) -> list[Source]:
        return [e.value for e in self._entries.values() if isinstance(e.value, Source)]
