"""Folding the org chart: a collapsed manager hides everyone under them and shows how many
(no Qt). A big account opens folded so that its top levels fit a readable map; any team opens
with one click.

``chart`` is ``MapData.org_chart()``: an edge report -> manager per reporting line (a
networkx chart does as well).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING

from graph.reporting_chart import ancestors

if TYPE_CHECKING:
    from typing import TypeAlias

    import networkx as nx

    from graph.reporting_chart import ReportingChart

    Chart: TypeAlias = nx.DiGraph | ReportingChart

# Above this many people an account opens folded, to about this many cards.
FOLD_ABOVE = 150
FOLD_TO = 120


def team_sizes(chart: Chart) -> dict[str, int]:
    """How many people work under each manager, directly or not."""
    sizes: dict[str, int] = {}
    # Depth-first from the bottom: a manager's team is their reports and their reports' teams.
    order = _bottom_up(chart)
    for node in order:
        if chart.in_degree(node):
            sizes[node] = sum(1 + sizes.get(r, 0) for r in chart.predecessors(node))
    return sizes


def _bottom_up(chart: Chart) -> list[str]:
    level = depths(chart)
    return sorted(chart, key=lambda n: -level[n])


def hidden_under(chart: Chart, collapsed: Iterable[str]) -> set[str]:
    """Everyone under a collapsed manager."""
    hidden: set[str] = set()
    for manager in collapsed:
        if manager in chart and manager not in hidden:
            hidden |= ancestors(chart, manager)
    return hidden


def depths(chart: Chart) -> dict[str, int]:
    """Each person's depth below the head of their tree (heads: no manager in the chart)."""
    found: dict[str, int] = {}
    queue = deque((n, 0) for n in chart if chart.out_degree(n) == 0)
    while queue:
        node, depth = queue.popleft()
        if node in found:
            continue
        found[node] = depth
        queue.extend((report, depth + 1) for report in chart.predecessors(node))
    for node in chart:  # people in a reporting cycle: treat as heads
        found.setdefault(node, 0)
    return found


def fold_to_fit(chart: Chart, limit: int = FOLD_TO) -> set[str]:
    """The managers to collapse so that at most about ``limit`` people show: the top levels
    whole, every team below them folded (at least the heads' direct reports show)."""
    if chart.number_of_nodes() <= limit:
        return set()
    level = depths(chart)
    per_depth: dict[int, int] = {}
    for depth in level.values():
        per_depth[depth] = per_depth.get(depth, 0) + 1
    shown, keep = 0, 1
    for depth in sorted(per_depth):
        shown += per_depth[depth]
        if shown > limit and depth >= 1:
            break
        keep = depth
    keep = max(keep, min(1, max(per_depth)))  # the heads' direct reports always show
    return {n for n, d in level.items() if d == keep and chart.in_degree(n) > 0}
