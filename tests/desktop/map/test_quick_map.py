"""The first account's map read with sqlite3 alone (desktop.map.quick_map) is the map
``load_map_data`` reads from the workspace, field by field: every card, link and risk, the
account graph built later from the same rows, on every account of an edge portfolio on days
around each dated fact, of the sample and of a generated large portfolio. None when the log
changed after the day. And the quick path loads no SQLAlchemy (nor networkx, numpy or Qt)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.accounts.account_list import AccountDelegate
from desktop.map.map_data import MapData, load_map_data
from desktop.map.quick_map import quick_map_data
from graph import schema as s
from graph._sample_large import generate
from graph.clock import FixedClock
from graph.quickread.first_accounts import listed_accounts
from graph.quickread.opening import open_checked
from graph.samples import write_sample
from graph.vocabulary import Level
from graph.workspace import Workspace
from tests.graph.account_edges import DAYS, TODAY, build_edges, compare_every_account


def _graph(data: MapData) -> tuple[list[Any], list[Any]]:
    G = data.graph
    nodes = sorted((n, sorted(d.items())) for n, d in G.nodes(data=True))
    edges = sorted((u, v, k, sorted(d.items())) for u, v, k, d in G.edges(keys=True, data=True))
    return nodes, edges


def assert_same_map(quick: MapData | None, full: MapData) -> None:
    """Field by field (a failure names the card or link), then whole, then the graph."""
    assert quick is not None, "this day must take the quick read"
    for name in ("account_id", "account_name", "today", "risks"):
        assert getattr(quick, name) == getattr(full, name), name
    assert list(quick.cards) == list(full.cards)
    for key, card in full.cards.items():
        for f in dataclasses.fields(card):
            assert getattr(quick.cards[key], f.name) == getattr(card, f.name), (key, f.name)
    assert quick.links == full.links
    assert quick == full
    assert _graph(quick) == _graph(full)


def assert_every_map(path: Path, days: tuple[dt.date, ...]) -> int:

    def compare(ws: Workspace, conn: sqlite3.Connection, account_id: int, day: dt.date) -> None:
        assert_same_map(quick_map_data(conn, account_id, day), load_map_data(ws, account_id, day))

    return compare_every_account(path, days, compare)


@pytest.fixture(scope="module")
def edges(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("edges") / "edges.rapport"
    build_edges(path)
    return path


@pytest.mark.parametrize("day", DAYS)
def test_every_map_of_the_edges_on_every_day(edges: Path, day: dt.date) -> None:
    assert assert_every_map(edges, (day,)) == 3


def test_the_edge_map_shows_what_it_is_built_for(edges: Path) -> None:
    conn = open_checked(edges)
    try:
        north = next(a for a in listed_accounts(conn) if a.name == "Northwind").id
        data = quick_map_data(conn, north, TODAY)
    finally:
        conn.close()
    assert data is not None
    cards = {c.name: c for c in data.cards.values()}
    assert cards["Finn Gone"].status == "left" and cards["Finn Gone"].email
    assert cards["Ana Ruiz"].email == "ana@northwind.example"
    assert cards["Ana Ruiz"].owned_by == ("TT", "AE")  # owner first, then who knows her
    assert cards["Abe Exec"].is_member  # assigned, covering
    assert "Nobody Here" not in cards
    assert cards["Dora Lind"].attitude == -2
    assert {c.cadence for c in data.people() if c.status == "active"} - {None}
    assert data.risks  # the detractor nobody owns, at least


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.rapport"
    with Workspace.create(path, clock=FixedClock(TODAY)) as ws:
        write_sample(ws, TODAY)
    return path


def test_every_map_of_the_sample(sample: Path) -> None:
    days = (TODAY, dt.date(2026, 10, 8), dt.date(2025, 10, 18), dt.date(2027, 11, 22))
    with Workspace.open(sample, readonly=True) as ws:
        accounts = len(ws.accounts(include_archived=True))
    assert assert_every_map(sample, days) == accounts * len(days)


def test_a_generated_large_portfolio(tmp_path: Path) -> None:
    path = tmp_path / "large.rapport"
    with Workspace.create(path, clock=FixedClock(TODAY)) as ws:
        generate(ws, accounts=4, people=400, interactions=6000, seed=7, today=TODAY)
    assert assert_every_map(path, (TODAY, TODAY - dt.timedelta(days=200))) == 8


def test_a_day_the_log_changed_since_is_left_to_the_full_read(tmp_path: Path) -> None:
    path = tmp_path / "edited.rapport"
    clock = FixedClock(dt.datetime(2026, 3, 1, 9))
    with Workspace.create(path, clock=clock) as ws:
        aid = ws.add(s.Account(name="Northwind")).id
        pid = ws.add(s.Person(account_id=aid, name="Ana", level=Level.EXECUTIVE)).id
        clock.set(dt.datetime(2026, 9, 1, 9))
        ws.update(s.Person, pid, name="Ana R.")
    conn = open_checked(path)
    try:
        assert quick_map_data(conn, aid, dt.date(2026, 4, 1)) is None
        later = quick_map_data(conn, aid, dt.date(2026, 9, 2))
    finally:
        conn.close()
    with Workspace.open(path, readonly=True) as ws:
        assert_same_map(later, load_map_data(ws, aid, dt.date(2026, 9, 2)))


def test_the_list_reads_its_first_rows_as_it_reads_the_accounts(edges: Path) -> None:
    """The list's second line (renewal, archived) from the quick rows is the workspace's."""
    with Workspace.open(edges, readonly=True) as ws:
        stored = ws.accounts(include_archived=True)
    conn = open_checked(edges)
    try:
        rows = listed_accounts(conn, include_archived=True)
    finally:
        conn.close()
    assert [r.id for r in rows] == [a.id for a in stored]
    for day in (TODAY, dt.date(2026, 1, 1), dt.date(2026, 3, 31)):
        quick = [AccountDelegate._detail(r, None, day) for r in rows]  # type: ignore[arg-type]
        assert quick == [AccountDelegate._detail(a, None, day) for a in stored]
    assert quick[1:] == ["No renewal date", "Renews 31 Mar 2026 (in 0 d)"]
    assert quick[0].startswith("Archived")


ROOT = Path(__file__).resolve().parents[3]
HEAVY = ("sqlalchemy", "graph.schema", "graph.snapshot", "networkx", "numpy", "PySide6")


def test_the_quick_path_loads_no_sqlalchemy(edges: Path) -> None:
    """In a fresh process: open, list, choose, read and assemble the first map."""
    code = f"""
import datetime as dt, sys
from pathlib import Path
from desktop.map.quick_map import quick_map_data
from graph.quickread.first_accounts import first_account, listed_accounts
from graph.quickread.opening import open_checked
conn = open_checked(Path({str(edges)!r}))
listed = listed_accounts(conn)
day = dt.date.fromisoformat({TODAY.isoformat()!r})
remembered = next(a.id for a in listed if a.name == "Northwind")
data = quick_map_data(conn, first_account(listed, remembered), day)
print(len(data.cards), data.account_name, [m for m in {HEAVY!r} if m in sys.modules])
"""
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["11", "Northwind", "[]"]
