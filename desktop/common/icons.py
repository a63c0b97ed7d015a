"""Line icons from ``resources/icons``, drawn in the palette's text colour at any size.

The SVGs stroke with ``currentColor``; the engine fills that in when it paints, so icons stay
sharp on HiDPI screens and follow a switch between the light and dark schemes.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICON_DIR = Path(str(files("resources").joinpath("icons")))


@cache
def _svg(name: str) -> str:
    return (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")


@cache
def _renderer(name: str, colour: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(_svg(name).replace("currentColor", colour).encode()))


class _TintedSvgEngine(QIconEngine):
    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def _colour(self, mode: QIcon.Mode) -> str:
        palette = QGuiApplication.palette()
        group = (
            QPalette.ColorGroup.Disabled
            if mode == QIcon.Mode.Disabled
            else QPalette.ColorGroup.Normal
        )
        return palette.color(group, QPalette.ColorRole.WindowText).name()

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        side = min(rect.width(), rect.height())
        square = QRectF(
            rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _renderer(self._name, self._colour(mode)).render(painter, square)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), pixmap.size()), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return _TintedSvgEngine(self._name)

    def key(self) -> str:
        return "rapport-tinted-svg"


def icon(name: str) -> QIcon:
    """A line icon by file name (without ``.svg``), e.g. ``icon("person-add")``."""
    return QIcon(_TintedSvgEngine(name))


def app_icon() -> QIcon:
    """The coloured application icon (not tinted)."""
    return QIcon(str(ICON_DIR / "rapport.svg"))
