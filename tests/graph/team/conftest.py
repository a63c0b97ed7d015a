"""A throwaway PostgreSQL cluster for the team tests, started once per session.

It uses the PostgreSQL binaries of the machine (Debian's ``postgresql`` package: initdb and
pg_ctl under /usr/lib/postgresql/N/bin); the tests are skipped, saying so, only where there
are none. initdb refuses to run as root, so under root (CI) the cluster belongs to the
``postgres`` user and its commands run through ``runuser``. The server listens on a unix
socket in a temporary folder only (no TCP), with durability off: it is thrown away.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from graph import schema as s
from graph.clock import FixedClock
from graph.vocabulary import RelationKind
from graph.workspace import Workspace

STARTED = dt.datetime(2026, 11, 22, 9, 0)
LOGINS = ("alice", "bob", "carol", "victor")


def _binaries() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), reverse=True)
    return versions[0].parent if versions else None


@dataclass
class Cluster:
    bin: Path
    data: Path
    socket: Path
    port: int
    as_postgres: bool
    _databases: itertools.count[int]

    def run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if done.returncode:
            raise RuntimeError(f"{' '.join(command)}: {done.stderr or done.stdout}")

    def start(self) -> None:
        options = f"-k {self.socket} -p {self.port} -c listen_addresses='' -c fsync=off"
        options += " -c synchronous_commit=off -c full_page_writes=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-l",
                 str(self.data.parent / "log"), "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def url(self, login: str, database: str) -> str:
        return f"postgresql://{login}@/{database}?host={self.socket}&port={self.port}"

    def admin(self, sql: str, database: str = "postgres") -> None:
        engine = create_engine(
            self.url("postgres", database).replace("postgresql:", "postgresql+psycopg:"),
            isolation_level="AUTOCOMMIT",
        )
        with engine.connect() as conn:
            conn.execute(text(sql))
        engine.dispose()

    def new_database(self, owner: str = "alice") -> str:
        name = f"portfolio_{next(self._databases)}"
        self.admin(f"CREATE DATABASE {name} OWNER {owner}")
        return name


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    binaries = _binaries()
    if binaries is None:
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl): apt-get install postgresql")
    # Its own folder, not pytest's (other pytest runs reset that one to 0700, shutting the
    # postgres user out of the socket and data folders).
    folder = Path(tempfile.mkdtemp(prefix="rapport-pg-"))
    as_postgres = os.geteuid() == 0
    if as_postgres:
        shutil.chown(folder, "postgres")
    cluster = Cluster(
        binaries, folder / "data", folder, _free_port(), as_postgres, itertools.count(1)
    )
    try:
        cluster.run("initdb", "-D", str(cluster.data), "-U", "postgres", "-A", "trust",
                    "--no-sync", "-E", "UTF8", "--locale=C")  # fmt: skip
        cluster.start()
        for login in LOGINS:
            cluster.admin(f"CREATE ROLE {login} LOGIN")
        yield cluster
    finally:
        with contextlib.suppress(RuntimeError):
            cluster.stop("immediate")  # thrown away: no checkpoint
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def database(cluster: Cluster) -> str:
    return cluster.new_database()


def clock_at(minutes: int = 0) -> FixedClock:
    return FixedClock(STARTED + dt.timedelta(minutes=minutes))


PEOPLE = 40


def build_portfolio(path: Path) -> None:
    """One account: 40 people in a reporting tree, three of us covering them."""
    with Workspace.create(path, clock=clock_at()) as ws, ws.history_paused(), ws.batch():
        account = ws.add(s.Account(name="Cobalt Ridge Health", industry="Healthcare"))
        members = [ws.add(s.TeamMember(name=n)) for n in ("Ana Duarte", "Ben Okafor", "Caro Li")]
        people = [
            ws.add(s.Person(account_id=account.id, name=f"Person {i:02d}", title="Director"))
            for i in range(PEOPLE)
        ]
        for member in members:
            ws.add(s.AccountTeam(account_id=account.id, member_id=member.id))
        for i, person in enumerate(people):
            ws.add(s.Coverage(member_id=members[i % 3].id, person_id=person.id))
            if i:
                ws.add(
                    s.Relationship(
                        account_id=account.id,
                        kind=RelationKind.REPORTS_TO,
                        source_id=person.id,
                        target_id=people[(i - 1) // 3].id,
                    )
                )


@pytest.fixture(scope="session")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("portfolio") / "portfolio.rapport"
    build_portfolio(path)
    return path


@pytest.fixture(scope="session")
def published(
    cluster: Cluster, portfolio: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path, Path]:
    """The portfolio published once by Alice (her file a replica), cloned once by Bob, an
    editor: the template each test copies (``team_of``)."""
    from graph.team import sync as team

    database = cluster.new_database()
    folder = tmp_path_factory.mktemp("published")
    alice, bob = folder / "alice.rapport", folder / "bob.rapport"
    shutil.copyfile(portfolio, alice)
    team.publish(cluster.url("alice", database), alice, clock=clock_at())
    team.set_member(cluster.url("alice", database), "bob", "editor")
    team.clone(cluster.url("bob", database), bob, clock=clock_at())
    return database, alice, bob


def team_of(
    cluster: Cluster, published: tuple[str, Path, Path], folder: Path
) -> tuple[str, Path, Path]:
    """A fresh copy of the published portfolio: the database (PostgreSQL copies a template
    in a blink) and both replicas, pointed at the copy."""
    import sqlite3

    template, *replicas = published
    database = f"portfolio_{next(cluster._databases)}"
    cluster.admin(f"CREATE DATABASE {database} TEMPLATE {template} OWNER alice")
    copies = []
    for replica, login in zip(replicas, ("alice", "bob"), strict=True):
        copy = folder / replica.name
        shutil.copyfile(replica, copy)
        with sqlite3.connect(copy) as conn:
            conn.execute(
                "UPDATE rapport_meta SET value = ? WHERE key = 'team_server'",
                (cluster.url(login, database),),
            )
        conn.close()
        copies.append(copy)
    return database, copies[0], copies[1]
