"""Work on a big map's items spread across turns of the event loop.

Laying a 2,000-person account's map out creates or moves thousands of QGraphicsItems (cards,
links, their arrows and ends), and only the GUI thread may touch them: done in one go it holds
the window for a second or more. The scene writes such work as a generator that yields between
small batches; this runs it a slice of at most ``SLICE_S`` at a time, letting the event loop
answer in between (never ``processEvents``: the loop itself calls the next slice). Whoever
needs the result at once (an export, an edit, a newer layout) calls ``finish``, which runs the
rest there and then, so the outcome is the same either way.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Generator

from PySide6.QtCore import QObject, QTimer

Steps = Generator[None, None, None]
SLICE_S = 0.025  # well under a frame's worth of stall per turn, and few turns per map
BATCH = 40  # items handled between two chances for the event loop to answer (see below)


def run(steps: Steps) -> None:
    """Run ``steps`` to the end, now."""
    for _ in steps:
        pass


class Batch:
    """Counts the items of a long loop: ``due`` every ``BATCH`` of them, time to yield."""

    def __init__(self) -> None:
        self._count = 0

    def due(self) -> bool:
        self._count += 1
        return self._count % BATCH == 0


class SlicedWork:
    def __init__(self, owner: QObject) -> None:
        self._steps: Steps | None = None
        self._running = False
        self._timer = QTimer(owner)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._turn)

    @property
    def active(self) -> bool:
        return self._steps is not None

    def start(self, steps: Steps, *, sliced: bool = True) -> None:
        """Run ``steps``: in slices across event-loop turns, or (``sliced`` False) all now.
        Work still under way is finished first: its outcome is what ``steps`` builds on."""
        self.finish()
        self._steps = steps
        if sliced:
            self._turn()
        else:
            self.finish()

    def finish(self) -> None:
        """Run what is left now (nothing when called from inside the work itself)."""
        if self._running:
            return
        self._timer.stop()
        steps, self._steps = self._steps, None
        if steps is None:
            return
        self._running = True
        try:
            for _ in steps:
                pass
        finally:
            self._running = False

    def drop(self) -> None:
        """Abandon the work under way (its generator's ``finally`` clauses still run): the
        items it was building are about to go."""
        self._timer.stop()
        steps, self._steps = self._steps, None
        if steps is not None and not self._running:
            steps.close()

    def _turn(self) -> None:
        steps = self._steps
        if steps is None or self._running:
            return
        end = time.perf_counter() + SLICE_S
        self._running = True
        try:
            next(steps)  # at least one step a turn, however slow the machine
            while time.perf_counter() < end:
                next(steps)
        except BaseException:  # done (StopIteration), or failed: either way it is over
            if self._steps is steps:
                self._steps = None
            if not isinstance(sys.exc_info()[1], StopIteration):
                raise
            return
        finally:
            self._running = False
        if self._steps is steps:
            self._timer.start()
