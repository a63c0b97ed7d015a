"""Which risks show on which cards, and the account's risks as lines for the banner (no Qt).

The rules are graph.signals' (read, never changed here): its account flags name the people
concerned; a flag about a whole level (no executive contact, no operations relationship) is
drawn on every active person of that level. One per-person mark is the map's own: a decision
maker whose only tie to us is one teammate is single-threaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeAlias

from graph.departure import is_decision_maker

if TYPE_CHECKING:
    import networkx as nx

    from graph.plain_graph import PlainMultiDiGraph

    # The account graph, or its plain copy a map's first paint reads (same reads, same order).
    AccountGraph: TypeAlias = nx.MultiDiGraph | PlainMultiDiGraph

# What a card's mark says, shortest first; codes are graph.signals' flag codes (or the map's).
MARKS = {
    "overdue_executive": "Overdue exec",
    "unowned_detractor": "Unowned detractor",
    "single_threaded": "Single thread",
    "uncovered_level": "Level uncovered",
}
# Flags about a whole level, drawn on that level's people.
LEVEL_FLAGS = {"no_executive_contact": "executive", "no_operations_relationship": "operations"}
FLAG_MARK = {
    "overdue_executive": "overdue_executive",
    "unowned_detractor": "unowned_detractor",
    "single_champion": "single_threaded",
    "no_executive_contact": "uncovered_level",
    "no_operations_relationship": "uncovered_level",
}


@dataclass(frozen=True)
class MapRisk:
    """One line of the banner: clicking it selects ``nodes``."""

    code: str
    severity: str  # "high" or "medium"
    message: str
    nodes: tuple[str, ...]


class _Flag(Protocol):  # what graph.signals.RiskFlag offers (read-only: it is frozen)
    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def nodes(self) -> tuple[str, ...]: ...


def _active_people(G: AccountGraph) -> list[str]:
    return [
        n
        for n, d in G.nodes(data=True)
        if d.get("kind") == "person" and d.get("status", "active") != "left"
    ]


def map_risks(G: AccountGraph, flags: Iterable[_Flag]) -> list[MapRisk]:
    """The account's flags with the people each concerns (a level flag: that level's people)."""
    people = _active_people(G)
    risks: list[MapRisk] = []
    for flag in flags:
        nodes = tuple(flag.nodes)
        level = LEVEL_FLAGS.get(flag.code)
        if not nodes and level is not None:
            nodes = tuple(n for n in people if G.nodes[n].get("level") == level)
        risks.append(MapRisk(flag.code, flag.severity, flag.message, nodes))
    threads = single_threaded(G)
    if threads:
        names = ", ".join(str(G.nodes[n].get("name", n)) for n in threads[:3])
        more = f" and {len(threads) - 3} more" if len(threads) > 3 else ""
        risks.append(
            MapRisk(
                "single_threaded",
                "medium",
                f"Single-threaded decision makers: {names}{more} (one teammate each)",
                tuple(threads),
            )
        )
    order = {"high": 0, "medium": 1}
    return sorted(risks, key=lambda r: order.get(r.severity, 2))


def single_threaded(G: AccountGraph) -> list[str]:
    """Active decision makers whose only tie to our team is one teammate."""
    found = []
    for person in _active_people(G):
        if not is_decision_maker(G.nodes[person]):
            continue
        teammates = {
            u for u, _, d in G.in_edges(person, data=True) if d.get("kind") in ("owns", "knows")
        }
        if len(teammates) == 1:
            found.append(person)
    return sorted(found)


def card_marks(risks: Iterable[MapRisk]) -> dict[str, tuple[str, ...]]:
    """Each person's marks, in MARKS order."""
    marks: dict[str, set[str]] = {}
    for risk in risks:
        mark = FLAG_MARK.get(risk.code, risk.code if risk.code in MARKS else None)
        if mark is None:
            continue
        for node in risk.nodes:
            if node.startswith("p"):
                marks.setdefault(node, set()).add(mark)
    order = list(MARKS)
    return {n: tuple(sorted(m, key=order.index)) for n, m in marks.items()}


def owner_initials(G: AccountGraph, person: str) -> tuple[str, ...]:
    """Initials of the teammates who own, then know, ``person``."""
    ties: list[tuple[int, str]] = []
    for u, _, d in G.in_edges(person, data=True):
        kind = d.get("kind")
        if kind in ("owns", "knows"):
            ties.append((0 if kind == "owns" else 1, u))
    return _initials_of(G, ties)


def every_owner_initials(G: AccountGraph) -> dict[str, tuple[str, ...]]:
    """``owner_initials`` of every covered person, in one pass over the links (a map of
    thousands of cards asks for all of them at once)."""
    ties: dict[str, list[tuple[int, str]]] = {}
    for u, v, d in G.edges(data=True):
        kind = d.get("kind")
        if kind in ("owns", "knows"):
            ties.setdefault(v, []).append((0 if kind == "owns" else 1, u))
    return {person: _initials_of(G, mine) for person, mine in ties.items()}


def _initials_of(G: AccountGraph, ties: list[tuple[int, str]]) -> tuple[str, ...]:
    seen: list[str] = []
    for _, member in sorted(ties):
        if member not in seen:
            seen.append(member)
    return tuple(_initials(str(G.nodes[m].get("name", "?"))) for m in seen)


def _initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha()]
    if not parts:
        return "?"
    return (parts[0][0] + (parts[-1][0] if len(parts) > 1 else "")).upper()
