"""The one undo adapter: an operation runs once, its undo and redo replay its inverse, a refusal
pushes nothing, and one title edit costs one write transaction and one computation of signals."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import event

from desktop.workspace import edits
from desktop.workspace.undo_operation import push_result, run_operation
from graph import operations as ops
from graph import schema as s
from graph import signals as signals_module
from graph.errors import ValidationError
from graph.workspace import Workspace
from tests.desktop.conftest import Dialogs
from tests.desktop.helpers import on_disk, person_named, show_account
from tests.desktop.portfolio import build_portfolio


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = build_portfolio(tmp_path / "p.rapport")
    yield workspace
    workspace.close()


def _ana(ws: Workspace) -> s.Person:
    return ws.find(s.Person, name="Ana Ruiz")[0]


def test_an_edit_runs_once_and_undo_redo_replay_it(qapp: Any, ws: Workspace) -> None:
    stack = QUndoStack()
    ana = _ana(ws)
    ran: list[str] = []
    ws.changed.connect(lambda changes: ran.append("changed"))
    run_operation(stack, ws, edits.edit(ana, "title", "CTO", "title"))
    assert ran == ["changed"]  # pushing did not run it a second time
    assert stack.undoText() == "Edit title of Ana Ruiz"
    assert ws.get(s.Person, ana.id).title == "CTO"
    for _ in range(2):
        stack.undo()
        assert ws.get(s.Person, ana.id).title == "CIO"
        stack.redo()
        assert ws.get(s.Person, ana.id).title == "CTO"
    assert stack.count() == 1


def test_undo_and_redo_are_tagged_for_the_change_history(
    qapp: Any, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources: list[str] = []
    real = ops.perform

    def perform(ws: Workspace, operation: Any, source: str) -> ops.OpResult:
        sources.append(source)
        return real(ws, operation, source)

    monkeypatch.setattr("desktop.workspace.undo_operation.perform", perform)
    stack = QUndoStack()
    run_operation(stack, ws, edits.edit(_ana(ws), "title", "CTO", "title"))
    stack.undo()
    stack.redo()
    assert sources == ["edit", "undo", "redo"]


def test_a_refused_edit_pushes_nothing_and_writes_nothing(qapp: Any, ws: Workspace) -> None:
    stack = QUndoStack()
    ana = _ana(ws)
    with pytest.raises(ValidationError) as refused:
        run_operation(stack, ws, edits.edit(ana, "influence", 9, "influence"))
    assert refused.value.field == "influence"
    assert stack.count() == 0
    assert ws.get(s.Person, ana.id).influence == ana.influence


def test_an_edit_that_changes_nothing_is_no_step(qapp: Any, ws: Workspace) -> None:
    stack = QUndoStack()
    run_operation(stack, ws, edits.edit(_ana(ws), "title", "CIO", "title"))
    assert stack.count() == 0


def test_an_undo_that_cannot_be_done_is_explained_and_leaves_the_stack(
    qapp: Any, ws: Workspace, dialogs: Dialogs
) -> None:
    stack = QUndoStack()
    ana = _ana(ws)
    run_operation(stack, ws, edits.edit(ana, "title", "CTO", "title"))
    ws.remove(s.Person, ana.id)  # meanwhile, outside the stack (another window, say)
    stack.undo()
    assert dialogs.errors == [f"Person {ana.id} does not exist"]
    assert stack.count() == 0


def test_work_done_elsewhere_is_pushed_without_running_again(qapp: Any, ws: Workspace) -> None:
    stack = QUndoStack()
    result = ops.add_person(ws, _ana(ws).account_id, "Fay Ng")
    push_result(stack, ws, result, "Add Fay Ng")
    assert len(ws.find(s.Person, name="Fay Ng")) == 1
    stack.undo()
    assert ws.find(s.Person, name="Fay Ng") == []
    stack.redo()
    assert ws.get(s.Person, result.new_id("people")).name == "Fay Ng"


# --- in the window ----------------------------------------------------------------------------


def test_edit_delete_removes_a_selected_team_member_from_the_account_as_the_map_does(
    qtbot: Any, window: Any
) -> None:
    path = window.session.path
    show_account(window, "Northwind Logistics")
    ws = window.session.ws
    sam = ws.find(s.TeamMember, name="Sam Patel")[0]
    eli = ws.find(s.Person, name="Eli Hart")[0]
    covered = {c.person_id for c in ws.find(s.Coverage, member_id=sam.id)}
    assert covered
    window.session.selection.set_nodes([f"t{sam.id}", f"p{eli.id}"], source="test")
    window.window_actions.delete.trigger()
    with on_disk(path) as fresh:
        assert fresh.find(s.Coverage, member_id=sam.id) == []
        assert fresh.get(s.TeamMember, sam.id).name == "Sam Patel"  # still on the team
    assert person_named(path, "Eli Hart") is None
    assert window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    with on_disk(path) as fresh:
        assert {c.person_id for c in fresh.find(s.Coverage, member_id=sam.id)} == covered
    assert person_named(path, "Eli Hart") is not None


@pytest.mark.parametrize("real_map", [False, True])
def test_one_title_edit_costs_one_write_and_one_computation_of_signals(
    qtbot: Any, window: Any, real_map: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = window.session
    account_id = show_account(window, "Northwind Logistics")
    eli = session.ws.find(s.Person, name="Eli Hart")[0]
    session.selection.set_nodes([f"p{eli.id}"], source="test")
    # The portfolio's first computation (on a worker) has landed: both accounts are known.
    qtbot.waitUntil(lambda: len(session.analysis.portfolio()) == 2, timeout=5000)
    session.analysis.wait()
    title = window.inspector.person.fields["title"].editor
    assert isinstance(title, QLineEdit)
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Senior SRE")

    statements: Counter[str] = Counter()
    commits: list[int] = []
    computed: Counter[int] = Counter()

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements[" ".join(statement.split()[:2]) if statement.startswith("BEGIN") else
                   statement.split()[0]] += 1  # fmt: skip

    real = signals_module.compute_signals

    def compute(facts: Any, *args: Any, **kwargs: Any) -> Any:
        computed[facts.account.id] += 1
        return real(facts, *args, **kwargs)

    monkeypatch.setattr(signals_module, "compute_signals", compute)
    engine = session.ws.engine
    event.listen(engine, "before_cursor_execute", seen)
    event.listen(engine, "commit", lambda conn: commits.append(1))
    try:
        qtbot.keyClick(title, Qt.Key.Key_Return)
        qtbot.wait(100)  # the portfolio is patched on the next turn of the event loop
        session.analysis.wait()
        qtbot.wait(20)
    finally:
        event.remove(engine, "before_cursor_execute", seen)

    assert person_named(session.path, "Eli Hart").title == "Senior SRE"
    assert session.undo_stack.undoText() == "Edit title of Eli Hart"
    assert statements["UPDATE"] == 1
    assert statements["BEGIN IMMEDIATE"] == 1  # the edit's one transaction ...
    assert len(commits) == 1  # ... committed once
    # The views' refresh reads are deferred transactions (plain BEGIN): no write lock.
    assert computed == {account_id: 1}  # the people table, inspector and account list share it
    portfolio = session.analysis.portfolio()
    assert portfolio[account_id] is session.analysis.account(account_id)
    assert len(portfolio) == 2  # the other account's signals are kept
    # Before operations: 2 UPDATEs, 22 transactions (24 with the map), 36 SELECTs (38), signals
    # computed twice (the table, then the portfolio on a worker).
    # The change log adds reads: the newest stamp to order the edit, and, for the as-of read
    # of the signals, which tables changed since and when each person was first recorded.
    # And one: may this file be edited (a viewer's team replica may not: graph.team.role).
    assert statements["SELECT"] <= (26 if real_map else 25), statements
