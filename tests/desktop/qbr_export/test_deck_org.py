"""The deck's org chart: a wide account reads on a 16:9 slide (no Qt: plain geometry)."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from desktop.map.map_data import CardData, LinkData, MapData
from desktop.qbr_export.deck_map import (
    SLIDE_ASPECT,
    extent,
    fill_room,
    picture_size,
    slide_org_layout,
    slide_scale,
)
from graph.layout import org_chart_layout

CARD = (210.0, 73.0)
# Tidewater's shape: two heads, managers with teams of individual contributors, two loose people
TEAMS = {
    "cto": ["vp", "ciso", "data"],
    "vp": ["plat", "sre", "finops"],
    "plat": ["p1", "p2"],
    "sre": ["s1", "s2", "s3", "s4"],
    "finops": ["f1"],
    "ciso": ["sec1"],
    "cro": ["fraud", "risk", "compliance"],
    "fraud": ["fr1", "fr2"],
    "compliance": ["c1"],
}
LOOSE = ["m1", "m2"]


def _chart() -> nx.DiGraph:
    chart = nx.DiGraph()
    chart.add_nodes_from(["cto", "cro"])
    for boss, team in TEAMS.items():
        for report in team:
            chart.add_edge(report, boss)
    chart.add_nodes_from(LOOSE)
    return chart


def _overlaps(positions: dict[str, tuple[float, float]]) -> list[tuple[str, str]]:
    w, h = CARD
    return [
        (a, b)
        for (a, (ax, ay)), (b, (bx, by)) in itertools.combinations(positions.items(), 2)
        if abs(ax - bx) < w and abs(ay - by) < h
    ]


@pytest.mark.parametrize("aspect", [2.4, 1.7, 1.2])
def test_the_chart_shaped_for_a_slide_places_everyone_once_without_overlap(aspect: float) -> None:
    chart = _chart()
    sizes = dict.fromkeys(chart, CARD)
    placed = org_chart_layout(chart, sizes, aspect=aspect)
    assert set(placed) == set(chart)
    assert _overlaps(placed) == []
    for report, boss in chart.edges():
        assert placed[report][1] > placed[boss][1] + CARD[1], (report, boss)


def test_a_narrower_room_gets_a_chart_no_wider() -> None:
    chart = _chart()
    sizes = dict.fromkeys(chart, CARD)
    widths = [extent(org_chart_layout(chart, sizes, aspect=a), sizes)[0] for a in (4.0, 2.4, 1.0)]
    assert widths == sorted(widths, reverse=True)
    assert widths[-1] < widths[0]  # the shape really follows the room


def test_a_wide_org_chart_reads_larger_on_a_slide_than_the_classic_chart() -> None:
    chart = _chart()
    sizes = dict.fromkeys(chart, CARD)
    classic = org_chart_layout(chart, sizes=sizes, compact=False)
    data = MapData(
        1,
        "Tidewater",
        {k: CardData(k, "person", k) for k in chart},
        {f"r{i}": LinkData(f"r{i}", a, b, "reports_to") for i, (a, b) in enumerate(chart.edges)},
    )
    chosen, beside = slide_org_layout(data, sizes, classic, team=False, legend=False)
    assert not beside
    classic_scale = slide_scale(picture_size(extent(classic, sizes), "none"))
    scale = slide_scale(picture_size(extent(chosen, sizes), "none"))
    assert scale > 1.2 * classic_scale, (scale, classic_scale)
    assert _overlaps(chosen) == []


def test_the_legend_goes_beside_the_map_unless_it_is_a_thin_strip() -> None:
    chart, strip = (2400.0, 700.0), (4000.0, 300.0)
    for cards, best in ((chart, "beside"), (strip, "below")):
        other = "below" if best == "beside" else "beside"
        assert slide_scale(picture_size(cards, best)) > slide_scale(picture_size(cards, other))
    # the room a slide gives the map is wider than 16:9 (its title and caption above it)
    assert SLIDE_ASPECT > 16 / 9


@pytest.mark.parametrize("legend", ["none", "beside", "below"])
def test_the_chart_spreads_out_to_fill_the_slides_room(legend: str) -> None:
    """A chart narrower than the room (Kestrel's: a tall stacked team) leaves no white on the
    slide's sides: its gaps widen until the picture has the room's shape; one flatter than the
    room spreads down. Cards keep their size and order, managers stay over their reports."""
    chart = _chart()
    sizes = dict.fromkeys(chart, CARD)
    for aspect in (1.0, 6.0):  # a tall chart, then a flat one
        placed = org_chart_layout(chart, sizes, aspect=aspect)
        before = picture_size(extent(placed, sizes), legend)
        filled = fill_room(placed, sizes, legend)
        after = picture_size(extent(filled, sizes), legend)
        assert set(filled) == set(placed)
        assert _overlaps(filled) == []
        if abs(before[0] / before[1] - SLIDE_ASPECT) > 0.3:
            grown = [
                a / b for a, b in zip(extent(filled, sizes), extent(placed, sizes), strict=True)
            ]
            assert (
                abs(after[0] / after[1] - SLIDE_ASPECT) < 0.05 * SLIDE_ASPECT
                or max(grown) >= 1.79  # the most it spreads
                or slide_scale(after) < 0.985 * slide_scale(before)  # as far as it may
            ), (aspect, before, after)
        # the order across and down is kept, and the cards never shrink on the slide
        for a, b in itertools.combinations(placed, 2):
            for axis in (0, 1):
                if placed[a][axis] < placed[b][axis] - 1e-6:
                    assert filled[a][axis] < filled[b][axis], (a, b)
        # (a wider picture has a taller title: a hair smaller at most)
        assert slide_scale(after) >= slide_scale(before) * 0.98
        for boss in TEAMS:  # a manager stays centred over their direct reports (as laid out)
            team = [filled[r][0] for r in TEAMS[boss]]
            was = [placed[r][0] for r in TEAMS[boss]]
            if abs((min(was) + max(was)) / 2 - placed[boss][0]) < 1e-6:
                assert abs((min(team) + max(team)) / 2 - filled[boss][0]) < 1e-6


def test_a_chart_already_shaped_for_the_room_is_left_as_it_is() -> None:
    sizes = {"a": CARD, "b": CARD}
    width = SLIDE_ASPECT * (CARD[1] + 80 + 50) - 80
    placed = {"a": (0.0, 0.0), "b": (width - CARD[0], 0.0)}
    assert fill_room(placed, sizes, "none") == placed
