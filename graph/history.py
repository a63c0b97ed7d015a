"""Reading the history log (graph.changelog): one record's, one person's, one account's
changes, and the values records held at an earlier instant.

Every line says when, who (the author), from where (``edit``, ``undo``, ``import:<file>``...),
which record and field, and the old and new value, decoded to what the record holds (enums,
dates) with ``old_text``/``new_text`` fit to show.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select

from graph import schema as s
from graph.changelog import DELETE, INSERT, UPDATE, decode, decode_record, key_json, table
from graph.vocabulary import LabelledEnum
from graph.workspace import Workspace

H = s.HistoryEntry
_CHUNK = 500
_FIELD_LABELS = {"arr": "ARR", "cadence_days": "Cadence (days)", "it_maturity": "IT maturity"}


@dataclass(frozen=True)
class HistoryLine:
    """One row of the log, decoded. For an insert ``new`` (for a delete ``old``) is the whole
    record as a dict; for an update, the field's values."""

    at: dt.datetime
    author: str
    source: str
    table: str
    record_uid: str | None
    record_key: dict[str, Any]
    account_id: int | None
    action: str
    field: str | None
    old: Any
    new: Any
    hlc: str
    op: str

    @property
    def record_id(self) -> int | None:
        value = self.record_key.get("id")
        return value if isinstance(value, int) else None

    @property
    def field_label(self) -> str:
        if self.field is None:
            return {INSERT: "Added", DELETE: "Removed"}.get(self.action, self.action)
        return _FIELD_LABELS.get(self.field, self.field.replace("_", " ").capitalize())

    @property
    def old_text(self) -> str:
        """The old value as a person reads it ("" for a whole record added or removed)."""
        return "" if self.field is None else readable(self.old)

    @property
    def new_text(self) -> str:
        return "" if self.field is None else readable(self.new)


def readable(value: Any) -> str:
    """A stored value as a person reads it."""
    if value is None:
        return "—"
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(readable(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("name") or value.get("title") or value.get("id", ""))
    return str(value)


def _line(row: s.HistoryEntry) -> HistoryLine:
    old, new = (
        _decoded(row.table_name, row.field, row.old_value),
        _decoded(row.table_name, row.field, row.new_value),
    )
    return HistoryLine(
        at=row.at,
        author=row.author,
        source=row.source,
        table=row.table_name,
        record_uid=row.record_uid,
        record_key=json.loads(row.record_key),
        account_id=row.account_id,
        action=row.action,
        field=row.field,
        old=old,
        new=new,
        hlc=row.hlc,
        op=row.op,
    )


def _decoded(table_name: str, field: str | None, text: str | None) -> Any:
    if text is None:
        return None
    data = json.loads(text)
    if field is None:
        return decode_record(table_name, data)
    if field not in table(table_name).c:
        return data
    return decode(table_name, field, data)


def lines(ws: Workspace, *where: ColumnElement[bool]) -> list[HistoryLine]:
    """Decoded log rows matching ``where``, oldest first (in stamp order)."""
    return [_line(r) for r in ws.find(H, *where, order_by=H.hlc)]


def _name(cls_or_table: str | type[s.Base]) -> str:
    return cls_or_table if isinstance(cls_or_table, str) else cls_or_table.__tablename__


def uid_of(ws: Workspace, table_name: str, record_id: int) -> str | None:
    """The uid of a record by its local id, also once deleted (from its last log row)."""
    t = table(table_name)
    with ws.engine.connect() as conn:
        uid = conn.scalar(select(t.c.uid).where(t.c.id == record_id))
        if uid is None:
            uid = conn.scalar(
                select(H.record_uid)
                .where(
                    H.table_name == table_name,
                    H.record_key == key_json(table_name, {"id": record_id}),
                )
                .order_by(H.hlc.desc())
                .limit(1)
            )
    return uid


def record_history(
    ws: Workspace, table_or_class: str | type[s.Base], key: int | str | Sequence[Any]
) -> list[HistoryLine]:
    """Every change of one record, oldest first. ``key`` is its integer id, its uid, or (for
    tables keyed otherwise, such as card positions) its primary key values in order."""
    name = _name(table_or_class)
    if isinstance(key, str):
        return lines(ws, H.table_name == name, H.record_uid == key)
    if isinstance(key, int):
        uid = uid_of(ws, name, key)
        return lines(ws, H.table_name == name, H.record_uid == uid) if uid else []
    names = [c.name for c in table(name).primary_key.columns]
    record_key = key_json(name, dict(zip(names, key, strict=True)))
    return lines(ws, H.table_name == name, H.record_key == record_key)


def _referencing(
    ws: Workspace, table_name: str, person_id: int, columns: Iterable[str]
) -> set[str]:
    """Uids of records of ``table_name`` that refer to the person in one of ``columns``, now
    or when they were added or removed."""
    t = table(table_name)
    now = or_(*(t.c[c] == person_id for c in columns))
    with ws.engine.connect() as conn:
        uids = set(conn.scalars(select(t.c.uid).where(now)))
        record = func.coalesce(H.new_value, H.old_value)
        logged = or_(*(func.json_extract(record, f"$.{c}") == person_id for c in columns))
        uids.update(
            u
            for u in conn.scalars(
                select(H.record_uid).where(
                    H.table_name == table_name, H.action.in_((INSERT, DELETE)), logged
                )
            )
            if u
        )
    return uids


def person_history(ws: Workspace, person_id: int) -> list[HistoryLine]:
    """Every change of a person and of their links and coverage, oldest first."""
    uid = uid_of(ws, "people", person_id)
    records: list[ColumnElement[bool]] = []
    if uid:
        records.append(and_(H.table_name == "people", H.record_uid == uid))
    links = _referencing(ws, "relationships", person_id, ("source_id", "target_id"))
    cover = _referencing(ws, "coverage", person_id, ("person_id",))
    for name, uids in (("relationships", links), ("coverage", cover)):
        if uids:
            records.append(and_(H.table_name == name, H.record_uid.in_(sorted(uids))))
    return lines(ws, or_(*records)) if records else []


def account_history(
    ws: Workspace,
    account_id: int,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> list[HistoryLine]:
    """Every change to the account and to what belongs to it, from ``since`` (included) to
    ``until`` (excluded), oldest first."""
    where = [H.account_id == account_id]
    if since is not None:
        where.append(H.at >= since)
    if until is not None:
        where.append(H.at < until)
    return lines(ws, *where)


def values_as_of(
    ws: Workspace,
    table_or_class: str | type[s.Base],
    ids: Iterable[int],
    fields: Sequence[str],
    when: dt.datetime,
) -> dict[int, dict[str, Any]]:
    """The value of each of ``fields`` of each record at the instant ``when``.

    A field's value then is the old value of its earliest change after ``when`` (an update of
    it, or the record's removal), else its current value. Records that did not exist yet at
    ``when`` (added since) or no longer existed (removed before) are left out; a record removed
    since is included with its values then (it is absent from the table now). Before the log
    starts (a file migrated to version 4, or the sample) the log knows no changes: the current
    values are given, and the records' own dates must tell the rest.
    """
    name = _name(table_or_class)
    t = table(name)
    wanted = list(dict.fromkeys(ids))
    current: dict[int, dict[str, Any]] = {}
    uids: dict[str, int] = {}
    with ws.engine.connect() as conn:
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            columns = [t.c.id, t.c.uid, *(t.c[f] for f in fields)]
            for row in conn.execute(select(*columns).where(t.c.id.in_(chunk))):
                current[row.id] = {f: getattr(row, f) for f in fields}
                uids[row.uid] = row.id
    for record_id in wanted:
        if record_id not in current:
            uid = uid_of(ws, name, record_id)
            if uid is not None:
                uids[uid] = record_id
    later: dict[int, list[s.HistoryEntry]] = {}
    keys = list(uids)
    for start in range(0, len(keys), _CHUNK):
        some = keys[start : start + _CHUNK]
        for entry in ws.find(
            H, H.table_name == name, H.record_uid.in_(some), H.at > when, order_by=H.hlc
        ):
            later.setdefault(uids[entry.record_uid or ""], []).append(entry)
    result: dict[int, dict[str, Any]] = {}
    for record_id in wanted:
        rows = later.get(record_id, [])
        if rows and rows[0].action == INSERT:
            continue  # added after ``when``
        values: dict[str, Any] = {}
        removed = False
        for entry in rows:
            changed = entry.field
            if entry.action == UPDATE and changed in fields and changed not in values:
                assert changed is not None
                values[changed] = decode(name, changed, json.loads(entry.old_value or "null"))
            elif entry.action == DELETE:
                record = decode_record(name, json.loads(entry.old_value or "{}"))
                values = {f: values.get(f, record.get(f)) for f in fields}
                removed = True
                break
        if not removed and record_id not in current:
            continue  # removed before ``when``
        result[record_id] = {f: values[f] if f in values else current[record_id][f] for f in fields}
    return result
