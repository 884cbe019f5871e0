"""Write the site atomically, and only where it is safe to.

The build writes into a temporary folder beside the output and swaps it in when
every file is written, so a failed or interrupted build leaves the previous
site as it was. Because the swap replaces a whole folder, the output folder is
checked first: it must not be, hold, or lie inside the project's inputs, and if
it exists and is not empty it must carry the marker file that this tool puts in
every folder it makes.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from generator.errors import UsageError

log = logging.getLogger(__name__)

MARKER = ".hostage-explainer"
"""Name of the file that marks a folder as made by this tool."""
_MARKER_TEXT = b"This folder was made by hostage-explainer and is replaced by every build.\n"


def guard_output(out: Path, project_root: Path, inputs: list[Path]) -> Path:
    """Return the resolved output folder, or raise UsageError if replacing it could destroy work."""
    target = out.expanduser().resolve()
    protected = [project_root.resolve(), *(p.resolve() for p in inputs)]
    for folder in protected:
        if target == folder or folder.is_relative_to(target):
            raise UsageError(
                f"refusing to write the site to {out}: "
                f"it is or holds {folder}, which the build reads"
            )
        if target.is_relative_to(folder) and folder != project_root.resolve():
            raise UsageError(
                f"refusing to write the site to {out}: it lies inside the input folder {folder}"
            )
    home = Path.home().resolve()
    if target == home or target == Path(target.anchor):
        raise UsageError(f"refusing to write the site to {out}: it is a home or root folder")
    if target.exists() or target.is_symlink():
        if not target.is_dir() or Path(out).expanduser().is_symlink():
            raise UsageError(f"refusing to write the site to {out}: it exists and is not a folder")
        if any(target.iterdir()) and not (target / MARKER).is_file():
            raise UsageError(
                f"refusing to replace {out}: it is not empty and was not made by this tool",
            )
    return target


def _safe_relpath(name: str) -> PurePosixPath:
    rel = PurePosixPath(name)
    if (
        rel.is_absolute()
        or ".." in rel.parts
        or not rel.parts
        or "\\" in name
        or ":" in rel.parts[0]
    ):
        raise ValueError(f"unsafe output path {name!r}")  # a bug: routes are made from checked ids
    return rel


def write_site(files: dict[str, bytes], target: Path) -> None:
    """Write ``files`` (relative path -> bytes) as the folder ``target``, swapping it in whole."""
    staging = Staging(target)
    try:
        for name in sorted(files):
            staging.write(name, files[name])
        staging.commit()
    except BaseException:
        staging.discard()
        raise


class Staging:
    """A folder beside ``target`` that a build writes into, then swaps in whole.

    ``target`` must have passed :func:`guard_output`. Files may be written from
    forked processes too: each keeps its own note of the folders it made, and
    making a folder that another process made first is not an error.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        parent = target.parent
        parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(parent, target.name)
        self.path = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=parent))
        (self.path / MARKER).write_bytes(_MARKER_TEXT)
        self._root = str(self.path)
        self._made: set[str] = {self._root}

    def write(self, name: str, data: bytes) -> None:
        # Plain strings: a build writes thousands of files, and a Path costs a parse each.
        parts = _safe_relpath(name).parts
        folder = os.path.join(self._root, *parts[:-1])
        if folder not in self._made:
            # Most folders are a page's own, in a folder made before: one mkdir call.
            try:
                os.mkdir(folder)
            except FileExistsError:
                pass  # made by another process
            except FileNotFoundError:
                os.makedirs(folder, exist_ok=True)
            self._made.add(folder)
        with open(os.path.join(folder, parts[-1]), "wb") as file:
            file.write(data)

    def commit(self) -> None:
        """Swap the written folder in for ``target``; the previous site goes in one move."""
        os.chmod(self.path, 0o755)  # mkdtemp makes it private; a site is meant to be read
        parent, target = self.target.parent, self.target
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=parent))
            os.replace(target, old / "site")
            os.replace(self.path, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(self.path, target)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _remove_leftovers(parent: Path, name: str) -> None:
    """Remove what an interrupted earlier build left beside the output."""
    for stale in parent.glob(f".{name}.new-*"):
        if (stale / MARKER).is_file():
            shutil.rmtree(stale, ignore_errors=True)
    for stale in parent.glob(f".{name}.old-*"):
        if (stale / "site" / MARKER).is_file() or not any(stale.iterdir()):
            shutil.rmtree(stale, ignore_errors=True)


def update_site(old: dict[str, bytes], new: dict[str, bytes], target: Path) -> list[str]:
    """Bring ``target``, written from ``old``, up to ``new``; return the names written.

    The preview's way of writing: only files whose bytes changed are replaced,
    each atomically, and files the new build no longer makes are removed. A
    reader may see a mix of two builds for a moment, which a preview can afford
    and a published site cannot (``write_site``).
    """
    if not (target / MARKER).is_file():
        raise UsageError(f"refusing to update {target}: it was not made by this tool")
    changed = [name for name in sorted(new) if old.get(name) != new[name]]
    for name in changed:
        path = target.joinpath(*_safe_relpath(name).parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.new")
        partial.write_bytes(new[name])
        os.replace(partial, path)
    for name in sorted(set(old) - set(new), reverse=True):
        path = target.joinpath(*_safe_relpath(name).parts)
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder != target and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return changed
