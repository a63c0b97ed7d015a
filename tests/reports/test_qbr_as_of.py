"""A QBR for a past quarter says what the same export would have said on the quarter's last day.

The oracle is independent of the snapshot: for each quarter a second workspace is built from the
facts as they were known on its last day (people not yet joined left out, departures and
resolutions after it undone, attitudes of that day, later risks, tickets, wins, interactions and
usage left out), and its QBR, exported on that day, must equal the QBR of the full workspace
exported today. A few figures are also counted by hand from the fact lists.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph import schema as s
from graph.vocabulary import DealRole, Level, PersonStatus, RiskLevel, Severity, TicketStatus
from graph.workspace import Workspace
from reports.model import Qbr
from reports.qbr import assemble_qbr
from reports.quarter import Quarter

FEB = 2  # the account's fiscal year starts in February: FY2027 runs Feb 2026 - Jan 2027
LATER = dt.date(2027, 3, 1)  # "today" for the full workspace: every quarter below is over
QUARTERS = [Quarter(2027, n, FEB) for n in (1, 2, 3, 4)]


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclass(frozen=True)
class P:
    id: int
    name: str
    level: Level
    role: DealRole
    influence: int
    attitude: int  # today's
    joined: str | None = None
    left: str | None = None
    moves: tuple[tuple[str, int, int], ...] = ()  # (day, old, new)


PEOPLE = [
    P(101, "Eva Exec", Level.EXECUTIVE, DealRole.ECONOMIC_BUYER, 5, 1),
    P(102, "Carl Champion", Level.MANAGEMENT, DealRole.CHAMPION, 4, 2, left="2026-05-20"),
    P(103, "Cleo Champion", Level.MANAGEMENT, DealRole.CHAMPION, 3, 1, joined="2026-04-10"),
    P(104, "Olav Ops", Level.OPERATIONS, DealRole.OPERATIONS_OWNER, 2, 0),
    P(
        105,
        "Dirk Doubter",
        Level.MANAGEMENT,
        DealRole.BLOCKER,
        4,
        1,
        moves=(("2026-03-15", 0, -1), ("2026-09-01", -1, 1)),
    ),
    P(106, "Nina New", Level.OPERATIONS, DealRole.PRIMARY_USER, 2, 0, joined="2026-08-20"),
]
COVERAGE = [("Tia", 101), ("Tia", 102), ("Sam", 103), ("Sam", 104)]
MEETINGS = [
    ("2026-02-12", (101, 102, 104)),
    ("2026-03-20", (102, 105)),
    ("2026-04-15", (102, 103, 104)),
    ("2026-05-12", (101, 103)),
    ("2026-06-30", (103, 104, 105)),
    ("2026-07-28", (103,)),
    ("2026-08-25", (101, 103, 106)),
    ("2026-10-20", (103, 104)),
    ("2026-11-18", (101, 103, 105)),
    ("2027-01-25", (103, 104, 106)),
]
RISKS = [
    ("Budget freeze", RiskLevel.HIGH, "2026-02-10"),
    ("Champion leaving", RiskLevel.MEDIUM, "2026-05-01"),
    ("Reorg", RiskLevel.HIGH, "2026-06-05"),
]
TICKETS = [  # (reference, severity, opened, resolved)
    ("T1", Severity.SEV1, "2026-03-01", "2026-05-10"),
    ("T2", Severity.SEV1, "2026-07-20", "2026-10-15"),
    ("T3", Severity.SEV2, "2026-09-01", None),
    ("T4", Severity.SEV3, "2026-11-02", "2026-11-09"),
]
WINS = [("Faster checkout", "2026-03-10", 30.0), ("Fewer incidents", "2026-08-01", 12.0)]
USAGE = [(f"2026-{m:02d}-10", 100.0 + 10 * m) for m in range(2, 13)] + [("2027-01-10", 230.0)]


def attitude_on(p: P, day: dt.date) -> int:
    for when, old, _new in p.moves:
        if d(when) > day:
            return old
    return p.attitude


def build(path: Path, known_on: dt.date | None) -> None:
    """The account with every fact, or only as it was known at the end of ``known_on``."""

    def known(text: str | None) -> bool:
        return text is not None and (known_on is None or d(text) <= known_on)

    today = known_on or LATER
    with Workspace.create(path, today=lambda: today) as ws, ws.batch():
        account = ws.add(
            s.Account(
                name="Fjord Freight",
                arr=300_000.0,
                renewal_date=d("2027-06-30"),
                fiscal_year_start_month=FEB,
            )
        )
        a = account.id
        team = {n: ws.add(s.TeamMember(name=n)) for n in ("Tia", "Sam")}
        for member in team.values():
            ws.add(s.AccountTeam(account_id=a, member_id=member.id))
        present: set[int] = set()
        for p in PEOPLE:
            if p.joined is not None and not known(p.joined):
                continue
            gone = known(p.left)
            ws.add(
                s.Person(
                    id=p.id,
                    account_id=a,
                    name=p.name,
                    level=p.level,
                    role=p.role,
                    influence=p.influence,
                    attitude=attitude_on(p, known_on) if known_on else p.attitude,
                    joined_on=d(p.joined) if p.joined else None,
                    left_on=d(p.left) if gone and p.left else None,
                    status=PersonStatus.LEFT if gone else PersonStatus.ACTIVE,
                )
            )
            present.add(p.id)
            for when, old, new in p.moves:
                if known(when):
                    ws.add(
                        s.AttitudeChange(
                            person_id=p.id, changed_on=d(when), old_attitude=old, new_attitude=new
                        )
                    )
        for member, pid in COVERAGE:
            if pid in present:
                ws.add(s.Coverage(member_id=team[member].id, person_id=pid, kind="owns"))
        for when, who in MEETINGS:
            if known(when):
                ws.log_interaction(
                    a,
                    dt.datetime.combine(d(when), dt.time(10)),
                    people=[p for p in who if p in present],
                    team=[team["Tia"].id],
                )
        for title, level, raised in RISKS:
            if known(raised):
                ws.add(s.Risk(account_id=a, title=title, level=level, raised_on=d(raised)))
        for ref, sev, opened, resolved in TICKETS:
            if known(opened):
                done = known(resolved)
                ws.add(
                    s.Ticket(
                        account_id=a,
                        reference=ref,
                        title=f"Ticket {ref}",
                        severity=sev,
                        status=TicketStatus.RESOLVED if done else TicketStatus.OPEN,
                        opened_on=d(opened),
                        resolved_on=d(resolved) if done and resolved else None,
                    )
                )
        for title, won, value in WINS:
            if known(won):
                ws.add(
                    s.Win(
                        account_id=a,
                        title=title,
                        won_on=d(won),
                        impact_value=value,
                        impact_unit="hours saved",
                    )
                )
        metric = ws.add(s.UsageMetric(account_id=a, name="Active users", unit="users"))
        for when, value in USAGE:
            if known(when):
                ws.add(s.UsagePoint(metric_id=metric.id, measured_on=d(when), value=value))


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("full") / "full.rapport"
    build(path, None)
    with Workspace.open(path, readonly=True, today=lambda: LATER) as ws:
        yield ws


def qbr_as_it_was(tmp: Path, quarter: Quarter) -> Qbr:
    path = tmp / f"{quarter.label}.rapport"
    build(path, quarter.end)
    with Workspace.open(path, readonly=True, today=lambda: quarter.end) as ws:
        account = ws.account_named("Fjord Freight")
        return assemble_qbr(ws, account.id, quarter, quarter.end)


def without_generated_on(qbr: Qbr) -> Qbr:
    return dataclasses.replace(qbr, generated_on=dt.date.min)


@pytest.mark.parametrize("quarter", QUARTERS, ids=[q.label for q in QUARTERS])
def test_every_quarter_equals_the_export_of_its_last_day(
    full: Workspace, tmp_path: Path, quarter: Quarter
) -> None:
    account = full.account_named("Fjord Freight")
    now = assemble_qbr(full, account.id, quarter, LATER)
    then = qbr_as_it_was(tmp_path, quarter)
    assert now.as_of == then.as_of == quarter.end and not now.to_date
    assert now.summary == then.summary  # health, score, reasons, numbers, risks, asks
    assert now.people == then.people
    assert now.support == then.support
    assert now.wins == then.wins
    assert now.usage == then.usage
    assert now.risks == then.risks
    assert without_generated_on(now) == without_generated_on(then)


# Counted by hand from the fact lists: (open high risks, open sev1 tickets, people on the
# account at the end, who joined and who left in the quarter) per fiscal quarter of FY2027.
BY_HAND = {
    1: (1, 1, {101, 102, 103, 104, 105}, {"Cleo Champion"}, set()),
    2: (2, 1, {101, 103, 104, 105}, set(), {"Carl Champion"}),
    3: (2, 0, {101, 103, 104, 105, 106}, {"Nina New"}, set()),
    4: (2, 0, {101, 103, 104, 105, 106}, set(), set()),
}


@pytest.mark.parametrize("quarter", QUARTERS, ids=[q.label for q in QUARTERS])
def test_figures_counted_by_hand(full: Workspace, quarter: Quarter) -> None:
    high, sev1, people, joined, left = BY_HAND[quarter.number]
    account = full.account_named("Fjord Freight")
    qbr = assemble_qbr(full, account.id, quarter, LATER)
    reasons = qbr.summary.health.reasons
    assert (f"{high} open high risk(s)" in reasons) is (high > 0)
    assert (f"{sev1} open severity-1 ticket(s)" in reasons) is (sev1 > 0)
    sev1_stats = next(x for x in qbr.support.by_severity if x.severity is Severity.SEV1)
    assert sev1_stats.open_at_end == sev1
    on_account_at_end = {
        r.person_id for r in qbr.people.stakeholders if r.status is not PersonStatus.LEFT
    }
    assert on_account_at_end == people
    changes = qbr.people.changes
    assert {c.name for c in changes if c.change.value == "joined"} == joined
    assert {c.name for c in changes if c.change.value == "left"} == left
    assert {r.title for r in qbr.risks} == {t for t, _, raised in RISKS if d(raised) <= quarter.end}
    dirk = next(r for r in qbr.people.stakeholders if r.person_id == 105)
    assert dirk.attitude == attitude_on(PEOPLE[4], quarter.end)


def test_facts_added_after_a_quarter_do_not_change_its_export(tmp_path: Path) -> None:
    """Export Q2, add risks, people and tickets dated after it, export Q2 again: the same."""
    from openpyxl import load_workbook

    from reports.workbook import export_workbook

    path = tmp_path / "fjord.rapport"
    build(path, None)
    q2 = QUARTERS[1]

    def export(name: str) -> tuple[Qbr, list[tuple[object, ...]]]:
        with Workspace.open(path, readonly=True, today=lambda: LATER) as ws:
            qbr = assemble_qbr(ws, ws.account_named("Fjord Freight").id, q2, LATER)
        out = export_workbook(qbr, tmp_path / name)
        sheet = load_workbook(out)["Summary"]
        return qbr, [tuple(c.value for c in row) for row in sheet.iter_rows()]

    before, sheet_before = export("before.xlsx")
    with Workspace.open(path, today=lambda: LATER) as ws:
        a = ws.account_named("Fjord Freight").id
        ws.add(
            s.Risk(
                account_id=a,
                title="New risk",
                level=RiskLevel.HIGH,
                raised_on=q2.end + dt.timedelta(days=1),
            )
        )
        ws.add(
            s.Person(
                account_id=a,
                name="Late Joiner",
                level=Level.EXECUTIVE,
                role=DealRole.ECONOMIC_BUYER,
                influence=5,
                attitude=-2,
                joined_on=q2.end + dt.timedelta(days=1),
            )
        )
        ws.add(
            s.Ticket(
                account_id=a,
                title="Later outage",
                severity=Severity.SEV1,
                opened_on=q2.end + dt.timedelta(days=1),
            )
        )
        ws.log_interaction(
            a, dt.datetime.combine(q2.end + dt.timedelta(days=1), dt.time(9)), people=[104]
        )
    after, sheet_after = export("after.xlsx")
    assert after.summary == before.summary
    assert after.people == before.people and after.support == before.support
    assert sheet_after == sheet_before


def test_the_running_quarter_is_to_date_and_compared_like_for_like(tmp_path: Path) -> None:
    path = tmp_path / "fjord.rapport"
    build(path, None)
    today = d("2026-11-20")  # day 20 of Q4 FY2027 (Nov 2026 - Jan 2027)
    with Workspace.open(path, readonly=True, today=lambda: today) as ws:
        account = ws.account_named("Fjord Freight")
        qbr = assemble_qbr(ws, account.id, QUARTERS[3], today)
    assert qbr.to_date and qbr.as_of == today
    assert qbr.period_label.startswith("Q4 FY2027 to date, 1 Nov 2026 – 20 Nov 2026")
    users = qbr.usage.metrics[0]
    # 1-20 Nov (one point, 210) against 1-20 Aug (one point, 180), not all of Aug-Oct (190)
    assert (users.current, users.previous) == (210.0, 180.0)
    assert all(day <= today for day, _ in users.points)
    # the meeting of 18 Nov counts; nothing after today does
    assert qbr.people.engagement[-1].interactions == 1
    assert [t.reference for t in qbr.support.tickets] == ["T3", "T4"]
    t4 = next(t for t in qbr.support.tickets if t.reference == "T4")
    assert t4.status is TicketStatus.RESOLVED  # resolved on 9 Nov, before today


def test_roadmap_targets_are_read_as_calendar_quarters(tmp_path: Path) -> None:
    """A July fiscal year: "2027-Q2" on the roadmap is Apr-Jun 2027, not Oct-Dec 2026."""
    from graph.vocabulary import RoadmapStatus

    path = tmp_path / "summit.rapport"
    with Workspace.create(path, today=lambda: LATER) as ws:
        a = ws.add(s.Account(name="Summit", fiscal_year_start_month=7)).id
        item = ws.add(
            s.RoadmapItem(
                title="Mobile RUM", status=RoadmapStatus.PLANNED, target_quarter="2027-Q2"
            )
        )
        ws.add(
            s.CustomerRequest(
                account_id=a,
                title="Mobile monitoring",
                requested_on=d("2026-05-01"),
                roadmap_item_id=item.id,
            )
        )
        q1 = assemble_qbr(ws, a, Quarter(2027, 1, 7), LATER)  # Jul-Sep 2026; next Oct-Dec 2026
        q3 = assemble_qbr(ws, a, Quarter(2027, 3, 7), LATER)  # Jan-Mar 2027; next Apr-Jun 2027
    assert not [p for p in q1.next_quarter if p.kind == "Roadmap"]
    plan = [p for p in q3.next_quarter if p.kind == "Roadmap"]
    assert [(p.title, p.due_on) for p in plan] == [("Mobile RUM", d("2027-06-30"))]
