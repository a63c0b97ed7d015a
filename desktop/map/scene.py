"""The map scene: one card per person or team member, one edge per link, and the grid behind.

``set_data`` compares a fresh ``MapData`` with the one shown and touches only the cards and
edges that changed, so an edit elsewhere repaints one card rather than rebuilding the map.
Positions come from outside (stored positions and the layout); the scene reports drags through
``cardsMoved`` and never writes to the workspace itself.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneMouseEvent,
    QToolTip,
)

from desktop.map.card_item import CardItem
from desktop.map.change_badges import ChangeBadge
from desktop.map.edge_item import EDGE_Z, HIGHLIGHT_Z, PARALLEL_SPACING, EdgeItem
from desktop.map.grid_backdrop import GridBackdrop, GridSpec
from desktop.map.interactions import MoveInteraction, NewLinkInteraction, card_at
from desktop.map.layout_worker import GridGeometry
from desktop.map.link_bundles import LinkBundles
from desktop.map.link_routes import ROUTE_LIMIT, CardIndex, LaneWays
from desktop.map.map_data import CardData, LinkData, MapData, MapFilter, SceneChange
from desktop.map.member_card import MemberCard
from desktop.map.person_card import PersonCard
from desktop.map.scene_motion import CardMotion
from desktop.map.scene_routing import REROUTE_LIMIT, LinkRouting
from desktop.map.scene_slices import Batch, SlicedWork, Steps, run
from desktop.map.styles import MapStyle

Point = tuple[float, float]
_CTRL = Qt.KeyboardModifier.ControlModifier
_SHIFT = Qt.KeyboardModifier.ShiftModifier


def _shown(item: CardItem | EdgeItem) -> bool:
    """Visible and not faded out entirely (a hidden team link must not catch clicks)."""
    return item.isVisible() and item.opacity() > 0.0


class MapScene(QGraphicsScene):
    """``chosenChanged`` fires when the selection changes, cards (Qt's selection) or links
    (kept by the scene: Qt would frame a selected path item in a dashed box)."""

    chosenChanged = Signal()
    cardsMoved = Signal(dict, dict)
    editRequested = Signal(str)
    contextMenuRequested = Signal(object, QPointF, object)  # key or None, scene pos, screen pos
    foldToggled = Signal(str)  # a manager's team badge clicked: collapse or expand their team
    settled = Signal()  # the cards reached the places ``place`` gave them

    def __init__(self, style: MapStyle, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.map_style = style
        self.data = MapData(None)
        self.cards: dict[str, CardItem] = {}
        self.edges: dict[str, EdgeItem] = {}
        self.view_name = "org"
        self.filter = MapFilter()
        self.backdrop: GridBackdrop | None = None
        self.link = NewLinkInteraction(self)
        self.move = MoveInteraction(self)
        self.move.moved.connect(self.cardsMoved)
        self.animate = True
        # A picture (an export) has no hover or selection: it shows our team's links faintly.
        self.team_links_shown = False
        # In the org chart the reporting lines lead; influence, ally and conflict links show
        # for the focused card, or all at once on demand (the toolbar's "Influence").
        self.influence_shown = False
        # The org chart's folding: collapsed managers, the people they hide, team sizes.
        self.collapsed: set[str] = set()
        self.folded: set[str] = set()
        self.team_size: dict[str, int] = {}
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBackgroundBrush(style.background)
        self._chosen_links: dict[str, EdgeItem] = {}
        self._focus: set[str] = set()
        self._hovered: str | None = None
        self._highlighting = False
        self.routing = LinkRouting(self)  # links clear of the cards
        self.motion = CardMotion(self)  # cards to their places
        # links restyled for another view that keep their paths until its layout lands
        self._reshape: set[EdgeItem] = set()
        self._badges: dict[str, ChangeBadge] = {}  # the changes mode's tags
        # a big map's new data, view or places, built across event-loop turns (the map widget
        # starts it); anything that changes the scene finishes it first
        self.slices = SlicedWork(self)
        self.selectionChanged.connect(self._update_focus)
        self.selectionChanged.connect(self.chosenChanged)

    # --- content -----------------------------------------------------------------------------

    def set_data(self, data: MapData, positions: dict[str, Point] | None = None) -> SceneChange:
        """Show ``data``, touching only what differs from what is shown; new cards start at
        ``positions`` when given."""
        self.slices.finish()
        change = SceneChange()
        run(self.data_steps(data, positions, change))
        return change

    def data_steps(
        self, data: MapData, positions: dict[str, Point] | None, change: SceneChange
    ) -> Steps:
        """``set_data`` in batches (see SlicedWork); ``change`` is filled in as it goes."""
        old = self.data
        self.data = data
        positions = positions or {}
        new_edges: list[EdgeItem] = []
        turn = Batch()
        for key in [k for k in self.cards if k not in data.cards]:
            self._remove_card(key)
            change.removed.add(key)
            if turn.due():
                yield
        for key, card in data.cards.items():
            item = self.cards.get(key)
            if item is None:
                self._add_card(card, positions.get(key, (0.0, 0.0)))
                change.added.add(key)
                if turn.due():
                    yield
            elif old.cards.get(key) != card:
                before = item.size()
                item.apply(card, self.map_style)
                change.updated.add(key)
                change.resized |= item.size() != before
                if turn.due():
                    yield
        for key in [k for k in self.edges if k not in data.links or self._ends_changed(k, data)]:
            change.org_changed |= self.edges[key].link.kind == "reports_to"
            self._remove_edge(key)
            change.links_changed = True
            if turn.due():
                yield
        for key, link in data.links.items():
            edge = self.edges.get(key)
            if edge is None:
                edge = self._add_edge(link)
                if edge is not None:
                    new_edges.append(edge)
                    change.links_changed = True
                    change.org_changed |= link.kind == "reports_to"
                if turn.due():
                    yield
            elif old.links.get(key) != link:
                edge.set_link(link, self.map_style)
                if turn.due():
                    yield
        if change.added or change.removed:
            self.routing.index.relaid()
        moved: set[EdgeItem] = set()
        if change.links_changed or change.added or change.removed:
            moved = self._assign_offsets(adjust=False)
        for edge in moved.union(new_edges):
            edge.adjust_when_seen()  # an org chart's faded influence links wait to be seen
            if turn.due():
                yield
        for key in change.updated:
            for edge in self.cards[key].edges:
                edge.restyle()
            if turn.due():
                yield
        yield from self._visibility_steps()
        self.routing.flush_bundles()

    def _ends_changed(self, key: str, data: MapData) -> bool:
        new, edge = data.links[key], self.edges[key]
        return (new.source, new.target, new.kind) != (
            edge.link.source,
            edge.link.target,
            edge.link.kind,
        )

    def _add_card(self, card: CardData, at: Point = (0.0, 0.0)) -> CardItem:
        kind = MemberCard if card.is_member else PersonCard
        item: CardItem = kind(card, self.map_style, at)
        self.addItem(item)
        if item.base_opacity() != 1.0:
            item.setOpacity(item.base_opacity())
        self.cards[card.key] = item
        self._track(item)
        return item

    def _track(self, item: CardItem) -> None:
        self.routing.track(item)

    @property
    def route_index(self) -> CardIndex | None:
        """Where the shown cards are, for links to go around; None while cards glide."""
        return self.routing.route_index()

    @property
    def bundles(self) -> LinkBundles | None:
        """The lanes a big map's links share, drawn once (None until there are any)."""
        return self.routing.bundles

    def lanes_changed(self) -> None:
        self.routing.lanes_changed()

    def flush_bundles(self) -> None:
        self.routing.flush_bundles()

    def column_lefts(self, manager: CardItem) -> dict[float, float]:
        return self.routing.column_lefts(manager)

    def first_report_row(self, manager: CardItem) -> tuple[float, float]:
        return self.routing.first_report_row(manager)

    def expect_ways(self, ways: LaneWays | None) -> None:
        """Links routed on the layout worker for the layout about to be placed: the links
        take their ways from there instead of routing on the GUI thread."""
        self.routing.index.expect(ways)

    def card_placed(self, item: CardItem) -> None:
        """A card was dragged or resized: links route around its new place."""
        self._track(item)
        self.routing.reroute_across([item])

    def _remove_card(self, key: str) -> None:
        item = self.cards.pop(key)
        self.routing.forget(key, item)
        self._focus.discard(key)
        if self._hovered == key:
            self._hovered = None
        for edge in list(item.edges):
            self._remove_edge(edge.key)
        self.removeItem(item)

    def _add_edge(self, link: LinkData) -> EdgeItem | None:
        source, target = self.cards.get(link.source), self.cards.get(link.target)
        if source is None or target is None:
            return None
        elbow = self.view_name == "org" and link.kind == "reports_to"
        edge = EdgeItem(link, source, target, self.map_style, elbow=elbow)
        edge.arc_rows = self.view_name == "org"
        self.addItem(edge)
        opacity = self._edge_rest_opacity(edge)
        if opacity != 1.0:
            edge.setOpacity(opacity)
        self.edges[link.key] = edge
        return edge

    def _remove_edge(self, key: str) -> None:
        edge = self.edges.pop(key, None)
        if edge is not None:
            if self._chosen_links.pop(key, None) is not None:
                self.chosenChanged.emit()
            edge.detach()
            self.removeItem(edge)
            if edge.lane_way is not None:
                self.routing.lanes_changed()

    def _assign_offsets(self, *, adjust: bool = True) -> set[EdgeItem]:
        """Spread several links between the same two cards into parallel curves.

        An org-chart elbow keeps the straight slot; the other links of that pair bend aside.
        Returns the edges whose offset changed (already re-routed if ``adjust``).
        """
        changed: set[EdgeItem] = set()
        groups: dict[tuple[str, str], list[EdgeItem]] = defaultdict(list)
        elbows: set[tuple[str, str]] = set()
        for edge in self.edges.values():
            if edge.elbow:
                elbows.add(edge.link.pair)
            else:
                groups[edge.link.pair].append(edge)
        for pair, group in groups.items():
            group.sort(key=lambda e: e.link.kind)
            n = len(group)
            slots: list[float]
            if pair in elbows:
                slots = [(i // 2 + 1) * (1 if i % 2 == 0 else -1) for i in range(n)]
            else:
                slots = [i - (n - 1) / 2 for i in range(n)]
            for slot, edge in zip(slots, group, strict=True):
                offset = slot * PARALLEL_SPACING
                # the normal flips with the direction, so measure from a common end
                if edge.link.source != pair[0]:
                    offset = -offset
                if offset != edge.offset:
                    edge.offset = offset
                    changed.add(edge)
                    if adjust:
                        edge.adjust()
        return changed

    def clear_map(self) -> None:
        self.slices.drop()  # what it was building goes with the rest
        self.link.cancel()
        self.stop_animation()
        self.clear()
        self._reshape.clear()
        self.routing.clear()
        self.cards.clear()
        self.edges.clear()
        self._badges = {}
        self._chosen_links.clear()
        self._focus.clear()
        self._hovered = None
        self.backdrop = None
        self.data = MapData(None)

    # --- views, style and filters ------------------------------------------------------------

    def set_view_name(self, view: str) -> None:
        self.slices.finish()
        run(self.view_steps(view))

    def view_steps(self, view: str) -> Steps:
        """``set_view_name`` in batches (see SlicedWork)."""
        self.view_name = view
        turn = Batch()
        # A big map's links are about to move with the new view's layout, whose worker routes
        # them: they keep their paths until it lands (re-routing thousands of links here, where
        # the cards are leaving, would freeze the window at the click).
        wait = len(self.cards) > ROUTE_LIMIT
        for edge in self.edges.values():
            elbow = view == "org" and edge.link.kind == "reports_to"
            arc = view == "org"
            if elbow != edge.elbow or arc != edge.arc_rows:
                edge.elbow = elbow
                edge.arc_rows = arc
                edge.restyle(adjust=not wait)
                if wait:
                    self._reshape.add(edge)
                if turn.due():
                    yield
        self._reshape |= self._assign_offsets(adjust=not wait)
        if wait:  # links that show again run straight until the layout lands
            self._reshape |= {edge for edge in self.edges.values() if edge.stale}
        routing_was, self.routing.on = self.routing.on, self.routing.on and not wait
        try:
            # routing stays off between batches: nothing else runs on the scene meanwhile
            yield from self._highlight_steps(set(), set())
            self._show_folding()
            # the people folded away in the org chart show again where they were left
            yield from self._visibility_steps()
        finally:
            self.routing.on = routing_was

    def edge_opacity(self, kind: str = "") -> float:
        """How much a link shows while none of its cards has the focus.

        The network shows every link. In the org chart the reporting lines lead; other links,
        there and in the grids (where a card's place is the message), show for the focused card
        or all at once on demand (``influence_shown``), never through the cards at rest. Our
        team's links cross the whole chart or grid from the team's row, so there they appear
        only for a focused (selected or hovered) card; Qt skips invisible items entirely.
        """
        if self.view_name == "network":
            return 1.0
        if kind in ("owns", "knows"):
            return 0.45 if self.team_links_shown else 0.0
        if self.view_name == "org" and kind == "reports_to":
            return 1.0
        # org chart and grids: a card's place is the message; its links show on focus or on
        # demand, so curves do not run through the cards at rest
        if self.view_name == "org":
            return 0.3 if self.influence_shown else 0.0
        return 0.35 if self.influence_shown else 0.0

    def set_influence_shown(self, shown: bool) -> None:
        """Show the org chart's influence, ally and conflict links all at once, or only for
        the focused card."""
        self.influence_shown = shown
        if self._highlighting:
            return
        for edge in self.edges.values():
            opacity = self._edge_rest_opacity(edge)
            if edge.opacity() != opacity:
                edge.setOpacity(opacity)
                edge.freshen()
                self.routing.shown_or_hidden([edge])
        self.routing.flush_bundles()

    def _edge_rest_opacity(self, edge: EdgeItem) -> float:
        """An edge's opacity outside a highlight: full when it touches a focused card."""
        if edge.source.key in self._focus or edge.target.key in self._focus:
            return 1.0
        return self.edge_opacity(edge.link.kind)

    def set_focus(self, keys: set[str]) -> None:
        """Cards whose links show in full even where links are faded (selected, hovered)."""
        if keys == self._focus or self._highlighting:
            self._focus = set(keys)
            return
        changed = keys.symmetric_difference(self._focus)
        self._focus = set(keys)
        touched = {edge for key in changed if key in self.cards for edge in self.cards[key].edges}
        for edge in touched:
            opacity = self._edge_rest_opacity(edge)
            if edge.opacity() != opacity:
                edge.setOpacity(opacity)
                edge.freshen()
                self.routing.shown_or_hidden([edge])
            edge.set_focused(edge.source.key in keys or edge.target.key in keys)
        self.flush_bundles()

    def card_hovered(self, card: CardItem, on: bool) -> None:
        self._hovered = card.key if on else None
        self._update_focus()

    def _update_focus(self) -> None:
        keys = {k for k in self.selected_keys() if k in self.cards}
        if self._hovered is not None:
            keys.add(self._hovered)
        self.set_focus(keys)

    def set_grid(self, geometry: GridGeometry | None) -> None:
        if self.backdrop is not None:
            self.removeItem(self.backdrop)
            self.backdrop = None
        if geometry is None:
            return
        left, top, width, height = geometry.plot
        spec = GridSpec(
            plot=QRectF(left, top, width, height),
            split=QPointF(*geometry.split),
            quadrants=geometry.quadrants,
            x_title=geometry.x_title,
            y_title=geometry.y_title,
            x_ticks=geometry.x_ticks,
            y_ticks=geometry.y_ticks,
            x_lines=geometry.x_lines,
            y_lines=geometry.y_lines,
        )
        self.backdrop = GridBackdrop(spec, self.map_style)
        self.addItem(self.backdrop)

    def set_style(self, style: MapStyle) -> None:
        self.map_style = style
        self.setBackgroundBrush(style.background)
        for item in self.cards.values():
            item.apply(item.data_, style)
        for edge in self.edges.values():
            edge.set_link(edge.link, style)
        if self.backdrop is not None:
            self.backdrop.set_style(style)
        self.routing.set_style(style)

    def set_filter(self, map_filter: MapFilter) -> None:
        self.slices.finish()
        self.filter = map_filter
        self._apply_visibility(every_edge=False)

    def set_folding(self, collapsed: set[str], hidden: set[str], sizes: dict[str, int]) -> None:
        """Fold the org chart: ``hidden`` people disappear under their ``collapsed`` managers,
        whose cards show how many; every manager's card can fold their team."""
        self.slices.finish()
        self.collapsed, self.folded, self.team_size = set(collapsed), set(hidden), dict(sizes)
        self._show_folding()
        self._apply_visibility(every_edge=False)

    def _show_folding(self) -> None:
        org = self.view_name == "org"
        for key, item in self.cards.items():
            if isinstance(item, PersonCard):
                item.set_fold(self.team_size.get(key, 0) if org else 0, key in self.collapsed)

    def _apply_visibility(self, every_edge: bool = True) -> None:
        """Show the cards the filter and the folding let through, and the edges between shown
        cards (only those of cards that changed, unless ``every_edge``: new edges)."""
        run(self._visibility_steps(every_edge))

    def _visibility_steps(self, every_edge: bool = True) -> Steps:
        turn = Batch()
        folded = self.folded if self.view_name == "org" else set()
        changed: list[CardItem] = []
        for key, item in self.cards.items():
            visible = key not in folded and self.filter.shows(item.data_)
            if visible != item.isVisible():
                item.setVisible(visible)
                self._track(item)
                changed.append(item)
                if not visible:
                    item.setSelected(False)
            if turn.due():
                yield
        if changed:
            self.routing.index.relaid()
        edges = self.edges.values() if every_edge else {e for c in changed for e in c.edges}
        for edge in edges:
            visible = edge.source.isVisible() and edge.target.isVisible()
            if visible != edge.isVisible():
                edge.setVisible(visible)
                edge.freshen()
                self.routing.shown_or_hidden([edge])
            if turn.due():
                yield
        if len(changed) <= REROUTE_LIMIT:
            self.routing.reroute_across([c for c in changed if c.isVisible()])
        self.routing.flush_bundles()

    def visible_keys(self) -> list[str]:
        return [k for k, item in self.cards.items() if item.isVisible()]

    def sizes(self) -> dict[str, tuple[float, float]]:
        return {key: item.size() for key, item in self.cards.items()}

    def content_rect(self, positions: dict[str, Point] | None = None) -> QRectF:
        """The visible cards (and grid) with a margin, for fit and export; ``positions``
        gives where the cards are going (a fit that must not wait for an animation)."""
        rect = QRectF()
        for key, item in self.cards.items():
            if item.isVisible():
                box = item.sceneBoundingRect()
                if positions is not None and key in positions:
                    x, y = positions[key]
                    box.moveCenter(QPointF(x, y) + item.rect().center())
                rect = rect.united(box)
        if self.backdrop is not None:
            rect = rect.united(self.backdrop.sceneBoundingRect())
        return (
            rect.adjusted(-40, -40, 40, 40) if not rect.isNull() else QRectF(-200, -150, 400, 300)
        )

    # --- positions ---------------------------------------------------------------------------

    def positions(self) -> dict[str, Point]:
        return {k: (item.pos().x(), item.pos().y()) for k, item in self.cards.items()}

    def place(self, positions: dict[str, Point], *, animate: bool = False) -> None:
        """Move cards to ``positions``, gliding there when asked and the map is small."""
        self.slices.finish()
        run(self.place_steps(positions, animate=animate))

    def place_steps(self, positions: dict[str, Point], *, animate: bool = False) -> Steps:
        """``place`` in batches (see SlicedWork)."""
        reshape, self._reshape = self._reshape, set()
        for edge in reshape:
            edge.stale = True  # re-routed as its cards move, or else just below
        yield from self.motion.place_steps(positions, animate=animate)
        turn = Batch()
        for edge in reshape:
            if edge.scene() is self:
                edge.freshen()
                if turn.due():
                    yield

    def stop_animation(self) -> None:
        """Cards and links where they are going: a glide landed, work in slices finished."""
        self.slices.finish()
        self.motion.stop()

    # --- selection and highlight -------------------------------------------------------------

    def selected_keys(self) -> list[str]:
        keys = [item.key for item in self.selectedItems() if isinstance(item, CardItem)]
        return keys + list(self._chosen_links)

    def select_keys(self, keys: list[str]) -> None:
        wanted = set(keys)
        self.blockSignals(True)
        try:
            for key, item in self.cards.items():
                item.setSelected(key in wanted and item.isVisible())
        finally:
            self.blockSignals(False)
        self._choose_links([k for k in keys if k in self.edges and self.edges[k].isVisible()])
        self._update_focus()
        self.chosenChanged.emit()

    def _choose_links(self, keys: list[str], *, emit: bool = False) -> None:
        if list(self._chosen_links) == keys:
            return
        for key, edge in list(self._chosen_links.items()):
            if key not in keys:
                edge.set_chosen(False)
        self._chosen_links = {key: self.edges[key] for key in keys}
        for edge in self._chosen_links.values():
            edge.set_chosen(True)
        if emit:
            self.chosenChanged.emit()

    def set_highlight(self, nodes: set[str], links: set[str], *, dim_others: bool = True) -> None:
        """Emphasise some cards and links (departure impact), fading the rest."""
        self.slices.finish()
        run(self._highlight_steps(nodes, links, dim_others=dim_others))

    def _highlight_steps(
        self, nodes: set[str], links: set[str], *, dim_others: bool = True
    ) -> Steps:
        turn = Batch()
        any_highlight = bool(nodes or links)
        self._highlighting = any_highlight
        for key, item in self.cards.items():
            item.set_highlighted(key in nodes)
            faded = any_highlight and dim_others and key not in nodes
            item.setOpacity(0.22 if faded else item.base_opacity())
            if turn.due():
                yield
        for key, edge in self.edges.items():
            edge.set_highlighted(key in links)
            edge.setZValue(HIGHLIGHT_Z if key in links else EDGE_Z)
            faded = any_highlight and dim_others and key not in links
            normal = self._edge_rest_opacity(edge)
            edge.setOpacity(0.15 if faded else 1.0 if key in links else normal)
            edge.freshen()
            if turn.due():
                yield
        self.routing.shown_or_hidden(self.edges.values())
        self.routing.flush_bundles()

    def set_change_marks(self, marks: dict[str, str]) -> None:
        """Tag the cards of ``marks`` (key -> joined, left or changed); {} takes them off."""
        for key, badge in self._badges.items():
            card = self.cards.get(key)
            if card is not None and badge.parentItem() is card:
                self.removeItem(badge)
        self._badges = {}
        for key, mark in marks.items():
            card = self.cards.get(key)
            if card is not None:
                self._badges[key] = ChangeBadge(card, mark, self.map_style)

    def change_marks(self) -> dict[str, str]:
        return {key: badge.mark for key, badge in self._badges.items() if key in self.cards}

    def link_between(self, source: str, target: str, kind: str) -> EdgeItem | None:
        for edge in self.edges.values():
            link = edge.link
            if link.kind == kind and {link.source, link.target} == {source, target}:
                return edge
        return None

    # --- events ------------------------------------------------------------------------------

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """Tooltips are worded on demand rather than stored on thousands of items."""
        text = ""
        for item in self.near(event.scenePos()):
            if isinstance(item, CardItem | EdgeItem) and _shown(item):
                text = item.tooltip()
                break
        if text:
            QToolTip.showText(event.screenPos(), text, event.widget())
        else:
            QToolTip.hideText()
        event.accept()

    def request_edit(self, key: str) -> None:
        self.editRequested.emit(key)

    def near(self, pos: QPointF, radius: float = 5.0) -> list[QGraphicsItem]:
        """Items within ``radius`` (view pixels at zoom 1) of ``pos``, topmost first: thin
        links are hard to hit exactly."""
        view = self.views()[0] if self.views() else None
        zoom = view.transform().m11() if view is not None else 1.0
        r = radius / max(zoom, 0.05)
        box = QRectF(pos.x() - r, pos.y() - r, 2 * r, 2 * r)
        return self.items(
            box, Qt.ItemSelectionMode.IntersectsItemShape, Qt.SortOrder.DescendingOrder
        )

    def edge_at(self, pos: QPointF) -> EdgeItem | None:
        """The link under ``pos`` when no card is above it."""
        for item in self.near(pos):
            if isinstance(item, CardItem) and item.isVisible():
                return None
            if isinstance(item, EdgeItem) and _shown(item):
                return item
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.link.active and not self.link.dragging:
            if event.button() == Qt.MouseButton.LeftButton:
                self.link.finish(event.scenePos(), event.screenPos())
            else:
                self.link.cancel()
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton:
            edge = self.edge_at(event.scenePos())
            adding = bool(event.modifiers() & (_CTRL | _SHIFT))
            if edge is not None:
                if adding:
                    keys = [k for k in self._chosen_links if k != edge.key]
                    if edge.key not in self._chosen_links:
                        keys.append(edge.key)
                    self._choose_links(keys, emit=True)
                else:
                    self.clearSelection()
                    self._choose_links([edge.key], emit=True)
                event.accept()
                return
            if not adding and self._chosen_links:
                self._choose_links([], emit=True)
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.link.active:
            self.move.pressed()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.link.active:
            self.link.move(event.scenePos())
            if not self.link.dragging:
                event.accept()
                return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.move.released()

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        self.link.cancel()
        card = card_at(self, event.scenePos())
        key: str | None = card.key if card is not None else None
        if key is None:
            edge = self.edge_at(event.scenePos())
            key = edge.key if edge is not None else None
        if key is not None and key not in self.selected_keys():
            self.select_keys([key])
        self.contextMenuRequested.emit(key, event.scenePos(), event.screenPos())
        event.accept()
