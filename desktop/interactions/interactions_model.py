"""One account's interactions, newest first, with who attended on both sides."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from sqlalchemy import select

from desktop.common import labels
from desktop.common.palette import colours
from desktop.workspace.session import WorkspaceSession
from graph import schema as s
from graph.events import ChangeSet

Index = QModelIndex | QPersistentModelIndex
INTERACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SENTIMENT_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("When", "Kind", "Duration", "Customer", "Our team", "Summary", "Sentiment")
WATCHED = {"interactions", "interaction_people", "interaction_team", "people", "team_members"}


def to_local(value: dt.datetime) -> dt.datetime:
    """A stored naive-UTC time as naive local time, for display."""
    return value.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def to_utc(value: dt.datetime) -> dt.datetime:
    """A naive local time (from an editor) as naive UTC, for storing."""
    return value.astimezone(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Row:
    interaction: s.Interaction
    people: tuple[str, ...]
    team: tuple[str, ...]


class InteractionsModel(QAbstractTableModel):
    def __init__(self, session: WorkspaceSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._account_id: int | None = None
        self._rows: list[Row] = []
        session.signals.changed.connect(self._on_changed)

    def set_account(self, account_id: int | None) -> None:
        self._account_id = account_id
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = self._load()
        self.endResetModel()

    def _load(self) -> list[Row]:
        if self._account_id is None:
            return []
        ws = self._session.ws
        interactions = ws.interactions(self._account_id)
        ids = select(s.Interaction.id).where(s.Interaction.account_id == self._account_id)
        people = {p.id: p.name for p in ws.people(self._account_id)}
        team = {m.id: m.name for m in ws.team()}
        who: dict[int, list[str]] = {}
        ours: dict[int, list[str]] = {}
        for a in ws.find(s.InteractionPerson, s.InteractionPerson.interaction_id.in_(ids)):
            who.setdefault(a.interaction_id, []).append(people.get(a.person_id, "?"))
        for m in ws.find(s.InteractionMember, s.InteractionMember.interaction_id.in_(ids)):
            ours.setdefault(m.interaction_id, []).append(team.get(m.member_id, "?"))
        rows = [
            Row(i, tuple(sorted(who.get(i.id, ()))), tuple(sorted(ours.get(i.id, ()))))
            for i in interactions
        ]
        rows.sort(key=lambda r: (r.interaction.occurred_at, r.interaction.id), reverse=True)
        return rows

    def _on_changed(self, changes: ChangeSet) -> None:
        if self._account_id is None or not changes.touches(*WATCHED):
            return
        if changes.accounts and self._account_id not in changes.accounts:
            return
        self.refresh()

    def interaction(self, row: int) -> s.Interaction:
        return self._rows[row].interaction

    # --- Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        i = row.interaction
        column = index.column()
        if role == INTERACTION_ID_ROLE:
            return i.id
        if role == SENTIMENT_ROLE:
            return i.sentiment
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                labels.when(to_local(i.occurred_at)),
                i.kind.label,
                labels.minutes(i.duration_minutes),
                ", ".join(row.people),
                ", ".join(row.team),
                " ".join(i.summary.split()),
                labels.sentiment(i.sentiment),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{labels.when(to_local(i.occurred_at))} · {i.kind.label}"]
            lines.append("Customer: " + (", ".join(row.people) or "nobody"))
            lines.append("Our team: " + (", ".join(row.team) or "nobody"))
            if i.summary:
                lines.append("")
                lines.append(i.summary[:1000])
            return "\n".join(lines)
        if role == Qt.ItemDataRole.DecorationRole and column == 6:
            return labels.dot(colours().attitude(i.sentiment), 8)
        return None
