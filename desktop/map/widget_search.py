"""The map's filters and search: who is shown, and finding people by name, title, department
or email."""

from __future__ import annotations

import dataclasses

from desktop.map.map_data import MapFilter
from desktop.map.search import search_cards
from desktop.map.widget_parts import MapParts


class MapSearch(MapParts):
    def set_filter(self, map_filter: MapFilter) -> None:
        """Show only the people ``map_filter`` lets through; a change of who is shown fits the
        map again, so the matches are in view."""
        if self.toolbar.current_filter() != map_filter:
            self.toolbar.set_filter(map_filter)
            return  # the toolbar's signal calls back with the same filter
        before = dataclasses.replace(self.scene.filter, hide_team=map_filter.hide_team)
        self.scene.set_filter(map_filter)
        self.legend.set_team(not map_filter.hide_team)
        self.selection.set_nodes(self.scene.selected_keys(), source=self)
        if before != map_filter and self.account_id is not None and not self._loading:
            self.fit_map()

    def find_person(self, text: str) -> str | None:
        """Select and show whoever ``text`` names: a name first (exact, then prefix, then
        part), else everyone whose title, department or email holds it ("engineer"). Returns
        the first match's key."""
        found = search_cards(self.scene.data.cards.values(), text)
        if not text.strip():
            return None
        if not found:
            self.show_message(f"No one called or titled {text.strip()!r} on this map")
            return None
        self.reveal([c.key for c in found])
        shown = [c.key for c in found if self.scene.cards[c.key].isVisible()]
        if not shown:
            self.show_message(f"{found[0].name} is hidden by the filter")
            return None
        self.banner.hide()
        self.selection.set_nodes(shown)
        if len(shown) == 1:
            self.view.centre_on_key(shown[0])
        else:
            self._show_nodes(set(shown), shown[0])
            self.statusMessage.emit(f"{len(shown)} people match {text.strip()!r}")
        return shown[0]
