"""Where a project's case files are, and which of them are inside it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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
    prefix = folder_prefix(folder)
    return [prefix + name for name in sorted(names)]


_SUFFIXES = (".yaml", ".yml")


def folder_prefix(folder: str | Path) -> str:
    """The folder's path with a separator at the end: what each of its listed files starts with,
    and what the file cache keeps a folder's listing and last read under."""
    return os.path.join(folder, "")


def stem(name: str) -> str:
    """Return ``Path(name).stem``: the name without its last suffix, without building a Path."""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


class Folders:
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
