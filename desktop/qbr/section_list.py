"""The list of the QBR's sections: a column beside the page, or, when the tab is narrow, a
row above it that wraps onto as many lines as the sections need."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem, QWidget

from desktop.qbr.reflow import wrapped_rows

WIDTH = 150  # as a column
ITEM_PADDING = 28  # the item's padding and rounded corners around its text, as a row
QWIDGETSIZE_MAX = (1 << 24) - 1


class SectionList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qbr_sections")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFixedWidth(WIDTH)
        self.setSpacing(1)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.as_row = False
        self._tint()

    def add_section(self, name: str, tip: str) -> None:
        item = QListWidgetItem(name)
        item.setToolTip(tip)
        self.addItem(item)
        self._size_item(item)

    def _item_height(self) -> int:
        return self.fontMetrics().height() + 16

    def _size_item(self, item: QListWidgetItem) -> None:
        width = self.fontMetrics().horizontalAdvance(item.text()) + ITEM_PADDING
        item.setSizeHint(QSize(width if self.as_row else 0, self._item_height()))
        item.setTextAlignment(
            Qt.AlignmentFlag.AlignCenter if self.as_row else Qt.AlignmentFlag.AlignVCenter
        )

    def place(self, as_row: bool, width: int) -> None:
        """A column ``WIDTH`` wide, or a row ``width`` wide, tall enough for every section."""
        if as_row != self.as_row:
            self.as_row = as_row
            self.setFlow(QListWidget.Flow.LeftToRight if as_row else QListWidget.Flow.TopToBottom)
            self.setWrapping(as_row)
            for row in range(self.count()):
                self._size_item(self.item(row))
            if as_row:
                self.setMinimumWidth(0)
                self.setMaximumWidth(QWIDGETSIZE_MAX)
                self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            else:
                self.setFixedWidth(WIDTH)
                self.setMinimumHeight(0)
                self.setMaximumHeight(QWIDGETSIZE_MAX)
                self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if as_row:
            widths = [self.item(row).sizeHint().width() for row in range(self.count())]
            frame = 2 * self.frameWidth()
            lines = wrapped_rows(widths, width - frame, self.spacing())
            line = self._item_height() + 2 * self.spacing()
            self.setFixedHeight(lines * line + frame + 2)

    def _tint(self) -> None:
        accent = self.palette().highlight().color().name()
        sheet = (
            "QListWidget#qbr_sections { background: transparent; }"
            "QListWidget#qbr_sections::item { padding-left: 10px; border-radius: 6px; }"
            f"QListWidget#qbr_sections::item:selected {{ background: {accent}; color: white; }}"
        )
        if sheet != self.styleSheet():  # a new style sheet changes the palette: no loop
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._tint()
