"""Pausing Python's cyclic garbage collector, safely across threads.

Two reasons to pause it: a rebuild of thousands of items makes it rescan everything alive many
times over; and a collection that happens to run on a worker thread may destroy Qt objects
that belong to the GUI thread (a dropped scene, a view): Qt then warns "QBasicTimer::stop:
Failed. Possibly trying to stop from a different thread" and may crash. So a worker runs with
collection paused, and whatever garbage it leaves is collected later on the GUI thread.
Pauses nest and may overlap between threads: collection resumes when the last one ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_state = {"depth": 0, "was_enabled": True}


@contextmanager
def paused_gc(pause: bool = True) -> Iterator[None]:
    if not pause:
        yield
        return
    with _lock:
        if _state["depth"] == 0:
            _state["was_enabled"] = gc.isenabled()
            gc.disable()
        _state["depth"] += 1
    try:
        yield
    finally:
        with _lock:
            _state["depth"] -= 1
            if _state["depth"] == 0 and _state["was_enabled"]:
                gc.enable()
