"""The live QBR preview, computed off the GUI thread: the assembled QBR, then chart images.

``PreviewWorker`` runs one job at a time on a private ``QThreadPool``. A job opens the file
read-only (its own SQLite connection: the GUI's workspace never crosses threads), assembles the
QBR with ``reports.qbr.assemble_qbr`` and draws the charts asked for with matplotlib's Agg
canvas into ``QImage`` objects (never the Qt backend; images, not pixmaps, are safe off the GUI
thread). Every request bumps a generation; a job that is no longer the newest stops at its next
step and its results are dropped, so typing never queues up stale work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from desktop.common.qt_runtime import background_work
from desktop.qbr.scope import Scope
from graph.workspace import Workspace

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from reports.model import Qbr

MIN_WIDTH, MAX_WIDTH = 480, 2400


def figure_image(fig: Figure, width_px: int) -> QImage:
    """Draw a matplotlib figure ``width_px`` wide with the Agg canvas, as an owned QImage."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    width_in, _height_in = fig.get_size_inches()
    fig.set_dpi(max(MIN_WIDTH, min(MAX_WIDTH, width_px)) / width_in)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    buffer = canvas.buffer_rgba()
    height, width = buffer.shape[0], buffer.shape[1]
    image = QImage(bytes(buffer), width, height, 4 * width, QImage.Format.Format_RGBA8888)
    return image.copy()  # own the pixels: the bytes above go away with this frame


@dataclass(frozen=True)
class PreviewRequest:
    generation: int
    scope: Scope
    charts: tuple[str, ...]
    width_px: int
    qbr: Qbr | None = None  # given: only draw the charts of it


class _Generation:
    """The newest request number, read by jobs on the worker thread (a plain int: atomic)."""

    def __init__(self) -> None:
        self.value = 0


class _Signals(QObject):
    qbr_ready = Signal(int, object)  # generation, Qbr
    chart_ready = Signal(int, str, object)  # generation, chart name, QImage
    failed = Signal(int, str)
    done = Signal(int)


class _PreviewJob(QRunnable):
    def __init__(
        self,
        request: PreviewRequest,
        source: Callable[[], tuple[Workspace, bool]],
        latest: _Generation,
        signals: _Signals,
    ) -> None:
        super().__init__()
        self._request = request
        self._source = source  # gives a workspace, and whether to close it after use
        self._latest = latest
        self._signals = signals

    def _stale(self) -> bool:
        return self._request.generation != self._latest.value

    def run(self) -> None:
        generation = self._request.generation
        try:
            with background_work():
                self._work()
        except Exception as exc:  # report it: a worker must never die silently
            self._signals.failed.emit(generation, f"The QBR preview failed: {exc}")
        finally:
            self._signals.done.emit(generation)

    def _work(self) -> None:
        request = self._request
        if self._stale():
            return
        qbr = request.qbr if request.qbr is not None else self._assemble()
        if qbr is None:
            return
        from reports.charts import CHARTS

        for name in request.charts:
            if self._stale():
                return
            image = figure_image(CHARTS[name](qbr), request.width_px)
            self._signals.chart_ready.emit(request.generation, name, image)

    def _assemble(self) -> Qbr | None:
        from reports.qbr import assemble_qbr

        scope = self._request.scope
        ws, owned = self._source()
        try:
            qbr = assemble_qbr(ws, scope.account_id, scope.quarter, scope.today)
        finally:
            if owned:
                ws.close()
        if self._stale():
            return None
        self._signals.qbr_ready.emit(self._request.generation, qbr)
        return qbr


class PreviewWorker(QObject):
    """Assembles QBRs and draws charts in the background; only the newest results arrive.

    ``qbr_ready`` carries a ``Qbr``; ``chart_ready`` (chart name, QImage); ``failed`` a message
    fit to show; ``busy_changed`` whether work is under way.
    """

    qbr_ready = Signal(object)
    chart_ready = Signal(str, object)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._latest = _Generation()
        # A child made after the pool: on deletion the pool (waiting for its job) goes first.
        self._signals = _Signals(self)
        self._signals.qbr_ready.connect(self._on_qbr)
        self._signals.chart_ready.connect(self._on_chart)
        self._signals.failed.connect(self._on_failed)
        self._signals.done.connect(self._on_done)
        self._pending = 0
        self.busy = False

    @property
    def generation(self) -> int:
        return self._latest.value

    def assemble(self, scope: Scope, charts: Sequence[str], width_px: int) -> int:
        """Assemble the QBR of ``scope`` and draw ``charts``; returns the new generation."""
        self._latest.value += 1
        self._start(PreviewRequest(self._latest.value, scope, tuple(charts), width_px))
        return self._latest.value

    def draw(self, qbr: Qbr, scope: Scope, charts: Sequence[str], width_px: int) -> None:
        """Draw more charts of the newest QBR (a page was shown); no new generation."""
        if charts:
            request = PreviewRequest(self._latest.value, scope, tuple(charts), width_px, qbr)
            self._start(request)

    def cancel(self) -> None:
        """Forget the work under way (its results will be dropped)."""
        self._latest.value += 1

    def wait(self) -> None:
        self._pool.waitForDone()

    def _start(self, request: PreviewRequest) -> None:
        self._pending += 1
        self._set_busy(True)
        job = _PreviewJob(request, self._read_only, self._latest, self._signals)
        if self._ws.path is None:  # an in-memory workspace cannot be opened twice
            job.run()
        else:
            self._pool.start(job)

    def _read_only(self) -> tuple[Workspace, bool]:
        if self._ws.path is None:
            return self._ws, False  # only ever on the GUI thread (see ``_start``)
        return Workspace.open(self._ws.path, readonly=True, clock=self._ws.clock), True

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busy_changed.emit(busy)

    def _on_qbr(self, generation: int, qbr: Qbr) -> None:
        if generation == self._latest.value:
            self.qbr_ready.emit(qbr)

    def _on_chart(self, generation: int, name: str, image: QImage) -> None:
        if generation == self._latest.value:
            self.chart_ready.emit(name, image)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._latest.value:
            self.failed.emit(message)

    def _on_done(self, _generation: int) -> None:
        self._pending = max(0, self._pending - 1)
        if self._pending == 0:
            self._set_busy(False)
