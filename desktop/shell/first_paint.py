"""Work that waits for a window's first paint: what the window does not need to show itself
runs once the user sees it (the portfolio's signals, the export folder's clean-up)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Runs ``work`` once, in the event loop's next turn after ``window`` first painted."""

    def __init__(self, window: QWidget, work: Callable[[], None]) -> None:
        super().__init__(window)
        self._work: Callable[[], None] | None = work
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._work is not None:
            work, self._work = self._work, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, work)
        return False
