"""The map slide shows as many of the account's most important people as it can with names
readable projected or printed (a big account's among its key people), measured on the picture
drawn, fitted into the slide's room; the whole map (a big account's key people) follows in an
appendix exactly when that leaves people out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image

from desktop.map.map_data import LinkData, MapData
from desktop.qbr_export.deck_map import (
    LEGEND_ROOM_PT,
    LITTLE_GAIN,
    MIN_NAME_PT,
    MIN_SLIDE_PEOPLE,
    ROOM_PT,
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
    """The names' points on the map slide: the internal edition's picture is drawn without
    the legend and shown beside it, in the rest of the room."""
    ws = Workspace.create(path.with_suffix(".rapport"), today=lambda: TODAY)
    try:
        draw_deck_map(
            ws,
            1,
            path,
            keep=keep,
            neutral=not internal,
            full=big,
            positions={},
            slide_legend=internal,
        )
    finally:
        ws.close()
    with Image.open(path) as image:
        width, height = image.size
    room = LEGEND_ROOM_PT if internal else ROOM_PT
    return name_points((width / 2, height / 2), room)  # drawn at twice the map's pixels


def _chain(people: int, reports: int = 0, *, under: int = 1) -> MapData:
    """An account whose first ``people`` report one to the next (a chart as tall as they
    are many, the names small) and ``reports`` more report to the ``under``-th of them."""
    data = big_map_data(people + reports)
    data.links = {k: link for k, link in data.links.items() if link.kind != "reports_to"}
    for i in range(2, people + reports + 1):
        manager = i - 1 if i <= people else under
        data.links[f"chain{i}"] = LinkData(f"chain{i}", f"p{i}", f"p{manager}", "reports_to")
    return data


def test_the_customer_slide_shows_the_most_important_people_with_readable_names(
    qtbot, big: MapData, tmp_path: Path
) -> None:
    shown = slide_keep(big, KEY, neutral=True)
    assert MIN_SLIDE_PEOPLE <= len(shown) < len(KEY)
    assert shown == KEY[: len(shown)]  # the most important first
    assert _drawn_name_points(big, shown, False, tmp_path / "cut.png") >= MIN_NAME_PT - 0.2
    # all 30 would print their names small
    assert _drawn_name_points(big, KEY, False, tmp_path / "all.png") < MIN_NAME_PT - 1


def test_the_internal_slide_shows_the_most_important_people_with_readable_names_too(
    qtbot, big: MapData, tmp_path: Path
) -> None:
    """Our team's row over the chart and the legend on the slide beside the picture: the
    most important people whose names print at 9 pt, one more would print them smaller."""
    shown = slide_keep(big, KEY, neutral=False)
    assert MIN_SLIDE_PEOPLE <= len(shown) < len(KEY)
    assert shown == KEY[: len(shown)]
    cut = _drawn_name_points(big, shown, True, tmp_path / "cut.png")
    more = _drawn_name_points(big, KEY[: len(shown) + 1], True, tmp_path / "more.png")
    assert cut >= MIN_NAME_PT and more < MIN_NAME_PT, (cut, more)
    # all 30 would print their names at half that
    assert _drawn_name_points(big, KEY, True, tmp_path / "all.png") < MIN_NAME_PT - 3


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
    assert _names_points(small, _order(10), False) >= MIN_NAME_PT  # the internal edition too
    assert slide_cut(small, _order(10), big=False, neutral=False) == SlideCut(None, False, None)
    # the floor: however small the names, the slide shows at least MIN_SLIDE_PEOPLE
    few = _chain(MIN_SLIDE_PEOPLE)
    for neutral in (True, False):
        assert _names_points(few, _order(MIN_SLIDE_PEOPLE), neutral) < MIN_NAME_PT
        cut = slide_cut(few, _order(MIN_SLIDE_PEOPLE), big=False, neutral=neutral)
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
    """The floor: ``MIN_SLIDE_PEOPLE`` people, whatever their names print at (a chart as
    deep as they are many); one person more than that is no reason for an appendix when the
    names would grow by less than a tenth."""
    for reports in (1, 2):
        data = _chain(MIN_SLIDE_PEOPLE, reports)
        order = _order(MIN_SLIDE_PEOPLE + reports)
        cut_pt = _names_points(data, order[:MIN_SLIDE_PEOPLE], False)
        assert cut_pt < MIN_NAME_PT
        assert _names_points(data, order, False) >= LITTLE_GAIN * cut_pt
        assert slide_cut(data, order, big=False, neutral=False).appendix is False
    # 14 more under the last of them: a taller chart, the names far smaller
    data = _chain(MIN_SLIDE_PEOPLE, 14, under=MIN_SLIDE_PEOPLE)
    order = _order(MIN_SLIDE_PEOPLE + 14)
    assert _names_points(data, order, False) < LITTLE_GAIN * _names_points(
        data, order[:MIN_SLIDE_PEOPLE], False
    )
    cut = slide_cut(data, order, big=False, neutral=False)
    assert cut.appendix and cut.main == _order(MIN_SLIDE_PEOPLE)


def test_the_internal_slide_keeps_as_many_as_the_customers_nearly() -> None:
    """The legend beside the picture: the internal map slide of a 22-person account shows
    more than the floor, as the customer's does (our team's row takes a little room)."""
    data, order = big_map_data(22), _order(22)
    internal = slide_cut(data, order, big=False, neutral=False)
    customer = slide_cut(data, order, big=False, neutral=True)
    assert internal.main is not None and customer.main is not None
    assert MIN_SLIDE_PEOPLE < len(internal.main) <= len(customer.main)
    assert _names_points(data, internal.main, False) >= MIN_NAME_PT


def test_a_big_accounts_appendix_is_its_key_people(big: MapData) -> None:
    for neutral in (True, False):
        cut = slide_cut(big, KEY, big=True, neutral=neutral)
        assert cut.appendix and cut.everyone == KEY  # never the 2,000
        assert cut.main is not None and cut.main == KEY[: len(cut.main)]
    few = KEY[:MIN_SLIDE_PEOPLE]
    assert slide_cut(big, few, big=True, neutral=True) == SlideCut(few, False, few)
