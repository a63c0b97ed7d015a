"""Tests for graph.layout: org chart, force (stress) layout, rating grids and stress metric."""

from __future__ import annotations

import math
import threading
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.layout import (
    DEFAULT_CARD_SIZE,
    FORCE_GAP,
    GRID_GAP,
    ORG_H_GAP,
    ORG_V_GAP,
    Rect,
    force_layout,
    grid_geometry,
    grid_layout,
    normalized_stress,
    org_chart_layout,
)

Point = tuple[float, float]
Pos = Mapping[Any, Point]
Sizes = Mapping[Any, Point]

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- helpers


def overlaps(
    pos: Pos, sizes: Sizes | None, gap: tuple[float, float]
) -> list[tuple[Hashable, Hashable]]:
    """Pairs of cards whose rectangles, kept ``gap`` apart, intersect (1e-6 px tolerance)."""
    nodes = list(pos)
    if len(nodes) < 2:
        return []
    xy = np.array([pos[v] for v in nodes])
    wh = np.array([(sizes or {}).get(v, DEFAULT_CARD_SIZE) for v in nodes])
    dx = np.abs(xy[:, None, 0] - xy[None, :, 0])
    dy = np.abs(xy[:, None, 1] - xy[None, :, 1])
    need_x = (wh[:, None, 0] + wh[None, :, 0]) / 2 + gap[0] - 1e-6
    need_y = (wh[:, None, 1] + wh[None, :, 1]) / 2 + gap[1] - 1e-6
    hit = np.triu((dx < need_x) & (dy < need_y), k=1)
    return [(nodes[i], nodes[j]) for i, j in zip(*np.nonzero(hit), strict=True)]


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_cross(p1: Point, p2: Point, p3: Point, p4: Point) -> bool:
    """Proper intersection of segments p1-p2 and p3-p4 (touching at an end does not count)."""
    d1, d2 = _orient(p3, p4, p1), _orient(p3, p4, p2)
    d3, d4 = _orient(p1, p2, p3), _orient(p1, p2, p4)
    eps = 1e-9
    return ((d1 > eps and d2 < -eps) or (d1 < -eps and d2 > eps)) and (
        (d3 > eps and d4 < -eps) or (d3 < -eps and d4 > eps)
    )


def tree_edges(G: nx.DiGraph, pos: Pos) -> list[tuple[Hashable, Hashable]]:
    """(report, manager) edges the chart actually draws: the first non-self out-edge."""
    edges = []
    for v in G.nodes:
        managers = [m for m in G.successors(v) if m != v]
        if managers:
            edges.append((v, managers[0]))
    return edges


def assert_org_chart_properties(G: nx.DiGraph, pos: Pos, sizes: Sizes | None = None) -> None:
    assert set(pos) == set(G.nodes)
    assert not overlaps(pos, sizes, (ORG_H_GAP, ORG_V_GAP))
    edges = tree_edges(G, pos)
    reports: dict[Hashable, list[Hashable]] = {}
    for child, boss in edges:
        assert pos[boss][1] < pos[child][1], f"{boss} is not above {child}"
        reports.setdefault(boss, []).append(child)
    for boss, kids in reports.items():
        xs = [pos[c][0] for c in kids]
        assert min(xs) - 1e-6 <= pos[boss][0] <= max(xs) + 1e-6, f"{boss} not over its reports"
    segs = [(pos[a], pos[b], {a, b}) for a, b in edges]
    for k, (a1, a2, ends_a) in enumerate(segs):
        for b1, b2, ends_b in segs[k + 1 :]:
            if ends_a & ends_b:
                continue
            assert not segments_cross(a1, a2, b1, b2), f"tree edges {ends_a} and {ends_b} cross"


def bbox(
    pos: Pos, nodes: Sequence[Hashable], sizes: Sizes | None = None
) -> tuple[float, float, float, float]:
    wh = [(sizes or {}).get(v, DEFAULT_CARD_SIZE) for v in nodes]
    left = min(pos[v][0] - w / 2 for v, (w, _) in zip(nodes, wh, strict=True))
    right = max(pos[v][0] + w / 2 for v, (w, _) in zip(nodes, wh, strict=True))
    top = min(pos[v][1] - h / 2 for v, (_, h) in zip(nodes, wh, strict=True))
    bottom = max(pos[v][1] + h / 2 for v, (_, h) in zip(nodes, wh, strict=True))
    return left, top, right, bottom


def org(
    edges: Sequence[tuple[Hashable, Hashable]], nodes: Sequence[Hashable] | None = None
) -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_nodes_from(nodes or [])
    G.add_edges_from(edges)
    return G


# --------------------------------------------------------------------------- org chart


def test_org_chart_empty_single_and_undirected() -> None:
    assert org_chart_layout(nx.DiGraph()) == {}
    single = nx.DiGraph()
    single.add_node("ceo")
    assert org_chart_layout(single) == {"ceo": (0.0, 0.0)}
    with pytest.raises(TypeError):
        org_chart_layout(nx.Graph([(1, 2)]))


def test_org_chart_small_tree_is_tidy() -> None:
    # 1 and 2 report to 0; 3, 4 report to 1; 5 reports to 2.
    G = org([(1, 0), (2, 0), (3, 1), (4, 1), (5, 2)])
    pos = org_chart_layout(G)
    assert_org_chart_properties(G, pos)
    assert pos[0][1] == 0.0
    assert pos[1][1] == pos[2][1] > pos[0][1]
    assert pos[0][0] == pytest.approx((pos[1][0] + pos[2][0]) / 2)  # centred over reports
    assert pos[1][0] == pytest.approx((pos[3][0] + pos[4][0]) / 2)
    assert pos[5][0] == pytest.approx(pos[2][0])  # a single report sits right below
    assert pos[3][0] < pos[4][0]  # siblings keep node order
    # compact: neighbouring cousins 3/4 and 5 are just one gap apart
    assert pos[5][0] - pos[4][0] == pytest.approx(DEFAULT_CARD_SIZE[0] + ORG_H_GAP)


def test_org_chart_sibling_order_follows_node_order() -> None:
    G = org([("c", "boss"), ("a", "boss"), ("b", "boss")], nodes=["boss", "b", "a", "c"])
    pos = org_chart_layout(G, compact=False)
    assert pos["b"][0] < pos["a"][0] < pos["c"][0]
    assert org_chart_layout(G) == pos  # three in a row: already the best shape


def test_org_chart_several_roots_side_by_side() -> None:
    G = org([(1, 0), (2, 0), (11, 10), (12, 10), (13, 12)])
    pos = org_chart_layout(G)
    assert_org_chart_properties(G, pos)
    assert pos[0][1] == pos[10][1] == 0.0
    left_tree = bbox(pos, [0, 1, 2])
    right_tree = bbox(pos, [10, 11, 12, 13])
    assert left_tree[2] < right_tree[0]  # disjoint, in node order
    assert right_tree[0] - left_tree[2] < 100  # and close together


def test_org_chart_isolated_people_packed_below() -> None:
    G = org([(1, 0), (2, 0)], nodes=[f"solo{i}" for i in range(30)])
    pos = org_chart_layout(G)
    assert_org_chart_properties(G, pos)
    tree_bottom = bbox(pos, [0, 1, 2])[3]
    solos = [f"solo{i}" for i in range(30)]
    assert all(pos[s][1] > tree_bottom for s in solos)
    rows = {pos[s][1] for s in solos}
    left, top, right, bottom = bbox(pos, solos)
    assert len(rows) >= 2, "isolated people should wrap into rows"
    assert right - left < 4 * (bottom - top), "isolated block should not be one long line"


def test_org_chart_only_isolated_people() -> None:
    G = nx.DiGraph()
    G.add_nodes_from(range(12))
    pos = org_chart_layout(G)
    assert not overlaps(pos, None, (ORG_H_GAP, ORG_V_GAP))
    assert min(p[1] for p in pos.values()) == 0.0
    assert len({p[1] for p in pos.values()}) >= 2


def test_org_chart_wide_layer_is_wrapped() -> None:
    G = org([(f"ic{i}", "boss") for i in range(60)], nodes=["boss"])
    pos = org_chart_layout(G)
    assert_org_chart_properties(G, pos)
    left, _, right, _ = bbox(pos, list(G.nodes))
    assert right - left < 3000, "60 reports must not make a 10,000 px line"
    assert pos["boss"][0] == pytest.approx((left + right) / 2)


def test_org_chart_mixed_managers_and_many_leaves() -> None:
    edges = [(f"m{k}", "vp") for k in range(3)]
    edges += [(f"m{k}-r{j}", f"m{k}") for k in range(3) for j in range(3)]
    edges += [(f"ic{i}", "vp") for i in range(10)]
    G = org(edges, nodes=["vp"])
    pos = org_chart_layout(G)
    assert_org_chart_properties(G, pos)


def test_org_chart_custom_card_sizes() -> None:
    G = org([(1, 0), (2, 0), (3, 1), (4, 2), (5, 2)])
    sizes = {0: (400.0, 120.0), 1: (60.0, 30.0), 3: (300.0, 200.0)}
    pos = org_chart_layout(G, sizes)
    assert_org_chart_properties(G, pos, sizes)


def test_org_chart_multiple_managers_takes_first_edge() -> None:
    G = org([("a", "root"), ("b", "root"), ("x", "a"), ("x", "b")])
    pos = org_chart_layout(G)
    assert_org_chart_properties(G, pos)
    assert pos["x"][0] == pytest.approx(pos["a"][0])  # under its first manager only


def test_org_chart_self_loops_ignored() -> None:
    G = org([("a", "a"), ("b", "a"), ("c", "c")])
    pos = org_chart_layout(G, compact=False)
    assert_org_chart_properties(G, pos)
    assert pos["a"][1] < pos["b"][1]
    assert pos["c"][1] > pos["b"][1]  # only a self-loop: isolated, packed below


def test_org_chart_cycle_is_broken_at_first_node() -> None:
    G = org([("a", "b"), ("b", "c"), ("c", "a"), ("d", "b")])
    pos = org_chart_layout(G)
    # "a" comes first in G.nodes, so it loses its manager and becomes the root.
    assert pos["a"][1] == 0.0
    assert pos["a"][1] < pos["c"][1] < pos["b"][1] < pos["d"][1]
    fixed = org([("b", "c"), ("c", "a"), ("d", "b")], nodes=["a", "b", "c", "d"])
    assert_org_chart_properties(fixed, pos)


def test_org_chart_bad_data_never_hangs() -> None:
    G = nx.MultiDiGraph()
    n = 3000
    G.add_edges_from((i, (i + 1) % n) for i in range(n))  # one giant cycle
    G.add_edges_from((i, i) for i in range(0, n, 7))  # self-loops
    G.add_edges_from((i, (i + 2) % n) for i in range(0, n, 5))  # second managers
    G.add_edges_from((i, (i + 1) % n) for i in range(0, n, 3))  # parallel edges
    # Only termination matters here (a speed figure belongs in benchmarks/bench_layout.py):
    # the generous limit tells a hang from a slow, shared machine.
    done: list[Mapping[Hashable, tuple[float, float]]] = []
    worker = threading.Thread(target=lambda: done.append(org_chart_layout(G)), daemon=True)
    worker.start()
    worker.join(timeout=300)
    assert done, "org_chart_layout hung on a cycle with self-loops and parallel edges"
    [pos] = done
    assert len(pos) == n
    assert pos[0][1] == 0.0  # the cycle broke at node 0
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())


@st.composite
def forests(draw: st.DrawFn) -> tuple[nx.DiGraph, dict[int, tuple[float, float]]]:
    n = draw(st.integers(1, 40))
    hubs = draw(st.integers(1, 6))  # few possible managers -> wide layers and leaf blocks
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    for v in range(1, n):
        if draw(st.booleans()) or v < hubs:
            lo = 0 if draw(st.booleans()) else max(0, v - hubs)
            G.add_edge(v, draw(st.integers(lo, v - 1)))
    sizes = {
        v: (draw(st.floats(40, 320)), draw(st.floats(20, 140)))
        for v in range(n)
        if draw(st.booleans())
    }
    return G, sizes


def test_org_chart_properties_on_seeded_random_orgs() -> None:
    # Wide managers mixing sub-managers and many individual contributors, odd card sizes.
    for seed in range(150):
        rng = np.random.default_rng(seed)
        n = int(rng.integers(5, 60))
        hubs = int(rng.integers(1, 5))
        G = nx.DiGraph()
        G.add_nodes_from(range(n))
        for v in range(1, n):
            G.add_edge(
                v,
                int(
                    rng.integers(0, min(v - 1, hubs) + 1)
                    if rng.random() < 0.6
                    else rng.integers(0, v)
                ),
            )
        sizes = {
            v: (float(rng.uniform(40, 320)), float(rng.uniform(20, 140)))
            for v in range(n)
            if rng.random() < 0.5
        }
        assert_org_chart_properties(G, org_chart_layout(G, sizes), sizes)


@FAST
@given(forests())
def test_org_chart_properties_on_random_forests(
    case: tuple[nx.DiGraph, dict[int, tuple[float, float]]],
) -> None:
    G, sizes = case
    pos = org_chart_layout(G, sizes)
    assert_org_chart_properties(G, pos, sizes)


# --------------------------------------------------------------------------- force layout


def influence(n: int = 40, seed: int = 3) -> nx.Graph:
    return nx.powerlaw_cluster_graph(n, 2, 0.3, seed=seed)


def test_force_empty_and_single() -> None:
    assert force_layout(nx.Graph()) == {}
    G = nx.Graph()
    G.add_node("solo")
    assert force_layout(G) == {"solo": (0.0, 0.0)}
    assert force_layout(G, pinned={"solo": (12.5, -3.0)}) == {"solo": (12.5, -3.0)}


def test_force_is_deterministic_for_a_seed() -> None:
    G = influence()
    first = force_layout(G, seed=7)
    assert force_layout(G, seed=7) == first  # bit-identical
    assert force_layout(G.copy(), seed=7) == first
    assert force_layout(G, seed=8) != first


def test_force_layout_has_no_overlaps_and_sane_edges() -> None:
    G = influence(60)
    pos = force_layout(G)
    assert not overlaps(pos, None, FORCE_GAP)
    lengths = [math.dist(pos[u], pos[v]) for u, v in G.edges]
    assert 1.5 * DEFAULT_CARD_SIZE[0] < float(np.median(lengths)) < 8 * DEFAULT_CARD_SIZE[0]


def test_force_layout_quality_on_a_grid() -> None:
    G = nx.convert_node_labels_to_integers(nx.grid_2d_graph(6, 6))
    pos = force_layout(G)
    assert normalized_stress(G, pos) < 0.05
    tree = nx.balanced_tree(3, 3)
    assert normalized_stress(tree, force_layout(tree)) < 0.12


def test_force_pinned_nodes_keep_exact_positions() -> None:
    G = influence()
    pins = {0: (1000.25, -40.5), 5: (-333.0, 777.0), 9: (0.0, 0.0)}
    pos = force_layout(G, pinned=pins)
    for v, p in pins.items():
        assert pos[v] == p
    assert not overlaps({v: p for v, p in pos.items()}, None, FORCE_GAP)


def test_force_adding_a_person_moves_only_them() -> None:
    G = influence(50)
    before = force_layout(G)
    G.add_edges_from([("new", 3), ("new", 17)])
    after = force_layout(G, pinned=before)
    assert all(after[v] == before[v] for v in before)
    assert not overlaps(after, None, FORCE_GAP)
    lengths = [math.dist(before[u], before[v]) for u, v in G.edges if "new" not in (u, v)]
    centre = np.mean([before[3], before[17]], axis=0)
    assert math.dist(after["new"], centre) < 1.5 * float(np.median(lengths))


def test_force_new_people_start_near_pinned_neighbours() -> None:
    G = influence(50)
    before = force_layout(G)
    pins = {v: before[v] for v in list(G)[:40]}
    for k in range(5):
        G.add_edge(f"new{k}", k)
    after = force_layout(G, pinned=pins)
    assert all(after[v] == p for v, p in pins.items())
    assert not overlaps(after, None, FORCE_GAP)
    lengths = [math.dist(before[u], before[v]) for u, v in G.edges if u in before and v in before]
    for k in range(5):
        assert math.dist(after[f"new{k}"], before[k]) < 3 * float(np.median(lengths))


def test_force_disconnected_components_are_packed() -> None:
    G = nx.disjoint_union_all([influence(30, 1), influence(20, 2), nx.path_graph(4)])
    G.add_nodes_from(["loner1", "loner2", "loner3"])
    pos = force_layout(G)
    assert not overlaps(pos, None, FORCE_GAP)
    boxes = [bbox(pos, list(c)) for c in nx.connected_components(G)]
    area = sum((right - left) * (bottom - top) for left, top, right, bottom in boxes)
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, "components should sit side by side, not inside each other"
    left, top, right, bottom = bbox(pos, list(G))
    assert (right - left) * (bottom - top) < 4 * area, "components flung apart"


def test_force_multigraph_directed_and_self_loops() -> None:
    simple = influence(30)
    messy = nx.MultiDiGraph()
    messy.add_nodes_from(simple)
    for u, v in simple.edges:
        messy.add_edge(v, u)
        messy.add_edge(u, v)
    messy.add_edges_from((v, v) for v in list(simple)[::3])
    assert force_layout(messy, seed=4) == force_layout(simple, seed=4)


def test_force_strong_ties_are_shorter() -> None:
    G = nx.cycle_graph(8)
    G.add_edges_from([(0, 4), (2, 6)])
    nx.set_edge_attributes(G, 1.0, "strength")
    G.edges[0, 1]["strength"] = 10.0
    pos = force_layout(G)
    strong = math.dist(pos[0], pos[1])
    weak = [
        math.dist(pos[u], pos[v])
        for u, v in [(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 0)]
    ]
    assert strong < min(weak)


def test_force_rejects_non_finite_pins() -> None:
    with pytest.raises(ValueError):
        force_layout(influence(10), pinned={0: (math.nan, 0.0)})


@st.composite
def graphs_with_sizes(draw: st.DrawFn) -> tuple[nx.Graph, dict[int, tuple[float, float]], int]:
    n = draw(st.integers(2, 25))
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n))
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from(edges)
    sizes = {
        v: (draw(st.floats(30, 400)), draw(st.floats(20, 160)))
        for v in range(n)
        if draw(st.booleans())
    }
    return G, sizes, draw(st.integers(0, 2**31))


@FAST
@given(graphs_with_sizes())
def test_force_never_overlaps_on_random_graphs(
    case: tuple[nx.Graph, dict[int, tuple[float, float]], int],
) -> None:
    G, sizes, seed = case
    pos = force_layout(G, sizes, seed=seed)
    assert set(pos) == set(G)
    assert not overlaps(pos, sizes, FORCE_GAP)
    assert force_layout(G, sizes, seed=seed) == pos


@FAST
@given(graphs_with_sizes(), st.data())
def test_force_never_overlaps_with_pins(
    case: tuple[nx.Graph, dict[int, tuple[float, float]], int], data: st.DataObject
) -> None:
    G, sizes, seed = case
    base = force_layout(G, sizes, seed=seed)
    keep = data.draw(st.sets(st.sampled_from(sorted(G))))
    G.add_edges_from([(100, 0), (101, 100), (101, 1)])
    pins = {v: base[v] for v in keep}
    pos = force_layout(G, sizes, seed=seed, pinned=pins)
    assert all(pos[v] == p for v, p in pins.items())
    assert not overlaps(pos, sizes, FORCE_GAP)


# --------------------------------------------------------------------------- grids


def rated(ratings: Mapping[str, tuple[object, object]]) -> nx.Graph:
    G = nx.Graph()
    for v, (power, interest) in ratings.items():
        attrs = {}
        if power is not None:
            attrs["power"] = power
        if interest is not None:
            attrs["interest"] = interest
        G.add_node(v, **attrs)
    return G


def inside(p: Point, rect: Rect, size: Point = DEFAULT_CARD_SIZE) -> bool:
    """Whether a card of ``size`` centred at ``p`` lies within ``rect``."""
    return (
        rect.x <= p[0] - size[0] / 2
        and p[0] + size[0] / 2 <= rect.right
        and rect.y <= p[1] - size[1] / 2
        and p[1] + size[1] / 2 <= rect.bottom
    )


def test_grid_people_land_in_their_cell_high_is_up_and_right() -> None:
    G = rated({"a": (5, 5), "b": (1, 1), "c": (5, 1), "d": (3, 4), "e": (4.6, 2.2)})
    pos = grid_layout(G, "power", "interest", x_range=(1, 5), y_range=(1, 5))
    geo = grid_geometry(G, "power", "interest", x_range=(1, 5), y_range=(1, 5))
    assert geo.x_values == (1, 2, 3, 4, 5)
    assert geo.y_values == (5, 4, 3, 2, 1)
    expected = {"a": (5, 5), "b": (1, 1), "c": (5, 1), "d": (3, 4), "e": (5, 2)}
    for v, cell in expected.items():
        assert inside(pos[v], geo.cells[cell]), v
    assert pos["a"][1] < pos["b"][1] and pos["a"][0] > pos["b"][0]  # high/high is top-right
    assert geo.center == geo.bounds.center
    assert geo.x_lines[0] == 0.0 and geo.x_lines[-1] == geo.bounds.right
    assert len(geo.y_lines) == 6
    assert geo.unrated is None


def test_grid_crowded_cell_is_spread_and_all_cells_fit_it() -> None:
    G = rated({f"p{i}": (2, 2) for i in range(11)} | {"q": (1, 1)})
    pos = grid_layout(G, "power", "interest")
    geo = grid_geometry(G, "power", "interest")
    assert not overlaps(pos, None, GRID_GAP)
    assert all(inside(pos[f"p{i}"], geo.cells[(2, 2)]) for i in range(11))
    assert {(r.width, r.height) for r in geo.cells.values()} == {
        (geo.cells[(1, 1)].width, geo.cells[(1, 1)].height)
    }


def test_grid_unrated_strip_and_clamping() -> None:
    G = rated(
        {
            "ok": (1, -2),
            "high": (9, 0),  # clamped into column 5
            "no_interest": (3, None),
            "nothing": (None, None),
            "text": ("high", 2),
            "nan": (math.nan, 1),
        }
    )
    pos = grid_layout(G, "power", "interest", x_range=(1, 5), y_range=(-2, 2))
    geo = grid_geometry(G, "power", "interest", x_range=(1, 5), y_range=(-2, 2))
    assert set(pos) == set(G)
    assert inside(pos["high"], geo.cells[(5, 0)])
    assert inside(pos["ok"], geo.cells[(1, -2)])
    assert geo.unrated is not None and geo.unrated.y >= geo.bounds.bottom
    for v in ("no_interest", "nothing", "text", "nan"):
        assert inside(pos[v], geo.unrated), v
    assert not overlaps(pos, None, GRID_GAP)


def test_grid_empty_and_all_unrated() -> None:
    assert grid_layout(nx.Graph(), "power", "interest") == {}
    geo = grid_geometry(nx.Graph(), "power", "interest", x_range=(1, 5), y_range=(1, 5))
    assert len(geo.cells) == 25 and geo.unrated is None
    G = rated({f"p{i}": (None, None) for i in range(9)})
    pos = grid_layout(G, "power", "interest")
    assert not overlaps(pos, None, GRID_GAP)
    assert grid_geometry(G, "power", "interest").unrated is not None


@FAST
@given(
    st.dictionaries(
        st.integers(0, 200),
        st.tuples(
            st.one_of(st.none(), st.integers(-2, 6), st.floats(-3, 7)),
            st.one_of(st.none(), st.integers(-2, 2)),
            st.one_of(st.none(), st.tuples(st.floats(30, 300), st.floats(20, 120))),
        ),
        max_size=40,
    )
)
def test_grid_never_overlaps(
    people: dict[int, tuple[float | None, int | None, Point | None]],
) -> None:
    G = nx.Graph()
    for v, (x, y, _) in people.items():
        G.add_node(v, influence=x, attitude=y)
    sizes = {v: s for v, (_, _, s) in people.items() if s is not None}
    pos = grid_layout(G, "influence", "attitude", sizes, x_range=(1, 5), y_range=(-2, 2))
    geo = grid_geometry(G, "influence", "attitude", sizes, x_range=(1, 5), y_range=(-2, 2))
    assert set(pos) == set(G)
    assert not overlaps(pos, sizes, GRID_GAP)
    for v, (x, y, _) in people.items():
        size = sizes.get(v, DEFAULT_CARD_SIZE)
        if x is not None and y is not None and math.isfinite(x):
            cell = (min(max(math.floor(x + 0.5), 1), 5), y)
            assert inside(pos[v], geo.cells[cell], size)
        else:
            assert geo.unrated is not None and inside(pos[v], geo.unrated, size)


# --------------------------------------------------------------------------- stress metric


def test_normalized_stress_is_zero_for_a_perfect_layout_and_scale_invariant() -> None:
    G = nx.path_graph(6)
    line = {v: (float(v), 0.0) for v in G}
    assert normalized_stress(G, line) == pytest.approx(0.0, abs=1e-12)
    squashed = {v: (float(v) ** 2, 0.0) for v in G}
    s = normalized_stress(G, squashed)
    assert s > 0.05
    assert normalized_stress(
        G, {v: (7 * x, 7 * y) for v, (x, y) in squashed.items()}
    ) == pytest.approx(s)
    assert normalized_stress(G, {v: (0.0, 0.0) for v in G}) == pytest.approx(1.0)


def test_normalized_stress_skips_disconnected_pairs_and_samples_big_graphs() -> None:
    G = nx.disjoint_union(nx.path_graph(3), nx.path_graph(3))
    pos = {
        0: (0.0, 0.0),
        1: (1.0, 0.0),
        2: (2.0, 0.0),
        3: (50.0, 9.0),
        4: (51.0, 9.0),
        5: (52.0, 9.0),
    }
    assert normalized_stress(G, pos) == pytest.approx(0.0, abs=1e-12)
    big = nx.grid_2d_graph(30, 30)
    grid_pos = {v: (float(v[0]), float(v[1])) for v in big}
    exact = normalized_stress(big, grid_pos, max_sources=10_000)
    sampled = normalized_stress(big, grid_pos, max_sources=100)
    assert sampled == pytest.approx(exact, rel=0.1)


def test_force_layout_does_not_depend_on_the_eigenvector_signs_lapack_returns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two LAPACK builds may return an eigenvector or its negative: the layout must not care."""
    graph = nx.connected_watts_strogatz_graph(20, 4, 0.3, seed=3)  # few pivots: LAPACK's eigh
    before = force_layout(graph, seed=1)
    real_eigh = np.linalg.eigh

    def flipped_eigh(matrix: Any) -> Any:
        values, vectors = real_eigh(matrix)
        return values, -vectors

    monkeypatch.setattr(np.linalg, "eigh", flipped_eigh)
    assert force_layout(graph, seed=1) == before


def test_eigenvector_signs_are_fixed_by_their_largest_entry() -> None:
    from graph._layout_force import _fixed_signs

    vectors = np.array([[0.1, -0.8], [-0.9, 0.2], [0.3, 0.5]])
    fixed = _fixed_signs(vectors)
    assert fixed.tolist() == [[-0.1, 0.8], [0.9, -0.2], [-0.3, -0.5]]
    assert (_fixed_signs(-vectors) == fixed).all()


def test_org_chart_compact_stacks_a_wide_team_in_columns() -> None:
    """A manager over ten individual contributors beside two small teams: the contributors
    hang in columns under the manager (read top to bottom), so the chart is far narrower than
    the classic rows and no taller than a laptop screen's shape allows."""
    edges = [(f"ic{i}", "lead") for i in range(10)]
    edges += [("lead", "vp"), ("m1", "vp"), ("m2", "vp")]
    edges += [(f"m{k}r{j}", f"m{k}") for k in (1, 2) for j in range(3)]
    G = org(edges, nodes=["vp", "lead"])
    classic = org_chart_layout(G, compact=False)
    compact = org_chart_layout(G)
    assert_org_chart_properties(G, compact)
    nodes = list(G.nodes)
    c_left, c_top, c_right, c_bottom = bbox(compact, nodes)
    k_left, _, k_right, _ = bbox(classic, nodes)
    assert c_right - c_left < 0.75 * (k_right - k_left)
    assert (c_right - c_left) / (c_bottom - c_top) >= 1.0  # still landscape
    # the contributors stand in columns under their manager, in node order down each column
    ics = [f"ic{i}" for i in range(10)]
    columns = sorted({compact[v][0] for v in ics})
    assert 2 <= len(columns) <= 5
    assert min(columns) <= compact["lead"][0] <= max(columns)
    first = [v for v in ics if compact[v][0] == columns[0]]
    assert first == ics[: len(first)]
    assert [compact[v][1] for v in first] == sorted(compact[v][1] for v in first)


def test_org_chart_compact_puts_loose_people_in_the_empty_top_corner() -> None:
    """People with neither manager nor reports stand on the top rows right of a deep tree,
    rather than in rows of their own below it, when that makes the chart squarer."""
    edges = [("cto", "ceo"), ("vp", "cto"), ("dir", "vp"), ("lead", "dir")]
    edges += [(f"ic{j}", "lead") for j in range(2)]
    G = org(edges, nodes=["ceo", "solo1", "solo2", "solo3"])
    pos = org_chart_layout(G)
    assert_org_chart_properties(G, pos)
    tree = [v for v in G.nodes if not str(v).startswith("solo")]
    layers = sorted({pos[v][1] for v in tree})
    for solo in ("solo1", "solo2", "solo3"):
        assert pos[solo][1] in layers[:3]  # on the top rows, not below the tree
        beside = [v for v in tree if pos[v][1] == pos[solo][1]]
        assert all(pos[solo][0] - pos[v][0] >= DEFAULT_CARD_SIZE[0] + 2 * ORG_H_GAP for v in beside)
    # the chart is no wider than the tree and the loose people's own column
    left, _, right, _ = bbox(pos, list(G.nodes))
    t_left, _, t_right, _ = bbox(pos, tree)
    assert right - left <= t_right - t_left + DEFAULT_CARD_SIZE[0] + 6 * ORG_H_GAP
    assert not overlaps(pos, None, (ORG_H_GAP, ORG_V_GAP))
    # the classic shape keeps them below
    classic = org_chart_layout(G, compact=False)
    assert classic["solo1"][1] > bbox(classic, tree)[3]


def test_org_chart_compact_keeps_a_small_tidy_tree() -> None:
    G = org([(1, 0), (2, 0), (3, 1), (4, 1), (5, 2)])
    assert org_chart_layout(G) == org_chart_layout(G, compact=False)
