"""Small helpers shared by the desktop tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView

from graph import schema as s
from graph.workspace import Workspace


def on_disk(path: Path) -> Workspace:
    """The workspace as another process would see it: a fresh open of the file."""
    return Workspace.open(path, readonly=True)


def person_named(path: Path, name: str) -> s.Person | None:
    with on_disk(path) as ws:
        found = ws.find(s.Person, name=name)
    return found[0] if found else None


def shown_with_workspace(qtbot: Any, window: Any) -> None:
    """Show a window from ``open_window`` and wait for its workspace: a window opening on its
    first look (desktop.shell.quick_start) loads it right after its first paint."""
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)


def show_account(window: Any, name: str) -> int:
    account = window.session.ws.account_named(name)
    window.accounts.select_account(account.id)
    assert window.session.account_id == account.id
    return account.id


def row_of(view: QAbstractItemView, column: int, text: str) -> QModelIndex:
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, column)
        if index.data() == text:
            return index
    raise AssertionError(f"no row with {text!r} in column {column}")


def click_cell(
    qtbot: Any, view: QAbstractItemView, index: QModelIndex, double: bool = False
) -> None:
    view.scrollTo(index)
    centre: QPoint = view.visualRect(index).center()
    if double:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    else:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def finish_editing(qtbot: Any, view: QAbstractItemView, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """Press Enter in the open cell editor; the delegate commits on the next event loop turn."""
    editor = view.focusWidget()
    assert editor is not None and view.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(editor, key)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=2000)
