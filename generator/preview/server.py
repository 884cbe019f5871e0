"""``explainer serve``: build, serve the site, rebuild and reload on every save.

The preview keeps one :class:`~generator.preview.builder.PreviewBuilder`, so a save re-reads the
files that changed and re-renders the pages that use them. The site is served
from memory, never from disk: a request can only name a file the build made,
so no path reaches outside it. Bad content does not stop the server: every
page shows the list of errors until a save fixes them.

livereload provides the server and the browser side; :mod:`generator.preview.watch`
says which files were saved.
"""

from __future__ import annotations

import gc
import html
import logging
import mimetypes
import os
import socket
import stat
import time
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

from generator.background import Background
from generator.build import Options
from generator.errors import ContentError, Diagnostic, UsageError
from generator.preview import citing
from generator.preview.builder import PreviewBuilder
from generator.preview.watch import (
    POLL_SECONDS,
    SAFETY_POLL_SECONDS,
    ignored,
    input_signatures,
    watch_events,
)
from generator.reading import INPUT_FOLDERS
from generator.urls import Urls

log = logging.getLogger(__name__)

REVIEW_SECONDS = 1.0
"""How long after a good rebuild the slow editorial checks start, once the browser has reloaded.

They run in a forked child, so that a save made meanwhile is built at once."""
LOOPBACK = ("127.0.0.1", "localhost", "::1")

StartResponse = Callable[[str, list[tuple[str, str]]], object]


def error_page(exc: ContentError) -> bytes:
    """Return an HTML page that lists every diagnostic."""
    items = "\n".join(f"<li><pre>{html.escape(d.format())}</pre></li>" for d in exc.diagnostics)
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Build failed</title>"
        "<meta name=viewport content='width=device-width, initial-scale=1'></head><body>"
        f"<main><h1>The build failed: {len(exc.diagnostics)} problem(s)</h1><ol>{items}</ol>"
        "<p>Fix the files and save; this page reloads by itself.</p></main></body></html>"
    ).encode()


class Preview:
    """The preview's builds, and the WSGI application that serves their latest result."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.builder = PreviewBuilder(options)
        self.urls = Urls.from_base(options.base_url)
        self.error: bytes | None = error_page(ContentError([]))
        """The page every request gets while the content is broken; None when it builds."""
        self.seen = input_signatures(Path(options.project))
        self.builds = 0
        """Counts good builds, so that a review started for an older one is dropped."""
        self._reported: list[str] = []
        self._reviewing: tuple[int, Background[list[str] | None]] | None = None

    def rebuild(self, changed: Iterable[str] = ()) -> bool:
        """Build; keep the result or the errors for the next request. Return True on success."""
        changed = list(changed)
        what = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if changed[3:] else "")
        if self._reviewing is not None:  # its warnings are out of date: free its core
            self._reviewing[1].cancel()
            self._reviewing = None
        # What the poll saw is what changed: the builder need not look at every file again.
        # The first build, and one asked for without a list, looks at every file.
        known = [os.path.join(self.builder.paths.root, rel) for rel in changed] if changed else None
        try:
            result = self.builder.build(thorough=False, changed=known, warnings=False)
        except ContentError as exc:
            self.error = error_page(exc)
            log.error(exc.report())
            return False
        except Exception as exc:  # a bug of ours: say so, keep serving, retry on the next save
            log.exception("explainer hit a bug while rebuilding; please report it")
            bug = Diagnostic("explainer", 0, f"internal error: {exc!r}", "please report this bug")
            self.error = error_page(ContentError([bug]))
            return False
        self.error = None
        self.builds += 1
        log.info(
            "%s%d pages (each made when asked for); built in %.0f ms",
            f"{what} changed: " if what else "built: ",
            result.pages,
            result.seconds * 1000,
        )
        return True

    def review(self, build: int) -> None:
        """Run every check and print the warnings, if they changed; skip if a build came since."""
        if build == self.builds:
            self._report(build, self._warnings())

    def review_beside(self, build: int) -> None:
        """Start the review of ``build`` in a forked child; :meth:`reviewed` reports it.

        On a large project the slow checks take seconds; run here they would hold
        up the server, and the next save would wait for them.
        """
        if build == self.builds:
            self._reviewing = (build, Background(self._warnings))

    def reviewed(self) -> None:
        """Report the review started by :meth:`review_beside`, if it is done."""
        if self._reviewing is not None and self._reviewing[1].ready():
            build, child = self._reviewing
            self._reviewing = None
            self._report(build, child.result())

    def _warnings(self) -> list[str] | None:
        """Every warning, formatted; None if the content does not build (a rebuild says why)."""
        try:
            return [w.format() for w in self.builder.review()]
        except ContentError:
            return None

    def _report(self, build: int, warnings: list[str] | None) -> None:
        if build != self.builds or warnings is None or warnings == self._reported:
            return
        for warning in warnings:
            log.warning(warning)
        if not warnings and self._reported:
            log.info("no warnings")
        self._reported = warnings

    def poll(self, paths: Iterable[str] | None = None) -> list[str]:
        """Return the inputs changed, added or removed since the last poll.

        ``paths`` (absolute) are where file events were reported: only they are
        looked at, not every input, unless one is a folder (whose files the
        events may not each name). None: look at every input.
        """
        if paths is not None:
            looked = self._look_at(paths)
            if looked is not None:
                return looked
        now = input_signatures(Path(self.options.project))
        changed = sorted(k for k in now.keys() | self.seen.keys() if now.get(k) != self.seen.get(k))
        self.seen = now
        return changed

    def _look_at(self, paths: Iterable[str]) -> list[str] | None:
        """:meth:`poll` of the files at ``paths`` only; None if a folder, or a path outside
        the input folders, is among them."""
        root = os.path.abspath(self.options.project)
        now: dict[str, tuple[int, int] | None] = {}
        for path in paths:
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            parts = rel.split("/")
            if parts[0] not in INPUT_FOLDERS or len(parts) < 2:
                return None  # not a file of an input folder as we know it (a link?): look at all
            if any(ignored(part) for part in parts):
                continue  # as input_signatures
            try:
                st = os.stat(path)
            except OSError:  # removed: a file, or a folder of files
                if any(key.startswith(rel + "/") for key in self.seen):
                    return None
                now[rel] = None
                continue
            if stat.S_ISDIR(st.st_mode):
                return None
            now[rel] = (st.st_ctime_ns, st.st_size)
        changed = sorted(k for k, sig in now.items() if sig != self.seen.get(k))
        for key in changed:
            sig = now[key]
            if sig is None:
                del self.seen[key]
            else:
                self.seen[key] = sig
        return changed

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        """Serve a file of the latest build, or the error page while the content is broken."""
        status, headers, body = self.respond(environ.get("REQUEST_METHOD", ""), environ)
        headers = [*headers, ("Content-Length", str(len(body))), ("Cache-Control", "no-store")]
        start_response(status, headers)
        return [body] if environ.get("REQUEST_METHOD") != "HEAD" else [b""]

    def respond(
        self, method: str, environ: dict[str, Any]
    ) -> tuple[str, list[tuple[str, str]], bytes]:
        """Return the status, headers and body for a request."""
        if method not in ("GET", "HEAD"):
            return "405 Method Not Allowed", [("Allow", "GET, HEAD")], b"method not allowed\n"
        path = environ.get("PATH_INFO", "") or "/"
        root = self.urls.root
        if path in ("/", root.rstrip("/")) and path != root:
            return "301 Moved Permanently", [("Location", root)], b""
        if not path.startswith(root):
            return self._not_found()
        rel = path[len(root) :]
        parts = rel.split("/")
        if any(p in (".", "..") or "\\" in p or "\0" in p for p in parts):
            return "400 Bad Request", [("Content-Type", "text/plain")], b"bad path\n"
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        if rel.startswith(citing.PREFIX):
            return self._own(rel, environ.get("QUERY_STRING", ""))
        body = self._file(rel) if self.error is None else None
        if self.error is not None:
            asset = self.builder.file(rel) if rel.startswith("assets/") else None
            if asset is None:
                return self._error()
            body = asset
        if body is None:
            if self._file(rel + "/index.html") is not None:
                return "301 Moved Permanently", [("Location", path + "/")], b""
            return self._not_found()
        kind = mimetypes.guess_type(rel)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith(("xml", "json", "javascript")):
            kind += "; charset=utf-8"
        if kind.startswith("text/html"):
            body = citing.with_control(rel, body, root)
        return "200 OK", [("Content-Type", kind)], body

    def _own(self, rel: str, query: str) -> tuple[str, list[tuple[str, str]], bytes]:
        """The preview's own files: the "Copy citation" script and its look-up."""
        if rel == citing.SCRIPT:
            return "200 OK", [("Content-Type", "text/javascript; charset=utf-8")], citing.script()
        if rel == citing.ENDPOINT:
            found, yaml = citing.citation(Path(self.options.project), query)
            status = "200 OK" if found else "404 Not Found"
            return status, [("Content-Type", "text/plain; charset=utf-8")], yaml
        return self._not_found()

    def _file(self, rel: str) -> bytes | None:
        """The built file ``rel``, or None; a template error in it becomes the error page."""
        try:
            return self.builder.file(rel)
        except ContentError as exc:
            log.error(exc.report())
            self.error = error_page(exc)
            return None

    def _not_found(self) -> tuple[str, list[tuple[str, str]], bytes]:
        body = self._file("404.html") if self.error is None else None
        if self.error is not None:
            return self._error()
        return (
            "404 Not Found",
            [("Content-Type", "text/html; charset=utf-8")],
            body or b"not found\n",
        )

    def _error(self) -> tuple[str, list[tuple[str, str]], bytes]:
        assert self.error is not None
        return "500 Internal Server Error", [("Content-Type", "text/html")], self.error


def _check_address(host: str, port: int) -> None:
    """Raise UsageError, not a traceback, if the preview cannot listen on ``host:port``."""
    if not 0 < port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, not {port}")
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(f"cannot listen on {host}:{port}: {reason}") from None


def _quiet(server: type) -> type:
    """``livereload.Server`` without its own start-up lines beside ours.

    Its ``serve`` sets its logger to INFO with a handler of its own ("Serving on
    ...", "Start watching changes"), repeating what the preview says in its own
    words. Its warnings and errors, and tornado's, still reach the terminal.
    """

    class QuietServer(server):  # type: ignore[misc]  # livereload is untyped
        def _setup_logging(self) -> None:
            handler = logging.StreamHandler()
            handler.setLevel(logging.WARNING)
            for name in ("livereload", "tornado"):
                logger = logging.getLogger(name)
                logger.setLevel(logging.WARNING)
                logger.handlers[:] = [handler]  # one handler: tornado's IOLoop sets none up
                logger.propagate = False

    return QuietServer


def serve(options: Options, host: str, port: int, open_browser: bool) -> None:
    """Build, serve and rebuild on changes until interrupted."""
    import livereload  # imported here: only the preview needs it
    from livereload.handlers import LiveReloadHandler
    from livereload.watcher import Watcher
    from tornado import ioloop

    preview = Preview(options)

    # A full pass of the cycle collector over a large project's model and pages takes
    # a third of a second; run whenever allocations added up, it fell on saves and page
    # loads. The preview collects once the browser has reloaded, before each review.
    gc.disable()

    def idle(build: int) -> None:
        if build == preview.builds:  # not if another save came meanwhile
            gc.collect()
            preview.review_beside(build)

    def later(build: int) -> None:
        ioloop.IOLoop.current().call_later(REVIEW_SECONDS, idle, build)

    class InputWatcher(Watcher):  # type: ignore[misc]  # livereload is untyped
        """Polls the project's inputs, rebuilds on a change and reports it for a reload."""

        def start(self, callback: Callable[[], None]) -> bool:
            self.poller = ioloop.PeriodicCallback(callback, POLL_SECONDS * 1000)
            self.poller.start()
            loop = ioloop.IOLoop.current()
            self.reported: set[str] = set()  # by file events, not yet looked at

            def notify(paths: Collection[str]) -> None:
                # On the loop, so no lock is needed; examine() looks at them next.
                loop.add_callback(lambda: self.reported.update(paths))
                loop.add_callback(callback)

            self.events = watch_events(Path(options.project), notify)
            return True  # livereload then starts no poller of its own

        def examine(self) -> tuple[str | None, None]:
            preview.reviewed()
            if self.reported:  # a file event: look at the files it names
                reported, self.reported = self.reported, set()
                changed = preview.poll(reported)
            else:  # the poller: look at every input
                looked = time.perf_counter()
                changed = preview.poll()
                pause = max(POLL_SECONDS, 5 * (time.perf_counter() - looked))
                if self.events is not None and self.events.is_alive():
                    pause = max(pause, SAFETY_POLL_SECONDS)
                self.poller.callback_time = pause * 1000
            if not changed:
                return None, None
            if preview.rebuild(changed):
                later(preview.builds)
            self.filepath = changed[0]
            return changed[0], None

    _check_address(host, port)
    # Every rebuild must reach the browser, however close to the one before.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    if host not in LOOPBACK:
        log.warning("warning: serving on %s makes the preview reachable from other machines", host)
    started = time.perf_counter()
    preview.rebuild()
    preview.review(preview.builds)
    gc.collect()
    log.debug("first build in %.2f s", time.perf_counter() - started)
    watcher = InputWatcher()
    watcher._tasks = {str(options.project): None}  # livereload watches the cwd when it has none
    server = _quiet(livereload.Server)(app=preview, watcher=watcher)
    url = f"http://{host}:{port}{preview.urls.root}"
    log.info("serving %s on %s (Ctrl-C to stop)", options.project, url)
    server.serve(
        host=host,
        port=port,
        debug=False,
        open_url_delay=0 if open_browser else None,
        restart_delay=0,
    )
