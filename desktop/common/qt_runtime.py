"""Process-wide Qt set-up: where Python's garbage collector may run, and what PySide6's import
hook may skip.

(PySide6 6.12.0 corrupts ``None``'s reference count on Python 3.11 and aborts the app after a
few thousand calls; pyproject keeps PySide6 below 6.12 for that reason.)
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QObject, QTimer

# The modules that may use PySide6's __feature__ switches: only the app's window code does
# (graph/ and reports/ never import Qt, an import-linter contract says so).
_QT_PACKAGES = ("desktop", "PySide6", "shiboken6")

_busy_workers = 0
_busy_lock = threading.Lock()


@contextmanager
def background_work() -> Iterator[None]:
    """Wrap a worker's job: collection waits until no worker runs.

    A full collection holds the GIL for 60-130 ms in a big workspace; doing it while a worker
    allocates heavily would stall the window, so the collector lets workers finish first.
    """
    global _busy_workers
    with _busy_lock:
        _busy_workers += 1
    try:
        yield
    finally:
        with _busy_lock:
            _busy_workers -= 1


class GuiThreadCollector(QObject):
    """Runs Python's cyclic garbage collector on the GUI thread only.

    Automatic collection runs on whichever thread happens to allocate; on a worker thread it
    can destroy Qt objects that belong to the GUI thread (a dropped scene, a finished dialog)
    and crash the app later. So automatic collection is switched off and this timer does the
    generational work on the GUI thread, while no worker runs (``background_work``).
    """

    def __init__(self, parent: QObject, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(interval_ms)

    def collect(self) -> None:
        if _busy_workers:
            return
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


_late_loads_kept = False  # set by the app's run (a test process keeps collecting everything)


def keep_late_loads_out_of_collection() -> None:
    """The app's run: what loads after the first paint is kept out of collection
    (``keep_loaded_out_of_collection``), as what loads before it is (desktop.cli.rapport)."""
    global _late_loads_kept
    _late_loads_kept = True


def keep_loaded_out_of_collection() -> None:
    """What is alive now lives as long as the app (modules just loaded, the open workspace's
    session): the collector never scans it again. A full collection on the GUI thread scans
    every tracked object; the database library and the analysis modules, loaded after the
    first paint, would make each one a stall of close to a tenth of a second (88 ms measured on
    the sample, against none with them kept out). Only in the app's run: in a process that
    opens window after window (the tests) it would keep their garbage for good."""
    if _late_loads_kept:
        gc.freeze()


@contextmanager
def libraries_without_feature_scan() -> Iterator[None]:
    """Load Qt-free libraries without PySide6 reading their source.

    Once PySide6 is loaded, its import hook reads the source of every module imported after
    it, to see whether the module uses PySide6's ``__feature__`` switches: a tenth of a second
    for the workspace's database library, which loads after the window's first paint. A module
    outside the app's window code never uses them; such a module is recorded as not using
    PySide6 (what the scan would find) without being read. If PySide6 changes how it keeps
    that record, the scan runs as before.
    """
    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(scan):
        yield
        return

    def uses_pyside(module: object) -> bool:
        name = getattr(module, "__name__", "")
        return bool(scan(module)) if name.startswith(_QT_PACKAGES) else False

    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 (PySide6's private name)
    try:
        yield
    finally:
        setattr(feature, "_mod_uses_pyside", scan)  # noqa: B010
