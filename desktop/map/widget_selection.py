"""The map widget's side of the shared selection: cards chosen here or elsewhere, risks
brought into view."""

from __future__ import annotations

from desktop.map.map_data import MapFilter
from desktop.map.widget_parts import MapParts


class MapSelection(MapParts):
    def _on_scene_selection(self) -> None:
        keys = self.scene.selected_keys()
        cards = [k for k in keys if k[0] in "pt"]
        self.toolbar.departure.setEnabled(len(cards) == 1)
        if not self._syncing:
            self.selection.set_nodes(keys, source=self)

    def _on_selection(self, nodes: list[str]) -> None:
        if self.selection.source is not self:
            self._show_selection(nodes)

    def _show_selection(self, nodes: list[str]) -> None:
        self._syncing = True
        try:
            self.scene.select_keys(nodes)
        finally:
            self._syncing = False
        if self.reveal(nodes):  # chosen elsewhere, folded away here: open their teams
            self._syncing = True
            try:
                self.scene.select_keys(nodes)  # hidden cards could not be selected before
            finally:
                self._syncing = False
            return
        first = next((self.scene.cards[k] for k in nodes if k in self.scene.cards), None)
        if first is not None and first.isVisible():
            self.view.ensureVisible(first, 60, 60)

    def show_risk(self, keys: list[str]) -> None:
        """A risk clicked in the banner: select its people and bring them into view."""
        shown = [k for k in keys if k in self.scene.cards]
        if not shown:
            return
        self.reveal(shown)
        hidden = [k for k in shown if not self.scene.cards[k].isVisible()]
        if hidden:  # a filter hides some: show everyone rather than select the invisible
            self.set_filter(MapFilter(hide_team=self.scene.filter.hide_team))
        self.selection.set_nodes(shown)
        self._show_nodes(set(shown), shown[0])

    def show_risks_only(self) -> None:
        self.set_filter(MapFilter(hide_team=self.scene.filter.hide_team, at_risk=True))

    def _focus_keys(self, keys: list[str]) -> None:
        self.selection.set_nodes(keys)
        if keys and keys[0] in self.scene.cards:
            self.view.centerOn(self.scene.cards[keys[0]])
