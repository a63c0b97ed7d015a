"""The health alone (``compute_health``, ``snapshot.health``: a health trend's days) is exactly
the health of the full signals (``compute_signals``), computing the account's centrality only
when it can change the score: on hand-made accounts where it does and does not, on the sample
portfolio and on a generated one, each on several days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from graph import schema as s
from graph._sample_large import generate
from graph.clock import FixedClock
from graph.samples import write_sample
from graph.signals import HealthScore, compute_health, compute_signals
from graph.snapshot import AccountSnapshot, read_account, read_account_days
from graph.vocabulary import CoverageKind, DealRole, Health, Level, RelationKind
from graph.workspace import Workspace
from tests.conftest import TODAY

# Quarter ends over two years, a day inside a quarter, today and a day ahead.
DAYS = (
    dt.date(2024, 12, 31),
    dt.date(2025, 3, 31),
    dt.date(2025, 6, 30),
    dt.date(2025, 9, 30),
    dt.date(2025, 12, 31),
    dt.date(2026, 3, 31),
    dt.date(2026, 6, 30),
    dt.date(2026, 8, 14),
    dt.date(2026, 9, 30),
    TODAY,
    TODAY + dt.timedelta(days=45),
)


def full(snap: AccountSnapshot) -> HealthScore:
    signals = compute_signals(snap)
    return HealthScore(signals.health, signals.computed_health, signals.health_score)


def at(days_ago: int) -> dt.datetime:
    return dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(10))


def _add(ws: Workspace, account: s.Account, name: str, **fields: object) -> s.Person:
    return ws.add(s.Person(account_id=account.id, name=name, **fields))  # type: ignore[arg-type]


def _broker_account(ws: Workspace, account: s.Account) -> s.Person:
    """An account whose only doubtful flag is an unowned detractor of influence 2 that the
    org chart makes central (everyone reports to them); every other rule is satisfied."""
    tia = ws.add(s.TeamMember(name="Tia", role="tam"))
    sam = ws.add(s.TeamMember(name="Sam", role="solution_engineer"))
    boss = _add(ws, account, "Bo", level=Level.MANAGEMENT, influence=2, attitude=-2)
    people = [
        _add(ws, account, "Ed", level=Level.EXECUTIVE, role=DealRole.ECONOMIC_BUYER),
        _add(ws, account, "Cy", level=Level.MANAGEMENT, role=DealRole.CHAMPION),
        _add(ws, account, "Di", level=Level.MANAGEMENT, role=DealRole.CHAMPION),
        _add(ws, account, "Op", level=Level.OPERATIONS, role=DealRole.OPERATIONS_OWNER),
    ]
    for n, person in enumerate(people):
        ws.add(
            s.Relationship(
                account_id=account.id,
                kind=RelationKind.REPORTS_TO,
                source_id=person.id,
                target_id=boss.id,
            )
        )
        member = (tia, sam)[n % 2]
        ws.add(s.Coverage(member_id=member.id, person_id=person.id, kind=CoverageKind.OWNS))
        ws.log_interaction(account.id, at(2), people=[person.id, boss.id], team=[member.id])
    return boss


def test_centrality_is_computed_when_it_decides_the_score(
    ws: Workspace, account: s.Account, centrality_calls: list[int]
) -> None:
    boss = _broker_account(ws, account)
    snap = read_account(ws, account.id, TODAY)
    signals = compute_signals(snap)
    assert signals.people[boss.id].centrality == 1.0
    assert [f.code for f in signals.flags] == ["unowned_detractor"]
    centrality_calls.clear()
    assert compute_health(snap) == full(snap) == HealthScore(Health.GREEN, Health.GREEN, 90)
    assert centrality_calls == [account.id, account.id]  # the health's, then the signals'


def test_centrality_is_skipped_when_it_cannot_change_the_score(
    ws: Workspace, account: s.Account, centrality_calls: list[int]
) -> None:
    _broker_account(ws, account)
    # three high flags without it: no champion (both demoted), an executive known for a year
    # and never met, an influential detractor nobody covers; the broker's would cost nothing
    for person in ws.people(account.id):
        if person.role is DealRole.CHAMPION:
            ws.update(s.Person, person.id, role=DealRole.SECONDARY_USER)
    joined = TODAY - dt.timedelta(days=365)
    _add(ws, account, "Xe", level=Level.EXECUTIVE, joined_on=joined)
    _add(ws, account, "Lou", level=Level.MANAGEMENT, influence=5, attitude=-2)
    snap = read_account(ws, account.id, TODAY)
    signals = compute_signals(snap)
    assert sum(f.severity == "high" for f in signals.flags) >= 4
    assert "unowned_detractor" in {f.code for f in signals.flags}
    centrality_calls.clear()
    assert compute_health(snap) == full(snap)
    assert centrality_calls == [account.id]  # the signals' only


def test_not_enough_data_and_the_override(ws: Workspace, account: s.Account) -> None:
    empty = read_account(ws, account.id, TODAY)
    assert compute_health(empty) == full(empty)
    assert compute_health(empty).health_score is None
    _broker_account(ws, account)
    ws.update(s.Account, account.id, health_override=Health.RED, health_override_reason="audit")
    snap = read_account(ws, account.id, TODAY)
    assert compute_health(snap) == full(snap) == HealthScore(Health.RED, Health.GREEN, 90)


def test_the_snapshot_health_is_the_signals_health(ws: Workspace, account: s.Account) -> None:
    _broker_account(ws, account)
    alone = read_account(ws, account.id, TODAY)
    assert "signals" not in alone.__dict__
    assert alone.health == full(alone)
    assert "signals" not in alone.__dict__  # the health did not need the people's signals
    both = read_account(ws, account.id, TODAY)
    assert both.signals.health_score == 90
    assert both.health == alone.health


def _every_account_every_day(path: Path) -> Iterator[AccountSnapshot]:
    with Workspace.open(path, readonly=True, clock=FixedClock(TODAY)) as ws:
        for account in ws.accounts(include_archived=True):
            yield from read_account_days(ws, account.id, DAYS).values()


def _assert_same(path: Path) -> set[str]:
    """Every account on every day: the same health; returns which ways the health took."""
    ways: set[str] = set()
    for snap in _every_account_every_day(path):
        alone, signals = compute_health(snap), compute_signals(snap)
        assert alone == HealthScore(
            signals.health, signals.computed_health, signals.health_score
        ), (snap.account.name, snap.as_of)
        high = sum(f.severity == "high" for f in signals.flags)
        ways.add("no score" if alone.health_score is None else f"high flags {min(high, 3)}")
    return ways


def test_the_sample_portfolio(tmp_path: Path) -> None:
    path = tmp_path / "sample.rapport"
    with Workspace.create(path, clock=FixedClock(TODAY)) as ws:
        write_sample(ws, today=TODAY)
    ways = _assert_same(path)
    assert {"no score", "high flags 3"} < ways  # both shortcuts and the full way were taken
    assert ways & {"high flags 0", "high flags 1", "high flags 2"}


def test_a_generated_portfolio(tmp_path: Path) -> None:
    path = tmp_path / "generated.rapport"
    with Workspace.create(path, clock=FixedClock(TODAY)) as ws:
        generate(ws, accounts=7, people=350, interactions=7000, seed=15, today=TODAY)
    ways = _assert_same(path)
    assert "high flags 3" in ways and len(ways) > 1
