"""The one hook of the main window: a team replica gets its background sync and status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStatusBar

from desktop.workspace.session import WorkspaceSession
from graph.team.replica import server_of

if TYPE_CHECKING:
    from desktop.sync.background import TeamSync
    from desktop.sync.conflicts_dialog import ConflictsDialog
    from desktop.sync.status_label import SyncStatus


class AttachedSync:
    def __init__(
        self, sync: TeamSync, label: SyncStatus, bar: QStatusBar, session: WorkspaceSession
    ) -> None:
        self.sync = sync
        self._session = session
        self.label = label
        self._bar = bar
        self.dialog: ConflictsDialog | None = None
        label.clicked.connect(self.show_conflicts)

    def show_conflicts(self) -> None:
        """The team's conflicts in a tool window; deciding one syncs at once."""
        from desktop.sync.conflicts_dialog import ConflictsDialog

        if self.dialog is None:
            self.dialog = ConflictsDialog(self._session, self.sync.sync_now, self._bar.window())
            self.sync.state_changed.connect(lambda _state: self._refresh())
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()

    def _refresh(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.refresh()

    def detach(self) -> None:
        dialog, self.dialog = self.dialog, None  # a late sync result refreshes nothing
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
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
    return AttachedSync(sync, label, bar, session)
