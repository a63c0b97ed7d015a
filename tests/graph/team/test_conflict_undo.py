"""Deciding a team conflict is an edit like any other: undone, the record is back and the
conflict is open again exactly as it was; redone, it is decided again (graph.team.conflicts).

Against a real PostgreSQL server (the ``cluster`` fixture), as tests/graph/team/test_sync.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph import schema as s
from graph.history import record_history
from graph.operations import OpResult, bind, perform
from graph.team import sync as team
from graph.team.conflicts import decide, open_conflicts, resolve
from graph.team.replica import waiting
from graph.workspace import Workspace
from tests.graph.team.conftest import Cluster, clock_at, team_of


@pytest.fixture
def apart(cluster: Cluster, published: tuple[str, Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """Alice read Person 01's influence as 5, Bob as 1, while apart; both synced since."""
    _database, alice, bob = team_of(cluster, published, tmp_path)
    for path, who, influence, minutes in ((alice, "Alice", 5, 10), (bob, "Bob", 1, 20)):
        with Workspace.open(path, clock=clock_at(minutes)) as ws:
            ws.author = who
            ws.update(s.Person, _person(ws).id, influence=influence)
            team.sync(ws)
    with Workspace.open(alice, clock=clock_at(30)) as ws:
        team.sync(ws)  # Alice hears of the conflict too
    return alice, bob


def _person(ws: Workspace) -> s.Person:
    return ws.find(s.Person, name="Person 01")[0]


def _row(ws: Workspace) -> dict[str, Any]:
    [conflict] = ws.find(s.TeamConflict)
    return conflict.values()


def _sources(ws: Workspace) -> list[tuple[str, Any]]:
    lines = record_history(ws, s.Person, _person(ws).id)
    return [(x.source, x.new) for x in lines if x.field == "influence"]


def test_undo_reopens_the_conflict_as_it_was_and_redo_decides_again(
    apart: tuple[Path, Path],
) -> None:
    with Workspace.open(apart[0], clock=clock_at(40)) as alice:
        alice.author = "Alice"
        before_value, before_row = _person(alice).influence, _row(alice)
        [view] = open_conflicts(alice)
        assert before_row["keep"] is None and before_value == 1  # Bob's came later
        assert (view.first.author, view.first.value, view.second.author) == ("Alice", "5", "Bob")

        done: OpResult = perform(alice, bind(decide, view.id, "mine"), "edit")
        assert done.title == "Keep Alice's side of conflict #1"
        assert _person(alice).influence == 5
        assert open_conflicts(alice)[0].decided == "first"
        first_stamp = _row(alice)["decided_hlc"]
        assert done.changes.touches("people") and done.changes.touches("team_conflicts")
        assert waiting(alice) == 2  # the kept value and the decision

        undone = perform(alice, done.inverse, "undo")
        assert _person(alice).influence == before_value
        assert _row(alice) == before_row  # the same row, its sides and stamps untouched
        assert open_conflicts(alice) == [view]

        redone = perform(alice, undone.inverse, "redo")
        assert _person(alice).influence == 5
        decided = _row(alice)
        assert (decided["keep"], decided["decided_by"]) == ("first", "Alice")
        assert decided["decided_hlc"] > first_stamp  # a new decision, to send as such
        # The history holds all three, each saying where it came from.
        assert _sources(alice)[-3:] == [("conflict", 5), ("undo", 1), ("redo", 5)]

        perform(alice, redone.inverse, "undo")  # and back once more: still open
        assert open_conflicts(alice) == [view] and _row(alice) == before_row


def test_a_decision_undone_before_the_sync_leaves_the_conflict_open_for_everyone(
    apart: tuple[Path, Path],
) -> None:
    alice_path, bob_path = apart
    with Workspace.open(alice_path, clock=clock_at(40)) as alice:
        alice.author = "Alice"
        done = perform(alice, bind(decide, 1, "first"), "edit")
        perform(alice, done.inverse, "undo")
        # The kept value and its undo go out as ordinary edits; no decision goes with them.
        assert team.sync(alice).conflicts == 1
        assert _person(alice).influence == 1 and open_conflicts(alice)[0].decided is None
    with Workspace.open(bob_path, clock=clock_at(50)) as bob:
        assert team.sync(bob).conflicts == 1
        assert _person(bob).influence == 1


def test_a_redone_decision_goes_out_and_closes_the_conflict(apart: tuple[Path, Path]) -> None:
    alice_path, bob_path = apart
    with Workspace.open(alice_path, clock=clock_at(40)) as alice:
        alice.author = "Alice"
        done = perform(alice, bind(decide, 1, "mine"), "edit")
        perform(alice, perform(alice, done.inverse, "undo").inverse, "redo")
        assert team.sync(alice).conflicts == 0
    with Workspace.open(bob_path, clock=clock_at(50)) as bob:
        assert team.sync(bob).conflicts == 0
        assert _person(bob).influence == 5 and open_conflicts(bob) == []


def test_undone_after_the_decision_went_out_the_value_comes_back_as_an_edit(
    apart: tuple[Path, Path],
) -> None:
    with Workspace.open(apart[0], clock=clock_at(40)) as alice:
        alice.author = "Alice"
        done = perform(alice, bind(decide, 1, "mine"), "edit")
        assert team.sync(alice).conflicts == 0  # the server closed it
        perform(alice, done.inverse, "undo")
        # The server's conflict stays closed: the undo is an ordinary edit that goes out.
        assert open_conflicts(alice) == [] and _person(alice).influence == 1
        assert waiting(alice) == 1
        team.sync(alice)
        assert _person(alice).influence == 1 and waiting(alice) == 0


def test_the_command_line_decides_through_the_same_operation(apart: tuple[Path, Path]) -> None:
    with Workspace.open(apart[0], clock=clock_at(40)) as alice:
        alice.author = "Alice"
        assert resolve(alice, 1, "theirs") == "conflict #1: kept the second side (kept)"
        assert open_conflicts(alice)[0].decided == "second"
        assert _person(alice).influence == 1  # Bob's, already held: only the decision waits
        assert waiting(alice) == 1
