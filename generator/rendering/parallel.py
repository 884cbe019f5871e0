"""Render pages over several processes: each worker plans, renders and writes the pages
it takes, and only what the caller asks of each page travels back."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar, cast

from generator.background import Background
from generator.rendering.renderer import Renderer
from generator.views import Page

PARALLEL_FROM = 200
"""Fewer pages than this render faster in one process than it takes to start others."""


S = TypeVar("S")
R = TypeVar("R")


def render_each(
    renderer: Renderer,
    items: Sequence[S],
    jobs: int,
    make: Callable[[S], Page],
    emit: Callable[[Page, bytes], R],
    size: Callable[[S], int] | None = None,
) -> list[R]:
    """Make a page of each item, render it and hand both to ``emit``; return what it returns.

    With many items the work is spread over ``jobs`` forked processes (this one
    among them), each taking the next item not yet taken (:class:`_Next`), so
    that a few large pages (the whole timeline) do not leave one process working
    while the others wait; given ``size``, an estimate of an item's work, the
    largest are taken first, so that none is left for the end. A page is planned
    and written where it is rendered and only what ``emit`` returns travels back
    (pickled). Workers inherit the model and the compiled templates. The results
    come in the order of ``items``, as from a serial run. An item that fails in a
    worker is done again here, so that its error is raised as usual.
    """
    # Each worker gets at least half of PARALLEL_FROM pages, or it is not worth starting.
    jobs = min(jobs, len(items) // (PARALLEL_FROM // 2))
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_one(renderer, item, make, emit) for item in items]
    renderer.compile_all()  # here, once: the workers inherit the compiled templates
    order = list(range(len(items)))
    if size is not None:
        order.sort(key=lambda i: -size(items[i]))
    take = _Next(order)
    workers = [
        Background(partial(_share, renderer, items, make, emit, take)) for _ in range(1, jobs)
    ]
    results: list[tuple[bool, R | None]] = [(False, None)] * len(items)
    try:
        while (i := take()) < len(items):
            results[i] = (True, _one(renderer, items[i], make, emit))
        for child in workers:
            for i, ok, value in child.result():  # a worker that died: its items done below
                results[i] = (ok, value)
    except BaseException:
        # This share failed (or was interrupted): stop the workers before the error
        # goes on, so that none writes into a staging folder its caller removes.
        for child in workers:
            child.cancel()
        raise
    return [
        cast(R, value) if ok else _one(renderer, items[i], make, emit)
        for i, (ok, value) in enumerate(results)
    ]


class _Next:
    """Hands out the indices of ``order`` one at a time to the processes that share it
    (made before they are forked), then ``len(order)``."""

    def __init__(self, order: list[int]) -> None:
        self._order = order
        self._next = multiprocessing.get_context("fork").Value("q", 0)

    def __call__(self) -> int:
        with self._next.get_lock():
            taken = int(self._next.value)
            self._next.value = taken + 1
        return self._order[taken] if taken < len(self._order) else len(self._order)


def _one(
    renderer: Renderer, item: S, make: Callable[[S], Page], emit: Callable[[Page, bytes], R]
) -> R:
    page = make(item)
    return emit(page, renderer.render(page))


def _share(
    renderer: Renderer,
    items: Sequence[S],
    make: Callable[[S], Page],
    emit: Callable[[Page, bytes], R],
    take: _Next,
) -> list[tuple[int, bool, R | None]]:
    """Do the items this worker takes: (index, False, None) for one that fails (to be done
    again, and raise, in the parent).

    A worker whose parent is gone (killed) stops at once rather than go on
    writing into a staging folder that the next build will remove.
    """
    parent = os.getppid()
    results: list[tuple[int, bool, R | None]] = []
    while (i := take()) < len(items):
        if os.getppid() != parent:
            os._exit(1)
        try:
            results.append((i, True, _one(renderer, items[i], make, emit)))
        except Exception:
            results.append((i, False, None))
    return results
