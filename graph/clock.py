"""The one clock of the app: every "now" and "today" in graph/ comes from here.

Time is an input: a workspace takes a ``Clock`` (``Workspace(path, clock=FixedClock(...))``),
so tests and ``--today`` runs behave the same on any day. ``now()`` is naive UTC, the way every
stored datetime is; ``today()`` is the user's calendar day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable


class Clock:
    """What time it is. Subclasses give ``now`` (naive UTC) and ``today``."""

    def now(self) -> dt.datetime:
        raise NotImplementedError

    def today(self) -> dt.date:
        raise NotImplementedError


class SystemClock(Clock):
    """The computer's clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def today(self) -> dt.date:
        # The user's local day: a TAM in Sydney works on Tuesday while UTC is still Monday.
        return dt.date.today()


class FixedClock(Clock):
    """A clock that stands still until told otherwise (tests, reproducible runs)."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def now(self) -> dt.datetime:
        return self.at

    def today(self) -> dt.date:
        return self.at.date()

    def set(self, at: dt.datetime) -> None:
        self.at = at

    def advance(self, delta: dt.timedelta | None = None, **parts: float) -> dt.datetime:
        """Move forward (``advance(days=3)``) or back (a negative delta); returns the new time."""
        self.at += (delta or dt.timedelta()) + dt.timedelta(**parts)
        return self.at


class DayClock(Clock):
    """A clock built from a ``today`` callable (the older ``Workspace(today=...)`` argument):
    the day it names, at the computer's current time of day, so edits stay in order."""

    def __init__(self, today: Callable[[], dt.date], wall: Clock | None = None) -> None:
        self._today = today
        self._wall = wall or SystemClock()

    def now(self) -> dt.datetime:
        return dt.datetime.combine(self._today(), self._wall.now().time())

    def today(self) -> dt.date:
        return self._today()
