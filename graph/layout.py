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

# The org chart is plain Python in its own module (the first map must not wait for numpy).
from graph.org_layout import (  # noqa: F401 (graph.layout's API)
    DEFAULT_CARD_SIZE,
    ORG_ASPECT,
    ORG_COMPACT_TRIES_UP_TO,
    ORG_H_GAP,
    ORG_ISOLATED_GAP,
    ORG_MAX_LEAF_ROW,
    ORG_STACK_DEPTHS,
    ORG_TREE_GAP,
    ORG_V_GAP,
    org_chart_layout,
)
from graph.org_layout import grid_block as _grid_block

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

#: Minimum (horizontal, vertical) space between two cards of a force layout.
FORCE_GAP: Size = (16.0, 16.0)
#: (horizontal, vertical) space between cards of a grid cell, and padding inside a cell.
GRID_GAP: Size = (16.0, 16.0)
GRID_CELL_PADDING = 24.0
#: Space between the rated grid and the strip of unrated people below it.
GRID_UNRATED_GAP = 48.0


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
