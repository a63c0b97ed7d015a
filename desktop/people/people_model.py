"""The customer people of one account as a table, with their contact signals.

Stored fields are edited in place: ``setData`` pushes one undoable edit, and the model itself
refreshes from the workspace's change announcements (never by hand after an edit), so an undo,
the inspector and the map all land here the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from desktop.common import labels
from desktop.common.palette import colours
from desktop.workspace.edits import edit, message_of
from desktop.workspace.session import WorkspaceSession
from graph import schema as s
from graph.cadence import CadenceStatus
from graph.errors import RapportError
from graph.events import ChangeSet
from graph.vocabulary import Channel, DealRole, LabelledEnum, Level, PersonStatus

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

# Tables whose changes can move a row of this model (people, or their contact signals).
WATCHED = {
    "people",
    "relationships",
    "coverage",
    "interactions",
    "interaction_people",
    "interaction_team",
    "cadence_defaults",
    "team_members",
}


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    tooltip: str
    enum: type[LabelledEnum] | None = None
    minimum: int | None = None
    maximum: int | None = None
    editable: bool = True
    width: int = 110

    @property
    def is_number(self) -> bool:
        return self.minimum is not None


COLUMNS: tuple[Column, ...] = (
    Column("name", "Name", "Full name", width=170),
    Column("title", "Title", "Job title", width=170),
    Column("level", "Level", "Executive, management or operations", enum=Level),
    Column("role", "Role", "Role in the deal", enum=DealRole, width=135),
    Column("cadence_status", "Contact",
           "Due past the ideal interval, overdue past the maximum; new people wait one interval",
           editable=False, width=100),
    Column("last_contact", "Last contact", "Latest logged or imported interaction",
           editable=False, width=120),
    Column("influence", "Influence", "Power over the decision, 1 (low) to 5 (high)", minimum=1,
           maximum=5, width=80),
    Column("attitude", "Attitude", "From −2 (strong opponent) to +2 (strong supporter)",
           minimum=-2, maximum=2, width=140),
    Column("interest", "Interest", "Interest in the project, 1 (low) to 5 (high)", minimum=1,
           maximum=5, width=80),
    Column("cadence_days", "Cadence", "Target days between contacts (0: the role's default)",
           minimum=0, maximum=3650, width=95),
    Column("coverage", "Coverage", "Contact in the last 180 days", editable=False, width=95),
    Column("department", "Department", "Department or team", width=130),
    Column("status", "Status", "Active, left the company or on leave", enum=PersonStatus,
           width=90),
    Column("channel", "Channel", "Preferred channel", enum=Channel, width=85),
    Column("email", "Email", "Email address", width=190),
    Column("phone", "Phone", "Phone number", width=120),
)  # fmt: skip

COLUMN_INDEX = {c.key: i for i, c in enumerate(COLUMNS)}


class PeopleModel(QAbstractTableModel):
    """``edit_failed`` carries the message of an edit the workspace refused."""

    edit_failed = Signal(str)

    def __init__(self, session: WorkspaceSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._account_id: int | None = None
        self._people: list[s.Person] = []
        self._signals: Any = None
        session.signals.changed.connect(self._on_changed)

    # --- content ------------------------------------------------------------------------------

    def set_account(self, account_id: int | None) -> None:
        self._account_id = account_id
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def _load(self, people: list[s.Person] | None = None) -> None:
        ws = self._session.ws
        if people is None:
            people = ws.people(self._account_id) if self._account_id is not None else []
        self._people = people
        self._signals = self._session.analysis.account(self._account_id)

    def refresh(self) -> None:
        """Reload from the workspace, keeping rows (and so the view's selection) when the same
        people are still there."""
        before = [p.id for p in self._people]
        people = self._session.ws.people(self._account_id) if self._account_id else []
        if [p.id for p in people] != before:
            self.beginResetModel()
            self._load(people)
            self.endResetModel()
            return
        self._load(people)
        if self._people:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._people) - 1, len(COLUMNS) - 1)
            )

    def _on_changed(self, changes: ChangeSet) -> None:
        if self._account_id is None or not changes.touches(*WATCHED):
            return
        if changes.accounts and self._account_id not in changes.accounts:
            return
        self.refresh()

    def person(self, row: int) -> s.Person:
        return self._people[row]

    def row_of(self, person_id: int) -> int | None:
        for row, p in enumerate(self._people):
            if p.id == person_id:
                return row
        return None

    # --- Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()].editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._people):
            return None
        person = self._people[index.row()]
        column = COLUMNS[index.column()]
        getter = _ROLES.get(role)
        if role == PERSON_ID_ROLE:
            return person.id
        if getter is None:
            return None
        return getter(self, person, column)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = COLUMNS[index.column()]
        if not column.editable:
            return False
        person = self._people[index.row()]
        if column.key == "cadence_days" and value in (0, None):
            value = None
        elif column.enum is not None and not isinstance(value, Enum):
            try:
                value = column.enum.parse(str(value))
            except ValueError as exc:
                self.edit_failed.emit(str(exc))
                return False
        elif isinstance(value, str):
            value = value.strip()
        if getattr(person, column.key) == value:
            return False
        try:
            self._session.run(edit(person, column.key, value, column.title.lower()))
        except RapportError as exc:
            self.edit_failed.emit(message_of(exc))
            return False
        return True

    # --- cell values --------------------------------------------------------------------------

    def _person_signals(self, person: s.Person) -> Any:
        return self._signals.people.get(person.id) if self._signals is not None else None

    def _display(self, person: s.Person, column: Column) -> Any:
        key = column.key
        sig = self._person_signals(person)
        if key == "last_contact":
            if sig is None:
                return ""
            return labels.day(sig.last_contact, "Never")
        if key == "cadence_status":
            return sig.cadence_status.value.capitalize() if sig else ""
        if key == "coverage":
            return sig.coverage.label if sig else ""
        value = getattr(person, key)
        if key == "attitude":
            return labels.attitude(value)
        if key == "cadence_days":
            if value is None:
                return f"Default ({sig.cadence.ideal_days} d)" if sig else "Default"
            return f"{value} d"
        if column.enum is not None:
            return value.label
        return value

    def _edit_value(self, person: s.Person, column: Column) -> Any:
        if not column.editable:
            return None
        value = getattr(person, column.key)
        if column.key == "cadence_days" and value is None:
            return 0
        return value

    def _sort_value(self, person: s.Person, column: Column) -> Any:
        sig = self._person_signals(person)
        key = column.key
        if key == "last_contact":
            return sig.last_contact.toordinal() if sig and sig.last_contact else 0
        if key == "cadence_status":
            order = {
                CadenceStatus.NEW: 0,
                CadenceStatus.OK: 1,
                CadenceStatus.DUE: 2,
                CadenceStatus.OVERDUE: 3,
            }
            return order[sig.cadence_status] if sig else -1
        if key == "coverage":
            return sig.coverage.value if sig else ""
        value = getattr(person, key)
        if key == "cadence_days":
            return value if value is not None else (sig.cadence.ideal_days if sig else 0)
        if column.enum is not None:
            return list(column.enum).index(value)
        return value.casefold() if isinstance(value, str) else value

    def _decoration(self, person: s.Person, column: Column) -> Any:
        sig = self._person_signals(person)
        if column.key == "cadence_status" and sig is not None:
            return labels.dot(colours().cadence(sig.cadence_status))
        if column.key == "attitude":
            return labels.dot(colours().attitude(person.attitude), 8)
        return None

    def _tooltip(self, person: s.Person, column: Column) -> Any:
        sig = self._person_signals(person)
        if column.key in ("last_contact", "cadence_status") and sig is not None:
            return (
                f"Last contact {labels.ago(sig.days_since_contact)}; due every "
                f"{sig.cadence.ideal_days} days, overdue after {sig.cadence.max_days}"
            )
        if column.key == "name" and person.notes:
            return person.notes[:400]
        text = self._display(person, column)
        return text if isinstance(text, str) and len(text) > 18 else None

    def _alignment(self, person: s.Person, column: Column) -> Any:
        if column.key in ("influence", "interest", "cadence_days"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _foreground(self, person: s.Person, column: Column) -> Any:
        if person.status is not PersonStatus.ACTIVE:
            return colours().neutral
        return None


_ROLES: dict[int, Callable[[PeopleModel, s.Person, Column], Any]] = {
    Qt.ItemDataRole.DisplayRole: PeopleModel._display,
    Qt.ItemDataRole.EditRole: PeopleModel._edit_value,
    SORT_ROLE: PeopleModel._sort_value,
    Qt.ItemDataRole.DecorationRole: PeopleModel._decoration,
    Qt.ItemDataRole.ToolTipRole: PeopleModel._tooltip,
    Qt.ItemDataRole.TextAlignmentRole: PeopleModel._alignment,
    Qt.ItemDataRole.ForegroundRole: PeopleModel._foreground,
}


class PeopleFilter(QSortFilterProxyModel):
    """Filters by free text (name, title, department, email), level, role and contact status."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.level: Level | None = None
        self.role: DealRole | None = None
        self.cadence: CadenceStatus | None = None
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def _refilter(self, apply: Callable[[], None]) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateRowsFilter()

    def set_text(self, text: str) -> None:
        def apply() -> None:
            self._text = text.strip().casefold()

        self._refilter(apply)

    def set_filters(
        self,
        level: Level | None = None,
        role: DealRole | None = None,
        cadence: CadenceStatus | None = None,
    ) -> None:
        def apply() -> None:
            self.level, self.role, self.cadence = level, role, cadence

        self._refilter(apply)

    @property
    def active(self) -> bool:
        return bool(self._text) or any(f is not None for f in (self.level, self.role, self.cadence))

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, PeopleModel):
            return True
        person = model.person(source_row)
        if self.level is not None and person.level != self.level:
            return False
        if self.role is not None and person.role != self.role:
            return False
        if self.cadence is not None:
            sig = model._person_signals(person)
            if sig is None or sig.cadence_status != self.cadence:
                return False
        if self._text:
            haystack = " ".join(
                (person.name, person.title, person.department, person.email)
            ).casefold()
            return all(word in haystack for word in self._text.split())
        return True
