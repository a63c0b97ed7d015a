"""The quick read of one account as of a day (graph.quickread.account_snapshot, sqlite3 alone)
gives the snapshot the workspace's read gives (graph.snapshot.read_account), field by field:
on every account of an edge portfolio on days around each dated fact, on the sample portfolio
and on a generated large one; None when the history log changed after the day. And the account
list's rows and the first account a window opens (graph.quickread.first_accounts)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import schema as s
from graph._sample_large import generate
from graph.clock import FixedClock
from graph.errors import NotFoundError
from graph.quickread.account_rows import card_positions, emails
from graph.quickread.account_snapshot import account_snapshot
from graph.quickread.first_accounts import first_account, listed_accounts
from graph.quickread.opening import open_checked
from graph.samples import write_sample
from graph.snapshot import AccountSnapshot, read_account
from graph.vocabulary import Level
from graph.workspace import Workspace
from tests.graph.account_edges import DAYS, ENTERED, TODAY, build_edges, compare_every_account


def assert_same_snapshot(quick: AccountSnapshot | None, full: AccountSnapshot) -> None:
    """Field by field first (a failure names the field), then whole."""
    assert quick is not None, "this day must take the quick read"
    for f in dataclasses.fields(full):
        if f.compare:
            assert getattr(quick, f.name) == getattr(full, f.name), f.name
    assert quick == full
    assert not quick.deleted and quick.deleted.when == full.as_of
    assert quick.signals == full.signals  # what the map and the list show of it


def assert_every_account(path: Path, days: tuple[dt.date, ...]) -> int:
    """Every account of ``path`` (archived too) on each of ``days``; returns how many."""

    def compare(ws: Workspace, conn: sqlite3.Connection, account_id: int, day: dt.date) -> None:
        quick = account_snapshot(conn, account_id, day)
        assert_same_snapshot(quick, read_account(ws, account_id, day))

    return compare_every_account(path, days, compare)


@pytest.fixture(scope="module")
def edges(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("edges") / "edges.rapport"
    build_edges(path)
    return path


@pytest.mark.parametrize("day", DAYS)
def test_every_account_of_the_edges_on_every_day(edges: Path, day: dt.date) -> None:
    assert assert_every_account(edges, (day,)) == 3


def test_the_edges_show_what_they_are_built_for(edges: Path) -> None:
    conn = open_checked(edges)
    try:
        north = next(a for a in listed_accounts(conn) if a.name == "Northwind").id
        snap = account_snapshot(conn, north, TODAY)
        empty = account_snapshot(conn, listed_accounts(conn)[0].id, TODAY)
        early = account_snapshot(conn, north, dt.date(2026, 1, 30))
    finally:
        conn.close()
    assert snap is not None and empty is not None and early is not None
    assert empty.account.name == "Empty Co" and empty.people == () and empty.team == ()
    assert {p.name for p in snap.departed} == {"Finn Gone", "Ivo Undated"}
    gus = next(p for p in snap.people if p.name == "Gus Leaving")  # leaves after the day
    assert gus.active and gus.left_on is None
    assert "Eve Late" in {p.name for p in snap.people}
    assert "Eve Late" not in {p.name for p in early.people}  # joins later
    assert "Finn Gone" in {p.name for p in early.people}  # leaves the next day
    dora = next(p for p in early.people if p.name == "Dora Lind")
    assert dora.attitude == 0  # before both of her changes
    assert [m.name for m in snap.team] == ["Abe Exec", "Tina TAM"]  # assigned, covering
    assert (snap.open_sev1, snap.open_high_risks) == (1, 1)
    assert {c.person_id for c in snap.coverage} >= {p.id for p in snap.departed[:1]}
    assert {p.known_since for p in snap.people if p.name == "Ben Okafor"} == {ENTERED.date()}


def test_emails_are_each_persons_email(edges: Path) -> None:
    with Workspace.open(edges, readonly=True, clock=FixedClock(TODAY)) as ws:
        north = ws.account_named("Northwind").id
        stored = {p.id: p.email or "" for p in ws.people(north)}
    conn = open_checked(edges)
    try:
        assert emails(conn, north) == stored
    finally:
        conn.close()
    assert sorted(e for e in stored.values() if e)[0] == "ana@northwind.example"


def test_card_positions_are_the_saved_ones(edges: Path) -> None:
    with Workspace.open(edges, readonly=True, clock=FixedClock(TODAY)) as ws:
        saved = {
            (a.id, view): ws.positions(a.id, view)
            for a in ws.accounts(include_archived=True)
            for view in ("org", "network", "power_interest", "influence_attitude")
        }
    conn = open_checked(edges)
    try:
        assert {key: card_positions(conn, *key) for key in saved} == saved
    finally:
        conn.close()
    assert sorted(p for p in saved.values() if p) == [{"p2": (10.0, 20.0), "t1": (-5.5, 0.0)}]


def test_an_unknown_account_is_refused_as_the_full_read_refuses_it(edges: Path) -> None:
    conn = open_checked(edges)
    try:
        with pytest.raises(NotFoundError) as quick:
            account_snapshot(conn, 999, TODAY)
    finally:
        conn.close()
    with Workspace.open(edges, readonly=True) as ws, pytest.raises(NotFoundError) as full:
        read_account(ws, 999, TODAY)
    assert str(quick.value) == str(full.value)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.rapport"
    with Workspace.create(path, clock=FixedClock(TODAY)) as ws:
        write_sample(ws, TODAY)
    return path


SAMPLE_DAYS = (TODAY, dt.date(2026, 10, 8), dt.date(2025, 10, 18), dt.date(2027, 11, 22))


def test_every_account_of_the_sample(sample: Path) -> None:
    with Workspace.open(sample, readonly=True) as ws:
        accounts = len(ws.accounts(include_archived=True))
    assert accounts >= 4
    assert assert_every_account(sample, SAMPLE_DAYS) == accounts * len(SAMPLE_DAYS)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "large.rapport"
    with Workspace.create(path, clock=FixedClock(TODAY)) as ws:
        generate(ws, accounts=5, people=400, interactions=6000, seed=15, today=TODAY)
    return path


def test_a_generated_large_portfolio(generated: Path) -> None:
    days = (TODAY, TODAY - dt.timedelta(days=120), TODAY + dt.timedelta(days=45))
    assert assert_every_account(generated, days) == 5 * len(days)


@pytest.fixture()
def edited(tmp_path: Path) -> Iterator[Path]:
    """A person renamed and moved to another level on 1 Sep, after a day of April."""
    path = tmp_path / "edited.rapport"
    clock = FixedClock(dt.datetime(2026, 3, 1, 9))
    with Workspace.create(path, clock=clock) as ws:
        account = ws.add(s.Account(name="Northwind"))
        pid = ws.add(s.Person(account_id=account.id, name="Ana", level=Level.EXECUTIVE)).id
        ws.log_interaction(account.id, dt.datetime(2026, 2, 20, 10), people=[pid])
        clock.set(dt.datetime(2026, 9, 1, 9))
        ws.update(s.Person, pid, level=Level.OPERATIONS, name="Ana R.")
    yield path


def test_a_day_the_log_changed_since_is_left_to_the_full_read(edited: Path) -> None:
    conn = open_checked(edited)
    try:
        aid = listed_accounts(conn)[0].id
        assert account_snapshot(conn, aid, dt.date(2026, 4, 1)) is None
        assert account_snapshot(conn, aid, dt.date(2026, 8, 31)) is None
        after = account_snapshot(conn, aid, dt.date(2026, 9, 1))  # the edit's own day
    finally:
        conn.close()
    with Workspace.open(edited, readonly=True) as ws:
        then = read_account(ws, aid, dt.date(2026, 4, 1))
        assert_same_snapshot(after, read_account(ws, aid, dt.date(2026, 9, 1)))
    assert [p.name for p in then.people] == ["Ana"]  # only the log knows it
    assert after is not None and [p.name for p in after.people] == ["Ana R."]


def test_the_list_and_the_first_account(edges: Path) -> None:
    with Workspace.open(edges, readonly=True) as ws:
        shown = [(a.id, a.name, a.renewal_date, a.archived) for a in ws.accounts()]
        every = [(a.id, a.name) for a in ws.accounts(include_archived=True)]
    conn = open_checked(edges)
    try:
        listed = listed_accounts(conn)
        assert [(a.id, a.name, a.renewal_date, a.archived) for a in listed] == shown
        assert [(a.id, a.name) for a in listed_accounts(conn, include_archived=True)] == every
    finally:
        conn.close()
    assert [a.name for a in listed] == ["Empty Co", "Northwind"]  # by name, archived left out
    empty, north = (a.id for a in listed)
    attic = next(i for i, name in every if name == "Attic Ltd")
    assert first_account(listed, north) == north  # remembered
    assert first_account(listed, None) == empty  # else the first by name
    assert first_account(listed, attic) == empty  # archived since: not listed
    assert first_account(listed, 999) == empty  # deleted since
    assert first_account([], None) is None and first_account([], north) is None
