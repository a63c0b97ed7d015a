"""What File > Export Map and Copy Map mean: the whole map of the view on show, as it would
print, whatever the zoom, the scroll, the selection or the hover of the moment.

The picture is drawn from a fresh scene built from the shown scene's data, filter, card places
and grid, in the light print style: nothing the user happens to be doing on screen (a
selection halo, a departure highlight, a hovered card's links) leaks into a slide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from desktop.map.layout_worker import VIEWS, GridGeometry
from desktop.map.render import export_scene, scene_image
from desktop.map.scene import MapScene
from desktop.map.styles import style_for

FOLDER_KEY = "map/export_folder"
PRINT_RATIO = 3.0  # pixels per map unit in a PNG: crisp on a slide and on paper
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class MapPicture:
    """What a map picture says about itself."""

    account: str
    view: str  # a key of VIEWS
    day: str  # ISO date the map is as of

    @property
    def title(self) -> str:
        return f"{self.account} · {VIEWS[self.view]}" if self.account else VIEWS[self.view]

    @property
    def subtitle(self) -> str:
        return f"Stakeholder map as of {self.day}"


def default_file_name(account: str, view: str, suffix: str = ".png") -> str:
    """``Cobalt Ridge Health - Org chart.png``: the account and the view, safe on any disk."""
    label = VIEWS.get(view, view).replace(" / ", "-")
    stem = f"{account.strip()} - {label}" if account.strip() else label
    stem = _UNSAFE.sub("-", stem).strip(" .") or "Map"
    return f"{stem}{suffix}"


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Rapport", "Rapport")


def last_folder(fallback: Path) -> Path:
    """The folder the last map went to, while it still exists, else ``fallback``."""
    value = _settings().value(FOLDER_KEY, "")
    folder = Path(str(value)) if value else None
    return folder if folder is not None and folder.is_dir() else fallback


def remember_folder(folder: Path) -> None:
    _settings().setValue(FOLDER_KEY, str(folder))


def print_scene(shown: MapScene, grid: GridGeometry | None) -> MapScene:
    """A copy of ``shown`` for a picture: same data, filter, places and grid, print style,
    nothing selected or hovered."""
    shown.stop_animation()  # the places the cards are going to, not where they glide now
    scene = MapScene(style_for(dark=False))
    scene.animate = False
    scene.team_links_shown = not shown.filter.hide_team
    scene.influence_shown = shown.influence_shown
    scene.set_view_name(shown.view_name)
    scene.set_data(shown.data, shown.positions())
    # folded teams stay folded ("+N"): their hidden people have no place on this chart
    scene.set_folding(shown.collapsed, shown.folded, shown.team_size)
    scene.set_filter(shown.filter)
    scene.set_grid(grid)
    return scene


def write_map(shown: MapScene, grid: GridGeometry | None, about: MapPicture, path: Path) -> Path:
    """Write the whole map to ``path`` (.png, .svg or .pdf) with title, date and legend."""
    scene = print_scene(shown, grid)
    try:
        return export_scene(
            scene,
            scene.content_rect(),
            Path(path),
            title=about.title,
            subtitle=about.subtitle,
            legend=True,
            team=not shown.filter.hide_team,
            pixel_ratio=PRINT_RATIO,
        )
    finally:
        scene.deleteLater()


def map_image(shown: MapScene, grid: GridGeometry | None, about: MapPicture) -> QImage:
    """The whole map as an image, as ``write_map`` would save it as a PNG."""
    scene = print_scene(shown, grid)
    try:
        return scene_image(
            scene,
            scene.content_rect(),
            title=about.title,
            subtitle=about.subtitle,
            legend=True,
            team=not shown.filter.hide_team,
            pixel_ratio=PRINT_RATIO,
        )
    finally:
        scene.deleteLater()
