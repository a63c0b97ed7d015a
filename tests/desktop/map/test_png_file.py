"""The map's PNG writer: what a PNG reader gets back is exactly the image drawn."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from desktop.map.png_file import png_bytes
from desktop.map.render import render_account_map
from graph.workspace import Workspace


def _drawing(width: int, height: int, background: QColor) -> QImage:
    """Antialiased shapes and text over ``background``, odd sizes (rows padded in memory)."""
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(QColor(30, 90, 200, 160))
    painter.drawEllipse(QPointF(width / 3, height / 2), width / 4, height / 3)
    painter.setPen(QColor(200, 40, 40))
    painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, "Ana Lima")
    painter.end()
    return image


def _pixels(image: QImage) -> list[int]:
    return [image.pixel(x, y) for y in range(image.height()) for x in range(image.width())]


def test_an_opaque_picture_reads_back_pixel_for_pixel_without_alpha(qapp) -> None:
    image = _drawing(157, 61, QColor(246, 247, 249))
    data = png_bytes(image, opaque=True)
    with Image.open(io.BytesIO(data)) as read:
        assert read.mode == "RGB" and read.size == (157, 61)
    back = QImage.fromData(data, "PNG")
    assert not back.hasAlphaChannel()
    assert _pixels(back) == _pixels(image)


def test_a_translucent_picture_keeps_its_alpha(qapp) -> None:
    image = _drawing(33, 17, QColor(0, 0, 0, 0))
    data = png_bytes(image, opaque=False)
    with Image.open(io.BytesIO(data)) as read:
        assert read.mode == "RGBA"
        corner, disc = read.getpixel((0, 0)), read.getpixel((5, 8))
    assert corner[3] == 0 and disc[3] == 160  # see-through, and translucent
    # straight colour (not darkened by premultiplying), give or take its rounding
    assert all(abs(got - want) <= 1 for got, want in zip(disc, (30, 90, 200), strict=False))
    # Qt reads back the premultiplied pixels it drew
    back = QImage.fromData(data, "PNG").convertToFormat(image.format())
    assert _pixels(back) == _pixels(image)


def test_the_resolution_is_kept(qapp) -> None:
    image = _drawing(20, 10, QColor("white"))
    image.setDotsPerMeterX(11811)  # 300 dpi
    image.setDotsPerMeterY(11811)
    with Image.open(io.BytesIO(png_bytes(image, opaque=True))) as read:
        assert round(read.info["dpi"][0]) == 300


def test_an_exported_map_is_an_opaque_png(qapp, map_ws: Workspace, ids, tmp_path: Path) -> None:
    path = render_account_map(map_ws, ids["account"], tmp_path / "map.png")
    with Image.open(path) as read:
        assert read.mode == "RGB"
        # the last row and column are background too, not a half-covered see-through edge
        width, height = read.size
        assert read.getpixel((width - 1, height - 1)) == read.getpixel((0, height - 1))
