"""A conflict kept in the team conflicts window is one undo step: Edit > Undo lists it again
with the record as it was, and Redo decides it again (desktop.sync.conflicts_dialog)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from graph import schema as s
from graph.team import sync as team
from graph.workspace import Workspace
from tests.graph.team.conftest import Cluster, clock_at, team_of


@pytest.fixture
def workspace_path(cluster: Cluster, published: tuple[str, Path, Path], tmp_path: Path) -> Path:
    """Bob's replica, offline, holding one open conflict: Alice read Person 05's attitude as
    2, Bob as -2, while apart. Offline, a decision stays here until it is undone."""
    _database, alice, bob = team_of(cluster, published, tmp_path)
    for path, who, attitude, minutes in ((alice, "Alice", 2, 10), (bob, "Bob", -2, 20)):
        with Workspace.open(path, clock=clock_at(minutes)) as ws:
            ws.author = who
            ws.update(s.Person, ws.find(s.Person, name="Person 05")[0].id, attitude=attitude)
            team.sync(ws)
    with sqlite3.connect(bob) as conn:
        conn.execute(
            "UPDATE rapport_meta SET value = replace(value, ?, 'port=1') WHERE key = 'team_server'",
            (f"port={cluster.port}",),
        )
    conn.close()
    return bob


def _attitude(window: Any) -> int:
    return int(window.session.ws.find(s.Person, name="Person 05")[0].attitude)


def test_a_decision_is_undone_from_the_edit_menu_and_redone(window: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    sync = window.team_sync
    qtbot.waitUntil(lambda: sync.label.text().startswith("Offline"), timeout=10_000)
    qtbot.mouseClick(sync.label, Qt.MouseButton.LeftButton)
    dialog = sync.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.keep_first.text() == "Keep Alice's" and _attitude(window) == -2

    qtbot.mouseClick(dialog.keep_first, Qt.MouseButton.LeftButton)
    assert _attitude(window) == 2
    assert dialog.list.topLevelItem(0).text(4) == "first"
    assert not dialog.keep_first.isEnabled()
    undo = window.window_actions.undo
    assert undo.isEnabled() and undo.text() == "&Undo Keep Alice's side of conflict #1"
    # The status bar counts what waits: the attitude, its line in the attitude log, and
    # the decision.
    qtbot.waitUntil(lambda: sync.label.text() == "Offline · 3 changes waiting", timeout=10_000)

    undo.trigger()  # Edit > Undo
    assert _attitude(window) == -2
    row = dialog.list.topLevelItem(0)
    assert dialog.list.topLevelItemCount() == 1 and row.text(4) == ""
    assert row.text(2).startswith("2 — Alice") and row.text(3).startswith("-2 — Bob")
    assert dialog.keep_first.isEnabled() and dialog.keep_second.isEnabled()
    # The kept value and its undo wait to go out as ordinary edits (the attitude back, its
    # log line taken back); the decision no longer does.
    assert window.session.ws.find(s.TeamConflict)[0].keep is None
    qtbot.waitUntil(lambda: sync.label.text() == "Offline · 6 changes waiting", timeout=10_000)

    dialog.redo_action.trigger()  # the window's own Redo: decided again
    assert _attitude(window) == 2
    assert dialog.list.topLevelItem(0).text(4) == "first"
    assert window.session.ws.find(s.TeamConflict)[0].keep == "first"
    qtbot.waitUntil(lambda: sync.label.text() == "Offline · 11 changes waiting", timeout=10_000)
