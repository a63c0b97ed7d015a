"""Progress reporting and cancellation for long imports.

The caller passes ``progress(fraction)`` and ``cancelled() -> bool`` (both optional). A desktop
worker thread maps them to a progress bar and a Cancel button; the command line to nothing.
Cancelling raises ``ImportCancelled`` at the next check, and since every write happens in one
transaction, the workspace is left exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from graph.imports.errors import ImportCancelled

ProgressCallback = Callable[[float], None]
CancelCheck = Callable[[], bool]

# Report (and check for cancellation) at most this often, in items.
_EVERY = 500


class Monitor:
    """Maps the progress of one stage onto ``[start, end]`` of the caller's 0..1 scale."""

    def __init__(
        self,
        file: str,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
        start: float = 0.0,
        end: float = 1.0,
    ) -> None:
        self.file = file
        self._progress = progress
        self._cancelled = cancelled
        self._start = start
        self._end = end

    def stage(self, start: float, end: float) -> Monitor:
        """A sub-monitor for a part of this stage (fractions of this stage's range)."""
        span = self._end - self._start
        return Monitor(
            self.file,
            self._progress,
            self._cancelled,
            self._start + span * start,
            self._start + span * end,
        )

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ImportCancelled(self.file)

    def report(self, fraction: float) -> None:
        """Announce progress within this stage (0..1) and stop if the user asked to."""
        self.check()
        if self._progress is not None:
            fraction = min(max(fraction, 0.0), 1.0)
            self._progress(self._start + (self._end - self._start) * fraction)

    def tick(self, done: int, total: int) -> None:
        """Cheap to call per item: reports every few hundred items only."""
        if done % _EVERY == 0:
            self.report(done / total if total else 1.0)

    def done(self) -> None:
        self.report(1.0)
