"""Opening a workspace file for reading with nothing but the standard library's ``sqlite3``.

``open_checked(path)`` refuses exactly what ``graph.store.check_file(readonly=True)`` refuses,
with the same one-line messages (graph.store runs these same functions): a missing file, a
folder, a pipe, an empty or foreign file, a file cut short, an interrupted change (a hot
journal: a read-only command never recovers it, it says how to), a file from a newer or an
older Rapport, a schema other than Rapport's, a value Rapport cannot read back (named by table,
row and field). The file is never written to.
"""

from __future__ import annotations

import sqlite3
import stat
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from graph.errors import WorkspaceFileError
from graph.quickread import checks, expected

SUFFIX = ".rapport"  # a workspace file's name ends so (the app's file dialogs offer it)
_SQLITE_MAGIC = b"SQLite format 3\x00"
_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")

# A journal beside the file may be a live edit of another Rapport (it goes within milliseconds)
# or the trace of an interrupted one (it stays): wait this long before deciding.
JOURNAL_WAIT_SECONDS = 2.0


def sqlite_uri(path: Path, readonly: bool) -> str:
    mode = "ro" if readonly else "rw"
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection to ``path``: no write, no trigger, deleted bytes wiped."""
    conn = sqlite3.connect(sqlite_uri(path, readonly=True), uri=True, check_same_thread=False)
    conn.execute("PRAGMA query_only=ON")
    conn.execute("PRAGMA secure_delete=ON")
    # No trigger fires, even if a check missed one (none should exist: see graph.file_check).
    conn.execute("PRAGMA recursive_triggers=OFF")
    return conn


def file_error(path: Path, error: BaseException) -> WorkspaceFileError | None:
    """What SQLite says about the file itself, as a message naming the file (None: not about
    the file). Every read and write of the app goes through it (graph.store)."""
    text = str(error)
    if type(error) is sqlite3.DatabaseError or "malformed" in text:
        return WorkspaceFileError(
            f"{path}: the workspace is damaged or unreadable ({text}); restore it from a backup"
        )
    if "disk is full" in text:
        return WorkspaceFileError(f"{path}: the disk is full; the change was not saved")
    if "database is locked" in text:
        return WorkspaceFileError(
            f"{path}: another program is writing to the workspace; try again in a moment"
        )
    return None


def unreadable(path: Path, reason: str) -> WorkspaceFileError:
    return WorkspaceFileError(f"{path}: the workspace is damaged or unreadable ({reason})")


@contextmanager
def read_errors(path: Path) -> Iterator[None]:
    """Reads after the checks: what SQLite then says about the file (a damaged page the quick
    check does not read, say) is one line naming the file, never a traceback."""
    try:
        yield
    except sqlite3.Error as exc:
        raise file_error(path, exc) or unreadable(path, str(exc) or type(exc).__name__) from exc


def _journal_present(path: Path) -> bool:
    journal = Path(f"{path}-journal")
    try:
        if not journal.is_file() or journal.stat().st_size == 0:
            return False
        with journal.open("rb") as f:
            return f.read(8) == _JOURNAL_MAGIC
    except OSError:
        return False


def hot_journal(path: Path, wait: float = JOURNAL_WAIT_SECONDS) -> bool:
    """True when a rollback journal of an interrupted change sits beside ``path``."""
    deadline = time.monotonic() + wait
    while _journal_present(path):
        if time.monotonic() >= deadline:
            return True
        time.sleep(0.02)
    return False


def interrupted(path: Path) -> WorkspaceFileError:
    """The refusal of a read-only command facing an interrupted change."""
    return WorkspaceFileError(
        f"{path}: a change was interrupted (Rapport or the computer stopped mid-edit); "
        "open the file in Rapport once (rapport open) to recover it, then try again"
    )


def _truncated(header: bytes, size: int) -> bool:
    """True when the header promises more pages than the file holds (a cut-off copy)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count is only trusted when the header says it is current (SQLite file format).
    current = header[24:28] == header[92:96]
    return len(header) < 100 or (current and size < page_size * pages)


def check_header(path: Path, journal_wait: float = JOURNAL_WAIT_SECONDS) -> None:
    """The checks of the file as bytes, before SQLite opens it: it exists, is a regular file,
    is an SQLite database, and is whole (unless a hot journal explains the missing pages)."""
    if not path.exists():
        raise WorkspaceFileError(f"{path}: no such file")
    if path.is_dir():
        raise WorkspaceFileError(f"{path}: is a folder, not a Rapport workspace file")
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise WorkspaceFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not stat.S_ISREG(mode):
        # Opening a FIFO would wait for a writer forever; a device is never a workspace.
        raise WorkspaceFileError(
            f"{path}: not a regular file (a pipe or a device), not a workspace"
        )
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise WorkspaceFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    if len(header) == 0:
        raise WorkspaceFileError(f"{path}: the file is empty, not a Rapport workspace")
    if not header.startswith(_SQLITE_MAGIC):
        raise WorkspaceFileError(f"{path}: not a Rapport workspace (it is not a database file)")
    if _truncated(header, path.stat().st_size) and not hot_journal(path, journal_wait):
        raise WorkspaceFileError(
            f"{path}: the workspace is damaged (the file is cut short); restore it from a backup"
        )


def query_of(conn: sqlite3.Connection) -> checks.Query:
    """Runs the shared SQL (graph.quickread.checks, graph.contact_window) on ``conn``."""

    def run(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return conn.execute(sql, tuple(params)).fetchall()

    return run


def check_contents(
    conn: sqlite3.Connection, path: Path, *, thorough: bool, values: bool = True
) -> int:
    """The checks of a file with no interrupted change, on a read-only connection: returns its
    file format version. ``thorough`` adds SQLite's page-by-page check and the check of every
    link (the app does both at every open); ``values=False`` leaves out the check of every
    value, for a caller that runs it on a thread (``graph.background_check.check_values``)."""
    query = query_of(conn)
    with read_errors(path):
        ok = query("PRAGMA quick_check", ())[0][0] if thorough else "ok"
        if ok != "ok":
            raise WorkspaceFileError(
                f"{path}: the workspace is damaged ({ok}); restore it from a backup"
            )
        if not query("PRAGMA table_info(rapport_meta)", ()):
            raise WorkspaceFileError(
                f"{path}: not a Rapport workspace (a database, but not one Rapport made)"
            )
        meta = {k: v for k, v in query("SELECT key, value FROM rapport_meta", ())}
        version = _version(path, meta)
        problem = checks.schema_problem(query, exact=version == expected.SCHEMA_VERSION)
        if problem is None and values:
            problem = checks.value_problem(query)
        if problem is None and thorough:
            problem = checks.reference_problem(query)
    if problem is not None:
        raise WorkspaceFileError(
            f"{path}: not a workspace Rapport can trust: {problem}. "
            "It was changed by another program; restore it from a backup."
        )
    return version


def _version(path: Path, meta: dict[object, object]) -> int:
    if meta.get("format") != expected.FORMAT_MARKER:
        raise WorkspaceFileError(f"{path}: not a Rapport workspace (unknown database format)")
    try:
        version = int(meta.get("schema_version", ""))  # type: ignore[call-overload]
    except (ValueError, TypeError) as exc:
        raise WorkspaceFileError(f"{path}: the workspace's version record is damaged") from exc
    if version > expected.SCHEMA_VERSION:
        raise WorkspaceFileError(
            f"{path}: made by a newer Rapport (file format {version}; this version reads up to "
            f"{expected.SCHEMA_VERSION}). Update Rapport to open it."
        )
    if version < 1:
        raise WorkspaceFileError(f"{path}: the workspace's version record is damaged")
    return version


def older_version(path: Path, version: int) -> WorkspaceFileError:
    """The refusal of a read-only command facing a file it would have to upgrade first."""
    return WorkspaceFileError(
        f"{path}: made by an older Rapport (file format {version}); open it once for "
        "editing to upgrade it."
    )


def open_checked(path: Path, *, thorough: bool = False, values: bool = True) -> sqlite3.Connection:
    """A read-only connection to the workspace ``path``, after every check a read-only command
    makes (``thorough``: the app's page-by-page and link checks as well). ``values=False``
    leaves out the check of every value, for a caller whose full open runs it afterwards (the
    app's first look: the window's session checks them on a thread). Raises
    WorkspaceFileError with one line naming the file. The caller closes the connection."""
    check_header(path)
    if hot_journal(path):
        raise interrupted(path)
    with read_errors(path):
        conn = connect_readonly(path)
    try:
        version = check_contents(conn, path, thorough=thorough, values=values)
        if version < expected.SCHEMA_VERSION:
            raise older_version(path, version)
    except BaseException:
        conn.close()
        raise
    return conn
