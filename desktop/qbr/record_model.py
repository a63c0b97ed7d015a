"""One generic table model for every QBR record type, driven by a ``TableSpec``.

Edits are operations (``graph.operations``) run as undo steps; the model
refreshes itself from the workspace's change announcements, never by hand after an edit, so an
undo lands here the same way as an edit. Rows keep their places while the user works on them:
a refresh updates rows in place, removes the ones that are gone and inserts new ones, and a
record added or edited here stays on show even if it falls outside the quarter (greyed).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from desktop.common import labels
from desktop.common.palette import colours
from desktop.qbr.columns import NUMBERS, REFERENCES, ColumnSpec, Key, TableSpec
from desktop.qbr.scope import Run, Scope
from desktop.workspace.edits import message_of
from desktop.workspace.workspace_signals import WorkspaceSignals
from graph import operations as ops
from graph import schema as s
from graph.errors import RapportError, ValidationError
from graph.events import ChangeSet
from graph.operations import OpResult, Titled, bind
from graph.vocabulary import (
    ActionStatus,
    GoalStatus,
    PersonStatus,
    RiskLevel,
    RiskStatus,
    RoadmapStatus,
    Severity,
    TicketStatus,
)
from graph.workspace import Workspace, key_fields

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 2  # [(label, value)] for combo-box editors
DEFAULT_DATE_ROLE = Qt.ItemDataRole.UserRole + 3  # where a date editor opens on an empty date

Index = QModelIndex | QPersistentModelIndex

_TONES: dict[Enum, str] = {
    Severity.SEV1: "red", Severity.SEV2: "amber",
    TicketStatus.OPEN: "amber", TicketStatus.IN_PROGRESS: "amber",
    TicketStatus.RESOLVED: "green",
    RoadmapStatus.SHIPPED: "green", RoadmapStatus.IN_PROGRESS: "amber",
    GoalStatus.ON_TRACK: "green", GoalStatus.DONE: "green",
    GoalStatus.AT_RISK: "amber", GoalStatus.OFF_TRACK: "red",
    RiskLevel.HIGH: "red", RiskLevel.MEDIUM: "amber",
    RiskStatus.OPEN: "amber", RiskStatus.MITIGATED: "green",
    ActionStatus.DONE: "green", ActionStatus.IN_PROGRESS: "amber",
}  # fmt: skip


def tone_colour(value: object) -> QColor | None:
    """The colour of the status dot beside an enum value (None: no dot)."""
    if not isinstance(value, Enum):
        return None
    tone = _TONES.get(value)
    palette = colours()
    return getattr(palette, tone) if tone else palette.neutral


class RecordTableModel(QAbstractTableModel):
    """Rows of one record type for one scope.

    ``edit_failed`` carries a refused edit's message; ``edit_succeeded`` clears it;
    ``message`` carries a line for the status bar; ``rows_changed`` follows every reload.
    """

    edit_failed = Signal(str)
    edit_succeeded = Signal()
    message = Signal(str)
    rows_changed = Signal()

    def __init__(
        self,
        spec: TableSpec,
        ws: Workspace,
        push: Run,
        signals: WorkspaceSignals,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self._ws = ws
        self._push = push
        self._scope: Scope | None = None
        self._parent_id: int | None = None
        self._rows: list[Any] = []
        self._pinned: set[Key] = set()
        self._names: dict[str, dict[int, str]] = {}
        self._choices: dict[str, list[tuple[str, Any]]] = {}
        self._rekeyed: tuple[Key, Key] | None = None
        self.error: tuple[Key, str, str] | None = None  # (row key, field, message)
        signals.changed.connect(self._on_changed)

    # --- scope and content --------------------------------------------------------------------

    @property
    def scope(self) -> Scope | None:
        return self._scope

    @property
    def parent_id(self) -> int | None:
        return self._parent_id

    @property
    def ready(self) -> bool:
        """Whether rows can be added (a scope, and a master row for a detail table)."""
        return self._scope is not None and (
            self.spec.parent_field is None or self._parent_id is not None
        )

    def set_scope(self, scope: Scope | None, parent_id: int | None = None) -> None:
        self.beginResetModel()
        self._scope, self._parent_id = scope, parent_id
        self._pinned.clear()
        self.error = None
        self._load_names()
        self._rows = self._fetch()
        self.endResetModel()
        self.rows_changed.emit()

    def _fetch(self) -> list[Any]:
        if self._scope is None:
            return []
        scope, spec = self._scope, self.spec
        records = spec.load(self._ws, scope, self._parent_id)
        return [r for r in records if spec.in_scope(r, scope) or spec.key(r) in self._pinned]

    def _load_names(self) -> None:
        kinds = {c.kind for c in self.spec.columns}
        names: dict[str, dict[int, str]] = {}
        choices: dict[str, list[tuple[str, Any]]] = {}
        if "person" in kinds and self._scope is not None:
            people = sorted(self._ws.people(self._scope.account_id), key=lambda p: p.name)
            names["person"] = {p.id: p.name for p in people}
            choices["person"] = [
                (p.name + (" (left)" if p.status is PersonStatus.LEFT else ""), p.id)
                for p in people
            ]
        if "member" in kinds:
            team = self._ws.team()
            names["member"] = {m.id: m.name for m in team}
            choices["member"] = [
                (f"{m.name} ({m.role.label})" if m.active else f"{m.name} (left)", m.id)
                for m in team
            ]
        if "roadmap" in kinds:
            items = self._ws.find(s.RoadmapItem)
            names["roadmap"] = {i.id: i.title for i in items}
            choices["roadmap"] = [(f"{i.title} ({i.status.label})", i.id) for i in items]
        self._names, self._choices = names, choices

    def refresh(self) -> None:
        """Reload from the workspace, keeping rows where they are."""
        self._load_names()
        fresh = self._fetch()
        spec = self.spec
        by_key = {spec.key(r): r for r in fresh}
        if self._rekeyed is not None:
            old, new = self._rekeyed
            self._rekeyed = None
            for row, record in enumerate(self._rows):
                if spec.key(record) == old and new in by_key:
                    self._rows[row] = by_key[new]
        for row in range(len(self._rows) - 1, -1, -1):
            if spec.key(self._rows[row]) not in by_key:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        shown = {spec.key(r) for r in self._rows}
        self._rows = [by_key[spec.key(r)] for r in self._rows]
        if self._rows:
            last = self.index(len(self._rows) - 1, len(spec.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        order = {key: i for i, key in enumerate(by_key)}
        for key, record in by_key.items():
            if key in shown:
                continue
            row = next(
                (i for i, r in enumerate(self._rows) if order[spec.key(r)] > order[key]),
                len(self._rows),
            )
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, record)
            self.endInsertRows()
        self.rows_changed.emit()

    def _on_changed(self, changes: ChangeSet) -> None:
        if self._scope is None or not changes.touches(*self.spec.watched):
            return
        if (
            not self.spec.shared
            and changes.accounts
            and self._scope.account_id not in (changes.accounts)
        ):
            return
        self.refresh()

    def record(self, row: int) -> Any:
        return self._rows[row]

    def key(self, row: int) -> Key:
        return self.spec.key(self._rows[row])

    def row_of(self, key: Key) -> int | None:
        for row, record in enumerate(self._rows):
            if self.spec.key(record) == key:
                return row
        return None

    def in_quarter(self, row: int) -> bool:
        return self._scope is not None and self.spec.in_scope(self._rows[row], self._scope)

    # --- adding and removing ------------------------------------------------------------------

    def add_record(self) -> int | None:
        """Add a new record with defaults; returns its row (None if refused or not ready)."""
        if not self.ready:
            return None
        assert self._scope is not None
        spec = self.spec
        record = spec.new(self._ws, self._scope, self._parent_id)
        result = self._run(
            Titled(bind(ops.add_record, record), f"Add {spec.noun}"), None, spec.label_field
        )
        if result is None:
            return None
        added = result.added(spec.record.__tablename__)[0]
        key = added[0] if len(added) == 1 else added
        self._pinned.add(key)
        if self.row_of(key) is None:  # added outside the quarter: show it anyway
            self.refresh()
        return self.row_of(key)

    def remove_rows(self, rows: list[int]) -> bool:
        records = [self._rows[r] for r in sorted(set(rows)) if 0 <= r < len(self._rows)]
        if not records:
            return False
        spec = self.spec

        if len(records) == 1:
            what = f"{spec.noun} “{spec.label(records[0])}”"
        else:
            what = f"{len(records)} {spec.noun}s"
        keys = [spec.key(record) for record in records]
        operation = Titled(bind(ops.delete_records, spec.record, keys), f"Delete {what}")
        if self._run(operation, None, None) is not None:
            self.message.emit(f"Deleted {what} — Undo with Ctrl+Z")
            return True
        return False

    # --- editing ------------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self.spec.columns[index.column()]
        record = self._rows[index.row()]
        key = self.spec.key(record)
        try:
            value = column.parse(value)
        except ValueError as exc:
            self._fail(key, column.field, message_of(exc))
            return False
        if getattr(record, column.field) == value:
            return False
        operation, new_key = self._edit(record, column, value)
        if new_key != key:
            self._rekeyed = (key, new_key)
        self._pinned.add(new_key)
        return self._run(operation, key, column.field) is not None

    def _edit(self, record: Any, column: ColumnSpec, value: Any) -> tuple[Titled, Key]:
        spec = self.spec
        key = spec.key(record)
        text = f"Edit {column.header.lower()} of {spec.noun} “{spec.label(record)}”"
        changed = {column.field: value}
        if column.field not in key_fields(spec.record):
            return Titled(bind(ops.edit_fields, spec.record, key, **changed), text), key
        # A primary-key field (a measurement's date): the record is replaced, one undo step.
        replacement = spec.record(**(record.values() | changed))
        operation = bind(ops.replace_record, spec.record, key, **changed)
        return Titled(operation, text), spec.key(replacement)

    def _run(self, operation: Titled, key: Key | None, field: str | None) -> OpResult | None:
        try:
            result = self._push(operation)
        except ValidationError as exc:
            self._rekeyed = None
            fields = {c.field for c in self.spec.columns}
            target = exc.field if exc.field in fields else field
            self._fail(key, target or "", message_of(exc))
            return None
        except RapportError as exc:
            self._rekeyed = None
            self._fail(key, field or "", message_of(exc))
            return None
        self._clear_error()
        return result

    def _fail(self, key: Key | None, field: str, message: str) -> None:
        old, self.error = self.error, (key, field, message)
        self._touch(old)
        self._touch(self.error)
        self.edit_failed.emit(message)

    def _clear_error(self) -> None:
        if self.error is None:
            return
        old, self.error = self.error, None
        self._touch(old)
        self.edit_succeeded.emit()

    def _touch(self, error: tuple[Key, str, str] | None) -> None:
        if error is None:
            return
        row, column = self.row_of(error[0]), self.spec.column(error[1])
        if row is not None and column is not None:
            index = self.index(row, column)
            self.dataChanged.emit(index, index)

    def _is_error_cell(self, record: Any, column: ColumnSpec) -> bool:
        return (
            self.error is not None
            and self.error[0] == self.spec.key(record)
            and self.error[1] == column.field
        )

    # --- Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.spec.columns):
            return None
        column = self.spec.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.is_number:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = self.spec.columns[index.column()]
        value = getattr(record, column.field)
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(value, self._names)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == KEY_ROLE:
            return self.spec.key(record)
        if role == CHOICES_ROLE:
            return self._choices_for(column)
        if role == DEFAULT_DATE_ROLE:
            return self._scope.default_day if self._scope is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), record, column, value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.is_number:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and column.kind == "enum":
            colour = tone_colour(value)
            return labels.dot(colour, 8) if colour is not None else None
        if role == Qt.ItemDataRole.BackgroundRole and self._is_error_cell(record, column):
            tint = QColor(colours().error_text)
            tint.setAlpha(45)
            return tint
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._is_error_cell(record, column):
                return colours().error_text
            if value is None or not self.in_quarter(index.row()):
                return colours().neutral
        return None

    def _choices_for(self, column: ColumnSpec) -> list[tuple[str, Any]] | None:
        if column.kind == "enum" and column.enum is not None:
            return [(member.label, member) for member in column.enum]
        if column.kind in REFERENCES:
            nobody = "No item" if column.kind == "roadmap" else "Nobody"
            return [(nobody, None), *self._choices.get(column.kind, [])]
        return None

    def _tooltip(self, row: int, record: Any, column: ColumnSpec, value: Any) -> str | None:
        if self._is_error_cell(record, column):
            assert self.error is not None
            return self.error[2]
        if not self.in_quarter(row) and self._scope is not None:
            return f"Outside {self._scope.quarter.title}: not part of this QBR"
        text = column.display(value, self._names)
        if column.kind not in NUMBERS and len(text) > 28:
            return text
        return column.tooltip or None
