"""Every signal of the analysis, on small hand-made accounts."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graph import schema as s
from graph.cadence import CadenceStatus
from graph.departure import departure_impact
from graph.networks import account_graph, org_chart
from graph.signals import ContactCoverage, account_signals, portfolio_signals
from graph.vocabulary import CoverageKind, Health, Level, Phase, RelationKind
from graph.workspace import Workspace
from tests.conftest import TODAY


def at(days_ago: int) -> dt.datetime:
    return dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(10))


@pytest.fixture
def team(ws: Workspace) -> tuple[s.TeamMember, s.TeamMember]:
    return ws.add(s.TeamMember(name="Tia", role="tam")), ws.add(
        s.TeamMember(name="Sam", role="solution_engineer")
    )


def add(ws: Workspace, account: s.Account, name: str, **fields: object) -> s.Person:
    return ws.add(s.Person(account_id=account.id, name=name, **fields))  # type: ignore[arg-type]


def link(ws: Workspace, kind: RelationKind, a: s.Person, b: s.Person, strength: int = 1) -> None:
    ws.add(
        s.Relationship(
            account_id=a.account_id, kind=kind, source_id=a.id, target_id=b.id, strength=strength
        )
    )


def test_cadence_status_follows_logged_interactions(ws, account, team) -> None:
    champ = add(ws, account, "Cham", role="champion")  # ideal 7, max 14
    ok = add(ws, account, "Okay", role="champion")
    # Known for a year (joined_on) and never met: overdue (added with no join date today, new).
    never = add(ws, account, "Never", role="champion", joined_on=TODAY - dt.timedelta(days=365))
    ws.log_interaction(account.id, at(10), people=[champ.id], team=[team[0].id])
    ws.log_interaction(account.id, at(30), people=[ok.id])
    ws.log_interaction(account.id, at(3), people=[ok.id])
    sig = account_signals(ws, account.id, TODAY)
    assert sig.people[champ.id].cadence_status is CadenceStatus.DUE
    assert sig.people[champ.id].days_since_contact == 10
    assert sig.people[ok.id].cadence_status is CadenceStatus.OK
    assert sig.people[never.id].cadence_status is CadenceStatus.OVERDUE
    assert sig.people[never.id].last_contact is None
    ws.update(s.Person, champ.id, cadence_days=30)  # own cadence: due no more
    assert (
        account_signals(ws, account.id, TODAY).people[champ.id].cadence_status is CadenceStatus.OK
    )
    assert (sig.overdue, sig.due) == (1, 1)


def test_coverage_levels(ws, account, team) -> None:
    tia, sam = team
    unknown = add(ws, account, "Unknown")
    known = add(ws, account, "Known")
    ws.add(s.Coverage(member_id=tia.id, person_id=known.id))
    brief = add(ws, account, "Brief")
    ws.log_interaction(account.id, at(5), people=[brief.id])
    many = add(ws, account, "Many")
    deep = add(ws, account, "Deep")
    old = add(ws, account, "Old")
    ws.log_interaction(account.id, at(400), people=[old.id])
    for days in (5, 20, 40):
        ws.log_interaction(account.id, at(days), people=[many.id])
    for days, who in ((5, tia), (20, sam), (40, tia), (60, sam)):
        ws.log_interaction(
            account.id, at(days), people=[deep.id], team=[who.id], duration_minutes=45
        )
    people = account_signals(ws, account.id, TODAY).people
    assert people[unknown.id].coverage is ContactCoverage.UNKNOWN
    assert people[known.id].coverage is ContactCoverage.NO_CONTACT
    assert people[old.id].coverage is ContactCoverage.NO_CONTACT
    assert people[brief.id].coverage is ContactCoverage.BRIEF
    assert people[many.id].coverage is ContactCoverage.MULTIPLE
    assert people[deep.id].coverage is ContactCoverage.IN_DEPTH


def codes(ws: Workspace, account: s.Account) -> set[str]:
    return {f.code for f in account_signals(ws, account.id, TODAY).flags}


def test_executive_and_operations_flags(ws, account, team) -> None:
    ceo = add(ws, account, "Cee", level="executive", role="economic_buyer", title="CEO")
    ops = add(ws, account, "Opal", level="operations", role="operations_owner")
    champ = add(ws, account, "Cham", level="management", role="champion")
    ws.log_interaction(account.id, at(200), people=[ceo.id])
    ws.log_interaction(account.id, at(2), people=[champ.id])
    flags = codes(ws, account)
    assert {
        "overdue_executive",
        "no_executive_contact",
        "no_operations_relationship",
        "single_champion",
    } <= flags
    overdue = next(
        f for f in account_signals(ws, account.id, TODAY).flags if f.code == "overdue_executive"
    )
    assert "200 days ago" in overdue.message and overdue.nodes == (f"p{ceo.id}",)
    ws.log_interaction(account.id, at(1), people=[ceo.id, ops.id])
    flags = codes(ws, account)
    assert not {"overdue_executive", "no_executive_contact", "no_operations_relationship"} & flags
    levels = account_signals(ws, account.id, TODAY).levels
    assert levels[Level.EXECUTIVE].contacted_last_quarter == 1


def test_single_threaded_on_either_side(ws, account, team) -> None:
    tia, sam = team
    a = add(ws, account, "A", role="champion")
    b = add(ws, account, "B", role="champion")
    ws.add(s.Coverage(member_id=tia.id, person_id=a.id, kind=CoverageKind.OWNS))
    ws.add(s.Coverage(member_id=tia.id, person_id=b.id))
    flags = codes(ws, account)
    assert "single_threaded_team" in flags and "single_champion" not in flags
    ws.add(s.Coverage(member_id=sam.id, person_id=b.id))
    ws.update(s.Person, b.id, role="primary_user")
    flags = codes(ws, account)
    assert "single_threaded_team" not in flags and "single_champion" in flags
    ws.update(s.Person, a.id, status="left")
    assert "no_champion" in codes(ws, account)


def test_influential_detractor_without_owner(ws, account, team) -> None:
    loud = add(ws, account, "Loud", influence=5, attitude=-2, title="CISO")
    add(ws, account, "Quiet", influence=1, attitude=-2)
    flags = [
        f for f in account_signals(ws, account.id, TODAY).flags if f.code == "unowned_detractor"
    ]
    assert [f.nodes for f in flags] == [(f"p{loud.id}",)]
    ws.add(s.Coverage(member_id=team[0].id, person_id=loud.id))
    assert "unowned_detractor" not in codes(ws, account)


def test_centrality_ranks_the_broker(ws, account) -> None:
    boss = add(ws, account, "Boss")
    broker = add(ws, account, "Broker")
    leaves = [add(ws, account, f"L{i}") for i in range(4)]
    link(ws, RelationKind.INFLUENCES, broker, boss, 3)
    for leaf in leaves:
        link(ws, RelationKind.INFLUENCES, leaf, broker)
    people = account_signals(ws, account.id, TODAY).people
    assert max(p.centrality for p in people.values()) == 1.0
    assert people[broker.id].centrality > people[boss.id].centrality


def test_health_score_and_manual_override(ws, account, team) -> None:
    champ = add(ws, account, "Cham", role="champion", level="management")
    exe = add(ws, account, "Exe", level="executive", role="economic_buyer")
    ops = add(ws, account, "Ops", level="operations", role="operations_owner")
    ws.add(s.Coverage(member_id=team[0].id, person_id=champ.id))
    ws.add(s.Coverage(member_id=team[1].id, person_id=ops.id))
    ws.log_interaction(account.id, at(1), people=[champ.id, exe.id, ops.id])
    healthy = account_signals(ws, account.id, TODAY)
    assert healthy.health is Health.GREEN and healthy.health_score >= 70
    ws.update(s.Account, account.id, phase=Phase.AT_RISK)
    for i in range(3):
        ws.add(s.Ticket(account_id=account.id, title=f"Down {i}", severity="sev1", opened_on=TODAY))
    worse = account_signals(ws, account.id, TODAY)
    assert worse.health_score < healthy.health_score and worse.health is not Health.GREEN
    ws.update(
        s.Account,
        account.id,
        health_override=Health.GREEN,
        health_override_reason="exec escalation resolved",
    )
    overridden = account_signals(ws, account.id, TODAY)
    assert overridden.health is Health.GREEN
    assert overridden.health_score == worse.health_score
    assert "set by hand" in overridden.health_reasons[0]


def test_portfolio_signals_match_per_account(ws, account, team) -> None:
    other = ws.add(s.Account(name="Contoso"))
    add(ws, other, "X", role="champion")
    p = add(ws, account, "Y", role="champion")
    ws.log_interaction(account.id, at(1), people=[p.id])
    everything = portfolio_signals(ws, TODAY)
    assert set(everything) == {account.id, other.id}
    assert everything[account.id] == account_signals(ws, account.id, TODAY)


def test_account_graph_keeps_several_kinds_between_two_people(ws, account, team) -> None:
    a, b = add(ws, account, "A"), add(ws, account, "B")
    link(ws, RelationKind.REPORTS_TO, a, b)
    link(ws, RelationKind.INFLUENCES, a, b, 2)
    ws.add(
        s.Coverage(
            member_id=team[0].id, person_id=a.id, kind="owns", current_level="credible_source"
        )
    )
    G = account_graph(ws, account.id)
    assert set(G[f"p{a.id}"][f"p{b.id}"]) == {"reports_to", "influences"}
    assert G[f"t{team[0].id}"][f"p{a.id}"]["owns"]["current_level"] == "credible_source"
    assert G.nodes[f"t{team[0].id}"]["kind"] == "member"
    assert nx.is_forest(org_chart(G).to_undirected())


def test_departure_of_a_broker_cuts_influence_paths(ws, account, team) -> None:
    # left -> broker -> right, plus an independent pair
    left1, left2 = add(ws, account, "Left1"), add(ws, account, "Left2")
    broker, right = add(ws, account, "Broker"), add(ws, account, "Right")
    x, y = add(ws, account, "X"), add(ws, account, "Y")
    link(ws, RelationKind.INFLUENCES, left1, broker)
    link(ws, RelationKind.INFLUENCES, left2, broker)
    link(ws, RelationKind.INFLUENCES, broker, right)
    link(ws, RelationKind.INFLUENCES, x, y)
    link(ws, RelationKind.ALLY, broker, x)
    ws.add(s.Coverage(member_id=team[0].id, person_id=left1.id))
    G = account_graph(ws, account.id)
    impact = departure_impact(G, f"p{broker.id}")
    assert set(impact.lost_paths) == {
        (f"p{left1.id}", f"p{right.id}"),
        (f"p{left2.id}", f"p{right.id}"),
    }
    assert impact.lost_path_count == 2
    assert (f"p{broker.id}", f"p{x.id}", "ally") in impact.lost_edges
    assert len(impact.lost_edges) == 4
    assert impact.lost_reach == [f"p{right.id}"]
    # Our team reached Left1 and Right (not counting the leaver); now only Left1.
    assert (impact.reach_before, impact.reach_after) == (2, 1)


def test_departure_of_our_tam_uncovers_people(ws, account, team) -> None:
    tia, sam = team
    a, b = add(ws, account, "A"), add(ws, account, "B")
    ws.add(s.Coverage(member_id=tia.id, person_id=a.id, kind="owns"))
    ws.add(s.Coverage(member_id=tia.id, person_id=b.id))
    ws.add(s.Coverage(member_id=sam.id, person_id=b.id))
    impact = departure_impact(account_graph(ws, account.id), f"t{tia.id}")
    assert impact.newly_uncovered == [f"p{a.id}"]
    assert impact.lost_reach == [f"p{a.id}"]
    assert len(impact.lost_edges) == 2
    with pytest.raises(KeyError):
        departure_impact(account_graph(ws, account.id), "p999")
