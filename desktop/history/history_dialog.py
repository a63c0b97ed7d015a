"""History windows: every change of one person (from the inspector) or of one account
(Account > History…), newest first, with who made it and where it came from."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.history.history_model import HistoryModel
from graph import schema as s
from graph.history import account_history, person_history
from graph.workspace import Workspace


class HistoryDialog(QDialog):
    def __init__(self, title: str, model: HistoryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.setWindowTitle(title)
        self.model = model
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        count = model.rowCount()
        summary = QLabel(
            f"{count} change{'s' if count != 1 else ''}" if count else "No changes recorded yet."
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(1040, 480)


def person_history_dialog(parent: QWidget | None, ws: Workspace, person_id: int) -> HistoryDialog:
    person = ws.get(s.Person, person_id)
    people = {p.id: p.name for p in ws.people(person.account_id)}
    members = {m.id: m.name for m in ws.team()}
    names: dict[tuple[str, str | None], str] = {("people", person.uid): person.name}
    model = HistoryModel(person_history(ws, person_id), names, people, members)
    return HistoryDialog(f"History of {person.name}", model, parent)


def account_history_dialog(parent: QWidget | None, ws: Workspace, account_id: int) -> HistoryDialog:
    account = ws.get(s.Account, account_id)
    names: dict[tuple[str, str | None], str] = {("accounts", account.uid): account.name}
    people = ws.people(account_id)
    names.update((("people", p.uid), p.name) for p in people)
    titled: list[s.Win | s.Risk | s.Goal | s.ActionItem | s.Ticket | s.Incident | s.CustomerRequest]
    titled = [
        *ws.find(s.Win, account_id=account_id),
        *ws.find(s.Risk, account_id=account_id),
        *ws.find(s.Goal, account_id=account_id),
        *ws.find(s.ActionItem, account_id=account_id),
        *ws.find(s.Ticket, account_id=account_id),
        *ws.find(s.Incident, account_id=account_id),
        *ws.find(s.CustomerRequest, account_id=account_id),
    ]
    names.update(((r.__tablename__, r.uid), r.title) for r in titled)
    members = {m.id: m.name for m in ws.team()}
    model = HistoryModel(
        account_history(ws, account_id), names, {p.id: p.name for p in people}, members
    )
    return HistoryDialog(f"History of {account.name}", model, parent)
