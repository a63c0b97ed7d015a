"""Inline editors of the people table: combo boxes for closed lists, spin boxes for scales."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.common import labels
from desktop.people.people_model import COLUMNS
from graph.labels import ATTITUDE_LABELS

Index = QModelIndex | QPersistentModelIndex


class PeopleDelegate(QStyledItemDelegate):
    """Picks the editor from the column: enum -> combo box, scale -> spin box, else text."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = COLUMNS[index.column()]
        if column.enum is not None:
            combo = QComboBox(parent)
            for member in column.enum:
                combo.addItem(member.label, member)
            combo.setFrame(False)
            # Commit as soon as a value is picked: one click, one edit.
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            return combo
        if column.is_number:
            spin = QSpinBox(parent)
            spin.setRange(column.minimum or 0, column.maximum or 0)
            spin.setFrame(False)
            spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if column.key == "cadence_days":
                spin.setSpecialValueText("Role default")
                spin.setSuffix(" days")
            if column.key == "attitude":
                spin.setToolTip(
                    ", ".join(f"{labels.signed(k)} {v.lower()}" for k, v in ATTITUDE_LABELS.items())
                )
            return spin
        return super().createEditor(parent, option, index)

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
            return
        if isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, QSpinBox):
            editor.interpretText()
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
