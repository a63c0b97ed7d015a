"""Records deleted after a day, as they stood on it: what an as-of read adds to today's rows.

Today's tables no longer hold a person, link, coverage, risk, ticket, goal or interaction deleted
since the day a past QBR speaks of, but the history log (graph.changelog) holds each deleted
record whole (its ``delete`` row) and every field change before that. A record is brought back
for the end of day D when the first entry logged for it after D is not its insert (it existed on
D) and it is absent from its table today (not restored since); its values are those of D: the
deleted record, with every field changed after D given the old value of its first change.

The opposite case stays as it is (``graph.snapshot.recorded_as_of``): a record added after D
whose own dates place it before D (a backfill) counts on D, because the log cannot tell a late
entry about an old fact from a new fact. A record erased (``graph.erasure``) has no log left
and is never brought back.

``deleted_since`` reads what an as-of read needs in two or three queries on the log's indexes;
when nothing was deleted after D (always so for today) it costs one indexed query.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    DateTime,
    String,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy import Enum as SqlEnum

from graph import schema as s
from graph.as_of_rules import ticket_open as ticket_open  # re-exported
from graph.changelog import DELETE, INSERT, UPDATE, decode, table
from graph.deleted_records import RECORDED_ON as RECORDED_ON  # re-exported
from graph.deleted_records import DeletedSince as DeletedSince  # re-exported
from graph.queries import end_of_day

H = s.HistoryEntry
_CHUNK = 500
# Tables with no account of their own: their records are logged with no account id.
_SHARED = ("team_members", "roadmap_items")
# The tables as-of reads take deleted records from (the snapshot's and the QBR's).
READ_AS_OF = (
    "people", "relationships", "coverage", "attitude_changes", "interactions",
    "interaction_people", "risks", "tickets", "goals", "action_items", "wins", "incidents",
    "requests", "team_members", "account_team",
)  # fmt: skip


def deleted_since(
    conn: Connection,
    when: dt.date,
    account_ids: Collection[int] | None = None,
    changed: Collection[str] | None = None,
) -> DeletedSince:
    """Records deleted after the end of ``when`` that existed then, for ``account_ids``
    (default: every account) and the shared tables. ``changed``: the tables with changes
    logged after the day (graph.snapshot.changed_tables), when the caller knows them: with
    none, nothing was deleted and the log is not read."""
    if changed is not None and not changed:
        return DeletedSince(when)
    end = end_of_day(when)
    where = [H.action == DELETE, H.at >= end]
    scope: list[ColumnElement[bool]] = []
    if account_ids is not None:
        ids = list(account_ids)
        shared = H.account_id.is_(None) & H.table_name.in_(_SHARED)
        scope.append(or_(H.account_id.in_(ids), shared) if ids else shared)
    where += scope
    read = set(READ_AS_OF) if changed is None else set(READ_AS_OF) & set(changed)
    where.append(H.table_name.in_(sorted(read)))
    wanted: dict[str, set[str]] = defaultdict(set)
    for name, uid, key in conn.execute(
        select(H.table_name, H.record_uid, H.record_key).where(*where)
    ):
        wanted[name].add(uid or key)
    tables: dict[str, dict[int | None, tuple[dict[str, Any], ...]]] = {}
    for name, identities in wanted.items():
        by_account: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
        for account_id, values in _rebuilt(conn, name, sorted(identities), end, scope):
            by_account[account_id].append(values)
        if by_account:
            tables[name] = {a: tuple(rows) for a, rows in by_account.items()}
    return DeletedSince(when, tables)


def _rebuilt(
    conn: Connection,
    name: str,
    identities: Sequence[str],
    end: dt.datetime,
    scope: Sequence[ColumnElement[bool]],
) -> list[tuple[int | None, dict[str, Any]]]:
    """Each record of ``identities`` (uids, or keys for tables keyed otherwise) as it stood at
    ``end``, when it existed then and is absent now, with the account it belonged to."""
    # The log's times stay text (parsing thousands costs more than the rest): ``late`` says
    # whether a row is after the day, ``day`` is its ISO date.
    late = (H.at >= end).label("late")
    day = func.substr(type_coerce(H.at, String), 1, 10).label("day")
    columns = (H.record_uid, H.record_key, late, day, H.action, H.field, H.old_value, H.account_id)
    logged: dict[str, list[Any]] = defaultdict(list)
    if "uid" in table(name).c:
        for start in range(0, len(identities), _CHUNK):
            chunk = identities[start : start + _CHUNK]
            query = select(*columns).where(H.table_name == name, H.record_uid.in_(chunk))
            for row in conn.execute(query.order_by(H.hlc)):
                logged[row.record_uid].append(row)
    else:
        return _rebuilt_links(conn, name, set(identities), end, scope)
    rebuilt = []
    for rows in logged.values():
        found = _as_of(name, rows)
        if found is not None:
            rebuilt.append(found)
    return rebuilt


def _rebuilt_links(
    conn: Connection,
    name: str,
    wanted: set[str],
    end: dt.datetime,
    scope: Sequence[ColumnElement[bool]],
) -> list[tuple[int | None, dict[str, Any]]]:
    """``_rebuilt`` for tables keyed otherwise (attendances, assignments): their records are
    their keys, never updated, so the first and last rows after the day decide. There is no
    index on the key: the log after the day is read by account (its index)."""
    query = (
        select(H.record_key, H.action, H.old_value, H.account_id)
        .where(H.table_name == name, H.at >= end, *scope)
        .order_by(H.hlc)
    )
    first: dict[str, tuple[str, str | None, int | None]] = {}
    last: dict[str, str] = {}
    for key, action, old, account_id in conn.execute(query):
        if key in wanted:
            first.setdefault(key, (action, old, account_id))
            last[key] = action
    rebuilt = []
    for key, (action, old, account_id) in first.items():
        if action == DELETE and last[key] != INSERT:  # existed then, absent now
            record = _record(name, old)
            record[RECORDED_ON] = None
            rebuilt.append((account_id, record))
    return rebuilt


@cache
def _columns(name: str) -> tuple[tuple[str, Any], ...]:
    """Each column of ``name`` with the value it takes when a logged record lacks it (one
    logged before a migration added the column)."""
    found = []
    for column in table(name).c:
        default = column.default
        scalar = default is not None and default.is_scalar
        found.append((column.name, getattr(default, "arg", None) if scalar else None))
    return tuple(found)


@cache
def _converters(name: str) -> dict[str, Any]:
    """The columns of ``name`` whose JSON value needs decoding (enums, dates), as in
    graph.changelog.decode, looked up once per table (thousands of records are rebuilt)."""
    found: dict[str, Callable[[Any], Any]] = {}
    for column in table(name).c:
        kind = column.type
        if isinstance(kind, SqlEnum) and kind.enum_class is not None:
            found[column.name] = kind.enum_class
        elif isinstance(kind, DateTime):
            found[column.name] = dt.datetime.fromisoformat
        elif isinstance(kind, Date):
            found[column.name] = dt.date.fromisoformat
    return found


def _record(name: str, text: str | None) -> dict[str, Any]:
    """A logged record (JSON) as the table stores it."""
    convert = _converters(name)
    record = {}
    for key, value in json.loads(text or "{}").items():
        to = convert.get(key)
        record[key] = to(value) if to is not None and value is not None else value
    return record


def _as_of(name: str, rows: Sequence[Any]) -> tuple[int | None, dict[str, Any]] | None:
    after = [r for r in rows if r.late]
    if not after or after[0].action == INSERT:
        return None  # added after the day (or never changed since: still stored)
    values: dict[str, Any] = {}
    record: dict[str, Any] | None = None
    account_id: int | None = None
    exists = True
    for row in after:
        if row.action == UPDATE and record is None and row.field not in values:
            values[row.field] = decode(name, row.field, json.loads(row.old_value or "null"))
        elif row.action == DELETE:
            if record is None:
                record = _record(name, row.old_value)
                account_id = row.account_id
            exists = False
        elif row.action == INSERT:
            exists = True
    if record is None or exists:
        return None  # restored since: today's table holds it
    columns = _columns(name)
    if len(columns) > 2 and set(record) <= {"id", "uid"}:
        return None  # erased (graph.erasure): the log keeps its key alone
    if len(record) < len(columns):
        for column, default in columns:
            record.setdefault(column, default)
    inserts = [r.day for r in rows if r.action == INSERT and not r.late]
    record.update((k, v) for k, v in values.items() if k in record)
    record[RECORDED_ON] = dt.date.fromisoformat(min(inserts)) if inserts else None
    return account_id, record
