"""What the status bar says about the team sync."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SyncState:
    """``kind``: "syncing", "synced", "conflicts", "offline" or "viewer"."""

    kind: str
    waiting: int = 0
    conflicts: int = 0
    detail: str = ""
    read_only: bool = False  # offline on a viewer's replica: nothing waits, nothing may

    @property
    def text(self) -> str:
        if self.kind == "syncing":
            return "Syncing…"
        if self.kind == "offline" and self.read_only:
            return "Offline · read only"
        if self.kind == "offline":
            changes = "change" if self.waiting == 1 else "changes"
            return f"Offline · {self.waiting} {changes} waiting" if self.waiting else "Offline"
        if self.kind == "viewer":
            return "Viewer · read only"
        if self.conflicts:
            return f"{self.conflicts} conflict{'s' if self.conflicts != 1 else ''} to decide"
        return "Synced"

    @property
    def tooltip(self) -> str:
        if self.kind == "conflicts" or self.conflicts:
            return "Changes made apart disagree: click to decide them"
        return self.detail or "Every change goes to the team's server, and theirs come here"
