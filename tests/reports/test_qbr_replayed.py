"""A year of an account lived day by day through the real write paths, then every quarter's QBR.

The script below is applied through ``graph.operations`` (the functions the app and the command
line call) with a ``FixedClock`` moved forward one day at a time, so the change log holds what
a TAM's file would: risks raised and closed, people joining and leaving, attitudes and goals
moving, tickets opened and resolved, an edit undone, and records deleted (a person with their
links, coverage and attendances, a risk, a goal, a ticket, an interaction, a link, a coverage).

Two oracles, both independent of the as-of reads:
- the same script replayed into a second file, stopped at the end of the quarter's last day:
  that file *is* the account as it stood then, and its QBR exported that day is what the
  quarter's QBR must say today (every figure, the Summary sheet cell by cell);
- a plain model of the facts, kept by the script as it runs, gives the headline figures by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from graph import operations as op
from graph import schema as s
from graph.clock import FixedClock
from graph.vocabulary import (
    DealRole,
    GoalStatus,
    Level,
    PersonStatus,
    RiskLevel,
    RiskStatus,
    Severity,
    TicketStatus,
)
from graph.workspace import Workspace
from reports.model import Qbr
from reports.qbr import assemble_qbr
from reports.quarter import Quarter

START = dt.date(2026, 1, 5)
LATER = dt.date(2027, 1, 20)  # "today" for the full file: every quarter of 2026 is over
QUARTERS = [Quarter(2026, n, 1) for n in (1, 2, 3, 4)]
ACCOUNT = "Kestrel Mills"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclass
class Facts:
    """What the script did, kept by hand: the oracle for the headline figures."""

    risks: dict[str, tuple[RiskLevel, bool]] = field(default_factory=dict)  # title: (level, open)
    tickets: dict[str, tuple[Severity, bool]] = field(default_factory=dict)  # ref: (sev, open)
    goals: dict[str, GoalStatus] = field(default_factory=dict)
    people: dict[str, bool] = field(default_factory=dict)  # name: still on the account

    def copy(self) -> Facts:
        return Facts(dict(self.risks), dict(self.tickets), dict(self.goals), dict(self.people))


@dataclass
class Run:
    """One replay of the script into a file."""

    ws: Workspace
    clock: FixedClock
    facts: Facts = field(default_factory=Facts)
    ids: dict[str, int] = field(default_factory=dict)
    undo: dict[str, op.OpResult] = field(default_factory=dict)

    @property
    def account(self) -> int:
        return self.ids[ACCOUNT]

    def person(self, name: str, **fields: object) -> None:
        op.add_person(self.ws, self.account, name, joined_on=self.clock.today(), **fields)
        self.ids[name] = self.ws.find(s.Person, name=name)[0].id
        self.facts.people[name] = True

    def add(self, record: s.Base, key: str) -> None:
        op.add_record(self.ws, record)
        cls = type(record)
        column = "reference" if cls is s.Ticket else "title"
        self.ids[key] = self.ws.find(cls, **{column: key})[0].id

    def meet(self, *names: str, key: str = "") -> None:
        at = dt.datetime.combine(self.clock.today(), dt.time(10))
        op.log_interaction(
            self.ws,
            self.account,
            at,
            people=[self.ids[n] for n in names],
            team=[self.ids["Tia"]],
        )
        if key:
            self.ids[key] = self.ws.find(s.Interaction, occurred_at=at)[0].id

    def risk(self, title: str, level: RiskLevel) -> None:
        self.add(
            s.Risk(account_id=self.account, title=title, level=level, raised_on=self.clock.today()),
            title,
        )
        self.facts.risks[title] = (level, True)

    def close_risk(self, title: str) -> None:
        op.edit_fields(self.ws, s.Risk, self.ids[title], status=RiskStatus.CLOSED)
        self.facts.risks[title] = (self.facts.risks[title][0], False)

    def ticket(self, ref: str, severity: Severity) -> None:
        record = s.Ticket(
            account_id=self.account,
            reference=ref,
            title=f"Ticket {ref}",
            severity=severity,
            opened_on=self.clock.today(),
        )
        self.add(record, ref)
        self.facts.tickets[ref] = (severity, True)

    def resolve(self, ref: str) -> None:
        op.edit_fields(
            self.ws,
            s.Ticket,
            self.ids[ref],
            status=TicketStatus.RESOLVED,
            resolved_on=self.clock.today(),
        )
        self.facts.tickets[ref] = (self.facts.tickets[ref][0], False)

    def goal(self, title: str, status: GoalStatus, progress: float = 0.0) -> None:
        if title in self.ids:
            op.edit_fields(self.ws, s.Goal, self.ids[title], status=status, progress=progress)
        else:
            self.add(
                s.Goal(
                    account_id=self.account,
                    title=title,
                    status=status,
                    progress=progress,
                    due_on=d("2026-12-31"),
                ),
                title,
            )
        self.facts.goals[title] = status

    def leave(self, name: str) -> None:
        op.edit_fields(
            self.ws,
            s.Person,
            self.ids[name],
            status=PersonStatus.LEFT,
            left_on=self.clock.today(),
        )
        self.facts.people[name] = False

    def delete(self, cls: type[s.Base], key: str) -> None:
        if cls is s.Person:
            op.delete_selection(self.ws, self.account, [f"p{self.ids[key]}"])
            del self.facts.people[key]
        else:
            op.delete_records(self.ws, cls, [self.ids[key]])
        self.facts.risks.pop(key, None)
        self.facts.tickets.pop(key, None)
        self.facts.goals.pop(key, None)

    def cover(self, member: str, name: str, kind: str = "owns") -> None:
        op.link(self.ws, self.account, f"t{self.ids[member]}", f"p{self.ids[name]}", kind)
        found = self.ws.find(s.Coverage, member_id=self.ids[member], person_id=self.ids[name])
        self.ids[f"{member}>{name}"] = found[0].id

    def relate(self, source: str, target: str, kind: str) -> None:
        op.link(self.ws, self.account, f"p{self.ids[source]}", f"p{self.ids[target]}", kind)
        newest = max(r.id for r in self.ws.relationships(self.account))
        self.ids[f"{source}~{target}"] = newest


def opening(r: Run) -> None:
    op.add_account(
        r.ws, ACCOUNT, arr=420_000.0, renewal_date=d("2027-03-31"), fiscal_year_start_month=1
    )
    r.ids[ACCOUNT] = r.ws.account_named(ACCOUNT).id
    for name in ("Tia", "Sam"):
        op.add_member(r.ws, name)
        r.ids[name] = r.ws.find(s.TeamMember, name=name)[0].id
        op.assign(r.ws, r.ids[name], r.account)
    exe, mgmt, ops = Level.EXECUTIVE, Level.MANAGEMENT, Level.OPERATIONS
    r.person("Eva Exec", level=exe, role=DealRole.ECONOMIC_BUYER, influence=5, attitude=1)
    r.person("Carl Champion", level=mgmt, role=DealRole.CHAMPION, influence=4, attitude=2)
    r.person("Olav Ops", level=ops, role=DealRole.OPERATIONS_OWNER, influence=2, title="Ops lead")
    r.person("Dirk Doubter", level=mgmt, role=DealRole.BLOCKER, influence=4, attitude=0)
    r.person("Pia User", level=ops, role=DealRole.PRIMARY_USER, influence=2, attitude=1)
    r.cover("Tia", "Eva Exec")
    r.cover("Tia", "Carl Champion")
    r.cover("Sam", "Olav Ops")
    r.cover("Sam", "Pia User", "knows")
    r.relate("Carl Champion", "Eva Exec", "reports_to")
    r.relate("Dirk Doubter", "Eva Exec", "influences")
    r.relate("Pia User", "Olav Ops", "ally")
    metric = s.UsageMetric(account_id=r.account, name="Active users", unit="users")
    op.add_record(r.ws, metric)
    r.ids["users"] = r.ws.find(s.UsageMetric, account_id=r.account)[0].id


def usage(r: Run) -> None:
    day = r.clock.today()
    value = 100.0 + 10 * (day.month + 12 * (day.year - 2026))
    op.add_record(r.ws, s.UsagePoint(metric_id=r.ids["users"], measured_on=day, value=value))


def edit_attitude(name: str, value: int, keep: str = "") -> Callable[[Run], None]:
    def step(r: Run) -> None:
        result = op.edit_fields(r.ws, s.Person, r.ids[name], attitude=value)
        if keep:
            r.undo[keep] = result

    return step


def undo(key: str) -> Callable[[Run], None]:
    def step(r: Run) -> None:
        op.perform(r.ws, r.undo[key].inverse, "undo")

    return step


SCRIPT: dict[str, list[Callable[[Run], None]]] = {
    "2026-01-05": [opening],
    "2026-01-20": [lambda r: r.risk("Budget freeze", RiskLevel.HIGH)],
    "2026-02-03": [lambda r: r.meet("Eva Exec", "Carl Champion", "Olav Ops")],
    "2026-02-10": [lambda r: r.ticket("T1", Severity.SEV1)],
    "2026-02-15": [
        lambda r: r.goal("Cut MTTR", GoalStatus.ON_TRACK, 30.0),
        lambda r: r.goal("Roll out to EU", GoalStatus.NOT_STARTED),
    ],
    "2026-03-02": [edit_attitude("Dirk Doubter", -1)],
    "2026-03-10": [lambda r: r.meet("Carl Champion", "Dirk Doubter", "Pia User")],
    "2026-03-15": [
        lambda r: r.add(
            s.Win(
                account_id=r.account,
                title="Faster checkout",
                won_on=r.clock.today(),
                impact_value=30.0,
                impact_unit="hours saved",
            ),
            "Faster checkout",
        )
    ],
    "2026-03-20": [edit_attitude("Eva Exec", 2, keep="eva")],
    "2026-03-25": [lambda r: r.ticket("T2", Severity.SEV2)],
    "2026-04-06": [undo("eva")],
    "2026-04-12": [lambda r: r.risk("Reorg", RiskLevel.HIGH)],
    "2026-04-20": [lambda r: r.resolve("T1")],
    "2026-04-28": [
        lambda r: r.person(
            "Nina New", level=Level.OPERATIONS, role=DealRole.PRIMARY_USER, influence=2
        ),
        lambda r: r.cover("Sam", "Nina New"),
    ],
    "2026-05-05": [lambda r: r.close_risk("Budget freeze")],
    "2026-05-12": [lambda r: r.meet("Eva Exec", "Nina New", "Pia User", key="May meeting")],
    "2026-05-20": [lambda r: r.leave("Carl Champion")],
    "2026-06-01": [lambda r: r.goal("Roll out to EU", GoalStatus.AT_RISK, 20.0)],
    "2026-06-15": [
        lambda r: op.edit_fields(r.ws, s.Person, r.ids["Olav Ops"], title="Head of Operations")
    ],
    "2026-07-03": [lambda r: r.delete(s.Person, "Pia User")],
    "2026-07-10": [lambda r: r.delete(s.Risk, "Reorg")],
    "2026-07-15": [lambda r: r.meet("Eva Exec", "Olav Ops")],
    "2026-08-01": [lambda r: r.ticket("T3", Severity.SEV1)],
    "2026-08-10": [lambda r: r.delete(s.Goal, "Cut MTTR")],
    "2026-08-20": [lambda r: op.unlink(r.ws, s.Relationship, r.ids["Dirk Doubter~Eva Exec"])],
    "2026-09-05": [lambda r: r.goal("Roll out to EU", GoalStatus.ON_TRACK, 60.0)],
    "2026-09-12": [lambda r: r.delete(s.Interaction, "May meeting")],
    "2026-10-02": [lambda r: op.unlink(r.ws, s.Coverage, r.ids["Tia>Eva Exec"])],
    "2026-10-15": [lambda r: r.delete(s.Ticket, "T2")],
    "2026-10-20": [edit_attitude("Dirk Doubter", 1)],
    "2026-11-05": [lambda r: r.resolve("T3")],
    "2026-11-18": [lambda r: r.meet("Dirk Doubter", "Nina New", "Olav Ops")],
    "2026-12-01": [lambda r: r.risk("Vendor consolidation", RiskLevel.MEDIUM)],
    "2026-12-10": [lambda r: r.leave("Nina New")],
    "2027-01-08": [
        lambda r: r.delete(s.Person, "Dirk Doubter"),
        lambda r: r.close_risk("Vendor consolidation"),
    ],
}


def replay(path: Path, until: dt.date) -> dict[dt.date, Facts]:
    """Live the script day by day up to the end of ``until``; the facts at each month's end."""
    clock = FixedClock(dt.datetime.combine(START, dt.time(9)))
    facts_on: dict[dt.date, Facts] = {}
    with Workspace.create(path, clock=clock) as ws:
        ws.author = "Tia"
        run = Run(ws, clock)
        day = START
        while day <= until:
            clock.set(dt.datetime.combine(day, dt.time(9)))
            for step in SCRIPT.get(day.isoformat(), []):
                step(run)
                clock.advance(minutes=5)
            if day.day == 10 and day > START:
                usage(run)
            facts_on[day] = run.facts.copy()
            day += dt.timedelta(days=1)
    return facts_on


@pytest.fixture(scope="module")
def lived(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[dt.date, Facts]]:
    path = tmp_path_factory.mktemp("lived") / "kestrel.rapport"
    return path, replay(path, LATER)


@pytest.fixture(scope="module")
def full(lived: tuple[Path, dict[dt.date, Facts]]) -> Iterator[Workspace]:
    with Workspace.open(lived[0], readonly=True, clock=FixedClock(LATER)) as ws:
        yield ws


def the_qbr(ws: Workspace, quarter: Quarter, today: dt.date) -> Qbr:
    return assemble_qbr(ws, ws.account_named(ACCOUNT).id, quarter, today)


def summary_sheet(qbr: Qbr, out: Path) -> list[tuple[object, ...]]:
    """The Summary sheet's cells, without the line that says when it was prepared."""
    from openpyxl import load_workbook

    from reports.workbook import export_workbook

    sheet = load_workbook(export_workbook(qbr, out))["Summary"]
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    return [r for r in rows if not any("prepared" in str(v) for v in r)]


def timeless(qbr: Qbr) -> Qbr:
    return dataclasses.replace(qbr, generated_on=dt.date.min)


@pytest.mark.parametrize("quarter", QUARTERS, ids=[q.label for q in QUARTERS])
def test_each_quarter_says_what_its_last_day_said(
    full: Workspace, tmp_path: Path, quarter: Quarter
) -> None:
    replay(tmp_path / "then.rapport", quarter.end)
    with Workspace.open(
        tmp_path / "then.rapport", readonly=True, clock=FixedClock(quarter.end)
    ) as ws:
        then = the_qbr(ws, quarter, quarter.end)
    now = the_qbr(full, quarter, LATER)
    assert now.as_of == then.as_of == quarter.end and not now.to_date
    assert now.summary.health == then.summary.health  # level, score and every reason
    assert now.summary.numbers == then.summary.numbers
    assert now.summary == then.summary
    assert now.people == then.people
    assert now.support == then.support
    assert (now.goals, now.risks, now.wins, now.usage) == (
        then.goals,
        then.risks,
        then.wins,
        then.usage,
    )
    assert timeless(now) == timeless(then)
    assert summary_sheet(now, tmp_path / "now.xlsx") == summary_sheet(then, tmp_path / "then.xlsx")


@pytest.mark.parametrize("quarter", QUARTERS, ids=[q.label for q in QUARTERS])
def test_each_quarter_against_the_facts_counted_by_hand(
    full: Workspace, lived: tuple[Path, dict[dt.date, Facts]], quarter: Quarter
) -> None:
    facts = lived[1][quarter.end]
    qbr = the_qbr(full, quarter, LATER)
    high = sum(1 for level, is_open in facts.risks.values() if level is RiskLevel.HIGH and is_open)
    sev1 = sum(1 for sev, is_open in facts.tickets.values() if sev is Severity.SEV1 and is_open)
    sev12 = sum(
        1 for sev, is_open in facts.tickets.values() if sev is not Severity.SEV3 and is_open
    )
    reasons = qbr.summary.health.reasons
    assert (f"{high} open high risk(s)" in reasons) is (high > 0), reasons
    assert (f"{sev1} open severity-1 ticket(s)" in reasons) is (sev1 > 0), reasons
    numbers = qbr.summary.numbers
    assert numbers.open_sev1_sev2 == sev12
    on_track = (GoalStatus.ON_TRACK, GoalStatus.DONE)
    assert (numbers.goals_on_track, numbers.goals_total) == (
        sum(1 for g in facts.goals.values() if g in on_track),
        len(facts.goals),
    )
    assert {r.title for r in qbr.risks if r.status is RiskStatus.OPEN} == {
        t for t, (_, is_open) in facts.risks.items() if is_open
    }
    names = {r.name for r in qbr.people.stakeholders if r.status is not PersonStatus.LEFT}
    assert names == {n for n, here in facts.people.items() if here}


# Engaged in each quarter (attended a logged interaction), by hand from the script.
ENGAGED = {
    1: {"Eva Exec", "Carl Champion", "Olav Ops", "Dirk Doubter", "Pia User"},
    2: {"Eva Exec", "Nina New", "Pia User"},
    3: {"Eva Exec", "Olav Ops"},
    4: {"Dirk Doubter", "Nina New", "Olav Ops"},
}


@pytest.mark.parametrize("quarter", QUARTERS, ids=[q.label for q in QUARTERS])
def test_people_engaged_include_those_deleted_since(full: Workspace, quarter: Quarter) -> None:
    qbr = the_qbr(full, quarter, LATER)
    assert qbr.summary.numbers.people_engaged == len(ENGAGED[quarter.number])
    assert {r.name for r in qbr.people.engaged} == ENGAGED[quarter.number]


def test_facts_recorded_after_a_quarter_leave_its_export_as_it_was(
    lived: tuple[Path, dict[dt.date, Facts]], tmp_path: Path
) -> None:
    """Export Q2, then live on: risks, people and tickets dated after it, edits and deletions
    of what it showed; exporting Q2 again gives the same Summary figures, reasons and sheet."""
    path = tmp_path / "q2.rapport"
    q2 = QUARTERS[1]
    replay(path, q2.end + dt.timedelta(days=3))
    with Workspace.open(path, readonly=True, clock=FixedClock(LATER)) as ws:
        before = the_qbr(ws, q2, LATER)
    sheet_before = summary_sheet(before, tmp_path / "before.xlsx")
    clock = FixedClock(dt.datetime.combine(q2.end + dt.timedelta(days=5), dt.time(9)))
    with Workspace.open(path, clock=clock) as ws:
        run = Run(ws, clock)
        for cls, key in (
            (s.Account, ACCOUNT),
            (s.TeamMember, "Tia"),
            (s.Person, "Eva Exec"),
            (s.Person, "Olav Ops"),
            (s.Person, "Nina New"),
            (s.Risk, "Reorg"),
            (s.Ticket, "T2"),
            (s.Goal, "Roll out to EU"),
        ):
            column = (
                "reference" if cls is s.Ticket else "title" if cls in (s.Risk, s.Goal) else "name"
            )
            run.ids[key] = ws.find(cls, **{column: key})[0].id
        run.risk("Security review", RiskLevel.HIGH)
        run.person("Late Larry", level=Level.EXECUTIVE, role=DealRole.BLOCKER, influence=5)
        op.edit_fields(ws, s.Person, run.ids["Late Larry"], attitude=-2)
        run.ticket("T9", Severity.SEV1)
        run.meet("Late Larry", "Olav Ops")
        clock.advance(days=1)
        op.edit_fields(ws, s.Risk, run.ids["Reorg"], status=RiskStatus.CLOSED)
        goal = run.ids["Roll out to EU"]
        op.edit_fields(ws, s.Goal, goal, status=GoalStatus.OFF_TRACK, progress=5.0)
        op.edit_fields(ws, s.Person, run.ids["Eva Exec"], status=PersonStatus.LEFT, left_on=None)
        op.edit_fields(ws, s.Person, run.ids["Olav Ops"], level=Level.EXECUTIVE, influence=5)
        clock.advance(days=1)
        op.delete_records(ws, s.Ticket, [run.ids["T2"]])
        op.delete_selection(ws, run.account, [f"p{run.ids['Nina New']}"])
        op.unlink(ws, s.Coverage, ws.find(s.Coverage, person_id=run.ids["Olav Ops"])[0].id)
    with Workspace.open(path, readonly=True, clock=FixedClock(LATER)) as ws:
        after = the_qbr(ws, q2, LATER)
    assert after.summary.health == before.summary.health
    assert after.summary == before.summary
    assert after.people == before.people and after.support == before.support
    assert timeless(after) == timeless(before)
    assert summary_sheet(after, tmp_path / "after.xlsx") == sheet_before


@pytest.mark.parametrize("quarter", QUARTERS, ids=[q.label for q in QUARTERS])
def test_the_exports_one_pass_says_the_same(full: Workspace, quarter: Quarter) -> None:
    """Read as ``rapport export`` reads it (the QBR's day and its trend's days in one pass,
    contacts cut at its quarters), with attendances and interactions deleted since."""
    from graph.snapshot import read_account_days
    from reports.briefing import trend_days, with_briefing
    from reports.qbr import HISTORY_QUARTERS, contact_cuts

    account_id = full.account_named(ACCOUNT).id
    days = {quarter.end, *trend_days(quarter.history(HISTORY_QUARTERS), LATER)}
    snapshots = read_account_days(full, account_id, days, contact_cuts=contact_cuts(quarter))
    exported = assemble_qbr(full, account_id, quarter, LATER, snapshot=snapshots[quarter.end])
    assert exported == the_qbr(full, quarter, LATER)
    assert {r.name for r in exported.people.engaged} == ENGAGED[quarter.number]
    briefed = with_briefing(full, exported, snapshots)
    assert briefed.briefing == with_briefing(full, the_qbr(full, quarter, LATER)).briefing
