"""The half of a workspace's file check that reads the whole file, on a thread, while the app's
window paints or a command reads.

``store.check_file`` without ``thorough`` has already checked the schema and every value; what
is left (SQLite's page-by-page check and every reference between records) reads the whole file,
which is most of the check on a big portfolio. It runs on a thread of its own (SQLite works
without the GIL) while every statement that could write to the file waits for it, and is
refused with the check's own message if it failed: the file is never written before it is
checked. Reads go ahead meanwhile.

A read-only command (``rapport export``) checks every value the same way (``check_values``):
it reads while the check runs and waits for it before it writes a file of its own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from graph import store
from graph.errors import WorkspaceFileError
from graph.file_check import reference_problem, value_problem

# What a statement may begin with and still write nothing; anything else waits for the check.
_READS = ("SELECT", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "EXPLAIN")

Outcome = Callable[[WorkspaceFileError | None], None]
Check = Callable[[Path], None]

_CHECKS: WeakKeyDictionary[Engine, BackgroundCheck] = WeakKeyDictionary()


def check_thorough(path: Path) -> None:
    """The thorough half of ``store.check_file`` alone (SQLite's page-by-page check and every
    reference between records), in its words, for a file ``check_file`` passed without it.
    Read-only; raises WorkspaceFileError naming the file."""
    _check(path, reference_problem, pages=True)


def check_values(path: Path) -> None:
    """The check of every value ``store.check_file`` makes, alone, in its words, for a file
    ``check_file`` passed with ``values=False``. Read-only; raises WorkspaceFileError."""
    _check(path, value_problem, pages=False)


def _check(path: Path, problem_of: Callable[[Connection], str | None], *, pages: bool) -> None:
    engine = store._engine(path, readonly=True)
    try:
        with engine.connect() as conn:
            ok = conn.exec_driver_sql("PRAGMA quick_check").scalar() if pages else "ok"
            if ok != "ok":
                raise WorkspaceFileError(
                    f"{path}: the workspace is damaged ({ok}); restore it from a backup"
                )
            problem = problem_of(conn)
    except WorkspaceFileError:
        raise
    except (DBAPIError, SQLAlchemyError) as exc:
        reason = str(getattr(exc, "orig", exc)) or type(exc).__name__
        raise WorkspaceFileError(
            f"{path}: the workspace is damaged or unreadable ({reason})"
        ) from exc
    finally:
        engine.dispose()
    if problem is not None:
        raise WorkspaceFileError(
            f"{path}: not a workspace Rapport can trust: {problem}. "
            "It was changed by another program; restore it from a backup."
        )


def _writes(statement: str) -> bool:
    head = statement.lstrip().upper()
    if head.startswith("PRAGMA"):
        return "=" in head  # a PRAGMA that sets something may write the file
    return not head.startswith(_READS)


class BackgroundCheck:
    """One file's check (``check_thorough`` unless told), started at once on a daemon thread."""

    def __init__(self, path: Path, check: Check | None = None) -> None:
        self.path = path
        self._check = check
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._problem: str | None = None
        self._waiting: list[Outcome] = []
        self._thread = threading.Thread(target=self._run, name="rapport-file-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        problem: str | None = None
        try:
            (self._check or check_thorough)(self.path)
        except WorkspaceFileError as exc:
            problem = str(exc)
        except Exception as exc:  # a check that could not finish has not passed
            problem = f"{self.path}: the workspace could not be checked ({exc})"
        with self._lock:
            self._problem = problem
            self._done.set()
            waiting, self._waiting = self._waiting, []
        for outcome in waiting:
            outcome(self.error())

    def error(self) -> WorkspaceFileError | None:
        """What the check found (a fresh exception each time), or None: passed or running."""
        return WorkspaceFileError(self._problem) if self._problem is not None else None

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def when_done(self, outcome: Outcome) -> None:
        """Call ``outcome`` with the check's error (None if it passed) once it has finished:
        at once if it has, else on the check's thread."""
        with self._lock:
            if not self._done.is_set():
                self._waiting.append(outcome)
                return
        outcome(self.error())

    def wait(self) -> None:
        """Block until the check has finished; raise its WorkspaceFileError if it failed."""
        self._done.wait()
        error = self.error()
        if error is not None:
            raise error

    def _before_execute(
        self, _conn: Any, _cursor: Any, statement: str, *_args: Any, **_kwargs: Any
    ) -> None:
        if _writes(statement):
            self.wait()


def check_in_background(engine: Engine, path: Path, check: Check | None = None) -> BackgroundCheck:
    """Start checking ``path`` (thoroughly, unless told); every write through ``engine``
    waits for it."""
    background = BackgroundCheck(path, check)
    event.listen(engine, "before_cursor_execute", background._before_execute)
    _CHECKS[engine] = background
    return background


def check_of(engine: Engine) -> BackgroundCheck | None:
    """The background check of the file ``engine`` opened, if it was opened that way."""
    return _CHECKS.get(engine)
