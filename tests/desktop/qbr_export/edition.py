"""Answers File > Export QBR's edition dialog the way a user does: clicks on the real dialog."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication

from desktop.qbr_export.export_edition import EditionDialog
from reports.edition import Edition

TRIES = 500  # x 20 ms: the dialog opens once the file is chosen


def on_label(button: QAbstractButton) -> QPoint:
    """A point on the button's own text (a row-wide button is not pressed at its middle)."""
    return QPoint(12, button.height() // 2)


@dataclass
class EditionAnswer:
    """What to click once the dialog is up; what it showed before the clicks."""

    edition: Edition | None = None  # None: leave the default
    roles: bool = False
    cancel: bool = False
    shown_default: list[Edition] = field(default_factory=list)

    def arm(self) -> EditionAnswer:
        """Wait for the modal dialog (it runs its own event loop) and answer it."""
        self._poll(TRIES)
        return self

    def _poll(self, tries: int) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, EditionDialog):
            if tries:
                QTimer.singleShot(20, lambda: self._poll(tries - 1))
            return
        self.shown_default.append(
            Edition.CUSTOMER if dialog.customer.isChecked() else Edition.INTERNAL
        )
        if self.edition is not None:
            button = dialog.customer if self.edition is Edition.CUSTOMER else dialog.internal
            QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=on_label(button))
        if self.roles:
            QTest.mouseClick(
                dialog.anonymize, Qt.MouseButton.LeftButton, pos=on_label(dialog.anonymize)
            )
        if self.cancel:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            QTest.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
