"""Hand-crafted workspace files: each is refused with one line naming what is wrong, and never
modified; erasure does not depend on how SQLite was built; migrations can run twice."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from desktop.cli import main
from graph import schema as s
from graph import store
from graph.erasure import erase_person
from graph.errors import WorkspaceFileError
from graph.workspace import Workspace

TODAY = dt.date(2026, 11, 22)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(ws_path: Path) -> Path:
    with Workspace.create(ws_path, today=lambda: TODAY) as ws:
        account = ws.add(s.Account(name="Northwind", arr=250_000))
        alice = ws.add(s.Person(account_id=account.id, name="Alice Agnew", cadence_days=14))
        ws.add(s.Person(account_id=account.id, name="Bob Brant"))
        ws.log_interaction(
            account.id, dt.datetime(2026, 11, 2, 10), people=[alice.id], summary="Kickoff"
        )
        ws.add(s.Win(account_id=account.id, title="Go-live", won_on=dt.date(2026, 10, 1)))
    return ws_path


def tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for sql in statements:
            conn.execute(sql)
    conn.close()


def refused_everywhere(path: Path, match: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Refused for editing, read-only and by every command, with one line; file untouched."""
    before = digest(path)
    for readonly in (False, True):
        with pytest.raises(WorkspaceFileError, match=re.escape(match)) as caught:
            Workspace.open(path, readonly=readonly)
        assert str(path) in str(caught.value)
    for argv in (
        ["summary", str(path)],
        ["people", str(path), "--account", "Northwind", "--out", str(path.parent / "p.csv")],
        ["graph", str(path), "--account", "Northwind", "--out", str(path.parent / "g.json")],
    ):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "internal error" not in err and match in err, err
    assert digest(path) == before, "a refused file must never be modified"


# --- schema ---------------------------------------------------------------------------------


def test_planted_trigger_is_refused_before_it_can_run(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(
        filled,
        "CREATE TRIGGER wipe AFTER UPDATE ON people BEGIN "
        "DELETE FROM interactions; DELETE FROM wins; END",
    )
    refused_everywhere(filled, "trigger (wipe)", capsys)
    conn = sqlite3.connect(filled)
    assert conn.execute("SELECT count(*) FROM interactions").fetchone() == (1,)
    conn.close()


@pytest.mark.parametrize(
    ("statement", "match"),
    [
        ("CREATE VIEW everyone AS SELECT name FROM people", "view (everyone)"),
        ("CREATE TABLE extra (x INTEGER)", "table Rapport does not know (extra)"),
        ("DROP TABLE wins", "table wins is missing"),
        ("ALTER TABLE people DROP COLUMN notes", "people lacks the column notes"),
        ("ALTER TABLE people ADD COLUMN secret TEXT", "column Rapport does not know (secret)"),
        ("DROP INDEX ix_people_account", "index ix_people_account is missing"),
        ("CREATE INDEX ix_mine ON people (title)", "index Rapport does not know (ix_mine)"),
    ],
)
def test_a_schema_other_than_rapports_is_refused(
    filled: Path, statement: str, match: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(filled, statement)
    refused_everywhere(filled, match, capsys)


# --- values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "match"),
    [
        (
            "UPDATE people SET joined_on = '2026-02-30' WHERE id = 1",
            "people, row 1, field joined_on",
        ),
        (
            "UPDATE people SET joined_on = 'last spring' WHERE id = 2",
            "people, row 2, field joined_on",
        ),
        ("UPDATE interactions SET occurred_at = 'soon'", "interactions, row 1, field occurred_at"),
        ("UPDATE people SET level = 'overlord' WHERE id = 2", "people, row 2, field level"),
        ("UPDATE people SET cadence_days = 0 WHERE id = 1", "people, row 1, field cadence_days"),
        ("UPDATE cadence_defaults SET ideal_days = 0", "cadence_defaults, row 1, field ideal_days"),
        ("UPDATE people SET influence = 'high' WHERE id = 1", "people, row 1, field influence"),
        ("UPDATE accounts SET arr = 'lots'", "accounts, row 1, field arr"),
        ("UPDATE people SET cares_about = '[[[[1]]]]' WHERE id = 2", "field cares_about"),
        ("UPDATE people SET id = -5 WHERE id = 2", "people, row -5, field id"),
        ("UPDATE wins SET title = x'00ff'", "wins, row 1, field title"),
    ],
)
def test_values_rapport_cannot_read_are_named_by_table_row_and_field(
    filled: Path, statement: str, match: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(filled, "PRAGMA foreign_keys=OFF", statement)
    refused_everywhere(filled, match, capsys)


def test_deeply_nested_json_is_refused_without_recursing(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = "[" * 200_000 + "]" * 200_000
    conn = sqlite3.connect(filled)
    with conn:
        conn.execute("UPDATE people SET cares_about = ? WHERE id = 1", (deep,))
    conn.close()
    refused_everywhere(filled, "people, row 1, field cares_about", capsys)


# --- non-regular files, hot journals --------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.rapport"
    os.mkfifo(fifo)
    outcome: list[int] = []
    worker = threading.Thread(target=lambda: outcome.append(main(["summary", str(fifo)])))
    worker.daemon = True
    worker.start()
    worker.join(120)  # a hang guard, not a speed claim: opening a FIFO blocks forever
    if worker.is_alive():  # unblock the hung open so pytest can finish, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("opening a FIFO hung")
    assert outcome == [1]
    assert "not a regular file" in capsys.readouterr().err


INTERRUPTED = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA cache_size=1")  # spill the half-done change into the file itself
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(sys.argv[2])
    print("mid-change", flush=True)
    time.sleep(60)
    """
)


def interrupt(path: Path, statement: str) -> None:
    """Leave a hot journal beside ``path``: a writer killed in the middle of ``statement``."""
    proc = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED, str(path), statement],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "mid-change"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert Path(f"{path}-journal").stat().st_size > 0, "the test needs a hot journal"


@pytest.fixture
def big(ws_path: Path) -> Path:
    with Workspace.create(ws_path) as ws:
        account = ws.add(s.Account(name="Northwind"))
        with ws.batch():
            for i in range(600):
                ws.add(s.Person(account_id=account.id, name=f"P{i}", notes="committed " * 40))
    return ws_path


def test_refused_file_with_a_hot_journal_is_left_byte_identical(
    big: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(big, "UPDATE rapport_meta SET value='99' WHERE key='schema_version'")
    interrupt(big, "UPDATE people SET notes = 'half-written'")
    journal = Path(f"{big}-journal")
    before = (digest(big), digest(journal))
    assert main(["summary", str(big)]) == 1
    assert "interrupted" in capsys.readouterr().err
    # Opening it for editing tries the recovery on a copy first: still refused, still intact.
    with pytest.raises(WorkspaceFileError, match="newer Rapport"):
        Workspace.open(big)
    assert (digest(big), digest(journal)) == before
    assert not [
        p
        for p in big.parent.iterdir()
        if p.name.endswith((".partial", "-journal")) and p != journal
    ]


def test_foreign_database_with_a_hot_journal_is_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "songs.rapport"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
        conn.executemany("INSERT INTO songs VALUES (?)", [("x" * 300,)] * 2000)
    conn.close()
    interrupt(path, "UPDATE songs SET title = 'y'")
    journal = Path(f"{path}-journal")
    before = (digest(path), digest(journal))
    for readonly in (True, False):
        with pytest.raises(WorkspaceFileError):
            Workspace.open(path, readonly=readonly)
    assert (digest(path), digest(journal)) == before


def test_interrupted_change_of_a_good_file_is_still_recovered(big: Path) -> None:
    interrupt(big, "UPDATE people SET notes = 'half-written'")
    with Workspace.open(big) as ws:
        assert {p.notes for p in ws.people(1)} == {"committed " * 40}
    assert not Path(f"{big}-journal").exists()


# --- erasure --------------------------------------------------------------------------------


def test_secure_delete_is_on_for_every_connection(filled: Path) -> None:
    for readonly in (False, True):
        with Workspace.open(filled, readonly=readonly) as ws, ws.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_erased_person_leaves_no_bytes_even_with_sqlites_upstream_default(
    ws_path: Path,
) -> None:
    name, notes = "Zebulon Quackenbush", "prefers-the-back-entrance-" * 8
    with Workspace.create(ws_path) as ws:
        account = ws.add(s.Account(name="Northwind"))
        for i in range(40):  # a few pages, so the erased row's page is not simply dropped
            ws.add(s.Person(account_id=account.id, name=f"Filler {i}", notes="f" * 300))
        person = ws.add(s.Person(account_id=account.id, name=name, notes=notes))
    assert name.encode() in ws_path.read_bytes()

    # Upstream SQLite builds have SECURE_DELETE off: model that on a copy. The deleted row's
    # bytes then survive in the file, which is what the pragma must prevent.
    control = ws_path.with_name("control.rapport")
    control.write_bytes(ws_path.read_bytes())
    conn = sqlite3.connect(control)
    conn.execute("PRAGMA secure_delete=OFF")
    with conn:
        conn.execute("DELETE FROM people WHERE id = ?", (person.id,))
    conn.close()
    assert name.encode() in control.read_bytes(), "control: upstream default keeps the bytes"

    # Rapport's own connection: the build's default does not matter, the pragma does.
    original = store._connect_pragmas

    def upstream_default_then_rapport(dbapi_connection: object, record: object) -> None:
        dbapi_connection.execute("PRAGMA secure_delete=OFF")  # type: ignore[attr-defined]
        original(dbapi_connection, record)

    store._connect_pragmas = upstream_default_then_rapport
    try:
        with Workspace.open(ws_path) as ws:
            # Erasure, not a plain delete: a delete keeps the person in the change log, so it
            # can be undone and a past QBR still names who was there.
            erase_person(ws, person.id)
    finally:
        store._connect_pragmas = original
    data = ws_path.read_bytes()
    assert name.encode() not in data and notes.encode() not in data
    assert not Path(f"{ws_path}-journal").exists()


# --- migrations -----------------------------------------------------------------------------


def test_migration_of_a_file_that_already_has_the_new_column(tmp_path: Path) -> None:
    from tests.graph.test_store import make_version_1

    path = tmp_path / "old.rapport"
    make_version_1(path)
    tamper(
        path, "ALTER TABLE accounts ADD COLUMN fiscal_year_start_month INTEGER NOT NULL DEFAULT 4"
    )
    with Workspace.open(path) as ws:
        assert ws.account_named("Old Co").fiscal_year_start_month == 4
    # Running every migration again over an up-to-date file changes nothing and fails nowhere.
    engine = store.open_engine(path)
    try:
        with engine.begin() as conn:
            for version in sorted(store.MIGRATIONS):
                store.MIGRATIONS[version](conn)
    finally:
        engine.dispose()
    with Workspace.open(path) as ws:
        assert ws.account_named("Old Co").fiscal_year_start_month == 4


def test_an_upgrade_that_does_not_end_in_rapports_schema_keeps_the_old_file(
    tmp_path: Path,
) -> None:
    from tests.graph.test_store import make_version_1

    path = tmp_path / "old.rapport"
    make_version_1(path)
    tamper(path, "ALTER TABLE people DROP COLUMN notes")
    before = digest(path)
    with pytest.raises(WorkspaceFileError, match="people lacks the column notes"):
        Workspace.open(path)
    assert digest(path) == before


LIVE_EDIT = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA cache_size=1")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE people SET notes = 'edited'")
    print("mid-change", flush=True)
    time.sleep(0.5)
    conn.execute("COMMIT")
    """
)


def test_a_live_edit_elsewhere_is_not_taken_for_an_interrupted_one(big: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", LIVE_EDIT, str(big)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "mid-change"
    assert Path(f"{big}-journal").exists()
    with Workspace.open(big, readonly=True) as ws:  # waits for the other edit to finish
        notes = {p.notes for p in ws.people(1)}
    proc.wait()
    proc.stdout.close()
    assert notes == {"edited"}


def test_a_link_to_a_missing_person_is_refused_when_opened_for_editing(filled: Path) -> None:
    tamper(filled, "PRAGMA foreign_keys=OFF", "DELETE FROM people WHERE id = 1")
    before = digest(filled)
    with pytest.raises(WorkspaceFileError, match="refers to a row of people that does not exist"):
        Workspace.open(filled)
    assert digest(filled) == before
