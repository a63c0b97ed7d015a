"""The app keeps a team replica in step: live updates from the server, and its state shown."""

from __future__ import annotations

import sqlite3
import time
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


def test_a_change_pushed_elsewhere_shows_within_two_seconds(
    window: Any, qtbot: Any, alice_and_bob: tuple[str, Path, Path]
) -> None:
    qtbot.waitUntil(lambda: _status(window) == "Synced", timeout=10_000)
    qtbot.waitUntil(window.team_sync.sync.listener.listening.is_set, timeout=10_000)
    arrived: list[ChangeSet] = []
    window.session.signals.changed.connect(arrived.append)

    with Workspace.open(alice_and_bob[1], clock=clock_at(30)) as alice:
        alice.author = "Alice"
        person = alice.find(s.Person, name="Person 12")[0]
        alice.update(s.Person, person.id, title="Chief Medical Officer")
        started = time.perf_counter()
        assert team.sync(alice).pushed == 1

    def shown() -> bool:
        [bob_copy] = window.session.ws.find(s.Person, name="Person 12")
        return bob_copy.title == "Chief Medical Officer" and any(
            c.touches("people") for c in arrived
        )

    qtbot.waitUntil(shown, timeout=2_000)
    assert time.perf_counter() - started < 2.0
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
