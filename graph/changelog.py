"""Writing the history log: one row per inserted or deleted record, one per changed field.

A ``Recorder`` collects the rows of one transaction and writes them together just before the
transaction commits, so a change and its history land together or not at all. The workspace
(``Workspace._unit``) and the bulk import writer (``graph.imports.bulk``) each hold one.
Values are stored as JSON: dates and datetimes as ISO text, enums as their stored value.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from enum import Enum
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Connection, Date, DateTime, Table, func, select
from sqlalchemy import Enum as SqlEnum

from graph import schema as s
from graph.hlc import HybridClock

INSERT, UPDATE, DELETE = "insert", "update", "delete"
HISTORY = s.HistoryEntry.__tablename__
_COLUMNS = (
    "op", "hlc", "at", "author", "device", "source", "table_name", "record_uid", "record_key",
    "account_id", "action", "field", "old_value", "new_value",
)  # fmt: skip
_INSERT_SQL = (
    f"INSERT INTO {HISTORY} ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)})"
)


def encode(value: Any) -> Any:
    """A stored value as JSON data."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):  # datetime included
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    return value


def _plain(value: Any) -> Any:
    # Called by json for what it cannot write itself (StrEnum values it writes as text).
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a stored value")


# One encoder for every value (json.dumps with options builds a new one per call).
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_plain)


def dumps(value: Any) -> str:
    return _JSON.encode(value)


def record_json(values: Mapping[str, Any]) -> str:
    return _JSON.encode(values)


def table(name: str) -> Table:
    return s.Base.metadata.tables[name]


@cache
def key_names(table_name: str) -> tuple[str, ...]:
    return tuple(c.name for c in table(table_name).primary_key.columns)


def key_json(table_name: str, values: Mapping[str, Any]) -> str:
    """The local primary key of a record as JSON (``{"id": 7}``, ``{"account_id": 1, ...}``)."""
    names = key_names(table_name)
    if names == ("id",) and type(values["id"]) is int:
        return f'{{"id":{values["id"]}}}'  # the common case, without the encoder
    return _JSON.encode({name: values[name] for name in names})


def decode(table_name: str, field: str, data: Any) -> Any:
    """A JSON value of ``table_name.field`` back as the Python value the record holds."""
    if data is None:
        return None
    kind = table(table_name).c[field].type
    if isinstance(kind, SqlEnum) and kind.enum_class is not None:
        return kind.enum_class(data)
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(data)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(data)
    return data


def decode_record(table_name: str, data: Mapping[str, Any]) -> dict[str, Any]:
    columns = table(table_name).c
    return {k: decode(table_name, k, v) for k, v in data.items() if k in columns}


def _json_sql(column: Any) -> str:
    """SQL giving a stored column's value as the JSON ``record_json`` would write."""
    name = f'"{column.name}"'
    if isinstance(column.type, Boolean):
        return (
            f"json(CASE WHEN {name} IS NULL THEN 'null' WHEN {name} THEN 'true' ELSE 'false' END)"
        )
    if isinstance(column.type, JSON):
        return f"json({name})"
    if isinstance(column.type, DateTime):
        return f"replace({name}, ' ', 'T')"  # ISO 8601, as datetime.isoformat
    return name


class Recorder:
    """The history rows of one transaction (one ``op``)."""

    def __init__(
        self, clock: HybridClock, at: dt.datetime, *, author: str = "", source: str = "edit"
    ) -> None:
        self.clock = clock
        self.op = uuid.uuid4().hex
        self.at = at
        self.author = author
        self.source = source
        self.rows: list[tuple[Any, ...]] = []

    def __bool__(self) -> bool:
        return bool(self.rows)

    def _row(
        self,
        table_name: str,
        uid: str | None,
        key: str,
        account_id: int | None,
        action: str,
        field: str | None = None,
        old: str | None = None,
        new: str | None = None,
    ) -> None:
        self.rows.append((table_name, uid, key, account_id, action, field, old, new))

    def inserted(self, table_name: str, values: Mapping[str, Any], account_id: int | None) -> None:
        uid, key = values.get("uid"), key_json(table_name, values)
        self._row(table_name, uid, key, account_id, INSERT, new=record_json(values))

    def deleted(self, table_name: str, values: Mapping[str, Any], account_id: int | None) -> None:
        uid, key = values.get("uid"), key_json(table_name, values)
        self._row(table_name, uid, key, account_id, DELETE, old=record_json(values))

    def updated(
        self,
        table_name: str,
        keyed: Mapping[str, Any],
        account_id: int | None,
        old: Mapping[str, Any],
        new: Mapping[str, Any],
    ) -> None:
        """One row per field of ``new`` whose value differs from ``old``. ``keyed`` holds the
        record's primary key (and its ``uid``, if it has one)."""
        uid, key = keyed.get("uid"), key_json(table_name, keyed)
        for name, value in new.items():
            before = old.get(name)
            if encode(before) != encode(value):
                self._row(
                    table_name, uid, key, account_id, UPDATE, name, dumps(before), dumps(value)
                )

    def inserted_range(
        self, conn: Connection, table_name: str, first: int, last: int, account_id: int | None
    ) -> None:
        """Log the records of ``table_name`` with ids ``first``..``last``, just inserted: on
        SQLite one INSERT ... SELECT builds their rows (JSON included) inside the database,
        three times faster than from Python for an import of 50,000 people."""
        t = table(table_name)
        if conn.dialect.name != "sqlite":
            for row in conn.execute(select(t).where(t.c.id.between(first, last)).order_by(t.c.id)):
                self.inserted(table_name, dict(row._mapping), account_id)
            return
        self.write(conn)  # rows collected before come first in the stamps' order
        self._observe(conn)
        ms, counter = self.clock.reserve(last - first + 1)
        device = self.clock.device
        record = ", ".join(f"'{c.name}', {_json_sql(c)}" for c in t.columns)
        uid = '"uid"' if "uid" in t.c else "NULL"
        conn.exec_driver_sql(
            f"INSERT INTO {HISTORY} ({', '.join(_COLUMNS)}) SELECT ?, "
            "printf('%013d-%04d-%s', ? + (? + id - ?) / 10000, (? + id - ?) % 10000, ?), "
            f"?, ?, ?, ?, ?, {uid}, '{{\"id\":' || id || '}}', ?, 'insert', NULL, NULL, "
            f'json_object({record}) FROM "{table_name}" WHERE id BETWEEN ? AND ? ORDER BY id',
            (
                self.op, ms, counter, first, counter, first, device, self._when(conn),
                self.author, device, self.source, table_name, account_id, first, last,
            ),
        )  # fmt: skip

    def _observe(self, conn: Connection) -> None:
        newest = conn.scalar(select(func.max(table(HISTORY).c.hlc)))
        if newest:
            self.clock.observe(newest)

    def _when(self, conn: Connection) -> Any:
        at = table(HISTORY).c.at.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
        return at(self.at) if at is not None else self.at

    def write(self, conn: Connection) -> None:
        """Write the collected rows inside the caller's transaction (which holds the write lock,
        so the newest stamp in the file is read and exceeded safely, even across processes)."""
        if not self.rows:
            return
        self._observe(conn)
        stamps = self.clock.stamps(len(self.rows))
        head = (self.op,)
        tail = (self._when(conn), self.author, self.clock.device, self.source)
        values = [(*head, stamp, *tail, *row) for stamp, row in zip(stamps, self.rows, strict=True)]
        if conn.dialect.paramstyle == "qmark":
            conn.exec_driver_sql(_INSERT_SQL, values)
        else:
            conn.execute(
                table(HISTORY).insert(), [dict(zip(_COLUMNS, v, strict=True)) for v in values]
            )
        self.rows.clear()
