"""The org chart's layout in plain Python (no networkx, numpy or scipy).

The first map the app paints is an org chart: laying it out must not wait for numpy or
networkx to load (together a third of a second, more than the whole window's build). So the
org chart lives here, over lists, and takes any directed chart that offers ``nodes`` and
``successors`` (a ``networkx.DiGraph`` or a ``graph.reporting_chart.ReportingChart``).
``graph.layout.org_chart_layout`` is this function; its conventions are graph.layout's.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any, Protocol, TypeAlias

from graph import _layout_tree as _tree

#: Any hashable node (see graph.layout.Node).
Node: TypeAlias = Any
Position = tuple[float, float]
Size = tuple[float, float]
Layout = dict[Node, Position]

#: Card (width, height) used for nodes missing from ``sizes``.
DEFAULT_CARD_SIZE: Size = (180.0, 64.0)
#: Space between neighbouring cards of one org-chart layer.
ORG_H_GAP = 16.0
#: Space between org-chart layers.
ORG_V_GAP = 24.0
#: Space between separate trees of an org chart.
ORG_TREE_GAP = 3 * ORG_H_GAP
#: Space between the trees and the block of people with neither manager nor reports.
ORG_ISOLATED_GAP = 3 * ORG_V_GAP
#: A manager with more than this many reports who have no reports of their own gets them
#: stacked in a block of rows instead of one wide layer.
ORG_MAX_LEAF_ROW = 4
#: Column depths the compact org chart tries for stacked individual contributors.
ORG_STACK_DEPTHS = (0, 2, 3, 4, 6)
#: Above this many cards the compact org chart tries two shapes, not all (expanding a big
#: team stays fast).
ORG_COMPACT_TRIES_UP_TO = 400
#: The width:height an org chart aims for in its own units: a laptop's landscape map (about
#: 5:4), whose rows the app opens up (about 1.7 times taller) for reporting lines and links,
#: under a row of our team.
ORG_ASPECT = 2.5
#: Preferred width:height of blocks of loose cards (landscape, like a screen).
BLOCK_ASPECT = 16.0 / 9.0


class DirectedChart(_tree.Reporting, Protocol):
    """What the org chart reads of a chart: its nodes in order, and each one's managers."""

    @property
    def nodes(self) -> Iterable[Hashable]: ...

    def is_directed(self) -> bool: ...


def card_dims(nodes: Sequence[Node], sizes: Mapping[Node, Size] | None) -> list[Size]:
    """Each node's card (width, height); rejects sizes that are not positive finite numbers."""
    out: list[Size] = []
    sizes = sizes or {}
    for v in nodes:
        w, h = sizes.get(v, DEFAULT_CARD_SIZE)
        if not (math.isfinite(w) and math.isfinite(h) and w > 0 and h > 0):
            raise ValueError(f"card size of {v!r} must be positive and finite, got {(w, h)!r}")
        out.append((float(w), float(h)))
    return out


def grid_block(count: int, pitch: Size, min_cols: int = 1) -> tuple[int, int]:
    """Columns and rows for ``count`` cards laid out as a landscape block."""
    if count == 0:
        return 0, 0
    cols = math.ceil(math.sqrt(count * BLOCK_ASPECT * pitch[1] / pitch[0]))
    cols = min(count, max(cols, min_cols, 1))
    return cols, math.ceil(count / cols)


def org_chart_layout(
    G: DirectedChart,
    sizes: Mapping[Node, Size] | None = None,
    *,
    max_leaf_row: int = ORG_MAX_LEAF_ROW,
    compact: bool = True,
    aspect: float = ORG_ASPECT,
) -> Layout:
    """Tidy layered org chart; an edge ``u -> v`` means "u reports to v".

    Roots (people without a manager who have reports) sit in the top layer (y = 0), trees side
    by side in node order; every manager is centred over their reports; reports keep the order
    of ``G.nodes``. Layers are as tall as their tallest card plus :data:`ORG_V_GAP`. A manager
    with more than ``max_leaf_row`` reports who have no reports themselves gets those stacked
    in a near-square block of rows under them (mixed with sub-managers, the block sits in the
    middle and the manager over it). Draw connectors into such a block as an elbow/bus: a
    straight line to a lower row would run through the cards above it. People with neither
    manager nor reports are packed in rows below the trees. The chart is centred on x = 0.

    ``compact`` (the default) also tries the compact shapes of wide teams: two or more such
    reports of one manager hang in columns of 2, 3, 4 or 6 under them, and the people with
    neither manager nor reports may stand in the trees' empty top-right corner instead. The
    shape that shows whole at the biggest zoom in a room of ``aspect`` (width over height: a
    landscape screen, :data:`ORG_ASPECT`, or a slide's picture area) wins, the classic one on
    a tie.

    Bad data never raises or hangs:

    - self-loops are ignored;
    - with several managers, the first out-edge in the graph's adjacency order (the order the
      edges were added) is used and the rest ignored;
    - a reporting cycle is broken at its member that comes first in ``G.nodes``, who becomes a
      root.

    Runs in O(n · depth).

    Raises:
        TypeError: if ``G`` is not directed (the direction says who reports to whom).
    """
    if not G.is_directed():
        raise TypeError(
            "org_chart_layout needs a directed graph: an edge u -> v means u reports to v"
        )
    nodes = list(G.nodes)
    if not nodes:
        return {}
    dims = card_dims(nodes, sizes)
    index = {v: i for i, v in enumerate(nodes)}
    parent = _tree.managers(G, nodes, index)
    leaf_row = max(1, max_leaf_row)
    # The classic chart first (ties keep it), then compact ones: the shape that shows whole
    # biggest on a landscape screen wins.
    best: tuple[float, list[float], list[float]] | None = None
    widths = [w for w, _ in dims]
    managing = set(parent)
    any_loose = any(p < 0 and v not in managing for v, p in enumerate(parent))
    depths = ORG_STACK_DEPTHS if len(nodes) <= ORG_COMPACT_TRIES_UP_TO else (0, 3)
    for depth in depths if compact else (0,):
        tree = _tree.tidy_tree(parent, widths, ORG_H_GAP, ORG_TREE_GAP, leaf_row, depth)
        for beside in (False, True) if compact and any_loose else (False,):
            xs, ys = _org_chart(parent, dims, tree, beside)
            width = max(x + d[0] / 2 for x, d in zip(xs, dims, strict=True)) - min(
                x - d[0] / 2 for x, d in zip(xs, dims, strict=True)
            )
            height = max(y + d[1] / 2 for y, d in zip(ys, dims, strict=True)) - min(
                y - d[1] / 2 for y, d in zip(ys, dims, strict=True)
            )
            score = max(width / aspect, height)
            if best is None or score < best[0] - 1e-6:
                best = (score, xs, ys)
    assert best is not None
    _, xs, ys = best
    return {v: (xs[i], ys[i]) for i, v in enumerate(nodes)}


def _org_chart(
    parent: list[int],
    dims: list[Size],
    tree: tuple[list[float], list[int], list[int]],
    loose_beside: bool,
) -> tuple[list[float], list[float]]:
    """Card centres of one shape of the chart: the trees as ``tidy_tree`` placed them, and
    people with neither manager nor reports below the trees or, with ``loose_beside``, in
    the empty top corner on the right of them."""
    x, layer, roots = tree
    n = len(parent)
    in_tree = [False] * n
    for r in roots:
        in_tree[r] = True
    for v, p in enumerate(parent):
        if p >= 0:
            in_tree[v] = True
    loose = [v for v in range(n) if not in_tree[v]]
    tree_idx = [v for v in range(n) if in_tree[v]]
    if loose_beside and (not tree_idx or not loose):
        loose_beside = False  # nothing to stand beside (or nobody to place): the usual shape
    xs = [float(v) for v in x]
    ys = [0.0] * n
    layers = list(layer)
    if loose_beside:
        _loose_beside(xs, layers, dims, tree_idx, loose)
        tree_idx = tree_idx + loose
    bottom = tree_width = 0.0
    if tree_idx:
        heights = [0.0] * (max(layers[v] for v in tree_idx) + 1)
        for v in tree_idx:
            heights[layers[v]] = max(heights[layers[v]], dims[v][1])
        # Centres: each layer is as tall as its tallest card, and the top layer sits on y = 0.
        centres = [0.0]
        for upper, lower in pairwise(heights):
            centres.append(centres[-1] + (upper / 2 + ORG_V_GAP + lower / 2))
        for v in tree_idx:
            ys[v] = centres[layers[v]]
        left = min(xs[v] - dims[v][0] / 2 for v in tree_idx)
        right = max(xs[v] + dims[v][0] / 2 for v in tree_idx)
        middle = (left + right) / 2
        for v in tree_idx:
            xs[v] -= middle
        bottom = centres[-1] + heights[-1] / 2
        tree_width = right - left

    if loose and not loose_beside:
        pitch = (
            max(dims[v][0] for v in loose) + ORG_H_GAP,
            max(dims[v][1] for v in loose) + ORG_V_GAP,
        )
        cols, _ = grid_block(len(loose), pitch, min_cols=int((tree_width + ORG_H_GAP) // pitch[0]))
        row_height = pitch[1] - ORG_V_GAP
        top = bottom + ORG_ISOLATED_GAP if tree_idx else -row_height / 2
        for i, v in enumerate(loose):
            row, col = divmod(i, cols)
            xs[v] = (col - (cols - 1) / 2) * pitch[0]
            ys[v] = top + row * pitch[1] + row_height / 2
    return xs, ys


def _loose_beside(
    xs: list[float],
    layers: list[int],
    dims: list[Size],
    tree_idx: list[int],
    loose: list[int],
) -> None:
    """People with neither manager nor reports in columns on the trees' top layers, as far
    right as the trees reach and clear of them by two tree gaps (an org chart's top corners
    are empty): as many layers deep as keeps the chart narrowest."""
    pitch = max(dims[v][0] for v in loose) + ORG_H_GAP
    tree_right = max(xs[v] + dims[v][0] / 2 for v in tree_idx)
    edges = [-math.inf] * (max(layers[v] for v in tree_idx) + 1)  # the trees' right edge
    for v in tree_idx:
        edges[layers[v]] = max(edges[layers[v]], xs[v] + dims[v][0] / 2)
    best: tuple[float, int, float] | None = None
    for rows in range(1, min(len(loose), len(edges)) + 1):
        cols = math.ceil(len(loose) / rows)
        left = max(
            tree_right - cols * pitch + ORG_H_GAP, *(e + 2 * ORG_TREE_GAP for e in edges[:rows])
        )
        right = left + cols * pitch - ORG_H_GAP
        if best is None or right < best[0] - 1e-6:
            best = (right, rows, left)
    assert best is not None
    _, rows, block_left = best
    for i, v in enumerate(loose):
        col, row_of = divmod(i, rows)
        xs[v] = block_left + col * pitch + (pitch - ORG_H_GAP) / 2
        layers[v] = row_of
