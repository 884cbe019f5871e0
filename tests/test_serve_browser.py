"""``explainer serve`` in a real browser: a save shows up without touching the page.

Runs Debian's chromium through Playwright (never a downloaded browser). Skipped
where chromium is not installed; ``.ci/run`` installs it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CHROMIUM, free_port, soon

WAIT_MS = 15_000

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def server(real_copy: Path, tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[bytes]]]:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        args = ["serve", "--project", str(real_copy), "--port", str(port)]
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", *args, "--base-url", "/explainer/"],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/explainer/"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                pytest.fail(f"explainer serve did not start:\n{log.read_text()}")
            time.sleep(0.1)
    yield url, real_copy, proc
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def page(server: tuple[str, Path, subprocess.Popen[bytes]], browser: Any) -> Iterator[object]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


class Tab:
    """A browser tab on the preview that knows when livereload can reach it.

    The server reloads only the tabs whose livereload socket has said who it
    is; a save before that would be missed (as with any livereload setup), so
    each save waits for the socket of the page now shown.
    """

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.loads: list[float] = []
        self.hellos: list[float] = []
        page.on("load", lambda _: self.loads.append(time.monotonic()))
        page.on("websocket", self._watch)

    def _watch(self, socket) -> None:  # type: ignore[no-untyped-def]
        def sent(payload: object) -> None:
            if '"info"' in str(payload):
                self.hellos.append(time.monotonic())

        socket.on("framesent", sent)

    def ready(self) -> None:
        """Wait until the page shown now is connected to livereload."""
        deadline = time.monotonic() + WAIT_MS / 1000
        while not (self.hellos and self.loads and self.hellos[-1] > self.loads[-1]):
            assert time.monotonic() < deadline, "the page never connected to livereload"
            self.page.wait_for_timeout(20)
        self.page.wait_for_timeout(100)  # the server registers the tab as it reads the message

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.ready()


def _set_name(path: Path, name: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^name: .*$", f"name: {name}", text, count=1), encoding="utf-8")


def test_a_save_reaches_the_open_page(server, page) -> None:  # type: ignore[no-untyped-def]
    url, project, proc = server
    person = project / "content/people/maxim-herkin.yaml"
    tab = Tab(page)
    tab.open(url + "people/maxim-herkin/")
    heading = page.locator("h1")
    sync_api.expect(heading).to_have_text("Maxim Herkin")

    _set_name(person, "Maxim Herkin (first save)")
    soon(lambda ms: sync_api.expect(heading).to_have_text("Maxim Herkin (first save)", timeout=ms))
    # A second save a second later must reach the browser too (livereload's own
    # throttle would drop it).
    time.sleep(1)
    tab.ready()
    _set_name(person, "Maxim Herkin (second save)")
    soon(lambda ms: sync_api.expect(heading).to_have_text("Maxim Herkin (second save)", timeout=ms))

    good = person.read_text(encoding="utf-8")
    tab.ready()
    person.write_text(good + "summary: [unclosed\n", encoding="utf-8")
    soon(
        lambda ms: sync_api.expect(page.locator("h1")).to_contain_text(
            "The build failed", timeout=ms
        )
    )
    errors = page.locator("li").all_inner_texts()
    assert any(re.match(r"content/people/maxim-herkin\.yaml:\d+: ", e) for e in errors), errors

    tab.ready()
    person.write_text(good, encoding="utf-8")
    soon(
        lambda ms: sync_api.expect(page.locator("h1")).to_have_text(
            "Maxim Herkin (second save)", timeout=ms
        )
    )
    assert proc.poll() is None, "the server is still running"


def test_a_template_save_reaches_the_open_page(server, page) -> None:  # type: ignore[no-untyped-def]
    url, project, _ = server
    Tab(page).open(url + "timeline/")
    template = project / "templates/base.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("Skip to content", "Skip to the timeline"), encoding="utf-8")
    skip = page.locator(".skip-link")
    soon(lambda ms: sync_api.expect(skip).to_have_text("Skip to the timeline", timeout=ms))


def test_copy_citation_control_on_a_source_page(page, server) -> None:  # type: ignore[no-untyped-def]
    """Select words of the article, press the control from the keyboard: the citation of
    the passage as the seed prints it (curly quotes and all) is shown and copied."""
    import yaml

    url, _, _ = server
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(url + "sources/toi-2025-02-03/")
    button = page.get_by_role("button", name="Copy citation")
    sync_api.expect(button).to_be_disabled()
    # Select "with his girlfriend, Sapir Cohen" as a reader would, across a highlight.
    page.evaluate(
        """() => {
        const article = document.querySelector('.article-text');
        const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
        const wanted = 'with his girlfriend, Sapir Cohen';
        let node;
        while ((node = walker.nextNode())) {
          const at = node.data.indexOf(wanted);
          if (at >= 0) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + wanted.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            return;
          }
        }
        throw new Error('not found');
    }"""
    )
    soon(lambda ms: sync_api.expect(button).to_be_enabled(timeout=ms))
    button.focus()
    page.keyboard.press("Enter")
    output = page.locator(".copy-citation-output")
    soon(lambda ms: sync_api.expect(output).to_be_visible(timeout=ms))
    (entry,) = yaml.safe_load(output.inner_text())
    assert entry == {"source": "toi-2025-02-03", "quote": "with his girlfriend, Sapir Cohen"}
    sync_api.expect(page.get_by_role("status")).to_have_text("Citation copied.")
    assert page.evaluate("navigator.clipboard.readText()") == output.inner_text()


def test_a_built_site_has_no_copy_citation_control(fixture_built: Path) -> None:
    for page in (fixture_built / "sources").rglob("index.html"):
        assert "__explainer" not in page.read_text("utf-8")
    assert not (fixture_built / "__explainer").exists()
