"""Internals of :func:`graph.layout.force_layout`: sparse stress majorization.

The "force" layout is a stress layout, because stress against graph distances is what makes
a map readable (people a few hops apart are a few edge lengths apart) and it converges in far
fewer sweeps than a spring embedder:

1. pivot MDS (Brandes & Pich) from k max-min pivots gives a global shape in O(k·m);
2. a sparse stress model (Ortmann, Klimenta & Brandes) refines it: every node is attracted to
   its neighbours and to the pivots, each pivot standing in for the nodes of its region;
3. the result is scaled to card sizes, components are packed, and overlaps are removed.

The numeric parts are vectorised with numpy, on complex numbers (x + iy) to keep them short.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

# scipy costs ~0.2 s to import; the app's first paint should not wait for it, so each function
# that calls it imports it (the layout itself runs on a worker thread).
if TYPE_CHECKING:
    import scipy.sparse as sp

FloatArray = npt.NDArray[np.float64]
ComplexArray = npt.NDArray[np.complex128]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

#: Pivots per component. Up to this many nodes every node is a pivot, i.e. exact full stress.
MAX_PIVOTS = 200
#: Jacobi sweeps of the sparse stress model; more barely changes the stress of the result.
STRESS_SWEEPS = 15
#: Edge length is at least this many (median) card widths.
MIN_EDGE_CARD_WIDTHS = 2.0
#: The layout is scaled up until its bounding box is at least this many times the total card
#: area; below ~3 the dense cores of small-world graphs need so much local shuffling to remove
#: overlaps that the stress of the result degrades noticeably.
AREA_FACTOR = 3.0
#: Edge attributes that may raise the attraction of an edge (clamped to this range).
STRENGTH_ATTRS = ("weight", "strength")
STRENGTH_RANGE = (0.1, 10.0)


def undirected_adjacency(graph_edges: Sequence[tuple[int, int, float]], n: int) -> sp.csr_matrix:
    """Symmetric CSR matrix of edge strengths; self-loops dropped, parallel edges take the max."""
    import scipy.sparse as sp

    best: dict[tuple[int, int], float] = {}
    for i, j, w in graph_edges:
        if i == j:
            continue
        key = (i, j) if i < j else (j, i)
        if w > best.get(key, 0.0):
            best[key] = w
    if not best:
        return sp.csr_matrix((n, n), dtype=np.float64)
    ij = np.array(list(best.keys()), dtype=np.intp)
    strength = np.fromiter(best.values(), dtype=np.float64, count=len(best))
    rows = np.concatenate([ij[:, 0], ij[:, 1]])
    cols = np.concatenate([ij[:, 1], ij[:, 0]])
    return sp.csr_matrix((np.concatenate([strength, strength]), (rows, cols)), shape=(n, n))


def edge_strength(data: Mapping[str, object]) -> float:
    """Strength of an edge from its optional "weight"/"strength" attribute (default 1)."""
    for key in STRENGTH_ATTRS:
        value = data.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            lo, hi = STRENGTH_RANGE
            return min(max(float(value), lo), hi)
    return 1.0


def bfs_distances(adj: sp.csr_matrix, source: int) -> FloatArray:
    """Hop distances from ``source`` (inf where unreachable).

    scipy's C breadth-first search gives the BFS tree; depths then come from pointer jumping
    on it (log2(depth) vectorised rounds), which stays fast on long paths as well as on
    small worlds.
    """
    from scipy.sparse.csgraph import breadth_first_order

    order, pred = breadth_first_order(adj, source, directed=True, return_predecessors=True)
    up = np.where(pred >= 0, pred, -1)
    depth = (up >= 0).astype(np.float64)
    while (has := up >= 0).any():
        hop = np.where(has, up, 0)
        depth = depth + np.where(has, depth[hop], 0.0)
        up = np.where(has, up[hop], -1)
    dist = np.full(adj.shape[0], np.inf)
    dist[order] = depth[order]
    return dist


def _maxmin_pivots(adj: sp.csr_matrix, k: int, first: int) -> tuple[IntArray, FloatArray]:
    """k pivots, each the node farthest from those already chosen; returns (pivots, k x n)."""
    n = adj.shape[0]
    pivots = np.empty(k, dtype=np.intp)
    dist = np.empty((k, n))
    nearest = np.full(n, np.inf)
    pivots[0] = first
    for t in range(k):
        dist[t] = bfs_distances(adj, int(pivots[t]))
        np.minimum(nearest, dist[t], out=nearest)
        if t + 1 < k:
            pivots[t + 1] = int(np.argmax(nearest))
    return pivots, dist


def _pivot_mds(dist: FloatArray) -> ComplexArray:
    """Classical MDS approximated from pivot columns; the first axis is the widest spread,
    so layouts come out landscape."""
    c = dist.T**2
    c = -0.5 * (c - c.mean(axis=0) - c.mean(axis=1)[:, None] + c.mean())
    axes = _top_eigenvectors(np.einsum("ik,il->kl", c, c), 2)
    return c @ axes[:, 0] + 1j * (c @ axes[:, 1] if axes.shape[1] > 1 else 0.0)


def _top_eigenvectors(sym: FloatArray, count: int, sweeps: int = 200) -> FloatArray:
    """Leading eigenvectors of a small symmetric PSD matrix by orthogonal iteration.

    LAPACK would do, but multi-threaded OpenBLAS slows a 100 x 100 eigh down 50x on a busy
    two-core machine; a k x k matrix times a k x 2 block stays single-threaded.
    """
    k = sym.shape[0]
    count = min(count, k)
    if k <= 32:  # small enough that LAPACK stays single-threaded and fast
        return _fixed_signs(np.linalg.eigh(sym)[1][:, ::-1][:, :count])
    basis = np.eye(k, count) + np.linspace(0.0, 1.0, k)[:, None]  # generic, deterministic
    basis = _orthonormal(basis)
    for _ in range(sweeps):
        new = _orthonormal(sym @ basis)
        if np.abs(new - basis).max() < 1e-7:
            return _fixed_signs(new)
        basis = new
    return _fixed_signs(basis)


def _fixed_signs(vectors: FloatArray) -> FloatArray:
    """An eigenvector's sign is arbitrary, and LAPACK builds differ in the one they return;
    making each column's largest entry positive keeps a layout the same on every machine."""
    out = vectors.copy()
    for j in range(out.shape[1]):
        column = out[:, j]
        largest = int(np.argmax(np.abs(column).round(9)))
        if column[largest] < 0:
            out[:, j] = -column
    return out


def _orthonormal(block: FloatArray) -> FloatArray:
    """Gram-Schmidt on the (few) columns of ``block``; null columns become zero."""
    out = block.copy()
    for j in range(out.shape[1]):
        for i in range(j):
            out[:, j] -= (out[:, j] @ out[:, i]) * out[:, i]
        norm = float(np.sqrt(out[:, j] @ out[:, j]))
        out[:, j] = out[:, j] / norm if norm > 1e-300 else 0.0
    return out


class SparseStress:
    """Sparse stress model of one connected component (unit edge length = one hop)."""

    def __init__(self, adj: sp.csr_matrix, rng: np.random.Generator) -> None:
        from scipy.sparse.csgraph import shortest_path

        n = adj.shape[0]
        k = min(n, MAX_PIVOTS)
        if k == n:  # everyone is a pivot: one all-pairs call beats n single-source ones
            self.pivots = np.arange(n)
            dist = shortest_path(adj, unweighted=True, directed=True)
        else:
            self.pivots, dist = _maxmin_pivots(adj, k, int(rng.integers(n)))
        self.dist = dist.T.copy()  # n x k hop distances to the pivots
        # Each pivot represents the nodes of its region; weighting by region size keeps the far
        # field as heavy as in full stress (the paper's finer per-node counts oscillated here).
        region = np.bincount(np.argmin(dist, axis=0), minlength=k).astype(np.float64)
        with np.errstate(divide="ignore"):
            self.weight = np.where(self.dist > 0, region / self.dist**2, 0.0)
        coo = adj.tocoo()
        self.ei, self.ej = coo.row.astype(np.intp), coo.col.astype(np.intp)
        self.ew = coo.data.astype(np.float64)
        self.wsum = self.weight.sum(axis=1) + np.bincount(self.ei, self.ew, minlength=n)
        self.shape = (n, n)
        self.weight32 = self.weight.astype(np.float32)
        self.pull = (self.weight * self.dist).astype(np.float32)

    def initial(self, rng: np.random.Generator) -> ComplexArray:
        """Pivot MDS, scaled to hop units, with a whisker of noise to split twins."""
        z = _pivot_mds(self.dist.T)
        dz = np.abs(z[:, None] - z[self.pivots][None, :])
        mask = self.dist > 0
        ratio = dz[mask] / self.dist[mask]
        denom = float((ratio * ratio).sum())
        if denom > 0:
            z = z * (float(ratio.sum()) / denom)
        noise = rng.standard_normal(len(z)) + 1j * rng.standard_normal(len(z))
        return z + 1e-3 * noise

    def sweep(self, z: ComplexArray, length: float) -> ComplexArray:
        """One Jacobi sweep of localized stress majorization with edge length ``length``.

        Each node moves to the weighted mean of the positions its terms ask for:
        x_i = sum_j w_ij (x_j + length d_ij (x_i - x_j) / |x_i - x_j|) / sum_j w_ij.
        The n x k pivot part runs in float32: float64 sqrt is several times slower and the
        extra precision is invisible at card scale.
        """
        x, y = z.real.astype(np.float32), z.imag.astype(np.float32)
        px, py = x[self.pivots], y[self.pivots]
        dx, dy = x[:, None] - px, y[:, None] - py
        gap = np.sqrt(dx * dx + dy * dy)
        np.maximum(gap, 1e-9, out=gap)
        pull = np.divide(self.pull * np.float32(length), gap, out=gap)
        total = pull.sum(axis=1, dtype=np.float64)
        num = (
            (self.weight32 @ px - pull @ px).astype(np.float64)
            + 1j * (self.weight32 @ py - pull @ py).astype(np.float64)
            + z * total
        )
        de = z[self.ei] - z[self.ej]
        target = z[self.ej] + length * de / np.maximum(np.abs(de), 1e-9)
        num = num + _bincount_complex(self.ei, self.ew * target, len(z))
        result: ComplexArray = num / self.wsum
        return result


def _bincount_complex(index: IntArray, values: ComplexArray, n: int) -> ComplexArray:
    real = np.bincount(index, values.real, minlength=n)
    imag = np.bincount(index, values.imag, minlength=n)
    return real + 1j * imag


def unit_layout(
    adj: sp.csr_matrix, rng: np.random.Generator
) -> tuple[ComplexArray, SparseStress | None]:
    """Stress layout of a connected component in hop units, and its stress model."""
    if adj.shape[0] == 1:
        return np.zeros(1, dtype=np.complex128), None
    model = SparseStress(adj, rng)
    z = _settle(model, model.initial(rng), 1.0, np.ones(adj.shape[0], dtype=bool))
    return z - z.mean(), model


def _settle(model: SparseStress, z: ComplexArray, length: float, free: BoolArray) -> ComplexArray:
    """Stress sweeps moving only ``free`` nodes, until nothing moves by 1e-3 edge lengths."""
    for _ in range(STRESS_SWEEPS):
        new = model.sweep(z, length)
        step = float(np.abs(new[free] - z[free]).max())
        z = np.where(free, new, z)
        if step < 1e-3 * length:
            break
    return z


def scene_scale(z: ComplexArray, half: FloatArray, min_length: float) -> float:
    """Scene units per hop: comfortable for the cards, and roomy enough to remove overlaps."""
    extent = (np.ptp(z.real) + 1.0) * (np.ptp(z.imag) + 1.0)  # +1 hop: cards have extent too
    card_area = float((4.0 * half[:, 0] * half[:, 1]).sum())
    return max(min_length, math.sqrt(AREA_FACTOR * card_area / extent))


def anchored_layout(
    model: SparseStress | None,
    unit: ComplexArray,
    pinned: BoolArray,
    pinned_z: ComplexArray,
    min_length: float,
) -> ComplexArray:
    """Scene layout of a component with pinned nodes; pinned positions are kept exactly.

    The fresh unit layout is fitted onto the pinned cards (rotation, reflection, scale and
    shift), so the scale and orientation follow the user's map. A node with pinned neighbours
    starts at its fresh offset from those neighbours, so a newcomer starts next to the people
    it knows; stress sweeps with the pinned nodes held then settle the free ones.
    """
    import scipy.sparse as sp

    transform, length = _fit_similarity(unit[pinned], pinned_z[pinned], min_length)
    z = transform(unit)
    z[pinned] = pinned_z[pinned]
    if model is None:
        return z
    free = ~pinned
    # links[i, j] = 1 where j is a pinned neighbour of i
    links = sp.csr_matrix((np.ones(len(model.ei)), (model.ei, model.ej)), shape=model.shape)
    links = links.multiply(pinned.astype(np.float64)[None, :]).tocsr()
    count = np.asarray(links.sum(axis=1)).ravel()
    near = free & (count > 0)
    if near.any():
        mean_pinned = (links @ pinned_z)[near] / count[near]
        mean_unit = (links @ unit)[near] / count[near]
        z[near] = mean_pinned + (transform(unit[near]) - transform(mean_unit))
    return _settle(model, z, length, free)


def _fit_similarity(
    src: ComplexArray, dst: ComplexArray, min_length: float
) -> tuple[_Similarity, float]:
    """Least-squares similarity (optionally mirrored) mapping ``src`` onto ``dst``."""
    src_c, dst_c = src - src.mean(), dst - dst.mean()
    norm = float((np.abs(src_c) ** 2).sum())
    best = _Similarity(complex(min_length), False, dst.mean() - min_length * src.mean())
    if len(src) >= 2 and norm > 1e-12:
        residual = math.inf
        for mirror in (False, True):
            s = np.conj(src_c) if mirror else src_c
            a = complex((np.conj(s) * dst_c).sum() / norm)
            err = float((np.abs(a * s - dst_c) ** 2).sum())
            if err < residual and abs(a) > 0:
                residual = err
                a *= max(1.0, min_length / abs(a))  # never squeeze edges below the minimum
                base = np.conj(src.mean()) if mirror else src.mean()
                best = _Similarity(a, mirror, complex(dst.mean() - a * base))
    return best, abs(best.factor)


class _Similarity:
    def __init__(self, factor: complex, mirror: bool, shift: complex) -> None:
        self.factor, self.mirror, self.shift = factor, mirror, shift

    def __call__(self, z: ComplexArray) -> ComplexArray:
        w = np.conj(z) if self.mirror else z
        result: ComplexArray = self.factor * w + self.shift
        return result


def components(adj: sp.csr_matrix) -> list[IntArray]:
    """Connected components as index arrays, ordered by their first node."""
    from scipy.sparse.csgraph import connected_components

    count, labels = connected_components(adj, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    groups = np.split(order, bounds) if count > 1 else [order]
    groups.sort(key=lambda g: int(g[0]))
    return groups


def pack_boxes(sizes: Sequence[tuple[float, float]], gap: float) -> list[tuple[float, float]]:
    """Shelf-pack boxes (largest first) into rows about as wide as the total is tall.

    Returns each box's top-left corner, in the input order.
    """
    order = sorted(range(len(sizes)), key=lambda i: (-sizes[i][0] * sizes[i][1], i))
    area = sum((w + gap) * (h + gap) for w, h in sizes)
    row_limit = max(max(w for w, _ in sizes), 1.3 * math.sqrt(area))
    corners: list[tuple[float, float]] = [(0.0, 0.0)] * len(sizes)
    x = y = row_height = 0.0
    for i in order:
        w, h = sizes[i]
        if x > 0 and x + w > row_limit:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        corners[i] = (x, y)
        x += w + gap
        row_height = max(row_height, h)
    return corners


def remove_overlaps(
    xy: FloatArray, half: FloatArray, fixed: BoolArray, priority: IntArray
) -> FloatArray:
    """Move cards so that no two rectangles overlap; ``fixed`` cards never move.

    A card stays where it is unless it overlaps a card already kept (fixed cards first, then
    in ``priority`` order); each displaced card then goes to the nearest free spot of a fine
    lattice, so it lands close to where the layout wanted it. Unlike iterative pushing, which
    crawls in dense cores (every card is pushed from all sides), this always ends with zero
    overlaps, in one pass.
    """
    n = len(xy)
    order = np.lexsort((np.argsort(priority), ~fixed)).tolist()  # fixed first, then priority
    # Buckets as big as the largest card: a card touches at most 2 x 2 of them, and two
    # overlapping cards always share one. Checking only against kept cards keeps this linear
    # even when hundreds of cards sit on one spot (where listing all overlapping pairs is not).
    bucket = 2.0 * half.max(axis=0)
    lo = np.floor((xy - half) / bucket).astype(np.intp).tolist()
    hi = np.floor((xy + half) / bucket).astype(np.intp).tolist()
    x, y = xy[:, 0].tolist(), xy[:, 1].tolist()
    hx, hy = half[:, 0].tolist(), half[:, 1].tolist()
    buckets: dict[tuple[int, int], list[int]] = {}
    kept = np.zeros(n, dtype=bool)
    movers: list[int] = []
    for v in order:
        cells = [
            (a, b) for a in range(lo[v][0], hi[v][0] + 1) for b in range(lo[v][1], hi[v][1] + 1)
        ]
        if not fixed[v] and any(
            abs(x[u] - x[v]) < hx[u] + hx[v] and abs(y[u] - y[v]) < hy[u] + hy[v]
            for c in cells
            for u in buckets.get(c, ())
        ):
            movers.append(v)
            continue
        kept[v] = True
        for c in cells:
            buckets.setdefault(c, []).append(v)
    if not movers:
        return xy
    return _lattice_place(xy.copy(), half, kept, movers)


#: Lattice cells per median card, each way: finer lets a displaced card sit closer to the
#: cards that stayed, coarser is faster.
LATTICE_DIVISIONS = 2


def _lattice_place(
    xy: FloatArray, half: FloatArray, kept: BoolArray, movers: list[int]
) -> FloatArray:
    """Give each mover, in priority order, the free lattice spot nearest to where it was.

    Kept cards block the lattice cells they touch; a mover needs a free block of cells as big
    as its card. The grid has a free margin on each side wider than sqrt(movers) cards, so even
    if every mover ended up there a spot would remain.
    """
    cell = np.median(2.0 * half, axis=0) / LATTICE_DIVISIONS
    foot = np.maximum(1, np.ceil(2.0 * half / cell - 1e-9)).astype(np.intp)
    lo = np.floor((xy - half) / cell).astype(np.intp)
    hi = np.floor((xy + half) / cell).astype(np.intp)
    margin = (math.isqrt(len(movers)) + 2) * foot.max(axis=0)
    origin = lo.min(axis=0) - margin
    occupied = np.zeros(tuple(hi.max(axis=0) + margin - origin + 1), dtype=bool)
    for v in np.flatnonzero(kept).tolist():
        a0, b0 = lo[v] - origin
        a1, b1 = hi[v] - origin
        occupied[a0 : a1 + 1, b0 : b1 + 1] = True
    for v in movers:
        fa, fb = int(foot[v, 0]), int(foot[v, 1])
        target = xy[v] / cell - (fa / 2.0, fb / 2.0) - origin  # ideal lower-left cell
        a, b = _nearest_free_block(occupied, target, fa, fb, cell)
        occupied[a : a + fa, b : b + fb] = True
        xy[v] = (np.array([a, b]) + origin + (fa / 2.0, fb / 2.0)) * cell
    return xy


def _nearest_free_block(
    occupied: BoolArray, target: FloatArray, fa: int, fb: int, cell: FloatArray
) -> tuple[int, int]:
    """Lower-left cell of the free fa x fb block nearest to ``target`` (in cells).

    Searches a window that holds every spot within ``radius`` px and doubles the radius until
    the nearest free spot in the window is also within it (so nothing outside is nearer).
    """
    size_a, size_b = occupied.shape[0] - fa + 1, occupied.shape[1] - fb + 1
    radius = 2.0 * float(max(fa * cell[0], fb * cell[1]))
    while True:
        ra, rb = math.ceil(radius / cell[0]) + 1, math.ceil(radius / cell[1]) + 1
        a0, b0 = max(0, math.floor(target[0]) - ra), max(0, math.floor(target[1]) - rb)
        a1, b1 = (
            min(size_a, math.floor(target[0]) + ra + 1),
            min(size_b, math.floor(target[1]) + rb + 1),
        )
        busy = np.zeros((a1 - a0, b1 - b0), dtype=bool)
        for p in range(fa):
            for q in range(fb):
                busy |= occupied[a0 + p : a1 + p, b0 + q : b1 + q]
        free = np.argwhere(~busy)
        covers_all = a0 == 0 and b0 == 0 and a1 == size_a and b1 == size_b
        if covers_all and not len(free):  # the margin rules this out; never loop forever
            raise RuntimeError("overlap removal ran out of room")
        if len(free):
            dist2 = (((free + np.array([a0, b0]) - target) * cell) ** 2).sum(axis=1)
            best = int(np.argmin(dist2))
            if dist2[best] <= radius * radius or covers_all:
                return int(free[best, 0]) + a0, int(free[best, 1]) + b0
        radius *= 2.0
