"""The team sync's state in the status bar."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.sync.state import SyncState


class SyncStatus(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_status")
        self.show_state(SyncState("syncing"))

    def show_state(self, state: SyncState) -> None:
        self.setText(state.text)
        self.setToolTip(state.tooltip)
