"""The one hook of the main window: a team replica gets its background sync and status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStatusBar

from desktop.workspace.session import WorkspaceSession
from graph.team.replica import server_of

if TYPE_CHECKING:
    from desktop.sync.background import TeamSync
    from desktop.sync.status_label import SyncStatus


class AttachedSync:
    def __init__(self, sync: TeamSync, label: SyncStatus, bar: QStatusBar) -> None:
        self.sync = sync
        self.label = label
        self._bar = bar

    def detach(self) -> None:
        self.sync.stop()
        self._bar.removeWidget(self.label)
        self.label.deleteLater()
        self.sync.deleteLater()


def attach_team_sync(bar: QStatusBar, session: WorkspaceSession) -> AttachedSync | None:
    """Start syncing ``session``'s workspace if it is a team replica (else None)."""
    url = server_of(session.ws)
    if not url:
        return None
    # Loaded only for a replica: a plain workspace opens without the team machinery.
    from desktop.sync.background import TeamSync
    from desktop.sync.status_label import SyncStatus

    label = SyncStatus()
    bar.addPermanentWidget(label)
    sync = TeamSync(session.ws, url)
    sync.state_changed.connect(label.show_state)
    sync.start()
    return AttachedSync(sync, label, bar)
