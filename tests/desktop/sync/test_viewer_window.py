"""A viewer's replica opens read-only: every edit of the window is off and says why."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from graph import schema as s
from graph.operations import bind, edit_fields
from graph.team import sync as team
from graph.team.errors import ViewerError
from tests.graph.team.conftest import Cluster, clock_at, team_of

MESSAGE = "You are a viewer of this portfolio; ask an owner for edit rights"


@pytest.fixture
def team_url(cluster: Cluster, published: tuple[str, Path, Path], tmp_path: Path) -> Any:
    database, _alice, _bob = team_of(cluster, published, tmp_path)
    return lambda login: cluster.url(login, database)


@pytest.fixture
def workspace_path(team_url: Any, tmp_path: Path) -> Path:
    team.set_member(team_url("alice"), "victor", "viewer")
    path = tmp_path / "victor.rapport"
    team.clone(team_url("victor"), path, clock=clock_at())
    return path  # the window opens Victor's replica


def _status(win: Any) -> str:
    assert win.team_sync is not None
    return str(win.team_sync.label.text())


def _edits(win: Any) -> list[Any]:
    a = win.window_actions
    return [
        a.import_file,
        a.delete,
        a.add_account,
        a.rename_account,
        a.archive_account,
        a.add_person,
        a.log_interaction,
        a.our_team,
    ]


def test_a_viewer_sees_everything_and_can_edit_nothing(window: Any, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: _status(window) == "Viewer · read only", timeout=10_000)
    assert window.team_sync.label.toolTip() == MESSAGE
    for action in _edits(window):
        assert not action.isEnabled(), action.text()
        assert action.toolTip() == MESSAGE
    assert window.window_actions.export_qbr.isEnabled()  # reading and exporting stay
    for form in window.inspector.forms.values():
        assert not form.isEnabled() and form.toolTip() == MESSAGE
    # Whatever reaches the workspace anyway (a map drag, a dropped file) is refused.
    ws = window.session.ws
    person = ws.find(s.Person, name="Person 02")[0]
    with pytest.raises(ViewerError):
        window.session.run(bind(edit_fields, s.Person, person.id, title="CEO"))
    assert ws.get(s.Person, person.id).title == "Director"


def test_made_an_editor_the_window_opens_up_at_the_next_sync(
    window: Any, qtbot: Any, team_url: Any
) -> None:
    qtbot.waitUntil(lambda: _status(window) == "Viewer · read only", timeout=10_000)
    team.set_member(team_url("alice"), "victor", "editor")
    window.team_sync.sync.sync_now()
    qtbot.waitUntil(lambda: _status(window) == "Synced", timeout=10_000)
    a = window.window_actions
    for action in (a.import_file, a.add_account, a.add_person, a.our_team):
        assert action.isEnabled(), action.text()
        assert action.toolTip() != MESSAGE
    assert all(form.isEnabled() for form in window.inspector.forms.values())
    person = window.session.ws.find(s.Person, name="Person 02")[0]
    window.session.run(bind(edit_fields, s.Person, person.id, title="CEO"))
    assert window.session.ws.get(s.Person, person.id).title == "CEO"


@pytest.fixture
def viewer_offline(workspace_path: Path, cluster: Cluster) -> Path:
    with sqlite3.connect(workspace_path) as conn:
        conn.execute(
            "UPDATE rapport_meta SET value = replace(value, ?, 'port=1') WHERE key = 'team_server'",
            (f"port={cluster.port}",),
        )
    conn.close()
    return workspace_path


def test_offline_a_viewer_still_reads_why_nothing_is_editable(
    viewer_offline: Path, window: Any, qtbot: Any
) -> None:
    qtbot.waitUntil(lambda: _status(window) == "Offline · read only", timeout=10_000)
    tip = window.team_sync.label.toolTip()
    assert "cannot reach the team server" in tip and tip.endswith(MESSAGE)
    assert not window.window_actions.add_person.isEnabled()
