"""Drawing a map to a file: PNG, SVG or PDF, from the widget or with no window at all.

``export_scene`` draws a region of a map scene with a title above and the legend below, so the
picture explains itself in a QBR deck. ``render_account_map`` builds an account's map without a
screen (the command line's ``rapport export --map``); it starts a QApplication if none runs.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPaintDevice, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication, QGraphicsItem

from desktop.common.qt_runtime import collect_garbage_on_gui_thread
from desktop.map.layout_worker import VIEWS, LayoutRequest, compute_layout
from desktop.map.legend import LEGEND_SIZE, paint_legend
from desktop.map.map_data import MapFilter, load_map_data
from desktop.map.png_file import png_bytes
from desktop.map.scene import MapScene
from desktop.map.styles import MapStyle, style_for
from graph.errors import RapportError
from graph.files import atomic_open
from graph.text import xml_safe_bytes

if TYPE_CHECKING:
    from graph.workspace import Workspace

FORMATS = (".png", ".svg", ".pdf")
HEADER = 50.0
PAD = 16.0
MAX_SIDE = 7000.0  # pixels (or points) of the longer side of an exported map


class ExportError(RapportError):
    """The map could not be written (unknown format, unwritable place)."""


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"{path.name}: export the map as .png, .svg or .pdf")
    return suffix


@contextmanager
def _without_item_caches(scene: MapScene) -> Iterator[None]:
    """Vector files need vector drawing: item pixmap caches would put bitmaps in them."""
    saved = [(item, item.cacheMode()) for item in scene.items()]
    for item, _ in saved:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        for item, mode in saved:
            item.setCacheMode(mode)


@dataclass(frozen=True)
class _Picture:
    """A map drawing's size and how to draw it."""

    width: float
    height: float
    draw: Callable[[QPainter], None]
    background: QColor


def _picture(
    scene: MapScene,
    source: QRectF,
    *,
    zoom: float,
    title: str,
    subtitle: str,
    legend: bool,
    team: bool,
) -> _Picture:
    style = scene.map_style
    zoom = min(zoom, MAX_SIDE / max(source.width(), source.height(), 1.0))
    map_w, map_h = source.width() * zoom, source.height() * zoom
    # Title and legend grow with a big map, so they stay readable beside it.
    ui = max(1.0, min(3.0, map_w / 1600.0))
    header = HEADER * ui if title else 0.0
    footer = (LEGEND_SIZE.height() + 2 * PAD) * ui if legend else 0.0
    width = max(map_w, (LEGEND_SIZE.width() + 2 * PAD) * ui, 360.0)
    height = header + map_h + footer
    target = QRectF((width - map_w) / 2, header, map_w, map_h)

    def draw(painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.fillRect(QRectF(0, 0, width, height), style.background)
        if title:
            painter.save()
            painter.scale(ui, ui)
            _paint_title(painter, style, title, subtitle, width / ui)
            painter.restore()
        scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
        if legend:
            painter.save()
            painter.translate(PAD * ui, header + map_h + PAD * ui)
            painter.scale(ui, ui)
            paint_legend(painter, QPointF(0, 0), style, team=team)
            painter.restore()

    return _Picture(width, height, draw, style.background)


def export_scene(
    scene: MapScene,
    source: QRectF,
    path: Path,
    *,
    zoom: float = 1.0,
    title: str = "",
    subtitle: str = "",
    legend: bool = True,
    team: bool = True,
    pixel_ratio: float = 2.0,
) -> Path:
    """Write the ``source`` region of ``scene`` at ``zoom`` to ``path`` (.png, .svg or .pdf)."""
    path = Path(path)
    kind = _format(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{path}: cannot create the folder ({exc.strerror})") from exc
    data = scene_bytes(
        scene,
        source,
        kind,
        zoom=zoom,
        title=title,
        subtitle=subtitle,
        legend=legend,
        team=team,
        pixel_ratio=pixel_ratio,
    )
    # Drawn in memory, written here: Qt's own file writing reports success on a full disk.
    with atomic_open(path, "wb", what="the map") as stream:
        stream.write(data)
    return path


def scene_bytes(
    scene: MapScene,
    source: QRectF,
    kind: str,
    *,
    zoom: float = 1.0,
    title: str = "",
    subtitle: str = "",
    legend: bool = True,
    team: bool = True,
    pixel_ratio: float = 2.0,
) -> bytes:
    """The ``source`` region of ``scene`` drawn as a ``kind`` (".png", ".svg", ".pdf") file."""
    picture = _picture(
        scene, source, zoom=zoom, title=title, subtitle=subtitle, legend=legend, team=team
    )
    with _without_item_caches(scene):
        data = _drawn(kind, picture, title, pixel_ratio)
    if not data:
        raise ExportError(f"the map could not be drawn as {kind}")
    return data


def scene_image(
    scene: MapScene,
    source: QRectF,
    *,
    zoom: float = 1.0,
    title: str = "",
    subtitle: str = "",
    legend: bool = True,
    team: bool = True,
    pixel_ratio: float = 2.0,
) -> QImage:
    """The same drawing as ``export_scene`` as an image (for the clipboard): the same picture
    painted onto an image, with no PNG encoded and decoded on the way."""
    picture = _picture(
        scene, source, zoom=zoom, title=title, subtitle=subtitle, legend=legend, team=team
    )
    image = _image(picture.width, picture.height, pixel_ratio)
    with _without_item_caches(scene):
        if not _paint(image, picture.draw):
            raise ExportError("the map could not be drawn as an image")
    return image


def _drawn(kind: str, picture: _Picture, title: str, pixel_ratio: float) -> bytes:
    """The file's bytes (empty when Qt could not draw it)."""
    draw, width, height = picture.draw, picture.width, picture.height
    if kind == ".png":
        # The background under everything, up to the last pixel (the drawing's own fill may
        # cover the last row or column only in part): an opaque style makes an opaque file.
        image = _image(width, height, pixel_ratio, picture.background)
        opaque = picture.background.alpha() == 255
        return png_bytes(image, opaque=opaque) if _paint(image, draw) else b""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if kind == ".svg":
        ok = _write_svg(buffer, draw, width, height, title)
    else:
        ok = _write_pdf(buffer, draw, width, height, title)
    buffer.close()
    data = bytes(buffer.data().data()) if ok else b""
    return xml_safe_bytes(data) if kind == ".svg" else data


def _image(width: float, height: float, ratio: float, fill: QColor | None = None) -> QImage:
    ratio = max(1.0, min(ratio, MAX_SIDE / max(width, height)))
    image = QImage(
        QSize(round(width * ratio), round(height * ratio)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent if fill is None else fill)
    return image


def _paint(device: QPaintDevice, draw: Callable[[QPainter], None]) -> bool:
    painter = QPainter()
    if not painter.begin(device):
        return False
    try:
        draw(painter)
    finally:
        painter.end()
    return True


def _write_svg(
    out: QBuffer, draw: Callable[[QPainter], None], width: float, height: float, title: str
) -> bool:
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setOutputDevice(out)
    generator.setSize(QSize(round(width), round(height)))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setTitle(title or "Stakeholder map")
    generator.setDescription("Exported from Rapport")
    return _paint(generator, draw)


def _write_pdf(
    out: QBuffer, draw: Callable[[QPainter], None], width: float, height: float, title: str
) -> bool:
    writer = QPdfWriter(out)
    writer.setTitle(title or "Stakeholder map")
    writer.setCreator("Rapport")
    writer.setResolution(72)  # one point per map pixel: the page is sized to the map
    size = QPageSize(
        QSizeF(width, height), QPageSize.Unit.Point, "Map", QPageSize.SizeMatchPolicy.ExactMatch
    )
    writer.setPageLayout(
        QPageLayout(
            size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point
        )
    )
    ok = _paint(writer, draw)
    del writer  # the PDF is finished (its trailer written) when the writer goes
    return ok


def _paint_title(
    painter: QPainter, style: MapStyle, title: str, subtitle: str, width: float
) -> None:
    painter.setPen(style.text)
    painter.setFont(style.font("header"))
    painter.drawText(
        QRectF(PAD, 8, width - 2 * PAD, 22),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        title,
    )
    if subtitle:
        painter.setPen(style.subtext)
        painter.setFont(style.font("title"))
        painter.drawText(
            QRectF(PAD, 29, width - 2 * PAD, 16),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            subtitle,
        )


def ensure_application() -> QApplication:
    """The running QApplication, or a new one (offscreen when there is no display)."""
    app = QApplication.instance()
    if app is not None:
        if not isinstance(app, QApplication):
            raise ExportError("drawing the map needs a QApplication, not a bare QGuiApplication")
        return app
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    collect_garbage_on_gui_thread(app)
    return app


def build_account_scene(
    ws: Workspace,
    account_id: int,
    view: str = "org",
    *,
    team: bool = True,
    dark: bool = False,
    today: dt.date | None = None,
) -> tuple[MapScene, str]:
    """An account's map laid out for ``view`` (synchronously), and the account's name."""
    if view not in VIEWS:
        raise ExportError(f"unknown map view {view!r} (views: {', '.join(VIEWS)})")
    data = load_map_data(ws, account_id, today)
    scene = MapScene(style_for(dark=dark))
    scene.team_links_shown = team
    scene.influence_shown = True  # a picture has no focused card: every link, faintly
    scene.set_view_name(view)
    scene.set_data(data)
    scene.set_filter(MapFilter(hide_team=not team))
    request = LayoutRequest(view, data, scene.sizes(), ws.positions(account_id, view), team)
    result = compute_layout(request)
    scene.place(result.positions)
    scene.set_grid(result.grid)
    return scene, data.account_name


def render_account_map(
    ws: Workspace,
    account_id: int,
    path: str | Path,
    view: str = "org",
    *,
    team: bool = True,
    dark: bool = False,
    zoom: float = 1.0,
    today: dt.date | None = None,
) -> Path:
    """Draw one account's map to ``path`` (.png, .svg or .pdf) without a window."""
    path = Path(path)
    data = account_map_bytes(
        ws, account_id, _format(path), view, team=team, dark=dark, zoom=zoom, today=today
    )
    with atomic_open(path, "wb", what="the map") as stream:
        stream.write(data)
    return path


def account_map_bytes(
    ws: Workspace,
    account_id: int,
    kind: str,
    view: str = "org",
    *,
    team: bool = True,
    dark: bool = False,
    zoom: float = 1.0,
    today: dt.date | None = None,
) -> bytes:
    """One account's map as the bytes of a ``kind`` (".png", ".svg", ".pdf") file."""
    ensure_application()
    scene, name = build_account_scene(ws, account_id, view, team=team, dark=dark, today=today)
    day = (today or ws.today()).isoformat()
    return scene_bytes(
        scene,
        scene.content_rect(),
        kind,
        zoom=zoom,
        title=f"{name} · {VIEWS[view]}",
        subtitle=f"Stakeholder map as of {day}",
        team=team,
    )
