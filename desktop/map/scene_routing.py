"""How the map scene keeps its links clear of its cards: where the shown cards are (for links
to route around), the links to re-route when a card lands on them, and the bundles of the
lanes a big map's links share. The scene owns one; edges reach it through the scene."""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer

from desktop.map.card_item import CardItem
from desktop.map.edge_item import EdgeItem
from desktop.map.link_bundles import LinkBundles
from desktop.map.link_routes import CardIndex, Point, Rect
from desktop.map.styles import MapStyle

if TYPE_CHECKING:
    from desktop.map.scene import MapScene

# Cards moved at once up to which the links they now sit on are re-routed around them (a
# whole new layout re-routes the links of every card it moves anyway).
REROUTE_LIMIT = 60


def card_rect(item: CardItem) -> Rect:
    x, y = item.x(), item.y()
    return (x - item.half_w, y - item.half_h, x + item.half_w, y + item.half_h)


class LinkRouting:
    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        # Where the shown cards are, so links route around them; not while cards glide
        # (links follow straight and route once the cards have settled).
        self.index = CardIndex()
        self.on = True
        self._unplaced: set[CardItem] = set()  # moved or shown since the index last looked
        self._column_lefts: dict[str, dict[float, float]] = {}  # see column_lefts
        self._first_rows: dict[str, tuple[float, float]] = {}  # see first_report_row
        # a big map's links share lanes: the stretches in use drawn once (see link_bundles)
        self.bundles: LinkBundles | None = None
        self._bundles_stale = False
        self._bundles_due = False
        # while a big map is taken up in slices, the bundles wait for the whole map: drawn
        # once at the end, not after every slice
        self.held = False

    def track(self, item: CardItem) -> None:
        """A card moved, showed or hid."""
        # the index catches up when a link next needs it: folding or laying out a big org
        # chart, whose links need no routing at rest, pays nothing for it
        self._unplaced.add(item)
        if self._column_lefts:
            self._column_lefts.clear()
        if self._first_rows:
            self._first_rows.clear()

    def forget(self, key: str, item: CardItem) -> None:
        self.index.place(key, None)
        self._unplaced.discard(item)

    def clear(self) -> None:
        """The scene was cleared (its items, the bundles among them, are gone)."""
        self.index.clear()
        self._unplaced.clear()
        self._column_lefts.clear()
        self._first_rows.clear()
        self.bundles = None
        self._bundles_stale = False

    def route_index(self) -> CardIndex | None:
        """Where the shown cards are, for links to go around; None while cards glide."""
        if not self.on:
            return None
        if self._unplaced:
            cards = self.scene.cards
            for item in self._unplaced:
                if cards.get(item.key) is item:
                    self.index.place(item.key, card_rect(item) if item.isVisible() else None)
            self._unplaced.clear()
        return self.index

    def column_lefts(self, manager: CardItem) -> dict[float, float]:
        """For each column (centre x) of ``manager``'s reports, its widest card's left side:
        where lines into a stacked block run down (kept until cards next move)."""
        found = self._column_lefts.get(manager.key)
        if found is None:
            found = {}
            for edge in manager.edges:
                report = edge.source
                if edge.elbow and edge.target is manager and report.isVisible():
                    x = round(report.x(), 1)
                    found[x] = min(found.get(x, math.inf), report.x() - report.half_w)
            self._column_lefts[manager.key] = found
        return found

    def first_report_row(self, manager: CardItem) -> tuple[float, float]:
        """The top and centre y of the highest of ``manager``'s shown reports: the row its
        reporting lines turn above (kept until cards next move)."""
        found = self._first_rows.get(manager.key)
        if found is None:
            found = (math.inf, math.inf)
            for edge in manager.edges:
                report = edge.source
                if edge.elbow and edge.target is manager and report.isVisible():
                    found = min(found, (report.y() - report.half_h, report.y()))
            self._first_rows[manager.key] = found
        return found

    def reroute_across(self, items: list[CardItem]) -> None:
        """Re-route the links that cards have just landed on (not their own: those follow)."""
        if not self.on:
            return
        own = {edge for item in items for edge in item.edges}
        areas = []
        for item in items:
            if not item.isVisible():
                continue
            area = item.sceneBoundingRect()
            areas.append((area.left(), area.top(), area.right(), area.bottom()))
            for found in self.scene.items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
                if isinstance(found.parentItem(), EdgeItem):  # a link's far end
                    found = found.parentItem()
                if isinstance(found, EdgeItem) and found not in own:
                    found.adjust_when_seen()
        if areas and self.bundles is not None:  # links in the lanes a card landed on
            for edge in self.scene.edges.values():
                way = edge.lane_way
                if way is not None and edge not in own and _runs_across(way, areas):
                    edge.adjust_when_seen()

    # --- bundles -----------------------------------------------------------------------------

    def lanes_changed(self) -> None:
        """A link's way along the lanes changed: the bundles follow (at once in bulk
        operations, else once the event loop turns)."""
        self._bundles_stale = True
        if not self._bundles_due and not self.held:
            self._bundles_due = True
            QTimer.singleShot(0, self.scene, self.flush_bundles)

    def shown_or_hidden(self, edges: Iterable[EdgeItem]) -> None:
        """These links showed, hid or faded: the bundles follow at the next flush."""
        self._bundles_stale |= any(edge.lane_way is not None for edge in edges)

    def flush_bundles(self) -> None:
        """Draw the lanes in use by the shown links as bundles."""
        self._bundles_due = False
        if not self._bundles_stale or self.held:
            return
        self._bundles_stale = False
        ways = [
            e.lane_way
            for e in self.scene.edges.values()
            if e.lane_way is not None and e.isVisible() and e.opacity() > 0.0
        ]
        if self.bundles is None:
            if not ways:
                return
            self.bundles = LinkBundles(self.scene.map_style)
            self.scene.addItem(self.bundles)
        self.bundles.show_ways(ways)

    def set_style(self, style: MapStyle) -> None:
        if self.bundles is not None:
            self.bundles.set_style(style)


def _runs_across(way: list[Point], areas: list[Rect]) -> bool:
    """Whether a polyline across and down touches any of ``areas``."""
    for (x0, y0), (x1, y1) in pairwise(way):
        low_x, high_x, low_y, high_y = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        for left, top, right, bottom in areas:
            if low_x <= right and high_x >= left and low_y <= bottom and high_y >= top:
                return True
    return False
