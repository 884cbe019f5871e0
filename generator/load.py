"""Walk the YAML node trees of ``content/`` into the typed model, and read the seeds.

Each reader checks types, required and unknown fields, and appends a
:class:`~generator.errors.Diagnostic` for every problem; it never stops at the
first. A value that fails is left out, so later stages see a partial model and
can still report their own problems.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

from generator import settings, yamlsafe
from generator.dates import DATE_FORMS, PartialDate, parse_date
from generator.errors import ContentError, Diagnostic, UsageError, did_you_mean
from generator.model import (
    DATE_BASES,
    EDITORIAL_CHECKS,
    EVENT_KINDS,
    EVENT_STATUSES,
    FACT_KINDS,
    ROLES,
    Acknowledgement,
    Captivity,
    Citation,
    Claim,
    Correction,
    Disagreement,
    Event,
    Hidden,
    NotUsed,
    Person,
    Project,
    Published,
    Relation,
    Site,
    Source,
    Spelling,
    Where,
)
from generator.pickled import by_fields
from generator.yamlsafe import Mapping, Node, Scalar, Sequence

T = TypeVar("T")
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_HINT = "use lowercase letters, digits and single hyphens, e.g. 'alexander-trufanov'"
_KIND_NAMES = {Mapping: "a mapping", Sequence: "a list", Scalar: "a single value"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202d\u202e\ud800-\udfff]")
"""Characters no case file needs and a page or terminal must not receive: control
characters (but tab and line break), direction overrides, lone surrogates."""
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_TWO_LETTERS = re.compile(r"\w\w")
_LETTER = re.compile(r"[^\W\d_]")
_NAME_HINT = "write the name in letters, as the sources print it"


INPUT_FOLDERS = ("content", "seeds", "templates")
"""The folders of a project that a build reads: the build never writes into them, and the
preview watches them."""


@dataclass(frozen=True, slots=True)
class ProjectPaths:
    """Where a project's inputs are."""

    root: Path
    content: Path
    seeds: Path

    @classmethod
    def at(cls, root: Path) -> ProjectPaths:
        root = root.resolve()
        return cls(root, root / "content", root / "seeds")

    def inputs(self) -> list[Path]:
        """The folders the build reads (:data:`INPUT_FOLDERS`)."""
        return [self.root / folder for folder in INPUT_FOLDERS]

    def rel(self, path: Path) -> str:
        """Return ``path`` relative to the project, with forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def yaml_files(folder: Path) -> list[str]:
    """Return the paths of the YAML files of a folder, sorted by name.

    Plain strings, and no stat per file: the preview lists every folder on every
    save, and a Path object per file cost more than the listing itself.
    """
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        # Every entry named as a case file, whatever it is: a folder, a link that leads
        # nowhere or 'X.YAML' is then reported when read, not passed over in silence.
        names = [e.name for e in entries if os.path.splitext(e.name)[1].lower() in _SUFFIXES]
    prefix = _prefix(folder)
    return [prefix + name for name in sorted(names)]


_SUFFIXES = (".yaml", ".yml")


def _prefix(folder: str | Path) -> str:
    """The folder's path with a separator at the end: what each of its listed files starts with,
    and what the file cache keeps a folder's listing and last read under."""
    return os.path.join(folder, "")


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


@dataclass(frozen=True, slots=True)
class _FolderRead:
    """A clean read of a folder of case files (see FileCache.last_read)."""

    listing: list[str]
    values: dict[str, Source | Person]
    """Path -> what the file loaded to, in the order of the listing."""
    result: dict[str, Source | Person]
    """Id -> the same, as load_project returns it."""


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
        self._folders: dict[str, _FolderRead] = {}
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
        prefix = _prefix(folder)
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

    def last_read(self, folder: Path, listing: list[str]) -> tuple[_FolderRead, list[str]] | None:
        """What load_project made of ``folder`` last time, and its files to read again.

        Only when :attr:`changed` is known, the folder lists the same files and its
        last read was clean: then the files to read again are those that read a
        changed file, and a save costs them, not a look at every file.
        """
        last = self._folders.get(_prefix(folder))
        if self.changed is None or last is None or last.listing is not listing:
            return None
        stale = {path for p in self.changed for path in self._readers.get(p, ())}
        return last, [path for path in stale if path in last.values]

    def remember(self, folder: Path, read: _FolderRead | None) -> None:
        """Keep what a clean read of ``folder`` made (None: it was not clean)."""
        if read is None:
            self._folders.pop(_prefix(folder), None)
        else:
            self._folders[_prefix(folder)] = read

    def sources(self) -> list[Source]:
        return [e.value for e in self._entries.values() if isinstance(e.value, Source)]


def prefetch(paths: ProjectPaths, share: int, of: int, cache: FileCache | None = None) -> FileCache:
    """Read every ``of``-th source, person and events file, from the ``share``-th on, into a cache.

    A large build splits the reading between processes this way; :func:`load_project`
    then finds every file in the cache, and reports its problems in the usual order.
    """
    cache = FileCache() if cache is None else cache
    folders = _Folders(paths)
    readers: list[tuple[str, Callable[[_Reader, Node], object]]] = [
        ("sources", lambda r, n: _source(r, n, folders)),
        ("people", _person),
        ("events", _events),
    ]
    for folder, read in readers:
        for path in yaml_files(paths.content / folder)[share::of]:
            _with_reader(folders, path, [], read, cache)
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
    folders = _Folders(paths)
    site_file = paths.content / "site.yaml"
    site = None
    if site_file.is_file() or site_file.is_dir():  # a folder: reported when read
        site = _with_reader(
            folders, site_file, diagnostics, lambda r, n: _site(r, n, folders.paths), cache
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
            lambda r, n: _source(r, n, folders),
            folders,
            diagnostics,
            cache,
        ),
    )
    people = cast(
        dict[str, Person],
        _keyed_folder(paths.content / "people", "person", _person, folders, diagnostics, cache),
    )
    events: list[Event] = []
    for path in _listing(paths.content / "events", cache):
        events.extend(_with_reader(folders, path, diagnostics, _events, cache) or ())
    if site is None:
        return None
    # Only a file with an error is left unread: the preview's clean rebuilds skip the walk.
    troubled = any(d.severity == "error" for d in diagnostics)
    unread = frozenset(
        f"{folder}/{stem}"
        for folder, read in (("sources", sources), ("people", people))
        if troubled
        for path in _listing(paths.content / folder, cache)
        if (stem := _stem(os.path.basename(path))) not in read
    )
    return Project(site, sources, people, tuple(events), unread)


def _listing(folder: Path, cache: FileCache | None) -> list[str]:
    """The case files of ``folder``: through the cache, which lists a folder again only when
    a file may have come or gone, if there is one."""
    return yaml_files(folder) if cache is None else cache.yaml_files(folder)


def _keyed_folder(
    folder: Path,
    what: str,
    read: Callable[[_Reader, Node], Source | Person | None],
    folders: _Folders,
    diagnostics: list[Diagnostic],
    cache: FileCache | None,
) -> dict[str, Source | Person]:
    """Read the sources or the people: id -> value, in the order of the file names.

    Told what changed, and with the same files as last time, only the files that
    read a changed one are read again; the rest of the last read is kept as it was.
    """

    def read_one(path: str, found: list[Diagnostic]) -> Source | Person | None:
        return cast(Source | Person | None, _with_reader(folders, path, found, read, cache))

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
            cache.remember(folder, _FolderRead(listing, values, patched))
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
        cache.remember(folder, _FolderRead(listing, values, result) if clean else None)
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


def _with_reader(
    folders: _Folders,
    file: str | Path,
    diagnostics: list[Diagnostic],
    read: Callable[[_Reader, Node], T | None],
    cache: FileCache | None,
) -> T | None:
    key = os.fspath(file)
    entry = cache.get(key) if cache is not None else None
    if entry is not None:
        diagnostics.extend(entry.diagnostics)
        return cast(T | None, entry.value)
    found: list[Diagnostic] = []
    reader = _Reader(folders.rel(key), _stem(os.path.basename(key)), found)
    value = _read_file(folders, key, reader, read)
    diagnostics.extend(found)
    if cache is not None:
        cache.put(key, reader.inputs, value, found)
    return value


def _stem(name: str) -> str:
    """Return ``Path(name).stem``: the name without its last suffix, without building a Path."""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _read_file(
    folders: _Folders, path: str, r: _Reader, read: Callable[[_Reader, Node], T | None]
) -> T | None:
    if not folders.inside(path, folders.paths.root):
        r.error(0, "file links outside the project", "replace the link with the file")
        return None
    node = yamlsafe.load(path, r.rel, r.diagnostics)
    if node is None:
        return None
    return read(r, node)


class _Folders:
    """What one load learns about the folders of the project, so that each is worked out once.

    Resolving a path costs a system call per component, and pathlib parses a path
    each time one is built or cut; thousands of case files share a few folders,
    so per file only its own name is looked at: one ``lstat`` (is it a link?) and
    some string joins. A file that is a link is resolved in full, as before.
    """

    def __init__(self, paths: ProjectPaths) -> None:
        self.paths = paths
        self._real: dict[str, str] = {}
        self._rel: dict[str, str | None] = {}  # None: the folder is not under the root

    def inside(self, path: str, root: Path) -> bool:
        """Return whether ``path``, links followed, is ``root`` or under it.

        A link that cannot be followed (a loop) counts as inside: reading it
        fails, and the read reports why.
        """
        try:
            real = self._resolve(path)
        except (OSError, RuntimeError):  # RuntimeError: a loop, on Python before 3.13
            return True
        if os.name != "posix":  # names may not compare as plain strings there
            return Path(real).is_relative_to(root)
        top = os.fspath(root)
        return real == top or real.startswith(os.path.join(top, ""))

    def _resolve(self, path: str) -> str:
        folder, name = os.path.split(path)
        if name in ("", ".", "..") or os.path.islink(path):
            return os.fspath(Path(path).resolve())
        real = self._real.get(folder)
        if real is None:
            real = self._real[folder] = os.fspath(Path(folder).resolve())
        return os.path.join(real, name)

    def rel(self, path: str) -> str:
        """Return ``self.paths.rel(Path(path))``, the folder's part worked out once."""
        folder, name = os.path.split(path)
        if name in ("", ".", ".."):
            return self.paths.rel(Path(path))
        if folder not in self._rel:
            under = Path(folder).is_relative_to(self.paths.root)
            self._rel[folder] = self.paths.rel(Path(folder)) if under else None
        rel = self._rel[folder]
        if rel is None:  # the path is the root itself, or outside it
            return self.paths.rel(Path(path))
        return name if rel == "." else f"{rel}/{name}"


class _Reader:
    """Typed access to the nodes of one file, reporting problems as diagnostics."""

    def __init__(self, rel: str, stem: str, diagnostics: list[Diagnostic]) -> None:
        self.rel = rel
        self.stem = stem
        self.diagnostics = diagnostics
        self.inputs: list[str] = []
        """Files read besides the case file itself (a source's seed)."""

    def error(self, line: int, message: str, hint: str = "") -> None:
        self.diagnostics.append(Diagnostic(self.rel, line, message, hint))

    def where(self, node: Node) -> Where:
        return Where(self.rel, node.line)

    def file_id(self) -> str | None:
        if not ID_PATTERN.fullmatch(self.stem):
            self.error(0, f"file name '{self.stem}' is not a valid id", ID_HINT)
            return None
        return self.stem

    def mapping(
        self,
        node: Node,
        what: str,
        required: Iterable[str],
        optional: Iterable[str] = (),
        choices: dict[str, tuple[str, ...]] | None = None,
    ) -> Mapping | None:
        """Return ``node`` if it is a mapping with the required fields and no unknown ones.

        ``choices`` names the allowed values of a required field that takes one
        of a list, so that a missing one is reported with them, as a wrong one is.
        """
        if not isinstance(node, Mapping):
            self.error(
                node.line,
                f"{what} must be a mapping, not {_KIND_NAMES[type(node)]}",
                "write it as `field: value` lines",
            )
            return None
        required = tuple(required)
        known = required + tuple(optional)
        for key, line in node.key_lines.items():
            if key not in known:
                self.error(
                    line,
                    f"unknown field '{key}' in {what}{did_you_mean(key, known)}",
                    "known fields: " + ", ".join(known),
                )
        for key in required:
            value = node.items.get(key)
            if value is None or (isinstance(value, Scalar) and value.is_null):
                hint = f"add `{key}:`"
                if choices and key in choices:
                    hint += " with one of: " + ", ".join(choices[key])
                self.error(node.line, f"{what} is missing the field '{key}'", hint)
        return node

    def text(self, m: Mapping, key: str, required: bool = True) -> str | None:
        node = m.items.get(key)
        if node is None:
            return None  # a missing required field was reported by mapping()
        if not isinstance(node, Scalar):
            self.error(
                node.line,
                f"'{key}' must be text, not {_KIND_NAMES[type(node)]}",
                "quote the value if it contains ':' or starts with '[' or '{'",
            )
            return None
        if node.is_null:
            return None  # as good as missing: reported by mapping() if required
        value = node.value.strip()
        if not value and required:
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

    def markdown(self, m: Mapping, key: str, required: bool = True) -> str | None:
        """Return the markdown text of ``key``; report each link that leads nowhere a reader
        can follow from every page it shows on (only full http(s) addresses and mailto)."""
        value = self.text(m, key, required)
        if value is not None and ("](" in value or "]:" in value or "<" in value):
            for href in _links(value):
                if not _followable(href):
                    self.error(
                        m.items[key].line,
                        f"link to '{href}' in '{key}': only full http or https addresses"
                        " and mailto: are linked",
                        "write the whole address, e.g. https://example.org/page",
                    )
        return value

    def language(self, m: Mapping, key: str = "language") -> str | None:
        """Return the BCP 47 language tag of ``key`` ('en', 'he', 'en-GB', 'zh-Hant')."""
        value = self.text(m, key)
        if value is not None and not _LANGUAGE_TAG.fullmatch(value):
            self.error(
                m.items[key].line,
                f"'{key}' is '{value}', not a language tag",
                "write a BCP 47 tag such as en, he, ru or en-GB",
            )
            return None
        return value

    def choice(
        self, m: Mapping, key: str, choices: tuple[str, ...], default: str | None = None
    ) -> str | None:
        value = self.text(m, key)
        if value is None:
            return default
        if value not in choices:
            self.error(
                m.items[key].line,
                f"'{key}' is '{value}', not one of: {', '.join(choices)}"
                f"{did_you_mean(value, choices)}",
                "use one of the listed values as written, in lowercase",
            )
            return None
        return value

    def date(self, m: Mapping, key: str) -> PartialDate | None:
        value = self.text(m, key)
        if value is None:
            return None
        parsed = parse_date(value)
        if isinstance(parsed, str):
            self.error(
                m.items[key].line, f"bad date in '{key}': {parsed}", f"write one of: {DATE_FORMS}"
            )
            return None
        return parsed

    def flag(self, m: Mapping, key: str) -> bool:
        node = m.items.get(key)
        if node is None or _is_null(node):
            return False
        value = node.as_bool() if isinstance(node, Scalar) else None
        if value is None:
            self.error(node.line, f"'{key}' must be true or false", "write `true` or `false`")
            return False
        return value

    def ident(self, m: Mapping, key: str) -> str | None:
        value = self.text(m, key)
        if value is not None and not ID_PATTERN.fullmatch(value):
            self.error(m.items[key].line, f"'{value}' is not a valid id", ID_HINT)
            return None
        return value

    def items(self, m: Mapping, key: str, required: bool = False) -> list[Node]:
        node = m.items.get(key)
        if node is None or _is_null(node):
            return []
        if not isinstance(node, Sequence):
            self.error(
                node.line,
                f"'{key}' must be a list, not {_KIND_NAMES[type(node)]}",
                "write each item on its own line, starting with '- '",
            )
            return []
        if required and not node.items:
            self.error(node.line, f"'{key}' is empty", "give at least one item")
        return node.items

    def ids(self, m: Mapping, key: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """The ids listed under ``key``, each once, and the line of each."""
        out: dict[str, int] = {}
        for item in self.items(m, key):
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

    def citations(self, m: Mapping, key: str = "cite") -> tuple[Citation, ...]:
        out = []
        for item in self.items(m, key, required=True):
            c = self.mapping(item, "a citation", ("source", "quote"))
            if c is None:
                continue
            source, quote = self.ident(c, "source"), self.text(c, "quote")
            if quote is not None and not _TWO_LETTERS.search(quote):
                self.error(
                    c.items["quote"].line,
                    f"quote '{quote}' is too short to show anything",
                    "quote the words of the source that say it",
                )
                quote = None
            if source and quote:
                where = Where(self.rel, c.items["quote"].line)
                out.append(Citation(source, quote, where, c.items["source"].line))
        return tuple(out)

    def claim(self, node: Node, what: str, with_kind: bool = False) -> Claim | None:
        m = self.mapping(node, what, ("text", "cite"), ("kind",) if with_kind else ())
        if m is None:
            return None
        text, cites = self.markdown(m, "text"), self.citations(m)
        kind = self.choice(m, "kind", FACT_KINDS, "other") if with_kind else "other"
        if text is None or kind is None:
            return None
        return Claim(text, cites, self.where(m), kind)

    def claims(
        self, m: Mapping, key: str, with_kind: bool = False, required: bool = False
    ) -> tuple[Claim, ...]:
        found = (
            self.claim(n, f"an item of '{key}'", with_kind) for n in self.items(m, key, required)
        )
        return tuple(c for c in found if c is not None)

    def differ(self, m: Mapping) -> tuple[Disagreement, ...]:
        out = []
        for node in self.items(m, "differ"):
            d = self.mapping(node, "a disagreement", ("topic", "accounts"), ("note",))
            if d is None:
                continue
            topic, note = self.text(d, "topic"), self.text(d, "note") or ""
            accounts = self.claims(d, "accounts", required=True)
            if len(self.items(d, "accounts")) == 1:
                self.error(
                    d.line,
                    "a disagreement needs at least two accounts",
                    "add the other side, cited",
                )
            if topic:
                out.append(Disagreement(topic, note, accounts, self.where(d)))
        return tuple(out)

    def acknowledged(self, m: Mapping) -> tuple[Acknowledgement, ...]:
        out = []
        for node in self.items(m, "acknowledged"):
            a = self.mapping(
                node,
                "an acknowledgement",
                ("check", "reason"),
                ("subject",),
                {"check": EDITORIAL_CHECKS},
            )
            if a is None:
                continue
            check, reason = self.choice(a, "check", EDITORIAL_CHECKS), self.text(a, "reason")
            if check and reason:
                subject = self.text(a, "subject") or ""
                out.append(Acknowledgement(check, subject, reason, self.where(a)))
        return tuple(out)

    def corrections(self, m: Mapping) -> tuple[Correction, ...]:
        """The item's corrections log: each dated to the day, saying what was wrong and what
        the page says now. When a correction may be dated is checked once every source is
        read (:func:`generator.editorial.corrections_in_time`)."""
        out = []
        for node in self.items(m, "corrections"):
            c = self.mapping(node, "a correction", ("date", "was", "now"))
            if c is None:
                continue
            date, was, now = self.date(c, "date"), self.text(c, "was"), self.text(c, "now")
            if date is not None and not date.exact:
                self.error(
                    c.items["date"].line,
                    f"a correction's 'date' is {date.label()}, not a day",
                    "give the day the correction was made, e.g. 2025-02-16",
                )
                continue
            if date and was and now:
                out.append(Correction(date, was, now, self.where(c)))
        return tuple(out)


@functools.cache
def _link_parser() -> MarkdownIt:
    """A parser that keeps every link, even one the pages' renderer would refuse."""
    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def _links(text: str) -> list[str]:
    """The targets of the links in markdown ``text``, as written."""
    found = []
    for token in _link_parser().parse(text):
        for child in token.children or ():
            if child.type == "link_open":
                found.append(str(child.attrs.get("href", "")))
    return found


def _followable(href: str) -> bool:
    """Whether ``href`` is a whole http(s) address with a host, or a mailto: address."""
    try:
        parts = urlsplit(href)
        if parts.scheme in ("http", "https"):
            return bool(parts.hostname) and not _NOT_IN_URLS.search(href)
    except ValueError:  # a malformed host, such as '[::1'
        return False
    return parts.scheme == "mailto" and "@" in parts.path


_NOT_IN_URLS = re.compile(r"[\s\\\"'<>]")


_Once = Spelling | Relation | Hidden | NotUsed


def _once(r: _Reader, first: _Once | None, node: Mapping, what: str) -> bool:
    """Report ``what`` at ``node`` if it was given before (``first``); True if it is new."""
    if first is None:
        return True
    r.error(node.line, f"{what} is given twice (first on line {first.where.line})", "remove one")
    return False


def _is_null(node: Node) -> bool:
    return isinstance(node, Scalar) and node.is_null


def _site(r: _Reader, node: Node, paths: ProjectPaths) -> Site | None:
    fields = ("title", "description", "language", "intro", "about")
    m = r.mapping(node, "the site file", fields, ("acknowledged", *settings.FIELDS))
    if m is None:
        return None
    settings.from_mapping(m, r.rel, paths, r.diagnostics)  # read by the CLI: checked here
    title, description, language = r.text(m, "title"), r.text(m, "description"), r.language(m)
    intro, about = r.markdown(m, "intro"), r.markdown(m, "about")
    acknowledged = r.acknowledged(m)
    if not (title and description and language and intro and about):
        return None
    return Site(title, description, language, intro, about, acknowledged)


def _source(r: _Reader, node: Node, folders: _Folders) -> Source | None:
    m = r.mapping(
        node,
        "a source",
        ("seed", "outlet", "language", "published"),
        (
            "format",
            "headline",
            "url",
            "archived",
            "retrieved",
            "hide",
            "not_used",
            "acknowledged",
            "corrections",
        ),
    )
    if m is None:
        return None
    source_id, seed = r.file_id(), r.text(m, "seed")
    outlet, language = r.text(m, "outlet"), r.language(m)
    url = _address(r, m, "url", "give the article's full address, or remove the field")
    archived = _address(r, m, "archived", "give the archive copy's full address")
    retrieved = r.date(m, "retrieved") if "retrieved" in m.items else None
    if retrieved and retrieved.first_day() > dt.date.today():
        r.error(
            m.items["retrieved"].line,
            f"'retrieved' is {retrieved.label()}, after today",
            "give the day the text was taken from the outlet",
        )
        retrieved = None
    published = None
    if "published" in m.items:
        p = r.mapping(
            m.items["published"],
            "'published'",
            ("date", "basis", "evidence"),
            ("written",),
            {"basis": DATE_BASES},
        )
        if p is not None:
            date, basis, evidence = (
                r.date(p, "date"),
                r.choice(p, "basis", DATE_BASES),
                r.text(p, "evidence"),
            )
            written = r.date(p, "written") if "written" in p.items else None
            if date and written and written.first_day() >= date.first_day():
                r.error(
                    p.items["written"].line,
                    f"'written' is {written.label()}, not before 'date' ({date.label()})",
                    "give 'written' only where the text reads as written before its date",
                )
                written = None
            if date and date.first_day() > dt.date.today():
                r.error(
                    p.items["date"].line,
                    f"'date' is {date.label()}, after today: no article is published in the future",
                    "check the date against the article",
                )
            elif date and basis and evidence:
                published = Published(date, basis, evidence, p.items["basis"].line, written)
    hide: dict[str, Hidden] = {}
    for item in r.items(m, "hide"):
        h = r.mapping(item, "an item of 'hide'", ("text",), ("to_end",))
        if h is None or not (text := r.text(h, "text")):
            continue
        if _once(r, hide.get(text), h, f"the hidden passage '{text}'"):
            hide[text] = Hidden(text, r.flag(h, "to_end"), r.where(h))
    not_used: dict[str, NotUsed] = {}
    for item in r.items(m, "not_used"):
        n = r.mapping(item, "an item of 'not_used'", ("text", "reason"), ("to_end",))
        if n is None:
            continue
        text, reason = r.text(n, "text"), r.text(n, "reason")
        if text and reason and _once(r, not_used.get(text), n, f"the passage not used '{text}'"):
            not_used[text] = NotUsed(text, reason, r.where(n), r.flag(n, "to_end"))
    text = _seed_text(r, m, seed, folders) if seed else None
    if not (source_id and seed and outlet and language and published and text is not None):
        return None
    return Source(
        source_id,
        seed,
        text,
        outlet,
        r.text(m, "format") or "",
        r.text(m, "headline"),
        url,
        language,
        published,
        tuple(hide.values()),
        r.where(m),
        r.acknowledged(m),
        tuple(not_used.values()),
        archived,
        retrieved,
        r.corrections(m),
    )


def _address(r: _Reader, m: Mapping, key: str, hint: str) -> str | None:
    """An http or https address that leads somewhere (a link a reader may follow), or None."""
    url = r.text(m, key)
    if url is not None and not (re.fullmatch(r"https?://[^\s<>\"']+", url) and _followable(url)):
        r.error(
            m.items[key].line,
            f"'{key}' must be an http or https address, not '{url}'",
            f"{hint}, or remove the field if it is not known",
        )
        return None
    return url


def _seed_text(r: _Reader, m: Mapping, seed: str, folders: _Folders) -> str | None:
    line = m.items["seed"].line
    paths = folders.paths
    plain = not ("/" in seed or "\\" in seed or seed.startswith("."))
    # For a plain name, the join is what pathlib's ``paths.seeds / seed`` would spell.
    path = os.path.join(paths.seeds, seed) if plain else os.fspath(paths.seeds / seed)
    r.inputs.append(path)
    if plain and os.path.islink(path) and not os.path.exists(path):
        r.error(
            line,
            f"seed '{seed}' is a link that leads nowhere (or in a loop)",
            "replace the link with the file",
        )
        return None
    if not plain or not Path(path).is_file():
        if plain and os.path.exists(path):  # there, but a folder or a named pipe
            what = "a folder" if os.path.isdir(path) else "not a regular file"
            r.error(line, f"seed '{seed}' is {what}", "give the name of a file in seeds/")
            return None
        known = [p.name for p in paths.seeds.iterdir()] if paths.seeds.is_dir() else []
        if "/" in seed or "\\" in seed:
            # A path: only the very file named, if it is in seeds/, is worth suggesting.
            name = seed.replace("\\", "/").rsplit("/", 1)[-1]
            same = f" (did you mean '{name}'?)" if name in known else ""
            r.error(
                line,
                f"seed '{seed}' is a path{same}",
                "a seed is named by its file name in seeds/ alone, without folders",
            )
            return None
        r.error(
            line,
            f"no file '{seed}' in seeds/{did_you_mean(seed, known)}",
            "give the name of a file in the project's seeds/ folder",
        )
        return None
    if not folders.inside(path, paths.seeds):
        r.error(line, f"seed '{seed}' links outside seeds/", "replace the link with the file")
        return None
    text = yamlsafe.read_text(path, folders.rel(path), r.diagnostics)
    if text is not None and not text.strip():
        r.error(line, f"seed '{seed}' is empty", "paste the article's text into the file")
        return None
    return text


_SENTENCE_END = re.compile('[.!?]["\u201d\u2019)]*\\s+(?=["\u201c]?[A-Z])')
_ABBREVIATION = re.compile(
    r"\b(?:[A-Z]|c|Mr|Mrs|Ms|Dr|St|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|Gen|Col|Lt|Sgt|Prof|Rep|Sen|Gov)$"
)


def sentences(text: str) -> list[str]:
    """Split our own prose into sentences; initials and common abbreviations do not end one."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[start : m.start()]):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    rest = text[start:].strip()
    return [*out, rest] if rest else out


def _person(r: _Reader, node: Node) -> Person | None:
    m = r.mapping(
        node,
        "a person",
        ("name", "role", "summary"),
        (
            "spellings",
            "captivity",
            "facts",
            "relations",
            "differ",
            "draft",
            "acknowledged",
            "corrections",
        ),
        {"role": ROLES},
    )
    if m is None:
        return None
    person_id, name, role = r.file_id(), r.text(m, "name"), r.choice(m, "role", ROLES)
    if name is not None and not _LETTER.search(name):
        r.error(m.items["name"].line, f"'name' is '{name}': it has no letters", _NAME_HINT)
        name = None
    summary = r.claims(m, "summary", required=True)
    for claim in summary:
        # Every sentence of a summary carries its own notes: one sentence per item.
        count = len(sentences(claim.text))
        if count > 1:
            r.error(
                claim.where.line,
                f"a summary item of {count} sentences: the notes stand only after the last,"
                " so the others read as uncited",
                "give each sentence its own item with its own cite",
            )
    spellings: dict[str, Spelling] = {}
    for item in r.items(m, "spellings"):
        s = r.mapping(item, "a spelling", ("text", "cite"))
        if s is None or not (text := r.text(s, "text")):
            continue
        if not _LETTER.search(text):
            r.error(s.items["text"].line, f"spelling '{text}' has no letters", _NAME_HINT)
        elif _once(r, spellings.get(text), s, f"spelling '{text}'"):
            spellings[text] = Spelling(text, r.citations(s), r.where(s))
    relations: dict[tuple[str, str], Relation] = {}
    for item in r.items(m, "relations"):
        rel = r.mapping(item, "a relation", ("person", "role", "inverse", "cite"))
        if rel is None:
            continue
        other, what, inverse = r.ident(rel, "person"), r.text(rel, "role"), r.text(rel, "inverse")
        if other and what and inverse:
            same = relations.get((other, what))
            if _once(r, same, rel, f"the relation '{what}: {other}'"):
                relations[other, what] = Relation(
                    other, what, inverse, r.citations(rel), r.where(rel)
                )
    captivity = _captivity(r, m.items["captivity"]) if "captivity" in m.items else None
    if person_id is None or name is None or role is None:
        return None
    return Person(
        person_id,
        name,
        role,  # type: ignore[arg-type]  # choice() returned one of ROLES
        summary,
        tuple(spellings.values()),
        captivity,
        r.claims(m, "facts", with_kind=True),
        tuple(relations.values()),
        r.differ(m),
        r.where(m),
        r.flag(m, "draft"),
        r.acknowledged(m),
        r.corrections(m),
    )


def _captivity(r: _Reader, node: Node) -> Captivity | None:
    m = r.mapping(
        node, "'captivity'", ("abducted", "place", "cite"), ("released", "release_announced")
    )
    if m is None:
        return None
    abducted, place, cites = r.date(m, "abducted"), r.text(m, "place"), r.citations(m)
    released = r.date(m, "released")
    announced = r.date(m, "release_announced")
    if abducted is None or place is None:
        return None
    for key, later in (("released", released), ("release_announced", announced)):
        if later is not None and later.last_day() < abducted.first_day():
            r.error(
                m.items[key].line,
                f"'{key}' ({later.label()}) is before 'abducted' ({abducted.label()})",
                "check both dates against the sources",
            )
            return None
    return Captivity(abducted, place, released, announced, cites, r.where(m))


def _events(r: _Reader, node: Node) -> list[Event]:
    if not isinstance(node, Sequence):
        r.error(
            node.line,
            "an events file must be a list of events",
            "start each event with '- id: ...'",
        )
        return []
    events = []
    for item in node.items:
        m = r.mapping(
            item,
            "an event",
            ("id", "date", "title", "kind", "cite"),
            ("status", "people", "body", "differ", "draft", "corrections"),
            {"kind": EVENT_KINDS},
        )
        if m is None:
            continue
        event_id, date, title = r.ident(m, "id"), r.date(m, "date"), r.text(m, "title")
        kind = r.choice(m, "kind", EVENT_KINDS)
        status = r.choice(m, "status", EVENT_STATUSES, "happened")
        cites, (people, people_lines) = r.citations(m), r.ids(m, "people")
        body, differ = r.markdown(m, "body", required=False) or "", r.differ(m)
        if event_id and date and title and kind and status:
            events.append(
                Event(
                    event_id,
                    date,
                    title,
                    kind,
                    status,
                    people,
                    body,
                    cites,
                    differ,
                    r.where(m),
                    r.flag(m, "draft"),
                    people_lines,
                    r.corrections(m),
                )
            )
    return events


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
    folders = _Folders(paths)
    source = _with_reader(
        folders, files[source_id], diagnostics, lambda r, n: _source(r, n, folders), None
    )
    if source is None or any(d.severity == "error" for d in diagnostics):
        raise ContentError(diagnostics)
    return source
