"""The map's legend: attitude colours, cadence rings, link styles, card shapes and every mark a
card carries (overdue badge, influence dots, role chip, risk tags, owner chip, faded cards).

``paint_legend`` draws it with any painter (the on-screen overlay and the exported files share
it); ``LegendOverlay`` floats it over the view's bottom-left corner.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from desktop.map.change_badges import mark_colour
from desktop.map.change_marks import CHANGED, JOINED, LEFT, MARK_LABELS
from desktop.map.member_card import member_outline
from desktop.map.styles import EDGE_LABELS, MapStyle

LEGEND_SIZE = QSize(330, 300)
_ROW = 17.0
CHANGES_ROW = 44


def legend_size(changes: str = "") -> QSize:
    return LEGEND_SIZE + QSize(0, CHANGES_ROW if changes else 0)


def paint_legend(
    painter: QPainter, origin: QPointF, style: MapStyle, *, team: bool = True, changes: str = ""
) -> QRectF:
    """Draw the legend with its top-left corner at ``origin``; returns the rectangle used.
    ``changes`` ("since 30 Sep 2026") adds the marks of the map's changes mode."""
    s = style
    box = QRectF(origin, legend_size(changes).toSizeF())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setPen(QPen(s.panel_border, 1))
    painter.setBrush(s.panel)
    painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
    x0, y = box.left() + 12, box.top() + 10

    def heading(text: str, x: float, top: float) -> None:
        painter.setPen(s.subtext)
        painter.setFont(s.font("legend_title"))
        painter.drawText(QRectF(x, top, 150, 14), Qt.AlignmentFlag.AlignVCenter, text.upper())

    def label(text: str, x: float, top: float, width: float = 140) -> None:
        painter.setPen(s.text)
        painter.setFont(s.font("legend"))
        painter.drawText(QRectF(x, top, width, _ROW), Qt.AlignmentFlag.AlignVCenter, text)

    # attitude: five chips from opponent to supporter
    heading("Attitude", x0, y)
    y += 16
    for i, value in enumerate(range(-2, 3)):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(s.attitude_colour(value))
        painter.drawRoundedRect(QRectF(x0 + i * 22, y + 2, 18, 12), 3, 3)
    label("Opponent → supporter", x0 + 5 * 22 + 4, y, 150)
    y += _ROW + 6

    # cadence rings
    heading("Contact cadence", x0, y)
    y += 16
    x = x0
    for status in ("ok", "due", "overdue"):
        painter.setPen(QPen(s.cadence_colour(status), 2.6))
        painter.setBrush(s.card_left)
        painter.drawEllipse(QPointF(x + 7, y + _ROW / 2), 6, 6)
        text = {"ok": "On time", "due": "Due", "overdue": "Overdue"}[status]
        label(text, x + 17, y, 80)
        x += 17 + painter.fontMetrics().horizontalAdvance(text) + 16
    y += _ROW + 6

    # link kinds in two columns
    heading("Links", x0, y)
    y += 16
    kinds = ["reports_to", "influences", "ally", "conflict"]
    if team:
        kinds += ["owns", "knows"]
    for i, kind in enumerate(kinds):
        col, row = i % 2, i // 2
        x = x0 + col * 150
        top = y + row * _ROW
        edge = s.edge(kind)
        pen = edge.pen(2.6 if kind == "influences" else edge.width)
        painter.setPen(pen)
        mid = top + _ROW / 2
        painter.drawLine(QPointF(x, mid), QPointF(x + 26, mid))
        if edge.arrow:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(edge.colour)
            painter.drawPolygon(
                QPolygonF(
                    [QPointF(x + 32, mid), QPointF(x + 24, mid - 4.5), QPointF(x + 24, mid + 4.5)]
                )
            )
        label(EDGE_LABELS[kind].split(" (")[0], x + 38, top, 110)
    y += ((len(kinds) + 1) // 2) * _ROW + 6

    # cards and their marks, in two columns
    heading("Cards", x0, y)
    y += 16
    card = QRectF(x0, y + 1, 26, 15)
    painter.setPen(QPen(s.card_border, 1))
    painter.setBrush(s.card)
    painter.drawRoundedRect(card, 4, 4)
    label("Customer person", x0 + 32, y, 115)
    if team:
        tag = QRectF(x0 + 150, y + 2, 28, 14)
        painter.setPen(QPen(s.member_border, 1))
        painter.setBrush(s.member)
        painter.drawPolygon(member_outline(tag))
        label("Our team", x0 + 184, y, 110)
    y += _ROW + 2

    def chip(rect: QRectF, fill: QColor, text: str, colour: QColor, outline: QColor) -> None:
        painter.setPen(QPen(outline, 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setPen(colour)
        painter.setFont(s.font("badge"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    # overdue badge | influence dots
    alert = s.cadence_colour("overdue")
    painter.setPen(QPen(s.card, 1.2))
    painter.setBrush(alert)
    painter.drawEllipse(QPointF(x0 + 7, y + _ROW / 2), 5.5, 5.5)
    painter.setPen(QPen(QColor("#ffffff"), 1.5))
    painter.drawLine(QPointF(x0 + 7, y + _ROW / 2 - 2.8), QPointF(x0 + 7, y + _ROW / 2 + 0.6))
    painter.drawPoint(QPointF(x0 + 7, y + _ROW / 2 + 2.6))
    label("Contact overdue", x0 + 20, y, 120)
    painter.setPen(Qt.PenStyle.NoPen)
    for i in range(5):
        painter.setBrush(s.text if i < 3 else s.card_border)
        painter.drawEllipse(QPointF(x0 + 154 + i * 7, y + _ROW / 2), 2.3, 2.3)
    label("Influence 1-5", x0 + 190, y, 120)
    y += _ROW + 2

    # role chip | left the company
    role = s.role_colour("champion")
    fill = QColor(role)
    fill.setAlpha(48 if s.dark else 30)
    chip(QRectF(x0, y + 2, 36, 13), fill, "Role", role, fill)
    label("Role in the deal", x0 + 42, y, 105)
    faded = QRectF(x0 + 150, y + 1, 26, 15)
    pen = QPen(s.card_border, 1)
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.save()
    painter.setOpacity(0.55)
    painter.setPen(pen)
    painter.setBrush(s.card)
    painter.drawRoundedRect(faded, 4, 4)
    painter.restore()
    label("Left the company", x0 + 182, y, 130)
    y += _ROW + 2

    # risk tags: filled (act now) | outlined (watch)
    chip(QRectF(x0, y + 2, 38, 13), alert, "Risk", QColor("#ffffff"), s.card)
    label("Act now: overdue exec, unowned detractor", x0 + 44, y, 270)
    y += _ROW + 2
    due = s.cadence_colour("due")
    chip(QRectF(x0, y + 2, 38, 13), s.card, "Risk", due, due)
    label("Watch: single thread, level uncovered", x0 + 44, y, 270)
    y += _ROW + 2

    # owner chip | zoomed-out cadence bar
    if team:
        chip(QRectF(x0, y + 2, 26, 13), s.member, "PR", s.member_text, s.card)
        label("Our owner (initials)", x0 + 32, y, 115)
    painter.fillRect(QRectF(x0 + 150, y + _ROW / 2 - 2, 26, 4.5), s.cadence_colour("due"))
    label("Zoomed out: cadence", x0 + 182, y, 130)
    if changes:
        y += _ROW + 8
        heading(f"Changed {changes}", x0, y)
        y += 16
        x = x0
        for mark in (JOINED, LEFT, CHANGED):
            text = MARK_LABELS[mark]
            chip(QRectF(x, y + 2, 52, 13), mark_colour(s, mark), text, QColor("#ffffff"), s.card)
            x += 58
        painter.setPen(QPen(s.highlight, 3.5))
        painter.drawLine(QPointF(x + 4, y + _ROW / 2), QPointF(x + 30, y + _ROW / 2))
        label("Link added", x + 36, y, 90)
    painter.restore()
    return box


class LegendOverlay(QWidget):
    """The legend floating over the map view (it lets mouse events through)."""

    def __init__(self, parent: QWidget, style: MapStyle) -> None:
        super().__init__(parent)
        self.map_style = style
        self.team = True
        self.changes = ""
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setFixedSize(LEGEND_SIZE)

    def set_style(self, style: MapStyle) -> None:
        self.map_style = style
        self.update()

    def set_changes(self, changes: str) -> None:
        """Explain the changes mode's marks (``changes``: "since <day>"), or not ("")."""
        self.changes = changes
        self.setFixedSize(legend_size(changes))
        self.update()

    def set_team(self, team: bool) -> None:
        self.team = team
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_legend(painter, QPointF(0, 0), self.map_style, team=self.team, changes=self.changes)
        painter.end()
