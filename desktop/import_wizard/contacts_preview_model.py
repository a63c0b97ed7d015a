"""The first rows of a contacts file as Rapport would read them with the chosen mapping.

One column per imported field ("Name" joins first and last names, or comes from the email
address as the importer does); a value the importer would refuse (an email address that is
not one) shows in the error colour with the reason as its tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.common.palette import colours
from desktop.import_wizard.request import FIELD_LABELS
from graph.imports import ColumnMapping, ContactField
from graph.imports.values import clean_email, is_email, name_from_email, unguard

F = ContactField
_NAME_PARTS = (F.NAME, F.FIRST_NAME, F.LAST_NAME)
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Cell:
    text: str
    problem: str = ""
    derived: bool = False  # not in the file as such (a name made from an email address)


def _read_row(cells: dict[ContactField, str], fields: Sequence[ContactField]) -> list[Cell]:
    name = cells.get(F.NAME) or " ".join(
        t for t in (cells.get(F.FIRST_NAME), cells.get(F.LAST_NAME)) if t
    )
    raw_email = cells.get(F.EMAIL, "")
    email = clean_email(raw_email) if raw_email else ""
    email_problem = "" if not email or is_email(email) else "is not an email address"
    row: list[Cell] = []
    if name:
        row.append(Cell(name))
    elif email and not email_problem:
        row.append(Cell(name_from_email(email), derived=True))
    else:
        row.append(Cell("skipped: no name or email", derived=True))
    for wanted in fields:
        if wanted is F.EMAIL:
            row.append(Cell(email if not email_problem else raw_email, email_problem))
        else:
            row.append(Cell(cells.get(wanted, "")))
    return row


class ContactsPreviewModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._fields: list[ContactField] = []
        self._rows: list[list[Cell]] = []

    def set_rows(
        self, headers: Sequence[str], sample: Sequence[Sequence[str]], mapping: ColumnMapping
    ) -> None:
        self.beginResetModel()
        mapped = set(mapping.fields.values())
        self._fields = [f for f in ContactField if f in mapped and f not in _NAME_PARTS]
        position = {h: i for i, h in enumerate(headers)}
        self._rows = []
        for raw in sample:
            cells: dict[ContactField, str] = {}
            for column, wanted in mapping.fields.items():
                i = position.get(column)
                text = unguard(raw[i].strip()) if i is not None and i < len(raw) else ""
                if text:
                    cells[wanted] = text
            self._rows.append(_read_row(cells, self._fields))
        self.endResetModel()

    def cell(self, row: int, column: int) -> Cell:
        return self._rows[row][column]

    # --- QAbstractTableModel ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._fields)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if section == 0:
            return "Name"
        if 0 < section <= len(self._fields):
            return FIELD_LABELS[self._fields[section - 1]]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join(cell.text.split())  # one line per row, as in a table
        if role == Qt.ItemDataRole.ToolTipRole:
            if cell.problem:
                return f"{cell.text!r} {cell.problem}: the import will list it as a problem"
            if cell.derived and index.column() == 0:
                return "No name in this row: " + (
                    "made from the email address" if "skipped" not in cell.text else "skipped"
                )
            return cell.text or None
        if role == Qt.ItemDataRole.ForegroundRole and cell.problem:
            return colours().error_text
        if role == Qt.ItemDataRole.FontRole and cell.derived:
            font = QFont()
            font.setItalic(True)
            return font
        return None
