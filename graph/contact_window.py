"""A person's contact history in three numbers, and the window the signals look back over.

Plain Python: ``contact_stats`` is one SQL statement run on any connection, through
SQLAlchemy for the app (graph.queries) and through ``sqlite3`` for the read-only commands
(graph.quickread); graph.signals reads the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

# Runs one SQL statement with its parameters and returns every row (graph.quickread.checks).
Query = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

# Coverage and recent activity look back this far (graph.signals documents the rules).
CONTACT_WINDOW_DAYS = 180


def contact_window_start(today: dt.date) -> dt.datetime:
    return dt.datetime.combine(today - dt.timedelta(days=CONTACT_WINDOW_DAYS), dt.time())


def end_of_day(day: dt.date) -> dt.datetime:
    """Midnight after ``day``: interactions strictly before it happened on or before ``day``."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())


@dataclass(frozen=True)
class ContactStats:
    """A person's contact history: the latest contact ever, and activity within a window."""

    last_contact: dt.datetime | None = None
    recent_count: int = 0
    recent_minutes: int = 0


def stored_time(at: dt.datetime) -> str:
    """A time as SQLAlchemy writes and binds it on SQLite: text compared with stored times
    gives the same answers on both paths."""
    return at.strftime("%Y-%m-%d %H:%M:%S.%f")


def contact_stats(
    query: Query,
    since: dt.datetime,
    account_ids: Collection[int] | None = None,
    as_of: dt.date | None = None,
) -> dict[int, ContactStats]:
    """Contact statistics per person id, for the people met in interactions of
    ``account_ids`` (default: every account): the latest contact, and the interactions and
    minutes from ``since`` on. Interactions count up to the end of ``as_of`` (default: every
    one logged, future ones too)."""
    # Driven from interactions, filtered by account: SQLite then reads the covering index
    # ix_interactions_contact instead of jumping from each attendance to its interaction row.
    if account_ids is None:
        accounts = "SELECT id FROM accounts"
    else:
        accounts = ", ".join(str(int(i)) for i in sorted(account_ids))
    params: list[Any] = [stored_time(since), stored_time(since)]
    upto = ""
    if as_of is not None:
        upto = " AND i.occurred_at < ?"
        params.append(stored_time(end_of_day(as_of)))
    rows = query(
        "SELECT ip.person_id, max(i.occurred_at), "
        "sum(CASE WHEN i.occurred_at >= ? THEN 1 ELSE 0 END), "
        "sum(CASE WHEN i.occurred_at >= ? THEN i.duration_minutes ELSE 0 END) "
        "FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id "
        f"WHERE i.account_id IN ({accounts}){upto} GROUP BY ip.person_id",
        params,
    )
    return {
        pid: ContactStats(dt.datetime.fromisoformat(last), int(count or 0), int(minutes or 0))
        for pid, last, count, minutes in rows
    }
