"""The preview's watcher: which of the inputs changed, as soon as they are saved.

livereload's own watcher polls every 0.8 s and drops a reload that comes within
3 s of the last one, so the preview brings its own: the operating system's file
events (through watchfiles) name the files saved within milliseconds of a save,
and a poller looks at every input anyway, every 50 ms where there are no events,
every second as a safety net where there are.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Collection
from pathlib import Path

from generator.reading import INPUT_FOLDERS

log = logging.getLogger(__name__)

POLL_SECONDS = 0.05
"""How often the inputs are looked at; half of it is the average wait after a save.

On a large project, where looking takes longer, the pause between looks is
at least five times the look, so that watching never takes more than a sixth
of a core."""
EVENT_STEP_MS = 5
"""After a file event, how long watchfiles waits for more before it reports them together."""
SAFETY_POLL_SECONDS = 1.0
"""How often the inputs are looked at anyway while file events come in."""


def input_signatures(root: Path) -> dict[str, tuple[int, int]]:
    """Return (change time, size) of every file the build reads, keyed by path under ``root``.

    The preview polls this every moment, over thousands of files on a large
    site: it walks with scandir and builds each key from its folder's prefix,
    which costs a quarter of os.walk with a join, stat and relpath per file.
    """
    found: dict[str, tuple[int, int]] = {}
    pending = [(os.path.join(root, folder), folder + "/") for folder in INPUT_FOLDERS]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # missing, or removed while we looked: the next poll sees it
        for entry in entries:
            name = entry.name
            if ignored(name):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):  # as os.walk: no link loops
                    pending.append((entry.path, prefix + name + "/"))
                    continue
                st = entry.stat()
            except OSError:
                continue
            found[prefix + name] = (st.st_ctime_ns, st.st_size)
    return found


def ignored(name: str) -> bool:
    """Hidden files and folders, and editors' backup and swap files, are not inputs."""
    return name.startswith(".") or name.endswith(("~", ".swp"))


def watch_events(
    root: Path, notify: Callable[[Collection[str]], None], stop: threading.Event | None = None
) -> threading.Thread | None:
    """Call ``notify`` with the paths as soon as the operating system reports changes to the inputs.

    Runs watchfiles in a daemon thread; ``notify`` is called from that thread.
    Returns the thread, or None if there are no file events here (the poller
    then is the only watcher). A thread that fails ends, and the poller takes
    over again. Setting ``stop`` ends the thread.
    """
    try:
        import watchfiles
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    folders = [root / folder for folder in INPUT_FOLDERS if (root / folder).is_dir()]
    if not folders:
        return None

    def run() -> None:
        try:
            for changes in watchfiles.watch(
                *folders,
                step=EVENT_STEP_MS,
                stop_event=stop,
                raise_interrupt=False,
                ignore_permission_denied=True,
                rust_timeout=1000,
            ):
                notify({path for _, path in changes})
        except Exception as exc:  # e.g. out of inotify watches: the poller goes on alone
            log.debug("file events stopped (%r); polling instead", exc)

    thread = threading.Thread(target=run, name="explainer-file-events", daemon=True)
    thread.start()
    return thread
