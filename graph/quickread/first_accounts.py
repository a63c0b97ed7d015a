"""The account list as a window first shows it, and the account it opens first, read with
``sqlite3`` alone (graph.quickread.portfolio): before the workspace loads, a window can paint
the list's names and renewal lines (desktop.accounts.account_list reads ``name``, ``archived``
and ``renewal_date``, which ``AccountRow`` holds as ``graph.schema.Account`` does) and the
first account's map (desktop.map.quick_map).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from graph.quickread.portfolio import AccountRow, accounts


def listed_accounts(
    conn: sqlite3.Connection, *, include_archived: bool = False
) -> list[AccountRow]:
    """The accounts the list shows, by name (``Workspace.accounts``): archived ones only when
    asked for."""
    return [a for a in accounts(conn) if include_archived or not a.archived]


def first_account(listed: Sequence[AccountRow], remembered: int | None) -> int | None:
    """The account a window opens first: the one remembered for the file if it is still
    listed, else the first by name; None for a portfolio with no account (as
    desktop.shell.main_window chooses it)."""
    if remembered is not None and any(a.id == remembered for a in listed):
        return remembered
    return listed[0].id if listed else None
