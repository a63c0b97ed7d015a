"""Draws one interaction of the timeline: kind and length, when, who on both sides, summary."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.common.palette import colours, secondary_text
from desktop.interactions.interactions_model import SENTIMENT_ROLE

Index = QModelIndex | QPersistentModelIndex
WHEN, KIND, DURATION, CUSTOMER, TEAM, SUMMARY, SENTIMENT = range(7)


class TimelineDelegate(QStyledItemDelegate):
    PAD = 10
    RAIL = 28  # room on the left for the timeline rail and its dot

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()
        return QSize(320, line * 3 + 6 + self.PAD * 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        painter.save()
        if widget is not None:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text = opt.palette.highlightedText().color() if selected else opt.palette.text().color()
        soft = text if selected else secondary_text(opt.palette)
        metrics = QFontMetrics(opt.font)
        line = metrics.height()
        rect = opt.rect.adjusted(self.RAIL, self.PAD, -self.PAD, -self.PAD)

        # the rail, and a dot coloured by sentiment
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rail_x = opt.rect.left() + self.RAIL // 2
        painter.setPen(QPen(secondary_text(opt.palette), 1.2))
        painter.drawLine(rail_x, opt.rect.top(), rail_x, opt.rect.bottom())
        painter.setPen(QPen(opt.palette.base().color(), 2))
        painter.setBrush(colours().attitude(int(index.data(SENTIMENT_ROLE) or 0)))
        painter.drawEllipse(rail_x - 6, rect.top() + line // 2 - 6, 12, 12)

        def cell(column: int) -> str:
            return str(index.model().index(index.row(), column).data() or "")

        # line 1: kind and length (bold), when (right)
        bold = QFont(opt.font)
        bold.setWeight(QFont.Weight.DemiBold)
        when = cell(WHEN)
        when_width = metrics.horizontalAdvance(when)
        painter.setPen(soft)
        painter.setFont(opt.font)
        first = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.drawText(first, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, when)
        painter.setPen(text)
        painter.setFont(bold)
        title = f"{cell(KIND)} · {cell(DURATION)} · {cell(SENTIMENT)}"
        title_rect = first.adjusted(0, 0, -(when_width + 12), 0)
        title = QFontMetrics(bold).elidedText(
            title, Qt.TextElideMode.ElideRight, title_rect.width()
        )
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title
        )

        # line 2: who, on both sides
        painter.setFont(opt.font)
        painter.setPen(soft)
        people = cell(CUSTOMER) or "Nobody from the customer"
        team = cell(TEAM)
        who = f"{people}  ·  with {team}" if team else people
        second = QRect(rect.left(), rect.top() + line + 3, rect.width(), line)
        painter.drawText(
            second,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(who, Qt.TextElideMode.ElideRight, second.width()),
        )

        # line 3: the summary
        painter.setPen(text)
        summary = cell(SUMMARY) or "No summary"
        third = QRect(rect.left(), rect.top() + 2 * line + 6, rect.width(), line)
        painter.drawText(
            third,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(summary, Qt.TextElideMode.ElideRight, third.width()),
        )
        painter.restore()
