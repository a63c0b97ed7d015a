"""File > Export Map and Copy Map draw the whole map of the view on show, the same picture
whatever the zoom, the scroll, the selection or a departure highlight."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from desktop.map.map_export import default_file_name, last_folder, remember_folder
from desktop.map.map_widget import MapWidget
from graph.workspace import Workspace
from tests.desktop.map.conftest import open_map


@pytest.fixture
def widget(qtbot, map_ws: Workspace, ids: dict[str, int]) -> MapWidget:
    return open_map(qtbot, map_ws, ids["account"], (1000, 700))


def _pixels(path: Path) -> bytes:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_ARGB32)
    return bytes(image.constBits())


def test_default_name_says_account_and_view() -> None:
    assert default_file_name("Cobalt Ridge", "org") == "Cobalt Ridge - Org chart.png"
    assert default_file_name("A/B: Co", "power_interest", ".pdf") == "A-B- Co - Power-interest.pdf"
    assert default_file_name("  ", "network") == "Network.png"


def test_last_folder_is_remembered_while_it_exists(tmp_path: Path) -> None:
    fallback = tmp_path / "fallback"
    assert last_folder(fallback) == fallback
    chosen = tmp_path / "slides"
    chosen.mkdir()
    remember_folder(chosen)
    assert last_folder(fallback) == chosen
    chosen.rmdir()
    assert last_folder(fallback) == fallback


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_export_is_the_same_at_any_zoom_scroll_or_selection(
    widget: MapWidget, ids: dict[str, int], tmp_path: Path, suffix: str
) -> None:
    widget.view.fit()
    first = widget.export_map(tmp_path / f"fit{suffix}")
    outputs = []
    for n, (zoom, scroll) in enumerate([(0.3, (0, 0)), (1.0, (400, 200)), (2.5, (-300, 900))]):
        widget.view.set_zoom(zoom)
        widget.view.horizontalScrollBar().setValue(scroll[0])
        widget.view.verticalScrollBar().setValue(scroll[1])
        if n == 1:
            widget.selection.set_nodes([f"p{ids['carla']}"])
        if n == 2:
            widget.show_departure(f"p{ids['carla']}")
        outputs.append(widget.export_map(tmp_path / f"at{n}{suffix}"))
    for path in outputs:
        if suffix == ".png":
            assert _pixels(path) == _pixels(first), path.name
        else:
            assert path.read_bytes() == first.read_bytes(), path.name


def test_export_shows_every_card_with_title_and_print_resolution(
    widget: MapWidget, tmp_path: Path
) -> None:
    widget.view.set_zoom(2.5)  # only a part of the map on screen
    path = widget.export_map(tmp_path / "map.svg")
    text = path.read_text(encoding="utf-8")
    for card in widget.scene.data.cards.values():
        assert card.name in text
    assert "Globex · Org chart" in text and "Stakeholder map as of 2026-11-22" in text
    png = QImage(str(widget.export_map(tmp_path / "map.png")))
    rect = widget.scene.content_rect()
    assert png.width() >= 2.9 * rect.width()  # three pixels per map unit


def test_copy_map_puts_the_whole_map_on_the_clipboard(widget: MapWidget, tmp_path: Path) -> None:
    widget.view.set_zoom(2.5)
    widget.copy_map()
    copied = QApplication.clipboard().image()
    saved = QImage(str(widget.export_map(tmp_path / "map.png")))
    assert not copied.isNull()
    assert (copied.width(), copied.height()) == (saved.width(), saved.height())


def test_the_legend_explains_every_mark_a_card_carries(widget: MapWidget, tmp_path: Path) -> None:
    text = widget.export_map(tmp_path / "map.svg").read_text(encoding="utf-8")
    for words in (
        "Contact overdue",  # the red "!" badge
        "Influence 1-5",  # the dots
        "Role in the deal",  # the role chip
        "Left the company",  # faded cards
        "Act now: overdue exec, unowned detractor",  # risk tags
        "Watch: single thread, level uncovered",
        "Our owner (initials)",
        "Zoomed out: cadence",
    ):
        assert words in text, words
    assert "size = influence" not in text


def test_a_folded_team_stays_folded_in_the_picture(
    widget: MapWidget, ids: dict[str, int], tmp_path: Path
) -> None:
    widget.toggle_team(f"p{ids['tomas']}")
    widget.wait_for_layout()
    text = widget.export_map(tmp_path / "map.svg").read_text(encoding="utf-8")
    assert "Tomas Berg" in text and "+3" in text
    for hidden in ("Victor Hale", "Olga Petrova", "Ethan Cole"):
        assert hidden not in text
