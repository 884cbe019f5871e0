"""Rendering spread over processes: results in order, the largest first, failures and
killed parents handled."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from pytest import MonkeyPatch

from generator.rendering import parallel
from generator.rendering.renderer import DEFAULT_THEME, Renderer
from generator.views import Page, Title


def _renderer(tmp_path: Path) -> Renderer:
    (tmp_path / "page.html").write_text("{{ title }}", encoding="utf-8")
    return Renderer([tmp_path, DEFAULT_THEME], {})


def _page(n: int) -> Page:
    if n == 13:
        raise ValueError("page 13 cannot be made")
    return Page(f"p/{n}/", "page.html", Title("person", f"title {n}"))


def _pid(page: Page, body: bytes) -> tuple[int, bytes]:
    return os.getpid(), body


def _slow_pid(page: Page, body: bytes) -> tuple[int, bytes]:
    time.sleep(0.1)  # long enough for every process to take some items
    return os.getpid(), body


def test_workers_give_the_results_in_order(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    results = parallel.render_each(_renderer(tmp_path), list(range(12)), 3, _page, _slow_pid)
    assert [body for _, body in results] == [f"title {n}".encode() for n in range(12)]
    assert len({pid for pid, _ in results}) == 3, "three processes took items"


def test_with_sizes_the_largest_items_are_taken_first(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    take = parallel._Next([2, 0, 1])
    assert [take() for _ in range(5)] == [2, 0, 1, 3, 3], "then the count: no more items"
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    items = list(range(12))
    results = parallel.render_each(
        _renderer(tmp_path), items, 3, _page, _slow_pid, size=lambda n: n % 5
    )
    assert [body for _, body in results] == [f"title {n}".encode() for n in items]


def test_an_item_that_fails_here_raises_its_own_error(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    # Item 13 fails wherever it is made; if a worker took it, it is done again here.
    with pytest.raises(ValueError, match="page 13 cannot be made"):
        parallel.render_each(_renderer(tmp_path), list(range(20)), 2, _page, _slow_pid)


def test_an_item_that_fails_in_a_worker_is_done_here(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    parent = os.getpid()

    def page_here_only(n: int) -> Page:
        if os.getpid() != parent:
            raise ValueError("not in a worker")
        return _page(n)

    results = parallel.render_each(
        _renderer(tmp_path), list(range(8)), 2, page_here_only, _slow_pid
    )
    assert results == [(parent, f"title {n}".encode()) for n in range(8)]


def test_a_worker_that_dies_has_its_share_done_here(
    tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    parent = os.getpid()

    def die_in_worker(page: Page, body: bytes) -> bytes:
        if os.getpid() != parent:
            os._exit(3)  # as a killed worker would: no result, no exception
        return body

    bodies = parallel.render_each(_renderer(tmp_path), list(range(8)), 2, _page, die_in_worker)
    assert bodies == [f"title {n}".encode() for n in range(8)]


WORKER_SCRIPT = """
import os, sys, time
from pathlib import Path
from generator.rendering import parallel
from generator.rendering.renderer import DEFAULT_THEME, Renderer
from generator.views import Page, Title

out, main = Path(sys.argv[1]), os.getpid()
(out / "page.html").write_text("{{ title }}")
parallel.PARALLEL_FROM = 2

def make(n):
    return Page(f"p/{n}/", "page.html", Title("person", f"title {n}"))

def emit(page, body):
    if os.getpid() == main:
        time.sleep(60)  # the parent stalls in its own share until it is killed
    (out / f"written-{page.title.name}").write_bytes(body)
    time.sleep(0.01)

parallel.render_each(Renderer([out, DEFAULT_THEME], {}), list(range(2000)), 2, make, emit)
"""


def test_a_worker_stops_when_its_parent_is_killed(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    script = tmp_path / "script.py"
    script.write_text(WORKER_SCRIPT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script), str(tmp_path)])
    deadline = time.monotonic() + 30
    while not any(tmp_path.glob("written-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any(tmp_path.glob("written-*")), "the worker started writing"
    parent.kill()
    parent.wait()
    time.sleep(0.5)
    written = len(list(tmp_path.glob("written-*")))
    time.sleep(0.5)
    assert len(list(tmp_path.glob("written-*"))) == written, "the orphaned worker stopped"
    assert written < 900, "long before the end of its share of 1,000 pages"


def test_a_failure_here_stops_the_workers(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    import time

    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    out = tmp_path / "out"
    out.mkdir()
    parent = os.getpid()

    def make(n: int) -> Page:
        if n == 6 and os.getpid() == parent:
            raise ValueError("a template error in this process's share")
        return Page(f"p/{n}/", "page.html", Title("person", f"title {n}"))

    def emit(page: Page, body: bytes) -> None:
        if os.getpid() != parent:
            (out / page.title.name).write_bytes(body)
            time.sleep(0.01)

    with pytest.raises(ValueError, match="template error"):
        parallel.render_each(_renderer(tmp_path), list(range(2000)), 2, make, emit)
    written = len(list(out.iterdir()))
    time.sleep(0.3)
    assert len(list(out.iterdir())) == written, "no worker writes on after the error"
    assert written < 900
