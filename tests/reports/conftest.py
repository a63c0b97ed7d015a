"""A small hand-made account whose QBR numbers are worked out by hand in the tests."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph import schema as s
from graph.vocabulary import (
    ActionStatus,
    CoverageKind,
    DealRole,
    GoalStatus,
    Level,
    PersonStatus,
    Phase,
    RiskLevel,
    RiskStatus,
    RoadmapStatus,
    Severity,
    TeamRole,
    TicketStatus,
)
from graph.workspace import Workspace
from reports.quarter import Quarter

TODAY = dt.date(2026, 9, 30)
Q3 = Quarter(2026, 3)
EVIL = '=HYPERLINK("http://evil.example","click")'


@dataclass
class Acme:
    ws: Workspace
    account_id: int
    people: dict[str, int]


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def build_acme(ws: Workspace) -> Acme:
    add = ws.add
    account = add(
        s.Account(
            name="Acme Retail",
            industry="Retail",
            arr=250_000.0,
            currency="EUR",
            renewal_date=d("2026-12-15"),
            phase=Phase.ADOPTION,
        )
    )
    a = account.id
    tara = add(s.TeamMember(name="Tara TAM", role=TeamRole.TAM))
    alex = add(s.TeamMember(name="Alex AE", role=TeamRole.ACCOUNT_EXECUTIVE))
    add(s.AccountTeam(account_id=a, member_id=tara.id))
    add(s.AccountTeam(account_id=a, member_id=alex.id))

    def person(
        name: str, level: Level, role: DealRole, influence: int, attitude: int, **kw: object
    ) -> int:
        return add(
            s.Person(
                account_id=a,
                name=name,
                level=level,
                role=role,
                influence=influence,
                attitude=attitude,
                **kw,  # type: ignore[arg-type]
            )
        ).id

    people = {
        "erin": person("Erin Exec", Level.EXECUTIVE, DealRole.ECONOMIC_BUYER, 5, 1, title="CIO"),
        "manny": person("Manny Manager", Level.MANAGEMENT, DealRole.CHAMPION, 4, 2),
        "olga": person(
            "Olga Ops", Level.OPERATIONS, DealRole.OPERATIONS_OWNER, 2, 0, joined_on=d("2026-08-01")
        ),
        "dan": person("Dan Detractor", Level.MANAGEMENT, DealRole.BLOCKER, 4, -1),
        "lee": person(
            "Lee Leaver",
            Level.OPERATIONS,
            DealRole.PRIMARY_USER,
            3,
            1,
            left_on=d("2026-08-15"),
            status=PersonStatus.LEFT,
        ),
        "evil": person(
            EVIL,
            Level.OPERATIONS,
            DealRole.SECONDARY_USER,
            1,
            0,
            title="+cmd|' /C calc'!A0",
            department="-2+3",
        ),
    }
    add(
        s.AttitudeChange(
            person_id=people["dan"], changed_on=d("2026-08-10"), old_attitude=0, new_attitude=-1
        )
    )
    add(s.Coverage(member_id=tara.id, person_id=people["manny"], kind=CoverageKind.OWNS))
    add(s.Coverage(member_id=alex.id, person_id=people["erin"], kind=CoverageKind.OWNS))

    def meet(when: str, *who: str) -> None:
        ws.log_interaction(
            a, dt.datetime.fromisoformat(when), people=[people[w] for w in who], team=[tara.id]
        )

    meet("2026-07-10T09:00", "erin", "manny")
    meet("2026-08-20T14:00", "manny", "olga")
    meet("2026-05-05T10:00", "manny")

    users = add(s.UsageMetric(account_id=a, name="Active users", unit="users")).id
    hosts = add(s.UsageMetric(account_id=a, name="Hosts covered", unit="hosts")).id
    for day, value in [
        ("2026-04-15", 100),
        ("2026-05-15", 110),
        ("2026-06-15", 120),
        ("2026-07-15", 130),
        ("2026-08-15", 140),
        ("2026-09-15", 150),
    ]:
        add(s.UsagePoint(metric_id=users, measured_on=d(day), value=value))
    add(s.UsagePoint(metric_id=hosts, measured_on=d("2026-09-01"), value=40))

    def ticket(
        ref: str, sev: Severity, opened: str, resolved: str | None, status: TicketStatus
    ) -> None:
        add(
            s.Ticket(
                account_id=a,
                reference=ref,
                title=f"Ticket {ref}",
                severity=sev,
                status=status,
                opened_on=d(opened),
                resolved_on=d(resolved) if resolved else None,
            )
        )

    ticket("T1", Severity.SEV1, "2026-07-01", "2026-07-04", TicketStatus.RESOLVED)
    ticket("T2", Severity.SEV2, "2026-07-10", "2026-07-20", TicketStatus.CLOSED)
    ticket("T3", Severity.SEV2, "2026-09-01", None, TicketStatus.OPEN)
    ticket("T4", Severity.SEV3, "2026-06-20", "2026-07-02", TicketStatus.RESOLVED)
    ticket("T5", Severity.SEV4, "2026-04-01", "2026-04-05", TicketStatus.CLOSED)
    add(
        s.Incident(
            account_id=a,
            occurred_on=d("2026-08-12"),
            title="Checkout outage",
            severity=Severity.SEV1,
            duration_minutes=45,
            impact_value=1200,
            impact_unit="orders delayed",
            business_impact="Orders delayed during the lunch peak",
        )
    )

    items = {
        status: add(
            s.RoadmapItem(title=f"Item {status.label}", status=status, target_quarter=tq)
        ).id
        for status, tq in [
            (RoadmapStatus.SHIPPED, "2026-Q2"),
            (RoadmapStatus.IN_PROGRESS, "2026-Q4"),
            (RoadmapStatus.PLANNED, "2026-Q4"),
            (RoadmapStatus.NOT_PLANNED, ""),
        ]
    }

    def request(title: str, priority: int, who: str | None, status: RoadmapStatus | None) -> None:
        add(
            s.CustomerRequest(
                account_id=a,
                title=title,
                requested_on=d("2026-03-01"),
                priority=priority,
                requester_id=people[who] if who else None,
                roadmap_item_id=items[status] if status else None,
            )
        )

    request("Req A", 5, "erin", RoadmapStatus.SHIPPED)  # w 25 × 1
    request("Req B", 4, "manny", RoadmapStatus.IN_PROGRESS)  # w 16 × 0.75
    request("Req C", 3, None, RoadmapStatus.PLANNED)  # w 9 × 0.5
    request("Req D", 2, "dan", RoadmapStatus.NOT_PLANNED)  # w 8 × 0
    request("Req E", 1, "olga", None)  # w 2 × 0

    add(
        s.Win(
            account_id=a,
            won_on=d("2026-08-05"),
            title="Checkout latency halved",
            impact_value=40,
            impact_unit="hours saved",
            champion_id=people["manny"],
        )
    )
    add(
        s.Win(
            account_id=a,
            won_on=d("2026-09-10"),
            title="Payments recovered",
            impact_value=15000,
            impact_unit="EUR",
        )
    )
    add(
        s.Win(
            account_id=a,
            won_on=d("2026-05-20"),
            title="Faster deploys",
            impact_value=20,
            impact_unit="hours saved",
        )
    )

    add(
        s.Goal(
            account_id=a,
            title="Roll out to EU",
            owner="Manny Manager",
            target="3 regions",
            due_on=d("2026-12-01"),
            progress=50,
            status=GoalStatus.ON_TRACK,
        )
    )
    add(
        s.Goal(
            account_id=a,
            title="SSO everywhere",
            progress=100,
            status=GoalStatus.DONE,
            due_on=d("2026-06-30"),
        )
    )
    add(
        s.Risk(
            account_id=a,
            title="Budget freeze",
            level=RiskLevel.HIGH,
            raised_on=d("2026-07-01"),
            owner_id=alex.id,
        )
    )
    add(
        s.Risk(
            account_id=a,
            title="Champion may move on",
            level=RiskLevel.MEDIUM,
            raised_on=d("2026-08-01"),
        )
    )
    add(
        s.Risk(
            account_id=a,
            title="Old risk",
            level=RiskLevel.LOW,
            status=RiskStatus.CLOSED,
            raised_on=d("2026-01-10"),
        )
    )
    add(
        s.ActionItem(
            account_id=a,
            title="Send architecture review",
            owner_id=tara.id,
            due_on=d("2026-09-15"),
            created_on=d("2026-07-01"),
        )
    )
    add(
        s.ActionItem(
            account_id=a,
            title="Share the usage export",
            due_on=d("2026-10-15"),
            created_on=d("2026-09-01"),
            status=ActionStatus.OPEN,
        )
    )
    return Acme(ws, a, people)


@pytest.fixture(scope="session")
def acme_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, dict[str, int]]:
    """Built once (each commit is synced to disk, so building costs about half a second)."""
    path = tmp_path_factory.mktemp("acme") / "acme.rapport"
    with Workspace.create(path, today=lambda: TODAY) as ws:
        built = build_acme(ws)
    return path, built.account_id, built.people


@pytest.fixture
def acme(acme_file: tuple[Path, int, dict[str, int]], tmp_path: Path) -> Iterator[Acme]:
    """A fresh copy of the hand-made account for each test, free to change."""
    source, account_id, people = acme_file
    copy = tmp_path / "acme.rapport"
    shutil.copyfile(source, copy)
    ws = Workspace.open(copy, today=lambda: TODAY)
    try:
        yield Acme(ws, account_id, dict(people))
    finally:
        ws.close()
