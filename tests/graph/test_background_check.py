"""The app's start checks a file's pages and references on a thread: reads go ahead at once,
every write waits for the check, and a file that fails it is never written."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import threading
from pathlib import Path

import pytest

from graph import background_check
from graph import schema as s
from graph.background_check import check_of
from graph.errors import WorkspaceFileError
from graph.vocabulary import RelationKind
from graph.workspace import Workspace

TODAY = dt.date(2026, 11, 22)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _notes_on_disk(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT notes FROM people WHERE id = 1").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def filled(ws_path: Path) -> Path:
    with Workspace.create(ws_path, today=lambda: TODAY) as ws:
        account = ws.add(s.Account(name="Northwind", arr=250_000))
        alice = ws.add(s.Person(account_id=account.id, name="Alice Agnew", cadence_days=14))
        bob = ws.add(s.Person(account_id=account.id, name="Bob Brant"))
        ws.add(
            s.Relationship(
                account_id=account.id,
                source_id=alice.id,
                target_id=bob.id,
                kind=RelationKind.REPORTS_TO,
            )
        )
    return ws_path


def test_a_link_to_a_missing_person_refuses_the_first_write_and_the_file_stays_as_it_was(
    filled: Path,
) -> None:
    conn = sqlite3.connect(filled)
    with conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DELETE FROM people WHERE id = 2")  # Alice still reports to Bob
    conn.close()
    before = digest(filled)
    with Workspace.open(filled, today=lambda: TODAY, check_later=True) as ws:
        assert [a.name for a in ws.accounts()] == ["Northwind"]  # reads go ahead
        with pytest.raises(WorkspaceFileError, match="refers to a row of people") as refused:
            ws.add(s.Account(name="Southwind"))
        assert str(filled) in str(refused.value)
        check = check_of(ws.engine)
        assert check is not None and check.done
        with pytest.raises(WorkspaceFileError, match="restore it from a backup"):
            ws.update(s.Person, 1, notes="still refused")
    assert digest(filled) == before


def test_a_write_waits_for_the_check_then_goes_ahead(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    released = threading.Event()
    real_check = background_check.check_thorough

    def slow_check(path: Path) -> None:
        released.wait(10)
        real_check(path)

    monkeypatch.setattr(background_check, "check_thorough", slow_check)
    with Workspace.open(filled, today=lambda: TODAY, check_later=True) as ws:
        check = check_of(ws.engine)
        assert check is not None and not check.done
        written = threading.Event()

        def write() -> None:
            ws.update(s.Person, 1, notes="after the check")
            written.set()

        writer = threading.Thread(target=write)
        writer.start()
        assert not written.wait(0.3), "a write went ahead before the file was checked"
        assert _notes_on_disk(filled) == ""  # nothing written, and reads do not wait
        released.set()
        writer.join(10)
        assert written.is_set() and check.done
        assert ws.get(s.Person, 1).notes == "after the check"


def test_a_good_file_is_checked_and_edited_and_a_plain_open_checks_up_front(
    filled: Path,
) -> None:
    with Workspace.open(filled, today=lambda: TODAY, check_later=True) as ws:
        added = ws.add(s.Account(name="Southwind"))
        check = check_of(ws.engine)
        assert check is not None and check.done and check.error() is None
        assert ws.get(s.Account, added.id).name == "Southwind"
    with Workspace.open(filled, today=lambda: TODAY) as ws:
        assert check_of(ws.engine) is None


def test_a_file_to_migrate_is_checked_whole_before_the_migration_writes(tmp_path: Path) -> None:
    from tests.graph.test_store import make_version_1

    path = tmp_path / "old.rapport"
    make_version_1(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DELETE FROM accounts")  # Ola now belongs to no account
    conn.close()
    before = digest(path)
    with pytest.raises(WorkspaceFileError, match="refers to a row of accounts"):
        Workspace.open(path, check_later=True)
    assert digest(path) == before


def _bad_attitude(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE people SET attitude = 'hostile' WHERE id = 1")
    conn.close()


BAD_VALUE = "table people, row 1, field attitude: 'hostile' is not valid"


def test_a_read_only_open_checked_later_checks_every_value_on_a_thread(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``rapport export``: the file opens at once, reads go ahead, and the check of every
    value, on its thread, refuses the file with the same words as a check up front."""
    _bad_attitude(filled)
    released = threading.Event()
    real_check = background_check.check_values

    def slow_check(path: Path) -> None:
        released.wait(10)
        real_check(path)

    monkeypatch.setattr(background_check, "check_values", slow_check)
    with pytest.raises(WorkspaceFileError, match=BAD_VALUE) as up_front:
        Workspace.open(filled, readonly=True)
    with Workspace.open(filled, readonly=True, check_later=True) as ws:
        check = check_of(ws.engine)
        assert check is not None and not check.done
        assert ws.account_named("Northwind").arr == 250_000  # reads do not wait
        released.set()
        with pytest.raises(WorkspaceFileError) as later:
            check.wait()
        assert str(later.value) == str(up_front.value)


def test_a_good_file_opened_read_only_and_checked_later_passes(filled: Path) -> None:
    with Workspace.open(filled, readonly=True, check_later=True) as ws:
        check = check_of(ws.engine)
        assert check is not None
        check.wait()
        assert check.error() is None
