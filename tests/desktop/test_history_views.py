"""The history in the app: a person's from the inspector, an account's from the menu, and who
the user is, remembered per workspace."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.common import ask
from desktop.history.history_dialog import HistoryDialog
from desktop.history.history_model import HEADERS, HistoryModel
from desktop.shell.settings import Settings
from graph import schema as s
from graph.history import account_history
from graph.nodes import person_node
from tests.desktop.helpers import show_account


def cells(dialog: HistoryDialog, row: int) -> dict[str, str]:
    model = dialog.model
    return {h: model.data(model.index(row, c)) for c, h in enumerate(HEADERS)}


def test_your_name_person_history_and_account_history(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[list[str]] = []

    def choose(parent: object, title: str, label: str, items: list[str], current: str = "") -> str:
        asked.append(items)
        return "Tina Tam"

    monkeypatch.setattr(ask, "choice", choose)
    window.window_actions.your_name.trigger()
    ws = window.session.ws
    assert ws.author == "Tina Tam" and asked
    assert Settings().author(window.session.path) == "Tina Tam"

    account_id = show_account(window, "Northwind Logistics")
    person = ws.people(account_id)[0]
    ws.update(s.Person, person.id, title="Chief Platform Officer")
    window.session.selection.set_nodes([person_node(person.id)], source=None)
    inspector = window.inspector
    assert inspector.history.isVisible()
    qtbot.mouseClick(inspector.history, Qt.MouseButton.LeftButton)
    dialog = inspector.findChild(HistoryDialog, "history_dialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == f"History of {person.name}"
    newest = cells(dialog, 0)
    assert newest["Who"] == "Tina Tam" and newest["Field"] == "Title" and newest["From"] == "Edit"
    assert newest["Old"] == person.title and newest["New"] == "Chief Platform Officer"
    assert newest["What"] == f"Person {person.name}"
    dialog.close()

    window.session.selection.set_nodes([], source=None)
    assert not inspector.history.isVisible()  # the account is on show
    window.window_actions.account_history.trigger()
    dialog = window.findChild(HistoryDialog, "history_dialog")
    assert dialog is not None and dialog.windowTitle() == "History of Northwind Logistics"
    assert dialog.model.rowCount() == len(account_history(ws, account_id)) >= 1


def test_history_model(qtmodeltester: Any, window: Any) -> None:
    ws = window.session.ws
    account_id = show_account(window, "Northwind Logistics")
    for i in range(3):
        ws.update(s.Account, account_id, arr=1000.0 + i)
    model = HistoryModel(account_history(ws, account_id))
    qtmodeltester.check(model)
    assert [model.data(model.index(r, 3)) for r in range(3)] == ["ARR"] * 3
    assert model.data(model.index(0, 5)) == "1002.0"
