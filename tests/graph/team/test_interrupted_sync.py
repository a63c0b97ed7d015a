"""A sync killed (kill -9) at any point loses nothing and repeats nothing.

Each trial makes changes on both laptops, then runs Alice's sync in a forked process and
kills it after a random delay spread over a whole sync: before the push, inside the server's
transaction, between the push and the pull, inside the local pull transaction (leaving a
hot journal), or after. The next syncs must bring everything to one portfolio.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from graph import schema as s
from graph import store
from graph.team import server_schema as t
from graph.team import sync as team
from graph.team.connection import server
from graph.team.dump import local_dump, server_dump
from graph.workspace import Workspace
from tests.graph.team.conftest import Cluster, clock_at, team_of

TRIALS = 20


def _sync_and_exit(path: Path, minutes: int) -> None:
    code = 0
    try:
        with Workspace.open(path, clock=clock_at(minutes)) as ws:
            team.sync(ws)
    except BaseException:
        code = 1
    os._exit(code)  # no pytest teardown in the child


def _edit(path: Path, who: str, minutes: int, rng: random.Random) -> int:
    """Two new interactions and two edits in one transaction; returns the interactions
    added."""
    with Workspace.open(path, clock=clock_at(minutes)) as ws, ws.batch():
        ws.author = who
        account = ws.find(s.Account)[0]
        people = ws.find(s.Person)
        for k in range(2):
            ws.log_interaction(
                account.id,
                dt.datetime(2026, 11, 1, 9) + dt.timedelta(minutes=minutes, seconds=k),
                summary=f"{who} call {minutes}.{k}",
                people=[rng.choice(people).id],
            )
        for person in rng.sample(people, 2):
            ws.update(s.Person, person.id, notes=f"{who} at {minutes}")
    return 2


def test_a_sync_killed_anywhere_loses_and_repeats_nothing(
    cluster: Cluster,
    published: tuple[str, Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A journal left by the killed sync belongs to a dead process: recover it at once.
    monkeypatch.setattr(store, "_JOURNAL_WAIT_SECONDS", 0.0)
    database, alice, bob = team_of(cluster, published, tmp_path)
    rng = random.Random(14)
    fork = multiprocessing.get_context("fork")

    added = _edit(alice, "Alice", 1, rng)
    started = time.perf_counter()
    with Workspace.open(alice, clock=clock_at(1)) as ws:
        team.sync(ws)
    one_sync = time.perf_counter() - started

    killed = 0
    for trial in range(TRIALS):
        minutes = 10 + trial
        added += _edit(alice, "Alice", minutes, rng)
        if trial % 4 == 0:  # Alice's pulls bring back her own changes, and now and then Bob's
            added += _edit(bob, "Bob", minutes, rng)
            with Workspace.open(bob, clock=clock_at(minutes)) as ws:
                team.sync(ws)
        child = fork.Process(target=_sync_and_exit, args=(alice, minutes))
        child.start()
        time.sleep(rng.uniform(0.0, one_sync * 1.2))
        if child.is_alive():
            os.kill(child.pid or 0, signal.SIGKILL)
        child.join()
        killed += child.exitcode == -signal.SIGKILL
    assert killed >= TRIALS // 3  # most kills land mid-sync, not after it

    for path in (alice, bob, alice):
        with Workspace.open(path, clock=clock_at(99)) as ws:
            team.sync(ws)
    with server(cluster.url("alice", database)) as conn:
        on_server = server_dump(conn)
        logged = dict(
            conn.execute(
                select(t.changes.c.device, func.count()).group_by(t.changes.c.device)
            ).all()
        )
    h = s.HistoryEntry
    for path in (alice, bob):
        with Workspace.open(path) as ws:
            assert local_dump(ws) == on_server
            assert len(ws.find(s.Interaction)) == added  # none lost, none twice
            devices = {row.device for row in ws.find(h)}
            for device in devices:  # each laptop's every change, once, everywhere
                assert len(ws.find(h, h.device == device)) == logged[device]
    assert len(logged) == 2
    shutil.rmtree(tmp_path, ignore_errors=True)
