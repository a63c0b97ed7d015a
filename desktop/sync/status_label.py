"""The team sync's state in the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop.sync.state import SyncState


class SyncStatus(QLabel):
    """Says how the sync stands; a click opens the team's conflicts."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_status")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.show_state(SyncState("syncing"))

    def show_state(self, state: SyncState) -> None:
        self.setText(state.text)
        self.setToolTip(state.tooltip)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)
