"""The side panel of the map's "changes since" mode: every change to a person in the account
since the day, newest first, each with what changed (field, old → new), who logged it and
when. Clicking a change selects that person's card; selecting a card on the map picks out
its changes here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.map.change_marks import ChangeLine, ChangeMarks

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class ChangeList(QWidget):
    """``cardChosen`` carries the card key of a clicked change; ``closed`` asks to end the
    mode (the panel's ×)."""

    cardChosen = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapChangeList")
        self.setMinimumWidth(200)
        self.title = QLabel()
        self.title.setWordWrap(True)
        close = QToolButton()
        close.setText("×")
        close.setToolTip("Stop showing changes")
        close.setAutoRaise(True)
        close.clicked.connect(self.closed)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title, 1)
        head.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 4, 6)
        layout.addLayout(head)
        layout.addWidget(self.list, 1)

    def show_marks(self, marks: ChangeMarks) -> None:
        lines = marks.lines()
        count = len(lines)
        self.title.setText(
            f"<b>{count} change{'s' * (count != 1)}</b> since {marks.since:%d %b %Y}"
            if count
            else f"<b>No changes</b> to people since {marks.since:%d %b %Y}"
        )
        self.list.blockSignals(True)
        self.list.clear()
        for line in lines:
            self.list.addItem(_item(line))
        self.list.blockSignals(False)

    def keys(self) -> list[str]:
        """The card of each row, top to bottom."""
        return [self.list.item(i).data(KEY_ROLE) for i in range(self.list.count())]

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def pick(self, keys: set[str]) -> None:
        """Select the rows of these cards (the map's selection) and show the first."""
        self.list.blockSignals(True)
        first: QListWidgetItem | None = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            on = item.data(KEY_ROLE) in keys
            item.setSelected(on)
            if on and first is None:
                first = item
        self.list.blockSignals(False)
        if first is not None:
            self.list.scrollToItem(first)

    def _clicked(self, item: QListWidgetItem) -> None:
        self.cardChosen.emit(item.data(KEY_ROLE))


def _item(line: ChangeLine) -> QListWidgetItem:
    logged = line.logged()
    item = QListWidgetItem(f"{line.name}: {line.change()}" + (f"\n{logged}" if logged else ""))
    item.setData(KEY_ROLE, line.key)
    item.setToolTip(f"{line.name}\n{line.change()}" + (f"\n{logged}" if logged else ""))
    return item
