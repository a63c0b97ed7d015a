"""What an account loses if one person leaves, on either side.

For a customer person: every link they were part of, the influence paths that ran through them
(pairs of people where one could sway the other only via the leaver), and the people our team
can no longer reach through its contacts. For a team member: their links, the customer people
nobody on our team covers any more, and the reach lost with them.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.networks import influence_network, team_reach

# Beyond this many pairs, listing every lost path helps no one; the count stays exact.
MAX_LISTED_PATHS = 500


@dataclass(frozen=True)
class DepartureImpact:
    node: str
    lost_edges: list[tuple[str, str, str]]
    lost_paths: list[tuple[str, str]]
    lost_path_count: int
    newly_uncovered: list[str]
    lost_reach: list[str]
    reach_before: int
    reach_after: int


def _reachable_from_team(reach: nx.DiGraph, members: list[str]) -> set[str]:
    found: set[str] = set()
    for member in members:
        if member in reach:
            found |= nx.descendants(reach, member)
    return {n for n in found if not n.startswith("t")}


def _lost_paths(net: nx.DiGraph, node: str) -> tuple[list[tuple[str, str]], int]:
    if node not in net:
        return [], 0
    # Only people who could reach the leaver can lose a path through them, and only to people
    # the leaver could reach: that bounds the work to the leaver's neighbourhood.
    upstream = nx.ancestors(net, node)
    downstream = nx.descendants(net, node)
    without = net.subgraph(n for n in net if n != node)
    pairs: list[tuple[str, str]] = []
    count = 0
    for source in sorted(upstream):
        still = nx.descendants(without, source)
        for target in sorted(downstream - still - {source}):
            count += 1
            if len(pairs) < MAX_LISTED_PATHS:
                pairs.append((source, target))
    return pairs, count


def departure_impact(G: nx.MultiDiGraph, node: str) -> DepartureImpact:
    """The impact of ``node`` leaving the account graph ``G`` (see graph.networks)."""
    if node not in G:
        raise KeyError(f"{node} is not in this account")
    lost_edges = sorted(
        {(u, v, str(d.get("kind", k))) for u, v, k, d in G.in_edges(node, keys=True, data=True)}
        | {(u, v, str(d.get("kind", k))) for u, v, k, d in G.out_edges(node, keys=True, data=True)}
    )
    members = [n for n, d in G.nodes(data=True) if d.get("kind") == "member"]
    reach = team_reach(G)
    before = _reachable_from_team(reach, members)
    after_graph = reach.subgraph(n for n in reach if n != node)
    after = _reachable_from_team(after_graph, [m for m in members if m != node])

    newly_uncovered: list[str] = []
    lost_paths: list[tuple[str, str]] = []
    lost_count = 0
    if G.nodes[node].get("kind") == "member":
        covered_by: dict[str, set[str]] = {}
        for u, v, d in G.edges(data=True):
            if d.get("kind") in ("owns", "knows"):
                covered_by.setdefault(v, set()).add(u)
        newly_uncovered = sorted(p for p, who in covered_by.items() if who == {node})
    else:
        lost_paths, lost_count = _lost_paths(influence_network(G), node)
    return DepartureImpact(
        node=node,
        lost_edges=lost_edges,
        lost_paths=lost_paths,
        lost_path_count=lost_count,
        newly_uncovered=newly_uncovered,
        lost_reach=sorted(before - after - {node}),
        reach_before=len(before - {node}),
        reach_after=len(after),
    )
