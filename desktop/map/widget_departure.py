""" "What if they leave?" on the map: the advice panel and the lost links and people highlighted."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from desktop.map.widget_parts import MapParts
from graph.departure import DepartureImpact, departure_advice


class MapDeparture(MapParts):
    def show_departure(self, key: str | None = None) -> DepartureImpact | None:
        if key is None:
            cards = [k for k in self.scene.selected_keys() if k[0] in "pt"]
            if len(cards) != 1:
                self.show_message("Select one person to see what their departure would cost")
                return None
            key = cards[0]
        graph = self.scene.data.graph
        if key not in graph:
            return None
        self.toolbar.changes.setChecked(False)  # one highlight at a time
        advice = departure_advice(graph, key)
        impact = advice.impact
        links = set()
        for u, v, kind in impact.lost_edges:
            edge = self.scene.link_between(u, v, kind)
            if edge is not None:
                links.add(edge.key)
        nodes = {key, *(n for u, v, _ in impact.lost_edges for n in (u, v))}
        nodes |= set(impact.newly_uncovered) | set(impact.lost_reach)
        self.scene.set_highlight(nodes, links)
        self.departure.show_advice(advice, self._name_of)
        if not self.departure.isVisible():
            self.departure.show()
            width = self.splitter.width()
            panel = min(380, max(300, width // 4))
            self.splitter.setSizes([max(1, width - panel), panel])
        # Bring what is lost into view once the panel has taken its room.
        QTimer.singleShot(0, lambda: self._show_nodes(nodes, key))
        return impact

    def _show_nodes(self, nodes: set[str], key: str) -> None:
        cards = self.scene.cards
        items = [cards[n] for n in nodes if n in cards and cards[n].isVisible()]
        if not items or key not in self.scene.cards:
            return
        rect = items[0].sceneBoundingRect()
        for item in items[1:]:
            rect = rect.united(item.sceneBoundingRect())
        visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        if rect.width() <= visible.width() and rect.height() <= visible.height():
            self.view.centerOn(rect.center())
        else:
            self.view.centerOn(self.scene.cards[key])

    def clear_departure(self) -> None:
        self.departure.hide()
        self.departure.impact = None
        self.scene.set_highlight(set(), set())

    def _name_of(self, key: str) -> str:
        card = self.scene.data.cards.get(key)
        return card.name if card is not None else key
