"""Shared fixtures: a tiny fixture project, a CLI runner, and a built copy of the real content."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from generator.cli import main

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's chromium, which Playwright drives in the browser tests (it never downloads one)."""
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Without the networking flags chromium tries to reach the internet and stalls here."""

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURE = TESTS / "fixture_site"

# Property tests stay quick on a shared machine; HYPOTHESIS_PROFILE=thorough searches harder.
settings.register_profile("quick", max_examples=40, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


def run(*args: str | Path) -> int:
    """Run the command line in-process and return its exit code."""
    return main([str(a) for a in args])


def sub(path: Path, pattern: str, replacement: str) -> None:
    """Replace the first match of ``pattern`` (a multi-line regex) in a file, as an editor
    would; fail if it is not there, so that an edit a test relies on cannot silently miss."""
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text, f"{pattern!r} not found in {path}"
    path.write_text(changed, encoding="utf-8")


def replace_text(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace ``old`` with ``new`` in a file (the first ``count`` times; -1: every time), as an
    editor would; fail if it is not there, so that an edit a test relies on cannot silently
    miss. Return the line the first ``old`` was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def soon(check: Callable[[float], object], seconds: float = 15.0) -> None:
    """Run a Playwright ``expect`` assertion, given its timeout in ms, until it passes or
    ``seconds`` are up: the same assertion and deadline as ``timeout=seconds * 1000``, looked
    at every 0.1 s. (Playwright looks every 0.1 s within a timeout under 2.5 s, but every
    0.5 s beyond that, so that a page ready after 0.3 s is seen after 0.8 s.)"""
    deadline = time.monotonic() + seconds
    while True:
        try:
            check(2_000)
            return
        except AssertionError:
            if time.monotonic() >= deadline:
                raise


COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The axe rules whose outcome depends on colours: all that the dark scheme can change, since
it sets nothing but colours (the one ``prefers-color-scheme`` block of style.css)."""


def axe_report(page: Any) -> str:
    """Run axe on the open page in the light scheme, then its colour rules in the dark one
    (the page reloaded by neither); return a report of the violations, empty if none."""
    from axe_playwright_python.sync_playwright import Axe, AxeResults

    style = Path(__file__).parent.parent / "templates" / "assets" / "style.css"
    assert style.read_text("utf-8").count("prefers-color-scheme") == 1, "see COLOUR_RULES"
    page.emulate_media(color_scheme="light")
    reports = []
    light = Axe().run(page)
    if light.violations_count:
        reports.append("light: " + light.generate_report())
    page.emulate_media(color_scheme="dark")
    options = {"runOnly": {"type": "rule", "values": COLOUR_RULES}, "resultTypes": ["violations"]}
    dark = AxeResults(page.evaluate("options => axe.run(document, options)", options))
    if dark.violations_count:
        reports.append("dark: " + dark.generate_report())
    return "\n".join(reports)


def free_port() -> int:
    """Return a loopback port that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on loopback while the generator is suspended; yield its URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file under ``folder`` (relative posix path -> bytes)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def fixture_site(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixture_site that a test may change."""
    dest = tmp_path / "project"
    shutil.copytree(FIXTURE, dest)
    return dest


@pytest.fixture
def fixture_site_built(fixture_site: Path, fixture_built: Path) -> Path:
    """A fresh copy of tests/fixture_site with the site/ that ``explainer build`` leaves in it,
    copied from the session's build rather than built again (builds are byte-identical
    wherever they run: tests/test_reproducible.py, and test_bom_and_line_endings_simply_work
    compares a fresh build with this copy)."""
    shutil.copytree(fixture_built, fixture_site / "site")
    return fixture_site


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """A fresh copy of the real project's inputs (content/, seeds/, templates/)."""
    dest = tmp_path / "real"
    for name in ("content", "seeds", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name)
    return dest


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (each test opens its own pages)."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content, built once per session."""
    out = tmp_path_factory.mktemp("real") / "site"
    assert run("build", "--project", REPO, "--out", out) == 0
    return out


@pytest.fixture(scope="session")
def fixture_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, built once per session."""
    out = tmp_path_factory.mktemp("fixture") / "site"
    assert run("build", "--project", FIXTURE, "--out", out) == 0
    return out


def _own_script(attrs: dict[str, str | None]) -> bool:
    """True for ``<script src=".../assets/NAME.js" defer>``: a file of the theme, never content."""
    src = attrs.get("src") or ""
    return set(attrs) == {"src", "defer"} and bool(
        re.fullmatch(r"(/[\w.-]+)*/assets/[\w-]+\.js", src)
    )


class Scan(HTMLParser):
    """Everything executable an HTML page holds: tags, event handlers, script URLs.

    ``found`` lists what should never be there; ``scripts`` holds the text of each
    JSON-LD block, the only script a page may carry.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.scripts: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "iframe", "object", "embed", "img", "svg", "base", "form"):
            if tag == "script" and a == {"type": "application/ld+json"}:
                self._script = True
                self.scripts.append("")
            elif tag == "script" and _own_script(a):
                pass  # the theme's own progressive enhancement, from assets/
            else:
                self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}=")
            if name in ("href", "src", "action", "formaction") and value:
                scheme = re.sub(r"[\x00-\x20]", "", value).lower().split(":", 1)[0]
                if scheme in ("javascript", "data", "vbscript"):
                    self.found.append(f"{name}={value}")
            if name == "href" and value and value.startswith("//"):
                self.found.append(f"{name}={value}")
        if tag == "meta" and a.get("http-equiv"):
            self.found.append("<meta http-equiv>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False

    def handle_data(self, data):
        if self._script:
            self.scripts[-1] += data
