"""The app keeps a team replica in step: live updates from the server, and its state shown."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop.sync.state import SyncState
from graph import schema as s
from graph.events import ChangeSet
from graph.team import sync as team
from graph.workspace import Workspace
from tests.graph.team.conftest import Cluster, clock_at, team_of


@pytest.fixture
def alice_and_bob(cluster: Cluster, published: tuple[str, Path, Path], tmp_path: Path) -> Any:
    return team_of(cluster, published, tmp_path)


@pytest.fixture
def workspace_path(alice_and_bob: tuple[str, Path, Path]) -> Path:
    return alice_and_bob[2]  # the window opens Bob's replica


def _status(win: Any) -> str:
    assert win.team_sync is not None
    return str(win.team_sync.label.text())


def test_a_change_pushed_elsewhere_shows_live(
    window: Any, qtbot: Any, alice_and_bob: tuple[str, Path, Path]
) -> None:
    qtbot.waitUntil(lambda: _status(window) == "Synced", timeout=10_000)
    qtbot.waitUntil(window.team_sync.sync.listener.listening.is_set, timeout=10_000)
    # With the periodic sync stopped, only the live listener can bring the change in: that
    # is the property, pinned without a stopwatch (the wait below only guards a hang).
    window.team_sync.sync._every.stop()
    arrived: list[ChangeSet] = []
    window.session.signals.changed.connect(arrived.append)

    with Workspace.open(alice_and_bob[1], clock=clock_at(30)) as alice:
        alice.author = "Alice"
        person = alice.find(s.Person, name="Person 12")[0]
        alice.update(s.Person, person.id, title="Chief Medical Officer")
        assert team.sync(alice).pushed == 1

    def shown() -> bool:
        [bob_copy] = window.session.ws.find(s.Person, name="Person 12")
        return bob_copy.title == "Chief Medical Officer" and any(
            c.touches("people") for c in arrived
        )

    qtbot.waitUntil(shown, timeout=120_000)
    assert not window.team_sync.sync._every.isActive()
    assert _status(window) == "Synced"


@pytest.fixture
def unreachable(alice_and_bob: tuple[str, Path, Path], cluster: Cluster) -> Path:
    bob = alice_and_bob[2]
    with sqlite3.connect(bob) as conn:
        conn.execute(
            "UPDATE rapport_meta SET value = replace(value, ?, 'port=1') WHERE key = 'team_server'",
            (f"port={cluster.port}",),
        )
    conn.close()
    return bob


def test_offline_the_status_bar_counts_what_waits(
    unreachable: Path, window: Any, qtbot: Any
) -> None:
    qtbot.waitUntil(lambda: _status(window) == "Offline", timeout=10_000)
    ws = window.session.ws
    person = ws.find(s.Person, name="Person 03")[0]
    ws.update(s.Person, person.id, title="Head of Nursing")
    qtbot.waitUntil(lambda: _status(window) == "Offline · 1 change waiting", timeout=10_000)
    assert "cannot reach the team server" in window.team_sync.label.toolTip()


def test_the_states_read_as_people_say_them() -> None:
    assert SyncState("synced").text == "Synced"
    assert SyncState("conflicts", conflicts=2).text == "2 conflicts to decide"
    assert SyncState("offline", waiting=3).text == "Offline · 3 changes waiting"
    assert SyncState("viewer").text == "Viewer · read only"
    assert SyncState("offline", read_only=True).text == "Offline · read only"


def _attitudes(path: Path, who: str, value: int, minutes: int) -> None:
    with Workspace.open(path, clock=clock_at(minutes)) as ws:
        ws.author = who
        ws.update(s.Person, ws.find(s.Person, name="Person 05")[0].id, attitude=value)
        team.sync(ws)


@pytest.fixture
def disagreeing(alice_and_bob: tuple[str, Path, Path]) -> Path:
    """Alice and Bob read Person 05 differently, apart; both synced since."""
    _, alice, bob = alice_and_bob
    _attitudes(alice, "Alice", 2, 10)
    _attitudes(bob, "Bob", -2, 20)
    return bob


def test_a_conflict_is_decided_from_the_status_bar(
    disagreeing: Path, window: Any, qtbot: Any
) -> None:
    from PySide6.QtCore import Qt

    qtbot.waitUntil(lambda: _status(window) == "1 conflict to decide", timeout=10_000)
    qtbot.mouseClick(window.team_sync.label, Qt.MouseButton.LeftButton)
    dialog = window.team_sync.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.list.topLevelItemCount() == 1
    row = dialog.list.topLevelItem(0)
    assert (row.text(0), row.text(1)) == ("Person Person 05", "attitude")
    assert row.text(2).startswith("2 — Alice") and row.text(3).endswith("(mine)")
    assert dialog.keep_first.text() == "Keep Alice's"

    qtbot.mouseClick(dialog.keep_first, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _status(window) == "Synced", timeout=10_000)
    assert window.session.ws.find(s.Person, name="Person 05")[0].attitude == 2
    qtbot.waitUntil(lambda: dialog.empty.isVisible(), timeout=5_000)
