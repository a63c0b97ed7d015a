"""Opening, checking, creating and migrating workspace files.

A workspace is one SQLite file. Everything that could refuse a file (not SQLite, not Rapport,
damaged, newer than this version) is checked on a read-only connection first, so a file we
refuse is never modified.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    event,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from graph import schema as s
from graph.errors import WorkspaceFileError
from graph.file_check import schema_problem, value_problem
from graph.files import temporary_name, write_failure
from graph.quickread import opening
from graph.quickread.opening import SUFFIX as SUFFIX
from graph.quickread.opening import sqlite_uri as _sqlite_uri

FORMAT_MARKER = "rapport-workspace"
SCHEMA_VERSION = 5


def _connect_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # Erasing a person must erase their name and notes from the file, not only from the
    # tables: SQLite's upstream default leaves deleted rows in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    # A rollback journal keeps the workspace a single file at rest; FULL sync makes each
    # committed edit survive a crash or power cut (an edit costs well under a millisecond).
    cursor.execute("PRAGMA journal_mode=DELETE")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA query_only=ON")
    dbapi_connection.execute("PRAGMA secure_delete=ON")
    # No trigger fires, even if a check missed one (none should exist: see graph.file_check).
    dbapi_connection.execute("PRAGMA recursive_triggers=OFF")


def _engine(path: Path, readonly: bool) -> Engine:
    uri = _sqlite_uri(path, readonly)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect, poolclass=NullPool)
    if not readonly:
        event.listen(engine, "connect", _connect_pragmas)
    else:
        event.listen(engine, "connect", _read_only_pragmas)
    event.listen(engine, "handle_error", _explain_file_errors(path))
    return engine


def _explain_file_errors(path: Path) -> Callable[[Any], None]:
    """Turn what SQLite says about the file itself into a message naming the file, for every
    read and write, wherever it comes from (workspace, signals, reports, imports)."""

    def explain(context: Any) -> None:
        error = context.original_exception
        refusal = opening.file_error(path, error)
        if refusal is not None:
            raise refusal from error

    return explain


# The execution option of ``Workspace.reader``: reads that open no write transaction.
READS_OPTION = "rapport_reads"


def _begin_immediately(engine: Engine) -> None:
    # pysqlite's own BEGIN handling defers the write lock; take it at the start of every
    # transaction so two Rapport windows on one file queue up instead of failing mid-edit.
    @event.listens_for(engine, "connect")
    def _no_pysqlite_begin(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Plain reads (``Workspace.reader``) take no write lock; a deferred BEGIN still gives
        # their several statements one consistent view of the file.
        reads = conn.get_execution_options().get(READS_OPTION)
        conn.exec_driver_sql("BEGIN" if reads else "BEGIN IMMEDIATE")


def _meta(conn: Connection) -> dict[str, str]:
    rows = conn.execute(select(s.Meta.key, s.Meta.value)).all()
    return {key: value for key, value in rows}


# A journal beside the file may be a live edit of another Rapport (it goes within milliseconds)
# or the trace of an interrupted one (it stays): wait this long before deciding.
_JOURNAL_WAIT_SECONDS = opening.JOURNAL_WAIT_SECONDS


def _hot_journal(path: Path) -> bool:
    """True when a rollback journal of an interrupted change sits beside ``path``."""
    return opening.hot_journal(path, _JOURNAL_WAIT_SECONDS)


def _recover_interrupted_change(path: Path, readonly: bool) -> None:
    """Roll back a change that a crash or kill interrupted, restoring the last committed state.

    SQLite does this on the first read-write access, which writes to the file. So the
    recovery is first tried on a copy, and the file itself is only recovered once the copy
    passed every check (a refused file is never modified). A read-only command never
    recovers: it says how to.
    """
    if not _hot_journal(path):
        return
    if readonly:
        raise opening.interrupted(path)
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise WorkspaceFileError(
            f"{path}: a change was interrupted (Rapport or the computer stopped mid-edit), and "
            "recovering it needs write access to the file and its folder"
        )
    copy = temporary_name(path)
    try:
        try:
            shutil.copyfile(path, copy)
            shutil.copyfile(f"{path}-journal", f"{copy}-journal")
        except OSError as exc:
            raise write_failure(copy, exc, "a copy to recover the interrupted change") from exc
        _recover(copy, shown=path)
        _check_recovered(copy, shown=path)
    finally:
        Path(f"{copy}-journal").unlink(missing_ok=True)
        copy.unlink(missing_ok=True)
    _recover(path, shown=path)


def _recover(path: Path, *, shown: Path) -> None:
    try:
        conn = sqlite3.connect(_sqlite_uri(path, readonly=False), uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise WorkspaceFileError(
            f"{shown}: the workspace is damaged or unreadable ({exc})"
        ) from exc


def _check_recovered(copy: Path, *, shown: Path) -> None:
    try:
        _check_contents(copy, thorough=True)
    except WorkspaceFileError as exc:
        raise WorkspaceFileError(str(exc).replace(str(copy), str(shown))) from exc


def check_file(
    path: Path, *, thorough: bool = True, readonly: bool = False, values: bool = True
) -> int:
    """Check that ``path`` is a healthy Rapport workspace this version can open.

    Returns its schema version. Raises WorkspaceFileError with a message naming the file.
    Never writes to a file it refuses (and never at all when ``readonly``). ``thorough`` adds
    SQLite's page-by-page check (about 70 ms for a 30 MB portfolio): the app does it at every
    open; a quick read-only command does without, and a damaged page it meets later is still
    reported as damage (Workspace._reading). The schema is checked always, and every value
    unless ``values`` is False (the caller checks them on a thread: ``open_engine``).
    """
    opening.check_header(path, _JOURNAL_WAIT_SECONDS)
    _recover_interrupted_change(path, readonly)
    return _check_contents(path, thorough=thorough, values=values)


def _check_contents(path: Path, *, thorough: bool, values: bool = True) -> int:
    """The read-only checks of a file with no interrupted change: returns its version."""
    with opening.read_errors(path):
        conn = opening.connect_readonly(path)
    try:
        return opening.check_contents(conn, path, thorough=thorough, values=values)
    finally:
        conn.close()


def open_engine(path: Path, *, readonly: bool = False, check_later: bool = False) -> Engine:
    """Open an existing workspace after checking it, migrating it if it is older.

    ``check_later`` (for editing; the app's start): the thorough half of the check runs on a
    thread (``graph.background_check``) and every write waits for it, refused if it failed.
    A file to migrate is checked whole first: a migration writes. Read-only with
    ``check_later`` (``rapport export``): the check of every value runs on a thread; the
    caller waits for it (``background_check.check_of(engine).wait()``) before it writes
    anything of its own, and before it trusts an error met while reading.
    """
    values_later = readonly and check_later
    version = check_file(
        path,
        thorough=not readonly and not check_later,
        readonly=readonly,
        values=not values_later,
    )
    if not readonly and not os.access(path, os.W_OK):
        raise WorkspaceFileError(
            f"{path}: the file is read-only. Rapport writes every change at once, so it needs "
            "write access; copy the file or change its permissions."
        )
    if not readonly and not os.access(path.parent, os.W_OK):
        raise WorkspaceFileError(
            f"{path}: its folder is read-only, and Rapport needs to write a journal next to the "
            "file to keep it safe. Move the file to a folder you can write to."
        )
    if readonly and version < SCHEMA_VERSION:
        raise opening.older_version(path, version)
    engine = _engine(path, readonly=readonly)
    if values_later:
        from graph.background_check import check_in_background, check_values

        check_in_background(engine, path, check=check_values)
    if not readonly:
        if check_later:
            from graph.background_check import check_in_background, check_thorough

            if version < SCHEMA_VERSION:
                check_thorough(path)
            else:
                check_in_background(engine, path)
        _begin_immediately(engine)
        if version < SCHEMA_VERSION:
            migrate(engine, version, path)
    return engine


def create_file(path: Path) -> Engine:
    """Create a new, empty workspace. Refuses to overwrite an existing file."""
    if path.exists():
        raise WorkspaceFileError(f"{path}: already exists; Rapport will not overwrite it")
    if not path.parent.is_dir():
        raise WorkspaceFileError(f"{path}: the folder {path.parent} does not exist")
    try:
        sqlite3.connect(path).close()
    except sqlite3.Error as exc:
        raise WorkspaceFileError(f"{path}: cannot create the file ({exc})") from exc
    engine = _engine(path, readonly=False)
    _begin_immediately(engine)
    try:
        with engine.begin() as conn:
            s.Base.metadata.create_all(conn)
            conn.execute(
                insert(s.Meta),
                [
                    {"key": "format", "value": FORMAT_MARKER},
                    {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                    {"key": "device_id", "value": s.new_uid()},
                ],
            )
            _seed_defaults(conn)
    except SQLAlchemyError as exc:
        engine.dispose()
        path.unlink(missing_ok=True)
        raise WorkspaceFileError(f"{path}: cannot create the workspace ({exc})") from exc
    return engine


def _seed_defaults(conn: Connection) -> None:
    from graph.cadence import DEFAULT_CADENCE

    conn.execute(
        insert(s.CadenceDefault),
        [
            {"role": role.value, "ideal_days": ideal, "max_days": maximum}
            for role, (ideal, maximum) in DEFAULT_CADENCE.items()
        ],
    )


# --- migrations -----------------------------------------------------------------------------
# MIGRATIONS[n] upgrades a file of schema version n to n + 1, inside the caller's transaction.
# Only portable SQL (ALTER TABLE ... ADD COLUMN, CREATE TABLE through SQLAlchemy) is used.


def has_column(conn: Connection, table: str, column: str) -> bool:
    """Whether ``table`` already has ``column``: a migration adds a column only if it does not
    (a file an earlier, interrupted or hand-made upgrade already gave it must still open)."""
    rows = conn.exec_driver_sql(f'PRAGMA table_info("{table}")').all()
    return any(row[1] == column for row in rows)


def add_column(conn: Connection, table: str, column: str, definition: str) -> None:
    """``ALTER TABLE table ADD COLUMN column definition``, unless the column is there already."""
    if not has_column(conn, table, column):
        conn.execute(text(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {definition}'))


def _v1_to_v2(conn: Connection) -> None:
    # Version 2 added the account's fiscal year start and the map's card positions.
    add_column(conn, "accounts", "fiscal_year_start_month", "INTEGER NOT NULL DEFAULT 1")
    s.Base.metadata.tables[s.CardPosition.__tablename__].create(conn, checkfirst=True)


def _v2_to_v3(conn: Connection) -> None:
    # Version 3 widened the interactions index so contact history is read from the index alone.
    conn.execute(text("DROP INDEX IF EXISTS ix_interactions_account_time"))
    index = next(
        i
        for i in s.Base.metadata.tables["interactions"].indexes
        if i.name == "ix_interactions_contact"
    )
    index.create(conn, checkfirst=True)


# A version-4 uuid as 32 hex digits, drawn by SQLite for every existing row in one statement.
_UUID4_SQL = (
    "lower(hex(randomblob(4)) || hex(randomblob(2)) || '4' || substr(hex(randomblob(2)), 2)"
    " || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2)"
    " || hex(randomblob(6)))"
)


def _v3_to_v4(conn: Connection) -> None:
    # Version 4 added the history log (graph.changelog), a global uid on every record with an
    # integer id and the file's device id, for the team sync. The history starts empty: what
    # happened before is known only from the records' own dates, and ``history_since`` says
    # from when the log is complete.
    from graph.clock import SystemClock

    for table in s.Base.metadata.sorted_tables:
        if "uid" not in table.c or table.name == s.HistoryEntry.__tablename__:
            continue
        # SQLite adds a NOT NULL column only with a default; every row gets a uid at once.
        add_column(conn, table.name, "uid", "VARCHAR(32) NOT NULL DEFAULT ''")
        conn.execute(text(f"UPDATE {table.name} SET uid = {_UUID4_SQL} WHERE uid = ''"))
        for index in table.indexes:
            if index.name == f"ix_{table.name}_uid":
                index.create(conn, checkfirst=True)
    s.Base.metadata.tables[s.HistoryEntry.__tablename__].create(conn, checkfirst=True)
    present = set(_meta(conn))
    wanted = {
        "device_id": s.new_uid(),
        "history_since": SystemClock().now().isoformat(sep=" "),
    }
    missing = [{"key": k, "value": v} for k, v in wanted.items() if k not in present]
    if missing:
        conn.execute(insert(s.Meta), missing)


def _v4_to_v5(conn: Connection) -> None:
    # Version 5 added the team sync's conflict list (graph.team); the replica's server and
    # sync marks are rapport_meta keys.
    s.Base.metadata.tables[s.TeamConflict.__tablename__].create(conn, checkfirst=True)


MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
}


def migrate(engine: Engine, from_version: int, path: Path | str = "the workspace") -> None:
    """Upgrade in one transaction: a failed migration leaves the file exactly as it was."""
    with engine.begin() as conn:
        for version in range(from_version, SCHEMA_VERSION):
            MIGRATIONS[version](conn)
        conn.execute(
            update(s.Meta).where(s.Meta.key == "schema_version").values(value=str(SCHEMA_VERSION))
        )
        # The upgraded file must be exactly this version's schema; if not, nothing is kept.
        problem = schema_problem(conn, exact=True) or value_problem(conn)
        if problem is not None:
            raise WorkspaceFileError(
                f"{path}: cannot be upgraded: {problem}. It was changed by another program; "
                "restore it from a backup."
            )
