"""Process-wide Qt set-up the shell needs before it creates any widget.

PySide6 6.12 returns ``None`` from void methods without taking a reference to it, as if
``None`` were immortal (it is from Python 3.12 on, PEP 683). On Python 3.11 each such call
lowers ``None``'s count by one, and after a few thousand calls (``setText``, ``update``...)
Python aborts with "none_dealloc: deallocating None". Giving ``None`` a huge count makes it as
immortal as on 3.12; nothing else changes. (The map package carries the same guard.)
"""

from __future__ import annotations

import ctypes
import gc
import sys

from PySide6.QtCore import QCoreApplication, QObject, QTimer

_BOOST = 1 << 40


def keep_none_alive() -> None:
    """Make ``None`` effectively immortal on CPython < 3.12 (idempotent)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < _BOOST // 2:
        count.value += _BOOST


class GuiThreadCollector(QObject):
    """Runs Python's cyclic garbage collector on the GUI thread only.

    Automatic collection runs on whichever thread happens to allocate; on a worker thread it
    can destroy Qt objects that belong to the GUI thread (a dropped scene, a finished dialog)
    and crash the app later. So automatic collection is switched off and this timer does the
    same generational work on the GUI thread, with the interpreter's own thresholds.
    """

    def __init__(self, parent: QObject, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(interval_ms)

    def collect(self) -> None:
        first, second, third = gc.get_count()
        if first > self._thresholds[0]:
            gc.collect(0)
            if second > self._thresholds[1]:
                gc.collect(1)
                if third > self._thresholds[2]:
                    gc.collect(2)


def collect_garbage_on_gui_thread(app: QCoreApplication) -> GuiThreadCollector:
    """Install the collector once per application (idempotent)."""
    existing = app.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(app)
