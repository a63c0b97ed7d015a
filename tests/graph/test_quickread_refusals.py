"""graph.quickread.opening.open_checked refuses exactly what a read-only open of the workspace
refuses (graph.store.check_file(readonly=True)), with the very same message, and never
changes the file."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from graph import schema as s
from graph.clock import FixedClock
from graph.errors import WorkspaceFileError
from graph.quickread.opening import open_checked
from graph.workspace import Workspace


def good(path: Path) -> Path:
    with Workspace.create(path, clock=FixedClock(dt.date(2026, 11, 22))) as ws:
        account = ws.add(s.Account(name="Northwind"))
        ws.add(s.Person(account_id=account.id, name="Ana"))
    return path


def sql(*statements: str) -> Callable[[Path], None]:
    def tamper(path: Path) -> None:
        conn = sqlite3.connect(path)
        with conn:
            for statement in statements:
                conn.execute(statement)
        conn.close()

    return tamper


def cut_short(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def foreign(path: Path) -> None:
    path.unlink()
    sql("CREATE TABLE songs (title TEXT)")(path)


TAMPERINGS: dict[str, Callable[[Path], None]] = {
    "missing": lambda p: p.unlink(),
    "folder": lambda p: (p.unlink(), p.mkdir()),  # type: ignore[func-returns-value]
    "empty": lambda p: p.write_bytes(b""),
    "not a database": lambda p: p.write_bytes(b"name,title\nAna,CIO\n" * 20),
    "cut short": cut_short,
    "foreign database": foreign,
    "unknown format": sql("UPDATE rapport_meta SET value = 'other' WHERE key = 'format'"),
    "damaged version": sql("UPDATE rapport_meta SET value = 'five' WHERE key = 'schema_version'"),
    "newer": sql("UPDATE rapport_meta SET value = '99' WHERE key = 'schema_version'"),
    "older": sql("UPDATE rapport_meta SET value = '4' WHERE key = 'schema_version'"),
    "trigger": sql("CREATE TRIGGER t AFTER UPDATE ON people BEGIN DELETE FROM wins; END"),
    "view": sql("CREATE VIEW v AS SELECT name FROM people"),
    "extra table": sql("CREATE TABLE extra (x)"),
    "missing index": sql("DROP INDEX ix_people_account"),
    "extra column": sql("ALTER TABLE people ADD COLUMN secret TEXT"),
    "bad date": sql("UPDATE people SET joined_on = '2026-02-30' WHERE id = 1"),
    "bad enum": sql("UPDATE people SET level = 'intern' WHERE id = 1"),
    "text in a number": sql("UPDATE people SET influence = 'high' WHERE id = 1"),
    "bad tags": sql("UPDATE people SET cares_about = '[[1]]' WHERE id = 1"),
}


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


@pytest.mark.parametrize("what", list(TAMPERINGS))
def test_the_same_refusal_with_the_same_message(tmp_path: Path, what: str) -> None:
    path = good(tmp_path / "portfolio.rapport")
    TAMPERINGS[what](path)
    before = digest(path)
    with pytest.raises(WorkspaceFileError) as workspace:
        Workspace.open(path, readonly=True)
    with pytest.raises(WorkspaceFileError) as quick:
        open_checked(path).close()
    assert str(quick.value) == str(workspace.value)
    assert str(path) in str(quick.value)
    assert digest(path) == before


def test_a_good_file_opens_read_only(tmp_path: Path) -> None:
    path = good(tmp_path / "portfolio.rapport")
    conn = open_checked(path)
    try:
        assert conn.execute("SELECT name FROM people").fetchall() == [("Ana",)]
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("UPDATE people SET name = 'Bob'")
    finally:
        conn.close()
