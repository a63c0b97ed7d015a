"""Editors for one field of a record, each with its validation message right under it.

A field commits when the user is done with it (Enter or leaving a text box, picking a value in a
list, a step of a spin box); ``RecordForm`` gathers the fields of one record type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.common import labels
from desktop.common.palette import colours, secondary_text
from graph.labels import ATTITUDE_LABELS
from graph.vocabulary import LabelledEnum

FieldKind = Literal[
    "text", "long", "enum", "int", "money", "date", "tags", "bool", "choice", "info"
]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: FieldKind = "text"
    enum: type[LabelledEnum] | None = None
    minimum: int = 0
    maximum: int = 0
    # For optional numbers: the text shown for "not set" (the spin box's minimum).
    unset: str = ""
    suffix: str = ""
    tooltip: str = ""
    placeholder: str = ""


class _NotesEdit(QPlainTextEdit):
    """A multi-line box that commits when focus leaves it."""

    editing_finished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


def parse_date(text: str) -> dt.date | None:
    """'' -> None; '2026-03-12', '12 Mar 2026', '12/03/2026' -> a date; else ValueError."""
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date; write it like 2026-03-12 or 12 Mar 2026")


# The widest an editor may insist on being, in average characters: with the widest label this
# keeps every form inside the inspector dock's narrowest width (280 px at 1024 px screens).
# Spin boxes otherwise ask for room for their whole range ("1,000,000,000,000" for ARR).
_EDITOR_MIN_CHARS = 9


def _shrink_to_dock(editor: QWidget) -> None:
    """Cap the editor's minimum width; it still grows with the form when the dock is wider."""
    cap = editor.fontMetrics().averageCharWidth() * _EDITOR_MIN_CHARS
    if isinstance(editor, QAbstractSpinBox):
        # Room for the arrows on top of the text, so they are never cut.
        cap += editor.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) + 8
    if editor.minimumSizeHint().width() > cap:
        editor.setMinimumWidth(cap)


def _wrap_anywhere(label: QLabel) -> None:
    """A wrapped label never widens its form: a word longer than the line is cut, not scrolled."""
    label.setWordWrap(True)
    label.setMinimumWidth(1)


class FieldEditor(QWidget):
    """One field: its editor, and a message under it when a value is refused.

    ``committed`` carries (field name, new value) when the user finished an edit.
    """

    committed = Signal(str, object)

    def __init__(self, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._value: Any = None
        self.editor = self._make_editor()
        _shrink_to_dock(self.editor)
        if spec.tooltip:
            self.editor.setToolTip(spec.tooltip)
        self.error = QLabel()
        _wrap_anywhere(self.error)
        self.error.hide()
        self.error.setObjectName(f"error_{spec.name}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.editor)
        layout.addWidget(self.error)

    def _make_editor(self) -> QWidget:
        spec = self.spec
        if spec.kind in ("text", "date", "tags"):
            line = QLineEdit(placeholderText=spec.placeholder)
            line.editingFinished.connect(self._finish)
            return line
        if spec.kind == "long":
            notes = _NotesEdit()
            notes.setTabChangesFocus(True)
            notes.setPlaceholderText(spec.placeholder)
            notes.setFixedHeight(notes.fontMetrics().lineSpacing() * 5 + 12)
            notes.editing_finished.connect(self._finish)
            return notes
        if spec.kind in ("enum", "choice"):
            combo = QComboBox()
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
            if spec.enum is not None:
                for member in spec.enum:
                    combo.addItem(member.label, member)
            combo.activated.connect(lambda _i: self._finish())
            return combo
        if spec.kind == "int":
            spin = QSpinBox()
            spin.setRange(spec.minimum, spec.maximum)
            spin.setKeyboardTracking(False)
            spin.setSpecialValueText(spec.unset)
            spin.setSuffix(spec.suffix)
            spin.valueChanged.connect(lambda _v: self._finish())
            return spin
        if spec.kind == "money":
            money = QDoubleSpinBox()
            money.setRange(0, 1e12)
            money.setDecimals(0)
            money.setGroupSeparatorShown(True)
            money.setKeyboardTracking(False)
            money.valueChanged.connect(lambda _v: self._finish())
            return money
        if spec.kind == "bool":
            check = QCheckBox(spec.placeholder)
            check.toggled.connect(lambda _v: self._finish())
            return check
        info = QLabel()
        info.setWordWrap(True)
        info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        info.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        _wrap_anywhere(info)
        return info

    # --- values -------------------------------------------------------------------------------

    def set_choices(self, choices: Sequence[tuple[str, object]]) -> None:
        combo = self.editor
        assert isinstance(combo, QComboBox)
        with QSignalBlocker(combo):
            combo.clear()
            for text, value in choices:
                combo.addItem(text, value)
        self.set_value(self._value)

    def set_value(self, value: Any) -> None:
        """Show a stored value (never commits)."""
        self._value = value
        editor = self.editor
        with QSignalBlocker(editor):
            if isinstance(editor, QLineEdit):
                editor.setText(self._as_text(value))
                editor.setCursorPosition(0)
            elif isinstance(editor, QPlainTextEdit):
                if editor.toPlainText() != (value or ""):
                    editor.setPlainText(value or "")
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif isinstance(editor, QSpinBox):
                editor.setValue(editor.minimum() if value is None else int(value))
            elif isinstance(editor, QDoubleSpinBox):
                editor.setValue(float(value or 0))
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QLabel):
                editor.setText(str(value) if value is not None else "—")

    def _as_text(self, value: Any) -> str:
        if value is None:
            return ""
        if self.spec.kind == "date":
            return value.isoformat()
        if self.spec.kind == "tags":
            return ", ".join(value)
        return str(value)

    def value(self) -> Any:
        """The value the editor holds now; raises ValueError if it cannot be read."""
        editor = self.editor
        if isinstance(editor, QLineEdit):
            text = editor.text()
            if self.spec.kind == "date":
                return parse_date(text)
            if self.spec.kind == "tags":
                return [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]
            return text.strip()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText().rstrip()
        if isinstance(editor, QComboBox):
            data = editor.currentData()
            # Qt hands a StrEnum back as a plain str: make it the enum again.
            return self.spec.enum(data) if self.spec.enum and data is not None else data
        if isinstance(editor, QSpinBox):
            if self.spec.unset and editor.value() == editor.minimum():
                return None
            return editor.value()
        if isinstance(editor, QDoubleSpinBox):
            return editor.value()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        return self._value

    def _finish(self) -> None:
        try:
            value = self.value()
        except ValueError as exc:
            self.show_error(str(exc))
            return
        if value == self._value and not self.has_error:
            return
        self.committed.emit(self.spec.name, value)

    # --- messages -----------------------------------------------------------------------------

    @property
    def has_error(self) -> bool:
        return not self.error.isHidden()

    def show_error(self, message: str) -> None:
        self.error.setStyleSheet(f"color: {colours().error_text.name()};")
        self.error.setText(message)
        self.error.show()
        self._fit_error()

    def _fit_error(self) -> None:
        # A wrapped label in a form inside a scroll area is not always given the height of all
        # its lines: ask for it explicitly, for the width the field has now.
        if self.has_error:
            width = max(self.width(), self.editor.width(), 120)
            self.error.setMinimumHeight(self.error.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_error()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()


class RecordForm(QWidget):
    """The fields of one record type in a form. ``committed`` carries (field, value)."""

    committed = Signal(str, object)

    def __init__(self, title: str, specs: Sequence[FieldSpec], parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel(title)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(font.Weight.DemiBold)
        self.heading.setFont(font)
        _wrap_anywhere(self.heading)
        self.subtitle = QLabel()
        _wrap_anywhere(self.subtitle)
        self._tint()
        self.general_error = QLabel()
        _wrap_anywhere(self.general_error)
        self.general_error.hide()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setVerticalSpacing(6)
        self.fields: dict[str, FieldEditor] = {}
        for spec in specs:
            self.add_field(spec)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.general_error)
        layout.addSpacing(4)
        layout.addLayout(self.form)
        layout.addStretch(1)

    def _tint(self) -> None:
        self.subtitle.setStyleSheet(f"color: {secondary_text(self.palette()).name()};")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "subtitle"):
            self._tint()

    def add_field(self, spec: FieldSpec) -> FieldEditor:
        field = FieldEditor(spec)
        field.committed.connect(self.committed)
        label = QLabel(spec.label + ":")
        label.setBuddy(field.editor)
        if spec.tooltip:
            label.setToolTip(spec.tooltip)
        self.form.addRow(label, field)
        self.fields[spec.name] = field
        return field

    def add_section(self, title: str) -> None:
        label = QLabel(title)
        font = label.font()
        font.setWeight(font.Weight.DemiBold)
        label.setFont(font)
        label.setContentsMargins(0, 10, 0, 0)
        self.form.addRow(label)

    def load(self, values: dict[str, Any]) -> None:
        """Show stored values; a field showing a refused value keeps it until fixed."""
        for name, field in self.fields.items():
            if name in values and not field.has_error:
                field.set_value(values[name])

    def show_error(self, name: str | None, message: str) -> None:
        field = self.fields.get(name or "")
        if field is None:
            self.general_error.setStyleSheet(f"color: {colours().error_text.name()};")
            self.general_error.setText(message)
            self.general_error.show()
        else:
            field.show_error(message)

    def clear_error(self, name: str) -> None:
        self.general_error.hide()
        if name in self.fields:
            self.fields[name].clear_error()

    def clear_errors(self) -> None:
        self.general_error.hide()
        for field in self.fields.values():
            field.clear_error()


def attitude_choices() -> list[tuple[str, object]]:
    return [(labels.attitude(v), v) for v in sorted(ATTITUDE_LABELS, reverse=True)]
