"""An account as a networkx graph, and the views of it the analysis needs.

``account_graph`` gives one MultiDiGraph with customer people ("p<id>") and team members
("t<id>") as nodes and every relationship as an edge keyed by its kind, so two people linked in
several ways keep every link. The other functions carve out the org chart, the influence network
and our team's reach from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from graph.centrality import influence_links
from graph.contact_window import ContactStats, contact_window_start
from graph.nodes import member_node, person_node
from graph.vocabulary import RelationKind

if TYPE_CHECKING:
    import networkx as nx

    from graph.plain_graph import PlainMultiDiGraph
    from graph.snapshot import AccountSnapshot
    from graph.workspace import Workspace


def build_graph(
    people: Iterable[Any],
    relationships: Iterable[Any],
    coverage: Iterable[Any] = (),
    members: Iterable[Any] = (),
    contacts: dict[int, ContactStats] | None = None,
    into: PlainMultiDiGraph | None = None,
) -> Any:
    """Assemble the account graph from records (or rows with the same fields) already read: a
    ``networkx.MultiDiGraph``, or the same calls into ``into`` (a map's first paint reads
    the plain one and leaves networkx unloaded)."""
    if into is None:
        import networkx as nx

        G: Any = nx.MultiDiGraph()
    else:
        G = into
    contacts = contacts or {}
    for p in people:
        stats = contacts.get(p.id, ContactStats())
        G.add_node(
            person_node(p.id),
            kind="person",
            record_id=p.id,
            name=p.name,
            title=p.title,
            department=p.department,
            level=p.level.value,
            role=p.role.value,
            influence=p.influence,
            attitude=p.attitude,
            interest=p.interest,
            status=p.status.value,
            last_contact=stats.last_contact,
            recent_interactions=stats.recent_count,
        )
    for m in members:
        G.add_node(member_node(m.id), kind="member", record_id=m.id, name=m.name, role=m.role.value)
    for r in relationships:
        G.add_edge(
            person_node(r.source_id),
            person_node(r.target_id),
            key=r.kind.value,
            kind=r.kind.value,
            record_id=r.id,
            strength=r.strength,
        )
    for c in coverage:
        member = member_node(c.member_id)
        if member not in G:
            continue
        G.add_edge(
            member,
            person_node(c.person_id),
            key=c.kind.value,
            kind=c.kind.value,
            record_id=c.id,
            current_level=c.current_level.value,
            desired_level=c.desired_level.value,
        )
    return G


AccountRows = tuple[
    Sequence[Any], Sequence[Any], Sequence[Any], Sequence[Any], dict[int, ContactStats]
]


def account_graph(
    ws: Workspace, account_id: int, *, include_team: bool = True, today: dt.date | None = None
) -> nx.MultiDiGraph:
    """The whole account as a graph, with each person's contact history on their node."""
    return build_graph(*account_rows(ws, account_id, include_team=include_team, today=today))


def account_rows(
    ws: Workspace, account_id: int, *, include_team: bool = True, today: dt.date | None = None
) -> AccountRows:
    """What ``account_graph`` is built from: the account's people, relationships, coverage,
    team members (plain rows) and each person's contact statistics."""
    # Here, not at the top: building and analysing a graph (the map's drawing) needs no
    # database library, and loading SQLAlchemy is most of a cold start.
    from sqlalchemy import select

    from graph import schema as s
    from graph.queries import contact_stats

    today = today or ws.today()
    since = contact_window_start(today)
    tables = s.Base.metadata.tables
    people_t, links_t, coverage_t = tables["people"], tables["relationships"], tables["coverage"]
    # Plain rows rather than ORM records: same fields, a fraction of the cost on big accounts.
    with ws.engine.connect() as conn:
        people = conn.execute(select(people_t).where(people_t.c.account_id == account_id)).all()
        relationships = conn.execute(
            select(links_t).where(links_t.c.account_id == account_id)
        ).all()
        coverage: Sequence[Any] = []
        members: Sequence[Any] = []
        if include_team:
            ids = select(people_t.c.id).where(people_t.c.account_id == account_id)
            coverage = conn.execute(select(coverage_t).where(coverage_t.c.person_id.in_(ids))).all()
            assigned = select(s.AccountTeam.member_id).where(s.AccountTeam.account_id == account_id)
            member_ids = {c.member_id for c in coverage} | set(conn.scalars(assigned))
            team_t = tables["team_members"]
            members = conn.execute(select(team_t).where(team_t.c.id.in_(member_ids))).all()
        contacts = contact_stats(conn, since, [account_id], today)
    return people, relationships, coverage, members, contacts


def snapshot_graph(snapshot: AccountSnapshot) -> nx.MultiDiGraph:
    """The account graph as of the snapshot's day: the people on the account then (those who had
    left too, with the status "left"), their links, our coverage and contact history up to then.
    The QBR's map of a past quarter is drawn from this (``account_graph`` shows everyone)."""
    return build_graph(
        (*snapshot.people, *snapshot.departed),
        snapshot.links,
        snapshot.coverage,
        snapshot.team,
        dict(snapshot.contacts),
    )


def _edges_of_kind(G: nx.MultiDiGraph, *kinds: str) -> Iterable[tuple[str, str, dict[str, object]]]:
    for u, v, data in G.edges(data=True):
        if data.get("kind") in kinds:
            yield u, v, data


def chart_of(people: Iterable[Any], links: Iterable[tuple[str, str, str]]) -> nx.DiGraph:
    """The org chart: ``people`` (node keys, or (key, attributes) pairs) with an edge
    report -> manager for every reports-to line among ``links`` (source, target, kind)."""
    import networkx as nx

    chart = nx.DiGraph()
    chart.add_nodes_from(people)
    chart.add_edges_from((u, v) for u, v, kind in links if kind == RelationKind.REPORTS_TO)
    return chart


def _links(G: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, float]]:
    for u, v, data in G.edges(data=True):
        yield u, v, str(data.get("kind")), float(data.get("strength", 1))


def _people(G: nx.MultiDiGraph) -> Iterator[tuple[str, dict[str, Any]]]:
    return ((n, d) for n, d in G.nodes(data=True) if d.get("kind") == "person")


def org_chart(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Customer people with an edge report -> manager for every reports-to line."""
    return chart_of(_people(G), ((u, v, kind) for u, v, kind, _ in _links(G)))


def influence_network(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Who can sway whom (``influence_links``); parallel links keep the strongest weight."""
    import networkx as nx

    net = nx.DiGraph()
    net.add_nodes_from(_people(G))
    for u, v, weight in influence_links(_links(G)):
        if net.has_edge(u, v):
            net[u][v]["weight"] = max(net[u][v]["weight"], weight)
        else:
            net.add_edge(u, v, weight=weight)
    return net


def team_reach(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The influence network plus our team's links into it: who our team can reach."""
    reach = influence_network(G)
    for u, v, _ in _edges_of_kind(G, "owns", "knows"):
        reach.add_edge(u, v, weight=1.0)
    return reach
