"""The rows of a history view: when, who, what, which field, old → new, where from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from graph.history import HistoryLine

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("When", "Who", "What", "Field", "Old", "New", "From")
_TABLES = {
    "people": "Person",
    "relationships": "Link",
    "coverage": "Coverage",
    "accounts": "Account",
    "attitude_changes": "Attitude",
    "interactions": "Interaction",
    "interaction_people": "Attendance",
    "interaction_team": "Attendance",
    "card_positions": "Card",
    "action_items": "Action",
    "requests": "Request",
    "usage_points": "Usage",
    "usage_metrics": "Usage metric",
    "wins": "Win",
    "risks": "Risk",
    "goals": "Goal",
    "tickets": "Ticket",
    "incidents": "Incident",
}
# Fields holding a person's or a team member's id: shown as their name.
_PERSON_REFS = {"champion_id", "requester_id", "person_id", "source_id", "target_id"}
_MEMBER_REFS = {"owner_id", "member_id"}
_SOURCES = {"edit": "Edit", "undo": "Undo", "redo": "Redo", "erase": "Erasure"}


def source_label(source: str) -> str:
    if source.startswith("import:"):
        return f"Import of {source.removeprefix('import:')}"
    return _SOURCES.get(source, source.capitalize())


def record_labels(
    lines: Sequence[HistoryLine], people: dict[int, str], members: dict[int, str]
) -> dict[tuple[str, str | None], str]:
    """A name for each record, from the whole rows (inserts, deletes) of the log; links and
    coverage are named by the people they join (``people``, ``members``: names by id)."""
    labels: dict[tuple[str, str | None], str] = {}
    for line in lines:
        record = line.new if isinstance(line.new, dict) else line.old
        if not isinstance(record, dict):
            continue
        if line.table == "relationships":
            source = people.get(record["source_id"], "someone")
            target = people.get(record["target_id"], "someone")
            name = f"{source} {record['kind'].label.lower()} {target}"
        elif line.table == "coverage":
            member = members.get(record["member_id"], "someone")
            person = people.get(record["person_id"], "someone")
            name = f"{member} {record['kind'].label.lower()} {person}"
        else:
            name = str(record.get("name") or record.get("title") or record.get("summary") or "")
        if name:
            labels[(line.table, line.record_uid)] = name
    return labels


class HistoryModel(QAbstractTableModel):
    """Read-only rows of history lines, newest first."""

    def __init__(
        self,
        lines: Sequence[HistoryLine],
        names: dict[tuple[str, str | None], str] | None = None,
        people: dict[int, str] | None = None,
        members: dict[int, str] | None = None,
    ) -> None:
        super().__init__()
        self._lines = list(reversed(lines))
        self._people = people or {}
        self._members = members or {}
        self._names = {**record_labels(lines, self._people, self._members), **(names or {})}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def line(self, row: int) -> HistoryLine:
        return self._lines[row]

    def what(self, line: HistoryLine) -> str:
        kind = _TABLES.get(line.table, line.table.replace("_", " ").capitalize())
        name = self._names.get((line.table, line.record_uid), "")
        return f"{kind} {name}".strip()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        line = self._lines[index.row()]
        cells = (
            line.at.strftime("%Y-%m-%d %H:%M"),
            line.author or "—",
            self.what(line),
            line.field_label.removesuffix(" id"),
            self._value(line, line.old, line.old_text),
            self._value(line, line.new, line.new_text),
            source_label(line.source),
        )
        return cells[index.column()]

    def _value(self, line: HistoryLine, value: Any, text: str) -> str:
        names = (
            self._people
            if line.field in _PERSON_REFS
            else self._members
            if line.field in _MEMBER_REFS
            else None
        )
        if names is not None and isinstance(value, int):
            return names.get(value, f"#{value}")
        return text

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None
