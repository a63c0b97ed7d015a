"""A big account's map on the slide shows as many of its key people as it can with names
readable projected or printed: measured on the picture drawn, fitted into the slide's room."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image

from desktop.map.map_data import MapData
from desktop.qbr_export.deck_map import (
    MIN_NAME_PT,
    MIN_SLIDE_PEOPLE,
    draw_deck_map,
    name_points,
    slide_keep,
)
from graph.workspace import Workspace
from tests.desktop.map.big_account import big_map_data

TODAY = dt.date(2026, 11, 22)
KEY = tuple(range(1, 31))  # the 30 people who matter most, most important first


@pytest.fixture(scope="module")
def big() -> MapData:
    return big_map_data(2000)


def _drawn_name_points(big: MapData, keep: tuple[int, ...], internal: bool, path: Path) -> float:
    ws = Workspace.create(path.with_suffix(".rapport"), today=lambda: TODAY)
    try:
        draw_deck_map(ws, 1, path, keep=keep, neutral=not internal, full=big, positions={})
    finally:
        ws.close()
    with Image.open(path) as image:
        width, height = image.size
    return name_points((width / 2, height / 2))  # drawn at twice the map's pixels


def test_the_customer_slide_shows_the_most_important_people_with_readable_names(
    qtbot, big: MapData, tmp_path: Path
) -> None:
    shown = slide_keep(big, KEY, neutral=True)
    assert MIN_SLIDE_PEOPLE <= len(shown) < len(KEY)
    assert shown == KEY[: len(shown)]  # the most important first
    assert _drawn_name_points(big, shown, False, tmp_path / "cut.png") >= MIN_NAME_PT - 0.2
    # all 30 would print their names small
    assert _drawn_name_points(big, KEY, False, tmp_path / "all.png") < MIN_NAME_PT - 1


def test_the_internal_slide_cuts_to_the_people_it_can_show_largest(
    qtbot, big: MapData, tmp_path: Path
) -> None:
    """With our team's row and the legend beside, the names of 30 people print at 4 pt; the
    cut shows them larger (as far as ``MIN_SLIDE_PEOPLE`` allows)."""
    shown = slide_keep(big, KEY, neutral=False)
    assert len(shown) >= MIN_SLIDE_PEOPLE
    cut = _drawn_name_points(big, shown, True, tmp_path / "cut.png")
    whole = _drawn_name_points(big, KEY, True, tmp_path / "all.png")
    assert cut > 1.4 * whole, (cut, whole)


def test_other_views_and_small_accounts_keep_everyone(big: MapData) -> None:
    assert slide_keep(big, KEY, neutral=True, view="network") == KEY
    assert slide_keep(big, KEY[:MIN_SLIDE_PEOPLE], neutral=False) == KEY[:MIN_SLIDE_PEOPLE]
