"""Starting the desktop app: pick the workspace, open it, show the window.

``rapport`` opens the last workspace (on first run, a copy of the sample portfolio in the
user's data folder); ``rapport open PATH`` opens a file and offers to create it if missing.
Errors a user can cause are shown in a dialog, never as a traceback.

``RAPPORT_STARTUP_PROBE=1`` makes the app print ``rapport-first-paint <unix time>`` when the
main window first paints, then quit: the start-up benchmark measures with it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop.qt_runtime import keep_none_alive

if TYPE_CHECKING:
    from desktop.main_window import MainWindow

PROBE_ENV = "RAPPORT_STARTUP_PROBE"


class _FirstPaintProbe(QObject):
    """Prints the time of the window's first paint, then quits the app."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            print(f"rapport-first-paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, self._app.quit)
        return False


def _application() -> QApplication:
    keep_none_alive()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setOrganizationName("Rapport")
    QApplication.setApplicationName("Rapport")
    QApplication.setDesktopFileName("rapport")
    app = QApplication(sys.argv[:1])
    from desktop.icons import app_icon

    app.setWindowIcon(app_icon())
    return app


def _install_error_dialog() -> None:
    """Errors escaping a slot are shown in words: a RapportError as it is, a bug as one line
    (its traceback goes to stderr for a report). The app keeps running either way."""
    from desktop import ask
    from graph.errors import RapportError

    previous = sys.excepthook

    def show(kind: type[BaseException], error: BaseException, trace: object) -> None:
        if isinstance(error, KeyboardInterrupt):
            previous(kind, error, trace)  # type: ignore[arg-type]
            return
        if isinstance(error, RapportError):
            from desktop.edits import message_of

            ask.error(None, "Rapport", message_of(error))
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


def _workspace_path(path: Path | None, create_if_missing: bool) -> tuple[Path, bool] | None:
    """The file to open and whether it must be created; None if the user declined."""
    from desktop import ask
    from desktop.settings import Settings
    from desktop.workspace_files import default_workspace

    if path is not None:
        path = path.expanduser()
        if path.exists():
            return path, False
        if not create_if_missing:
            ask.error(None, "Cannot open the workspace", f"{path}: no such file")
            return None
        if ask.question(
            None,
            "Create a workspace?",
            f"{path} does not exist.\n\nCreate a new, empty workspace there?",
            yes="Create",
        ):
            return path, True
        return None
    last = Settings().last_workspace()
    if last is not None and last.exists():
        return last, False
    return default_workspace()[0], False


def run_gui(path: Path | None = None, *, create_if_missing: bool = False) -> int:
    """Run the desktop app until its window closes; returns the process exit code."""
    app = _application()
    from desktop import ask
    from graph.errors import RapportError

    try:
        chosen = _workspace_path(path, create_if_missing)
        if chosen is None:
            return 1
        window = open_window(*chosen)
    except RapportError as exc:
        ask.error(None, "Cannot open the workspace", str(exc))
        return 1
    _install_error_dialog()
    if os.environ.get(PROBE_ENV):
        window.installEventFilter(_FirstPaintProbe(app))
    window.show()
    return app.exec()


def open_window(path: Path, create: bool = False) -> MainWindow:
    """Open (or create) ``path`` and build its main window. Raises RapportError."""
    from desktop.main_window import MainWindow
    from desktop.session import WorkspaceSession
    from desktop.settings import Settings
    from desktop.workspace_files import create_file, open_file

    ws = create_file(path) if create else open_file(path)
    return MainWindow(WorkspaceSession(ws), Settings())
