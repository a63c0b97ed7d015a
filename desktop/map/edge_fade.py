"""Fades along the map's edges where a card runs past the window.

A dense map at a readable zoom cannot always open with its window's edges between cards; a
card cut in half there reads as a broken drawing. A fade into the map's background on each
side that cuts a card turns it into one running off the page (the extent note says the map
goes on). Each side is its own thin widget over the view (not the viewport, which scrolls its
children along), so a repaint of the map repaints at most these strips.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPaintEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from desktop.map.scene import MapScene
from desktop.map.view_settles import ViewSettles

DEPTH = 40  # pixels a fade reaches into the view: past the cut of a half card
SIDES = ("left", "top", "right", "bottom")


class _Band(QWidget):
    def __init__(self, parent: QWidget, side: str, scene: MapScene) -> None:
        super().__init__(parent)
        self.side = side
        self._scene = scene
        self.setObjectName(f"mapFade_{side}")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = QRectF(self.rect())
        start, end = {
            "left": (rect.topRight(), rect.topLeft()),
            "right": (rect.topLeft(), rect.topRight()),
            "top": (rect.bottomLeft(), rect.topLeft()),
            "bottom": (rect.topLeft(), rect.bottomLeft()),
        }[self.side]
        colour = QColor(self._scene.map_style.background)
        gradient = QLinearGradient(QPointF(start), QPointF(end))
        colour.setAlpha(0)
        gradient.setColorAt(0.0, colour)
        colour.setAlpha(200)
        gradient.setColorAt(0.6, colour)
        colour.setAlpha(250)
        gradient.setColorAt(1.0, colour)
        painter = QPainter(self)
        painter.fillRect(rect, gradient)


class EdgeFade(QObject):
    """The four fades of one map view; ``sides()`` says which show."""

    def __init__(self, view: QGraphicsView, scene: MapScene) -> None:
        super().__init__(view)
        self._view = view
        self._scene = scene
        self.bands = {side: _Band(view, side, scene) for side in SIDES}
        # Where the map goes on changes on every scroll step: look once it settles.
        self._settles = ViewSettles(view, scene, 60, self.refresh, self)

    def sides(self) -> set[str]:
        """The sides that cut a shown card (a card wholly beyond one needs no fade: the
        extent note says the map goes on)."""
        seen = self._view.mapToScene(self._view.viewport().rect()).boundingRect()
        out: set[str] = set()
        slack = 1.0 / max(self._view.transform().m11(), 1e-3)  # a pixel's rounding
        inner = seen.adjusted(slack, slack, -slack, -slack)
        for key in self._scene.visible_keys():
            item = self._scene.cards[key]
            box = item.mapRectToScene(item.body)
            if not box.intersects(inner) or inner.contains(box):
                continue
            if box.left() < inner.left():
                out.add("left")
            if box.right() > inner.right():
                out.add("right")
            if box.top() < inner.top():
                out.add("top")
            if box.bottom() > inner.bottom():
                out.add("bottom")
            if len(out) == 4:
                break
        return out

    def refresh(self) -> None:
        shown = self.sides()
        area = self._view.viewport().geometry()
        for side, band in self.bands.items():
            if side not in shown:
                band.hide()
                continue
            band.setGeometry(_strip(area, side))
            band.show()  # under the legend and notes: made before them
            band.update()


def _strip(area: QRect, side: str) -> QRect:
    depth = min(DEPTH, area.width() // 8, area.height() // 8)
    if side == "left":
        return QRect(area.left(), area.top(), depth, area.height())
    if side == "right":
        return QRect(area.right() - depth + 1, area.top(), depth, area.height())
    if side == "top":
        return QRect(area.left(), area.top(), area.width(), depth)
    return QRect(area.left(), area.bottom() - depth + 1, area.width(), depth)
