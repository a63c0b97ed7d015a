"""First run: copy the sample portfolio into the data folder, off the GUI thread.

Writing the sample takes a second or two, so a small window says what is happening while a
worker writes the file; ``ready`` then carries its path (or ``failed`` a message to show).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from desktop.common.icons import app_icon


class _Outcome(QObject):
    ready = Signal(object)
    failed = Signal(str)


class _WriteSample(QRunnable):
    """Writes the sample to ``path`` (no widget touched here); falls back to an empty file."""

    def __init__(self, path: Path, outcome: _Outcome, today: dt.date | None) -> None:
        super().__init__()
        self._path = path
        self._outcome = outcome
        self._today = today

    def run(self) -> None:
        from desktop.shell.workspace_files import write_default

        try:
            write_default(self._path, self._today)
        except Exception as exc:  # reported to the GUI thread, shown in words there
            self._outcome.failed.emit(str(exc))
            return
        self._outcome.ready.emit(self._path)


class FirstRunWindow(QWidget):
    """'Preparing your sample portfolio…' with a busy bar, while the worker writes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Dialog)
        self.setWindowTitle("Rapport")
        self.setWindowIcon(app_icon())
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(48, 48))
        logo.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        title = QLabel("Welcome to Rapport")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(font.Weight.DemiBold)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        text = QLabel("Preparing a sample portfolio to explore…")
        text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        busy = QProgressBar()
        busy.setRange(0, 0)
        busy.setTextVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(10)
        for widget in (logo, title, text, busy):
            layout.addWidget(widget)
        self.setFixedWidth(360)


class FirstRun(QObject):
    """Shows the window and starts the worker; ``ready``/``failed`` come on the GUI thread."""

    ready = Signal(object)
    failed = Signal(str)

    def __init__(self, path: Path, today: dt.date | None = None) -> None:
        super().__init__()
        self.path = path
        self.window = FirstRunWindow()
        self._outcome = _Outcome(self)
        self._outcome.ready.connect(self.ready)
        self._outcome.failed.connect(self.failed)
        self._job = _WriteSample(path, self._outcome, today)
        self._pool = QThreadPool(self)

    def start(self) -> None:
        self.window.adjustSize()
        screen = self.window.screen().availableGeometry()
        self.window.move(screen.center() - self.window.rect().center())
        self.window.show()
        self._pool.start(self._job)

    def wait(self) -> None:
        self._pool.waitForDone()
