"""Keep Python's cycle collector from stalling the GUI while a worker builds big object graphs.

A full collection holds the GIL for as long as it scans every live object (60-130 ms in a
large workspace), and it runs in whichever thread happens to allocate: during an export the
worker's openpyxl cells set off several in a row, and the GUI thread waits for each. Pausing
the collector while a job runs turns those into at most one collection later; reference
counting still frees almost everything at once. Jobs on several threads may overlap: the
collector comes back when the last one ends, and only if it was on to begin with.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
