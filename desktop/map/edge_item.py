"""A link between two cards, styled per kind.

Reports-to is solid (an elbow connector in the org chart), influence an arrow whose width is its
strength, ally green, conflict red and dashed, our team's links dashed or dotted. Several kinds
between the same two cards are drawn as parallel curves bent apart by ``offset``.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsPolygonItem

from desktop.map.card_item import CardItem
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

_VERBS = {
    "reports_to": "reports to",
    "influences": "influences",
    "ally": "is an ally of",
    "conflict": "is in conflict with",
    "owns": "owns the relationship with",
    "knows": "knows",
}


def _exit_point(centre: QPointF, rect: QRectF, toward: QPointF, gap: float = GAP) -> QPointF:
    """Where a ray from the card centre toward ``toward`` leaves the card's rectangle."""
    dx, dy = toward.x() - centre.x(), toward.y() - centre.y()
    if dx == 0 and dy == 0:
        return QPointF(centre)
    hw, hh = rect.width() / 2 + gap, rect.height() / 2 + gap
    t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    t = min(t, 1.0)
    return QPointF(centre.x() + dx * t, centre.y() + dy * t)


class EdgeItem(QGraphicsPathItem):
    """Painted by Qt (no Python paint), so thousands of edges cost no Python per repaint.

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
        self.style = style
        self.offset = 0.0
        self.elbow = elbow
        # In the org chart a link between two cards of one row arcs over the cards between.
        self.arc_rows = False
        self.highlighted = False
        self.chosen = False
        self._shape: QPainterPath | None = None
        self.arrow: QGraphicsPolygonItem | None = None
        self.setZValue(EDGE_Z)
        source.edges.append(self)
        target.edges.append(self)
        self.restyle(adjust=False)

    @property
    def key(self) -> str:
        return self.link.key

    def detach(self) -> None:
        for card in (self.source, self.target):
            if self in card.edges:
                card.edges.remove(self)

    def set_link(self, link: LinkData, style: MapStyle) -> None:
        self.link = link
        self.style = style
        self.restyle()

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.restyle()

    def set_chosen(self, on: bool) -> None:
        if on != self.chosen:
            self.chosen = on
            self.restyle(adjust=False)

    def width(self) -> float:
        edge = self.style.edge(self.link.kind)
        if self.link.kind == "influences":
            return 0.6 + 1.1 * max(1, min(3, self.link.strength))
        return edge.width

    def has_arrow(self) -> bool:
        kind = self.link.kind
        return kind == "influences" or (kind == "reports_to" and not self.elbow)

    def restyle(self, *, adjust: bool = True) -> None:
        edge = self.style.edge(self.link.kind)
        width = self.width()
        if self.highlighted:
            pen = QPen(self.style.highlight, width + 3.0)
            pen.setCapStyle(_ROUND)
        elif self.chosen:
            pen = edge.pen(width + 1.6)
            pen.setColor(self.style.accent)
        else:
            pen = edge.pen(width)
        self.setPen(pen)
        self._shape = None
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
        """Recompute the path from the cards' current positions."""
        a, b = self.source, self.target
        pa, pb = a.pos(), b.pos()
        path = QPainterPath()
        if self.elbow:  # org chart: from the manager's bottom edge down to the report's top
            start = QPointF(pb.x(), pb.y() + b.body.height() / 2)
            end = QPointF(pa.x(), pa.y() - a.body.height() / 2)
            depth = end.y() - start.y()
            path.moveTo(start)
            if depth > BUS_DEPTH:  # stacked under another report: run down the gutter
                gutter = pa.x() - a.body.width() / 2 - 8
                path.lineTo(start.x(), start.y() + BEND)
                path.lineTo(gutter, start.y() + BEND)
                path.lineTo(gutter, pa.y())
                path.lineTo(pa.x() - a.body.width() / 2, pa.y())
            else:
                bend = start.y() + max(14.0, min(BEND, depth / 2))
                path.lineTo(start.x(), bend)
                path.lineTo(end.x(), bend)
                path.lineTo(end)
            self._set_arrow(None, None)
        else:
            dx, dy = pb.x() - pa.x(), pb.y() - pa.y()
            length = math.hypot(dx, dy) or 1.0
            nx, ny = -dy / length, dx / length
            bend = self.offset
            if self.arc_rows and abs(dy) < 30 and dx:
                arc = min(140.0, max(22.0, 0.18 * length))
                bend += -arc if dx > 0 else arc  # the normal points down when going right
            bent = bend != 0
            control = QPointF(
                (pa.x() + pb.x()) / 2 + nx * bend * 2,
                (pa.y() + pb.y()) / 2 + ny * bend * 2,
            )
            start = _exit_point(pa, a.body, control if bent else pb)
            end = _exit_point(pb, b.body, control if bent else pa, GAP + 1)
            if self.has_arrow():
                end = self._set_arrow(control if bent else start, end)
            else:
                self._set_arrow(None, None)
            path.moveTo(start)
            if bent:
                path.quadTo(control, end)
            else:
                path.lineTo(end)
        self.setPath(path)
        # After setPath: Qt asks for the (old) shape while preparing the change, and
        # QGraphicsPathItem derives its bounding rect from shape().
        self._shape = None

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

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(max(10.0, self.pen().widthF() + 6))
            self._shape = stroker.createStroke(self.path())
        return self._shape
