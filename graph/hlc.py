"""A hybrid logical clock: a timestamp for each change that sorts the same on every device.

``f"{ms:013d}-{counter:04d}-{device}"``: wall-clock milliseconds, a counter for changes within
one millisecond (or while the wall clock stands still or goes back), and the device id that
breaks ties between devices. Each stamp a device hands out is greater than every stamp it
handed out or ``observe``-d before, whatever its wall clock does, so sorting the change log by
stamp gives an order every replica agrees on (the team sync relies on it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

_EPOCH = dt.datetime(1970, 1, 1)
_MAX_COUNTER = 9999
_PER_MS = _MAX_COUNTER + 1


def millis(at: dt.datetime) -> int:
    """Milliseconds since 1970 of a naive UTC datetime."""
    return (at - _EPOCH) // dt.timedelta(milliseconds=1)


def at(ms: int, counter: int, k: int, device: str) -> str:
    """The ``k``-th stamp after (and from) ``(ms, counter)``. graph.changelog computes the same
    in SQL for imports."""
    total = counter + k
    return f"{ms + total // _PER_MS:013d}-{total % _PER_MS:04d}-{device}"


def parse(stamp: str) -> tuple[int, int, str]:
    """``(milliseconds, counter, device)`` of a stamp."""
    ms, counter, device = stamp.split("-", 2)
    return int(ms), int(counter), device


class HybridClock:
    """Hands out strictly increasing stamps for one device."""

    def __init__(self, device: str, wall: Callable[[], dt.datetime]) -> None:
        self.device = device
        self._wall = wall
        self._ms = 0
        self._counter = 0

    def stamp(self) -> str:
        """The next stamp."""
        wall = millis(self._wall())
        if wall > self._ms:
            self._ms, self._counter = wall, 0
        elif self._counter < _MAX_COUNTER:
            self._counter += 1
        else:
            # More than 10,000 changes in one millisecond: borrow the next millisecond.
            self._ms, self._counter = self._ms + 1, 0
        return f"{self._ms:013d}-{self._counter:04d}-{self.device}"

    def reserve(self, count: int) -> tuple[int, int]:
        """Take the next ``count`` stamps at once, reading the wall clock once. Returns the
        first one's (milliseconds, counter); stamp k is ``at(ms, counter, k)``."""
        wall = millis(self._wall())
        ms, counter = (wall, 0) if wall > self._ms else (self._ms, self._counter + 1)
        ms, counter = ms + counter // _PER_MS, counter % _PER_MS
        if count > 0:
            last = counter + count - 1
            self._ms, self._counter = ms + last // _PER_MS, last % _PER_MS
        return ms, counter

    def stamps(self, count: int) -> list[str]:
        """The next ``count`` stamps (the rows of one transaction)."""
        ms, counter = self.reserve(count)
        return [at(ms, counter, k, self.device) for k in range(count)]

    def observe(self, remote: str) -> None:
        """Take note of a stamp made elsewhere (or earlier), so every later stamp sorts after it."""
        ms, counter, _device = parse(remote)
        if (ms, counter) > (self._ms, self._counter):
            self._ms, self._counter = ms, counter
