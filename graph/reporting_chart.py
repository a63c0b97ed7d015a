"""An account's reporting lines as a small directed graph in plain Python (no networkx).

The map lays out, folds and opens its org chart on this: the first map the app paints must
not wait for networkx to load. It offers the part of ``networkx.DiGraph`` those readers use,
in the same orders (nodes as added, each node's managers and reports as their lines were
added), so a layout over it is the layout over the networkx chart of the same lines.
An edge ``report -> manager`` per reporting line.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Protocol, TypeVar


class ReportingChart:
    """Nodes in the order added; ``successors(v)``: v's managers, ``predecessors(v)``: v's
    reports, each in the order their lines were added."""

    def __init__(self) -> None:
        self._succ: dict[str, dict[str, None]] = {}
        self._pred: dict[str, dict[str, None]] = {}
        self._edges: dict[tuple[str, str], None] = {}

    def add_node(self, node: str) -> None:
        if node not in self._succ:
            self._succ[node] = {}
            self._pred[node] = {}

    def add_edge(self, report: str, manager: str) -> None:
        self.add_node(report)
        self.add_node(manager)
        self._succ[report][manager] = None
        self._pred[manager][report] = None
        self._edges[(report, manager)] = None

    @property
    def nodes(self) -> list[str]:
        return list(self._succ)

    def is_directed(self) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._succ)

    def __contains__(self, node: object) -> bool:
        return node in self._succ

    def __len__(self) -> int:
        return len(self._succ)

    def number_of_nodes(self) -> int:
        return len(self._succ)

    def edges(self) -> list[tuple[str, str]]:
        """Every line (report, manager), grouped by report in node order, as networkx lists
        them."""
        return [(u, v) for u, managers in self._succ.items() for v in managers]

    def successors(self, node: str) -> Iterator[str]:
        return iter(self._succ[node])

    def predecessors(self, node: str) -> Iterator[str]:
        return iter(self._pred[node])

    def out_degree(self, node: str) -> int:
        return len(self._succ[node])

    def in_degree(self, node: str) -> int:
        return len(self._pred[node])

    def subgraph(self, nodes: Iterable[str]) -> ReportingChart:
        """The chart among ``nodes`` (those in it), in this chart's orders."""
        keep = {n for n in nodes if n in self._succ}
        sub = ReportingChart()
        for node in self._succ:
            if node in keep:
                sub.add_node(node)
        for u, v in self._edges:
            if u in keep and v in keep:
                sub.add_edge(u, v)
        return sub


N = TypeVar("N", bound=Hashable)


class _Lines(Protocol[N]):
    def successors(self, node: N) -> Iterable[N]: ...

    def predecessors(self, node: N) -> Iterable[N]: ...


def ancestors(chart: _Lines[N], node: N) -> set[N]:
    """Everyone with a path of lines to ``node`` (under a manager: their whole team), ``node``
    itself excluded, as ``networkx.ancestors`` (on a ReportingChart or a networkx chart)."""
    return _reach(node, chart.predecessors)


def descendants(chart: _Lines[N], node: N) -> set[N]:
    """Everyone ``node`` has a path of lines to (everyone above them), ``node`` excluded, as
    ``networkx.descendants``."""
    return _reach(node, chart.successors)


def _reach(node: N, ways: Callable[[N], Iterable[N]]) -> set[N]:
    seen: set[N] = set()
    queue = deque(ways(node))
    while queue:
        current = queue.popleft()
        if current not in seen:
            seen.add(current)
            queue.extend(ways(current))
    seen.discard(node)
    return seen


def reporting_chart(people: Iterable[str], links: Iterable[tuple[str, str, str]]) -> ReportingChart:
    """``people`` (node keys) with a line report -> manager for every reports-to link among
    ``links`` (source, target, kind), as ``graph.networks.chart_of`` draws them."""
    from graph.vocabulary import RelationKind

    chart = ReportingChart()
    for person in people:
        chart.add_node(person)
    for source, target, kind in links:
        if kind == RelationKind.REPORTS_TO:
            chart.add_edge(source, target)
    return chart
