"""The laptop's side of the sync: what waits to go out, and taking in what came back.

A replica is a normal workspace file with three ``rapport_meta`` keys: its server (a URL
without password), the last server sequence number it took in (``team_pulled_seq``) and the
last history row of its own it pushed (``team_pushed_id``). What waits to go out is every row
of the log written by this device after that one, plus the conflicts decided here.

Taking in is one local transaction: for every record that moved on the server, the replica
takes the server's state (the server merged it: graph.team.merge), adds the other laptops'
history rows (each with its author, device and time), replaces the conflict list and records
the sequence number it reached, together or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError

from graph import schema as s
from graph.changelog import DELETE, INSERT, UPDATE, key_names, record_json, table
from graph.erasure import forget_in_log
from graph.events import Change as Announced
from graph.events import ChangeKind, ChangeSet
from graph.team.change import Change, Decision
from graph.team.globalize import Ids, canonical, has_uid
from graph.workspace import Workspace

SERVER, PULLED, PUSHED = "team_server", "team_pulled_seq", "team_pushed_id"
# With the id, the stamp of the last row pushed: an erasure deletes log rows, and SQLite may
# give the next row an id already passed; its stamp is still later.
PUSHED_HLC = "team_pushed_hlc"
H = s.HistoryEntry
C = s.TeamConflict
_ORDER = {x.name: i for i, x in enumerate(s.Base.metadata.sorted_tables)}
Key = tuple[str, str]


class Moved(Exception):
    """The replica changed after its push (the app kept editing): push again first."""


@dataclass(frozen=True)
class Pulled:
    """What the server sent: its changes after the replica's mark (``seq``, change), the
    state of every record they touch (None: removed), the open conflicts, and the newest
    sequence number. ``full``: the whole portfolio (a clone)."""

    changes: list[tuple[int, Change]]
    states: dict[Key, dict[str, Any] | None]
    conflicts: list[dict[str, Any]]
    last_seq: int
    full: bool = False


@dataclass
class Outgoing:
    changes: list[Change] = field(default_factory=list)
    last_id: int = 0
    last_hlc: str = ""
    decisions: list[Decision] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changes or self.decisions)


# --- marks ------------------------------------------------------------------------------------


def meta(conn: Connection, key: str) -> str | None:
    return conn.scalar(select(s.Meta.value).where(s.Meta.key == key))


def set_meta(conn: Connection, values: dict[str, str]) -> None:
    for key, value in values.items():
        done = conn.execute(update(s.Meta).where(s.Meta.key == key).values(value=value))
        if not done.rowcount:
            conn.execute(insert(s.Meta).values(key=key, value=value))


def server_of(ws: Workspace) -> str | None:
    with ws.reader.connect() as conn:
        return meta(conn, SERVER)


def pulled_seq(conn: Connection) -> int:
    return int(meta(conn, PULLED) or 0)


def device_of(ws: Workspace) -> str:
    return ws.hlc.device


def _waiting_rows(conn: Connection, device: str) -> Any:
    """Which rows of the log wait to go out: this device's, after the push mark."""
    pushed_id, pushed_hlc = int(meta(conn, PUSHED) or 0), meta(conn, PUSHED_HLC) or ""
    return and_(H.device == device, or_(H.id > pushed_id, H.hlc > pushed_hlc))


def _push_mark(conn: Connection, device: str) -> dict[str, str]:
    """The push mark after everything of this device in the log."""
    newest = conn.scalar(select(func.max(H.id))) or 0
    stamp = conn.scalar(select(func.max(H.hlc)).where(H.device == device)) or ""
    return {PUSHED: str(newest), PUSHED_HLC: stamp}


# --- going out --------------------------------------------------------------------------------


def _outgoing_change(ids: Ids, row: s.HistoryEntry) -> Change | None:
    name = row.table_name
    if has_uid(name):
        key = row.record_uid
    else:
        key = ids.global_key(name, json.loads(row.record_key))
    if key is None:
        return None  # names a record no other laptop can know (see graph.erasure)
    old, new = row.old_value, row.new_value
    if row.action == UPDATE and row.field is not None:
        old = None if old is None else canonical(ids.global_value(name, row.field, json.loads(old)))
        new = None if new is None else canonical(ids.global_value(name, row.field, json.loads(new)))
    elif row.action == INSERT and new is not None:
        new = canonical(ids.global_record(name, json.loads(new)))
    elif row.action == DELETE and old is not None:
        old = canonical(ids.global_record(name, json.loads(old)))
    return Change(
        device=row.device,
        hlc=row.hlc,
        op=row.op,
        at=row.at,
        author=row.author,
        source=row.source,
        table_name=name,
        key=key,
        account=ids.uid("accounts", row.account_id),
        action=row.action,
        field=row.field,
        old=old,
        new=new,
    )


def outgoing(ws: Workspace) -> Outgoing:
    """This device's history rows not pushed yet, in the order they were written, and the
    conflicts decided here."""
    device = device_of(ws)
    with ws.reader.connect() as conn, conn.begin():
        ids = Ids(conn)
        out = Outgoing(last_id=int(meta(conn, PUSHED) or 0), last_hlc=meta(conn, PUSHED_HLC) or "")
        rows = conn.execute(select(H).where(_waiting_rows(conn, device)).order_by(H.hlc)).all()
        for row in rows:
            entry = s.HistoryEntry(**row._asdict())
            change = _outgoing_change(ids, entry)
            if change is not None:
                out.changes.append(change)
            out.last_id = max(out.last_id, entry.id)
            out.last_hlc = max(out.last_hlc, entry.hlc)
        for conflict in conn.execute(select(C).where(C.keep.is_not(None))).all():
            out.decisions.append(
                Decision(
                    conflict_id=conflict.id,
                    keep=conflict.keep,
                    hlc=conflict.decided_hlc or "",
                    at=conflict.decided_at or conflict.second_at,
                    author=conflict.decided_by,
                    device=device,
                )
            )
    return out


def whole_history(ws: Workspace) -> list[Change]:
    """The file's whole log in global form, oldest first: what publishing shares, so the
    team sees who did what before the portfolio was shared."""
    with ws.reader.connect() as conn, conn.begin():
        ids = Ids(conn)
        rows = conn.execute(select(H).order_by(H.hlc)).all()
        changes = (_outgoing_change(ids, s.HistoryEntry(**row._asdict())) for row in rows)
        return [change for change in changes if change is not None]


def mark_pushed(ws: Workspace, out: Outgoing) -> None:
    with ws.writing() as session:
        conn = session.connection()
        pushed_id, pushed_hlc = int(meta(conn, PUSHED) or 0), meta(conn, PUSHED_HLC) or ""
        mark = {PUSHED: str(max(out.last_id, pushed_id)), PUSHED_HLC: max(out.last_hlc, pushed_hlc)}
        set_meta(conn, mark)


def waiting(ws: Workspace) -> int:
    """How many changes of this laptop wait to go out (plus decided conflicts)."""
    with ws.reader.connect() as conn:
        rows = conn.scalar(select(func.count()).where(_waiting_rows(conn, device_of(ws))))
        decided = conn.scalar(select(func.count()).where(C.keep.is_not(None)))
    return int(rows or 0) + int(decided or 0)


# --- coming in --------------------------------------------------------------------------------


def _where_key(table_name: str, key: dict[str, Any]) -> list[Any]:
    t = table(table_name)
    return [t.c[n] == v for n, v in key.items()]


class _Taking:
    """One pull applied to one local transaction."""

    def __init__(self, conn: Connection, changes: ChangeSet) -> None:
        self.conn = conn
        self.ids = Ids(conn)
        self.announced = changes
        self.before: dict[Key, dict[str, Any] | None] = {}
        self.skipped = 0
        self.empty = False  # a clone: nothing is here yet

    def _safely(self, statement: Any, values: Any, *, count: bool = True) -> bool:
        """Write in a savepoint; a row the file's own rules refuse (a name the server let two
        records share) is left out and counted, rather than stopping every later sync."""
        try:
            with self.conn.begin_nested():
                self.conn.execute(statement, values)
        except IntegrityError:
            self.skipped += count
            return False
        return True

    def _current(self, name: str, key: dict[str, Any]) -> dict[str, Any] | None:
        row = self.conn.execute(select(table(name)).where(*_where_key(name, key))).first()
        return None if row is None else dict(row._mapping)

    def _announce(self, kind: ChangeKind, table_name: str, values: dict[str, Any]) -> None:
        account = values.get("account_id") if table_name != "accounts" else values.get("id")
        key = tuple(values.get(n) for n in key_names(table_name))
        self.announced.add(Announced(kind, table_name, key, account))

    def remove(self, keys: Iterable[Key]) -> None:
        for name, gkey in sorted(keys, key=lambda k: -_ORDER[k[0]]):
            local = self.ids.local_key(name, gkey)
            if local is None:
                continue
            self.conn.execute(delete(table(name)).where(*_where_key(name, local)))
            if has_uid(name):
                self.ids.forget(name, gkey)
            self._announce(ChangeKind.REMOVED, name, local)

    def take(self, states: Iterable[tuple[Key, dict[str, Any]]]) -> None:
        by_table: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for (name, gkey), data in states:
            by_table.setdefault(name, []).append((gkey, data))
        for name in sorted(by_table, key=_ORDER.__getitem__):
            self._take_table(name, by_table[name])

    def _take_table(self, name: str, records: list[tuple[str, dict[str, Any]]]) -> None:
        t = table(name)
        fresh: list[dict[str, Any]] = []
        refused: list[tuple[dict[str, Any], dict[str, Any]]] = []
        next_id = None
        for gkey, data in records:
            values = self.ids.local_record(name, data)
            if values is None:
                self.skipped += 1  # points to a record this replica lacks: left out
                continue
            local = None if self.empty else self.ids.local_key(name, gkey)
            current = None if local is None else self._current(name, local)
            if local is not None and current is not None:
                # Only what differs: the replica's own changes come back unchanged.
                changed = {k: v for k, v in values.items() if k not in local and current[k] != v}
                if changed:
                    refused.append((local, changed))
                    self._announce(ChangeKind.UPDATED, name, local | values)
                continue
            if has_uid(name):
                if next_id is None:
                    next_id = int(self.conn.scalar(select(func.max(t.c.id))) or 0) + 1
                values["id"] = next_id
                self.ids.learn(name, next_id, gkey)
                next_id += 1
            fresh.append(values)
            self._announce(ChangeKind.ADDED, name, values)
        # Updates that clash with a record not yet updated (two names swapped, a name given
        # up by one record and taken by another) succeed once the other is written.
        while refused:
            waiting = [
                (local, changed)
                for local, changed in refused
                if not self._safely(update(t).where(*_where_key(name, local)), changed, count=False)
            ]
            if len(waiting) == len(refused):
                self.skipped += len(waiting)
                break
            refused = waiting
        if fresh and not self._safely(insert(t), fresh, count=False):
            for values in fresh:  # one by one, to leave out only what cannot be written
                if not self._safely(insert(t), [values]) and has_uid(name):
                    self.ids.forget(name, values["uid"])

    # --- the log ------------------------------------------------------------------------

    def local_key_json(self, name: str, gkey: str) -> str:
        local = self.ids.local_key(name, gkey) or self.before.get((name, gkey))
        if local is None:
            return '{"id":null}' if has_uid(name) else gkey
        return record_json(local)

    def _local_data(self, name: str, data: dict[str, Any], gkey: str) -> dict[str, Any]:
        values = {k: self.ids.local_value(name, k, v)[1] for k, v in data.items()}
        local = self.ids.local_key(name, gkey) or self.before.get((name, gkey)) or {}
        return {**local, **values}

    def history_row(self, change: Change) -> dict[str, Any]:
        name = change.table_name
        old, new = change.old, change.new
        if change.action == UPDATE and change.field is not None:
            if old is not None:
                old = record_json(self.ids.local_value(name, change.field, json.loads(old))[1])
            if new is not None:
                new = record_json(self.ids.local_value(name, change.field, json.loads(new))[1])
        elif change.action == INSERT and new is not None:
            new = record_json(self._local_data(name, json.loads(new), change.key))
        elif change.action == DELETE and old is not None:
            old = record_json(self._local_data(name, json.loads(old), change.key))
        return {
            "op": change.op,
            "hlc": change.hlc,
            "at": change.at,
            "author": change.author,
            "device": change.device,
            "source": change.source,
            "table_name": name,
            "record_uid": change.key if has_uid(name) else None,
            "record_key": self.local_key_json(name, change.key),
            "account_id": self.ids.local_id("accounts", change.account),
            "action": change.action,
            "field": change.field,
            "old_value": old,
            "new_value": new,
        }


def _erasure_here(
    conn: Connection, ids: Ids, uid: str
) -> tuple[int, list[tuple[str, dict[str, Any]]], list[str]] | None:
    """A person erased on another laptop, as this file holds them: their id, their record
    and those that go with them (links, coverage, attendance, attitude history, map cards,
    which it removes), and what identifies them in text. None if they are not here."""
    person_id = ids.local_id("people", uid)
    people = table("people")
    row = conn.execute(select(people).where(people.c.id == person_id)).first()
    if person_id is None or row is None:
        return None
    records: list[tuple[str, dict[str, Any]]] = [("people", dict(row._mapping))]
    for child in s.Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is people and fk.ondelete == "CASCADE":
                rows = conn.execute(select(child).where(fk.parent == person_id))
                records += [(child.name, dict(r._mapping)) for r in rows]
    positions = table("card_positions")
    cards = conn.execute(select(positions).where(positions.c.node == f"p{person_id}")).all()
    records += [("card_positions", dict(r._mapping)) for r in cards]
    conn.execute(delete(positions).where(positions.c.node == f"p{person_id}"))
    secrets = [str(row.name), str(row.email), str(row.phone), str(row.notes)]
    return person_id, records, secrets


def _conflict_rows(conflicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in c.items() if k in C.__table__.c} for c in conflicts]


def take_in(ws: Workspace, pulled: Pulled, *, sent_decisions: Iterable[int] = ()) -> int:
    """Apply a pull in one local transaction; returns how many records were left out
    (pointing to a record the replica lacks: none when the server's state is whole).
    Raises ``Moved`` when this device wrote since its push, so nothing is overwritten."""
    device = device_of(ws)
    sent = set(sent_decisions)
    with ws.history_paused(), ws.batch() as changes, ws.writing() as session:
        conn = session.connection()
        newer = conn.scalar(select(func.count()).where(_waiting_rows(conn, device)))
        decided = set(conn.scalars(select(C.id).where(C.keep.is_not(None))))
        if newer or decided - sent:
            raise Moved()
        taking = _Taking(conn, changes)
        taking.empty = pulled.full
        for seq_change in pulled.changes:
            change = seq_change[1]
            local = taking.ids.local_key(change.table_name, change.key)
            if local is not None:
                taking.before.setdefault((change.table_name, change.key), local)
        erased = [
            found
            for _seq, change in pulled.changes
            if change.action == DELETE
            and change.source == "erase"
            and change.table_name == "people"
            if (found := _erasure_here(conn, taking.ids, change.key)) is not None
        ]
        gone = [k for k, data in pulled.states.items() if data is None]
        taking.remove(gone)
        taking.take((k, data) for k, data in pulled.states.items() if data is not None)
        for person_id, records, secrets in erased:
            forget_in_log(conn, records, person_id, secrets)
        if erased:
            conn.execute(text("REINDEX people"))  # as graph.erasure: no key left in the index
        rows = [taking.history_row(change) for _seq, change in pulled.changes]
        if rows:
            conn.execute(insert(H).prefix_with("OR IGNORE"), rows)
        conn.execute(delete(C))
        if pulled.conflicts:
            conn.execute(insert(C), _conflict_rows(pulled.conflicts))
        # Nothing of this device waited when the pull began: its rows now in the log (the
        # records a decision of this laptop brought back) are on the server already.
        set_meta(
            conn,
            {PULLED: str(max(pulled.last_seq, pulled_seq(conn))), **_push_mark(conn, device)},
        )
        return taking.skipped


def start_replica(ws: Workspace, url: str, pulled: int = 0) -> None:
    """Make a workspace a replica of ``url`` (stored without password): everything of its
    log counts as pushed, and the server's log as taken in up to ``pulled``."""
    with ws.writing() as session:
        conn = session.connection()
        set_meta(conn, {SERVER: url, PULLED: str(pulled), **_push_mark(conn, device_of(ws))})


def stamp_now(ws: Workspace) -> tuple[str, dt.datetime]:
    """A fresh stamp of this device's clock and the time, for a decision."""
    return ws.hlc.stamp(), ws.clock.now()
