"""The window's first look: the account it opens first, read before the workspace loads.

Most of a cold start went to loading the database library and opening the workspace before the
window could paint. The first look reads the first account's map with the standard library's
``sqlite3`` alone (graph.quickread, desktop.map.quick_map: equal field by field to the full
read), so the window paints it at once; the workspace loads right after that paint, behind the
map on show (desktop.shell.main_window).

The first look is given up (None) whenever the quick read cannot stand for the full one: a file
that fails a check or has a change in flight beside it, a history log with changes after today,
a portfolio with no account. The full open then runs as it always did, and says what is wrong.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import RapportError
from graph.quickread.account_rows import card_positions
from graph.quickread.first_accounts import first_account, listed_accounts
from graph.quickread.opening import open_checked

if TYPE_CHECKING:
    from desktop.map.map_data import MapData
    from graph.quickread.portfolio import AccountRow

Point = tuple[float, float]
FIRST_VIEW = "org"  # the view a map opens on (desktop.map.map_widget)


@dataclass(frozen=True)
class FileStamp:
    """What changes when anything writes the file: SQLite's change counter (every commit
    adds one to it, in the file's header), its modification time and size (a file system
    may keep a time to the second, and a commit often keeps the size)."""

    changes: bytes
    modified_ns: int
    size: int

    @classmethod
    def of(cls, path: Path) -> FileStamp | None:
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):  # a pipe would wait for a writer forever
                return None
            with path.open("rb") as f:
                header = f.read(28)
        except OSError:
            return None
        return cls(header[24:28], info.st_mtime_ns, info.st_size)


@dataclass(frozen=True)
class QuickStart:
    """The first account's map as the file held it when read, the view's placed cards, and
    the accounts the list shows."""

    path: Path
    account_id: int
    account_name: str
    data: MapData
    pinned: dict[str, Point]
    stamp: FileStamp
    today: dt.date  # the day read
    accounts: tuple[AccountRow, ...]

    def still_current(self) -> bool:
        """True while nothing has written the file since it was read: the map on show is then
        the one the full read would give."""
        return FileStamp.of(self.path) == self.stamp


def read_quick_start(path: Path, remembered: int | None, today: dt.date) -> QuickStart | None:
    """The first look of the workspace ``path`` (``remembered``: the account its last window
    showed), as of ``today``; None when only the full open can say what to show."""
    # Imported here: the map's data module loads Qt's graphics classes, which the window
    # needs anyway but a caller checking only the file does not.
    from desktop.map.quick_map import quick_map_data

    stamp = FileStamp.of(path)
    # A journal beside the file is an edit in flight or an interrupted one: the full open
    # waits for the first and recovers the second.
    if stamp is None or Path(f"{path}-journal").exists():
        return None
    try:
        conn = open_checked(path, values=False)
    except (RapportError, sqlite3.Error, OSError):  # the full open says what is wrong
        return None
    try:
        conn.execute("BEGIN")  # one state of the file for every read below
        listed = listed_accounts(conn)
        account_id = first_account(listed, remembered)
        if account_id is None:
            return None
        data = quick_map_data(conn, account_id, today)
        if data is None:
            return None
        pinned = card_positions(conn, account_id, FIRST_VIEW)
    except Exception:
        # The quick read skips the check of every value (the full open makes it right
        # after): a value it cannot read is for the full open to name, by table, row and
        # field. The window then opens as it did before the first look.
        return None
    finally:
        conn.close()
    if FileStamp.of(path) != stamp:  # written while being read: the read may mix two states
        return None
    name = next(a.name for a in listed if a.id == account_id)
    return QuickStart(path, account_id, name, data, pinned, stamp, today, tuple(listed))
