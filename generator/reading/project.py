"""Every case file and seed of a project, read into one :class:`~generator.model.Project`.

Each file is read through the file cache where there is one: the preview keeps
one between saves, and a large build fills one in two processes first
(:func:`prefetch`). Either way the files are taken in the order of their names,
so that their problems are reported in one order however they were read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from generator.errors import ContentError, Diagnostic, UsageError, did_you_mean
from generator.model import Event, Person, Project, Source
from generator.reading.events import read_events
from generator.reading.files import FolderRead, load_file
from generator.reading.paths import Folders, ProjectPaths, stem, yaml_files
from generator.reading.people import read_person
from generator.reading.reader import Reader
from generator.reading.site import read_site
from generator.reading.sources import read_source
from generator.reading.yamlsafe import Node

if TYPE_CHECKING:  # the incremental layer's memo, handed in by the caller
    from generator.incremental.files import FileCache


def prefetch(paths: ProjectPaths, share: int, of: int, cache: FileCache) -> FileCache:
    """Read every ``of``-th source, person and events file, from the ``share``-th on, into a cache.

    A large build splits the reading between processes this way; :func:`load_project`
    then finds every file in the cache, and reports its problems in the usual order.
    """
    folders = Folders(paths)
    readers: list[tuple[str, Callable[[Reader, Node], object]]] = [
        ("sources", lambda r, n: read_source(r, n, folders)),
        ("people", read_person),
        ("events", read_events),
    ]
    for folder, read in readers:
        for path in yaml_files(paths.content / folder)[share::of]:
            load_file(folders, path, [], read, cache)
    return cache


def load_project(
    paths: ProjectPaths, diagnostics: list[Diagnostic], cache: FileCache | None = None
) -> Project | None:
    """Read every case file and seed of a project into a :class:`Project`."""
    if not paths.content.is_dir():
        diagnostics.append(
            Diagnostic(
                "content",
                0,
                "no content/ folder in the project",
                "run `explainer new DIR` to start one",
            )
        )
        return None
    folders = Folders(paths)
    site_file = paths.content / "site.yaml"
    site = None
    if site_file.is_file() or site_file.is_dir():  # a folder: reported when read
        site = load_file(
            folders, site_file, diagnostics, lambda r, n: read_site(r, n, folders.paths), cache
        )
    else:
        diagnostics.append(
            Diagnostic(
                "content/site.yaml",
                0,
                "missing file",
                "add the site's title, description, language, intro and about",
            )
        )
    sources = cast(
        dict[str, Source],
        _keyed_folder(
            paths.content / "sources",
            "source",
            lambda r, n: read_source(r, n, folders),
            folders,
            diagnostics,
            cache,
        ),
    )
    people = cast(
        dict[str, Person],
        _keyed_folder(paths.content / "people", "person", read_person, folders, diagnostics, cache),
    )
    events: list[Event] = []
    for path in _listing(paths.content / "events", cache):
        events.extend(load_file(folders, path, diagnostics, read_events, cache) or ())
    if site is None:
        return None
    # Only a file with an error is left unread: the preview's clean rebuilds skip the walk.
    troubled = any(d.severity == "error" for d in diagnostics)
    unread = frozenset(
        f"{folder}/{file_id}"
        for folder, read in (("sources", sources), ("people", people))
        if troubled
        for path in _listing(paths.content / folder, cache)
        if (file_id := stem(os.path.basename(path))) not in read
    )
    return Project(site, sources, people, tuple(events), unread)


def _listing(folder: Path, cache: FileCache | None) -> list[str]:
    """The case files of ``folder``: through the cache, which lists a folder again only when
    a file may have come or gone, if there is one."""
    return yaml_files(folder) if cache is None else cache.yaml_files(folder)


def _keyed_folder(
    folder: Path,
    what: str,
    read: Callable[[Reader, Node], Source | Person | None],
    folders: Folders,
    diagnostics: list[Diagnostic],
    cache: FileCache | None,
) -> dict[str, Source | Person]:
    """Read the sources or the people: id -> value, in the order of the file names.

    Told what changed, and with the same files as last time, only the files that
    read a changed one are read again; the rest of the last read is kept as it was.
    """

    def read_one(path: str, found: list[Diagnostic]) -> Source | Person | None:
        return cast(Source | Person | None, load_file(folders, path, found, read, cache))

    listing = _listing(folder, cache)
    last = cache.last_read(folder, listing) if cache is not None else None
    if cache is not None and last is not None:
        kept, stale = last
        if not stale:
            return kept.result
        values, patched = dict(kept.values), dict(kept.result)
        for path in stale:
            found: list[Diagnostic] = []
            value = read_one(path, found)
            if found or value is None or value.id != kept.values[path].id:
                break  # read the folder again, as below, to report it in order
            values[path] = patched[value.id] = value  # the same id: in the same place
        else:
            cache.remember(folder, FolderRead(listing, values, patched))
            return patched
    result: dict[str, Source | Person] = {}
    values = {}
    clean = True
    for path in listing:
        found = []
        value = read_one(path, found)
        diagnostics.extend(found)
        if value is not None and _unique(value, result, what, diagnostics):
            result[value.id] = values[path] = value
        else:
            clean = False
        clean = clean and not found
    if cache is not None:
        cache.remember(folder, FolderRead(listing, values, result) if clean else None)
    return result


def _unique(
    item: Source | Person,
    seen: dict[str, Source | Person],
    what: str,
    diagnostics: list[Diagnostic],
) -> bool:
    """Report a second file with the same id (``x.yaml`` and ``x.yml``): both would be one page."""
    first = seen.get(item.id)
    if first is None:
        return True
    diagnostics.append(
        Diagnostic(
            item.where.path,
            0,
            f"duplicate {what} id '{item.id}' (first in {first.where.path})",
            "keep one of the two files",
        )
    )
    return False


def load_source(project: Path, source_id: str) -> Source:
    """Read one source file and its seed, as the build reads them."""
    paths = ProjectPaths.at(project)
    folder = paths.content / "sources"
    files = {Path(p).stem: p for p in yaml_files(folder)}
    if source_id not in files:
        raise UsageError(
            f"no source '{source_id}' in content/sources/{did_you_mean(source_id, files)}"
        )
    diagnostics: list[Diagnostic] = []
    folders = Folders(paths)
    source = load_file(
        folders, files[source_id], diagnostics, lambda r, n: read_source(r, n, folders), None
    )
    if source is None or any(d.severity == "error" for d in diagnostics):
        raise ContentError(diagnostics)
    return source
