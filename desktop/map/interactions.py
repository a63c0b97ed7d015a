"""Interaction modes of the map canvas.

- ``NewLinkInteraction``: drag from a card's handle (or pick "Add relationship" and click) onto
  another card to create a relationship; the kind is asked for afterwards.
- ``MoveInteraction``: remembers where the selected cards were when the button went down and
  reports one move on release (one undo step per drag, never one per mouse move).
- ``PanInteraction``: pan with the middle button or with the space bar held.
- ``configure_rubber_band``: rubber-band selection on the empty canvas.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QGraphicsView

from desktop.map.card_item import CardItem

Point = tuple[float, float]


def card_at(
    scene: QGraphicsScene, pos: QPointF, exclude: CardItem | None = None
) -> CardItem | None:
    for item in scene.items(pos):
        if isinstance(item, CardItem) and item is not exclude and item.isVisible():
            return item
    return None


class NewLinkInteraction(QObject):
    """Rubber line from a source card to the pointer; ``requested`` names both ends."""

    requested = Signal(str, str, QPoint)  # source key, target key, screen position

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self._scene = scene
        self.source: CardItem | None = None
        self.dragging = False
        self._line: QGraphicsPathItem | None = None
        self._target: CardItem | None = None

    @property
    def active(self) -> bool:
        return self.source is not None

    def start(self, source: CardItem, pos: QPointF, *, dragging: bool = True) -> None:
        self.cancel()
        self.source = source
        self.dragging = dragging
        line = QGraphicsPathItem()
        style = source.map_style
        pen = QPen(style.accent, 2.2, Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        line.setPen(pen)
        line.setZValue(100)
        line.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._scene.addItem(line)
        self._line = line
        self.move(pos)

    def move(self, pos: QPointF) -> None:
        if self.source is None or self._line is None:
            return
        start = self.source.mapToScene(self.source.handle_centre())
        path = QPainterPath(start)
        path.lineTo(pos)
        self._line.setPath(path)
        target = card_at(self._scene, pos, exclude=self.source)
        if target is not self._target:
            if self._target is not None:
                self._target.set_highlighted(False)
            if target is not None and self.can_link(self.source, target):
                target.set_highlighted(True)
                self._target = target
            else:
                self._target = None

    @staticmethod
    def can_link(source: CardItem, target: CardItem) -> bool:
        return source is not target and not (source.data_.is_member and target.data_.is_member)

    def finish(self, pos: QPointF, screen_pos: QPointF | QPoint) -> None:
        source = self.source
        target = card_at(self._scene, pos, exclude=source) if source is not None else None
        self.cancel()
        if source is not None and target is not None and self.can_link(source, target):
            point = screen_pos.toPoint() if isinstance(screen_pos, QPointF) else screen_pos
            self.requested.emit(source.key, target.key, point)

    def cancel(self) -> None:
        if self._target is not None:
            self._target.set_highlighted(False)
            self._target = None
        if self._line is not None:
            self._scene.removeItem(self._line)
            self._line = None
        self.source = None
        self.dragging = False


class MoveInteraction(QObject):
    """Turns a drag of cards into one ``moved(before, after)`` report on release."""

    moved = Signal(dict, dict)  # key -> (x, y) before, key -> (x, y) after

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self._scene = scene
        self._start: dict[str, Point] = {}

    def pressed(self) -> None:
        self._start = {
            item.key: (item.pos().x(), item.pos().y())
            for item in self._scene.selectedItems()
            if isinstance(item, CardItem)
        }

    def released(self) -> None:
        start, self._start = self._start, {}
        after: dict[str, Point] = {}
        before: dict[str, Point] = {}
        for item in self._scene.selectedItems():
            if isinstance(item, CardItem) and item.key in start:
                now = (round(item.pos().x(), 1), round(item.pos().y(), 1))
                old = start[item.key]
                if abs(now[0] - old[0]) > 0.5 or abs(now[1] - old[1]) > 0.5:
                    before[item.key] = old
                    after[item.key] = now
        if after:
            self.moved.emit(before, after)


class PanInteraction:
    """Middle-button drag, or left drag with the space bar held, scrolls the view."""

    def __init__(self, view: QGraphicsView) -> None:
        self._view = view
        self._last: QPoint | None = None
        self.space_held = False

    def press(self, event: QMouseEvent) -> bool:
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (
            button == Qt.MouseButton.LeftButton and self.space_held
        ):
            self._last = event.position().toPoint()
            self._view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return True
        return False

    def move(self, event: QMouseEvent) -> bool:
        if self._last is None:
            return False
        now = event.position().toPoint()
        delta = now - self._last
        self._last = now
        bars = (self._view.horizontalScrollBar(), self._view.verticalScrollBar())
        bars[0].setValue(bars[0].value() - delta.x())
        bars[1].setValue(bars[1].value() - delta.y())
        return True

    def release(self, event: QMouseEvent) -> bool:
        if self._last is None:
            return False
        self._last = None
        cursor = Qt.CursorShape.OpenHandCursor if self.space_held else Qt.CursorShape.ArrowCursor
        self._view.viewport().setCursor(cursor)
        return True


def configure_rubber_band(view: QGraphicsView) -> None:
    """Drag on the empty canvas draws a selection rectangle; cards it touches are selected."""
    view.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
    view.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
