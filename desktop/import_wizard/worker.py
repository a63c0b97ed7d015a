"""Import work off the GUI thread: guessing, previewing, planning and applying.

``task = worker.task(file)`` makes an ``ImportTask``; once its signals are connected,
``worker.run(task, work)`` runs ``work(progress, cancelled)`` on a private ``QThreadPool`` (one
job at a time). The task's signals bring the outcome back to the GUI thread:
``progress(fraction)``, then one of ``finished(result)``, ``failed(problems)`` (a list of
``ImportProblem``, to show in words) or ``cancelled()``. A job never touches a widget.
``task.cancel()`` is checked by the importer at its next progress report; since an import
writes in one transaction, a cancelled import leaves nothing behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.workspace.edits import message_of
from graph.errors import RapportError
from graph.imports import ImportCancelled, ImportFailed, ImportProblem
from graph.imports.progress import CancelCheck, ProgressCallback

Work = Callable[[ProgressCallback, CancelCheck], object]


class ImportTask(QObject):
    """One piece of work under way; its signals arrive on the GUI thread."""

    progress = Signal(float)  # 0..1
    finished = Signal(object)  # what the work returned
    failed = Signal(object)  # list[ImportProblem]
    cancelled = Signal()
    ended = Signal()  # after any of the three above

    def __init__(self, file: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.file = file
        self.running = True
        self._cancel = threading.Event()
        self.ended.connect(self._on_ended)

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report; safe from any thread."""
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def _on_ended(self) -> None:
        self.running = False


class _Job(QRunnable):
    def __init__(self, work: Work, task: ImportTask) -> None:
        super().__init__()
        self._work = work
        self._task = task

    def run(self) -> None:
        task = self._task
        try:
            result = self._work(task.progress.emit, task._cancel.is_set)
        except ImportCancelled:
            task.cancelled.emit()
        except ImportFailed as exc:
            task.failed.emit(list(exc.problems))
        except RapportError as exc:
            task.failed.emit([ImportProblem(task.file, message_of(exc))])
        except Exception as exc:  # a worker must never die silently: say it in one line
            message = f"the import stopped on an unexpected error ({type(exc).__name__}: {exc})"
            task.failed.emit([ImportProblem(task.file, message)])
        else:
            task.finished.emit(result)
        task.ended.emit()


class ImportWorker(QObject):
    """Runs import work one job at a time; ``idle`` fires when nothing is left running."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Made before any task: on deletion the pool (waiting for its job) goes first.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._tasks: list[ImportTask] = []

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def task(self, file: str) -> ImportTask:
        """A task to connect to; ``run`` starts it. (Connect first: a quick job may report
        before ``run`` returns, and a signal with no receiver yet is lost.)"""
        task = ImportTask(file, self)
        task.ended.connect(lambda: self._forget(task))
        return task

    def run(self, task: ImportTask, work: Work) -> None:
        self._tasks.append(task)
        self._pool.start(_Job(work, task))

    def cancel_all(self) -> None:
        for task in self._tasks:
            task.cancel()

    def wait(self) -> None:
        """Block until the jobs are done (tests, and before the wizard is destroyed)."""
        self._pool.waitForDone()

    def _forget(self, task: ImportTask) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
            task.deleteLater()
        if not self._tasks:
            self.idle.emit()
