"""The map view: zoom under the mouse (clamped), keyboard zoom, fit, pan and rubber band.

Mouse wheel zooms around the point under the pointer; a touchpad's two-finger scroll (or
Shift/Alt with the wheel) pans; the middle button or the space bar with a left drag pans too.
Keys: F fits the map, Ctrl + / Ctrl - zoom, Ctrl 0 shows 100 %, Esc cancels a new link.

The view never zooms out past READABLE_MIN, where every card still shows its name and title
(semantic zoom, see ``card_item``). A map just opened (``show_first``) or fitted is shown whole
when it reads that way; a bigger one shows the people to see first at a readable zoom, with
the rest a scroll away (the map widget says so).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from desktop.map.card_item import FULL_DETAIL, READABLE_MIN
from desktop.map.interactions import PanInteraction, configure_rubber_band
from desktop.map.scene import MapScene

MIN_ZOOM = READABLE_MIN  # names and titles still read here; never further out
MAX_ZOOM = 3.0
FIT_MAX_ZOOM = 1.1
STEP = 1.25
# A map opens fitted when that zoom is at least READABLE_FIT; else at READABLE_ZOOM (full
# cards) on the first place to see when it fits there, else at READABLE_MIN.
READABLE_FIT = READABLE_MIN
READABLE_ZOOM = FULL_DETAIL
NARROW_VIEW = 800  # viewport pixels: below, a big map opens at the readable minimum
EDGE_ROOM = 24  # viewport pixels kept between an opening focus and the view's edge
FEW_CARDS = 5  # whole cards a map should open on, where it has them


def settle(
    start: float,
    span: float,
    cards: list[tuple[float, float]],
    room: float,
    keep: tuple[float, float] | None = None,
) -> float:
    """How far to move the window ``start .. start + span`` (at most a quarter of it) so
    that no card (an interval) is cut by either of its ends: each card then shows whole, with
    ``room`` to spare, or not at all; ``keep`` (the place to see first) stays in the window
    if it was. 0 when no such move exists."""
    cards = [(a, b) for a, b in cards if b - a + 2 * room < span]
    if keep is not None and not (start <= keep[0] and keep[1] <= start + span):
        keep = None

    def whole(shift: float) -> bool:
        lo, hi = start + shift, start + shift + span
        if keep is not None and not (lo <= keep[0] and keep[1] <= hi):
            return False
        return not any(a - room < lo < b + room or a - room < hi < b + room for a, b in cards)

    if whole(0.0):
        return 0.0
    shifts = set()
    for a, b in cards:
        for end in (a - room, b + room):  # where a window end can lie clear of this card
            shifts.add(end - start)
            shifts.add(end - span - start)
    for shift in sorted(shifts, key=abs):
        if abs(shift) > span / 4:
            break
        if whole(shift):
            return shift
    return 0.0


def _settled(
    centre: QPointF,
    width: float,
    height: float,
    cards: list[QRectF],
    room: float,
    keep: QRectF | None,
) -> tuple[float, float] | None:
    """The centre of a ``width`` x ``height`` window near ``centre`` that cuts no card (each
    axis in turn, counting only the cards the window spans on the other axis), or None."""
    x, y = centre.x(), centre.y()
    keep_x = (keep.left(), keep.right()) if keep is not None else None
    keep_y = (keep.top(), keep.bottom()) if keep is not None else None
    for _ in range(2):
        row = [
            (c.left(), c.right())
            for c in cards
            if c.bottom() > y - height / 2 and c.top() < y + height / 2
        ]
        x += settle(x - width / 2, width, row, room, keep_x)
        column = [
            (c.top(), c.bottom())
            for c in cards
            if c.right() > x - width / 2 and c.left() < x + width / 2
        ]
        y += settle(y - height / 2, height, column, room, keep_y)
    window = QRectF(x - width / 2, y - height / 2, width, height)
    if any(window.intersects(c) and not window.contains(c) for c in cards):
        return None
    return x, y


def _window(centre: QPointF, width: float, height: float) -> QRectF:
    window = QRectF(0, 0, width, height)
    window.moveCenter(centre)
    return window


def _within(
    content: QRectF, keep: QRectF, centre: QPointF, width: float, height: float, room: float
) -> tuple[float, float]:
    """``centre`` moved so that a ``width`` x ``height`` window around it shows no empty
    margin past the map's edge (wider than ``room``) where the map goes on at the other
    edge, as long as ``keep`` stays in the window: a head of the chart off centre then
    shows more of its people, not blank canvas."""
    x, y = centre.x(), centre.y()
    if content.width() > width:
        moved = min(max(x, content.left() - room + width / 2), content.right() + room - width / 2)
        if keep.left() >= moved - width / 2 and keep.right() <= moved + width / 2:
            x = moved
    if content.height() > height:
        moved = min(max(y, content.top() - room + height / 2), content.bottom() + room - height / 2)
        if keep.top() >= moved - height / 2 and keep.bottom() <= moved + height / 2:
            y = moved
    return x, y


class MapView(QGraphicsView):
    zoomChanged = Signal(float)
    deleteRequested = Signal()
    fitRequested = Signal()  # F: the map widget decides what a readable fit shows (fit_map)

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.map_scene = scene
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        configure_rubber_band(self)
        self.pan = PanInteraction(self)
        # Size of an overlay in the bottom-left corner (the legend) that a fit keeps clear,
        # by leaving its width free on the left or its height at the bottom, whichever is
        # cheaper.
        self.fit_reserve = (0, 0)

    # --- zoom --------------------------------------------------------------------------------

    def zoom(self) -> float:
        return self.transform().m11()

    def min_zoom(self) -> float:
        """As far out as cards stay readable (the whole map is a scroll away, or exported)."""
        return MIN_ZOOM

    def fits_whole(self, rect: QRectF | None = None) -> bool:
        """Whether the map (or ``rect``) shows whole at a readable zoom."""
        rect = rect or self.map_scene.content_rect()
        return self._fit_zoom(rect)[0] >= READABLE_FIT - 1e-9

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``zoom`` (clamped), keeping the scene point under ``anchor`` (viewport
        coordinates; default the centre) where it is."""
        zoom = max(self.min_zoom(), min(MAX_ZOOM, zoom))
        current = self.zoom()
        if abs(zoom - current) < 1e-9:
            return
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        before = self.mapToScene(anchor.toPoint())
        old_anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        factor = zoom / current
        self.scale(factor, factor)
        self.setTransformationAnchor(old_anchor)
        self._keep_anchor(anchor, before)
        self.zoomChanged.emit(self.zoom())

    def _keep_anchor(self, anchor: QPointF, scene_point: QPointF) -> None:
        # Scroll bars (not the transform) hold the translation: move them so the point stays.
        now = self.mapFromScene(scene_point)
        shift = now - anchor.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + shift.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + shift.y())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / STEP)

    def fit(self, rect: QRectF | None = None) -> None:
        """Show ``rect`` (default the whole map) as large as fits, but never below the
        readable zoom: then its centre at that zoom."""
        rect = rect or self.map_scene.content_rect()
        self.setSceneRect(self.scene_rect_for(rect))
        full = self.viewport().rect()
        if full.isEmpty() or rect.isEmpty():
            return
        zoom, view = self._fit_zoom(rect)
        zoom = max(zoom, MIN_ZOOM)
        self.resetTransform()
        self.scale(zoom, zoom)
        shift = QPointF(full.center() - view.center()) / zoom
        self.centerOn(rect.center() + shift)
        self.zoomChanged.emit(self.zoom())

    def _fit_zoom(self, rect: QRectF) -> tuple[float, QRect]:
        """The zoom that shows ``rect`` whole, and the part of the viewport it fills."""
        full = self.viewport().rect()
        width, height = self.fit_reserve
        options = [full.adjusted(12, 12, -12, -12)]
        if width and height:
            options = [
                full.adjusted(12 + width, 12, -12, -12),
                full.adjusted(12, 12, -12, -12 - height),
            ]
            options = [
                o
                for o in options
                if o.width() > full.width() / 2 and o.height() > full.height() / 2
            ]
            options = options or [full.adjusted(12, 12, -12, -12)]

        def zoom_in(area: QRect) -> float:
            return min(area.width() / rect.width(), area.height() / rect.height())

        view = max(options, key=zoom_in)
        return max(0.001, min(FIT_MAX_ZOOM, zoom_in(view))), view

    def show_first(
        self,
        content: QRectF,
        focus: list[QRectF] | None = None,
        side: str = "centre",
        cards: list[QRectF] | None = None,
        sign: QRectF | None = None,
    ) -> None:
        """Show a map just opened: whole when that reads (READABLE_FIT or more), else at
        READABLE_ZOOM on the first of ``focus`` that fits in the view (or the last one),
        centred across and near the top, below what lies just above it. With no focus, on
        the content's centre. ``side`` ("left", "right") is the edge of a focus wider than
        the view to keep in sight. ``cards`` (where the cards will be) are then kept whole:
        the view moves a little so that none is cut by its edges. ``sign`` (a quadrant's
        name) is brought into the view and kept there when it fits beside the focus."""
        full = self.viewport().rect()
        if full.isEmpty() or content.isEmpty():
            self.fit(content)
            return
        if self._fit_zoom(content)[0] >= READABLE_FIT:
            self.fit(content)
            return
        self.setSceneRect(self.scene_rect_for(content))
        focus = [f for f in focus or [] if not f.isEmpty()]
        zoom = READABLE_ZOOM
        if focus:  # full cards when the first place to see fits there, else readable ones
            need = min(
                (full.width() - 2 * EDGE_ROOM) / focus[0].width(),
                (full.height() - 2 * EDGE_ROOM) / focus[0].height(),
            )
            zoom = max(MIN_ZOOM, min(READABLE_ZOOM, need))
        if full.width() < NARROW_VIEW and content.width() * zoom > 1.5 * full.width():
            zoom = MIN_ZOOM  # a small laptop: as many readable cards as fit, not the richest
        self.resetTransform()
        self.scale(zoom, zoom)
        seen_w, seen_h = full.width() / zoom, full.height() / zoom
        room = EDGE_ROOM / zoom
        target = next(
            (
                f
                for f in focus
                if f.width() + 2 * room <= seen_w and f.height() + 2 * room <= seen_h
            ),
            None,
        )
        if target is None and focus:
            target = focus[-1]
        x, y = content.center().x(), content.center().y()
        if target is not None:
            if content.width() > seen_w:
                x = target.center().x()
                if target.width() + 2 * room > seen_w and side == "left":
                    x = target.left() - room + seen_w / 2
                elif target.width() + 2 * room > seen_w and side == "right":
                    x = target.right() + room - seen_w / 2
                elif target is not focus[0] and side == "right":
                    # the first place did not fit: toward its outer side, the target in view
                    reach = focus[0].right() + room - seen_w / 2
                    x = max(x, min(target.left() - room + seen_w / 2, reach))
                elif target is not focus[0] and side == "left":
                    reach = focus[0].left() - room + seen_w / 2
                    x = min(x, max(target.right() + room - seen_w / 2, reach))
            if content.height() > seen_h:
                top = max(content.top(), target.top() - max(room, seen_h / 4))
                y = top + seen_h / 2
            x, y = _within(content, target, QPointF(x, y), seen_w, seen_h, room)
        keep = target
        if sign is not None and target is not None and sign.width() + 2 * room <= seen_w:
            signed = QPointF(
                min(max(x, sign.right() + room - seen_w / 2), sign.left() - room + seen_w / 2),
                min(max(y, sign.bottom() + room - seen_h / 2), sign.top() - room + seen_h / 2),
            )
            # worth it unless it leaves the view with few whole cards (or none of the focus)
            before, after = (
                [c for c in cards or [] if _window(at, seen_w, seen_h).contains(c)]
                for at in (QPointF(x, y), signed)
            )
            if len(after) >= min(len(before), FEW_CARDS) and any(
                target.contains(c.center()) for c in after
            ):
                x, y, keep = signed.x(), signed.y(), sign
        if cards:  # a little further out where that is what it takes to cut no card
            for step in range(int((zoom - MIN_ZOOM) / 0.05 + 1e-9) + 1):
                wider = zoom - 0.05 * step
                w, h = full.width() / wider, full.height() / wider
                at = _settled(QPointF(x, y), w, h, cards, EDGE_ROOM / wider / 2, keep)
                if at is not None:
                    if wider != zoom:
                        self.resetTransform()
                        self.scale(wider, wider)
                    x, y = at
                    break
        self.centerOn(QPointF(x, y))
        self.zoomChanged.emit(self.zoom())

    def scene_rect_for(self, content: QRectF) -> QRectF:
        # Room to pan past the edges, so a card can be dragged outward.
        margin = max(content.width(), content.height(), 800.0) * 0.6
        return content.adjusted(-margin, -margin, margin, margin)

    def centre_on_key(self, key: str) -> bool:
        item = self.map_scene.cards.get(key)
        if item is None or not item.isVisible():
            return False
        if self.zoom() < READABLE_ZOOM:
            self.set_zoom(READABLE_ZOOM)
        self.centerOn(item)
        return True

    # --- events ------------------------------------------------------------------------------

    def wheelEvent(self, event: QWheelEvent) -> None:
        modifiers = event.modifiers()
        touchpad = not event.pixelDelta().isNull()
        if modifiers & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier) or (
            touchpad and not modifiers & Qt.KeyboardModifier.ControlModifier
        ):
            super().wheelEvent(event)  # scroll = pan
            return
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.set_zoom(self.zoom() * (STEP**steps), event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_F and not ctrl:
            self.fitRequested.emit()
        elif ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif ctrl and key == Qt.Key.Key_0:
            self.set_zoom(1.0)
        elif key == Qt.Key.Key_Escape:
            self.map_scene.link.cancel()
            super().keyPressEvent(event)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.deleteRequested.emit()
        elif key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.pan.space_held = True
            self.setDragMode(QGraphicsView.DragMode.NoDrag)
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.pan.space_held = False
            configure_rubber_band(self)
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.pan.press(event):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.pan.move(event):
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.pan.release(event):
            event.accept()
            return
        super().mouseReleaseEvent(event)
