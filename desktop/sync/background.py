"""Syncing a team replica in the background while the app is open.

A sync runs on a worker thread through its own ``Workspace`` on the session's engine (the
session's own object is the GUI thread's), soon after each local edit, every minute, and at
once when the server says another laptop pushed (graph.team.live). What the pull changed is
announced on the session's workspace, on the GUI thread, so every view refreshes as after an
edit. The worker never touches a widget.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from desktop.sync.state import SyncState
from graph.errors import RapportError
from graph.events import ChangeSet
from graph.team.errors import ViewerError
from graph.team.live import Listener
from graph.team.replica import waiting
from graph.team.role import read_only
from graph.team.sync import sync
from graph.workspace import Workspace

AFTER_EDIT_MS = 500
EVERY_MS = 60_000


class _SyncJob(QRunnable):
    def __init__(self, background: TeamSync) -> None:
        super().__init__()
        self._background = background
        ws = background.workspace
        self._ws = Workspace(ws.engine, ws.path, clock=ws.clock)
        self._ws.author = ws.author

    def run(self) -> None:
        moved = ChangeSet()
        self._ws.changed.connect(lambda changes: moved.changes.extend(changes.changes))
        result: Any
        try:
            result = sync(self._ws)
            if read_only(self._ws):  # nothing of theirs waited, but they may not edit
                result = SyncState("viewer", conflicts=result.conflicts, detail=str(ViewerError()))
        except ViewerError as exc:
            result = SyncState("viewer", waiting=waiting(self._ws), detail=str(exc))
        except RapportError as exc:
            viewer = read_only(self._ws)
            detail = f"{exc}\n{ViewerError()}" if viewer else str(exc)
            result = SyncState("offline", waiting(self._ws), detail=detail, read_only=viewer)
        except Exception as exc:  # never let a worker die silently
            result = SyncState("offline", waiting=waiting(self._ws), detail=f"{exc}")
        self._background._done.emit(result, moved)


class TeamSync(QObject):
    """Keeps one replica in step with its server; ``state_changed`` says how it stands."""

    state_changed = Signal(object)
    _done = Signal(object, object)
    _notified = Signal()

    def __init__(self, ws: Workspace, url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = ws
        self.state = SyncState("syncing")
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running = False
        self._again = False
        self._soon = QTimer(self, singleShot=True, interval=AFTER_EDIT_MS)
        self._soon.timeout.connect(self.sync_now)
        self._every = QTimer(self, interval=EVERY_MS)
        self._every.timeout.connect(self.sync_now)
        self._done.connect(self._finished)
        self._notified.connect(self.sync_now)
        self._own_writes = 0
        ws.changed.connect(self._edited)
        self.listener = Listener(url, ws.hlc.device, lambda _device: self._notified.emit())

    def start(self) -> None:
        self._every.start()
        self.listener.start()
        self.sync_now()

    def stop(self) -> None:
        self._every.stop()
        self._soon.stop()
        self.workspace.changed.disconnect(self._edited)
        self.listener.stop(wait=False)
        self._pool.waitForDone(5000)

    def _edited(self, _changes: ChangeSet) -> None:
        if self._own_writes:
            return  # the pull's own announcement: nothing new to push
        self._soon.start()

    def sync_now(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        self._pool.start(_SyncJob(self))

    def _finished(self, result: object, moved: ChangeSet) -> None:
        self._running = False
        if isinstance(result, SyncState):
            self.state = result
        else:
            conflicts = int(getattr(result, "conflicts", 0))
            self.state = SyncState("conflicts" if conflicts else "synced", conflicts=conflicts)
        if moved:
            self._own_writes += 1
            try:
                self.workspace.changed.emit(moved)
            finally:
                self._own_writes -= 1
        self.state_changed.emit(self.state)
        if self._again:
            self._again = False
            self.sync_now()
