"""A chart preview: a picture drawn by matplotlib off the GUI thread, scaled to fit.

The image keeps its proportions and is centred; until the first one arrives, a quiet line
says the chart is being drawn.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.common.palette import secondary_text

ASPECT = 9 / 16  # the house charts are 16:9, like a slide
MAX_HEIGHT = 460  # larger, the chart's text gets bigger than the table's around it


class ChartView(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.image: QImage | None = None
        self._scaled: QPixmap | None = None
        self.placeholder = "Drawing the chart…"
        self.setMinimumSize(280, 158)
        self.setMaximumHeight(MAX_HEIGHT)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_image(self, image: QImage | None) -> None:
        self.image = image
        self._scaled = None
        self.update()

    def pixel_width(self) -> int:
        """The width to draw charts at for this view: sharp on HiDPI screens."""
        width = min(self.width(), round(MAX_HEIGHT / ASPECT))
        return round(max(width, 640) * self.devicePixelRatioF())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width * ASPECT)

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def _target(self) -> QRect:
        width = min(self.width(), round(self.height() / ASPECT))
        height = round(width * ASPECT)
        return QRect((self.width() - width) // 2, (self.height() - height) // 2, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        target = self._target()
        if self.image is None:
            painter.setPen(secondary_text(self.palette()))
            painter.drawText(target, Qt.AlignmentFlag.AlignCenter, self.placeholder)
            painter.end()
            return
        ratio = self.devicePixelRatioF()
        wanted = target.size() * ratio
        if self._scaled is None or self._scaled.size() != wanted:
            scaled = self.image.scaled(
                wanted,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self._scaled = QPixmap.fromImage(scaled)
            self._scaled.setDevicePixelRatio(ratio)
        pixmap = self._scaled
        size = pixmap.deviceIndependentSize().toSize()
        left = target.x() + (target.width() - size.width()) // 2
        top = target.y() + (target.height() - size.height()) // 2
        painter.drawPixmap(left, top, pixmap)
        painter.end()
