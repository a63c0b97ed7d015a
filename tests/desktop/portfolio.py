"""A small, realistic portfolio for the desktop tests (independent of the sample module)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph import schema as s
from graph.clock import FixedClock
from graph.vocabulary import (
    CoverageKind,
    DealRole,
    InteractionKind,
    Level,
    Phase,
    RelationKind,
    TeamRole,
)
from graph.workspace import Workspace

TODAY = dt.date(2026, 11, 20)


def build_portfolio(path: Path) -> Workspace:
    """Two accounts; Northwind has five people, two team members, links and interactions."""
    # Entered a year ago (the change log dates every record then), looked at on TODAY: people
    # never contacted are overdue, not "new".
    clock = FixedClock(dt.datetime.combine(TODAY - dt.timedelta(days=365), dt.time(9)))
    ws = Workspace.create(path, clock=clock)
    north = ws.add(
        s.Account(
            name="Northwind Logistics",
            industry="Logistics",
            arr=420000,
            renewal_date=dt.date(2027, 2, 1),
            phase=Phase.ADOPTION,
        )
    )
    ws.add(s.Account(name="Contoso Bank", industry="Banking", arr=1_200_000))
    people = {}
    for name, title, level, role, influence, attitude in (
        ("Ana Ruiz", "CIO", Level.EXECUTIVE, DealRole.ECONOMIC_BUYER, 5, 1),
        ("Ben Okafor", "Head of Platform", Level.MANAGEMENT, DealRole.CHAMPION, 4, 2),
        ("Chen Wei", "SRE Lead", Level.OPERATIONS, DealRole.PRIMARY_USER, 3, 1),
        ("Dora Lind", "Security Architect", Level.MANAGEMENT, DealRole.BLOCKER, 4, -1),
        ("Eli Hart", "Site Reliability Engineer", Level.OPERATIONS, DealRole.SECONDARY_USER, 2, 0),
    ):
        people[name.split()[0]] = ws.add(
            s.Person(
                account_id=north.id,
                name=name,
                title=title,
                level=level,
                role=role,
                influence=influence,
                attitude=attitude,
                email=f"{name.split()[0].lower()}@northwind.example",
            )
        )
    tam = ws.add(s.TeamMember(name="Sam Patel", role=TeamRole.TAM))
    ae = ws.add(s.TeamMember(name="Kim Jones", role=TeamRole.ACCOUNT_EXECUTIVE))
    p = people
    ws.set_manager(p["Ben"].id, p["Ana"].id)
    ws.set_manager(p["Chen"].id, p["Ben"].id)
    ws.set_manager(p["Eli"].id, p["Chen"].id)
    ws.add(
        s.Relationship(
            account_id=north.id,
            kind=RelationKind.INFLUENCES,
            source_id=p["Dora"].id,
            target_id=p["Ana"].id,
            strength=2,
        )
    )
    ws.add(s.Coverage(member_id=tam.id, person_id=p["Ben"].id, kind=CoverageKind.OWNS))
    ws.add(s.Coverage(member_id=ae.id, person_id=p["Ana"].id, kind=CoverageKind.OWNS))
    now = dt.datetime.combine(TODAY, dt.time(14, 0))
    for days, kind, who, summary in (
        (3, InteractionKind.MEETING, ["Ben", "Chen"], "Weekly sync: rollout to the EU region"),
        (20, InteractionKind.CALL, ["Ben"], "Renewal timeline and the budget owner"),
        (45, InteractionKind.QBR, ["Ana", "Ben"], "Q3 review: 14% fewer delayed orders"),
    ):
        ws.log_interaction(
            north.id,
            now - dt.timedelta(days=days),
            kind=kind,
            summary=summary,
            sentiment=1,
            people=[p[n].id for n in who],
            team=[tam.id],
        )
    clock.set(dt.datetime.combine(TODAY, dt.time(15)))
    return ws
