"""``explainer serve``: build, serve the site, rebuild and reload on every save.

One livereload server and one callback. A build that fails on bad content
does not stop the server: the browser gets a page listing every error, and the
site comes back by itself on the next good save.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from generator.build import Options, build
from generator.errors import ContentError
from generator.write import write_site

log = logging.getLogger(__name__)

RELOAD_THROTTLE = 0.2
"""livereload drops reloads within 3 s of the last; two quick saves must both show."""


def error_page(exc: ContentError) -> bytes:
    """Return an HTML page that lists every diagnostic."""
    items = "\n".join(f"<li><pre>{html.escape(d.format())}</pre></li>" for d in exc.diagnostics)
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Build failed</title>"
        "<meta name=viewport content='width=device-width, initial-scale=1'></head><body>"
        f"<main><h1>The build failed: {len(exc.diagnostics)} problem(s)</h1><ol>{items}</ol>"
        "<p>Fix the files and save; this page reloads by itself.</p></main></body></html>"
    ).encode()


def serve(options: Options, host: str, port: int, open_browser: bool) -> None:
    """Build into ``options.out``, serve it and rebuild on changes until interrupted."""
    import livereload  # imported here: only the preview needs it
    from livereload.handlers import LiveReloadHandler

    LiveReloadHandler.DEFAULT_RELOAD_TIME = RELOAD_THROTTLE
    assert options.out is not None
    out = options.out

    def rebuild() -> None:
        try:
            result = build(options)
            log.info("rebuilt %d pages in %.2f s", result.pages, result.seconds)
        except ContentError as exc:
            log.error(exc.report())
            page = error_page(exc)
            write_site({"index.html": page, "404.html": page}, out)

    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("warning: serving on %s makes the preview reachable from other machines", host)
    rebuild()
    server = livereload.Server()
    root = Path(options.project)
    for folder in ("content", "seeds", "templates"):
        if (root / folder).is_dir():
            server.watch(str(root / folder), rebuild)
    server.serve(host=host, port=port, root=str(out), open_url_delay=0 if open_browser else None)
