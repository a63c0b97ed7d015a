"""A member of our team: a filled hexagon-ended tag, unlike any customer card."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

from desktop.map.card_item import FULL_DETAIL, HANDLE_RADIUS, NAME_DETAIL, CardItem
from desktop.map.person_card import LOW_DETAIL
from desktop.map.styles import TEAM_ROLE_LABELS

MEMBER_SIZE = (168.0, 46.0)
PLAIN_NAME_SHARE = 0.5  # of the tag's height, at most, for a plain tag's name


def member_outline(body: QRectF) -> QPolygonF:
    tip = body.height() / 2.6
    y = body.center().y()
    return QPolygonF(
        [
            QPointF(body.left(), y),
            QPointF(body.left() + tip, body.top()),
            QPointF(body.right() - tip, body.top()),
            QPointF(body.right(), y),
            QPointF(body.right() - tip, body.bottom()),
            QPointF(body.left() + tip, body.bottom()),
        ]
    )


class MemberCard(CardItem):
    def size(self) -> tuple[float, float]:
        return MEMBER_SIZE

    def prepare_text(self) -> None:
        s = self.map_style
        width = self.body.width() - 36
        self._outline = member_outline(self.body)
        self._name = s.metrics("member").elidedText(
            self.data_.name, Qt.TextElideMode.ElideRight, width
        )
        self._role = TEAM_ROLE_LABELS.get(
            self.data_.role, self.data_.role.replace("_", " ").capitalize()
        )

    def tooltip(self) -> str:
        self.ensure_text()
        return f"<b>{self.data_.name}</b><br>Our team · {self._role}"

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        s = self.map_style
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < LOW_DETAIL:
            self._paint_plain(painter, lod)
            return
        self.ensure_text()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.highlighted:
            pen = QPen(s.highlight, 3.0)
        elif self.isSelected():
            pen = QPen(s.accent, 3.0)
        else:
            pen = QPen(s.member_border, 1.2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 60 if s.dark else 25))
        painter.drawPolygon(self._outline.translated(0, 2))
        painter.setPen(pen)
        painter.setBrush(s.member)
        painter.drawPolygon(self._outline)
        if lod < FULL_DETAIL:  # zoomed out: name and role enlarged, never a blank bar
            text = self.body.adjusted(10, 1, -10, -1)
            name_font, name, role_font, role = self.compact_lines(
                lod, text.width(), "member", "badge", self._role
            )
            name_h = QFontMetricsF(name_font).height()
            role_h = QFontMetricsF(role_font).height()
            top = text.center().y() - (name_h + role_h) / 2
            painter.setPen(s.member_text)
            painter.setFont(name_font)
            align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(QRectF(text.left(), top, text.width(), name_h), align, name)
            painter.setFont(role_font)
            painter.drawText(QRectF(text.left(), top + name_h, text.width(), role_h), align, role)
            return
        text = self.body.adjusted(18, 5, -18, -5)
        painter.setPen(s.member_text)
        painter.setFont(s.font("member"))
        painter.drawText(
            QRectF(text.left(), text.top(), text.width(), text.height() / 2 + 1),
            Qt.AlignmentFlag.AlignCenter,
            self._name,
        )
        painter.setFont(s.font("badge"))
        faded = QColor(s.member_text)
        faded.setAlpha(210)
        painter.setPen(faded)
        painter.drawText(
            QRectF(text.left(), text.center().y(), text.width(), text.height() / 2),
            Qt.AlignmentFlag.AlignCenter,
            self._role,
        )
        if self.show_handle():
            centre = self.handle_centre()
            painter.setPen(QPen(s.card, 1.5))
            painter.setBrush(QBrush(s.handle))
            painter.drawEllipse(centre, HANDLE_RADIUS, HANDLE_RADIUS)
            path = QPainterPath()
            r = HANDLE_RADIUS - 2.8
            path.moveTo(centre.x() - r, centre.y())
            path.lineTo(centre.x() + r, centre.y())
            path.moveTo(centre.x(), centre.y() - r)
            path.lineTo(centre.x(), centre.y() + r)
            painter.setPen(QPen(QColor("#ffffff"), 1.6))
            painter.drawPath(path)

    def _paint_plain(self, painter: QPainter, lod: float) -> None:
        """A flat tag, with the name when it has room for it on screen."""
        s, body = self.map_style, self.body
        if self.highlighted:
            fill = s.highlight
        else:
            fill = s.accent if self.isSelected() else s.member
        painter.fillRect(body, fill)
        if lod < NAME_DETAIL:
            return
        text = body.adjusted(8, 0, -8, 0)
        name = self.compact_name(lod, text.width(), "member", PLAIN_NAME_SHARE)
        if name is None:
            return
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setFont(name[0])
        painter.setPen(s.member_text)
        painter.drawText(text, Qt.AlignmentFlag.AlignCenter, name[1])
