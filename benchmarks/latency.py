"""Save-to-reloaded-page latency of ``explainer serve``, measured in a real browser.

    python benchmarks/latency.py [--corpus N] [--edits 20]

Copies the real content (or makes a synthetic corpus of N people with
benchmarks/make_corpus.py) into a temporary folder, starts ``explainer serve``
on it and opens a profile in Debian's chromium through Playwright. Then, over
``--edits`` saves each, it edits that person's YAML and then a template, and
times each save from the moment the file is written to the moment the browser
has loaded the page that shows the change. Prints the median and the maximum.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
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


def _project(tmp: Path, corpus: int) -> Path:
    project = tmp / "project"
    if corpus:
        subprocess.run(
            [sys.executable, str(REPO / "benchmarks/make_corpus.py"), str(corpus), str(project)],
            check=True,
        )
    else:
        for name in ("content", "seeds", "templates"):
            shutil.copytree(REPO / name, project / name)
    if not (project / "templates").is_dir():
        shutil.copytree(REPO / "templates", project / "templates")
    return project


def _serve(project: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with log.open("wb") as sink:
        args = ["serve", "--project", str(project), "--port", str(port)]
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", *args],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"explainer serve did not start:\n{log.read_text()}") from None
            time.sleep(0.1)


def _measure(
    page: object, path: Path, edit: object, expect: object, edits: int, signals: list[float]
) -> tuple[list[float], list[float]]:
    """Edit ``path`` ``edits`` times; return the seconds from each write to the loaded change,
    and from each write to the reload signal reaching the browser."""
    seconds, signalled = [], []
    for i in range(edits):
        time.sleep(0.3)  # let the last reload settle, as an editor's saves are apart
        text = path.read_text(encoding="utf-8")
        new_text, wanted = edit(text, i)  # type: ignore[operator]
        with page.expect_event("load", timeout=30_000):  # type: ignore[attr-defined]
            started = time.perf_counter()
            path.write_text(new_text, encoding="utf-8")
        while expect(page) != wanted:  # type: ignore[operator]
            page.wait_for_event("load", timeout=30_000)  # type: ignore[attr-defined]
        seconds.append(time.perf_counter() - started)
        signalled.append(min((t for t in signals if t >= started), default=started) - started)
    return seconds, signalled


def _rename(text: str, i: int) -> tuple[str, str]:
    name = f"Benchmark Person {i}"
    return re.sub(r"(?m)^name: .*$", f"name: {name}", text, count=1), name


def _skip_link(text: str, i: int) -> tuple[str, str]:
    label = f"Skip to content {i}"
    # The words may stand in a message (``_("Skip to content")``): a message no catalogue
    # holds is shown as written.
    return re.sub(r'Skip to content[^<"]*', label, text, count=1), label


def _report(what: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    print(
        f"{what:<28} n={len(ms):<3} median {statistics.median(ms):6.0f} ms"
        f"   max {ms[-1]:6.0f} ms   min {ms[0]:6.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=int, default=0, help="people in a synthetic corpus")
    parser.add_argument("--edits", type=int, default=20, help="saves per measurement")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        project = _project(tmp, args.corpus)
        people = sorted((project / "content/people").glob("*.yaml"))
        person = people[len(people) // 2]
        proc, url = _serve(project, tmp / "serve.log")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = browser.new_page()
                signals: list[float] = []

                def on_socket(socket: object) -> None:
                    def on_frame(payload: object) -> None:
                        if re.search(r'"command":\s*"reload"', str(payload)):
                            signals.append(time.perf_counter())

                    socket.on("framereceived", on_frame)  # type: ignore[attr-defined]

                page.on("websocket", on_socket)
                page.goto(f"{url}people/{person.stem}/")
                print(
                    f"{len(people)} people, {sum(1 for _ in (project / 'content').rglob('*'))}"
                    f" content files; editing {person.relative_to(project)};"
                    f" {os.cpu_count()} cores, Python {sys.version.split()[0]}"
                )
                profile, signal = _measure(
                    page, person, _rename, lambda pg: pg.inner_text("h1"), args.edits, signals
                )
                _report("profile YAML save", profile)
                _report("  of which: to reload signal", signal)
                template, signal = _measure(
                    page,
                    project / "templates/base.html",
                    _skip_link,
                    lambda pg: pg.inner_text(".skip-link"),
                    args.edits,
                    signals,
                )
                _report("template save (base.html)", template)
                _report("  of which: to reload signal", signal)
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
