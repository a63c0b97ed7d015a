"""The quadrants behind the power/interest and influence/attitude grids, with their labels."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
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


class GridBackdrop(QGraphicsItem):
    def __init__(self, spec: GridSpec, style: MapStyle) -> None:
        super().__init__()
        self.spec = spec
        self.style = style
        self.setZValue(BACKDROP_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_style(self, style: MapStyle) -> None:
        self.style = style
        self.update()

    def boundingRect(self) -> QRectF:
        return self.spec.plot.adjusted(-90, -60, 40, 80)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        spec, s = self.spec, self.style
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
        painter.setFont(s.font("quadrant"))
        aligns = (
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
        )
        for cell, text, align in zip(cells, spec.quadrants, aligns, strict=True):
            painter.drawText(cell.adjusted(16, 12, -16, -12), align, text)
        # frame and the two dividing lines
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(s.card_border, 1.2))
        painter.drawRect(plot)
        dashed = QPen(s.subtext, 1.4, Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        painter.drawLine(QPointF(split.x(), plot.top()), QPointF(split.x(), plot.bottom()))
        painter.drawLine(QPointF(plot.left(), split.y()), QPointF(plot.right(), split.y()))
        # axes
        painter.setPen(s.subtext)
        painter.setFont(s.font("legend"))
        for x, text in spec.x_ticks:
            painter.drawText(
                QRectF(x - 50, plot.bottom() + 6, 100, 18), Qt.AlignmentFlag.AlignCenter, text
            )
        for y, text in spec.y_ticks:
            painter.drawText(
                QRectF(plot.left() - 88, y - 9, 80, 18),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        painter.setPen(s.text)
        painter.setFont(s.font("axis"))
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 28, plot.width(), 24),
            Qt.AlignmentFlag.AlignCenter,
            spec.x_title + "  →",
        )
        painter.save()
        painter.translate(plot.left() - 60, plot.bottom())
        painter.rotate(-90)
        painter.drawText(
            QRectF(0, -12, plot.height(), 24), Qt.AlignmentFlag.AlignCenter, spec.y_title + "  →"
        )
        painter.restore()
