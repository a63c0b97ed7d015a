"""TEMPORARY stand-in for graph.layout while it is being written (delete when it lands)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx


def org_chart_layout(G, sizes=None):
    sizes = sizes or {}
    kids = {n: [] for n in G}
    roots = []
    for n in G:
        out = list(G.successors(n))
        if out:
            kids[out[0]].append(n)
        else:
            roots.append(n)
    pos = {}
    x = [0.0]

    def place(n, depth):
        w = sizes.get(n, (180, 60))[0]
        if not kids[n]:
            pos[n] = (x[0] + w / 2, depth * 150.0)
            x[0] += w + 30
            return
        for k in kids[n]:
            place(k, depth + 1)
        xs = [pos[k][0] for k in kids[n]]
        pos[n] = ((min(xs) + max(xs)) / 2, depth * 150.0)

    for r in roots:
        place(r, 0)
    return pos


def force_layout(G, sizes=None, seed=0, pinned=None):
    p = nx.spring_layout(G, seed=seed, k=1.2 / max(1, len(G)) ** 0.5)
    scale = 300 * max(1, len(G)) ** 0.5
    return {n: (float(v[0]) * scale, float(v[1]) * scale) for n, v in p.items()}


@dataclass
class GridResult:
    positions: dict
    plot: tuple
    split: tuple
    x_of: Callable
    y_of: Callable


def grid_layout(G, x_attr, y_attr, sizes=None, x_range=(1, 5), y_range=(1, 5)):
    cw, ch = 420.0, 300.0
    nx_ = x_range[1] - x_range[0] + 1
    ny_ = y_range[1] - y_range[0] + 1
    x_of = lambda v: (v - x_range[0] + 0.5) * cw
    y_of = lambda v: (y_range[1] - v + 0.5) * ch
    cells = {}
    for n, d in G.nodes(data=True):
        cells.setdefault((d[x_attr], d[y_attr]), []).append(n)
    pos = {}
    for (xv, yv), ns in cells.items():
        for i, n in enumerate(ns):
            pos[n] = (
                x_of(xv) + (i % 2 - 0.5) * 200 * (len(ns) > 1),
                y_of(yv) - ch / 2 + 40 + (i // 2) * 72,
            )
    mx = x_range[0] + (x_range[1] - x_range[0]) / 2
    my = y_range[0] + (y_range[1] - y_range[0]) / 2
    return GridResult(pos, (0.0, 0.0, nx_ * cw, ny_ * ch), (x_of(mx), y_of(my)), x_of, y_of)
