"""A small portfolio built for the edges of an account read as of a day (the quick read of
graph.quickread.account_snapshot and desktop.map.quick_map against the workspace's read): an
empty account, an archived one, people who joined later, left before, or are leaving after the
day, one who left with no date, attitudes changed before and after, coverage of someone who
left, a member assigned with no coverage, contacts on both sides of the day, tickets and risks
open or not, emails, and card positions saved on the map."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

from graph import schema as s
from graph.clock import FixedClock
from graph.quickread.opening import open_checked
from graph.vocabulary import (
    CoverageKind,
    DealRole,
    Level,
    PersonStatus,
    Phase,
    RelationKind,
    RelationshipLevel,
    RiskLevel,
    RiskStatus,
    Severity,
    TeamRole,
    TicketStatus,
)
from graph.workspace import Workspace

TODAY = dt.date(2026, 11, 22)
# Everything is entered on this day (the history log dates every record then); the records'
# own dates tell the past and the future around it.
ENTERED = dt.datetime(2025, 6, 2, 9, 0)
DAYS = (
    dt.date(2025, 6, 2),  # the day everything was entered: the undated are new to us
    dt.date(2025, 12, 3),
    dt.date(2026, 1, 31),  # Finn leaves that day
    dt.date(2026, 6, 1),  # Eve joins that day
    TODAY,
    dt.date(2026, 12, 31),  # Gus leaves that day
    dt.date(2028, 1, 1),
)


def build_edges(path: Path) -> None:
    with Workspace.create(path, clock=FixedClock(ENTERED)) as ws:
        ws.add(s.Account(name="Empty Co"))
        archived = ws.add(s.Account(name="Attic Ltd", archived=True))
        ws.add(s.Person(account_id=archived.id, name="Old Friend", level=Level.EXECUTIVE))
        full = ws.add(
            s.Account(name="Northwind", industry="Logistics", arr=420_000.5,
                      renewal_date=dt.date(2026, 3, 31), phase=Phase.AT_RISK)
        )  # fmt: skip
        ws.update(s.CadenceDefault, DealRole.CHAMPION, ideal_days=10, max_days=21)

        def person(name: str, **values: object) -> int:
            return ws.add(s.Person(account_id=full.id, name=name, **values)).id  # type: ignore[arg-type]

        ceo = person("Ana Ruiz", title="CEO", level=Level.EXECUTIVE, role=DealRole.ECONOMIC_BUYER,
                     influence=5, attitude=1, joined_on=dt.date(2025, 1, 1),
                     email="ana@northwind.example")  # fmt: skip
        champ = person("Ben Okafor", title="Head of Platform", level=Level.MANAGEMENT,
                       role=DealRole.CHAMPION, influence=4, attitude=2, department="Platform",
                       email="ben@northwind.example")  # fmt: skip
        sre = person("Chen Wei", title="SRE Lead", level=Level.OPERATIONS, interest=5,
                     role=DealRole.PRIMARY_USER, cadence_days=5)  # fmt: skip
        blocker = person("Dora Lind", title="  ", level=Level.MANAGEMENT, role=DealRole.BLOCKER,
                         influence=2, attitude=-2)  # fmt: skip
        late = person("Eve Late", level=Level.OPERATIONS, joined_on=dt.date(2026, 6, 1))
        gone = person("Finn Gone", level=Level.EXECUTIVE, status=PersonStatus.LEFT,
                      left_on=dt.date(2026, 1, 31), email="finn@northwind.example")  # fmt: skip
        leaving = person("Gus Leaving", level=Level.OPERATIONS, status=PersonStatus.LEFT,
                         left_on=dt.date(2026, 12, 31))  # fmt: skip
        person("Hana Leave", level=Level.EXECUTIVE, status=PersonStatus.ON_LEAVE)
        person("Ivo Undated", status=PersonStatus.LEFT)
        tam = ws.add(s.TeamMember(name="Tina TAM")).id
        ae = ws.add(s.TeamMember(name="Abe Exec", role=TeamRole.ACCOUNT_EXECUTIVE)).id
        ws.add(s.TeamMember(name="Nobody Here"))
        ws.add(s.AccountTeam(account_id=full.id, member_id=ae))
        for pid in (ceo, champ, sre):
            ws.add(s.Coverage(member_id=tam, person_id=pid, kind=CoverageKind.OWNS,
                              current_level=RelationshipLevel.CREDIBLE_SOURCE))  # fmt: skip
        ws.add(s.Coverage(member_id=tam, person_id=gone))
        ws.add(s.Coverage(member_id=ae, person_id=ceo, kind=CoverageKind.KNOWS))
        ws.add(s.Coverage(member_id=ae, person_id=late, kind=CoverageKind.KNOWS))
        for kind, source, target, strength in (
            (RelationKind.REPORTS_TO, champ, ceo, 1),
            (RelationKind.REPORTS_TO, sre, champ, 1),
            (RelationKind.REPORTS_TO, blocker, ceo, 1),
            (RelationKind.INFLUENCES, blocker, ceo, 3),
            (RelationKind.INFLUENCES, sre, blocker, 1),
            (RelationKind.INFLUENCES, gone, blocker, 3),
            (RelationKind.ALLY, champ, sre, 1),
            (RelationKind.CONFLICT, late, blocker, 1),
        ):
            ws.add(s.Relationship(account_id=full.id, kind=kind, source_id=source,
                                  target_id=target, strength=strength))  # fmt: skip
        ws.add(s.AttitudeChange(person_id=blocker, changed_on=dt.date(2026, 2, 1),
                                old_attitude=0, new_attitude=-1))  # fmt: skip
        ws.add(s.AttitudeChange(person_id=blocker, changed_on=dt.date(2026, 9, 1),
                                old_attitude=-1, new_attitude=-2))  # fmt: skip
        for at, who, minutes in (
            (dt.datetime(2025, 7, 1, 10), [ceo, champ], 60),
            (dt.datetime(2025, 12, 3, 14), [champ, sre, gone], 90),
            (dt.datetime(2026, 2, 10, 9), [champ], 45),
            (dt.datetime(2026, 5, 20, 16), [sre, leaving], 240),
            (dt.datetime(2026, 10, 30, 8), [champ], 30),
            (dt.datetime(2026, 11, 22, 23, 59), [ceo], 15),
            (dt.datetime(2026, 11, 23, 0, 0), [blocker], 30),  # after TODAY
            (dt.datetime(2026, 11, 10, 9), [late], 30),
        ):
            ws.log_interaction(full.id, at, people=who, team=[tam], duration_minutes=minutes)
        for severity, status, opened, resolved in (
            (Severity.SEV1, TicketStatus.OPEN, dt.date(2026, 10, 1), None),
            (Severity.SEV1, TicketStatus.RESOLVED, dt.date(2026, 3, 1), dt.date(2026, 4, 1)),
            (Severity.SEV2, TicketStatus.OPEN, dt.date(2026, 1, 1), None),
            (Severity.SEV1, TicketStatus.IN_PROGRESS, dt.date(2026, 12, 1), None),
        ):
            ws.add(s.Ticket(account_id=full.id, title="t", severity=severity, status=status,
                            opened_on=opened, resolved_on=resolved))  # fmt: skip
        for level, status, raised in (
            (RiskLevel.HIGH, RiskStatus.OPEN, dt.date(2026, 4, 1)),
            (RiskLevel.HIGH, RiskStatus.CLOSED, dt.date(2025, 8, 1)),
            (RiskLevel.HIGH, RiskStatus.OPEN, dt.date(2026, 11, 23)),
        ):
            ws.add(s.Risk(account_id=full.id, title="r", level=level, status=status,
                          raised_on=raised))  # fmt: skip
        ws.set_positions(full.id, "org", {f"p{ceo}": (10.0, 20.0), f"t{tam}": (-5.5, 0.0)})


def compare_every_account(
    path: Path,
    days: tuple[dt.date, ...],
    compare: Callable[[Workspace, sqlite3.Connection, int, dt.date], None],
) -> int:
    """``compare(ws, conn, account_id, day)`` for every account of ``path`` (archived too) on
    each of ``days``, the workspace and a checked sqlite3 connection open side by side (the
    full read and the quick read); returns how many were compared."""
    compared = 0
    with Workspace.open(path, readonly=True, clock=FixedClock(TODAY)) as ws:
        conn = open_checked(path)
        try:
            for day in days:
                for account in ws.accounts(include_archived=True):
                    compare(ws, conn, account.id, day)
                    compared += 1
        finally:
            conn.close()
    return compared
