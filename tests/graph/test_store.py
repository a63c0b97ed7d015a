"""The workspace file: refused files stay untouched, old files migrate, kills lose nothing."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from graph import schema as s
from graph import store
from graph.errors import WorkspaceFileError
from graph.workspace import Workspace


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(path: Path, match: str, **kwargs: bool) -> None:
    before = digest(path)
    with pytest.raises(WorkspaceFileError, match=match) as caught:
        Workspace.open(path, **kwargs)
    assert str(path) in str(caught.value)
    assert digest(path) == before, "a refused file must never be modified"
    assert not Path(f"{path}-journal").exists()


def test_random_bytes_are_not_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "junk.rapport"
    path.write_bytes(os.urandom(4096))
    refused(path, "not a Rapport workspace")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.rapport"
    path.touch()
    refused(path, "empty")


def test_foreign_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "other.rapport"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
        conn.execute("INSERT INTO songs VALUES ('x')")
    conn.close()
    refused(path, "not one Rapport made")


def test_truncated_workspace(ws_path: Path, ws: Workspace, account: s.Account) -> None:
    for i in range(150):
        ws.add(s.Person(account_id=account.id, name=f"Person {i}", notes="x" * 200))
    ws.close()
    data = ws_path.read_bytes()
    ws_path.write_bytes(data[: len(data) // 2])
    refused(ws_path, "damaged")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceFileError, match="no such file"):
        Workspace.open(tmp_path / "nope.rapport")
    with pytest.raises(WorkspaceFileError, match="is a folder"):
        Workspace.open(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only files")
def test_read_only_file_is_refused_for_editing_but_readable(
    ws_path: Path, ws: Workspace, account: s.Account
) -> None:
    ws.close()
    ws_path.chmod(0o444)
    try:
        refused(ws_path, "read-only")
        with Workspace.open(ws_path, readonly=True) as reader:
            assert reader.accounts()[0].name == "Northwind"
    finally:
        ws_path.chmod(0o644)


def test_read_only_file_message(
    ws_path: Path, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root every file is writable, so simulate the permission check failing.
    ws.close()
    monkeypatch.setattr(store.os, "access", lambda path, mode: Path(path) != ws_path)
    refused(ws_path, "the file is read-only.*write access")


def test_read_only_open_never_writes(ws_path: Path, ws: Workspace, account: s.Account) -> None:
    ws.close()
    before = digest(ws_path)
    with Workspace.open(ws_path, readonly=True) as reader:
        reader.accounts()
        with pytest.raises(WorkspaceFileError):
            reader.update(s.Account, account.id, name="x")
    assert digest(ws_path) == before


def test_newer_file_gives_a_clear_message(ws_path: Path, ws: Workspace) -> None:
    ws.close()
    with sqlite3.connect(ws_path) as conn:
        conn.execute("UPDATE rapport_meta SET value='99' WHERE key='schema_version'")
    conn.close()
    refused(ws_path, "newer Rapport .*format 99.*Update Rapport")


def test_create_never_overwrites(ws_path: Path, ws: Workspace) -> None:
    with pytest.raises(WorkspaceFileError, match="already exists"):
        Workspace.create(ws_path)


def downgrade_to_version_3(conn: sqlite3.Connection) -> None:
    """Take a current file back to schema version 3: no history, no uids, no device id."""
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS "
            "(SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'uid')"
        )
    ]
    for table in tables:
        conn.execute(f"DROP INDEX ix_{table}_uid")
        conn.execute(f"ALTER TABLE {table} DROP COLUMN uid")
    conn.execute("DROP TABLE history")
    conn.execute("DELETE FROM rapport_meta WHERE key = 'device_id'")
    conn.execute("UPDATE rapport_meta SET value='3' WHERE key='schema_version'")


def make_version_1(path: Path) -> None:
    """A file as Rapport's schema version 1 wrote it (before fiscal years, card positions and
    the covering interactions index)."""
    Workspace.create(path).close()
    with sqlite3.connect(path) as conn:
        downgrade_to_version_3(conn)
        conn.execute("DROP TABLE card_positions")
        conn.execute("DROP INDEX ix_interactions_contact")
        conn.execute(
            "CREATE INDEX ix_interactions_account_time ON interactions (account_id, occurred_at)"
        )
        conn.execute("ALTER TABLE accounts DROP COLUMN fiscal_year_start_month")
        conn.execute("UPDATE rapport_meta SET value='1' WHERE key='schema_version'")
        conn.execute(
            "INSERT INTO accounts (name, industry, segment, arr, currency, phase, scope, "
            "health_override_reason, archived, notes) VALUES "
            "('Old Co', 'Retail', 'Enterprise', 1000, 'EUR', 'adoption', '', '', 0, '')"
        )
        conn.execute(
            "INSERT INTO people (account_id, name, title, department, email, phone, level, role,"
            " influence, attitude, interest, cares_about, channel, status, notes) VALUES "
            "(1, 'Ola', 'CIO', 'IT', '', '', 'executive', 'economic_buyer', 5, 1, 4, '[]',"
            " 'email', 'active', '')"
        )
    conn.close()


def test_version_1_file_is_migrated_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.rapport"
    make_version_1(path)
    assert store.check_file(path) == 1
    with Workspace.open(path) as ws:
        account = ws.account_named("Old Co")
        assert account.fiscal_year_start_month == 1
        assert [p.name for p in ws.people(account.id)] == ["Ola"]
        ws.set_positions(account.id, "org", {"p1": (1.0, 2.0)})
    assert store.check_file(path) == store.SCHEMA_VERSION
    with sqlite3.connect(path) as conn:
        indexes = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")
        }
    conn.close()
    assert "ix_interactions_contact" in indexes and "ix_interactions_account_time" not in indexes


def test_old_file_opened_read_only_asks_for_an_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.rapport"
    make_version_1(path)
    refused(path, "older Rapport", readonly=True)


def test_failed_migration_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.rapport"
    make_version_1(path)
    before = digest(path)

    def broken(conn: object) -> None:
        store._v1_to_v2(conn)  # type: ignore[arg-type]
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(store.MIGRATIONS, 1, broken)
    with pytest.raises(RuntimeError):
        Workspace.open(path)
    assert digest(path) == before
    assert store.check_file(path) == 1


BURST = textwrap.dedent(
    """
    import sys
    from graph import schema as s
    from graph.workspace import Workspace
    ws = Workspace.open(sys.argv[1])
    account = ws.accounts()[0]
    i = 0
    while True:
        ws.add(s.Person(account_id=account.id, name=f"P{i}", notes="n" * 500))
        print(i, flush=True)
        i += 1
    """
)


def test_kill_during_a_burst_of_edits_keeps_every_committed_edit(
    ws_path: Path, ws: Workspace, account: s.Account
) -> None:
    ws.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", BURST, str(ws_path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.stdout is not None
    confirmed = -1
    deadline = time.monotonic() + 120  # a hang guard: it stops at 150 writes
    while confirmed < 150 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        confirmed = int(line)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert confirmed >= 150, "the writer did not get going"
    with Workspace.open(ws_path) as again:
        names = {p.name for p in again.people(account.id)}
    # Every edit the writer reported as committed is in the file; at most one more.
    assert {f"P{i}" for i in range(confirmed + 1)} <= names
    assert len(names) <= confirmed + 2


INTERRUPTED = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA cache_size=1")  # spill the half-done change into the file itself
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE people SET notes = 'half-written'")
    conn.execute("DELETE FROM people WHERE id > 10")
    print("mid-change", flush=True)
    time.sleep(60)
    """
)


def test_kill_in_the_middle_of_a_change_rolls_it_back(
    ws_path: Path, ws: Workspace, account: s.Account
) -> None:
    with ws.batch():
        for i in range(600):
            ws.add(s.Person(account_id=account.id, name=f"P{i}", notes="committed " * 40))
    ws.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED, str(ws_path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "mid-change"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert Path(f"{ws_path}-journal").stat().st_size > 0, "the test needs a hot journal"
    with Workspace.open(ws_path) as again:
        people = again.people(account.id)
    assert len(people) == 600
    assert {p.notes for p in people} == {"committed " * 40}


def test_truncated_file_is_caught_by_the_quick_read_only_check(
    ws_path: Path, ws: Workspace, account: s.Account
) -> None:
    for i in range(150):
        ws.add(s.Person(account_id=account.id, name=f"Person {i}", notes="x" * 200))
    ws.close()
    data = ws_path.read_bytes()
    ws_path.write_bytes(data[: len(data) - 4096])
    refused(ws_path, "cut short", readonly=True)
