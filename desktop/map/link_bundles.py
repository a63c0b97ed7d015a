"""The lanes a big map's links share, drawn once as bundles.

Links routed along the lanes between rows and columns of cards (``link_channels``) overlap
there: hundreds of them would each stroke the same stretch of a lane, and a repaint would
cost a frame many times over. Each such link draws only its own ends (out of its card into
the lane, and from the lane into the other card, with its arrow) in its own colour; this one
item draws the stretches of lane in use, merged, as bundles. A link that has the focus (its
card hovered or selected, the link chosen or highlighted) draws its whole way over them.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from desktop.map.styles import MapStyle

Point = tuple[float, float]

BUNDLE_Z = -1.1  # under the links (z -1), which are under the cards
BUNDLE_WIDTH = 2.2
BUNDLE_ALPHA = 0.55


class LinkBundles(QGraphicsPathItem):
    """One path of merged lane stretches, painted by Qt."""

    def __init__(self, style: MapStyle) -> None:
        super().__init__()
        self.setZValue(BUNDLE_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.set_style(style)

    def set_style(self, style: MapStyle) -> None:
        colour = QColor(style.edge("influences").colour)
        colour.setAlphaF(BUNDLE_ALPHA)
        pen = QPen(colour, BUNDLE_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        self.setPen(pen)

    def show_ways(self, ways: Iterable[list[Point]]) -> None:
        """Draw the lane stretches that ``ways`` (polylines across and down) run along."""
        self.setPath(merged_path(ways))


def merged_path(ways: Iterable[list[Point]]) -> QPainterPath:
    across: dict[float, list[tuple[float, float]]] = {}
    down: dict[float, list[tuple[float, float]]] = {}
    for way in ways:
        for (x0, y0), (x1, y1) in pairwise(way):
            if y0 == y1 and x0 != x1:
                across.setdefault(y0, []).append((min(x0, x1), max(x0, x1)))
            elif x0 == x1 and y0 != y1:
                down.setdefault(x0, []).append((min(y0, y1), max(y0, y1)))
    path = QPainterPath()
    for y, spans in across.items():
        for start, end in _merged(spans):
            path.moveTo(start, y)
            path.lineTo(end, y)
    for x, spans in down.items():
        for start, end in _merged(spans):
            path.moveTo(x, start)
            path.lineTo(x, end)
    return path


def _merged(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    spans.sort()
    out = [spans[0]]
    for start, end in spans[1:]:
        if start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out
