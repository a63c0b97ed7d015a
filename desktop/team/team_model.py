"""Our team across the portfolio: one row per team member, edited in place with undo.

Name, role and email are edited in their cells, Active is a check box; each change is one
undo step on the session's stack. A refused value is announced by ``refused`` (field, message)
and the cell keeps its stored value.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication

from desktop.common.palette import secondary_text
from desktop.workspace import edits
from desktop.workspace.session import WorkspaceSession
from graph import schema as s
from graph.errors import RapportError, ValidationError
from graph.events import ChangeSet
from graph.operations import OpResult
from graph.vocabulary import TeamRole
from graph.workspace import Workspace

Index = QModelIndex | QPersistentModelIndex
MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1

NAME, ROLE, EMAIL, ACTIVE, ACCOUNTS = range(5)
COLUMNS = ("Name", "Role", "Email", "Active", "Works on")
FIELDS = {NAME: "name", ROLE: "role", EMAIL: "email"}
WATCHED = ("team_members", "account_team", "accounts")


class TeamModel(QAbstractTableModel):
    """``refused`` carries (field name, message) when the workspace refused an edit."""

    refused = Signal(str, str)

    def __init__(self, session: WorkspaceSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._members: list[s.TeamMember] = []
        self._accounts: dict[int, list[str]] = {}
        self._account_count = 0
        self._load()
        session.signals.changed.connect(self._on_changed)

    # --- content ------------------------------------------------------------------------------

    def _load(self) -> None:
        ws = self._session.ws
        self._members = ws.team()
        names = {a.id: a.name for a in ws.accounts()}  # archived accounts are not shown
        self._accounts = {}
        self._account_count = len(names)
        for link in ws.find(s.AccountTeam):
            if link.account_id in names:
                self._accounts.setdefault(link.member_id, []).append(names[link.account_id])
        for accounts in self._accounts.values():
            accounts.sort(key=str.casefold)

    def _works_on(self, member_id: int) -> str:
        accounts = self._accounts.get(member_id, [])
        if not accounts:
            return "No account yet"
        if len(accounts) > 2 and len(accounts) == self._account_count:
            return f"All {len(accounts)} accounts"
        return ", ".join(accounts)

    def _on_changed(self, changes: ChangeSet) -> None:
        if not changes.touches(*WATCHED):
            return
        before = [m.id for m in self._members]
        self._load()
        if [m.id for m in self._members] == before:
            # Same people in the same order: repaint in place, keeping selection and editors.
            if before:
                last = self.index(len(before) - 1, len(COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.endResetModel()

    def member(self, row: int) -> s.TeamMember:
        return self._members[row]

    def row_of(self, member_id: int) -> int:
        for row, m in enumerate(self._members):
            if m.id == member_id:
                return row
        return -1

    # --- edits --------------------------------------------------------------------------------

    def run(self, operation: Callable[[Workspace], OpResult], field: str = "") -> OpResult | None:
        """Apply an edit as one undo step; a refusal is announced by ``refused`` (None)."""
        try:
            return self._session.run(operation)
        except ValidationError as exc:
            self.refused.emit(exc.field or field, edits.message_of(exc, detail=True))
        except RapportError as exc:
            self.refused.emit(field, edits.message_of(exc))
        return None

    # --- Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == ACCOUNTS:
                return "The accounts they are assigned to; change them on the right"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in FIELDS:
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() == ACTIVE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._members):
            return None
        m = self._members[index.row()]
        column = index.column()
        if role == MEMBER_ID_ROLE:
            return m.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return m.name
            if column == ROLE:
                return m.role.label
            if column == EMAIL:
                return m.email
            if column == ACTIVE:
                return "Active" if m.active else "Inactive"
            return self._works_on(m.id)
        if role == Qt.ItemDataRole.EditRole and column in FIELDS:
            return getattr(m, FIELDS[column])
        if role == Qt.ItemDataRole.CheckStateRole and column == ACTIVE:
            return Qt.CheckState.Checked if m.active else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            dim = not m.active or (column == ACCOUNTS and not self._accounts.get(m.id))
            return secondary_text(QGuiApplication.palette()) if dim else None
        if role == Qt.ItemDataRole.FontRole and column == NAME and not m.active:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ACCOUNTS and self._accounts.get(m.id):
                return "\n".join(self._accounts[m.id])
            if not m.active:
                return f"{m.name} is inactive: kept in past interactions, offered for no new ones"
            if column in FIELDS:
                return "Double-click (or F2) to change"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        m = self._members[index.row()]
        column = index.column()
        if column == ACTIVE and role == Qt.ItemDataRole.CheckStateRole:
            active = Qt.CheckState(value) == Qt.CheckState.Checked
            if active == m.active:
                return False
            return self.run(edits.set_active(m, active), "active") is not None
        if column not in FIELDS or role != Qt.ItemDataRole.EditRole:
            return False
        field = FIELDS[column]
        if field == "role":
            value = TeamRole(value)
        else:
            value = str(value).strip()
        if value == getattr(m, field):
            return False
        label = COLUMNS[column].lower()
        return self.run(edits.edit(m, field, value, label), field) is not None
