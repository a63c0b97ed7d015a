"""A plain snapshot of one account for the map: cards, links and their signals (no Qt).

Built from ``graph.networks.account_graph`` and ``graph.signals.account_signals``; comparing two
snapshots tells the scene which cards and links changed, so an edit repaints one card.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from desktop.map.card_risks import MapRisk, card_marks, every_owner_initials, map_risks
from graph.networks import account_rows, build_graph, snapshot_graph
from graph.plain_graph import PlainMultiDiGraph
from graph.reporting_chart import ReportingChart, reporting_chart
from graph.signals import RiskFlag, account_signals

if TYPE_CHECKING:
    import networkx as nx

    from graph.snapshot import AccountSnapshot
    from graph.workspace import Workspace

COVERAGE_KINDS = ("owns", "knows")


@dataclass(slots=True)
class CardData:
    """One card's facts (treated as immutable: a change makes a new one)."""

    key: str
    kind: str  # "person" or "member"
    name: str
    title: str = ""
    department: str = ""
    level: str = ""
    role: str = ""
    influence: int = 3
    attitude: int = 0
    interest: int = 3
    status: str = "active"
    cadence: str | None = None  # "ok", "due", "overdue"
    last_contact: dt.date | None = None
    coverage: str = ""
    centrality: float = 0.0
    owners: tuple[int, ...] = ()
    email: str = ""
    risks: tuple[str, ...] = ()  # card_risks.MARKS codes
    owned_by: tuple[str, ...] = ()  # our teammates' initials, owners first

    @property
    def is_member(self) -> bool:
        return self.kind == "member"


@dataclass(slots=True)
class LinkData:
    key: str  # selection key: "r<id>" for a Relationship, "c<id>" for a Coverage link
    source: str
    target: str
    kind: str
    strength: int = 1
    current_level: str = ""
    desired_level: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        return (
            (self.source, self.target) if self.source < self.target else (self.target, self.source)
        )

    @property
    def record_id(self) -> int:
        return int(self.key[1:])


class GraphLater:
    """How to build the account's networkx graph when first asked for (from rows already
    read): the map paints its cards without loading networkx."""

    def __init__(self, build: Callable[[], nx.MultiDiGraph]) -> None:
        self.build = build


@dataclass
class MapData:
    account_id: int | None
    account_name: str = ""
    cards: dict[str, CardData] = field(default_factory=dict)
    links: dict[str, LinkData] = field(default_factory=dict)
    # the account graph (``graph``): a networkx graph, or how to build it when first asked
    graph_source: nx.MultiDiGraph | GraphLater | None = field(
        default=None, compare=False, repr=False
    )
    today: dt.date | None = None
    risks: list[MapRisk] = field(default_factory=list)

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The account as a networkx graph (built now if it was left for later)."""
        source = self.graph_source
        if source is None:
            import networkx as nx

            source = nx.MultiDiGraph()
        elif isinstance(source, GraphLater):
            source = source.build()
        self.graph_source = source
        return source

    def people(self) -> list[CardData]:
        return [c for c in self.cards.values() if not c.is_member]

    def members(self) -> list[CardData]:
        return [c for c in self.cards.values() if c.is_member]

    def org_chart(self) -> ReportingChart:
        """Customer people with an edge report -> manager per reports-to line."""
        links = ((link.source, link.target, link.kind) for link in self.links.values())
        return reporting_chart((c.key for c in self.people()), links)

    def network(self, *, include_team: bool = True) -> nx.Graph:
        """Every card and link as an undirected weighted graph, for the force layout."""
        import networkx as nx

        net = nx.Graph()
        net.add_nodes_from(k for k, c in self.cards.items() if include_team or not c.is_member)
        for link in self.links.values():
            if link.source in net and link.target in net:
                weight = {"reports_to": 2.0, "influences": 1.0 + link.strength / 2}.get(
                    link.kind, 1
                )
                old = net.get_edge_data(link.source, link.target, {}).get("weight", 0.0)
                net.add_edge(link.source, link.target, weight=max(old, weight))
        return net


def card_sizes(data: MapData) -> dict[str, tuple[float, float]]:
    """Each card's (width, height), as the card items draw them (for a layout made before
    any item exists, on a worker)."""
    from desktop.map.member_card import MEMBER_SIZE
    from desktop.map.person_card import card_size

    return {
        k: MEMBER_SIZE if c.is_member else card_size(c.influence) for k, c in data.cards.items()
    }


def load_map_data(ws: Workspace, account_id: int | None, today: dt.date | None = None) -> MapData:
    """Read one account for the map (an empty map for ``None``)."""
    if account_id is None:
        return MapData(None)
    today = today or ws.today()
    from graph import schema as s

    account = ws.get(s.Account, account_id)
    rows = account_rows(ws, account_id, include_team=True, today=today)
    signals = account_signals(ws, account_id, today=today)
    # The cards read a plain copy of the graph; networkx builds its own from the same rows
    # when something asks (an edit, the departure impact): the map paints without it.
    plain = build_graph(*rows, into=PlainMultiDiGraph())
    data = from_graph(plain, signals.people, account_id, account.name, today, signals.flags)
    data.graph_source = GraphLater(partial(build_graph, *rows))
    for person_id, email in _emails(ws, account_id).items():  # for search; not in the graph
        card = data.cards.get(f"p{person_id}")
        if card is not None:
            card.email = email
    return data


def snapshot_map_data(snapshot: AccountSnapshot) -> MapData:
    """The map of an account as of its snapshot's day, from the snapshot alone (no read): the
    people on the account that day, with the signals the snapshot computed once. Emails (only
    the map's search uses them) are left out."""
    account = snapshot.account
    signals = snapshot.signals
    return from_graph(
        snapshot_graph(snapshot),
        dict(signals.people),
        account.id,
        account.name,
        snapshot.as_of,
        signals.flags,
    )


def _emails(ws: Workspace, account_id: int) -> dict[int, str]:
    """Each person's email, read as plain rows (the graph does not carry it)."""
    from sqlalchemy import select

    from graph import schema as s

    people = s.Base.metadata.tables["people"]
    query = select(people.c.id, people.c.email).where(people.c.account_id == account_id)
    with ws.engine.connect() as conn:
        return {row.id: row.email or "" for row in conn.execute(query)}


def from_graph(
    G: nx.MultiDiGraph | PlainMultiDiGraph,
    people_signals: Mapping[int, object],
    account_id: int | None,
    account_name: str = "",
    today: dt.date | None = None,
    flags: Iterable[RiskFlag] = (),
) -> MapData:
    risks = map_risks(G, flags)
    marks = card_marks(risks)
    # a plain graph is not the networkx one: its reader says how to build that (load_map_data)
    source = None if isinstance(G, PlainMultiDiGraph) else G
    data = MapData(account_id, account_name, graph_source=source, today=today, risks=risks)
    owned_by = every_owner_initials(G)
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") == "member":
            data.cards[node] = CardData(
                key=node, kind="member", name=attrs.get("name", ""), role=attrs.get("role", "")
            )
            continue
        sig = people_signals.get(int(node[1:]))
        status = getattr(sig, "cadence_status", None)
        coverage = getattr(sig, "coverage", None)
        data.cards[node] = CardData(
            key=node,
            kind="person",
            name=attrs.get("name", ""),
            title=attrs.get("title", "") or "",
            department=attrs.get("department", "") or "",
            level=attrs.get("level", ""),
            role=attrs.get("role", ""),
            influence=int(attrs.get("influence", 3)),
            attitude=int(attrs.get("attitude", 0)),
            interest=int(attrs.get("interest", 3)),
            status=attrs.get("status", "active"),
            cadence=str(status) if status is not None else None,
            last_contact=getattr(sig, "last_contact", None),
            coverage=str(coverage) if coverage is not None else "",
            centrality=float(getattr(sig, "centrality", 0.0)),
            owners=tuple(getattr(sig, "owners", ())),
            risks=marks.get(node, ()),
            owned_by=owned_by.get(node, ()),
        )
    for u, v, key, attrs in G.edges(keys=True, data=True):
        kind = str(attrs.get("kind", key))
        prefix = "c" if kind in COVERAGE_KINDS else "r"
        link_key = f"{prefix}{attrs['record_id']}"
        data.links[link_key] = LinkData(
            key=link_key,
            source=u,
            target=v,
            kind=kind,
            strength=int(attrs.get("strength", 1) or 1),
            current_level=str(attrs.get("current_level", "") or ""),
            desired_level=str(attrs.get("desired_level", "") or ""),
        )
    return data


@dataclass
class MapFilter:
    """Which customer cards to show; an empty set means "any"."""

    roles: set[str] = field(default_factory=set)
    levels: set[str] = field(default_factory=set)
    attitudes: set[int] = field(default_factory=set)
    cadences: set[str] = field(default_factory=set)
    hide_team: bool = False
    at_risk: bool = False  # only people with a risk marked on their card

    def shows(self, card: CardData) -> bool:
        if card.is_member:
            return not self.hide_team
        return (
            (not self.at_risk or bool(card.risks))
            and (not self.roles or card.role in self.roles)
            and (not self.levels or card.level in self.levels)
            and (not self.attitudes or card.attitude in self.attitudes)
            and (not self.cadences or (card.cadence or "") in self.cadences)
        )

    @property
    def active(self) -> bool:
        return bool(
            self.roles
            or self.levels
            or self.attitudes
            or self.cadences
            or self.hide_team
            or self.at_risk
        )


@dataclass
class SceneChange:
    """What ``set_data`` changed: the widget re-lays out when cards come or go."""

    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    updated: set[str] = field(default_factory=set)
    links_changed: bool = False
    org_changed: bool = False
    resized: bool = False
