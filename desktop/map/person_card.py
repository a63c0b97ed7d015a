"""A customer person's card: name, title, role badge; attitude as the left stripe, influence as
card size and pips, cadence status as the ring around the initials.

At low zoom (``levelOfDetailFromTransform``) the card is drawn as plain rectangles with the
name alone, enlarged to stay readable (see ``card_item``), and without text once the card is
too small on screen for it; the item caches its pixmap per device, so a repaint at the same
zoom draws no Python.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsSceneMouseEvent, QStyleOptionGraphicsItem, QWidget

from desktop.map.card_item import (
    FULL_DETAIL,
    HANDLE_RADIUS,
    NAME_DETAIL,
    READABLE_MIN,
    CardItem,
)
from desktop.map.card_risks import MARKS
from desktop.map.change_badges import changes_tooltip
from desktop.map.styles import CADENCE_LABELS, ROLE_LABELS
from graph.labels import ATTITUDE_LABELS

# Below READABLE_MIN (only a picture drawn that small, never the map view): plain cards with
# the name alone (enlarged) or no text. From there to FULL_DETAIL: name and title, enlarged.
LOW_DETAIL = READABLE_MIN * 0.9  # a margin for rounding: the view at READABLE_MIN is above
MID_DETAIL = FULL_DETAIL
AVATAR = 30.0
PLAIN_NAME_SHARE = 0.45  # of the card's height, at most, for a plain card's name
STRIPE = 14.0  # a plain card's attitude stripe
TAG_PX = 10.0  # a tag's text at 100 %; zoomed out it grows to stay TAG_SCREEN_PX on screen
TAG_SCREEN_PX = 7.0
SEVERE_MARKS = ("overdue_executive", "unowned_detractor")


def card_size(influence: int) -> tuple[float, float]:
    """Bigger cards for more influential people (influence 1..5)."""
    influence = max(1, min(5, int(influence)))
    return 160.0 + 10.0 * influence, 58.0 + 3.0 * influence


def initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha()]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2].upper()
    return (parts[0][0] + parts[-1][0]).upper()


class PersonCard(CardItem):
    team = 0  # people under them in the org chart (0: none, or another view)
    collapsed = False
    _last_lod = 1.0  # the zoom last painted at: where the team badge is, for a click

    def set_fold(self, team: int, collapsed: bool) -> None:
        if (team, collapsed) != (self.team, self.collapsed):
            self.team, self.collapsed = team, collapsed
            self.update()

    def fold_badge(self, lod: float = 1.0) -> QRectF | None:
        """Where the team badge sits, astride the bottom edge in the middle: "+N" on a
        collapsed manager, "−" on an open one (shown on hover); None for nobody's manager."""
        if not self.team:
            return None
        scale = max(1.0, TAG_SCREEN_PX / (TAG_PX * lod))
        text = f"+{self.team}" if self.collapsed else "−"
        width = QFontMetricsF(self.map_style.font("badge")).horizontalAdvance(text) * scale
        width = max(width + 12 * scale, 22 * scale)
        height = 15 * scale
        body = self.body
        return QRectF(body.center().x() - width / 2, body.bottom() - height / 2, width, height)

    def _paint_fold(self, painter: QPainter, lod: float) -> None:
        badge = self.fold_badge(lod)
        if badge is None or not (self.collapsed or self.hovered or self.isSelected()):
            return
        s = self.map_style
        scale = badge.height() / 15
        font = QFont(s.font("badge"))
        font.setPixelSize(round(TAG_PX * scale))
        painter.setFont(font)
        painter.setPen(QPen(s.accent, 1.2 * scale))
        painter.setBrush(s.accent if self.collapsed else s.card)
        painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
        painter.setPen(QColor("#ffffff") if self.collapsed else s.accent)
        text = f"+{self.team}" if self.collapsed else "−"
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        badge = self.fold_badge(self._last_lod)
        if (
            badge is not None
            and event.button() == Qt.MouseButton.LeftButton
            and badge.contains(event.pos())
        ):
            toggled = getattr(self.scene(), "foldToggled", None)
            if toggled is not None:
                toggled.emit(self.key)
                event.accept()
                return
        super().mousePressEvent(event)

    def size(self) -> tuple[float, float]:
        return card_size(self.data_.influence)

    def prepare_text(self) -> None:
        d, s = self.data_, self.map_style
        text_width = self.body.width() - AVATAR - 34
        self._name = s.metrics("name").elidedText(d.name, Qt.TextElideMode.ElideRight, text_width)
        self._title = s.metrics("title").elidedText(
            d.title or d.department, Qt.TextElideMode.ElideRight, text_width
        )
        self._initials = initials(d.name)
        role = ROLE_LABELS.get(d.role, d.role.replace("_", " ").capitalize())
        if d.status == "left":
            role = "Left the company"
        elif d.status == "on_leave":
            role = f"{role} · on leave" if role else "On leave"
        self._badge = role
        metrics = s.metrics("badge")
        self._badge_width = metrics.horizontalAdvance(role) + 12 if role else 0.0
        badge_right = self.body.left() + AVATAR + 21 + self._badge_width
        self._pips = badge_right < self.body.right() - 48

    def tooltip(self) -> str:
        d = self.data_
        lines = [f"<b>{d.name}</b>"]
        if d.title or d.department:
            lines.append(" · ".join(t for t in (d.title, d.department) if t))
        facts = [
            ROLE_LABELS.get(d.role) or "",
            f"{d.level.capitalize()}" if d.level else "",
            f"influence {d.influence}/5",
            ATTITUDE_LABELS.get(d.attitude, ""),
        ]
        lines.append(", ".join(f for f in facts if f))
        if d.cadence:
            when = d.last_contact.isoformat() if d.last_contact else "never"
            lines.append(f"{CADENCE_LABELS.get(d.cadence, d.cadence)} (last contact: {when})")
        changed = changes_tooltip(self)  # in the "changes since" mode
        if changed:
            lines.append(changed)
        return "<br>".join(lines)

    # --- painting ----------------------------------------------------------------------------

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        s, d, body = self.map_style, self.data_, self.body
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        self._last_lod = lod
        attitude = s.attitude_colour(d.attitude)
        selected = self.isSelected()
        if lod < LOW_DETAIL:
            self._paint_plain(painter, lod)
            return
        if lod < MID_DETAIL:
            self._paint_compact(painter, lod)
            return
        self.ensure_text()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        # shadow, attitude stripe, body
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 60 if s.dark else 22))
        painter.drawRoundedRect(body.translated(0, 2), 9, 9)
        painter.setBrush(s.card)
        painter.drawRoundedRect(body, 9, 9)
        # the attitude stripe: the card's own rounded left edge, clipped to 6 px
        painter.save()
        painter.setClipRect(QRectF(body.left(), body.top(), 6, body.height()))
        painter.setBrush(attitude)
        painter.drawRoundedRect(body, 9, 9)
        painter.restore()
        if self.highlighted:
            border = QPen(s.highlight, 3.0)
        elif selected:
            border = QPen(s.accent, 2.6)
        else:
            border = QPen(s.card_border, 1.0)
        if d.status == "left":
            border.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(border)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(body, 9, 9)

        # avatar with the cadence ring
        centre = QPointF(body.left() + 12 + AVATAR / 2, body.center().y())
        ring = s.cadence_colour(d.cadence)
        painter.setPen(QPen(ring, 3.2) if d.cadence else QPen(s.card_border, 1.5))
        painter.setBrush(s.card_left)
        painter.drawEllipse(centre, AVATAR / 2, AVATAR / 2)
        painter.setPen(s.text)
        painter.setFont(s.font("initials"))
        avatar = QRectF(centre.x() - AVATAR / 2, centre.y() - AVATAR / 2, AVATAR, AVATAR)
        painter.drawText(avatar, Qt.AlignmentFlag.AlignCenter, self._initials)
        if d.cadence == "overdue":
            self._paint_alert(painter, QPointF(avatar.right() - 2, avatar.top() + 3), ring)

        left = avatar.right() + 9
        right = body.right() - 10
        top = body.top() + 7
        painter.setFont(s.font("name"))
        painter.setPen(s.text)
        painter.drawText(
            QRectF(left, top, right - left, 17), Qt.AlignmentFlag.AlignVCenter, self._name
        )
        painter.setFont(s.font("title"))
        painter.setPen(s.subtext)
        painter.drawText(
            QRectF(left, top + 17, right - left, 15), Qt.AlignmentFlag.AlignVCenter, self._title
        )
        if self._badge:
            colour = s.role_colour(d.role) if d.status != "left" else s.subtext
            badge = QRectF(left, body.bottom() - 20, self._badge_width, 15)
            fill = QColor(colour)
            fill.setAlpha(48 if s.dark else 30)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(badge, 7.5, 7.5)
            painter.setPen(colour)
            painter.setFont(s.font("badge"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, self._badge)
        if self._pips:
            self._paint_pips(painter, QPointF(body.right() - 11, body.bottom() - 12.5))
        self._paint_tags(painter, lod)
        self._paint_fold(painter, lod)
        if self.show_handle():
            self._paint_handle(painter)

    def _paint_compact(self, painter: QPainter, lod: float) -> None:
        """Zoomed out but readable: the attitude stripe, name and title across the card in
        enlarged fonts, the cadence as a bar along the bottom with the overdue badge."""
        s, d, body = self.map_style, self.data_, self.body
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        if self.highlighted:
            border = QPen(s.highlight, 2.0 / lod)
        elif self.isSelected():
            border = QPen(s.accent, 1.8 / lod)
        else:
            border = QPen(s.card_border, 1.0 / lod)
        if d.status == "left":
            border.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(border)
        painter.setBrush(s.card)
        painter.drawRoundedRect(body, 9, 9)
        painter.save()
        painter.setClipRect(QRectF(body.left(), body.top(), 9, body.height()))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(s.attitude_colour(d.attitude))
        painter.drawRoundedRect(body, 9, 9)
        painter.restore()
        if d.cadence:
            bar = QRectF(body.left() + 14, body.bottom() - 8, body.width() - 28, 4.5)
            painter.fillRect(bar, s.cadence_colour(d.cadence))
        left, right = body.left() + 16, body.right() - 8
        if d.cadence == "overdue":
            scale = 0.75 / lod
            radius = 5.5 * scale
            centre = QPointF(body.right() - radius - 3, body.top() + radius + 3)
            self._paint_alert(painter, centre, s.cadence_colour(d.cadence), scale)
            right -= 2 * radius
        name_font, name, line_font, line = self.compact_lines(
            lod, right - left, "name", "title", d.title or d.department
        )
        name_h = QFontMetricsF(name_font).height()
        line_h = QFontMetricsF(line_font).height() if line else 0.0
        top = body.center().y() - (name_h + line_h) / 2 - 2
        painter.setFont(name_font)
        painter.setPen(s.text)
        painter.drawText(QRectF(left, top, right - left, name_h), Qt.AlignmentFlag.AlignLeft, name)
        if line:
            painter.setFont(line_font)
            painter.setPen(s.subtext)
            painter.drawText(
                QRectF(left, top + name_h, right - left, line_h), Qt.AlignmentFlag.AlignLeft, line
            )
        self._paint_tags(painter, lod)
        self._paint_fold(painter, lod)

    def _paint_tags(self, painter: QPainter, lod: float) -> None:
        """A risk tag astride the top edge, our teammates' initials astride the bottom edge:
        what to act on and who owns the relationship, seen at a glance at any zoom."""
        s, d, body = self.map_style, self.data_, self.body
        scale = max(1.0, TAG_SCREEN_PX / (TAG_PX * lod))
        font = QFont(s.font("badge"))
        font.setPixelSize(round(TAG_PX * scale))
        metrics = QFontMetricsF(font)
        height = metrics.height() + 2 * scale
        painter.setFont(font)
        if d.risks:
            text = MARKS.get(d.risks[0], d.risks[0])
            if len(d.risks) > 1:
                text += f" +{len(d.risks) - 1}"
            severe = d.risks[0] in SEVERE_MARKS
            colour = s.cadence_colour("overdue" if severe else "due")
            width = metrics.horizontalAdvance(text) + 10 * scale
            tag = QRectF(body.right() - 12 - width, body.top() - height / 2, width, height)
            # severe risks filled red; the others outlined, so a row of them stays quiet
            painter.setPen(QPen(s.card if severe else colour, 1.2 * scale))
            painter.setBrush(colour if severe else s.card)
            painter.drawRoundedRect(tag, height / 2, height / 2)
            painter.setPen(QColor("#ffffff") if severe else colour)
            painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
        if d.owned_by:
            text = d.owned_by[0] + (f" +{len(d.owned_by) - 1}" if len(d.owned_by) > 1 else "")
            width = metrics.horizontalAdvance(text) + 10 * scale
            chip = QRectF(body.right() - 12 - width, body.bottom() - height / 2, width, height)
            painter.setPen(QPen(s.card, 1.2))
            painter.setBrush(s.member)
            painter.drawRoundedRect(chip, height / 2, height / 2)
            painter.setPen(s.member_text)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_plain(self, painter: QPainter, lod: float) -> None:
        """Flat rectangles, and the name when the card has room for it on screen."""
        s, d, body = self.map_style, self.data_, self.body
        if self.highlighted:
            edge = s.highlight
        else:
            edge = s.accent if self.isSelected() else s.card_border
        painter.fillRect(body, edge)
        painter.fillRect(body.adjusted(3, 3, -3, -3), s.card)
        painter.fillRect(
            QRectF(body.left(), body.top(), STRIPE, body.height()), s.attitude_colour(d.attitude)
        )
        if d.cadence:
            painter.fillRect(
                QRectF(body.right() - 22, body.top() + 6, 16, 16), s.cadence_colour(d.cadence)
            )
        if lod < NAME_DETAIL:
            return
        left = body.left() + STRIPE + 8
        right = body.right() - (26 if d.cadence else 8)
        name = self.compact_name(lod, right - left, "name", PLAIN_NAME_SHARE)
        if name is None:
            return
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setFont(name[0])
        painter.setPen(s.text)
        painter.drawText(
            QRectF(left, body.top(), right - left, body.height()),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            name[1],
        )

    def _paint_pips(self, painter: QPainter, top_right: QPointF) -> None:
        s = self.map_style
        painter.setPen(Qt.PenStyle.NoPen)
        for i in range(5):
            on = 5 - i <= self.data_.influence
            painter.setBrush(s.text if on else s.card_border)
            painter.drawEllipse(QPointF(top_right.x() - i * 7, top_right.y()), 2.3, 2.3)

    def _paint_alert(
        self, painter: QPainter, centre: QPointF, colour: QColor, scale: float = 1.0
    ) -> None:
        painter.setPen(QPen(self.map_style.card, 1.5 * scale))
        painter.setBrush(colour)
        painter.drawEllipse(centre, 5.5 * scale, 5.5 * scale)
        painter.setPen(QPen(QColor("#ffffff"), 1.6 * scale))
        painter.drawLine(
            QPointF(centre.x(), centre.y() - 2.8 * scale),
            QPointF(centre.x(), centre.y() + 0.6 * scale),
        )
        painter.drawPoint(QPointF(centre.x(), centre.y() + 2.6 * scale))

    def _paint_handle(self, painter: QPainter) -> None:
        s = self.map_style
        centre = self.handle_centre()
        painter.setPen(QPen(s.card, 1.5))
        painter.setBrush(QBrush(s.handle))
        painter.drawEllipse(centre, HANDLE_RADIUS, HANDLE_RADIUS)
        painter.setPen(QPen(QColor("#ffffff"), 1.6))
        r = HANDLE_RADIUS - 2.8
        painter.drawLine(QPointF(centre.x() - r, centre.y()), QPointF(centre.x() + r, centre.y()))
        painter.drawLine(QPointF(centre.x(), centre.y() - r), QPointF(centre.x(), centre.y() + r))
