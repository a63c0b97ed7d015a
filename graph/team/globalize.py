"""Records between a replica's local ids and the portfolio's global uids.

A workspace file links records by local integer ids (``person.account_id = 3``), which mean
nothing on another laptop. What travels is the *global form*: a record's fields as JSON data
with every reference replaced by the uid of the record it points to (and no local ``id``), a
map card's node ``p17`` as ``p:<uid>``. A record is named by its uid, or, for the tables
without one (attendance, team assignments, usage points, card positions, cadence defaults),
by its primary key in global form as canonical JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

from sqlalchemy import Connection, Float, select

from graph import schema as s
from graph.changelog import decode, encode, key_names, table

H = s.HistoryEntry
_NODE_TABLES = {"p": "people", "t": "team_members"}
CARD_POSITIONS = s.CardPosition.__tablename__


@cache
def references(table_name: str) -> dict[str, str]:
    """The columns of ``table_name`` that point to another record: column -> target table."""
    return {fk.parent.name: fk.column.table.name for fk in table(table_name).foreign_keys}


@cache
def has_uid(table_name: str) -> bool:
    return "uid" in table(table_name).c


@cache
def _floats(table_name: str) -> frozenset[str]:
    return frozenset(c.name for c in table(table_name).columns if isinstance(c.type, Float))


def canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def normalized(table_name: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """Global data as every side reads it back (a JSON number in a float column is a float,
    whatever PostgreSQL's jsonb made of ``1e13``)."""
    floats = _floats(table_name)
    return {
        k: float(v) if k in floats and isinstance(v, int) and not isinstance(v, bool) else v
        for k, v in data.items()
    }


class Ids:
    """Local id <-> uid of one replica, read once and remembered (one transaction's worth)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._uid: dict[tuple[str, int], str | None] = {}
        self._id: dict[tuple[str, str], int | None] = {}

    def uid(self, table_name: str, local_id: int | None) -> str | None:
        """The uid of a record by local id: the record itself, or, once deleted, its last
        insert or delete row in the log (a change may name a record removed since)."""
        if local_id is None:
            return None
        marker = (table_name, local_id)
        if marker not in self._uid:
            t = table(table_name)
            uid = self.conn.scalar(select(t.c.uid).where(t.c.id == local_id))
            if uid is None:
                uid = self.conn.scalar(
                    select(H.record_uid)
                    .where(
                        H.table_name == table_name,
                        H.record_key == f'{{"id":{local_id}}}',
                        H.record_uid.is_not(None),
                    )
                    .order_by(H.id.desc())
                    .limit(1)
                )
            self._uid[marker] = uid
        return self._uid[marker]

    def local_id(self, table_name: str, uid: str | None) -> int | None:
        if uid is None:
            return None
        marker = (table_name, uid)
        if marker not in self._id:
            t = table(table_name)
            self._id[marker] = self.conn.scalar(select(t.c.id).where(t.c.uid == uid))
        return self._id[marker]

    def preload(self, table_name: str) -> None:
        """Read every id and uid of a table at once (for a whole portfolio)."""
        t = table(table_name)
        for local_id, uid in self.conn.execute(select(t.c.id, t.c.uid)):
            self.learn(table_name, local_id, uid)

    def learn(self, table_name: str, local_id: int, uid: str) -> None:
        """Remember a record just written (or removed: ``forget``)."""
        self._id[(table_name, uid)] = local_id
        self._uid[(table_name, local_id)] = uid

    def forget(self, table_name: str, uid: str) -> None:
        self._id[(table_name, uid)] = None

    # --- values ---------------------------------------------------------------------------

    def global_value(self, table_name: str, field: str, value: Any) -> Any:
        """One field's JSON data, local -> global."""
        target = references(table_name).get(field)
        if target is not None:
            return self.uid(target, value)
        if table_name == CARD_POSITIONS and field == "node" and isinstance(value, str):
            kind, number = value[:1], value[1:]
            if kind in _NODE_TABLES and number.isdigit():
                return f"{kind}:{self.uid(_NODE_TABLES[kind], int(number))}"
        return value

    def local_value(self, table_name: str, field: str, value: Any) -> tuple[bool, Any]:
        """One field's JSON data, global -> local: (known, value). Not known: it names a
        record this replica does not hold."""
        target = references(table_name).get(field)
        if target is not None:
            if value is None:
                return True, None
            local = self.local_id(target, value)
            return local is not None, local
        if table_name == CARD_POSITIONS and field == "node" and isinstance(value, str):
            kind, _, uid = value.partition(":")
            if kind in _NODE_TABLES and uid:
                local = self.local_id(_NODE_TABLES[kind], uid)
                return local is not None, f"{kind}{local}"
        return True, value

    def global_record(self, table_name: str, data: Mapping[str, Any]) -> dict[str, Any]:
        """A record's JSON data (as the log holds it), local -> global (without ``id``)."""
        return {
            k: self.global_value(table_name, k, v)
            for k, v in data.items()
            if k != "id" or not has_uid(table_name)
        }

    def local_record(self, table_name: str, data: Mapping[str, Any]) -> dict[str, Any] | None:
        """A record's global data as the Python values to write, or None when it names a
        record this replica does not hold."""
        values: dict[str, Any] = {}
        for k, v in data.items():
            known, local = self.local_value(table_name, k, v)
            if not known:
                return None
            values[k] = decode(table_name, k, local)
        return values

    def global_key(self, table_name: str, data: Mapping[str, Any]) -> str | None:
        """The global name of a record from its local JSON data (a uid table needs ``uid``)."""
        if has_uid(table_name):
            uid = data.get("uid")
            return uid if isinstance(uid, str) else None
        key = {n: self.global_value(table_name, n, data[n]) for n in key_names(table_name)}
        if any(v is None for v in key.values()):
            return None
        return canonical(key)

    def local_key(self, table_name: str, key: str) -> dict[str, Any] | None:
        """A record's local primary key (JSON data) from its global name, if it is here."""
        if has_uid(table_name):
            local = self.local_id(table_name, key)
            return None if local is None else {"id": local}
        values: dict[str, Any] = {}
        for name, value in json.loads(key).items():
            known, local = self.local_value(table_name, name, value)
            if not known:
                return None
            values[name] = local
        return values


def row_data(table_name: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored row as JSON data (as the log's ``record_json`` writes it)."""
    return {k: encode(v) for k, v in row.items() if k in table(table_name).c}
