"""The one clock of the app: every "today" and "now" comes from here.

A QBR, a cadence status or a "new person" flag depends on the date, so time is an input:
a workspace takes a clock (``Workspace(..., clock=...)``), and everything that has no workspace
at hand asks ``default_clock()``. Tests set a ``FixedClock`` with ``use_clock`` so they pass on
any day; nothing else calls ``date.today()`` or ``datetime.now()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current time, naive UTC (how the workspace stores times)."""
        ...

    def today(self) -> dt.date:
        """The user's current calendar day (local time)."""
        ...


class SystemClock:
    """The computer's clock."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC).replace(tzinfo=None)

    def today(self) -> dt.date:
        return dt.date.today()


class FixedClock:
    """A clock that stands still until moved: tests and ``rapport summary --today``."""

    def __init__(self, at: dt.datetime | dt.date) -> None:
        self._at = _as_datetime(at)

    def now(self) -> dt.datetime:
        return self._at

    def today(self) -> dt.date:
        return self._at.date()

    def set(self, at: dt.datetime | dt.date) -> None:
        self._at = _as_datetime(at)

    def advance(self, delta: dt.timedelta) -> None:
        self._at += delta


class TodayClock:
    """Adapts a plain ``today()`` callable (the workspace's older parameter) to a clock."""

    def __init__(self, today: object) -> None:
        self._today = today

    def today(self) -> dt.date:
        day = self._today()  # type: ignore[operator]
        assert isinstance(day, dt.date)
        return day

    def now(self) -> dt.datetime:
        # Noon keeps a time on the same day in every time zone a user is likely to be in.
        return dt.datetime.combine(self.today(), dt.time(12, 0))


def _as_datetime(at: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(at, dt.datetime):
        return at.replace(tzinfo=None) if at.tzinfo is None else _to_naive_utc(at)
    return dt.datetime.combine(at, dt.time(12, 0))


def _to_naive_utc(at: dt.datetime) -> dt.datetime:
    return at.astimezone(dt.UTC).replace(tzinfo=None)


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
