"""Cheap pickling for the frozen dataclasses that travel between processes.

A large build reads half of its case files in a forked child and renders in
two processes, so some 20,000 model objects come back pickled. For a frozen
dataclass with slots, :mod:`dataclasses` pickles through ``__getstate__`` and
``__setstate__``, which call ``dataclasses.fields()`` for every object: more than
half of the time it took to send them. :func:`by_fields` pickles each object as
its class and the tuple of its fields, read in C, and unpickles by calling the
class, as the loader made it.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def by_fields(cls: type[T]) -> type[T]:
    """Make a dataclass whose fields ``__init__`` sets pickle as ``cls(*fields)``."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if not all(f.init for f in fields):
        raise TypeError(f"{cls.__name__}: a field that __init__ does not set")  # a bug of ours
    names = [f.name for f in fields]
    values: Callable[[Any], tuple[Any, ...]]
    if len(names) > 1:
        values = operator.attrgetter(*names)
    else:  # attrgetter of one name returns the value itself
        values = lambda obj: tuple(getattr(obj, n) for n in names)  # noqa: E731

    def __reduce__(self: T) -> tuple[type[T], tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls
