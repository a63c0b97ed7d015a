"""Benchmark: the team sync against a real PostgreSQL server.

    python benchmarks/bench_team.py [--url postgresql://me@host/empty_db] [--skip-large]

Without ``--url`` it starts a throwaway cluster (Debian's initdb and pg_ctl; under root
through ``runuser -u postgres``), listening on a unix socket only, durability as configured
by default (fsync on). Figures (issue 14):

- a sync of 1,000 changes: Alice pushes 1,000 field edits, then Bob pulls them (target: each
  under 2 s);
- live: an edit on one laptop reaches the other through LISTEN/NOTIFY (target: under 2 s;
  the app's own path is tested in tests/desktop/sync);
- publishing the large portfolio (50 accounts, 5,000 people, 100,000 interactions; target:
  under 60 s), and cloning it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from graph import schema as s  # noqa: E402
from graph.clock import FixedClock  # noqa: E402
from graph.samples import write_large, write_sample  # noqa: E402
from graph.team import sync as team  # noqa: E402
from graph.workspace import Workspace  # noqa: E402

TODAY = dt.date(2026, 11, 22)
CLOCK = FixedClock(dt.datetime(2026, 11, 22, 9, 0))
SYNC_TARGET, PUBLISH_TARGET = 2.0, 60.0


@contextmanager
def throwaway_cluster() -> Iterator[tuple[Path, int]]:
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    if not binaries:
        sys.exit("no PostgreSQL binaries: apt-get install postgresql, or pass --url")
    folder = Path(tempfile.mkdtemp(prefix="rapport-bench-pg-"))
    as_postgres = os.geteuid() == 0
    if as_postgres:
        shutil.chown(folder, "postgres")

    def run(*args: str) -> None:
        command = [str(binaries[0] / args[0]), *args[1:]]
        if as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = folder / "data"
    run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C")
    options = f"-k {folder} -p {port} -c listen_addresses=''"
    run("pg_ctl", "-D", str(data), "-o", options, "-w", "-l", str(folder / "log"), "start")
    try:
        yield folder, port
    finally:
        run("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def new_database(folder: Path, port: int, name: str) -> str:
    admin = f"postgresql+psycopg://postgres@/postgres?host={folder}&port={port}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
        if not conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = 'bob'")):
            conn.execute(text("CREATE ROLE bob LOGIN"))
    engine.dispose()
    return f"postgresql://postgres@/{name}?host={folder}&port={port}"


def bench_sync(url: str, bob_url: str, work: Path) -> tuple[float, float]:
    alice, bob = work / "alice.rapport", work / "bob.rapport"
    with Workspace.create(alice, clock=CLOCK) as ws:
        write_sample(ws, TODAY)
    team.publish(url, alice, clock=CLOCK)
    team.set_member(url, "bob", "editor")
    team.clone(bob_url, bob, clock=CLOCK)
    with Workspace.open(alice, clock=CLOCK) as ws:
        ws.author = "Alice"
        people = ws.find(s.Person)
        with ws.batch():
            for k in range(1000):
                person = people[k % len(people)]
                ws.update(s.Person, person.id, notes=f"note {k}")
        start = time.perf_counter()
        pushed = team.sync(ws)
        push = time.perf_counter() - start
    with Workspace.open(bob, clock=CLOCK) as ws:
        start = time.perf_counter()
        pulled = team.sync(ws)
        pull = time.perf_counter() - start
    print(f"alice: {pushed} in {push:.2f} s; bob: {pulled} in {pull:.2f} s")
    print(f"live: an edit on Alice's laptop is in Bob's file {live(alice, bob):.2f} s later")
    return push, pull


def live(alice: Path, bob: Path) -> float:
    """What the app does (desktop/sync): Alice edits and syncs; Bob's listener hears the
    server's notification and Bob syncs. Seconds from Alice's edit to Bob's file holding it."""
    import threading

    from graph.team.live import Listener
    from graph.team.replica import server_of

    heard = threading.Event()
    with Workspace.open(bob, clock=CLOCK) as ws:
        url = server_of(ws) or ""
        listener = Listener(url, ws.hlc.device, lambda _device: heard.set())
    listener.start()
    listener.listening.wait(10)
    with Workspace.open(alice, clock=CLOCK) as ws:
        start = time.perf_counter()
        ws.update(s.Person, ws.find(s.Person)[0].id, title="Chief Medical Officer")
        team.sync(ws)
    heard.wait(10)
    with Workspace.open(bob, clock=CLOCK) as ws:
        team.sync(ws)
        elapsed = time.perf_counter() - start
        assert ws.find(s.Person, title="Chief Medical Officer")
    listener.stop()
    return elapsed


def bench_publish(url: str, bob_url: str, work: Path) -> tuple[float, float, int]:
    large = work / "large.rapport"
    with Workspace.create(large, clock=CLOCK) as ws:
        write_large(ws, today=TODAY)
    start = time.perf_counter()
    count = team.publish(url, large, clock=CLOCK)
    publish = time.perf_counter() - start
    team.set_member(url, "bob", "editor")
    start = time.perf_counter()
    team.clone(bob_url, work / "large-bob.rapport", clock=CLOCK)
    clone = time.perf_counter() - start
    return publish, clone, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="an empty database for the sync figure (else throwaway)")
    parser.add_argument("--skip-large", action="store_true", help="only the sync figure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as folder:
        work = Path(folder)
        if args.url:
            push, pull = bench_sync(args.url, args.url, work)
            publish = clone = None
        else:
            with throwaway_cluster() as (socket_folder, port):
                url = new_database(socket_folder, port, "bench_sync")
                bob = url.replace("postgres@", "bob@")
                push, pull = bench_sync(url, bob, work)
                publish = clone = None
                if not args.skip_large:
                    url = new_database(socket_folder, port, "bench_large")
                    publish, clone, count = bench_publish(
                        url, url.replace("postgres@", "bob@"), work
                    )
                    print(f"large portfolio: {count:,} records")
    print(f"push of 1,000 changes: {push:.2f} s (target < {SYNC_TARGET:.0f} s)")
    print(f"pull of 1,000 changes: {pull:.2f} s (target < {SYNC_TARGET:.0f} s)")
    if publish is not None and clone is not None:
        print(f"publish of the large portfolio: {publish:.1f} s (target < {PUBLISH_TARGET:.0f} s)")
        print(f"clone of the large portfolio: {clone:.1f} s")


if __name__ == "__main__":
    main()
