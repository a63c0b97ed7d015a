"""A command that runs once and ends does without Python's cyclic garbage collector.

``rapport export`` builds hundreds of thousands of objects that live until it ends (the
account's rows and snapshots, the QBR, the workbook's cells): the collector keeps rescanning
them as they accumulate, measured at a fifth to a third of the export's CPU time, and frees
next to nothing (the process's peak memory is the same without it). While the command runs
the collector is off; it is switched back on afterwards when it was on before, unless the map
drawing started Qt, whose collector then owns it (``desktop.common.qt_runtime``).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cyclic_collection() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on and not _collected_on_gui_thread():
            gc.enable()


def _collected_on_gui_thread() -> bool:
    """Whether Qt's collector (which switches automatic collection off) is installed."""
    # Only when the map's drawing loaded Qt: the command line itself never imports it.
    runtime = sys.modules.get("desktop.common.qt_runtime")
    if runtime is None:
        return False
    app = runtime.QCoreApplication.instance()
    return app is not None and app.findChild(runtime.GuiThreadCollector) is not None
