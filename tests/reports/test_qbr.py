"""QBR numbers on a hand-made account (see conftest.build_acme for the data)."""

from __future__ import annotations

import datetime as dt

import pytest

from graph import schema as s
from graph.vocabulary import Health, RoadmapStatus, Severity, TicketStatus
from reports.model import ChangeType
from reports.qbr import assemble_qbr
from reports.quarter import Quarter
from reports.roadmap_fit import Requester, fit_score, request_fit, roadmap_fit
from tests.reports.conftest import Q3, TODAY, Acme


def test_roadmap_fit_score_is_weighted_by_priority_and_influence(acme: Acme) -> None:
    qbr = assemble_qbr(acme.ws, acme.account_id, Q3, TODAY)
    fit = qbr.roadmap
    # weights 25, 16, 9, 8, 2 (priority × influence, 3 without requester); credits 1, .75, .5, 0, 0
    assert [r.weight for r in fit.requests] == [25, 16, 9, 8, 2]
    assert fit.score == pytest.approx(100 * (25 + 12 + 4.5) / 60)
    by_status = {f.status: f for f in fit.by_status}
    assert by_status[RoadmapStatus.SHIPPED].weight == 25
    assert by_status[None].requests == 1 and by_status[None].label == "Not mapped"
    assert "priority" in fit.formula and "influence" in fit.formula


def test_fit_score_without_requests_is_unknown() -> None:
    assert fit_score([]) is None
    assert roadmap_fit([], {}, {}).score is None


def test_fit_of_one_request() -> None:
    request = s.CustomerRequest(
        id=1, account_id=1, title="x", requested_on=dt.date(2026, 1, 1), priority=4
    )
    item = s.RoadmapItem(id=1, title="y", status=RoadmapStatus.PLANNED)
    row = request_fit(request, Requester("Ann", 5), item)
    assert (row.weight, row.credit) == (20, 0.5)
    assert fit_score([row]) == 50.0


def test_usage_quarter_over_quarter(acme: Acme) -> None:
    usage = assemble_qbr(acme.ws, acme.account_id, Q3, TODAY).usage
    users, hosts = usage.metrics
    assert (users.previous, users.current, users.latest) == (110.0, 140.0, 150.0)
    assert users.delta == 30.0
    assert users.delta_pct == pytest.approx(30 / 110)
    assert hosts.previous is None and hosts.delta is None and hosts.delta_pct is None
    assert usage.dates[0] == dt.date(2026, 4, 15) and len(usage.dates) == 7


def test_support_time_to_resolve_and_open_tickets(acme: Acme) -> None:
    support = assemble_qbr(acme.ws, acme.account_id, Q3, TODAY).support
    # resolved in Q3: T1 3 days, T2 10 days, T4 12 days (opened in Q2, still open at Q3 start)
    assert support.mean_days_to_resolve == pytest.approx(25 / 3)
    assert support.median_days_to_resolve == 10.0
    assert [t.reference for t in support.tickets] == ["T1", "T2", "T3", "T4"]
    stats = {st.severity: st for st in support.by_severity}
    assert (stats[Severity.SEV2].opened, stats[Severity.SEV2].open_at_end) == (2, 1)
    assert stats[Severity.SEV3].opened == 0 and stats[Severity.SEV3].resolved == 1
    assert support.open_sev1_sev2 == 1
    assert dict(support.by_status)[TicketStatus.RESOLVED] == 2
    assert support.by_quarter[-1].opened == (1, 2, 0, 0)
    assert support.by_quarter[-2].opened == (0, 0, 1, 1)
    assert [i.title for i in support.incidents] == ["Checkout outage"]


def test_people_changes_and_engagement(acme: Acme) -> None:
    people = assemble_qbr(acme.ws, acme.account_id, Q3, TODAY).people
    changes = {(c.name, c.change) for c in people.changes}
    assert changes == {
        ("Olga Ops", ChangeType.JOINED),
        ("Lee Leaver", ChangeType.LEFT),
        ("Dan Detractor", ChangeType.ATTITUDE),
    }
    moved = next(c for c in people.changes if c.change is ChangeType.ATTITUDE)
    assert (moved.old_attitude, moved.new_attitude, moved.on) == (0, -1, dt.date(2026, 8, 10))
    now = people.engagement[-1]
    assert (now.executive, now.management, now.operations, now.interactions) == (1, 1, 1, 2)
    assert people.engagement[-2].management == 1
    assert {p.name for p in people.engaged} == {"Erin Exec", "Manny Manager", "Olga Ops"}
    # Q3 end: Dan -1, Erin +1, Manny +2, Olga 0, evil 0 (Lee left); Q2 end: Dan 0, Lee +1, no Olga
    assert people.attitude_now == (0, 1, 2, 1, 1)
    assert people.attitude_before == (0, 0, 2, 2, 1)
    manny = next(p for p in people.stakeholders if p.name == "Manny Manager")
    assert manny.owner == "Tara TAM" and manny.last_contact == dt.date(2026, 8, 20)


def test_previous_quarter_sees_the_old_attitude(acme: Acme) -> None:
    people = assemble_qbr(acme.ws, acme.account_id, Quarter(2026, 2), TODAY).people
    dan = next(p for p in people.stakeholders if p.name == "Dan Detractor")
    assert dan.attitude == 0
    assert "Olga Ops" not in {p.name for p in people.stakeholders}


def test_summary(acme: Acme) -> None:
    qbr = assemble_qbr(acme.ws, acme.account_id, Q3, TODAY)
    summary = qbr.summary
    assert qbr.account.days_to_renewal == (dt.date(2026, 12, 15) - TODAY).days
    assert [w.title for w in summary.headline_wins] == [
        "Payments recovered",
        "Checkout latency halved",
    ]
    assert [r.title for r in summary.top_risks] == ["Budget freeze", "Champion may move on"]
    assert summary.numbers.headline_metric == "Active users"
    assert summary.numbers.fit_score == pytest.approx(qbr.roadmap.score)
    assert summary.numbers.open_sev1_sev2 == 1
    assert any("usage export" in ask for ask in summary.asks)
    # health comes from graph.signals, as of the quarter end
    assert summary.health.health is summary.health.computed and not summary.health.overridden
    assert summary.health.score is not None and summary.health.reasons
    assert qbr.wins.impact_unit == "hours saved"
    assert [w.impact for w in qbr.wins.by_quarter] == [0, 0, 20.0, 40.0]
    assert qbr.actions[0].overdue and not qbr.actions[1].overdue
    assert [r.title for r in qbr.risks] == ["Budget freeze", "Champion may move on"]
    kinds = [p.kind for p in qbr.next_quarter]
    assert kinds[0] == "Renewal" and kinds.count("Roadmap") == 2


def test_health_override_wins(acme: Acme) -> None:
    acme.ws.update(
        s.Account, acme.account_id, health_override=Health.GREEN, health_override_reason="Exec call"
    )
    health = assemble_qbr(acme.ws, acme.account_id, Q3, TODAY).summary.health
    assert health.health is Health.GREEN and health.overridden
    assert health.computed is not None and "Exec call" in health.reasons[0]


def test_fiscal_year_of_the_account(acme: Acme) -> None:
    acme.ws.update(s.Account, acme.account_id, fiscal_year_start_month=7)
    # FY2027 Q1 of a July-start year is July-September 2026, the same months as 2026-Q3.
    qbr = assemble_qbr(acme.ws, acme.account_id, Quarter.parse("2027-Q1"), TODAY)
    assert qbr.quarter.start == dt.date(2026, 7, 1)
    assert qbr.support.mean_days_to_resolve == pytest.approx(25 / 3)


def test_empty_account(tmp_path: object) -> None:
    from pathlib import Path

    from graph.workspace import Workspace

    with Workspace.create(Path(str(tmp_path)) / "e.rapport") as ws:
        account = ws.add(s.Account(name="Empty"))
        qbr = assemble_qbr(ws, account.id, Q3, TODAY)
    assert qbr.roadmap.score is None and qbr.usage.metrics == ()
    assert qbr.summary.numbers.headline_delta_pct is None
    assert qbr.account.days_to_renewal is None
