"""The map slide shows as many of the account's most important people as it can with names
readable projected or printed (a big account's among its key people), measured on the picture
drawn, fitted into the slide's room; the whole map (a big account's key people) follows in an
appendix exactly when that leaves people out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image

from desktop.map.map_data import MapData
from desktop.qbr_export.deck_map import (
    LITTLE_GAIN,
    MIN_NAME_PT,
    MIN_SLIDE_PEOPLE,
    SlideCut,
    _names_points,
    draw_deck_map,
    name_points,
    slide_cut,
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


# --- every account: the map slide's cut and the appendix -------------------------------------


def _order(people: int) -> tuple[int, ...]:
    return tuple(range(1, people + 1))


def test_an_account_whose_whole_map_reads_has_one_slide() -> None:
    small = big_map_data(10)
    assert _names_points(small, _order(10), True) >= MIN_NAME_PT
    assert slide_cut(small, _order(10), big=False, neutral=True) == SlideCut(None, False, None)
    # the floor: however small the names, the slide shows at least MIN_SLIDE_PEOPLE
    few = big_map_data(MIN_SLIDE_PEOPLE)
    assert _names_points(few, _order(MIN_SLIDE_PEOPLE), False) < MIN_NAME_PT
    cut = slide_cut(few, _order(MIN_SLIDE_PEOPLE), big=False, neutral=False)
    assert cut == SlideCut(None, False, None)


def test_a_customer_map_too_small_to_read_is_cut_at_the_floor_and_appended_whole(
    qtbot, tmp_path: Path
) -> None:
    """22 people (the sample accounts' size): the map slide shows the most important that
    print their names at 9 pt, one more would print them smaller; the whole map follows."""
    data, order = big_map_data(22), _order(22)
    cut = slide_cut(data, order, big=False, neutral=True)
    assert cut.appendix and cut.everyone is None  # the appendix: the whole map
    assert cut.main is not None and MIN_SLIDE_PEOPLE <= len(cut.main) < len(order)
    assert cut.main == order[: len(cut.main)]
    shown = _drawn_name_points(data, cut.main, False, tmp_path / "cut.png")
    more = _drawn_name_points(data, order[: len(cut.main) + 1], False, tmp_path / "more.png")
    assert shown >= MIN_NAME_PT - 0.2 and more < MIN_NAME_PT, (shown, more)
    assert _drawn_name_points(data, order, False, tmp_path / "all.png") < MIN_NAME_PT


def test_an_internal_cut_that_hardly_helps_is_not_made() -> None:
    """The internal edition's floor: ``MIN_SLIDE_PEOPLE`` people, whatever their names print
    at; one person more than that is no reason for an appendix when the names would grow by
    less than a tenth."""
    for people in (9, 10):
        data, order = big_map_data(people), _order(people)
        cut_pt = _names_points(data, order[:MIN_SLIDE_PEOPLE], False)
        assert _names_points(data, order, False) >= LITTLE_GAIN * cut_pt
        assert slide_cut(data, order, big=False, neutral=False).appendix is False
    data = big_map_data(22)
    cut = slide_cut(data, _order(22), big=False, neutral=False)
    assert cut.appendix and cut.main == _order(MIN_SLIDE_PEOPLE)


def test_a_big_accounts_appendix_is_its_key_people(big: MapData) -> None:
    for neutral in (True, False):
        cut = slide_cut(big, KEY, big=True, neutral=neutral)
        assert cut.appendix and cut.everyone == KEY  # never the 2,000
        assert cut.main is not None and cut.main == KEY[: len(cut.main)]
    few = KEY[:MIN_SLIDE_PEOPLE]
    assert slide_cut(big, few, big=True, neutral=True) == SlideCut(few, False, few)
