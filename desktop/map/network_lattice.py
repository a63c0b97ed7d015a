"""A big network on a lattice, so that its links have lanes (no Qt: runs on the layout worker).

Thousands of links cannot each search their way around thousands of cards: the network's cards
are snapped to a lattice (``graph.lattice_layout``), which leaves lanes between all its rows and
columns, and ``desktop.map.link_channels`` sends the links along them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from desktop.map.link_routes import ROUTE_LIMIT
from graph.lattice_layout import lattice_for, snap_to_lattice

Point = tuple[float, float]
Size = tuple[float, float]

# Networks with more cards than the links can search their way around sit on a lattice.
LATTICE_ABOVE = ROUTE_LIMIT


def on_lattice(
    positions: Mapping[str, Point],
    idle: list[str],
    sizes: Mapping[str, Size],
    pinned: Mapping[str, Point],
) -> dict[str, Point]:
    """The force layout's cards each in the nearest free cell of a lattice (cards the user
    placed stay put and keep the cells they cover), our idle team in a row of cells above."""
    lattice = lattice_for([sizes[n] for n in positions] + [sizes[m] for m in idle])
    taken: set[tuple[int, int]] = set()
    for key, (x, y) in pinned.items():
        w, h = sizes[key]
        reach_x, reach_y = (w + lattice.pitch_x) / 2, (h + lattice.pitch_y) / 2
        for c in range(
            math.ceil((x - reach_x) / lattice.pitch_x),
            1 + math.floor((x + reach_x) / lattice.pitch_x),
        ):
            for r in range(
                math.ceil((y - reach_y) / lattice.pitch_y),
                1 + math.floor((y + reach_y) / lattice.pitch_y),
            ):
                taken.add((c, r))
    free = {k: p for k, p in positions.items() if k not in pinned}
    out: dict[str, Point] = dict(snap_to_lattice(free, lattice, taken=taken))
    out.update(pinned)
    if idle and out:
        cells = [lattice.cell(p) for p in out.values()]
        top = min(r for _, r in cells) - 2
        middle = round(sum(c for c, _ in cells) / len(cells))
        for k, member in enumerate(idle):
            out[member] = lattice.centre(middle - len(idle) // 2 + k, top)
    return out
