"""The tag a card wears in the map's "changes since" mode: New, Left or Changed, astride its
bottom edge on the left, clear of the risk tags on top and the owner chips on the right (a
child of the card, so it follows every move)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from desktop.map.card_item import CardItem
from desktop.map.change_marks import CHANGED, JOINED, LEFT, MARK_LABELS, ChangeLine
from desktop.map.styles import MapStyle


def mark_colour(style: MapStyle, mark: str) -> QColor:
    """New in a supporter's green, Left in grey, Changed in the accent blue."""
    if mark == JOINED:
        return style.attitude_colour(2)
    if mark == LEFT:
        return style.subtext
    assert mark == CHANGED
    return style.accent


class ChangeBadge(QGraphicsItem):
    def __init__(self, card: CardItem, mark: str, style: MapStyle) -> None:
        super().__init__(card)
        self.mark = mark
        self.map_style = style
        self.lines: tuple[ChangeLine, ...] = ()  # what changed, for the card's tooltip
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(2)
        font = style.font("badge")
        width = QFontMetricsF(font).horizontalAdvance(MARK_LABELS[mark]) + 12
        body = card.body
        self._rect = QRectF(body.left() + 6, body.bottom() - 7, width, 15)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        colour = mark_colour(self.map_style, self.mark)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(self._rect, 7, 7)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(self.map_style.font("badge"))
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, MARK_LABELS[self.mark])


def describe(card: CardItem, lines: tuple[ChangeLine, ...]) -> None:
    """Give the card's change tag the changes it stands for."""
    for child in card.childItems():
        if isinstance(child, ChangeBadge):
            child.lines = lines


def changes_tooltip(card: CardItem) -> str:
    """The card's changes as tooltip lines ("" without a change tag): what, who, when."""
    for child in card.childItems():
        if isinstance(child, ChangeBadge) and child.lines:
            rows = [f"<b>{MARK_LABELS[child.mark]}</b>"]
            for line in child.lines:
                logged = line.logged()
                rows.append(
                    escape(line.change())
                    + (f" <span style='color:gray'>({escape(logged)})</span>" if logged else "")
                )
            return "<br>".join(rows)
    return ""
