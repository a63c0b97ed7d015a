"""Bridges the workspace's plain-Python change announcements to a Qt signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from graph.events import ChangeSet
from graph.workspace import Workspace


class WorkspaceSignals(QObject):
    """Re-emits every ``ChangeSet`` of a workspace as ``changed``; delivered on the GUI thread
    even when the change was made by a worker (queued connection across threads)."""

    changed = Signal(object)

    def __init__(self, workspace: Workspace, parent: QObject | None = None):
        super().__init__(parent)
        self._workspace = workspace
        workspace.changed.connect(self._forward)

    def _forward(self, changes: ChangeSet) -> None:
        self.changed.emit(changes)

    def detach(self) -> None:
        self._workspace.changed.disconnect(self._forward)
