"""The plain-Python graphs the first map reads (graph.reporting_chart, graph.plain_graph,
graph.org_layout) answer exactly as networkx does on the same lines, in the same orders."""

from __future__ import annotations

import random
from collections.abc import Callable

import networkx as nx
import pytest

from graph.org_layout import org_chart_layout
from graph.plain_graph import PlainMultiDiGraph
from graph.reporting_chart import ReportingChart, ancestors, descendants


def random_lines(seed: int, people: int) -> tuple[list[str], list[tuple[str, str]]]:
    """People and reporting lines with the bad data real files hold: self-lines, cycles,
    several managers, repeated lines and lines to people not listed."""
    rng = random.Random(seed)
    nodes = [f"p{i}" for i in range(people)]
    lines = []
    for i in range(1, people):
        roll = rng.random()
        if roll < 0.7:
            lines.append((nodes[i], nodes[rng.randrange(i)]))
        elif roll < 0.8:
            lines.append((nodes[i], nodes[rng.randrange(people)]))
        elif roll < 0.85:
            lines.append((nodes[i], f"x{rng.randrange(3)}"))
    lines += rng.sample(lines, min(len(lines), 5))
    rng.shuffle(lines)
    return nodes, lines


def both(nodes: list[str], lines: list[tuple[str, str]]) -> tuple[ReportingChart, nx.DiGraph]:
    plain, net = ReportingChart(), nx.DiGraph()
    for node in nodes:
        plain.add_node(node)
        net.add_node(node)
    for report, manager in lines:
        plain.add_edge(report, manager)
        net.add_edge(report, manager)
    return plain, net


@pytest.mark.parametrize("seed", range(12))
def test_a_reporting_chart_reads_as_the_networkx_chart(seed: int) -> None:
    plain, net = both(*random_lines(seed, 60))
    assert list(plain) == list(net) and plain.nodes == list(net.nodes)
    assert plain.edges() == list(net.edges)
    assert len(plain) == plain.number_of_nodes() == net.number_of_nodes()
    for node in net:
        assert list(plain.successors(node)) == list(net.successors(node))
        assert list(plain.predecessors(node)) == list(net.predecessors(node))
        assert (plain.in_degree(node), plain.out_degree(node)) == (
            net.in_degree(node),
            net.out_degree(node),
        )
        assert ancestors(plain, node) == nx.ancestors(net, node)
        assert descendants(plain, node) == nx.descendants(net, node)
    some = [n for i, n in enumerate(net) if i % 3]
    sub, net_sub = plain.subgraph(some), net.subgraph(some)
    assert list(sub) == list(net_sub)
    for node in net_sub:
        assert list(sub.successors(node)) == list(net_sub.successors(node))
        assert list(sub.predecessors(node)) == list(net_sub.predecessors(node))


@pytest.mark.parametrize("seed", range(12))
def test_the_org_chart_on_a_reporting_chart_is_the_one_on_networkx(seed: int) -> None:
    nodes, lines = random_lines(seed, 90)
    plain, net = both(nodes, lines)
    rng = random.Random(seed)
    sizes = {n: (rng.choice([150.0, 180.0, 212.5]), rng.choice([56.0, 64.0, 88.0])) for n in net}
    for options in ({}, {"compact": False}, {"aspect": 1.4}, {"max_leaf_row": 2}):
        placed = org_chart_layout(plain, sizes, **options)  # type: ignore[arg-type]
        assert placed == org_chart_layout(net, sizes, **options)  # type: ignore[arg-type]
        assert list(placed) == list(net)


def test_the_org_chart_refuses_bad_sizes_and_an_undirected_graph() -> None:
    plain, _ = both(["a", "b"], [("a", "b")])
    with pytest.raises(ValueError, match="card size of 'a'"):
        org_chart_layout(plain, {"a": (0.0, 10.0)})
    with pytest.raises(TypeError, match="directed"):
        org_chart_layout(nx.Graph([("a", "b")]))


def multi_calls(seed: int) -> list[Callable[[nx.MultiDiGraph | PlainMultiDiGraph], None]]:
    """The calls graph.networks.build_graph makes: nodes with attributes, keyed links (some
    repeated, some to nodes not added), attributes updated by a second call."""
    rng = random.Random(seed)
    nodes = [f"p{i}" for i in range(25)] + [f"t{i}" for i in range(4)]
    calls: list[Callable[[nx.MultiDiGraph | PlainMultiDiGraph], None]] = []
    for node in nodes:
        calls.append(lambda g, n=node: g.add_node(n, kind=n[0], name=n.upper()))
    for _ in range(70):
        u, v = rng.choice([*nodes, "p99"]), rng.choice(nodes)
        key = rng.choice(["reports_to", "influences", "ally", "owns"])
        strength = rng.randint(1, 3)
        calls.append(lambda g, u=u, v=v, k=key, s=strength: g.add_edge(u, v, key=k, kind=k, s=s))
    calls.append(lambda g: g.add_node("p3", level="executive"))
    return calls


@pytest.mark.parametrize("seed", range(8))
def test_a_plain_account_graph_reads_as_the_networkx_one(seed: int) -> None:
    plain, net = PlainMultiDiGraph(), nx.MultiDiGraph()
    for call in multi_calls(seed):
        call(plain)
        call(net)
    assert plain.nodes(data=True) == list(net.nodes(data=True))
    assert list(plain.nodes) == list(net.nodes) and len(plain) == len(net)
    assert plain.edges(keys=True, data=True) == list(net.edges(keys=True, data=True))
    assert plain.edges() == list(net.edges())
    for node in net:
        assert plain.nodes[node] == net.nodes[node]
        assert plain.in_edges(node, data=True) == list(net.in_edges(node, data=True))


def test_edges_by_attribute_name_read_as_networkx_reads_them() -> None:
    """``edges(data="kind")`` gives the kind, as networkx does, not the attribute dict."""
    nx_graph, plain = nx.MultiDiGraph(), PlainMultiDiGraph()
    for g in (nx_graph, plain):
        g.add_edge("t1", "p1", key="owns", kind="owns")
        g.add_edge("p2", "p1", key="reports_to")
    for data in (False, True, "kind"):
        assert plain.edges(data=data) == list(nx_graph.edges(data=data)), data
        assert plain.in_edges("p1", data=data) == list(nx_graph.in_edges("p1", data=data)), data
