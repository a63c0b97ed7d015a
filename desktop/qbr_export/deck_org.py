"""A compact org chart for a slide (no Qt): each manager's reports who manage nobody are
stacked in a column under them instead of spread in one wide row.

The map's own org layout (``graph.layout.org_chart_layout``) puts a team's people side by side,
which reads well on a screen you can pan but makes a 12-wide strip of an account like Tidewater
on a 16:9 slide, where it shrinks to unreadable cards. Here a manager's row holds one column per
few individual contributors and one block per sub-manager, so the chart grows down instead of
across. The map draws a reporting line into a stacked card down a gutter on its left
(``desktop.map.edge_item``), so columns keep a gap wide enough for it.

``chart`` is ``MapData.org_chart()``: an edge report -> manager per reporting line; people with
neither manager nor reports go in a row under the trees (``deck_map.spread_loose`` then spreads
them to the slide's shape).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

Point = tuple[float, float]
Size = tuple[float, float]

COLUMN_GAP = 36.0  # between a team's columns: room for the gutter a reporting line runs down
TREE_GAP = 64.0  # between two trees
ROW_GAP = 56.0  # between a manager and the row of their reports: room for the lines
STACK_GAP = 14.0  # between cards stacked in one column
MAX_STACK = 6  # a team of more individual contributors gets more columns
LOOSE_GAP = 72.0  # between the trees and the people with neither manager nor reports


@dataclass
class _Block:
    """A laid-out subtree: its size and its cards' centres from its top-left corner."""

    width: float
    height: float
    centres: dict[str, Point] = field(default_factory=dict)

    def shifted(self, dx: float, dy: float) -> dict[str, Point]:
        return {k: (x + dx, y + dy) for k, (x, y) in self.centres.items()}


def compact_org_layout(
    chart: nx.DiGraph, sizes: Mapping[str, Size], max_stack: int = MAX_STACK
) -> dict[str, Point]:
    """Card centres of ``chart``'s people (see the module's docstring); a team of more than
    ``max_stack`` individual contributors gets more columns."""
    order = {n: i for i, n in enumerate(chart)}
    reports: dict[str, list[str]] = {n: [] for n in chart}
    manager: dict[str, str] = {}
    for report, boss in chart.edges():
        if report != boss and report not in manager:
            manager[report] = boss
            reports[boss].append(report)
    for team in reports.values():
        team.sort(key=order.__getitem__)
    pitch = max((sizes[n][1] for n in chart), default=0.0)  # every card on one row grid
    seen: set[str] = set()

    def column(people: Sequence[str]) -> _Block:
        width = max(sizes[p][0] for p in people)
        step = pitch + STACK_GAP
        centres = {p: (width / 2, pitch / 2 + i * step) for i, p in enumerate(people)}
        return _Block(width, len(people) * pitch + (len(people) - 1) * STACK_GAP, centres)

    def block(person: str) -> _Block:
        seen.add(person)
        width = sizes[person][0]
        team = [r for r in reports[person] if r not in seen]  # a cycle is broken where met
        if not team:
            return _Block(width, pitch, {person: (width / 2, pitch / 2)})
        solo = [r for r in team if not [x for x in reports[r] if x not in seen]]
        seen.update(solo)
        parts: list[_Block] = []
        if solo:
            columns = -(-len(solo) // max(1, max_stack))
            per = -(-len(solo) // columns)
            parts += [column(solo[i : i + per]) for i in range(0, len(solo), per)]
        parts += [block(r) for r in team if r not in solo]
        row_w = sum(p.width for p in parts) + COLUMN_GAP * (len(parts) - 1)
        total = max(width, row_w)
        centres = {person: (total / 2, pitch / 2)}
        x = (total - row_w) / 2
        for part in parts:
            centres.update(part.shifted(x, pitch + ROW_GAP))
            x += part.width + COLUMN_GAP
        return _Block(total, pitch + ROW_GAP + max(p.height for p in parts), centres)

    heads = [n for n in chart if n not in manager and reports[n]]
    trees = [block(h) for h in heads if reports[h]]
    trees += [block(n) for n in chart if n not in seen and reports[n]]  # cycles
    out: dict[str, Point] = {}
    x = 0.0
    for tree in trees:
        out.update(tree.shifted(x, 0.0))
        x += tree.width + TREE_GAP
    bottom = max((t.height for t in trees), default=-LOOSE_GAP)
    loose = [n for n in chart if n not in out]
    x = 0.0
    for person in loose:
        w = sizes[person][0]
        out[person] = (x + w / 2, bottom + LOOSE_GAP + pitch / 2)
        x += w + COLUMN_GAP
    return out


def team_row(
    members: Sequence[str], sizes: Mapping[str, Size], people: Mapping[str, Point], gap: float
) -> dict[str, Point]:
    """Our team in a row ``gap`` above the chart, centred over it (as the map draws it)."""
    if not members:
        return {}
    if people:
        left = min(x - sizes[k][0] / 2 for k, (x, _) in people.items())
        right = max(x + sizes[k][0] / 2 for k, (x, _) in people.items())
        top = min(y - sizes[k][1] / 2 for k, (_, y) in people.items())
    else:
        left = right = top = 0.0
    widths = [sizes[m][0] for m in members]
    between = 36.0
    x = (left + right) / 2 - (sum(widths) + between * (len(members) - 1)) / 2
    y = top - gap - max(sizes[m][1] for m in members) / 2
    out: dict[str, Point] = {}
    for member, width in zip(members, widths, strict=True):
        out[member] = (x + width / 2, y)
        x += width + between
    return out


def extent(positions: Mapping[str, Point], sizes: Mapping[str, Size]) -> Size:
    """Width and height the cards take."""
    if not positions:
        return 0.0, 0.0
    left = min(x - sizes[k][0] / 2 for k, (x, _) in positions.items())
    right = max(x + sizes[k][0] / 2 for k, (x, _) in positions.items())
    top = min(y - sizes[k][1] / 2 for k, (_, y) in positions.items())
    bottom = max(y + sizes[k][1] / 2 for k, (_, y) in positions.items())
    return right - left, bottom - top
