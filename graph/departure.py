"""What an account loses if one person leaves, on either side, and what to do about it.

For a customer person: every link they were part of, the influence paths that ran through them
(pairs of people where one could sway the other only via the leaver), and the people our team
can no longer reach through its contacts. For a team member: their links, the customer people
nobody on our team covers any more, and the reach lost with them.

``departure_advice`` turns that into three answers: who we lose contact with, which decision
makers lose their only path to us, and whom to build a relationship with instead (bridges,
ranked by what they give back, each with the teammate best placed to do it).

People who already left the company count for nothing: they are no path, no loss and no
bridge. A conflict link is a relationship, not influence, and not something one loses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.networks import influence_network, team_reach

if TYPE_CHECKING:
    import networkx as nx

# Beyond this many pairs, listing every lost path helps no one; the count stays exact.
MAX_LISTED_PATHS = 500
NOT_A_LOSS = frozenset({"conflict"})
# Who decides: the buying roles that sign or veto, every executive, and anyone rated 4-5 for
# influence.
DECISION_ROLES = frozenset({"economic_buyer", "technical_buyer"})
DECISION_LEVEL = "executive"
DECISION_INFLUENCE = 4
MAX_BRIDGES = 5


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
    import networkx as nx

    found: set[str] = set()
    for member in members:
        if member in reach:
            found |= nx.descendants(reach, member)
    return {n for n in found if not n.startswith("t")}


def _lost_paths(net: nx.DiGraph, node: str) -> tuple[list[tuple[str, str]], int]:
    import networkx as nx

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


def present(G: nx.MultiDiGraph, keep: str | None = None) -> nx.MultiDiGraph:
    """``G`` without the people who already left the company (``keep`` stays regardless)."""
    gone = [n for n, d in G.nodes(data=True) if d.get("status") == "left" and n != keep]
    if not gone:
        return G
    return G.subgraph(n for n in G if n not in set(gone))


def departure_impact(G: nx.MultiDiGraph, node: str) -> DepartureImpact:
    """The impact of ``node`` leaving the account graph ``G`` (see graph.networks)."""
    if node not in G:
        raise KeyError(f"{node} is not in this account")
    G = present(G, keep=node)
    lost_edges = sorted(
        (u, v, kind)
        for u, v, kind in {
            (u, v, str(d.get("kind", k))) for u, v, k, d in G.in_edges(node, keys=True, data=True)
        }
        | {(u, v, str(d.get("kind", k))) for u, v, k, d in G.out_edges(node, keys=True, data=True)}
        if kind not in NOT_A_LOSS
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


@dataclass(frozen=True)
class Bridge:
    """Someone to build a relationship with: owning them gives back a path to ``restores``."""

    person: str
    restores: list[str]
    decision_makers: list[str]  # those of ``restores`` who decide
    best_placed: str | None  # the teammate closest to them today, or by role; None: no team
    already_known: bool  # best_placed already owns or knows them
    near: bool = False  # best_placed covers people around them (else chosen by role)


@dataclass(frozen=True)
class DepartureAdvice:
    node: str
    lose_contact: list[str]  # people our team can no longer reach at all
    cut_off_decision_makers: list[str]  # decision makers among them
    bridges: list[Bridge]  # best first
    impact: DepartureImpact


def is_decision_maker(data: dict[str, object]) -> bool:
    influence = data.get("influence")
    return (
        data.get("role") in DECISION_ROLES
        or data.get("level") == DECISION_LEVEL
        or (isinstance(influence, int) and influence >= DECISION_INFLUENCE)
    )


def departure_advice(G: nx.MultiDiGraph, node: str) -> DepartureAdvice:
    """What ``node`` leaving costs in contact, and whom to build a relationship with instead."""
    impact = departure_impact(G, node)
    G = present(G, keep=node)
    lost = [n for n in impact.lost_reach if G.nodes[n].get("kind") == "person"]
    if G.nodes[node].get("kind") == "member":  # people only they covered, reachable or not
        lost = sorted(set(lost) | set(impact.newly_uncovered))
    deciders = [n for n in lost if is_decision_maker(G.nodes[n])]
    return DepartureAdvice(
        node=node,
        lose_contact=lost,
        cut_off_decision_makers=deciders,
        bridges=_bridges(G, node, lost, set(deciders)),
        impact=impact,
    )


def _bridges(G: nx.MultiDiGraph, leaver: str, lost: list[str], deciders: set[str]) -> list[Bridge]:
    """People who can sway the lost ones without the leaver (or the lost ones themselves),
    ranked by the decision makers, then the people they give back, then their influence."""
    import networkx as nx

    if not lost:
        return []
    net = influence_network(G)
    without = net.subgraph(n for n in net if n != leaver)
    restores: dict[str, set[str]] = {}
    for person in lost:
        if person not in without:
            continue
        for candidate in nx.ancestors(without, person) | {person}:
            restores.setdefault(candidate, set()).add(person)
    members = [n for n, d in G.nodes(data=True) if d.get("kind") == "member" and n != leaver]

    def rank(candidate: str) -> tuple[int, int, int, str]:
        back = restores[candidate]
        influence = G.nodes[candidate].get("influence")
        return (
            -len(back & deciders),
            -len(back),
            -(influence if isinstance(influence, int) else 0),
            str(G.nodes[candidate].get("name", candidate)),
        )

    chosen: list[Bridge] = []
    covered: set[str] = set()
    for candidate in sorted(restores, key=rank):
        back = restores[candidate]
        if back <= covered:  # adds nothing the better bridges above do not already give back
            continue
        covered |= back
        teammate, known, near = _best_placed(G, candidate, members)
        chosen.append(
            Bridge(
                person=candidate,
                restores=sorted(back),
                decision_makers=sorted(back & deciders),
                best_placed=teammate,
                already_known=known,
                near=near,
            )
        )
        if len(chosen) == MAX_BRIDGES or covered >= set(lost):
            break
    return chosen


# How deep a teammate's relationship goes, as RelationshipLevel orders them (none = 0).
_LEVELS = {"trusted_advisor": 4, "problem_solver": 3, "credible_source": 2, "vendor": 1}


# With nobody close: executives are the account executive's or our sponsor's to meet, everyone
# else the TAM's or the customer success manager's.
_FOR_DECIDERS = ("account_executive", "executive_sponsor", "tam", "customer_success_manager")
_FOR_OTHERS = ("tam", "customer_success_manager", "solution_engineer", "account_executive")


def _best_placed(
    G: nx.MultiDiGraph, person: str, members: list[str]
) -> tuple[str | None, bool, bool]:
    """The teammate who knows ``person`` best (owns before knows, then the deeper level), else
    the one who covers most of the people around them (manager, reports, allies, influencers),
    else the one whose role fits; and whether they know them, and whether they are near.
    """
    direct: list[tuple[int, int, str]] = []
    for member in members:
        for kind, data in G.get_edge_data(member, person, default={}).items():
            kind = str(data.get("kind", kind))
            if kind in ("owns", "knows"):
                level = _LEVELS.get(str(data.get("current_level")), 0)
                direct.append((kind == "owns", level, member))
    if direct:
        return max(direct, key=lambda d: (d[0], d[1], d[2]))[2], True, True
    around = (set(G.predecessors(person)) | set(G.successors(person))) - {person}
    around = {n for n in around if G.nodes[n].get("kind") == "person"}
    best: tuple[int, str] | None = None
    for member in members:
        near = sum(1 for n in around if G.has_edge(member, n))
        if near and (best is None or (near, member) > best):
            best = (near, member)
    if best is not None:
        return best[1], False, True
    order = _FOR_DECIDERS if is_decision_maker(G.nodes[person]) else _FOR_OTHERS
    by_role = [m for m in members if G.nodes[m].get("role") in order]
    if not by_role:
        return (sorted(members)[0] if members else None), False, False
    fit = min(by_role, key=lambda m: (order.index(str(G.nodes[m].get("role"))), m))
    return fit, False, False
