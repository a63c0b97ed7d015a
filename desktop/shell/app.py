"""Starting the desktop app: pick the workspace, open it, show the window.

``rapport`` opens the last workspace (on first run, a copy of the sample portfolio in the
user's data folder); ``rapport open PATH`` opens a file and offers to create it if missing.
Errors a user can cause are shown in a dialog, never as a traceback.

An existing workspace opens on its first look (desktop.shell.quick_start): the window paints
the first account's map read with ``sqlite3`` alone, and loads the workspace right after that
paint. When the quick read cannot stand for the full one, the workspace loads before the window
shows, and the map is read and laid out on a worker.

``RAPPORT_STARTUP_PROBE=1`` makes the app print ``rapport-first-paint <unix time>`` when the
main window first paints, ``rapport-map-paint <unix time>`` when the first account's map
first paints with its cards and ``rapport-ready <unix time>`` when the window has its
workspace (it takes input from then), each followed by the same name with ``-cpu`` and the
process's CPU seconds then, and quit: the start-up benchmark measures with it.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.common.qt_runtime import collect_garbage_on_gui_thread
from desktop.shell.first_paint import AfterFirstPaint
from graph.clock import default_clock

if TYPE_CHECKING:
    from desktop.shell.main_window import MainWindow

PROBE_ENV = "RAPPORT_STARTUP_PROBE"
PROBE_PATIENCE_MS = 60_000


def _print_probe(name: str) -> None:
    painted = default_clock().now().replace(tzinfo=dt.UTC).timestamp()
    # the CPU the process spent to get there (all threads): on a loaded machine a steadier
    # figure than the wall clock
    print(f"{name} {painted:.6f}\n{name}-cpu {time.process_time():.6f}", flush=True)


class _FirstPaintProbe(QObject):
    """Prints the time of the window's first paint, of the map's first paint with its cards
    and of the window having its workspace, then quits the app (at once after the window's
    paint if no map is coming and the workspace is there)."""

    def __init__(self, app: QApplication, window: MainWindow) -> None:
        super().__init__(app)
        self._app = app
        self._window_painted = False
        self._map_painted = True
        self._ready = window.session is not None
        self._viewport: QWidget | None = None
        if not self._ready:
            window.session_attached.connect(self._session_attached)
        view = window.view
        map_widget = view.map if view is not None else None
        laid_out = getattr(map_widget, "layoutApplied", None)
        account = window.session.account_id if window.session is not None else True
        if laid_out is not None and account:
            self._map_painted = False
            self._viewport = map_widget.view.viewport()  # type: ignore[union-attr]
            laid_out.connect(self._map_laid_out)
            # A map that never comes (its read failed) must not keep the probed app running.
            QTimer.singleShot(PROBE_PATIENCE_MS, app.quit)
        window.installEventFilter(self)

    def _map_laid_out(self, _view: str) -> None:
        if self._viewport is not None:
            self._viewport.installEventFilter(self)

    def _session_attached(self) -> None:
        self._ready = True
        _print_probe("rapport-ready")
        self._quit_when_done()

    def _quit_when_done(self) -> None:
        if self._window_painted and self._map_painted and self._ready:
            QTimer.singleShot(0, self._app.quit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint:
            return False
        if watched is self._viewport and not self._map_painted:
            self._map_painted = True
            _print_probe("rapport-map-paint")
        elif watched is not self._viewport and not self._window_painted:
            self._window_painted = True
            _print_probe("rapport-first-paint")
            if self._ready:  # the window had its workspace before it painted
                _print_probe("rapport-ready")
        self._quit_when_done()
        return False


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setOrganizationName("Rapport")
    QApplication.setApplicationName("Rapport")
    QApplication.setDesktopFileName("rapport")
    app = QApplication(sys.argv[:1])
    collect_garbage_on_gui_thread(app)
    from desktop.common.icons import app_icon

    app.setWindowIcon(app_icon())
    return app


def _install_error_dialog() -> None:
    """Errors escaping a slot are shown in words: a RapportError as it is, a bug as one line
    (its traceback goes to stderr for a report). The app keeps running either way."""
    from desktop.common import ask
    from graph.errors import RapportError

    previous = sys.excepthook

    def show(kind: type[BaseException], error: BaseException, trace: object) -> None:
        if isinstance(error, KeyboardInterrupt):
            previous(kind, error, trace)  # type: ignore[arg-type]
            return
        if isinstance(error, RapportError):
            from desktop.workspace.edits import message_of

            ask.error(None, "Rapport", message_of(error))
            return
        if isinstance(error, OSError):  # disk full, permission, I/O: one line, no traceback
            from graph.files import reason_of

            where = f"{error.filename}: " if error.filename else ""
            ask.error(None, "Rapport", f"{where}{reason_of(error)}")
            return
        previous(kind, error, trace)  # type: ignore[arg-type]
        ask.error(
            None,
            "Rapport: unexpected error",
            f"Something went wrong: {type(error).__name__}: {error}\n\n"
            "Your work is safe: every edit was saved when you made it. Please report this, "
            "with the details printed in the terminal.",
        )

    sys.excepthook = show


@dataclass(frozen=True)
class _Start:
    path: Path
    create: bool = False  # a new, empty workspace
    sample: bool = False  # first run: write the sample portfolio there first
    remembered: bool = False  # the last workspace of an earlier run


def _workspace_path(path: Path | None, create_if_missing: bool) -> _Start | None:
    """The file to open and how; None if the user declined (or was told why not)."""
    from desktop.common import ask
    from desktop.shell.settings import Settings

    if path is not None:
        path = path.expanduser()
        if path.exists():
            return _Start(path)
        if not create_if_missing:
            ask.error(None, "Cannot open the workspace", f"{path}: no such file")
            return None
        if ask.question(
            None,
            "Create a workspace?",
            f"{path} does not exist.\n\nCreate a new, empty workspace there?",
            yes="Create",
        ):
            return _Start(path, create=True)
        return None
    last = Settings().last_workspace()
    if last is not None and last.exists():
        return _Start(last, remembered=True)
    from desktop.shell.workspace_files import default_workspace

    default, exists = default_workspace()
    return _Start(default, sample=not exists)


def run_gui(path: Path | None = None, *, create_if_missing: bool = False) -> int:
    """Run the desktop app until its window closes; returns the process exit code."""
    from desktop.common.qt_runtime import keep_late_loads_out_of_collection

    keep_late_loads_out_of_collection()
    app = _application()
    from desktop.common import ask
    from graph.errors import RapportError

    _install_error_dialog()
    try:
        start = _workspace_path(path, create_if_missing)
    except RapportError as exc:
        ask.error(None, "Cannot open the workspace", str(exc))
        return 1
    if start is None:
        return 1
    windows: list[QWidget] = []  # what this run shows, kept alive until it ends

    def show(chosen: Path, create: bool = False) -> bool:
        try:
            window = open_window(chosen, create)
        except RapportError as exc:
            ask.error(None, "Cannot open the workspace", str(exc))
            return False
        if os.environ.get(PROBE_ENV):
            _FirstPaintProbe(app, window)
        window.show()
        windows.append(window)
        return True

    if not start.sample:
        if show(start.path, start.create):
            return app.exec()
        if not start.remembered:
            return 1
        # The file of the last run is broken: forget it, and start from the default one.
        from desktop.shell.settings import Settings
        from desktop.shell.workspace_files import default_workspace

        Settings().forget(start.path)
        default, exists = default_workspace()
        if default.resolve() == start.path.resolve():
            return 1
        start = _Start(default, sample=not exists)
        if not start.sample:
            return app.exec() if show(start.path) else 1

    from desktop.shell.first_run import FirstRun

    first = FirstRun(start.path)

    def ready(written: object) -> None:
        assert isinstance(written, Path)
        if show(written):
            first.window.close()
        else:
            app.exit(1)

    def failed(message: str) -> None:
        ask.error(None, "Cannot prepare the sample portfolio", message)
        app.exit(1)

    first.ready.connect(ready)
    first.failed.connect(failed)
    first.start()
    # While the worker writes the sample (mostly in SQLite, without the GIL), load the main
    # window's modules, so the window is ready to build the moment the file is.
    QTimer.singleShot(0, _load_main_window_modules)
    code = app.exec()
    first.wait()
    return code


def _load_main_window_modules() -> None:
    import desktop.map.map_widget
    import desktop.shell.main_window  # noqa: F401


def open_window(path: Path, create: bool = False) -> MainWindow:
    """Open (or create) ``path`` and build its main window: on its first look when the quick
    read allows (the workspace then loads after the first paint). Raises RapportError."""
    from desktop.shell.main_window import MainWindow
    from desktop.shell.settings import Settings

    settings = Settings()
    if not create:
        from desktop.shell.quick_start import read_quick_start

        quick = read_quick_start(path, settings.last_account(path), default_clock().today())
        if quick is not None:
            window = MainWindow(None, settings, quick)
            AfterFirstPaint(window, partial(_load_session, window, path))
            return window
    from desktop.common.qt_runtime import libraries_without_feature_scan

    with libraries_without_feature_scan():  # the database library, unread by PySide6's hook
        from desktop.shell.workspace_files import create_file, open_file
        from desktop.workspace.session import WorkspaceSession
        from graph.files import clean_stale

    # What a killed sample copy left beside the workspace; what a killed export left in the
    # export folder waits for the first paint (the export dialog's modules are not needed
    # to show the window).
    clean_stale(path.parent)
    with libraries_without_feature_scan():  # SQLite's dialect loads at the first connection
        ws = create_file(path) if create else open_file(path, check_later=True)
    window = MainWindow(WorkspaceSession(ws), settings)
    AfterFirstPaint(window, _clean_export_folder)
    return window


def _load_session(window: MainWindow, path: Path) -> None:
    """The workspace behind the first look: opened, given to the window. A file the full
    open refuses is said, forgotten and closed, as a file refused before showing is."""
    from desktop.common.qt_runtime import (
        keep_loaded_out_of_collection,
        libraries_without_feature_scan,
    )
    from graph.errors import RapportError

    with libraries_without_feature_scan():
        from desktop.shell.workspace_files import open_file
        from desktop.workspace.session import WorkspaceSession
        from graph.files import clean_stale

    if not window.isVisible():  # closed on its first look: nothing to load for
        return
    clean_stale(path.parent)
    try:
        with libraries_without_feature_scan():  # SQLite's dialect loads at the first connection
            session = WorkspaceSession(open_file(path, check_later=True))
        window.set_session(session)
    except RapportError as exc:  # refused by the full open, or unreadable as the views read it
        window.refuse_file(path, str(exc))
        return
    except BaseException:
        window.release_input()  # a bug's message must take the user's click
        raise
    keep_loaded_out_of_collection()  # as the command line does for what it loads first
    _clean_export_folder()


def _clean_export_folder() -> None:
    from desktop.qbr_export.export_dialog import export_folder
    from graph.files import clean_stale

    clean_stale(export_folder())
