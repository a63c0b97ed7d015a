"""Tests for graph.lattice_layout: a layout snapped to a lattice keeps its shape and leaves
lanes between every two rows and columns of cards."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.lattice_layout import LANE, lattice_for, snap_to_lattice
from graph.layout import force_layout

SIZES = [(170.0, 61.0), (210.0, 73.0), (190.0, 67.0)]


def test_the_cells_hold_the_biggest_card_and_a_lane() -> None:
    lattice = lattice_for(SIZES)
    assert (lattice.pitch_x, lattice.pitch_y) == (210.0 + LANE, 73.0 + LANE)
    assert lattice.centre(2, -1) == (2 * lattice.pitch_x, -lattice.pitch_y)
    assert lattice.cell((2 * lattice.pitch_x + 30, -lattice.pitch_y - 20)) == (2, -1)


def test_every_card_takes_a_cell_of_its_own_with_lanes_around() -> None:
    graph = nx.barabasi_albert_graph(300, 2, seed=4)
    sizes = {n: SIZES[n % 3] for n in graph}
    lattice = lattice_for(sizes.values())
    placed = snap_to_lattice(force_layout(graph, sizes, seed=0), lattice)
    cells = [lattice.cell(p) for p in placed.values()]
    assert len(set(cells)) == len(placed) == 300
    assert all(placed[n] == lattice.centre(*lattice.cell(placed[n])) for n in placed)
    # any two cards are a lane apart, across or down
    rects = [
        (x - sizes[n][0] / 2, y - sizes[n][1] / 2, x + sizes[n][0] / 2, y + sizes[n][1] / 2)
        for n, (x, y) in placed.items()
    ]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            apart_x = max(b[0] - a[2], a[0] - b[2])
            apart_y = max(b[1] - a[3], a[1] - b[3])
            assert max(apart_x, apart_y) >= LANE - 1e-9


def test_neighbours_stay_neighbours() -> None:
    """A chain laid out left to right keeps its order and stays about as long as wide."""
    positions = {i: (i * 500.0, (i % 2) * 40.0) for i in range(12)}
    lattice = lattice_for([(200.0, 70.0)])
    placed = snap_to_lattice(positions, lattice, fill=0.8)
    xs = [placed[i][0] for i in range(12)]
    assert xs == sorted(xs)
    assert len({lattice.cell(p)[1] for p in placed.values()}) <= 4


def test_cells_taken_by_cards_placed_by_hand_are_left_alone() -> None:
    lattice = lattice_for([(200.0, 70.0)])
    positions = {"a": (0.0, 0.0), "b": (10.0, 0.0), "c": (20.0, 0.0)}
    placed = snap_to_lattice(positions, lattice, taken={(0, 0)})
    assert (0, 0) not in {lattice.cell(p) for p in placed.values()}
    assert len({lattice.cell(p) for p in placed.values()}) == 3


@pytest.mark.parametrize("fill", [0.5, 0.8])
def test_the_lattice_is_about_as_full_as_asked(fill: float) -> None:
    graph = nx.grid_2d_graph(15, 15)
    sizes = {n: (180.0, 64.0) for n in graph}
    lattice = lattice_for(sizes.values())
    placed = snap_to_lattice(force_layout(graph, sizes, seed=0), lattice, fill=fill)
    cells = [lattice.cell(p) for p in placed.values()]
    columns = max(c for c, _ in cells) - min(c for c, _ in cells) + 1
    rows = max(r for _, r in cells) - min(r for _, r in cells) + 1
    assert len(cells) / (columns * rows) == pytest.approx(fill, abs=0.25)
