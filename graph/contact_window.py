"""A person's contact history in three numbers, and the window the signals look back over.

Plain Python (no database access): graph.queries reads these through SQLAlchemy for the app,
graph.quickread through ``sqlite3`` for the read-only commands, and graph.signals reads them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
