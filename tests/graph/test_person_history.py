"""A person's history, written through the operations the app runs: every field change with who
made it and when, the undo of an edit as a change of its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph import operations as op
from graph import schema as s
from graph.clock import FixedClock
from graph.history import person_history
from graph.vocabulary import DealRole, Level
from graph.workspace import Workspace

START = dt.datetime(2026, 3, 2, 9, 0)


def test_every_field_change_with_who_and_when_and_the_undo(tmp_path: Path) -> None:
    clock = FixedClock(START)
    with Workspace.create(tmp_path / "p.rapport", clock=clock) as ws:
        ws.author = "Tia"
        op.add_account(ws, "Northwind")
        a = ws.account_named("Northwind").id
        op.add_person(ws, a, "Ola Berg", title="Engineer")
        ola = ws.find(s.Person, name="Ola Berg")[0].id
        clock.advance(days=1)
        op.edit_fields(ws, s.Person, ola, title="Head of Platform", level=Level.MANAGEMENT)
        clock.advance(days=1)
        ws.author = "Sam"
        promoted = op.edit_fields(ws, s.Person, ola, role=DealRole.CHAMPION, attitude=2)
        clock.advance(hours=3)
        op.perform(ws, promoted.inverse, "undo")
        story = person_history(ws, ola)

    day = START.date()
    assert [
        (x.at.date(), x.author, x.source, x.action, x.field, x.old_text, x.new_text) for x in story
    ] == [
        (day, "Tia", "edit", "insert", None, "", ""),
        (day + dt.timedelta(1), "Tia", "edit", "update", "title", "Engineer", "Head of Platform"),
        (day + dt.timedelta(1), "Tia", "edit", "update", "level", "Operations", "Management"),
        (day + dt.timedelta(2), "Sam", "edit", "update", "role", "Other", "Champion"),
        (day + dt.timedelta(2), "Sam", "edit", "update", "attitude", "0", "2"),
        (day + dt.timedelta(2), "Sam", "undo", "update", "role", "Champion", "Other"),
        (day + dt.timedelta(2), "Sam", "undo", "update", "attitude", "2", "0"),
    ]
    assert story[-1].at == START + dt.timedelta(days=2, hours=3)
    assert story[-1].op == story[-2].op != story[-3].op  # the undo is one change of its own
