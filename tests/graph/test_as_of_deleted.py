"""Records deleted after a day come back in that day's snapshot, with that day's values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import schema as s
from graph.as_of_deleted import deleted_since
from graph.clock import FixedClock
from graph.erasure import erase_person
from graph.snapshot import read_account
from graph.vocabulary import Level, RelationKind, RiskLevel, Severity, TicketStatus
from graph.workspace import Workspace

D = dt.date(2026, 3, 31)  # the day the past snapshot speaks of


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 3, 2, 9))


@pytest.fixture
def ws(tmp_path: Path, clock: FixedClock) -> Iterator[Workspace]:
    with Workspace.create(tmp_path / "d.rapport", clock=clock) as workspace:
        yield workspace


def after_d(clock: FixedClock, days: int = 1) -> None:
    clock.set(dt.datetime.combine(D + dt.timedelta(days=days), dt.time(9)))


def test_a_person_deleted_after_the_day_is_there_with_the_values_of_the_day(
    ws: Workspace, clock: FixedClock
) -> None:
    a = ws.add(s.Account(name="Northwind")).id
    tia = ws.add(s.TeamMember(name="Tia"))
    eva = ws.add(s.Person(account_id=a, name="Eva", level=Level.EXECUTIVE, title="CFO"))
    bo = ws.add(s.Person(account_id=a, name="Bo", attitude=1))
    link = ws.add(
        s.Relationship(
            account_id=a, kind=RelationKind.REPORTS_TO, source_id=bo.id, target_id=eva.id
        )
    )
    ws.add(s.Coverage(member_id=tia.id, person_id=bo.id))
    ws.log_interaction(a, dt.datetime(2026, 3, 10, 10), people=[bo.id, eva.id], team=[tia.id])
    after_d(clock)
    ws.update(s.Person, bo.id, title="VP Sales", attitude=-1)  # changed, then deleted
    after_d(clock, 2)
    ws.remove(s.Person, bo.id)  # with the link, the coverage and the attendance

    then = read_account(ws, a, D)
    now = read_account(ws, a, D + dt.timedelta(days=5))
    assert {p.name for p in now.people} == {"Eva"}
    bo_then = then.person[bo.id]
    assert (bo_then.title, bo_then.attitude) == ("", 1)
    assert [x.id for x in then.links] == [link.id]
    assert [(c.member_id, c.person_id) for c in then.coverage] == [(tia.id, bo.id)]
    assert then.contacts[bo.id].last_contact == dt.datetime(2026, 3, 10, 10)
    assert [m.name for m in then.team] == ["Tia"]
    assert bo_then.known_since == dt.date(2026, 3, 2)  # recorded on that day: "new" from it


def test_records_added_after_the_day_and_deleted_stay_out(ws: Workspace, clock: FixedClock) -> None:
    a = ws.add(s.Account(name="Northwind")).id
    after_d(clock)
    late = ws.add(s.Risk(account_id=a, title="Late", level=RiskLevel.HIGH, raised_on=D))
    ws.remove(s.Risk, late.id)  # a backfill, deleted again: it never stood on the day
    assert not deleted_since(ws.engine.connect(), D, [a])
    assert read_account(ws, a, D).open_high_risks == 0


def test_deleted_before_the_day_or_restored_since_counts_once(
    ws: Workspace, clock: FixedClock
) -> None:
    a = ws.add(s.Account(name="Northwind")).id
    gone = ws.add(s.Risk(account_id=a, title="Gone", level=RiskLevel.HIGH, raised_on=D))
    back = ws.add(s.Risk(account_id=a, title="Back", level=RiskLevel.HIGH, raised_on=D))
    ws.remove(s.Risk, gone.id)  # before the day
    after_d(clock)
    ws.restore(ws.remove(s.Risk, back.id))  # deleted and undone after it: today's row counts
    assert read_account(ws, a, D).open_high_risks == 1


def test_a_ticket_deleted_after_the_day_was_open_on_it(ws: Workspace, clock: FixedClock) -> None:
    a = ws.add(s.Account(name="Northwind")).id
    ticket = ws.add(s.Ticket(account_id=a, title="Outage", severity=Severity.SEV1, opened_on=D))
    after_d(clock)
    ws.update(s.Ticket, ticket.id, status=TicketStatus.RESOLVED, resolved_on=D + dt.timedelta(1))
    ws.remove(s.Ticket, ticket.id)
    assert read_account(ws, a, D).open_sev1 == 1
    assert read_account(ws, a, D + dt.timedelta(days=1)).open_sev1 == 0


def test_an_erased_person_never_comes_back(ws: Workspace, clock: FixedClock) -> None:
    a = ws.add(s.Account(name="Northwind")).id
    asa = ws.add(s.Person(account_id=a, name="Åsa Lind"))
    after_d(clock)
    erase_person(ws, asa.id)
    snapshot = read_account(ws, a, D)
    assert snapshot.people == () and snapshot.departed == ()
