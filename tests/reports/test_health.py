"""The QBR's health: the account's own signals, the override and what the rules alone give."""

from __future__ import annotations

import datetime as dt

from graph import schema as s
from graph.snapshot import read_account
from graph.vocabulary import Health, Phase
from graph.workspace import Workspace
from reports.health import assess_health
from reports.model import HealthAssessment
from tests.conftest import TODAY


def champions(ws: Workspace, account: s.Account) -> None:
    tia, sam = ws.add(s.TeamMember(name="Tia")), ws.add(s.TeamMember(name="Sam"))
    people = [
        ws.add(s.Person(account_id=account.id, name=n, level=lv, role=role))  # type: ignore[arg-type]
        for n, lv, role in (
            ("Eve", "executive", "economic_buyer"),
            ("Cal", "management", "champion"),
            ("Cat", "management", "champion"),
            ("Oli", "operations", "operations_owner"),
        )
    ]
    ws.add(s.Coverage(member_id=tia.id, person_id=people[1].id))
    ws.add(s.Coverage(member_id=sam.id, person_id=people[3].id))
    ws.log_interaction(
        account.id, dt.datetime.combine(TODAY, dt.time(9)), people=[p.id for p in people]
    )


def test_the_rules_alone(ws: Workspace, account: s.Account) -> None:
    champions(ws, account)
    ws.update(s.Account, account.id, phase=Phase.AT_RISK)
    assert assess_health(read_account(ws, account.id, TODAY)) == HealthAssessment(
        health=Health.GREEN,
        reasons=("Account phase is at risk",),
        overridden=False,
        computed=Health.GREEN,
        score=80,
    )


def test_an_override_wins_and_keeps_what_the_rules_say(ws: Workspace, account: s.Account) -> None:
    champions(ws, account)
    ws.update(
        s.Account, account.id, health_override=Health.AMBER, health_override_reason="exec left"
    )
    assert assess_health(read_account(ws, account.id, TODAY)) == HealthAssessment(
        health=Health.AMBER,
        reasons=("Health set by hand to Amber (exec left)",),
        overridden=True,
        computed=Health.GREEN,
        score=100,
    )


def test_not_enough_data_has_no_score(ws: Workspace, account: s.Account) -> None:
    health = assess_health(read_account(ws, account.id, TODAY))
    assert health == HealthAssessment(
        health=Health.NOT_ENOUGH_DATA,
        reasons=(
            "Not enough data: nobody on the account",
            "No relationship at operations level: incidents may come as a surprise",
            "No active champion",
        ),
        overridden=False,
        computed=Health.NOT_ENOUGH_DATA,
        score=None,
    )
