"""The history log: every write path leaves the right rows, and the log reads back."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import schema as s
from graph.clock import FixedClock
from graph.history import account_history, person_history, record_history, values_as_of
from graph.hlc import HybridClock, parse
from graph.vocabulary import DealRole, Level, RelationKind
from graph.workspace import Workspace

START = dt.datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def hws(tmp_path: Path, clock: FixedClock) -> Iterator[Workspace]:
    ws = Workspace.create(tmp_path / "h.rapport", clock=clock)
    yield ws
    ws.close()


def rows(ws: Workspace, **equal: object) -> list[s.HistoryEntry]:
    return ws.find(s.HistoryEntry, order_by=s.HistoryEntry.hlc, **equal)


def test_add_update_remove_of_a_person(hws: Workspace, clock: FixedClock) -> None:
    hws.author = "Tina Tam"
    account = hws.add(s.Account(name="Northwind"))
    ola = hws.add(s.Person(account_id=account.id, name="Ola", title="CIO"))
    (inserted,) = rows(hws, table_name="people")
    assert (inserted.action, inserted.field, inserted.old_value) == ("insert", None, None)
    assert inserted.record_uid == ola.uid and len(ola.uid) == 32
    assert json.loads(inserted.new_value or "")["name"] == "Ola"
    assert json.loads(inserted.record_key) == {"id": ola.id}
    assert (inserted.account_id, inserted.author, inserted.source) == (
        account.id,
        "Tina Tam",
        "edit",
    )
    assert inserted.at == START and inserted.device == hws.hlc.device

    clock.advance(hours=1)
    hws.update(s.Person, ola.id, title="CTO", level=Level.EXECUTIVE, name="Ola")
    changed = rows(hws, table_name="people", action="update")
    assert [(r.field, r.old_value, r.new_value) for r in changed] == [
        ("title", '"CIO"', '"CTO"'),
        ("level", '"operations"', '"executive"'),
    ]
    assert changed[0].op == changed[1].op != inserted.op

    before = len(rows(hws))
    hws.update(s.Person, ola.id, title="CTO")
    assert len(rows(hws)) == before, "an update that changes nothing writes no history"

    hws.update(s.Person, ola.id, attitude=2)
    (moved,) = rows(hws, table_name="attitude_changes")
    assert moved.action == "insert" and moved.account_id == account.id


def test_remove_logs_every_cascaded_record_and_restore_logs_the_undo(
    hws: Workspace, clock: FixedClock
) -> None:
    account = hws.add(s.Account(name="Northwind"))
    with hws.batch():
        ola = hws.add(s.Person(account_id=account.id, name="Ola"))
        bo = hws.add(s.Person(account_id=account.id, name="Bo"))
        tina = hws.add(s.TeamMember(name="Tina"))
    hws.set_manager(bo.id, ola.id)
    hws.add(s.Coverage(member_id=tina.id, person_id=ola.id))
    win = hws.add(
        s.Win(account_id=account.id, won_on=dt.date(2026, 2, 1), title="Win", champion_id=ola.id)
    )
    hws.log_interaction(account.id, START, people=[ola.id, bo.id], team=[tina.id])
    clock.advance(days=1)
    removal = hws.remove(s.Person, ola.id)
    deleted = rows(hws, action="delete")
    assert sorted(r.table_name for r in deleted) == [
        "coverage", "interaction_people", "people", "relationships"
    ]  # fmt: skip
    assert len({r.op for r in deleted}) == 1
    (nulled,) = rows(hws, table_name="wins", action="update")
    assert (nulled.record_uid, nulled.field, nulled.old_value, nulled.new_value) == (
        win.uid, "champion_id", str(ola.id), "null"
    )  # fmt: skip
    assert {r.account_id for r in deleted} == {account.id}

    clock.advance(minutes=5)
    with hws.recording("undo", author="Sam"):
        hws.restore(removal)
    undone = rows(hws, source="undo")
    assert {(r.table_name, r.action) for r in undone} == {
        ("people", "insert"), ("relationships", "insert"), ("coverage", "insert"),
        ("interaction_people", "insert"), ("wins", "update"),
    }  # fmt: skip
    assert {r.author for r in undone} == {"Sam"}
    assert hws.get(s.Person, ola.id).uid == ola.uid, "undo brings back the same global id"
    assert [line.source for line in record_history(hws, s.Person, ola.id)] == [
        "edit", "edit", "undo"
    ]  # fmt: skip


def test_attendees_log_who_joined_and_left(hws: Workspace) -> None:
    account = hws.add(s.Account(name="Northwind"))
    with hws.batch():
        a, b, c = (hws.add(s.Person(account_id=account.id, name=n)) for n in "ABC")
    meeting = hws.log_interaction(account.id, START, people=[a.id, b.id])
    count = len(rows(hws, table_name="interaction_people"))
    hws.set_attendees(meeting.id, [b.id, c.id], [])
    new = rows(hws, table_name="interaction_people")[count:]
    assert sorted((r.action, json.loads(r.record_key)["person_id"]) for r in new) == [
        ("delete", a.id), ("insert", c.id)
    ]  # fmt: skip
    assert hws.attendees(meeting.id) == ([b.id, c.id], [])


def test_card_positions(hws: Workspace) -> None:
    account = hws.add(s.Account(name="Northwind"))
    hws.set_positions(account.id, "org", {"p1": (1.0, 2.0)})
    hws.set_positions(account.id, "org", {"p1": (5.0, 2.0)})
    hws.clear_positions(account.id, "org")
    logged = record_history(hws, s.CardPosition, (account.id, "org", "p1"))
    assert [(x.action, x.field, x.old, x.new) for x in logged[1:]] == [
        ("update", "x", 1.0, 5.0), ("delete", None, logged[2].old, None)
    ]  # fmt: skip
    assert logged[0].action == "insert" and logged[2].old["x"] == 5.0


def test_values_as_of_reconstructs_a_record_at_several_instants(
    hws: Workspace, clock: FixedClock
) -> None:
    account = hws.add(s.Account(name="Northwind"))
    t0 = clock.advance(days=1)
    ola = hws.add(s.Person(account_id=account.id, name="Ola", title="Engineer"))
    t1 = clock.advance(days=10)
    hws.update(s.Person, ola.id, title="Manager", role=DealRole.CHAMPION)
    t2 = clock.advance(days=10)
    hws.update(s.Person, ola.id, title="Director")
    t3 = clock.advance(days=10)
    bo = hws.add(s.Person(account_id=account.id, name="Bo", title="CFO"))
    t4 = clock.advance(days=10)
    hws.remove(s.Person, bo.id)
    clock.advance(days=1)

    fields = ["title", "role"]
    ids = [ola.id, bo.id]
    at = lambda when: values_as_of(hws, s.Person, ids, fields, when)  # noqa: E731
    assert at(t0 - dt.timedelta(seconds=1)) == {}
    assert at(t0) == at(t1 - dt.timedelta(seconds=1))
    assert at(t0) == {ola.id: {"title": "Engineer", "role": DealRole.OTHER}}
    # A change made at an instant is part of the state at that instant.
    assert at(t1) == {ola.id: {"title": "Manager", "role": DealRole.CHAMPION}}
    assert at(t2 - dt.timedelta(hours=1)) == {
        ola.id: {"title": "Manager", "role": DealRole.CHAMPION}
    }
    assert at(t3) == {
        ola.id: {"title": "Director", "role": DealRole.CHAMPION},
        bo.id: {"title": "CFO", "role": DealRole.OTHER},  # removed since: still there then
    }
    assert at(t4 + dt.timedelta(hours=1)) == {
        ola.id: {"title": "Director", "role": DealRole.CHAMPION}
    }


def test_person_and_account_history(hws: Workspace, clock: FixedClock) -> None:
    account = hws.add(s.Account(name="Northwind"))
    other = hws.add(s.Account(name="Other"))
    with hws.batch():
        ola = hws.add(s.Person(account_id=account.id, name="Ola"))
        bo = hws.add(s.Person(account_id=account.id, name="Bo"))
        hws.add(s.Person(account_id=other.id, name="Elsewhere"))
        tina = hws.add(s.TeamMember(name="Tina"))
    clock.advance(days=1)
    hws.author = "Tina"
    hws.update(s.Person, ola.id, level=Level.EXECUTIVE)
    link = hws.add(
        s.Relationship(
            account_id=account.id, kind=RelationKind.INFLUENCES, source_id=bo.id, target_id=ola.id
        )
    )
    hws.add(s.Coverage(member_id=tina.id, person_id=ola.id))
    hws.remove(s.Relationship, link.id)
    story = person_history(hws, ola.id)
    assert [(x.table, x.action, x.field) for x in story] == [
        ("people", "insert", None), ("people", "update", "level"),
        ("relationships", "insert", None), ("coverage", "insert", None),
        ("relationships", "delete", None),
    ]  # fmt: skip
    level = story[1]
    assert (level.field_label, level.old_text, level.new_text, level.author) == (
        "Level", "Operations", "Executive", "Tina"
    )  # fmt: skip
    assert {x.account_id for x in account_history(hws, account.id)} == {account.id}
    since = account_history(hws, account.id, since=START + dt.timedelta(hours=1))
    assert len(since) == 4 and all(x.at > START for x in since)


def test_hlc_stays_monotonic_when_the_clock_goes_back(hws: Workspace, clock: FixedClock) -> None:
    account = hws.add(s.Account(name="Northwind"))
    for step in (0, -3600, -7200, 5, -1):
        clock.advance(seconds=step)
        hws.update(s.Account, account.id, arr=float(len(rows(hws))))
    stamps = [r.hlc for r in rows(hws)]
    ids = [r.id for r in hws.find(s.HistoryEntry)]
    by_id = [r.hlc for r in sorted(rows(hws), key=lambda r: r.id)]
    assert by_id == sorted(stamps) and len(set(stamps)) == len(ids)

    hlc = HybridClock("dev", lambda: START)
    first = hlc.stamp()
    hlc.observe(f"{parse(first)[0] + 60_000:013d}-0007-other")
    later = hlc.stamp()
    assert later > f"{parse(first)[0] + 60_000:013d}-0007-other" > first
    many = hlc.stamps(12_000)
    assert many == sorted(many) and many[0] > later and len(set(many)) == 12_000


def test_two_workspaces_on_one_file_never_reuse_a_stamp(tmp_path: Path) -> None:
    path = tmp_path / "shared.rapport"
    Workspace.create(path, clock=FixedClock(START)).close()
    a = Workspace.open(path, clock=FixedClock(START))
    b = Workspace.open(path, clock=FixedClock(START))
    account = a.add(s.Account(name="A"))
    b.update(s.Account, account.id, name="B")
    a.update(s.Account, account.id, name="C")
    stamps = [r.hlc for r in a.find(s.HistoryEntry, order_by=s.HistoryEntry.id)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 3
    a.close()
    b.close()


def test_an_update_that_changes_nothing_writes_nothing(hws: Workspace) -> None:
    from sqlalchemy import event

    account = hws.add(s.Account(name="Northwind"))
    ola = hws.add(s.Person(account_id=account.id, name="Ola", title="CIO"))
    statements: list[str] = []

    def seen(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement.split()[0].upper())

    event.listen(hws.engine, "before_cursor_execute", seen)
    try:
        hws.update(s.Person, ola.id, title="CIO", name="Ola")
    finally:
        event.remove(hws.engine, "before_cursor_execute", seen)
    assert "UPDATE" not in statements and "INSERT" not in statements
