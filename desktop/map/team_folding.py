"""Which org-chart teams are folded, per account, and what folding or opening them does to
the scene (the map widget decides when; ``org_folding`` holds the Qt-free rules)."""

from __future__ import annotations

import networkx as nx

from desktop.map.org_folding import hidden_under, team_sizes
from desktop.map.scene import MapScene


class TeamFolding:
    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        # collapsed managers per account; an account missing here is folded by the worker
        self._collapsed: dict[int, frozenset[str]] = {}

    def known(self, account_id: int) -> frozenset[str] | None:
        """The account's collapsed managers, or None before its first opening."""
        return self._collapsed.get(account_id)

    def collapsed(self, account_id: int | None) -> frozenset[str]:
        return self._collapsed.get(account_id, frozenset()) if account_id else frozenset()

    def remember(self, account_id: int, collapsed: frozenset[str]) -> None:
        self._collapsed[account_id] = collapsed

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
        self._collapsed[account_id] = frozenset(collapsed)
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
            above |= nx.descendants(chart, key)  # report -> manager: everyone above them
        self.set_collapsed(account_id, set(self.collapsed(account_id)) - above)
        return folded[0]
