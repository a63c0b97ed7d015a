"""A QBR read the way ``rapport export`` reads it (the account as of its day and its health
trend's days in one pass, its contacts cut at the QBR's quarters: ``read_account_days(...,
contact_cuts=...)``) says exactly what the QBR read on its own says, its engagement counted
from that pass instead of a second read of the attendances: on the sample portfolio and on
a generated one, each account, for past quarters and the running one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import reports.stakeholders as stakeholders
from graph._sample_large import generate
from graph.clock import FixedClock
from graph.samples import write_sample
from graph.snapshot import read_account_days
from graph.workspace import Workspace
from reports.briefing import trend_days, with_briefing
from reports.model import Qbr
from reports.qbr import HISTORY_QUARTERS, assemble_qbr, contact_cuts
from reports.quarter import Period, Quarter, choose_quarter

TODAY = dt.date(2026, 11, 22)


def as_exported(ws: Workspace, account_id: int, quarter: Quarter) -> Qbr:
    """As desktop.cli.export reads and assembles it."""
    period = Period.of(quarter, TODAY)
    days = {period.as_of, *trend_days(quarter.history(HISTORY_QUARTERS), TODAY)}
    snapshots = read_account_days(ws, account_id, days, contact_cuts=contact_cuts(quarter))
    snapshot = snapshots[period.as_of]
    assert snapshot.contact_spans is not None
    qbr = assemble_qbr(ws, account_id, quarter, TODAY, snapshot=snapshot)
    return with_briefing(ws, qbr, snapshots)


def alone(ws: Workspace, account_id: int, quarter: Quarter) -> Qbr:
    return with_briefing(ws, assemble_qbr(ws, account_id, quarter, TODAY))


def assert_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Every account, three quarters: the same QBR both ways; returns the engaged counted."""
    counted: list[int] = []
    real = stakeholders._attended_in

    def spy(*args: object) -> object:
        found = real(*args)  # type: ignore[arg-type]
        assert found is not None  # the spans did cover the quarters
        counted.append(len(found))
        return found

    monkeypatch.setattr(stakeholders, "_attended_in", spy)
    with Workspace.open(path, readonly=True, clock=FixedClock(TODAY)) as ws:
        for account in ws.accounts():
            for label in ("current", "last", "2026-Q1"):
                quarter = choose_quarter(label, account.fiscal_year_start_month, TODAY)
                exported = as_exported(ws, account.id, quarter)
                assert exported == alone(ws, account.id, quarter), (account.name, label)
    assert counted
    return sum(counted)


def test_the_sample_portfolio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sample.rapport"
    with Workspace.create(path, clock=FixedClock(TODAY)) as ws:
        write_sample(ws, today=TODAY)
    assert assert_same(path, monkeypatch) > 0


def test_a_generated_portfolio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "generated.rapport"
    with Workspace.create(path, clock=FixedClock(TODAY)) as ws:
        generate(ws, accounts=4, people=240, interactions=6000, seed=7, today=TODAY)
    assert assert_same(path, monkeypatch) > 100
