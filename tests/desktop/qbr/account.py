"""A small, realistic account with a QBR's worth of records in two quarters (Q2 and Q3 2026)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from graph import schema as s
from graph.vocabulary import (
    ActionStatus,
    CoverageKind,
    DealRole,
    GoalStatus,
    Level,
    Phase,
    RiskLevel,
    RoadmapStatus,
    Severity,
    TeamRole,
    TicketStatus,
)
from graph.workspace import Workspace
from reports.quarter import Quarter

TODAY = dt.date(2026, 9, 20)
Q3 = Quarter(2026, 3)
Q2 = Quarter(2026, 2)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclass
class Northwind:
    account_id: int
    people: dict[str, int] = field(default_factory=dict)
    team: dict[str, int] = field(default_factory=dict)
    metrics: dict[str, int] = field(default_factory=dict)
    roadmap: dict[str, int] = field(default_factory=dict)


def build_northwind(path: Path) -> Northwind:
    """Write the account to a new workspace file at ``path``."""
    with Workspace.create(path, today=lambda: TODAY) as ws, ws.batch():
        return _fill(ws)


def _fill(ws: Workspace) -> Northwind:
    add = ws.add
    account = add(
        s.Account(
            name="Northwind Logistics",
            industry="Logistics",
            arr=420_000,
            currency="USD",
            renewal_date=d("2027-02-01"),
            phase=Phase.ADOPTION,
        )
    )
    a = Northwind(account.id)
    for key, name, role in (
        ("sam", "Sam Patel", TeamRole.TAM),
        ("kim", "Kim Jones", TeamRole.ACCOUNT_EXECUTIVE),
    ):
        member = add(s.TeamMember(name=name, role=role))
        add(s.AccountTeam(account_id=account.id, member_id=member.id))
        a.team[key] = member.id
    for key, name, title, level, role, influence, attitude in (
        ("ana", "Ana Ruiz", "CIO", Level.EXECUTIVE, DealRole.ECONOMIC_BUYER, 5, 1),
        ("ben", "Ben Okafor", "Head of Platform", Level.MANAGEMENT, DealRole.CHAMPION, 4, 2),
        ("chen", "Chen Wei", "SRE Lead", Level.OPERATIONS, DealRole.PRIMARY_USER, 3, 1),
    ):
        person = add(
            s.Person(
                account_id=account.id,
                name=name,
                title=title,
                level=level,
                role=role,
                influence=influence,
                attitude=attitude,
            )
        )
        a.people[key] = person.id
    add(s.Coverage(member_id=a.team["sam"], person_id=a.people["ben"], kind=CoverageKind.OWNS))
    ws.log_interaction(
        account.id,
        dt.datetime(2026, 8, 12, 10),
        people=[a.people["ana"], a.people["ben"]],
        team=[a.team["sam"]],
    )

    for won_on, title, value, unit, who in (
        ("2026-07-14", "EU rollout finished two weeks early", 120, "hours saved", "ben"),
        ("2026-08-30", "Fewer delayed orders at the Rotterdam hub", 340, "orders", "chen"),
        ("2026-05-06", "On-call noise halved", 60, "hours saved", "chen"),
    ):
        add(
            s.Win(
                account_id=account.id,
                won_on=d(won_on),
                title=title,
                impact_value=value,
                impact_unit=unit,
                champion_id=a.people[who],
            )
        )

    series = (("Active users", "users", 120, 9), ("Hosts covered", "hosts", 300, 25))
    for name, unit, start, step in series:
        metric = add(s.UsageMetric(account_id=account.id, name=name, unit=unit))
        a.metrics[name] = metric.id
        for month in range(4, 10):
            add(
                s.UsagePoint(
                    metric_id=metric.id,
                    measured_on=dt.date(2026, month, 15),
                    value=float(start + step * (month - 4)),
                )
            )

    for ref, title, sev, status, opened, resolved in (
        ("NW-101", "Agent crash on Windows Server 2016", Severity.SEV2, TicketStatus.RESOLVED,
         "2026-07-03", "2026-07-08"),
        ("NW-114", "Dashboard slow with 90-day range", Severity.SEV3, TicketStatus.OPEN,
         "2026-08-21", None),
        ("NW-090", "SSO login loop", Severity.SEV1, TicketStatus.CLOSED, "2026-05-02",
         "2026-05-03"),
    ):  # fmt: skip
        add(
            s.Ticket(
                account_id=account.id,
                reference=ref,
                title=title,
                severity=sev,
                status=status,
                opened_on=d(opened),
                resolved_on=d(resolved) if resolved else None,
            )
        )
    add(
        s.Incident(
            account_id=account.id,
            occurred_on=d("2026-08-02"),
            title="Label printing outage",
            severity=Severity.SEV2,
            duration_minutes=50,
            impact_value=900,
            impact_unit="parcels delayed",
            business_impact="Parcels left the Rotterdam hub a day late",
        )
    )

    for key, title, status, target in (
        ("otel", "OpenTelemetry ingestion", RoadmapStatus.IN_PROGRESS, "2026-Q4"),
        ("sso", "SCIM provisioning", RoadmapStatus.SHIPPED, "2026-Q2"),
    ):
        item = add(s.RoadmapItem(title=title, status=status, target_quarter=target))
        a.roadmap[key] = item.id
    add(
        s.CustomerRequest(
            account_id=account.id,
            title="Ingest OpenTelemetry traces",
            requested_on=d("2026-04-10"),
            priority=4,
            requester_id=a.people["ben"],
            roadmap_item_id=a.roadmap["otel"],
        )
    )

    add(
        s.Goal(
            account_id=account.id,
            title="Monitor every warehouse",
            owner="Ben Okafor",
            target="42 sites",
            due_on=d("2026-12-15"),
            progress=60,
            status=GoalStatus.ON_TRACK,
        )
    )
    add(
        s.Risk(
            account_id=account.id,
            title="Budget freeze in Q4",
            level=RiskLevel.HIGH,
            owner_id=a.team["kim"],
            raised_on=d("2026-08-05"),
        )
    )
    add(
        s.ActionItem(
            account_id=account.id,
            title="Book the executive sponsor meeting",
            owner_id=a.team["kim"],
            due_on=d("2026-10-10"),
            status=ActionStatus.OPEN,
            created_on=d("2026-09-01"),
        )
    )
    return a
