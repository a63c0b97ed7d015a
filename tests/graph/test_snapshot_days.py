"""``read_account_days``: one account as of several days in one pass is exactly the account
read day by day (``read_account``), history log, departures, attitudes, tickets and all."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from graph import schema as s
from graph.errors import NotFoundError
from graph.snapshot import AccountSnapshot, read_account, read_account_days
from graph.vocabulary import PersonStatus, Severity, TicketStatus
from graph.workspace import Workspace

TODAY = dt.date(2026, 11, 20)


def _same(one: AccountSnapshot, other: AccountSnapshot) -> None:
    for f in dataclasses.fields(AccountSnapshot):
        # the contacts per span are the pass's own (a day read alone has none to share)
        if f.name not in ("signals", "contact_spans"):
            assert getattr(one, f.name) == getattr(other, f.name), f.name
    assert one.signals == other.signals


def test_the_sample_read_in_one_pass_equals_each_day_read_alone(tmp_path: Path) -> None:
    from desktop.cli.sample_file import write_sample_file

    path = tmp_path / "sample.rapport"
    write_sample_file(path, today=TODAY)
    days = [TODAY - dt.timedelta(days=n) for n in (400, 290, 180, 90, 30, 0)]
    with Workspace.open(path, readonly=True, today=lambda: TODAY) as ws:
        for account in ws.accounts():
            together = read_account_days(ws, account.id, days)
            assert list(together) == days
            for day in days:
                _same(together[day], read_account(ws, account.id, day))


def test_days_differ_where_the_dated_facts_do(ws: Workspace, account: s.Account) -> None:
    d1, d2 = dt.date(2026, 3, 31), dt.date(2026, 6, 30)
    stays = ws.add(s.Person(account_id=account.id, name="Ana", attitude=1))
    leaves = ws.add(
        s.Person(
            account_id=account.id,
            name="Bo",
            status=PersonStatus.LEFT,
            left_on=dt.date(2026, 5, 1),
        )
    )
    ws.add(s.Person(account_id=account.id, name="Cy", joined_on=dt.date(2026, 6, 1)))
    ws.add(
        s.AttitudeChange(
            person_id=stays.id,
            changed_on=dt.date(2026, 4, 15),
            old_attitude=-1,
            new_attitude=1,
        )
    )
    ws.add(
        s.Ticket(
            account_id=account.id,
            reference="T-1",
            title="Down",
            severity=Severity.SEV1,
            opened_on=dt.date(2026, 3, 1),
            status=TicketStatus.RESOLVED,
            resolved_on=dt.date(2026, 4, 2),
        )
    )
    ws.log_interaction(account.id, dt.datetime(2026, 3, 10, 9), people=[stays.id, leaves.id])
    ws.log_interaction(account.id, dt.datetime(2026, 6, 10, 9), people=[stays.id])
    both = read_account_days(ws, account.id, [d2, d1])
    first, second = both[d1], both[d2]
    assert [p.name for p in first.people] == ["Ana", "Bo"]
    assert [p.name for p in second.people] == ["Ana", "Cy"]
    assert [p.name for p in second.departed] == ["Bo"]
    assert first.person[stays.id].attitude == -1 and second.person[stays.id].attitude == 1
    assert (first.open_sev1, second.open_sev1) == (1, 0)
    last = {day: snap.contacts[stays.id].last_contact for day, snap in both.items()}
    assert last == {d1: dt.datetime(2026, 3, 10, 9), d2: dt.datetime(2026, 6, 10, 9)}
    for day, snap in both.items():
        _same(snap, read_account(ws, account.id, day))


def test_an_unknown_account_is_refused(ws: Workspace) -> None:
    with pytest.raises(NotFoundError):
        read_account_days(ws, 999, [TODAY])


def test_a_generated_portfolio_read_in_one_pass_equals_each_day_read_alone(
    tmp_path: Path,
) -> None:
    """Thousands of contacts over two years: each day's contact statistics, people, links and
    coverage as the day read alone gives them."""
    from graph._sample_large import generate

    path = tmp_path / "generated.rapport"
    with Workspace.create(path, today=lambda: TODAY) as ws:
        generate(ws, accounts=4, people=240, interactions=6000, seed=3, today=TODAY)
    # quarter ends, days 180 apart (one day's window starts where another's ends) and today
    days = [dt.date(2025, 9, 30), dt.date(2025, 12, 31), dt.date(2026, 3, 31), TODAY]
    days += [TODAY - dt.timedelta(days=181), TODAY - dt.timedelta(days=1)]
    with Workspace.open(path, readonly=True, today=lambda: TODAY) as ws:
        for account in ws.accounts():
            together = read_account_days(ws, account.id, days)
            assert sum(len(snap.contacts) for snap in together.values()) > 0
            for day in days:
                _same(together[day], read_account(ws, account.id, day))
