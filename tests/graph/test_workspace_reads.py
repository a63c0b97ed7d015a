"""Reads outside a write take no lock, and views refreshing after one change share their reads."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from graph import schema as s
from graph.workspace import Workspace


@contextmanager
def statements(ws: Workspace) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(" ".join(statement.split()[:2]))

    event.listen(ws.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(ws.engine, "before_cursor_execute", note)


def test_reads_take_no_write_lock_and_writes_one(ws: Workspace, account: s.Account) -> None:
    # A read is one deferred transaction: a consistent view of the file, no write lock.
    with statements(ws) as seen:
        ws.people(account.id)
        ws.get(s.Account, account.id)
    assert [x for x in seen if x.startswith("BEGIN")] == ["BEGIN", "BEGIN"]
    with statements(ws) as seen:
        ws.update(s.Account, account.id, arr=1.0)
    assert [x for x in seen if x.startswith("BEGIN")] == ["BEGIN IMMEDIATE"]


def test_a_read_asked_again_while_sharing_is_answered_once(
    ws: Workspace, account: s.Account
) -> None:
    ws.add(s.Person(account_id=account.id, name="Ana"))
    with statements(ws) as seen, ws.sharing_reads():
        first = ws.people(account.id)
        again = ws.people(account.id)
        first.clear()  # a caller's list is its own
        assert [p.name for p in ws.people(account.id)] == ["Ana"]
    assert [p.name for p in again] == ["Ana"]
    assert sum(x.startswith("SELECT") for x in seen) == 1
    with statements(ws) as seen:
        ws.people(account.id)
        ws.people(account.id)
    assert sum(x.startswith("SELECT") for x in seen) == 2  # outside the scope: no memory


def test_a_write_while_sharing_forgets_the_shared_answers(
    ws: Workspace, account: s.Account
) -> None:
    with ws.sharing_reads():
        assert ws.people(account.id) == []
        ws.add(s.Person(account_id=account.id, name="Ben"))
        assert [p.name for p in ws.people(account.id)] == ["Ben"]
        with ws.batch():  # reads inside a write see the write's own rows
            ws.add(s.Person(account_id=account.id, name="Cy"))
            assert [p.name for p in ws.people(account.id)] == ["Ben", "Cy"]


def test_other_threads_do_not_share(ws: Workspace, account: s.Account) -> None:
    people = s.Base.metadata.tables["people"]
    found: list[list[str]] = []

    def read() -> None:
        found.append([p.name for p in ws.people(account.id)])

    with ws.sharing_reads():
        assert ws.people(account.id) == []
        # Another program adds someone: nobody is told, the shared answer stays as it was...
        with ws.engine.begin() as conn:
            conn.execute(people.insert().values(account_id=account.id, name="Dee", cares_about=[]))
        assert ws.people(account.id) == []
        # ... but a worker thread reads the file, not the GUI thread's answers.
        reader = threading.Thread(target=read)
        reader.start()
        reader.join()
    assert found == [["Dee"]]
    assert [p.name for p in ws.people(account.id)] == ["Dee"]
