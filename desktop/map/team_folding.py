"""Which org-chart teams are folded, per account, and what folding or opening them does to
the scene (the map widget decides when; ``org_folding`` holds the Qt-free rules).

The folds are remembered per workspace file, account and view in the app's settings (a fold is
a way of looking, not a fact about the account: it stays out of the workspace and its history),
so an account opens folded as the user left it, after switching accounts or restarting.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.map.org_folding import hidden_under, team_sizes
from desktop.map.scene import MapScene
from graph.reporting_chart import descendants

VIEW = "org"  # the one view that folds


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Rapport", "Rapport")


class TeamFolding:
    def __init__(self, scene: MapScene, workspace_path: Path | str | None = None) -> None:
        self.scene = scene
        # collapsed managers per account; an account missing here (and in the settings) is
        # folded by the worker
        self._collapsed: dict[int, frozenset[str]] = {}
        self._file = ""
        if workspace_path:
            where = str(Path(workspace_path).expanduser().resolve())
            self._file = hashlib.sha1(where.encode()).hexdigest()[:16]

    def _key(self, account_id: int) -> str:
        return f"map/folded/{self._file}/{account_id}/{VIEW}"

    def known(self, account_id: int) -> frozenset[str] | None:
        """The account's collapsed managers, or None before its first opening."""
        found = self._collapsed.get(account_id)
        if found is None and self._file:
            value = _settings().value(self._key(account_id))
            if value is not None:
                keys = [value] if isinstance(value, str) else list(value)
                found = self._collapsed[account_id] = frozenset(str(k) for k in keys if k)
        return found

    def collapsed(self, account_id: int | None) -> frozenset[str]:
        return self._collapsed.get(account_id, frozenset()) if account_id else frozenset()

    def remember(self, account_id: int, collapsed: frozenset[str]) -> None:
        self._collapsed[account_id] = collapsed
        if self._file:
            # an empty list is stored as an empty string: "nothing folded", not "never seen"
            _settings().setValue(self._key(account_id), sorted(collapsed) or "")

    def apply(self, account_id: int | None) -> set[str]:
        """Show the org chart folded as chosen; returns the people hidden."""
        if account_id is None:
            return set()
        chart = self.scene.data.org_chart()
        collapsed = {k for k in self.collapsed(account_id) if k in chart}
        hidden = hidden_under(chart, collapsed)
        self.scene.set_folding(collapsed, hidden, team_sizes(chart))
        return hidden

    def set_collapsed(self, account_id: int, collapsed: set[str]) -> None:
        """Fold these managers' teams; a team opened unfolds from its manager's card."""
        chart = self.scene.data.org_chart()
        before = hidden_under(chart, self.collapsed(account_id))
        self.remember(account_id, frozenset(collapsed))
        cards = self.scene.cards
        for person in before - hidden_under(chart, collapsed):
            manager = next(iter(chart.successors(person)), None)
            while manager is not None and manager in before:
                manager = next(iter(chart.successors(manager)), None)
            if manager is not None and manager in cards:
                cards[person].setPos(cards[manager].pos())

    def toggle(self, account_id: int, manager: str) -> None:
        self.set_collapsed(account_id, set(self.collapsed(account_id)) ^ {manager})

    def open_for(self, account_id: int, keys: list[str]) -> str | None:
        """Open every team above the folded ones of ``keys``; the first of them, or None when
        none was folded."""
        folded = [k for k in keys if k in self.scene.folded]
        if not folded:
            return None
        chart = self.scene.data.org_chart()
        above: set[str] = set()
        for key in folded:
            above |= descendants(chart, key)  # report -> manager: everyone above them
        self.set_collapsed(account_id, set(self.collapsed(account_id)) - above)
        return folded[0]
