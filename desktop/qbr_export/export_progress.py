"""The progress window of a QBR export: what is being done, a bar, and Cancel.

A plain window-modal dialog rather than ``QProgressDialog``, whose ``setValue`` runs a nested
event loop when modal (re-entering the slots that feed it); progress arrives by signal from the
worker and only sets the bar here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ExportProgress(QDialog):
    """``cancel_requested`` follows Cancel, Escape or closing the window."""

    cancel_requested = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export QBR")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(440)
        self.title = QLabel(title)
        font = self.title.font()
        font.setWeight(font.Weight.DemiBold)
        self.title.setFont(font)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(True)
        buttons = QDialogButtonBox()
        self.cancel_button = QPushButton("Cancel")
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.clicked.connect(self.request_cancel)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(buttons)
        self._finished = False

    def set_stage(self, text: str) -> None:
        self.label.setText(text)

    def set_fraction(self, fraction: float) -> None:
        self.bar.setValue(round(max(0.0, min(1.0, fraction)) * 100))

    def request_cancel(self) -> None:
        if not self._finished:
            self.cancel_button.setEnabled(False)
            self.label.setText("Cancelling…")
            self.cancel_requested.emit()

    def finish(self) -> None:
        """Close for good (the export is over, whatever its outcome)."""
        self._finished = True
        self.hide()
        self.deleteLater()

    def reject(self) -> None:  # Escape
        self.request_cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._finished:
            event.accept()
            return
        event.ignore()
        self.request_cancel()
