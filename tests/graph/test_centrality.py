"""Influence centrality: the ranking the map and the detractor flag read.

Production computes it in ``graph.signals`` (``snapshot.signals``, ``PersonSignals.centrality``)
through ``graph.centrality.influence_centrality``.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graph import schema as s
from graph.centrality import influence_centrality
from graph.signals import account_signals
from graph.vocabulary import RelationKind
from graph.workspace import Workspace
from tests.conftest import TODAY

# (influencer, influenced, strength): parallel links, a node nobody influences and one alone.
LINKS = [
    ("a", "b", 1.0),
    ("a", "b", 3.0),  # the stronger of two parallel links counts
    ("c", "b", 1.0),
    ("b", "c", 1.0),
    ("c", "a", 3.0),
    ("d", "a", 1.0),
    ("d", "c", 2.0),
    ("e", "d", 1.0),
]
NODES = ["a", "b", "c", "d", "e", "f"]


def reference(nodes: list[str], links: list[tuple[str, str, float]]) -> dict[str, float]:
    """PageRank on the reversed network (networkx), strongest parallel link, top scaled to 1."""
    G = nx.DiGraph()
    G.add_nodes_from(nodes)
    for influencer, influenced, weight in links:
        old = G.get_edge_data(influenced, influencer, {"weight": 0.0})["weight"]
        G.add_edge(influenced, influencer, weight=max(old, weight))
    rank = nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-12)
    top = max(rank.values())
    return {n: r / top for n, r in rank.items()}


def test_weighted_pagerank_of_the_reversed_network() -> None:
    got = influence_centrality(NODES, LINKS)
    assert list(got) == NODES
    assert got == pytest.approx(reference(NODES, LINKS), abs=1e-5)
    assert max(got.values()) == 1.0
    # who sways the people who sway others ranks first; nobody swayed by anyone ranks last
    assert max(got, key=got.__getitem__) == "e"
    assert min(got, key=got.__getitem__) == "f"


def test_strength_and_direction_matter() -> None:
    weak = influence_centrality(NODES, [(u, v, 1.0) for u, v, _ in LINKS])
    assert weak != pytest.approx(influence_centrality(NODES, LINKS), abs=1e-3)
    # b is swayed by a (3) and c (1): a gains most
    two = influence_centrality(["a", "b", "c"], [("a", "b", 3.0), ("c", "b", 1.0)])
    assert two == pytest.approx(
        reference(["a", "b", "c"], [("a", "b", 3.0), ("c", "b", 1.0)]), abs=1e-5
    )
    assert two["a"] == 1.0 and two["c"] < two["a"] and two["b"] < two["c"]


def test_the_strongest_parallel_link_counts_whatever_the_order() -> None:
    strongest = influence_centrality(["a", "b", "c"], [("a", "b", 3.0), ("c", "b", 1.0)])
    for parallel in ([("a", "b", 3.0), ("a", "b", 1.0)], [("a", "b", 1.0), ("a", "b", 3.0)]):
        got = influence_centrality(["a", "b", "c"], [*parallel, ("c", "b", 1.0)])
        assert got == pytest.approx(strongest, abs=1e-9)


def test_weights_below_one_are_relative_too() -> None:
    light = [("a", "b", 0.5), ("c", "b", 0.25), ("b", "c", 0.1), ("a", "c", 0.2)]
    got = influence_centrality(["a", "b", "c"], light)
    assert got == pytest.approx(reference(["a", "b", "c"], light), abs=1e-5)


def test_unknown_nodes_and_self_links_are_ignored() -> None:
    # each kind of ignored link before and after the real ones
    noise = [("a", "a", 3.0), ("a", "zz", 3.0), ("zz", "f", 3.0)]
    noisy = [*noise, *LINKS[:4], *noise, *LINKS[4:], *noise]
    assert influence_centrality(NODES, noisy) == pytest.approx(
        influence_centrality(NODES, LINKS), abs=1e-9
    )


def test_no_people_or_no_links() -> None:
    assert influence_centrality([], LINKS) == {}
    assert influence_centrality(["a"], [("a", "a", 1.0)]) == {"a": 0.0}
    assert influence_centrality(["a", "b"], []) == {"a": 0.0, "b": 0.0}
    assert influence_centrality(["a", "b"], [("a", "a", 1.0)]) == {"a": 0.0, "b": 0.0}


def test_one_link_and_everyone_dangling() -> None:
    # a influences b: in the reversed network b -> a and a is dangling (spreads evenly)
    got = influence_centrality(["a", "b", "c"], [("a", "b", 1.0)])
    assert got == pytest.approx(reference(["a", "b", "c"], [("a", "b", 1.0)]), abs=1e-5)
    assert got["a"] == 1.0 and got["b"] == pytest.approx(got["c"])


# --- in production: the signals of an account ---------------------------------------------


def add(ws: Workspace, account: s.Account, name: str, **fields: object) -> s.Person:
    return ws.add(s.Person(account_id=account.id, name=name, **fields))  # type: ignore[arg-type]


def link(ws: Workspace, kind: RelationKind, a: s.Person, b: s.Person, strength: int = 1) -> None:
    ws.add(
        s.Relationship(
            account_id=a.account_id, kind=kind, source_id=a.id, target_id=b.id, strength=strength
        )
    )


def test_signals_rank_influence_links_by_strength_and_managers_over_reports(
    ws: Workspace, account: s.Account
) -> None:
    boss = add(ws, account, "Boss")
    broker = add(ws, account, "Broker")
    report = add(ws, account, "Report")
    peer = add(ws, account, "Peer")
    leaves = [add(ws, account, f"Leaf {i}") for i in range(3)]
    link(ws, RelationKind.INFLUENCES, broker, boss, 3)
    link(ws, RelationKind.INFLUENCES, boss, peer, 3)
    link(ws, RelationKind.REPORTS_TO, report, boss)  # the boss sways the report, weight 1
    link(ws, RelationKind.INFLUENCES, peer, report, 2)  # ...and the peer, twice as much
    for leaf in leaves:
        link(ws, RelationKind.INFLUENCES, leaf, broker, 2)
    # neither an ally nor a conflict is influence
    link(ws, RelationKind.ALLY, report, peer)
    link(ws, RelationKind.CONFLICT, peer, leaves[0])
    ws.log_interaction(account.id, dt.datetime.combine(TODAY, dt.time(9)), people=[boss.id])

    node = {p.id: f"p{p.id}" for p in (boss, broker, report, peer, *leaves)}
    expected = influence_centrality(
        list(node.values()),
        [
            (node[broker.id], node[boss.id], 3.0),
            (node[boss.id], node[peer.id], 3.0),
            (node[boss.id], node[report.id], 1.0),
            (node[peer.id], node[report.id], 2.0),
            *((node[leaf.id], node[broker.id], 2.0) for leaf in leaves),
        ],
    )
    people = account_signals(ws, account.id, TODAY).people
    assert {pid: sig.centrality for pid, sig in people.items()} == {
        pid: round(expected[n], 4) for pid, n in node.items()
    }
    assert people[broker.id].centrality > people[boss.id].centrality > people[peer.id].centrality
    assert people[boss.id].centrality > people[report.id].centrality > 0


def test_a_lone_account_ranks_nobody(ws: Workspace, account: s.Account) -> None:
    a, b = add(ws, account, "A"), add(ws, account, "B")
    link(ws, RelationKind.ALLY, a, b)
    people = account_signals(ws, account.id, TODAY).people
    assert [people[p.id].centrality for p in (a, b)] == [0.0, 0.0]
