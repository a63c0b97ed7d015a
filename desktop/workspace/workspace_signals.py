"""Bridges the workspace's plain-Python change announcements to a Qt signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from graph.events import ChangeSet
from graph.workspace import Workspace


class WorkspaceSignals(QObject):
    """Re-emits every ``ChangeSet`` of a workspace as ``changed``; delivered on the GUI thread
    even when the change was made by a worker (queued connection across threads). The views
    refreshing on one change share their reads (``Workspace.sharing_reads``): the people of the
    account are read once, not once per view."""

    changed = Signal(object)
    _arrived = Signal(object)

    def __init__(self, workspace: Workspace, parent: QObject | None = None):
        super().__init__(parent)
        self._workspace = workspace
        self._arrived.connect(self._deliver)
        workspace.changed.connect(self._forward)

    def _forward(self, changes: ChangeSet) -> None:
        self._arrived.emit(changes)

    def _deliver(self, changes: ChangeSet) -> None:
        with self._workspace.sharing_reads():
            self.changed.emit(changes)

    def detach(self) -> None:
        self._workspace.changed.disconnect(self._forward)
