"""Write the site atomically, and only where it is safe to.

The build writes into a temporary folder beside the output and swaps it in when
every file is written, so a failed or interrupted build leaves the previous
site as it was. Because the swap replaces a whole folder, the output folder is
checked first: it must not be, hold, or lie inside the project's inputs, and if
it exists and is not empty it must carry the marker file that this tool puts in
every folder it makes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from generator.errors import UsageError

try:
    import fcntl
except ImportError:  # Windows: builds beside the same folder are not kept apart
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

MARKER = ".hostage-explainer"
"""Name of the file that marks a folder as made by this tool."""
_MARKER_TEXT = b"This folder was made by hostage-explainer and is replaced by every build.\n"


def guard_output(out: Path, project_root: Path, inputs: list[Path]) -> Path:
    """Return the resolved output folder, or raise UsageError if replacing it could destroy work."""
    target = out.expanduser().resolve()
    refused = over_inputs(out, target, project_root, inputs)
    if refused:
        raise UsageError(refused)
    home = Path.home().resolve()
    if target == home or target == Path(target.anchor):
        raise UsageError(f"refusing to write the site to {out}: it is a home or root folder")
    if Path(out).expanduser().is_symlink():
        raise UsageError(
            f"refusing to write the site to {out}: it is a symbolic link (to {target});"
            " give the folder itself"
        )
    if Path.cwd().is_relative_to(target):
        raise UsageError(
            f"refusing to replace {out}: it is or holds the current folder; run the build"
            " from elsewhere, or give another --out"
        )
    if target.exists():
        if not target.is_dir():
            raise UsageError(f"refusing to write the site to {out}: it exists and is not a folder")
        if os.path.ismount(target):
            raise UsageError(
                f"refusing to write the site to {out}: it is a mount point, which cannot be"
                f" swapped; give a folder inside it, such as {Path(out) / 'site'}"
            )
        if any(target.iterdir()) and not (target / MARKER).is_file():
            raise UsageError(
                f"refusing to replace {out}: it is not empty and was not made by this tool",
            )
    return target


def over_inputs(out: Path, target: Path, project_root: Path, inputs: list[Path]) -> str | None:
    """Why writing the site to ``out`` (resolved: ``target``) would replace what the build
    reads, or None. Apart from the other refusals of :func:`guard_output`, which depend on
    what is there now, so that a setting of the output folder can be checked when read."""
    protected = [project_root.resolve(), *(p.resolve() for p in inputs)]
    for folder in protected:
        if target == folder or folder.is_relative_to(target):
            return (
                f"refusing to write the site to {out}: "
                f"it is or holds {folder}, which the build reads"
            )
        if target.is_relative_to(folder) and folder != project_root.resolve():
            return f"refusing to write the site to {out}: it lies inside the input folder {folder}"
    return None


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


class Staging:
    """A folder beside ``target`` that a build writes into, then swaps in whole.

    ``target`` must have passed :func:`guard_output`. Files may be written from
    forked processes too: each keeps its own note of the folders it made, and
    making a folder that another process made first is not an error.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        parent = target.parent
        # The folders above the output that this build makes: a failed one takes them back.
        self._parents = [p for p in (parent, *parent.parents) if not p.exists()]
        parent.mkdir(parents=True, exist_ok=True)
        self._lock = _Lock(parent, target)
        try:
            _remove_leftovers(parent, target.name)
            self.path = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=parent))
            _mark(self.path)
        except BaseException:
            self._lock.release()
            raise
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
                # Its parents first, but never the staging folder itself: were that gone,
                # what is written here must not become a site without its first pages.
                made = self._root
                for part in parts[:-1]:
                    made = os.path.join(made, part)
                    with contextlib.suppress(FileExistsError):
                        os.mkdir(made)
            self._made.add(folder)
        with open(os.path.join(folder, parts[-1]), "wb") as file:
            file.write(data)

    def commit(self) -> None:
        """Swap the written folder in for ``target``; the previous site goes in one move."""
        try:
            os.chmod(self.path, 0o755)  # mkdtemp makes it private; a site is meant to be read
            parent, target = self.target.parent, self.target
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=parent))
                _mark(old)  # marked itself: removable should this build stop while it is
                os.replace(target, old / "site")
                os.replace(self.path, target)
                _remove_marked(old)
            else:
                os.replace(self.path, target)
        finally:
            self._lock.release()

    def discard(self) -> None:
        try:
            _remove_marked(self.path)
        finally:
            self._lock.release()
        for folder in self._parents:  # the deepest first; each only if empty
            try:
                folder.rmdir()
            except OSError:
                break


class _Lock:
    """Holds the output's parent folder locked (``flock``) while a build writes beside it.

    Without it, a second build started meanwhile would take the first one's staging
    folder for a leftover and remove it. The lock ends with the process, however it
    ends; where the system has none (or the file system refuses it), there is none.
    """

    def __init__(self, parent: Path, target: Path) -> None:
        self._fd: int | None = None
        if fcntl is None:
            return
        try:
            fd = os.open(parent, os.O_RDONLY)
        except OSError:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("waiting for another build that writes beside %s to finish", target)
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            os.close(fd)
            return
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _mark(folder: Path) -> None:
    (folder / MARKER).write_bytes(_MARKER_TEXT)


def _remove_marked(folder: Path) -> None:
    """Remove a folder this tool made, its marker last: cut short, what is left is still
    marked, and the next build removes it."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name == MARKER:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    with contextlib.suppress(OSError):
        os.unlink(folder / MARKER)
    with contextlib.suppress(OSError):
        os.rmdir(folder)


def _remove_leftovers(parent: Path, name: str) -> None:
    """Remove what an interrupted earlier build left beside the output: the staging and
    previous-site folders that are marked, or empty."""
    staged, replaced = f".{name}.new-", f".{name}.old-"
    with os.scandir(parent) as entries:
        stale = [
            Path(e.path)
            for e in entries
            if e.name.startswith((staged, replaced)) and e.is_dir(follow_symlinks=False)
        ]
    for folder in stale:
        # An .old- folder of an earlier version is marked only inside: old/site/MARKER.
        if (folder / MARKER).is_file() or (folder / "site" / MARKER).is_file():
            _remove_marked(folder)
        elif not any(folder.iterdir()):
            folder.rmdir()
