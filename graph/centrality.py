"""Influence centrality: weighted PageRank on the reversed influence network, 0..1.

A person ranks high when they sway people who themselves sway others. Written in plain Python
over the links (not numpy, networkx or scipy): the portfolio summary computes it for every
account at once and must stay well under a second, start-up included, and importing numpy
alone costs a sixth of that. Each iteration is one pass over the links.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from operator import sub
from typing import TypeVar

from graph.vocabulary import RelationKind

N = TypeVar("N", bound=Hashable)

DAMPING = 0.85
TOLERANCE = 1.0e-6
MAX_ITERATIONS = 100


def influence_links(
    links: Iterable[tuple[N, N, str, float]],
) -> Iterator[tuple[N, N, float]]:
    """Who can sway whom, as (influencer, influenced, weight), from ``links`` (source, target,
    kind, strength): an influence link by its strength, and a manager over each report (1).

    The influence network of ``graph.networks`` and the centrality of ``graph.signals`` both
    read the account's links through this one rule.
    """
    for source, target, kind, strength in links:
        if kind == RelationKind.INFLUENCES:
            yield source, target, float(strength)
        elif kind == RelationKind.REPORTS_TO:
            yield target, source, 1.0


def influence_centrality(nodes: Sequence[N], links: Iterable[tuple[N, N, float]]) -> dict[N, float]:
    """``links`` are (influencer, influenced, weight); the top person scores 1.0.

    Parallel links keep the strongest weight; links to unknown nodes and self-links are ignored.
    With no links at all, everyone scores 0.
    """
    index = {node: i for i, node in enumerate(nodes)}
    strongest: dict[tuple[int, int], float] = {}
    for influencer, influenced, weight in links:
        a, b = index.get(influencer), index.get(influenced)
        if a is None or b is None or a == b:
            continue
        key = (b, a)  # reversed: rank flows from the influenced to the influencer
        strongest[key] = max(strongest.get(key, 0.0), float(weight))
    n = len(index)
    if n == 0:
        return {}
    if not strongest:
        return dict.fromkeys(nodes, 0.0)
    out_weight = [0.0] * n
    for (src, _), weight in strongest.items():
        out_weight[src] += weight
    edges = [(src, dst, weight / out_weight[src]) for (src, dst), weight in strongest.items()]
    dangling = [i for i in range(n) if out_weight[i] == 0]
    teleport = (1.0 - DAMPING) / n
    rank = [1.0 / n] * n
    for _ in range(MAX_ITERATIONS):
        spread = [0.0] * n
        for src, dst, share in edges:
            spread[dst] += rank[src] * share
        lost = sum(map(rank.__getitem__, dangling)) / n
        new = [DAMPING * (x + lost) + teleport for x in spread]
        converged = sum(map(abs, map(sub, new, rank))) < n * TOLERANCE
        rank = new
        if converged:
            break
    top = max(rank)
    return {node: rank[i] / top for node, i in index.items()}
