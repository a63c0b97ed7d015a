"""Internals of :func:`graph.layout.org_chart_layout`: a tidy layered tree.

Subtrees are placed left to right as rigid shapes, each pushed just clear of the right contour
of its elder siblings (Reingold–Tilford with explicit per-layer contours), and a manager is
centred over its reports. Contours are plain lists indexed by layer below the subtree root:
fitting a subtree against its elder siblings costs the depth of the shallower side, and each
manager copies its subtree's contour once, so it is O(n·depth) overall. That is milliseconds
for org charts, whose depth rarely exceeds 15 (a 5,000-long reporting chain takes ~0.2 s).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


class Reporting(Protocol):
    """A chart's reporting lines: ``successors(v)`` are v's managers, first one first (a
    ``networkx.DiGraph`` or a ``graph.reporting_chart.ReportingChart``)."""

    def successors(self, node: Any) -> Iterable[Hashable]: ...


def managers(graph: Reporting, nodes: Sequence[Hashable], index: dict[Hashable, int]) -> list[int]:
    """Manager index of every node (-1 for none), cleaned of bad data.

    - Self-loops are ignored.
    - Several managers: the first out-edge in the graph's adjacency order wins (that is the
      order the edges were added), so the choice is stable across runs.
    - Cycles: the member of each cycle that comes first in ``G.nodes`` becomes a root.
    """
    parent = [-1] * len(nodes)
    for i, v in enumerate(nodes):
        for m in graph.successors(v):
            if m != v:
                parent[i] = index[m]
                break
    state = [0] * len(nodes)  # 0 unseen, 1 on the current walk, 2 settled
    for start in range(len(nodes)):
        path: list[int] = []
        v = start
        while v != -1 and state[v] == 0:
            state[v] = 1
            path.append(v)
            v = parent[v]
        if v != -1 and state[v] == 1:
            parent[min(path[path.index(v) :])] = -1
        for u in path:
            state[u] = 2
    return parent


@dataclass
class _Shape:
    """A rigid piece of layout: per-layer extents relative to its anchor x."""

    left: list[float]
    right: list[float]


def tidy_tree(
    parent: Sequence[int],
    widths: Sequence[float],
    h_gap: float,
    tree_gap: float,
    max_leaf_row: int,
    stack_depth: int = 0,
) -> tuple[list[float], list[int], list[int]]:
    """x and layer of every node in a tree/forest; returns (x, layer, roots).

    ``stack_depth`` > 0 is the compact layout for wide teams: any two or more reports of one
    manager who have no reports themselves hang in columns of (up to) that many cards under
    them, as org-chart tools stack individual contributors, instead of side by side. A team
    too big for that is still a near-square block.

    Isolated nodes (no manager, no reports) are left out of ``roots``; the caller packs them.
    """
    n = len(parent)
    children: list[list[int]] = [[] for _ in range(n)]
    for v, p in enumerate(parent):
        if p >= 0:
            children[p].append(v)
    roots = [v for v in range(n) if parent[v] < 0 and children[v]]

    order: list[int] = []  # managers only, parents before reports
    stack = list(reversed(roots))
    while stack:
        v = stack.pop()
        order.append(v)
        stack.extend(c for c in reversed(children[v]) if children[c])

    # Offsets are relative to the manager, so the shapes never have to be shifted in place.
    rel_x = [0.0] * n
    rel_layer = [1] * n
    shapes: dict[int, _Shape] = {}
    for v in reversed(order):
        kids = children[v]
        leaves = [c for c in kids if not children[c]]
        parts: list[_Shape]
        stacked = stack_depth > 0 and len(leaves) >= 2
        if stacked or len(leaves) > max_leaf_row:
            heads = [c for c in kids if children[c]]
            parts = [shapes.pop(c) for c in heads]
            block_at = len(parts) // 2
            block, block_x, block_row = _leaf_block(
                leaves, widths, h_gap, stack_depth if stacked else 0
            )
            parts.insert(block_at, block)
            heads.insert(block_at, -1)
        else:
            heads = kids
            block_at = -1
            parts = [shapes.pop(c) if children[c] else _single(widths[c]) for c in kids]
        offsets, left, right = _place_row(parts, h_gap)
        # Over a block of stacked leaves the manager sits over the block's centre: that keeps
        # every straight connector inside the block's own columns, hence no crossings.
        anchor = offsets[block_at] if block_at >= 0 else (offsets[0] + offsets[-1]) / 2.0
        for c, offset in zip(heads, offsets, strict=True):
            if c >= 0:
                rel_x[c] = offset - anchor
        if block_at >= 0:
            for c, dx, row in zip(leaves, block_x, block_row, strict=True):
                rel_x[c] = offsets[block_at] - anchor + dx
                rel_layer[c] = 1 + row
        half = widths[v] / 2.0
        if anchor:
            shapes[v] = _Shape(
                [-half] + [x - anchor for x in left], [half] + [x - anchor for x in right]
            )
        else:
            shapes[v] = _Shape([-half, *left], [half, *right])

    x = [0.0] * n
    layer = [0] * n
    if roots:
        offsets, _, _ = _place_row([shapes.pop(r) for r in roots], tree_gap)
        for r, offset in zip(roots, offsets, strict=True):
            x[r] = offset
        for v in order:
            for c in children[v]:
                x[c] = x[v] + rel_x[c]
                layer[c] = layer[v] + rel_layer[c]
    return x, layer, roots


def _single(width: float) -> _Shape:
    return _Shape([-width / 2.0], [width / 2.0])


def _leaf_block(
    leaves: list[int], widths: Sequence[float], h_gap: float, depth: int = 0
) -> tuple[_Shape, list[float], list[int]]:
    """Many reports without reports of their own: a near-square block, row by row, instead
    of one very wide layer (the way org-chart tools stack individual contributors). With a
    ``depth``, columns of that many cards read top to bottom (a big team stays near-square).

    Returns the block's shape and each leaf's x offset and row.
    """
    count = len(leaves)
    cols = math.ceil(math.sqrt(count))
    row_count = math.ceil(count / cols)
    if depth:
        row_count = min(count, max(depth, row_count))
        cols = math.ceil(count / row_count)
    pitch = max(widths[v] for v in leaves) + h_gap
    block_left = -(cols * pitch - h_gap) / 2.0
    shape = _Shape([block_left] * row_count, [block_left] * row_count)
    xs: list[float] = []
    rows: list[int] = []
    for k in range(count):
        if depth:
            col, row = divmod(k, row_count)
        else:
            row, col = divmod(k, cols)
        shape.right[row] = max(shape.right[row], block_left + col * pitch + pitch - h_gap)
        # left-aligned in its column: the connectors down the column's gutter are one line
        xs.append(block_left + col * pitch + widths[leaves[k]] / 2.0)
        rows.append(row)
    return shape, xs, rows


def _place_row(parts: list[_Shape], gap: float) -> tuple[list[float], list[float], list[float]]:
    """Pack shapes left to right, each just clear of the union of those before it.

    Returns the anchor offset of each part (the first at 0) and the merged contours.
    """
    left, right = list(parts[0].left), list(parts[0].right)
    offsets = [0.0]
    for part in parts[1:]:
        common = min(len(right), len(part.left))
        offset = max([right[d] - part.left[d] for d in range(common)]) + gap
        offsets.append(offset)
        for d, r in enumerate(part.right):
            if d < len(right):
                right[d] = r + offset
            else:
                right.append(r + offset)
                left.append(part.left[d] + offset)
    return offsets, left, right
