"""Snap a layout to a lattice of rows and columns, leaving lanes between them for links.

Thousands of links among thousands of cards cannot each search a way around the cards. A
lattice gives them lanes that no card sits in: every card takes one cell (one card wide and
tall, plus a lane), the nearest free cell to where the force layout put it, so neighbours stay
neighbours. The lanes run between every two rows and every two columns.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)
Position = tuple[float, float]
Size = tuple[float, float]

LANE = 48.0  # room between two rows or columns of cards: links run down its middle
FILL = 0.8  # share of the lattice's cells taken by cards; the rest leaves the shape some give


@dataclass(frozen=True)
class Lattice:
    """Cell (column, row) is centred on (column * pitch_x, row * pitch_y)."""

    pitch_x: float
    pitch_y: float

    def centre(self, column: int, row: int) -> Position:
        return column * self.pitch_x, row * self.pitch_y

    def cell(self, at: Position) -> tuple[int, int]:
        return round(at[0] / self.pitch_x), round(at[1] / self.pitch_y)


def lattice_for(sizes: Iterable[Size], lane: float = LANE) -> Lattice:
    """A lattice whose cells hold the biggest card with a lane on each side."""
    width = height = 0.0
    for w, h in sizes:
        width, height = max(width, w), max(height, h)
    return Lattice(width + lane, height + lane)


def snap_to_lattice(
    positions: Mapping[Node, Position],
    lattice: Lattice,
    *,
    fill: float = FILL,
    taken: Iterable[tuple[int, int]] = (),
) -> dict[Node, Position]:
    """Each node in the free cell nearest its place, the layout scaled so its cards fill about
    ``fill`` of the cells its outline covers; nodes nearer the middle choose first, so the
    core stays compact. ``taken`` cells are left alone (cards the user placed)."""
    nodes = list(positions)
    if not nodes:
        return {}
    xs = [positions[v][0] for v in nodes]
    ys = [positions[v][1] for v in nodes]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    width = max(max(xs) - min(xs), lattice.pitch_x)
    height = max(max(ys) - min(ys), lattice.pitch_y)
    cells_wanted = len(nodes) / fill
    scale = math.sqrt(cells_wanted * lattice.pitch_x * lattice.pitch_y / (width * height))
    wanted = {
        v: ((x - cx) * scale / lattice.pitch_x, (y - cy) * scale / lattice.pitch_y)
        for v, x, y in zip(nodes, xs, ys, strict=True)
    }
    order = sorted(nodes, key=lambda v: (wanted[v][0] ** 2 + wanted[v][1] ** 2, str(v)))
    used = set(taken)
    out: dict[Node, Position] = {}
    for v in order:
        cell = _nearest_free(wanted[v], used)
        used.add(cell)
        out[v] = lattice.centre(*cell)
    return out


def _nearest_free(at: Position, used: set[tuple[int, int]]) -> tuple[int, int]:
    """The free cell nearest ``at``: the best of the first ring of cells around it that has a
    free one, and of the ring after (a cell of that ring may lie nearer)."""
    ci, cj = round(at[0]), round(at[1])
    if (ci, cj) not in used:
        return ci, cj
    best: tuple[float, tuple[int, int]] | None = None
    radius = 1
    last = None
    while last is None or radius <= last:
        for cell in _ring(ci, cj, radius):
            if cell not in used:
                d = (cell[0] - at[0]) ** 2 + (cell[1] - at[1]) ** 2
                if best is None or d < best[0]:
                    best = (d, cell)
        if best is not None and last is None:
            last = radius + 1
        radius += 1
    assert best is not None
    return best[1]


def _ring(ci: int, cj: int, radius: int) -> Iterable[tuple[int, int]]:
    for i in range(ci - radius, ci + radius + 1):
        yield i, cj - radius
        yield i, cj + radius
    for j in range(cj - radius + 1, cj + radius):
        yield ci - radius, j
        yield ci + radius, j
