"""Memoised queries that record, as they run, what they read.

The preview asks for one page at a time, many times a minute, of a project
that changes one file at a time. A :class:`Database` answers each question
(``db.get("page", route)``) from what it worked out last time, unless
something the answer was worked out from changed since. Nobody lists what a
page depends on: while a query runs, every input it reads
(:meth:`Database.input`) and every other query it asks
(:meth:`Database.get`) is recorded with the value it saw, and the answer is
noted as a dependent of each. When the inputs are replaced, the keys some
answer read are compared, old value with new; the answers that read a changed
one, and those that read them, are marked dirty, and the rest are taken as
they are without a look. A dirty answer asked for has its recorded reads
checked in order (a query it read brought up to date first); if each still
gives the very same value, or an equal one, it stands. Otherwise the query
runs again, and if its new answer equals the old one the old object is kept,
so that what read it need not run again either (early cut-off).

This is the design of Salsa (rust-analyzer's incremental engine) and of
Lektor's build dependencies, cut to what a static site needs: one thread,
inputs set between revisions, values compared by identity first.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import compress
from operator import is_not
from typing import Any

MISSING: Any = object()
"""What an input read gives for a key it does not hold."""

Query = Callable[["Database", Any], Any]
"""A query: a function of the database and a key, which reads only through the database."""

_Read = tuple[bool, str, Hashable]
"""(is a query, name, key) of one read."""


@dataclass(slots=True)
class _Memo:
    value: Any
    reads: dict[_Read, Any]
    """What the query read, each with the value it saw, in the order it read them."""
    dirty: bool = False
    """Something it read may have changed since (:meth:`Database.set_inputs` marks it):
    its reads are checked before it is taken."""


class Database:
    """Inputs, set by the caller, and memoised queries over them (see the module's doc)."""

    def __init__(self, queries: Mapping[str, Query]) -> None:
        self._queries = dict(queries)
        self._inputs: dict[str, Mapping[Any, Any]] = {}
        self._memos: dict[tuple[str, Hashable], _Memo] = {}
        self._frames: list[dict[_Read, Any]] = []
        self._dependents: dict[_Read, set[tuple[str, Hashable]]] = {}
        """Each read -> the answers that made it: whom a change concerns."""
        self._input_keys: dict[str, set[Hashable]] = {}
        """Each input -> the keys of it that some answer read."""
        self.ran: dict[str, int] = {}
        """How many times each query ran since :meth:`set_inputs` (for tests and benchmarks)."""
        self._marked: dict[str, list[Hashable]] = {}
        """Each query -> the keys of its answers that the last :meth:`set_inputs` marked."""

    def set_inputs(self, **inputs: Mapping[Any, Any]) -> None:
        """Replace the named inputs: the answers that read a key whose value changed, and
        those that read them, are marked to be checked when next asked for; the others are
        taken as they are, without a look at what they read."""
        changed: list[_Read] = []
        for name, new in inputs.items():
            old = self._inputs.get(name)
            self._inputs[name] = new
            if old is None or old is new:
                continue
            read = self._input_keys.get(name, set())
            for key in _candidates(old, new, read):
                if key in read and not _same(old.get(key, MISSING), new.get(key, MISSING)):
                    changed.append((False, name, key))
        self._marked = {}
        self._mark(changed)
        self.ran = {}

    def _mark(self, changed: list[_Read]) -> None:
        """Mark dirty every answer that read one of ``changed``, and what read those."""
        while changed:
            for memo_key in self._dependents.get(changed.pop(), ()):
                memo = self._memos.get(memo_key)
                if memo is not None and not memo.dirty:
                    memo.dirty = True
                    changed.append((True, *memo_key))
                    self._marked.setdefault(memo_key[0], []).append(memo_key[1])

    def marked(self, name: str) -> list[Hashable]:
        """The keys of the answers of ``name`` that something changed by the last
        :meth:`set_inputs` may have changed: every other answer of it stands as it was.

        For a caller that keeps a whole made of many answers (the preview's evidence, of
        every person and event) and mends the parts that may have changed, rather than
        asking for each part again.
        """
        return self._marked.get(name, [])

    def input(self, name: str, key: Hashable) -> Any:
        """The value of input ``name`` at ``key`` (:data:`MISSING` if none), recorded as read."""
        value = self._inputs[name].get(key, MISSING)
        if self._frames:
            self._frames[-1][(False, name, key)] = value
        return value

    def get(self, name: str, key: Hashable = None) -> Any:
        """The answer of query ``name`` for ``key``, worked out again only if what it read
        changed; recorded as read by the query asking, if any."""
        value = self._current(name, key)
        if self._frames:
            self._frames[-1][(True, name, key)] = value
        return value

    def define(self, name: str, query: Query) -> None:
        """Add a query (the preview adds the rendering of a page to the planner's)."""
        self._queries[name] = query

    def know(self, name: str, key: Hashable, value: Any) -> None:
        """Take ``value`` as the answer of ``name`` for ``key`` in this revision, worked out
        elsewhere (by a process that rendered the page, say)."""
        self._memos[(name, key)] = _Memo(value, {})

    def compute(self, name: str, key: Hashable = None) -> Any:
        """Work out ``name`` for ``key`` now and keep nothing of it: for a one-off build,
        which asks for each page once and should not hold them all."""
        return self._queries[name](self, key)

    def _current(self, name: str, key: Hashable) -> Any:
        memo = self._memos.get((name, key))
        if memo is not None and (not memo.dirty or self._still(memo)):
            memo.dirty = False
            return memo.value
        reads: dict[_Read, Any] = {}
        self._frames.append(reads)
        try:
            value = self._queries[name](self, key)
        finally:
            self._frames.pop()
        self.ran[name] = self.ran.get(name, 0) + 1
        if memo is not None and _same(memo.value, value):
            value = memo.value  # early cut-off: what read the old answer reads the same
        self._memos[(name, key)] = _Memo(value, reads)
        made = (name, key)
        for read in reads:
            self._dependents.setdefault(read, set()).add(made)
            if not read[0]:
                self._input_keys.setdefault(read[1], set()).add(read[2])
        return value

    def _still(self, memo: _Memo) -> bool:
        """Whether every read of ``memo`` gives what it gave (bringing queries up to date)."""
        frames, self._frames = self._frames, []  # checking is nobody's read
        try:
            for (is_query, name, key), seen in memo.reads.items():
                now = self._current(name, key) if is_query else self._inputs[name].get(key, MISSING)
                if not _same(now, seen):
                    return False
            return True
        finally:
            self._frames = frames

    def reads(self, name: str, key: Hashable = None) -> Iterator[tuple[str, Hashable]]:
        """The (name, key) of every input and query that the last answer of ``name`` read."""
        memo = self._memos.get((name, key))
        if memo is not None:
            yield from ((n, k) for _, n, k in memo.reads)


def _candidates(
    old: Mapping[Any, Any], new: Mapping[Any, Any], read: set[Hashable]
) -> Iterable[Hashable]:
    """The keys whose values may differ between ``old`` and ``new``.

    Two dicts with the same keys in the same order (a save loads the same files, and
    gives back the very same objects for those it did not touch) are compared by Python's
    own loops, value by value by identity: only the values that are not the very same
    object are looked at. Otherwise every key some answer read is.
    """
    if type(old) is dict and type(new) is dict and len(old) == len(new) and list(old) == list(new):
        return list(compress(new, map(is_not, old.values(), new.values())))
    return read


def _same(a: Any, b: Any) -> bool:
    """Identity first: the loader hands back the very same objects for unchanged files."""
    return a is b or bool(a == b)
