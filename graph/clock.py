"""The one clock of the app: every "now" and "today" comes from here.

Time is an input: a workspace takes a ``Clock`` (``Workspace(path, clock=FixedClock(...))``),
so tests and ``--today`` runs behave the same on any day. ``now()`` is naive UTC, the way every
stored datetime is; ``today()`` is the user's calendar day. Code with no workspace at hand asks
``default_clock()``; tests set a ``FixedClock`` with ``use_clock``. Nothing else calls
``date.today()`` or ``datetime.now()`` (tests/test_time_is_injected.py checks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager


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
    """A clock that stands still until told otherwise (tests, reproducible runs). A date
    stands for noon of that day."""

    def __init__(self, at: dt.datetime | dt.date) -> None:
        self.at = _as_datetime(at)

    def now(self) -> dt.datetime:
        return self.at

    def today(self) -> dt.date:
        return self.at.date()

    def set(self, at: dt.datetime | dt.date) -> None:
        self.at = _as_datetime(at)

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


def _as_datetime(at: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(at, dt.datetime):
        return at if at.tzinfo is None else at.astimezone(dt.UTC).replace(tzinfo=None)
    return dt.datetime.combine(at, dt.time(12, 0))


def local_zone(clock: Clock) -> dt.tzinfo:
    """The user's time zone at the clock's current instant (for times a file leaves floating)."""
    return clock.now().replace(tzinfo=dt.UTC).astimezone().tzinfo or dt.UTC


_default: Clock = SystemClock()


def default_clock() -> Clock:
    """The clock of a workspace opened without one."""
    return _default


def set_default_clock(clock: Clock) -> Clock:
    """Replace the default clock; returns the previous one."""
    global _default
    previous, _default = _default, clock
    return previous


@contextmanager
def use_clock(clock: Clock) -> Iterator[Clock]:
    """Within the block, workspaces opened without a clock use ``clock``."""
    previous = set_default_clock(clock)
    try:
        yield clock
    finally:
        set_default_clock(previous)
