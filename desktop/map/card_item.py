"""What person and team-member cards share: position as the card centre, attached edges that
follow it (``ItemSendsGeometryChanges`` + ``itemChange``), the new-link handle, hover state,
and the name as zoomed-out cards show it.

Zoomed out, a card is drawn plain: flat shapes and only the name, in a font enlarged to stay
readable on screen (``compact_name``); where even that no longer fits the card on screen, or
below NAME_DETAIL at once (the fast path of a huge map at fit), no text at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
)

from desktop.map.map_data import CardData
from desktop.map.styles import MapStyle

if TYPE_CHECKING:
    from desktop.map.edge_item import EdgeItem

# Room around the card body for the selection halo, the link handle and the tags astride the
# top and bottom edges (risk, owner).
MARGIN = 13.0
HANDLE_RADIUS = 6.5
_POSITION_CHANGED = QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged
_FLAGS = (
    QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
    | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
    | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
)
NAME_DETAIL = 0.18  # below this zoom no card can hold a readable name: plain shapes only
NAME_SCREEN_PX = 7.0  # a plain card's name, in pixels on screen (when the card has room)
NAME_MIN_PX = 6.0  # a card that cannot hold a name this big on screen shows none
# Semantic zoom: below FULL_DETAIL a card drops its decorations and shows its name and title
# (or a team member's role) in fonts enlarged to at least these sizes on screen, across the
# card's whole width. READABLE_MIN is the smallest zoom the map view offers: there, every
# card still reads.
FULL_DETAIL = 0.65
READABLE_MIN = 0.5
COMPACT_NAME_PX = 8.5
COMPACT_LINE_PX = 7.5


def fitted_name(name: str, metrics: QFontMetricsF, width: float) -> str:
    """``name`` if it fits ``width``, else with the first name shortened to its initial,
    else that elided."""
    if metrics.horizontalAdvance(name) <= width:
        return name
    parts = name.split()
    if len(parts) > 1 and parts[0][:1].isalpha():
        name = f"{parts[0][0]}. {' '.join(parts[1:])}"
    return metrics.elidedText(name, Qt.TextElideMode.ElideRight, width)


def _pixels(font: QFont) -> float:
    return font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96.0 / 72.0


class CardItem(QGraphicsRectItem):
    """A card centred on its position; subclasses paint the body."""

    def __init__(self, data: CardData, style: MapStyle, at: tuple[float, float] = (0, 0)) -> None:
        super().__init__()
        self.data_ = data
        self.map_style = style
        self.edges: list[EdgeItem] = []
        self.hovered = False
        self.highlighted = False
        # While the scene moves many cards at once it re-routes their edges once at the end.
        self.bulk = False
        self.setPen(Qt.PenStyle.NoPen)
        self.setAcceptHoverEvents(True)
        self.setPos(at[0], at[1])  # before the flags: no geometry notifications yet
        self.setFlags(_FLAGS)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.body = QRectF()
        self.half_w = self.half_h = 0.0
        self.apply(data, style)

    # --- data --------------------------------------------------------------------------------

    @property
    def key(self) -> str:
        return self.data_.key

    def size(self) -> tuple[float, float]:
        """Width and height of the card body (what the layout must keep apart)."""
        raise NotImplementedError

    def apply(self, data: CardData, style: MapStyle) -> None:
        """Show new data or a new style; geometry follows the size."""
        self.data_ = data
        self.map_style = style
        w, h = self.size()
        body = QRectF(-w / 2, -h / 2, w, h)
        if body != self.body:
            self.prepareGeometryChange()
            self.body = body
            self.half_w, self.half_h = w / 2, h / 2
            self.setRect(body.adjusted(-MARGIN, -MARGIN, MARGIN + HANDLE_RADIUS, MARGIN))
            self._placed()
            for edge in self.edges:
                edge.adjust()
        # Texts are laid out when first drawn with text: a big map at fit zoom never needs it.
        self.text_ready = False
        self._compact: tuple[int, float, QFont, str] | None = None
        self._lines: tuple[tuple[float, float, str], tuple[QFont, str, QFont, str]] | None = None
        if self.scene() is not None and self.opacity() != self.base_opacity():
            self.setOpacity(self.base_opacity())
        self.update()

    def ensure_text(self) -> None:
        if not self.text_ready:
            self.prepare_text()
            self.text_ready = True

    def base_opacity(self) -> float:
        """People who left the company fade."""
        return 0.55 if self.data_.status == "left" else 1.0

    def prepare_text(self) -> None:
        """Elide texts once per change rather than on every paint."""

    def compact_name(
        self, lod: float, width: float, font: str, share: float
    ) -> tuple[QFont, str] | None:
        """The name in the style's ``font`` enlarged to read at zoom ``lod`` (up to ``share``
        of the card's height) and fitted to ``width``; None when the card is too small on
        screen to hold NAME_MIN_PX text. Kept per size: the card's cached pixmap is redrawn
        at each new zoom."""
        px = int(min(NAME_SCREEN_PX / lod, self.body.height() * share))
        if px * lod < NAME_MIN_PX or width <= 0:
            return None
        found = self._compact
        if found is None or found[0] != px or found[1] != width:
            scaled = QFont(self.map_style.font(font))
            scaled.setPixelSize(px)
            name = fitted_name(self.data_.name, QFontMetricsF(scaled), width)
            found = self._compact = (px, width, scaled, name)
        return found[2], found[3]

    def compact_lines(
        self, lod: float, width: float, name_font: str, line_font: str, second: str
    ) -> tuple[QFont, str, QFont, str]:
        """The name and a second line (title or role) in fonts enlarged to read at zoom
        ``lod``, each fitted to ``width``. Kept per zoom: the card's cached pixmap is redrawn
        at each new zoom, not at each paint."""
        key = (round(lod, 3), width, second)
        found = self._lines
        if found is None or found[0] != key:
            name_px = max(_pixels(self.map_style.font(name_font)), COMPACT_NAME_PX / lod)
            line_px = max(_pixels(self.map_style.font(line_font)), COMPACT_LINE_PX / lod)
            # never taller than the card: the two lines share 70 % of its height
            room = self.body.height() * 0.7 / (name_px + line_px)
            if room < 1.0:
                name_px, line_px = name_px * room, line_px * room
            name = QFont(self.map_style.font(name_font))
            name.setPixelSize(max(1, round(name_px)))
            line = QFont(self.map_style.font(line_font))
            line.setPixelSize(max(1, round(line_px)))
            texts = (
                fitted_name(self.data_.name, QFontMetricsF(name), width),
                QFontMetricsF(line).elidedText(second, Qt.TextElideMode.ElideRight, width),
            )
            found = self._lines = (key, (name, texts[0], line, texts[1]))
        return found[1]

    def tooltip(self) -> str:
        """Shown by the scene's help event (computed on demand, not stored per item)."""
        return self.data_.name

    # --- geometry ----------------------------------------------------------------------------

    def handle_centre(self) -> QPointF:
        return QPointF(self.body.right(), 0.0)

    def on_handle(self, pos: QPointF) -> bool:
        centre = self.handle_centre()
        dx, dy = pos.x() - centre.x(), pos.y() - centre.y()
        return dx * dx + dy * dy <= (HANDLE_RADIUS + 3) ** 2

    def show_handle(self) -> bool:
        return self.hovered or self.isSelected()

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == _POSITION_CHANGED and not self.bulk:
            self._placed()
            for edge in self.edges:
                edge.adjust_when_seen()
        return super().itemChange(change, value)

    def _placed(self) -> None:
        """Tell the scene (links route around cards) that this card moved or resized."""
        placed = getattr(self.scene(), "card_placed", None)
        if placed is not None:
            placed(self)

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.update()

    # --- events ------------------------------------------------------------------------------

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = True
        self.update()
        scene = self.scene()
        if hasattr(scene, "card_hovered"):
            scene.card_hovered(self, True)
        super().hoverEnterEvent(event)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        cursor = (
            Qt.CursorShape.CrossCursor
            if self.on_handle(event.pos())
            else Qt.CursorShape.ArrowCursor
        )
        self.setCursor(cursor)
        super().hoverMoveEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self.hovered = False
        self.update()
        scene = self.scene()
        if hasattr(scene, "card_hovered"):
            scene.card_hovered(self, False)
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        scene = self.scene()
        link = getattr(scene, "link", None)
        if link is not None and event.button() == Qt.MouseButton.LeftButton:
            if link.active:  # started from the context menu: this click picks the target
                link.finish(event.scenePos(), event.screenPos())
                event.accept()
                return
            if self.on_handle(event.pos()):
                link.start(self, event.scenePos())
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        link = getattr(self.scene(), "link", None)
        if link is not None and link.active:
            link.move(event.scenePos())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        link = getattr(self.scene(), "link", None)
        if link is not None and link.active and link.dragging:
            link.finish(event.scenePos(), event.screenPos())
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        request = getattr(self.scene(), "request_edit", None)
        if request is not None and event.button() == Qt.MouseButton.LeftButton:
            request(self.key)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)
