"""Layouts for stakeholder maps (pure Python + numpy/scipy; no Qt).

Conventions shared by every function here:

- Positions are card *centres* in scene units (pixels at zoom 1); y grows downward (Qt).
- ``sizes`` maps a node to its card ``(width, height)``; missing nodes get
  :data:`DEFAULT_CARD_SIZE`. "No overlap" means the axis-aligned card rectangles, grown by the
  layout's gap (:data:`FORCE_GAP`, :data:`ORG_H_GAP`/:data:`ORG_V_GAP`, :data:`GRID_GAP`),
  do not intersect.
- Empty graph -> ``{}``; a single node -> ``{node: (0.0, 0.0)}``.

Public API: :func:`org_chart_layout`, :func:`force_layout`, :func:`grid_layout`,
:func:`grid_geometry` and :func:`normalized_stress`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Real
from typing import Any, TypeAlias

import networkx as nx
import numpy as np
import numpy.typing as npt

from graph import _layout_force as _force
from graph import _layout_tree as _tree

__all__ = [
    "DEFAULT_CARD_SIZE",
    "FORCE_GAP",
    "GRID_GAP",
    "ORG_H_GAP",
    "ORG_V_GAP",
    "GridGeometry",
    "Rect",
    "force_layout",
    "grid_geometry",
    "grid_layout",
    "normalized_stress",
    "org_chart_layout",
]

#: Any hashable networkx node. Typed as Any because Mapping keys are invariant: a
#: ``dict[str, Size]`` would not type-check against ``Mapping[Hashable, Size]``.
Node: TypeAlias = Any
Position = tuple[float, float]
Size = tuple[float, float]
Layout = dict[Node, Position]

#: Card (width, height) used for nodes missing from ``sizes``.
DEFAULT_CARD_SIZE: Size = (180.0, 64.0)
#: Minimum (horizontal, vertical) space between two cards of a force layout.
FORCE_GAP: Size = (16.0, 16.0)
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
#: (horizontal, vertical) space between cards of a grid cell, and padding inside a cell.
GRID_GAP: Size = (16.0, 16.0)
GRID_CELL_PADDING = 24.0
#: Space between the rated grid and the strip of unrated people below it.
GRID_UNRATED_GAP = 48.0
#: Preferred width:height of blocks of loose cards (landscape, like a screen).
_BLOCK_ASPECT = 16.0 / 9.0


# --------------------------------------------------------------------------- helpers


def _card_sizes(
    nodes: Sequence[Node], sizes: Mapping[Node, Size] | None
) -> npt.NDArray[np.float64]:
    """(n, 2) array of card sizes; rejects sizes that are not positive finite numbers."""
    out = np.empty((len(nodes), 2))
    sizes = sizes or {}
    for i, v in enumerate(nodes):
        w, h = sizes.get(v, DEFAULT_CARD_SIZE)
        if not (math.isfinite(w) and math.isfinite(h) and w > 0 and h > 0):
            raise ValueError(f"card size of {v!r} must be positive and finite, got {(w, h)!r}")
        out[i] = (w, h)
    return out


def _grid_block(count: int, pitch: Size, min_cols: int = 1) -> tuple[int, int]:
    """Columns and rows for ``count`` cards laid out as a landscape block."""
    if count == 0:
        return 0, 0
    cols = math.ceil(math.sqrt(count * _BLOCK_ASPECT * pitch[1] / pitch[0]))
    cols = min(count, max(cols, min_cols, 1))
    return cols, math.ceil(count / cols)


# --------------------------------------------------------------------------- org chart


def org_chart_layout(
    G: nx.DiGraph,
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
    dims = _card_sizes(nodes, sizes)
    index = {v: i for i, v in enumerate(nodes)}
    parent = _tree.managers(G, nodes, index)
    leaf_row = max(1, max_leaf_row)
    # The classic chart first (ties keep it), then compact ones: the shape that shows whole
    # biggest on a landscape screen wins.
    best: tuple[float, npt.NDArray[np.float64], npt.NDArray[np.float64]] | None = None
    widths = dims[:, 0].tolist()
    managing = set(parent)
    any_loose = any(p < 0 and v not in managing for v, p in enumerate(parent))
    depths = ORG_STACK_DEPTHS if len(nodes) <= ORG_COMPACT_TRIES_UP_TO else (0, 3)
    for depth in depths if compact else (0,):
        tree = _tree.tidy_tree(parent, widths, ORG_H_GAP, ORG_TREE_GAP, leaf_row, depth)
        for beside in (False, True) if compact and any_loose else (False,):
            xs, ys = _org_chart(parent, dims, tree, beside)
            width = float((xs + dims[:, 0] / 2).max() - (xs - dims[:, 0] / 2).min())
            height = float((ys + dims[:, 1] / 2).max() - (ys - dims[:, 1] / 2).min())
            score = max(width / aspect, height)
            if best is None or score < best[0] - 1e-6:
                best = (score, xs, ys)
    assert best is not None
    _, xs, ys = best
    return {v: (float(xs[i]), float(ys[i])) for i, v in enumerate(nodes)}


def _org_chart(
    parent: list[int],
    dims: npt.NDArray[np.float64],
    tree: tuple[list[float], list[int], list[int]],
    loose_beside: bool,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Card centres of one shape of the chart: the trees as ``tidy_tree`` placed them, and
    people with neither manager nor reports below the trees or, with ``loose_beside``, in
    the empty top corner on the right of them."""
    x, layer, roots = tree
    in_tree = np.zeros(len(parent), dtype=bool)
    in_tree[roots] = True
    in_tree[[v for v, p in enumerate(parent) if p >= 0]] = True
    loose = np.flatnonzero(~in_tree)
    tree_idx = np.flatnonzero(in_tree)
    if loose_beside and (not len(tree_idx) or not len(loose)):
        loose_beside = False  # nothing to stand beside (or nobody to place): the usual shape
    xs = np.array(x)
    ys = np.zeros(len(parent))
    layers = np.array(layer)
    if loose_beside:
        _loose_beside(xs, layers, dims, tree_idx, loose)
        tree_idx = np.concatenate([tree_idx, loose])
    bottom = tree_width = 0.0
    if len(tree_idx):
        at = layers[tree_idx]
        heights = np.zeros(at.max() + 1)
        np.maximum.at(heights, at, dims[tree_idx, 1])
        # Centres: each layer is as tall as its tallest card, and the top layer sits on y = 0.
        centres = np.concatenate([[0.0], np.cumsum(heights[:-1] / 2 + ORG_V_GAP + heights[1:] / 2)])
        ys[tree_idx] = centres[at]
        left = float((xs[tree_idx] - dims[tree_idx, 0] / 2).min())
        right = float((xs[tree_idx] + dims[tree_idx, 0] / 2).max())
        xs[tree_idx] -= (left + right) / 2
        bottom = float(centres[-1] + heights[-1] / 2)
        tree_width = right - left

    if len(loose) and not loose_beside:
        pitch = (float(dims[loose, 0].max()) + ORG_H_GAP, float(dims[loose, 1].max()) + ORG_V_GAP)
        cols, _ = _grid_block(len(loose), pitch, min_cols=int((tree_width + ORG_H_GAP) // pitch[0]))
        row, col = np.divmod(np.arange(len(loose)), cols)
        row_height = pitch[1] - ORG_V_GAP
        top = bottom + ORG_ISOLATED_GAP if len(tree_idx) else -row_height / 2
        xs[loose] = (col - (cols - 1) / 2) * pitch[0]
        ys[loose] = top + row * pitch[1] + row_height / 2
    return xs, ys


def _loose_beside(
    xs: npt.NDArray[np.float64],
    layers: npt.NDArray[np.int64],
    dims: npt.NDArray[np.float64],
    tree_idx: npt.NDArray[np.intp],
    loose: npt.NDArray[np.intp],
) -> None:
    """People with neither manager nor reports in columns on the trees' top layers, as far
    right as the trees reach and clear of them by two tree gaps (an org chart's top corners
    are empty): as many layers deep as keeps the chart narrowest."""
    pitch = float(dims[loose, 0].max()) + ORG_H_GAP
    tree_right = float((xs[tree_idx] + dims[tree_idx, 0] / 2).max())
    edges = []  # the trees' right edge on each layer
    for row in range(int(layers[tree_idx].max()) + 1):
        on_row = tree_idx[layers[tree_idx] == row]
        edges.append(float((xs[on_row] + dims[on_row, 0] / 2).max()) if len(on_row) else -math.inf)
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
    col, row_of = np.divmod(np.arange(len(loose)), rows)
    xs[loose] = block_left + col * pitch + (pitch - ORG_H_GAP) / 2
    layers[loose] = row_of


# --------------------------------------------------------------------------- force layout


def force_layout(
    G: nx.Graph,
    sizes: Mapping[Node, Size] | None = None,
    seed: int = 0,
    pinned: Mapping[Node, Position] | None = None,
) -> Layout:
    """Force-directed (stress) layout of an influence network, free of card overlaps.

    ``G`` may be directed or not, multi or not; it is treated as undirected and self-loops are
    ignored. A numeric edge attribute ``"weight"`` or ``"strength"`` (clamped to 0.1..10,
    default 1) scales how firmly that edge holds its length, so strong ties end up shorter
    than weak ones under tension.

    The layout minimises stress against hop distances (pivot MDS, then a sparse stress model),
    then is scaled so that an edge is at least two card widths long, and longer when the graph
    is dense, so overlaps can be removed without wrecking it. Disconnected components are laid
    out separately and packed side by side. A final pass moves overlapping cards to the
    nearest free spot. The same input and ``seed`` give bit-identical output.

    ``pinned`` maps nodes to positions they keep exactly (nodes not in ``G`` are ignored). The
    rest of a pinned node's component is fitted around the pinned cards, newcomers starting
    next to their pinned neighbours, so adding a person to a laid-out map moves only that
    person. Components without pinned nodes are packed to the right of the pinned ones.
    Pinned cards that overlap each other are left as they are.
    """
    nodes = list(G.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    pinned = {v: p for v, p in (pinned or {}).items() if v in G}
    if n == 1 and not pinned:
        return {nodes[0]: (0.0, 0.0)}
    dims = _card_sizes(nodes, sizes)
    half = (dims + np.array(FORCE_GAP)) / 2
    index = {v: i for i, v in enumerate(nodes)}
    is_pinned = np.zeros(n, dtype=bool)
    pinned_z = np.zeros(n, dtype=np.complex128)
    for v, (px, py) in pinned.items():
        if not (math.isfinite(px) and math.isfinite(py)):
            raise ValueError(f"pinned position of {v!r} must be finite, got {(px, py)!r}")
        is_pinned[index[v]] = True
        pinned_z[index[v]] = complex(px, py)

    edges = [(index[u], index[v], _force.edge_strength(d)) for u, v, d in G.edges(data=True)]
    adj = _force.undirected_adjacency(edges, n)
    rng = np.random.default_rng(seed)
    min_length = _force.MIN_EDGE_CARD_WIDTHS * float(np.median(dims[:, 0]))
    z = np.zeros(n, dtype=np.complex128)
    loose: list[npt.NDArray[np.intp]] = []
    for comp in _force.components(adj):
        pins = is_pinned[comp]
        if pins.all():
            z[comp] = pinned_z[comp]
            continue
        if len(comp) == 1:  # a loner: nothing to lay out, just pack it
            loose.append(comp)
            continue
        unit, model = _force.unit_layout(adj[comp][:, comp], rng)
        if pins.any():
            z[comp] = _force.anchored_layout(model, unit, pins, pinned_z[comp], min_length)
        else:
            z[comp] = unit * _force.scene_scale(unit, half[comp], min_length)
            loose.append(comp)
    if loose:
        _pack_components(z, half, loose, is_pinned, gap=min_length / 2)

    xy = np.column_stack([z.real, z.imag])
    degree = np.diff(adj.indptr)
    priority = np.lexsort((np.arange(n), -degree))  # hubs keep their spot, leaves make way
    xy = _force.remove_overlaps(xy, half, is_pinned, priority)
    layout = {v: (float(xy[i, 0]), float(xy[i, 1])) for i, v in enumerate(nodes)}
    layout.update({v: (float(p[0]), float(p[1])) for v, p in pinned.items()})
    return layout


def _pack_components(
    z: npt.NDArray[np.complex128],
    half: npt.NDArray[np.float64],
    groups: list[npt.NDArray[np.intp]],
    is_pinned: npt.NDArray[np.bool_],
    gap: float,
) -> None:
    """Shelf-pack the unpinned components in place: beside the pinned ones, or centred."""
    boxes = []
    for g in groups:
        lo = (z[g].real - half[g, 0]).min(), (z[g].imag - half[g, 1]).min()
        hi = (z[g].real + half[g, 0]).max(), (z[g].imag + half[g, 1]).max()
        boxes.append((lo, hi))
    corners = _force.pack_boxes([(hi[0] - lo[0], hi[1] - lo[1]) for lo, hi in boxes], gap)
    for g, (lo, _), (cx, cy) in zip(groups, boxes, corners, strict=True):
        z[g] += complex(cx - lo[0], cy - lo[1])
    placed = np.concatenate(groups)
    if is_pinned.any():
        anchored = np.flatnonzero(~np.isin(np.arange(len(z)), placed))
        origin = complex(
            (z[anchored].real + half[anchored, 0]).max() + gap,
            (z[anchored].imag - half[anchored, 1]).min(),
        )
    else:
        width = max(cx + hi[0] - lo[0] for ((lo, hi), (cx, _)) in zip(boxes, corners, strict=True))
        height = max(cy + hi[1] - lo[1] for ((lo, hi), (_, cy)) in zip(boxes, corners, strict=True))
        origin = complex(-width / 2, -height / 2)
    z[placed] += origin


# --------------------------------------------------------------------------- grids


@dataclass(frozen=True)
class Rect:
    """Axis-aligned rectangle: left ``x``, top ``y``, ``width``, ``height`` (like QRectF)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center(self) -> Position:
        return (self.x + self.width / 2, self.y + self.height / 2)


@dataclass(frozen=True)
class GridGeometry:
    """What the GUI needs to draw a rating grid behind :func:`grid_layout`'s cards.

    Attributes:
        x_values: attribute values of the columns, left to right (ascending).
        y_values: attribute values of the rows, top to bottom (descending: high is up).
        cells: rectangle of every cell, keyed by ``(x_value, y_value)``.
        bounds: rectangle of the whole rated grid (top-left corner at (0, 0)).
        x_lines: x of every vertical cell boundary, outer edges included.
        y_lines: y of every horizontal cell boundary, outer edges included.
        center: where quadrant lines cross (middle of the grid), e.g. to split a 5 x 5
            power/interest grid into four quadrants through the middle cells.
        unrated: rectangle of the strip of people missing either attribute, or None.
    """

    x_values: tuple[int, ...]
    y_values: tuple[int, ...]
    cells: dict[tuple[int, int], Rect]
    bounds: Rect
    x_lines: tuple[float, ...]
    y_lines: tuple[float, ...]
    center: Position
    unrated: Rect | None


def grid_layout(
    G: nx.Graph,
    x_attr: str,
    y_attr: str,
    sizes: Mapping[Node, Size] | None = None,
    *,
    x_range: tuple[int, int] | None = None,
    y_range: tuple[int, int] | None = None,
) -> Layout:
    """Place people in a rating grid (power/interest, influence/attitude, ...).

    Node attributes ``x_attr`` and ``y_attr`` are rounded to integers; each integer is a column
    (ascending to the right) or a row (higher values *up*), so "high/high" is the top-right
    cell. Values outside ``x_range``/``y_range`` (inclusive) are clamped into it; without a
    range, the grid spans the observed values. People sharing a cell are spread in a compact
    sub-grid; every cell has the size needed by the most crowded one. People missing either
    attribute (or with a non-numeric one) go in an "unrated" strip below the grid. See
    :func:`grid_geometry` for the cell rectangles.
    """
    return _grid_plan(G, x_attr, y_attr, sizes, x_range, y_range)[0]


def grid_geometry(
    G: nx.Graph,
    x_attr: str,
    y_attr: str,
    sizes: Mapping[Node, Size] | None = None,
    *,
    x_range: tuple[int, int] | None = None,
    y_range: tuple[int, int] | None = None,
) -> GridGeometry:
    """Geometry of the grid :func:`grid_layout` produces for the same arguments."""
    return _grid_plan(G, x_attr, y_attr, sizes, x_range, y_range)[1]


def _rating(value: object) -> float | None:
    if isinstance(value, Real) and not isinstance(value, bool) and math.isfinite(float(value)):
        return float(value)
    return None


def _grid_plan(
    G: nx.Graph,
    x_attr: str,
    y_attr: str,
    sizes: Mapping[Node, Size] | None,
    x_range: tuple[int, int] | None,
    y_range: tuple[int, int] | None,
) -> tuple[Layout, GridGeometry]:
    nodes = list(G.nodes)
    dims = _card_sizes(nodes, sizes)
    biggest = dims.max(axis=0) if nodes else np.array(DEFAULT_CARD_SIZE)
    slot = (float(biggest[0]) + GRID_GAP[0], float(biggest[1]) + GRID_GAP[1])
    rated: dict[tuple[int, int], list[int]] = {}
    unrated: list[int] = []
    for i, v in enumerate(nodes):
        rx, ry = _rating(G.nodes[v].get(x_attr)), _rating(G.nodes[v].get(y_attr))
        if rx is None or ry is None:
            unrated.append(i)
        else:
            rated.setdefault((math.floor(rx + 0.5), math.floor(ry + 0.5)), []).append(i)
    x_values = _axis_values([k[0] for k in rated], x_range)
    y_values = _axis_values([k[1] for k in rated], y_range)[::-1]
    cell_members: dict[tuple[int, int], list[int]] = {}
    for (rx, ry), members in rated.items():
        key = (min(max(rx, x_values[0]), x_values[-1]), min(max(ry, y_values[-1]), y_values[0]))
        cell_members.setdefault(key, []).extend(members)

    crowd = max((len(m) for m in cell_members.values()), default=1)
    cols, rows = _grid_block(crowd, slot)
    cell_w = cols * slot[0] - GRID_GAP[0] + 2 * GRID_CELL_PADDING
    cell_h = rows * slot[1] - GRID_GAP[1] + 2 * GRID_CELL_PADDING
    cells = {
        (xv, yv): Rect(c * cell_w, r * cell_h, cell_w, cell_h)
        for c, xv in enumerate(x_values)
        for r, yv in enumerate(y_values)
    }
    bounds = Rect(0.0, 0.0, len(x_values) * cell_w, len(y_values) * cell_h)
    pos: list[Position] = [(0.0, 0.0)] * len(nodes)
    for key, members in cell_members.items():
        members.sort()
        _fill(pos, members, cells[key], slot, cols)

    strip = None
    if unrated:
        strip_cols = max(
            1, int((max(bounds.width, slot[0]) - 2 * GRID_CELL_PADDING + GRID_GAP[0]) // slot[0])
        )
        if not cells:
            strip_cols = _grid_block(len(unrated), slot)[0]
        strip_cols = min(strip_cols, len(unrated))
        strip_rows = math.ceil(len(unrated) / strip_cols)
        top = bounds.bottom + GRID_UNRATED_GAP if cells else 0.0
        width = max(bounds.width, strip_cols * slot[0] - GRID_GAP[0] + 2 * GRID_CELL_PADDING)
        height = strip_rows * slot[1] - GRID_GAP[1] + 2 * GRID_CELL_PADDING
        strip = Rect(0.0, top, width, height)
        _fill(pos, unrated, strip, slot, strip_cols)

    geometry = GridGeometry(
        x_values=tuple(x_values),
        y_values=tuple(y_values),
        cells=cells,
        bounds=bounds,
        x_lines=tuple(c * cell_w for c in range(len(x_values) + 1)),
        y_lines=tuple(r * cell_h for r in range(len(y_values) + 1)),
        center=bounds.center,
        unrated=strip,
    )
    return {v: pos[i] for i, v in enumerate(nodes)}, geometry


def _axis_values(observed: list[int], value_range: tuple[int, int] | None) -> list[int]:
    if value_range is not None:
        lo, hi = sorted((int(value_range[0]), int(value_range[1])))
    elif observed:
        lo, hi = min(observed), max(observed)
    else:
        return []
    return list(range(lo, hi + 1))


def _fill(pos: list[Position], members: list[int], box: Rect, slot: Size, cols: int) -> None:
    """Centre ``members`` in ``box`` in rows of at most ``cols`` slots, each row centred."""
    cols = min(cols, len(members))
    rows = math.ceil(len(members) / cols)
    cx, cy = box.center
    for k, i in enumerate(members):
        row, col = divmod(k, cols)
        in_row = min(cols, len(members) - row * cols)
        pos[i] = (cx + (col - (in_row - 1) / 2) * slot[0], cy + (row - (rows - 1) / 2) * slot[1])


# --------------------------------------------------------------------------- quality


def normalized_stress(
    G: nx.Graph, pos: Mapping[Node, Position], *, max_sources: int = 500, seed: int = 0
) -> float:
    """Scale-invariant stress of ``pos`` against hop distances in ``G`` (as undirected).

    mean over pairs of (alpha * |p_i - p_j| / d_ij - 1)^2, i.e. sum (alpha d_layout - d_graph)^2
    / d_graph^2 divided by the number of pairs, with alpha chosen to minimise it (so scaling a
    layout does not change its stress). 0 is perfect; putting everyone on one spot gives 1.
    Pairs in different components are skipped. With more than ``max_sources`` nodes, only
    pairs from a fixed seeded sample of that many source nodes are used.
    """
    nodes = list(G.nodes)
    n = len(nodes)
    if n < 2:
        return 0.0
    index = {v: i for i, v in enumerate(nodes)}
    adj = _force.undirected_adjacency([(index[u], index[v], 1.0) for u, v in G.edges()], n)
    xy = np.array([pos[v] for v in nodes], dtype=np.float64)
    sources = np.arange(n)
    if n > max_sources:
        sources = np.sort(np.random.default_rng(seed).choice(n, max_sources, replace=False))
    ratios = []
    for s in sources.tolist():
        d = _force.bfs_distances(adj, s)
        mask = np.isfinite(d) & (d > 0)
        ratios.append(np.hypot(*(xy[mask] - xy[s]).T) / d[mask])
    r = np.concatenate(ratios)
    if len(r) == 0:
        return 0.0
    r2 = float((r * r).sum())
    alpha = float(r.sum()) / r2 if r2 > 0 else 0.0
    return float(np.mean((alpha * r - 1.0) ** 2))
