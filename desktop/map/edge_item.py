"""A link between two cards, styled per kind.

Reports-to is solid (an elbow connector in the org chart), influence an arrow whose width is its
strength, ally green, conflict red and dashed, our team's links dashed or dotted. Several kinds
between the same two cards are drawn as parallel curves bent apart by ``offset``.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsPolygonItem

from desktop.map.card_item import CardItem
from desktop.map.link_routes import ROUTE_LIMIT, CardIndex, Point, quad_points, route
from desktop.map.map_data import LinkData
from desktop.map.styles import MapStyle

EDGE_Z = -1.0  # under the cards (z 0)
HIGHLIGHT_Z = -0.5
_NO_BUTTON = Qt.MouseButton.NoButton
_NO_PEN = Qt.PenStyle.NoPen
_ROUND = Qt.PenCapStyle.RoundCap
GAP = 3.0  # between an edge's end and the card border
PARALLEL_SPACING = 16.0
BUS_DEPTH = 150.0  # a report this far below the manager sits in a stacked block: side bus
BEND = 40.0  # how far below a manager the reporting lines turn
STACK_STEP = 20.0  # a report this far below the manager's first row of reports is stacked
CURVE_PAD = 4.0  # a straight or bent link kept this clear of the cards it passes
CORNER_RADIUS = 9.0  # a routed link's rounded corners (under link_routes.PAD)
# A link with no way around the cards in its way runs under them, this faint: it must not draw
# the eye across the cards it passes behind.
BLOCKED_ALPHA = 0.3
STRAIGHT_REACH = 420.0  # longer links of a big map go by the lanes without trying a line

_VERBS = {
    "reports_to": "reports to",
    "influences": "influences",
    "ally": "is an ally of",
    "conflict": "is in conflict with",
    "owns": "owns the relationship with",
    "knows": "knows",
}


def _exit(x: float, y: float, hw: float, hh: float, tx: float, ty: float) -> tuple[float, float]:
    """Where a ray from a card centre (x, y) toward (tx, ty) leaves the card's half-size box."""
    dx, dy = tx - x, ty - y
    if dx == 0 and dy == 0:
        return x, y
    t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf, 1.0)
    return x + dx * t, y + dy * t


class EdgeItem(QGraphicsPathItem):
    """Painted by Qt (no Python paint or shape), so thousands of edges cost no Python per
    repaint; the scene finds a link near the pointer with a small search square instead of
    a widened shape.

    Edges are not Qt-selectable: Qt would draw its dashed selection box around the whole
    bounding rect. The scene keeps which links are chosen and restyles them (``chosen``).
    """

    def __init__(
        self,
        link: LinkData,
        source: CardItem,
        target: CardItem,
        style: MapStyle,
        *,
        elbow: bool = False,
    ) -> None:
        super().__init__()
        self.link = link
        self.source = source
        self.target = target
        self.map_style = style
        self.offset = 0.0
        self.elbow = elbow
        # In the org chart a link between two cards of one row arcs over the cards between.
        self.arc_rows = False
        self.highlighted = False
        self.chosen = False
        self.arrow: QGraphicsPolygonItem | None = None
        # A link drawing only its ends (the lanes between drawn as bundles) draws the end at
        # the other card here: one path with both ends would span the whole way, and every
        # repaint of any part of the map would paint it.
        self.tail: QGraphicsPathItem | None = None
        # A hidden (or fully faded) edge is re-routed when it next shows, not on every move:
        # unfolding a big team moves hundreds of cards whose influence links nobody sees.
        self.stale = False
        # No way around the cards in between was found: drawn straight, faint, under them.
        self.blocked = False
        # Routed along the lanes of a big map: the stretch in the lanes (drawn bundled with
        # the others by the scene's LinkBundles, unless the link has the focus).
        self.lane_way: list[Point] | None = None
        self.focused = False  # one of its cards is hovered or selected
        self.setZValue(EDGE_Z)
        source.edges.append(self)
        target.edges.append(self)
        self.restyle(adjust=False)

    @property
    def key(self) -> str:
        return self.link.key

    def adjust_when_seen(self) -> None:
        """Re-route now if the edge shows, else when it next does."""
        if self.isVisible() and self.opacity() > 0.0:
            self.adjust()
        else:
            self.stale = True

    def freshen(self) -> None:
        """Re-route an edge that moved while unseen, now that it shows (the scene calls this
        wherever it shows or un-fades edges: no Python itemChange on thousands of edges)."""
        if self.stale and self.isVisible() and self.opacity() > 0.0:
            self.adjust()

    def detach(self) -> None:
        for card in (self.source, self.target):
            if self in card.edges:
                card.edges.remove(self)

    def set_link(self, link: LinkData, style: MapStyle) -> None:
        self.link = link
        self.map_style = style
        self.restyle()

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.restyle()

    def set_chosen(self, on: bool) -> None:
        if on != self.chosen:
            self.chosen = on
            self.restyle(adjust=self.lane_way is not None)

    def width(self) -> float:
        edge = self.map_style.edge(self.link.kind)
        if self.link.kind == "influences":
            return 0.6 + 1.1 * max(1, min(3, self.link.strength))
        return edge.width

    def has_arrow(self) -> bool:
        kind = self.link.kind
        return kind == "influences" or (kind == "reports_to" and not self.elbow)

    def restyle(self, *, adjust: bool = True) -> None:
        width = self.width()
        if self.highlighted:
            pen = QPen(self.map_style.highlight, width + 3.0)
            pen.setCapStyle(_ROUND)
        elif self.chosen:
            pen = self.map_style.edge_pen(self.link.kind, width + 1.6, self.map_style.accent)
        else:
            pen = self.map_style.edge_pen(self.link.kind, width)
            if self.blocked:  # pens are shared: a faint one of its own colour
                color = pen.color()
                color.setAlphaF(color.alphaF() * BLOCKED_ALPHA)
                pen = self.map_style.edge_pen(self.link.kind, width, color)
        self.setPen(pen)
        if self.tail is not None:
            self.tail.setPen(pen)
        if self.has_arrow():
            if self.arrow is None:
                self.arrow = QGraphicsPolygonItem(self)
                self.arrow.setPen(_NO_PEN)
                self.arrow.setAcceptedMouseButtons(_NO_BUTTON)
            self.arrow.setBrush(pen.color())
        if adjust:
            self.adjust()

    def tooltip(self) -> str:
        """Shown by the scene's help event."""
        names = (self.source.data_.name, self.target.data_.name)
        verb = _VERBS.get(self.link.kind, self.link.kind)
        tip = f"{names[0]} {verb} {names[1]}"
        if self.link.kind == "influences":
            tip += f" (strength {self.link.strength})"
        if self.link.current_level:
            tip += f"<br>now: {self.link.current_level.replace('_', ' ')}"
            if self.link.desired_level:
                tip += f", aiming for: {self.link.desired_level.replace('_', ' ')}"
        return tip

    def adjust(self) -> None:
        """Recompute the path from the cards' current positions (plain floats: this runs for
        every edge of a rebuilt map)."""
        self.stale = False
        a, b = self.source, self.target
        ax, ay, bx, by = a.x(), a.y(), b.x(), b.y()
        path = QPainterPath()
        if self.elbow:  # org chart: from the manager's bottom edge down to the report's top
            top = by + b.half_h
            depth = ay - a.half_h - top
            path.moveTo(bx, top)
            first = self._first_row(a, b)
            if first is None:  # no scene to ask: a report far below is in a stacked block
                room, stacked = depth, depth > BUS_DEPTH
            else:  # stacked: below another report of the same manager
                room, stacked = first[0] - top, ay > first[1] + STACK_STEP
            # every line turns at the one bus in the gap above the manager's first row of
            # reports: lower, it would run through the cards of that row
            bus = top + max(0.0, min(room - 4.0, max(14.0, min(BEND, room / 2))))
            path.lineTo(bx, bus)
            if stacked:  # run down the gutter beside the block's column
                gutter = self._gutter(a, b)
                path.lineTo(gutter, bus)
                path.lineTo(gutter, ay)
                path.lineTo(ax - a.half_w, ay)
            else:
                path.lineTo(ax, bus)
                path.lineTo(ax, ay - a.half_h)
            if self.arrow is not None:
                self._set_arrow(None, None)
        else:
            self._route(path, a, b)
        self.setPath(path)
        ends_only = self.lane_way is not None and not self.emphasised() and not self.elbow
        if self.tail is not None and not ends_only and not self.tail.path().isEmpty():
            self.tail.setPath(QPainterPath())

    def _first_row(self, report: CardItem, manager: CardItem) -> tuple[float, float] | None:
        """The top and centre of the highest of ``manager``'s shown reports, from the scene."""
        rows = getattr(self.scene(), "first_report_row", None)
        return rows(manager) if rows is not None else None

    def _gutter(self, report: CardItem, manager: CardItem) -> float:
        """Where a stacked report's line runs down: beside the widest card of the report's
        column of the block (a wider card above would have the line run through it)."""
        lefts = getattr(self.scene(), "column_lefts", None)
        side = report.x() - report.half_w
        if lefts is not None:
            side = min(side, lefts(manager).get(round(report.x(), 1), side))
        return side - 8

    def _route(self, path: QPainterPath, a: CardItem, b: CardItem) -> None:
        """A straight line, or a curve bent aside (parallel links, arcs over a row), when it
        crosses no other card; else a polyline around the cards in the way."""
        ax, ay, bx, by = a.x(), a.y(), b.x(), b.y()
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy) or 1.0
        bend = self.offset
        if self.arc_rows and -30 < dy < 30 and dx:
            arc = min(140.0, max(22.0, 0.18 * length))
            bend += -arc if dx > 0 else arc  # the normal points down when going right
        control: QPointF | None = None
        if bend:
            cx = (ax + bx) / 2 - dy / length * bend * 2
            cy = (ay + by) / 2 + dx / length * bend * 2
            control = QPointF(cx, cy)
            sx, sy = _exit(ax, ay, a.half_w + GAP, a.half_h + GAP, cx, cy)
            ex, ey = _exit(bx, by, b.half_w + GAP + 1, b.half_h + GAP + 1, cx, cy)
        else:
            sx, sy = _exit(ax, ay, a.half_w + GAP, a.half_h + GAP, bx, by)
            ex, ey = _exit(bx, by, b.half_w + GAP + 1, b.half_h + GAP + 1, ax, ay)
        index = getattr(self.scene(), "route_index", None)
        blocked = False
        if index is not None and len(index) > 0:
            ends = (a.key, b.key)
            if control is not None:
                drawn = quad_points((sx, sy), (control.x(), control.y()), (ex, ey))
            else:
                drawn = [(sx, sy), (ex, ey)]
            # among thousands of cards in rows and columns a long line surely crosses some:
            # not worth the look, the lanes take it
            big = len(index) > ROUTE_LIMIT
            if (big and length > STRAIGHT_REACH) or not index.clear_path(drawn, ends, CURVE_PAD):
                points, by_lanes = self._way_around(index, a, b)
                if points is not None:
                    self._set_blocked(False)
                    # a small map's few links in lanes are drawn whole, not bundled
                    bundled = by_lanes and big
                    self._set_lane_way(points[1:-1] if bundled else None)
                    if bundled and not self.emphasised():
                        self._ends_only(path, a, b, points)
                    else:
                        self._polyline(path, a, b, self._parallel(index, points, ends))
                    return
                blocked = True
        self._set_blocked(blocked)
        self._set_lane_way(None)
        end = QPointF(ex, ey)
        if self.has_arrow():
            end = self._set_arrow(control if control is not None else QPointF(sx, sy), end)
        elif self.arrow is not None:
            self._set_arrow(None, None)
        path.moveTo(sx, sy)
        if control is not None:
            path.quadTo(control, end)
        else:
            path.lineTo(end)

    def _way_around(
        self, index: CardIndex, a: CardItem, b: CardItem
    ) -> tuple[list[Point] | None, bool]:
        """Centre to centre around the cards in the way: the shortest way on a map small
        enough to search one per link, else (or failing that) along the lanes the layout
        left between rows and columns of cards; and whether it runs in the lanes."""
        ends = (a.key, b.key)
        if len(index) <= ROUTE_LIMIT:
            points = route(index, (a.x(), a.y()), (b.x(), b.y()), ends)
            if points is not None:
                return points, False
        if a.key in index.rects and b.key in index.rects:  # both shown
            points = index.lane_way(a.key, b.key)
            return points, points is not None
        return None, False

    def emphasised(self) -> bool:
        """Drawn whole even where links share lanes: it has the focus."""
        return self.focused or self.chosen or self.highlighted

    def set_focused(self, on: bool) -> None:
        if on != self.focused:
            self.focused = on
            if self.lane_way is not None:
                self.adjust()

    def _set_lane_way(self, way: list[Point] | None) -> None:
        if way != self.lane_way:
            self.lane_way = way
            changed = getattr(self.scene(), "lanes_changed", None)
            if changed is not None:
                changed()

    def _border_ends(self, a: CardItem, b: CardItem, points: list[Point]) -> tuple[Point, QPointF]:
        """Where a route from centre to centre leaves ``a``'s border and meets ``b``'s (short
        of its arrow, which this places)."""
        (ax, ay), (bx, by) = points[0], points[-1]
        first, last = points[1], points[-2]
        start = _exit(ax, ay, a.half_w + GAP, a.half_h + GAP, *first)
        end = QPointF(*_exit(bx, by, b.half_w + GAP + 1, b.half_h + GAP + 1, *last))
        if self.has_arrow():
            end = self._set_arrow(QPointF(*last), end)
        elif self.arrow is not None:
            self._set_arrow(None, None)
        return start, end

    def _ends_only(self, path: QPainterPath, a: CardItem, b: CardItem, points: list[Point]) -> None:
        """Out of the card into the lane, and from the lane into the other card (the lanes
        between are drawn with the bundles)."""
        first, last = points[1], points[-2]
        start, end = self._border_ends(a, b, points)
        path.moveTo(*start)
        path.lineTo(*first)
        if self.tail is None:
            self.tail = QGraphicsPathItem(self)
            self.tail.setAcceptedMouseButtons(_NO_BUTTON)
            self.tail.setPen(self.pen())
        tail = QPainterPath()
        tail.moveTo(*last)
        tail.lineTo(end)
        self.tail.setPath(tail)

    def _set_blocked(self, blocked: bool) -> None:
        if blocked != self.blocked:
            self.blocked = blocked
            self.restyle(adjust=False)

    def _parallel(
        self, index: CardIndex, points: list[Point], ends: tuple[str, str]
    ) -> list[Point]:
        """A routed link beside another between the same cards runs ``offset`` aside of it
        where that crosses no card."""
        if not self.offset or len(points) < 3:
            return points
        (ax, ay), (bx, by) = points[0], points[-1]
        length = math.hypot(bx - ax, by - ay) or 1.0
        nx_, ny_ = -(by - ay) / length * self.offset, (bx - ax) / length * self.offset
        shifted = [points[0], *((x + nx_, y + ny_) for x, y in points[1:-1]), points[-1]]
        return shifted if index.clear_path(shifted, ends, CURVE_PAD) else points

    def _polyline(self, path: QPainterPath, a: CardItem, b: CardItem, points: list[Point]) -> None:
        """``points`` from centre to centre, drawn from border to border with rounded
        corners (a corner's curve stays inside the room the route keeps around cards)."""
        start, end = self._border_ends(a, b, points)
        inner = [start, *points[1:-1], (end.x(), end.y())]
        path.moveTo(*start)
        for i in range(1, len(inner) - 1):
            (px, py), (cx, cy), (qx, qy) = inner[i - 1], inner[i], inner[i + 1]
            d1, d2 = math.hypot(px - cx, py - cy), math.hypot(qx - cx, qy - cy)
            r = min(CORNER_RADIUS, d1 / 2, d2 / 2)
            if r < 0.5:
                path.lineTo(cx, cy)
                continue
            path.lineTo(cx + (px - cx) * r / d1, cy + (py - cy) * r / d1)
            path.quadTo(cx, cy, cx + (qx - cx) * r / d2, cy + (qy - cy) * r / d2)
        path.lineTo(end)

    def _set_arrow(self, before: QPointF | None, tip: QPointF | None) -> QPointF:
        """Place the arrow head at ``tip``; returns where the line should stop."""
        if before is None or tip is None or self.arrow is None:
            if self.arrow is not None and not self.arrow.polygon().isEmpty():
                self.arrow.setPolygon(QPolygonF())
            return tip if tip is not None else QPointF()
        dx, dy = tip.x() - before.x(), tip.y() - before.y()
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        size = 7.0 + self.pen().widthF() * 1.6
        back = QPointF(tip.x() - ux * size, tip.y() - uy * size)
        half = size * 0.5
        self.arrow.setPolygon(
            QPolygonF(
                [
                    tip,
                    QPointF(back.x() - uy * half, back.y() + ux * half),
                    QPointF(back.x() + uy * half, back.y() - ux * half),
                ]
            )
        )
        return QPointF(tip.x() - ux * size * 0.7, tip.y() - uy * size * 0.7)
