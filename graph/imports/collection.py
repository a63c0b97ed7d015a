"""Fewer garbage-collector passes during bulk work.

A 50,000-row import allocates a few hundred thousand small dicts and tuples that live until the
import ends; they hold no reference cycles, so reference counting frees them, but CPython's
cyclic collector keeps rescanning the growing heap as they accumulate: measured at a third of
the import's time. While an import runs, the collector is asked to run less often (it still
runs); the previous thresholds come back afterwards, even on error.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
_BULK_THRESHOLD = 100_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], _BULK_THRESHOLD), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def bulk_work(function: Callable[P, R]) -> Callable[P, R]:
    """Decorator: run ``function`` with fewer collections."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with fewer_collections():
            return function(*args, **kwargs)

    return wrapper
