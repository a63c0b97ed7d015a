"""Inline editors of the QBR record tables, picked from the column's editor kind.

Dates get a date box with a calendar (Delete empties an optional date), closed lists and
references to people, team members or roadmap items a combo box that commits on a pick,
whole numbers a spin box, and text and decimal numbers a line edit.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.qbr.columns import REFERENCES, TableSpec
from desktop.qbr.record_model import CHOICES_ROLE, DEFAULT_DATE_ROLE
from graph.clock import default_clock

Index = QModelIndex | QPersistentModelIndex


class DateEditor(QDateEdit):
    """A date box that opens with the day selected: type a day, Tab to the month, Up/Down to
    step. For an optional date, Delete (or Backspace on the whole text) empties it."""

    cleared = Signal()

    def __init__(self, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        self.empty = False
        self.setCalendarPopup(True)
        self.setDisplayFormat("d MMM yyyy")
        self.setFrame(False)
        if optional:
            self.setToolTip("Delete empties the date")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.optional and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            line = self.lineEdit()
            if event.key() == Qt.Key.Key_Delete or line.selectedText() == line.text():
                self.empty = True
                self.cleared.emit()
                return
        self.empty = False
        super().keyPressEvent(event)

    def set_value(self, value: dt.date | None, default: dt.date | None = None) -> None:
        """Show ``value`` (an empty date opens on ``default``) with the day ready for typing."""
        day = value or default or default_clock().today()
        self.setDate(QDate(day.year, day.month, day.day))
        self.setSelectedSection(QDateEdit.Section.DaySection)
        self.empty = False

    def value(self) -> dt.date | None:
        return None if self.empty else self.date().toPython()  # type: ignore[return-value]


class RecordDelegate(QStyledItemDelegate):
    def __init__(self, spec: TableSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec = spec

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = self._spec.columns[index.column()]
        if column.kind == "date":
            date = DateEditor(column.optional, parent)
            date.cleared.connect(lambda d=date: self._commit(d))
            return date
        if column.kind == "enum" or column.kind in REFERENCES:
            combo = QComboBox(parent)
            for text, value in index.data(CHOICES_ROLE) or []:
                combo.addItem(text, value)
            combo.setFrame(False)
            combo.setMaxVisibleItems(16)
            # Commit as soon as a value is picked: one click, one edit.
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            return combo
        if column.kind in ("int", "percent"):
            spin = QSpinBox(parent)
            spin.setRange(column.minimum, column.maximum)
            spin.setFrame(False)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            if column.kind == "percent":
                spin.setSuffix(" %")
                spin.setSingleStep(5)
            return spin
        line = QLineEdit(parent)
        line.setFrame(False)
        if column.kind == "float":
            line.setAlignment(Qt.AlignmentFlag.AlignRight)
            line.setPlaceholderText("empty" if column.optional else "0")
        elif column.kind == "quarter":
            line.setPlaceholderText("2026-Q4")
        return line

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, DateEditor):
            editor.set_value(value, index.data(DEFAULT_DATE_ROLE))
        elif isinstance(editor, QComboBox):
            found = next((i for i in range(editor.count()) if editor.itemData(i) == value), 0)
            editor.setCurrentIndex(found)
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(_as_text(value))
            editor.selectAll()
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, DateEditor):
            editor.interpretText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else repr(value)
    return str(value)
