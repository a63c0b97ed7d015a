"""The entries of a dry run as a table (what, where in the file, the changes or the reason),
and a filter by action and by text for the dry-run page's list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop.common.palette import colours
from graph.imports import Action, PlanEntry

Index = QModelIndex | QPersistentModelIndex
ACTION, ROW, WHAT, DETAIL = range(4)
HEADERS = ("", "Row", "Entry", "Changes or reason")

ACTION_LABELS: dict[Action, str] = {
    Action.ADD: "Add",
    Action.UPDATE: "Update",
    Action.UNCHANGED: "Unchanged",
    Action.SKIP: "Skip",
    Action.CONFLICT: "Conflict",
}
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


def detail(entry: PlanEntry) -> str:
    changes = "; ".join(f"{c.field}: {c.old or '—'} → {c.new or '—'}" for c in entry.changes)
    return " — ".join(t for t in (changes, entry.reason) if t)


def _colour(action: Action) -> Any:
    c = colours()
    return {
        Action.ADD: c.green,
        Action.UPDATE: c.amber,
        Action.CONFLICT: c.red,
    }.get(action, c.neutral)


class PlanEntriesModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._entries: list[PlanEntry] = []

    def set_entries(self, entries: Sequence[PlanEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> PlanEntry:
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ACTION:
                return ACTION_LABELS[entry.action]
            if column == ROW:
                return f"{entry.unit} {entry.row}" if entry.row is not None else ""
            if column == WHAT:
                return entry.what or "—"
            return " ".join(detail(entry).split())
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(entry)
        if role == Qt.ItemDataRole.ForegroundRole and column == ACTION:
            return _colour(entry.action)
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class EntryFilter(QSortFilterProxyModel):
    """Entries of one action (or all), whose text contains what the user typed."""

    def __init__(self) -> None:
        super().__init__()
        self._action: Action | None = None
        self._text = ""

    def set_action(self, action: Action | None) -> None:
        self._refilter(lambda: setattr(self, "_action", action))

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_text", text.strip().casefold()))

    def _refilter(self, apply: Callable[[], None]) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        source = self.sourceModel()
        if not isinstance(source, PlanEntriesModel) or source_parent.isValid():
            return False
        entry = source.entry(source_row)
        if self._action is not None and entry.action is not self._action:
            return False
        return not self._text or self._text in str(entry).casefold()
