"""A friendly page for an empty view: what is missing and how to add it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.common.palette import secondary_text


class EmptyState(QWidget):
    def __init__(
        self,
        title: str,
        text: str,
        action: QAction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = QLabel(title)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(font.Weight.DemiBold)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        self._tint()
        for label in (self.title, self.text):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(8)
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        # A column of readable width, centred both ways.
        column = QWidget()
        column.setMaximumWidth(460)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.title)
        inner.addSpacing(4)
        inner.addWidget(self.text)
        inner.addSpacing(14)
        inner.addLayout(self._buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)
        if action is not None:
            self.add_button(action.text().replace("&", "").rstrip("."), action.trigger, action)

    def _tint(self) -> None:
        self.text.setStyleSheet(f"color: {secondary_text(self.palette()).name()};")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "text"):
            self._tint()

    def add_button(
        self, text: str, slot: Callable[[], object], action: QAction | None = None
    ) -> QPushButton:
        button = QPushButton(text)
        if action is not None:
            button.setIcon(action.icon())
            button.setToolTip(action.toolTip())
        button.clicked.connect(lambda: slot())
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button
