"""The quadrants behind the power/interest and influence/attitude grids, with their labels."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from desktop.map.styles import MapStyle

BACKDROP_Z = -10.0


@dataclass(frozen=True)
class GridSpec:
    """Geometry and words of a quadrant grid, in scene coordinates."""

    plot: QRectF
    split: QPointF
    # top-left, top-right, bottom-left, bottom-right
    quadrants: tuple[str, str, str, str]
    x_title: str
    y_title: str
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    # which quadrant gets which tint: index into MapStyle.quadrants per quadrant above
    tints: tuple[int, int, int, int] = (1, 0, 3, 2)
    # faint cell boundaries (one column or row per rating)
    x_lines: tuple[float, ...] = ()
    y_lines: tuple[float, ...] = ()


class GridBackdrop(QGraphicsItem):
    def __init__(self, spec: GridSpec, style: MapStyle) -> None:
        super().__init__()
        self.spec = spec
        self.map_style = style
        self.setZValue(BACKDROP_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_style(self, style: MapStyle) -> None:
        self.map_style = style
        self.update()

    def boundingRect(self) -> QRectF:
        room = max(90.0, self.spec.plot.width() / 18)
        return self.spec.plot.adjusted(-room * 1.6, -20, 20, room)

    def _font(self, name: str, share: float, low: float, high: float) -> QFont:
        """A style font sized to the grid (scene pixels), so labels read at the fit zoom."""
        font = QFont(self.map_style.font(name))
        font.setPixelSize(round(max(low, min(high, self.spec.plot.width() * share))))
        return font

    def label_rect(self, index: int) -> QRectF:
        """Where the name of quadrant ``index`` (top left, top right, bottom left, bottom
        right) is written: in its cell's outer corner."""
        spec = self.spec
        plot, split = spec.plot, spec.split
        cell = (
            QRectF(plot.topLeft(), split),
            QRectF(QPointF(split.x(), plot.top()), QPointF(plot.right(), split.y())),
            QRectF(QPointF(plot.left(), split.y()), QPointF(split.x(), plot.bottom())),
            QRectF(split, plot.bottomRight()),
        )[index].adjusted(16, 12, -16, -12)
        metrics = QFontMetricsF(self._font("quadrant", 1 / 50, 18, 64))
        width, height = metrics.horizontalAdvance(spec.quadrants[index]), metrics.height()
        x = cell.left() if index in (0, 2) else cell.right() - width
        y = cell.top() if index in (0, 1) else cell.bottom() - height
        return QRectF(x, y, width, height)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        spec, s = self.spec, self.map_style
        plot, split = spec.plot, spec.split
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        cells = (
            QRectF(plot.topLeft(), split),
            QRectF(QPointF(split.x(), plot.top()), QPointF(plot.right(), split.y())),
            QRectF(QPointF(plot.left(), split.y()), QPointF(split.x(), plot.bottom())),
            QRectF(split, plot.bottomRight()),
        )
        painter.setPen(Qt.PenStyle.NoPen)
        for cell, tint in zip(cells, spec.tints, strict=True):
            painter.setBrush(s.quadrants[tint])
            painter.drawRect(cell)
        # quadrant names, large and faint, in each cell's outer corner
        painter.setPen(s.quadrant_text)
        painter.setFont(self._font("quadrant", 1 / 50, 18, 64))
        aligns = (
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
        )
        for cell, text, align in zip(cells, spec.quadrants, aligns, strict=True):
            painter.drawText(cell.adjusted(16, 12, -16, -12), align, text)
        # faint cell lines, then the frame and the two dividing lines
        painter.setBrush(Qt.BrushStyle.NoBrush)
        faint = QColor(s.card_border)
        faint.setAlpha(110)
        painter.setPen(QPen(faint, 1.0, Qt.PenStyle.DotLine))
        for x in spec.x_lines[1:-1]:
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        for y in spec.y_lines[1:-1]:
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QPen(s.card_border, 1.2))
        painter.drawRect(plot)
        dashed = QPen(s.subtext, 1.4, Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        painter.drawLine(QPointF(split.x(), plot.top()), QPointF(split.x(), plot.bottom()))
        painter.drawLine(QPointF(plot.left(), split.y()), QPointF(plot.right(), split.y()))
        # axes
        tick = self._font("legend", 1 / 110, 11, 26)
        line = tick.pixelSize() * 1.6
        painter.setPen(s.subtext)
        painter.setFont(tick)
        for x, text in spec.x_ticks:
            painter.drawText(
                QRectF(x - 200, plot.bottom() + 6, 400, line), Qt.AlignmentFlag.AlignCenter, text
            )
        for y, text in spec.y_ticks:
            painter.drawText(
                QRectF(plot.left() - 208, y - line / 2, 200, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        title = self._font("axis", 1 / 80, 13, 34)
        title_line = title.pixelSize() * 1.6
        painter.setPen(s.text)
        painter.setFont(title)
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + line + 10, plot.width(), title_line),
            Qt.AlignmentFlag.AlignCenter,
            spec.x_title + "  →",
        )
        painter.save()
        painter.translate(plot.left() - tick.pixelSize() * 2.2 - title_line, plot.bottom())
        painter.rotate(-90)
        painter.drawText(
            QRectF(0, 0, plot.height(), title_line),
            Qt.AlignmentFlag.AlignCenter,
            spec.y_title + "  →",
        )
        painter.restore()
