"""Publishing a portfolio, cloning a replica, syncing one, and the member list.

A sync pushes first and pulls second: then every change still waiting on the laptop was made
knowing the server up to the replica's mark, which is what the server's merge takes as the
point the two sides parted (graph.team.merge). Each step is safe to interrupt anywhere: the
server keeps a pushed change once (by device and stamp), the replica moves its push mark only
after the server committed, and a pull lands in one local transaction with its mark.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, func, inspect, select, text, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert

from graph import schema as s
from graph.clock import Clock
from graph.files import temporary_name
from graph.team import push
from graph.team import server_schema as t
from graph.team.change import Change
from graph.team.connection import parse, remember_password, server, stored_form
from graph.team.dump import PORTFOLIO_TABLES
from graph.team.errors import TeamError, ViewerError
from graph.team.globalize import Ids, canonical, has_uid, normalized, row_data
from graph.team.replica import (
    Moved,
    Pulled,
    mark_pushed,
    outgoing,
    pulled_seq,
    server_of,
    start_replica,
    take_in,
    whole_history,
)
from graph.team.role import remember_role
from graph.workspace import Workspace

_CHUNK = 1000
_ATTEMPTS = 5


@dataclass(frozen=True)
class Synced:
    pushed: int
    pulled: int
    conflicts: int

    def __str__(self) -> str:
        return f"pushed {self.pushed}, pulled {self.pulled}, conflicts {self.conflicts}"


# --- membership -------------------------------------------------------------------------------


def _is_portfolio(conn: Connection) -> bool:
    return inspect(conn).has_table(t.portfolio.name)


def role(conn: Connection, url: str) -> str:
    """This login's role in the portfolio at ``url``; refuses a database that holds none
    and a login that is no member."""
    if not _is_portfolio(conn):
        raise TeamError(f"{stored_form(url)} holds no Rapport portfolio (rapport team create)")
    found = conn.scalar(text("SELECT rapport_role()"))
    if found is None:
        login = conn.scalar(text("SELECT session_user"))
        raise TeamError(
            f"{login} is not a member of the portfolio at {stored_form(url)}; "
            "ask an owner to add you (rapport team member URL LOGIN --role editor)"
        )
    return str(found)


def set_member(url: str, login: str, new_role: str | None) -> None:
    """Add a member, change their role, or (``None``) remove them: owners only."""
    if new_role is not None and new_role not in t.ROLES:
        raise TeamError(f"{new_role!r} is not a role (viewer, editor, owner)")
    with server(url) as conn:
        if role(conn, url) != "owner":
            raise TeamError("only an owner of the portfolio manages its members")
        m = t.members
        if new_role is None:
            conn.execute(m.delete().where(m.c.login == login))
            return
        stmt = pg_insert(m).values(login=login, role=new_role)
        conn.execute(
            stmt.on_conflict_do_update(index_elements=[m.c.login], set_={"role": new_role})
        )


def members(url: str) -> list[tuple[str, str]]:
    with server(url) as conn:
        role(conn, url)
        rows = conn.execute(select(t.members.c.login, t.members.c.role).order_by(t.members.c.login))
        return [(login, r) for login, r in rows]


# --- publishing and cloning -------------------------------------------------------------------


def _copy_state(ws: Workspace, conn: Connection) -> int:
    """Every record of the file into ``rapport_records``, by COPY (the large portfolio's
    300,000 records in seconds)."""
    raw: Any = conn.connection.driver_connection
    count = 0
    with ws.reader.connect() as local, local.begin():
        ids = Ids(local)
        for name in PORTFOLIO_TABLES:
            if has_uid(name):
                ids.preload(name)
        columns = "table_name, key, data, field_hlc, seq"
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {t.records.name} ({columns}) FROM STDIN") as copy,
        ):
            for name in PORTFOLIO_TABLES:
                for row in local.execute(select(s.Base.metadata.tables[name])):
                    data = row_data(name, dict(row._mapping))
                    key = ids.global_key(name, data)
                    if key is None:
                        continue
                    copy.write_row((name, key, canonical(ids.global_record(name, data)), "{}", 0))
                    count += 1
    return count


def publish(url: str, path: Path, *, clock: Clock | None = None) -> int:
    """Publish a portfolio file, with its history, to an empty database; the file becomes
    its first replica. Returns the number of records published."""
    stored = stored_form(url)
    remember_password(url)
    kwargs: dict[str, Any] = {} if clock is None else {"clock": clock}
    with Workspace.open(path, **kwargs) as ws:
        already = server_of(ws)
        if already:
            raise TeamError(f"{path}: already shared through {already}")
        past = whole_history(ws)
        with server(url) as conn:
            if _is_portfolio(conn):
                raise TeamError(
                    f"{stored} already holds a Rapport portfolio; clone it instead "
                    "(rapport team clone)"
                )
            owner = str(conn.scalar(text("SELECT session_user")))
            t.create(conn, owner)
            count = _copy_state(ws, conn)
            # The file's history becomes the team's: the state above already holds its effect.
            logged = push.record_changes(conn, past, 0) if past else []
            t.secure(conn)
        start_replica(ws, stored, pulled=logged[-1][0] if logged else 0)
        remember_role(ws, "owner")
    return count


def _change(row: Any) -> Change:
    return Change(
        device=row.device,
        hlc=row.hlc,
        op=row.op,
        at=row.at,
        author=row.author,
        source=row.source,
        table_name=row.table_name,
        key=row.key,
        account=row.account,
        action=row.action,
        field=row.field,
        old=row.old_value,
        new=row.new_value,
    )


def _open_conflicts(conn: Connection) -> list[dict[str, Any]]:
    k = t.conflicts.c
    first, second = t.changes.alias("first"), t.changes.alias("second")
    sides = []
    for alias in (first, second):
        prefix = alias.name
        sides += [
            alias.c.action.label(f"{prefix}_action"),
            func.coalesce(alias.c.new_value, alias.c.old_value).label(f"{prefix}_value"),
            alias.c.author.label(f"{prefix}_author"),
            alias.c.device.label(f"{prefix}_device"),
            alias.c.at.label(f"{prefix}_at"),
        ]
    rows = conn.execute(
        select(k.id, k.kind, k.table_name, k.key.label("record_key"), k.field, *sides)
        .join(first, first.c.seq == k.first_seq)
        .join(second, second.c.seq == k.second_seq)
        .where(k.resolution.is_(None))
        .order_by(k.id)
    )
    found = []
    for row in rows:
        data = dict(row._mapping)
        for side in ("first", "second"):
            if data[f"{side}_action"] == "delete":
                data[f"{side}_value"] = None
        found.append(data)
    return found


def fetch(conn: Connection, since: int, *, full: bool = False) -> Pulled:
    """The server's changes after ``since`` and the state of the records they touch (of
    every record, for ``full``); ``conn`` should be a snapshot (``server(snapshot=True)``)."""
    c = t.changes.c
    rows = conn.execute(select(t.changes).where(c.seq > since).order_by(c.seq)).all()
    changes = [(row.seq, _change(row)) for row in rows]
    last = max([since, *(seq for seq, _ch in changes)])
    r = t.records.c
    states: dict[tuple[str, str], dict[str, Any] | None] = {}
    if full:
        for name, key, data in conn.execute(
            select(r.table_name, r.key, r.data).where(r.deleted_seq.is_(None))
        ):
            states[(name, key)] = normalized(name, data)
    else:
        keys = list(dict.fromkeys((ch.table_name, ch.key) for _seq, ch in changes))
        for key in keys:
            states[key] = None
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i : i + _CHUNK]
            for name, key, data, deleted in conn.execute(
                select(r.table_name, r.key, r.data, r.deleted_seq).where(
                    tuple_(r.table_name, r.key).in_(chunk)
                )
            ):
                states[(name, key)] = normalized(name, data) if deleted is None else None
    return Pulled(changes, states, _open_conflicts(conn), last, full=full)


def clone(url: str, path: Path, *, clock: Clock | None = None) -> int:
    """A new replica of the portfolio at ``url``: a normal workspace file that knows its
    server (without password). Written beside ``path`` and renamed once whole. Returns the
    number of records."""
    stored = stored_form(url)
    if path.exists():
        raise TeamError(f"{path}: already exists; Rapport will not overwrite it")
    remember_password(url)
    with server(url, snapshot=True) as conn:
        given = role(conn, url)
        pulled = fetch(conn, 0, full=True)
    temporary = temporary_name(path)
    kwargs: dict[str, Any] = {} if clock is None else {"clock": clock}
    try:
        with Workspace.create(temporary, **kwargs) as ws:
            with ws.history_paused(), ws.writing() as session:
                session.execute(delete(s.CadenceDefault))  # the portfolio's own come
            start_replica(ws, stored)
            remember_role(ws, given)
            take_in(ws, pulled)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return len(pulled.states)


def replica_server(ws: Workspace) -> str:
    url = server_of(ws)
    if not url:
        raise TeamError(
            f"{ws.path}: not a team replica; publish it (rapport team create URL --from FILE) "
            "or clone one (rapport team clone URL FILE)"
        )
    parse(url)
    return url


def sync(ws: Workspace) -> Synced:
    """Push this laptop's changes, then pull the others'."""
    url = replica_server(ws)
    device = ws.hlc.device
    pushed = 0
    for _attempt in range(_ATTEMPTS):
        out = outgoing(ws)
        with ws.reader.connect() as local:
            base = pulled_seq(local)
        if out:
            with server(url) as conn:
                given = role(conn, url)
                remember_role(ws, given)
                if given not in t.WRITERS:
                    raise ViewerError(f"{len(out.changes)} change(s) of this laptop wait")
                accepted = push.accept(conn, device, base, out.changes, out.decisions)
            pushed += accepted.pushed
            mark_pushed(ws, out)
        with server(url, snapshot=True) as conn:
            given = role(conn, url)
            pulled = fetch(conn, base)
        remember_role(ws, given)
        try:
            take_in(ws, pulled, sent_decisions=[d.conflict_id for d in out.decisions])
        except Moved:
            continue
        others = sum(1 for _seq, change in pulled.changes if change.device != device)
        return Synced(pushed, others, len(pulled.conflicts))
    raise TeamError(f"{ws.path}: kept changing during the sync; sync again")
