"""Departure as advice: who we lose contact with, which decision makers lose their only path
to us, whom to build a relationship with instead; people who left and conflicts count for
nothing."""

from __future__ import annotations

import pytest

from graph import schema as s
from graph.departure import (
    MAX_BRIDGES,
    departure_advice,
    departure_impact,
    is_decision_maker,
)
from graph.networks import account_graph
from graph.vocabulary import CoverageKind, Level, PersonStatus, RelationKind
from graph.workspace import Workspace


@pytest.fixture
def team(ws: Workspace) -> tuple[s.TeamMember, s.TeamMember]:
    return ws.add(s.TeamMember(name="Tia", role="tam")), ws.add(
        s.TeamMember(name="Sam", role="solution_engineer")
    )


def add(ws: Workspace, account: s.Account, name: str, **fields: object) -> s.Person:
    return ws.add(s.Person(account_id=account.id, name=name, **fields))  # type: ignore[arg-type]


def link(ws: Workspace, kind: RelationKind, a: s.Person, b: s.Person) -> None:
    ws.add(s.Relationship(account_id=a.account_id, kind=kind, source_id=a.id, target_id=b.id))


def own(ws: Workspace, member: s.TeamMember, person: s.Person, **fields: object) -> None:
    ws.add(s.Coverage(member_id=member.id, person_id=person.id, **fields))  # type: ignore[arg-type]


def p(person: s.Person) -> str:
    return f"p{person.id}"


def test_decision_makers_are_buyers_executives_and_the_influential() -> None:
    assert is_decision_maker({"role": "economic_buyer"})
    assert is_decision_maker({"role": "technical_buyer"})
    assert is_decision_maker({"level": "executive"})
    assert is_decision_maker({"influence": 4})
    assert not is_decision_maker({"influence": 3, "role": "champion", "level": "management"})


def test_the_three_answers_for_a_broker(ws, account, team) -> None:
    """Tia owns the broker only; through the broker we reach the CFO (a decision maker) and an
    engineer. The engineer's manager can still sway the CFO and Sam knows that manager."""
    tia, sam = team
    broker = add(ws, account, "Broker", influence=3)
    cfo = add(ws, account, "Cfo", level=Level.EXECUTIVE, influence=5)
    engineer = add(ws, account, "Engineer", influence=2)
    manager = add(ws, account, "Manager", influence=3)
    link(ws, RelationKind.INFLUENCES, broker, cfo)
    link(ws, RelationKind.INFLUENCES, broker, engineer)
    link(ws, RelationKind.INFLUENCES, manager, cfo)
    own(ws, tia, broker, kind=CoverageKind.OWNS)
    own(ws, sam, add(ws, account, "Neighbour"))
    link(ws, RelationKind.ALLY, manager, ws.find(s.Person, name="Neighbour")[0])
    advice = departure_advice(account_graph(ws, account.id), p(broker))
    assert advice.lose_contact == sorted([p(cfo), p(engineer)])
    assert advice.cut_off_decision_makers == [p(cfo)]
    first = advice.bridges[0]
    # the CFO first (a decision maker, and the most influential that gives the CFO back)
    assert first.person == p(cfo) and first.decision_makers == [p(cfo)]
    # then someone for the engineer: only the engineer can give the engineer back
    assert [b.person for b in advice.bridges] == [p(cfo), p(engineer)]
    assert advice.bridges[1].restores == [p(engineer)]


def test_a_bridge_that_restores_several_ranks_first_and_names_the_teammate(
    ws, account, team
) -> None:
    tia, sam = team
    broker = add(ws, account, "Broker")
    director = add(ws, account, "Director", influence=3)
    a = add(ws, account, "A", influence=4)
    b = add(ws, account, "B", influence=4)
    for person in (a, b):
        link(ws, RelationKind.INFLUENCES, broker, person)
        link(ws, RelationKind.INFLUENCES, director, person)
    own(ws, tia, broker, kind=CoverageKind.OWNS)
    own(ws, sam, director, kind=CoverageKind.KNOWS, current_level="credible_source")
    advice = departure_advice(account_graph(ws, account.id), p(broker))
    # Sam still reaches A and B through the director: nothing is lost at all
    assert advice.lose_contact == [] and advice.bridges == []

    ws.remove(s.Coverage, ws.find(s.Coverage, member_id=sam.id)[0].id)
    own(ws, sam, add(ws, account, "Friend"))
    link(ws, RelationKind.REPORTS_TO, ws.find(s.Person, name="Friend")[0], director)
    advice = departure_advice(account_graph(ws, account.id), p(broker))
    assert advice.cut_off_decision_makers == sorted([p(a), p(b)])
    best = advice.bridges[0]
    assert best.person == p(director)  # one relationship gives both back
    assert best.restores == sorted([p(a), p(b)])
    # Sam covers someone who reports to the director: best placed, not yet known
    assert (best.best_placed, best.already_known) == (f"t{sam.id}", False)
    assert len(advice.bridges) == 1  # A and B alone would add nothing more


def test_people_who_left_count_for_nothing(ws, account, team) -> None:
    tia, _ = team
    broker = add(ws, account, "Broker")
    gone = add(ws, account, "Gone", influence=5, status=PersonStatus.LEFT)
    still = add(ws, account, "Still", influence=2)
    link(ws, RelationKind.INFLUENCES, broker, gone)
    link(ws, RelationKind.INFLUENCES, broker, still)
    link(ws, RelationKind.INFLUENCES, gone, still)
    own(ws, tia, broker)
    G = account_graph(ws, account.id)
    impact = departure_impact(G, p(broker))
    assert impact.lost_reach == [p(still)]  # not the one who left
    assert impact.reach_before == 1
    assert all(p(gone) not in (u, v) for u, v, _ in impact.lost_edges)
    assert all(p(gone) not in pair for pair in impact.lost_paths)
    advice = departure_advice(G, p(broker))
    assert advice.lose_contact == [p(still)]
    assert all(b.person != p(gone) for b in advice.bridges)  # not a bridge either
    # someone who left can still be asked about (their own card), and loses nothing
    assert departure_advice(G, p(gone)).lose_contact == []


def test_a_conflict_is_neither_influence_nor_a_loss(ws, account, team) -> None:
    tia, _ = team
    broker, rival, other = (add(ws, account, n) for n in ("Broker", "Rival", "Other"))
    link(ws, RelationKind.CONFLICT, broker, rival)
    link(ws, RelationKind.CONFLICT, rival, other)
    own(ws, tia, broker)
    impact = departure_impact(account_graph(ws, account.id), p(broker))
    assert impact.lost_edges == [(f"t{tia.id}", p(broker), "knows")]
    assert impact.lost_paths == [] and impact.lost_reach == []


def test_a_teammate_leaving_hands_over_to_the_best_placed(ws, account, team) -> None:
    tia, sam = team
    exec_ = add(ws, account, "Exec", level=Level.EXECUTIVE)
    report = add(ws, account, "Report")
    link(ws, RelationKind.REPORTS_TO, report, exec_)
    own(ws, tia, exec_, kind=CoverageKind.OWNS)
    own(ws, sam, report)
    advice = departure_advice(account_graph(ws, account.id), f"t{tia.id}")
    # Sam still reaches the exec? No: reports do not sway their manager. The exec is lost.
    assert advice.lose_contact == [p(exec_)]
    assert advice.cut_off_decision_makers == [p(exec_)]
    bridge = advice.bridges[0]
    assert bridge.person == p(exec_)
    assert (bridge.best_placed, bridge.already_known) == (f"t{sam.id}", False)


def test_bridges_are_few(ws, account, team) -> None:
    tia, _ = team
    broker = add(ws, account, "Broker")
    own(ws, tia, broker)
    for n in range(MAX_BRIDGES + 3):  # each reachable only through the broker, no one above
        link(ws, RelationKind.INFLUENCES, broker, add(ws, account, f"Leaf {n}"))
    advice = departure_advice(account_graph(ws, account.id), p(broker))
    assert len(advice.lose_contact) == MAX_BRIDGES + 3
    assert len(advice.bridges) == MAX_BRIDGES


def test_with_nobody_close_the_role_decides_who_takes_it_on(ws, account, team) -> None:
    tia, sam = team
    ae = ws.add(s.TeamMember(name="Ava", role="account_executive"))
    ws.add(s.AccountTeam(account_id=account.id, member_id=ae.id))
    ws.add(s.AccountTeam(account_id=account.id, member_id=tia.id))
    cfo = add(ws, account, "Cfo", level=Level.EXECUTIVE)
    clerk = add(ws, account, "Clerk")
    own(ws, sam, cfo)
    own(ws, sam, clerk)
    advice = departure_advice(account_graph(ws, account.id), f"t{sam.id}")
    placed = {b.person: (b.best_placed, b.already_known, b.near) for b in advice.bridges}
    assert placed[p(cfo)] == (f"t{ae.id}", False, False)  # an executive: the account executive
    assert placed[p(clerk)] == (f"t{tia.id}", False, False)  # everyone else: the TAM
