"""Erasing a person for good (GDPR): the record, everything about them, and their trace in the
history log, in one transaction.

Unlike ``Workspace.remove`` this cannot be undone: nothing is kept to put back. The log keeps
one ``delete`` row with source ``erase`` holding only the person's uid, so a replica (team
sync) learns that the record is gone without learning who it was. Deleted content is
overwritten on disk (``PRAGMA secure_delete``, set on every write connection of a workspace).
Free text elsewhere that names the person (an interaction's summary, another person's notes)
is not rewritten: ``Erasure.mentions`` lists it for the user to edit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Enum, String, and_, delete, func, or_, select, text, update

from graph import schema as s
from graph.changelog import HISTORY, key_json, table
from graph.errors import ValidationError
from graph.workspace import Workspace

H = s.HistoryEntry
ERASED = "[erased]"
_CHUNK = 500


@dataclass(frozen=True)
class Erasure:
    person_uid: str
    records_removed: int
    history_rows_removed: int
    history_rows_scrubbed: int
    mentions: tuple[str, ...]  # "interactions 12 summary": free text that still names them


def erase_person(ws: Workspace, person_id: int) -> Erasure:
    """Erase a person, their links, coverage, attendance, card positions and attitude history,
    clear references to them (a win's champion, a request's requester), and scrub the log."""
    if ws.in_transaction:
        # Rows already recorded in the open transaction could hold their values.
        raise ValidationError("erasing a person is a change of its own; finish the others first")
    person = ws.get(s.Person, person_id)
    recorder = ws.new_recorder("erase")
    secrets = [v for v in (person.name, person.email, person.phone, person.notes) if v.strip()]
    with ws.history_paused(), ws.writing() as session:
        removal = ws.remove(s.Person, person_id)
        conn = session.connection()
        node = f"p{person_id}"
        positions = table("card_positions")
        placed = [
            dict(r._mapping)
            for r in conn.execute(select(positions).where(positions.c.node == node))
        ]
        conn.execute(delete(positions).where(positions.c.node == node))
        gone = [(k.__tablename__, v) for k, v in removal.rows] + [
            ("card_positions", v) for v in placed
        ]
        removed = _drop_rows_about(conn, gone)
        scrubbed = _clear_references(conn, person_id) + _scrub_text(conn, secrets)
        if recorder is not None:
            recorder.source = "erase"
            recorder.deleted("people", {"id": person_id, "uid": person.uid}, person.account_id)
            session.flush()
            recorder.write(conn)
        # Index pages above the leaves can keep copies of keys (an email); rebuild them.
        conn.execute(text("REINDEX people"))
    return Erasure(
        person.uid, len(removal.rows) + len(placed), removed, scrubbed, _mentions(ws, secrets)
    )


def forget_in_log(
    conn: Connection, records: list[tuple[str, dict[str, Any]]], person_id: int, secrets: list[str]
) -> int:
    """The log's side of an erasure, for a replica taking in one made on another laptop
    (graph.team): the rows about ``records`` dropped, references to the person nulled, their
    ``secrets`` (name, email, phone, notes) replaced in the other rows."""
    return (
        _drop_rows_about(conn, records)
        + _clear_references(conn, person_id)
        + _scrub_text(conn, [v for v in secrets if v.strip()])
    )


def _drop_rows_about(conn: Connection, records: list[tuple[str, dict[str, Any]]]) -> int:
    """Delete every log row of the given records (by uid, or by key where a table has none)."""
    by_uid: dict[str, list[str]] = {}
    by_key: dict[str, list[str]] = {}
    for name, values in records:
        if values.get("uid"):
            by_uid.setdefault(name, []).append(values["uid"])
        else:
            by_key.setdefault(name, []).append(key_json(name, values))
    count = 0
    for column, groups in ((H.record_uid, by_uid), (H.record_key, by_key)):
        for name, keys in groups.items():
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                done = conn.execute(delete(H).where(H.table_name == name, column.in_(chunk)))
                count += done.rowcount
    return count


def _clear_references(conn: Connection, person_id: int) -> int:
    """Set to null the person's id where other records' log rows refer to them."""
    count = 0
    people = table("people")
    for fk in (f for t in s.Base.metadata.sorted_tables for f in t.foreign_keys):
        if fk.column.table is not people or fk.ondelete != "SET NULL":
            continue
        name, column = fk.parent.table.name, fk.parent.name
        path = f"$.{column}"
        for side in (H.old_value, H.new_value):
            whole = and_(
                H.table_name == name, H.field.is_(None), func.json_extract(side, path) == person_id
            )
            count += conn.execute(
                update(H).where(whole).values({side: func.json_set(side, path, None)})
            ).rowcount
            one = and_(H.table_name == name, H.field == column, side == json.dumps(person_id))
            count += conn.execute(update(H).where(one).values({side: "null"})).rowcount
    return count


def _scrub_text(conn: Connection, secrets: list[str]) -> int:
    """Replace the person's name, email, phone and notes inside any log row's values."""
    if not secrets:
        return 0
    matches = or_(*(side.contains(v) for v in secrets for side in (H.old_value, H.new_value)))
    count = 0
    for row_id, old, new in conn.execute(
        select(H.id, H.old_value, H.new_value).where(matches)
    ).all():
        conn.execute(
            update(H)
            .where(H.id == row_id)
            .values(old_value=_scrubbed(old, secrets), new_value=_scrubbed(new, secrets))
        )
        count += 1
    return count


def _scrubbed(text_value: str | None, secrets: list[str]) -> str | None:
    if text_value is None:
        return None

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            for secret in secrets:
                value = value.replace(secret, ERASED)
            return value
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return json.dumps(walk(json.loads(text_value)), ensure_ascii=False, separators=(",", ":"))


def _mentions(ws: Workspace, secrets: list[str]) -> tuple[str, ...]:
    """Text fields of remaining records that still contain one of ``secrets``."""
    found: list[str] = []
    if not secrets:
        return ()
    with ws.engine.connect() as conn:
        for t in s.Base.metadata.sorted_tables:
            if t.name == HISTORY or "id" not in t.c:
                continue
            texts = [
                c
                for c in t.columns
                if isinstance(c.type, String) and not isinstance(c.type, Enum) and c.name != "uid"
            ]
            if not texts:
                continue
            for column in texts:
                hits = conn.scalars(
                    select(t.c.id).where(or_(*(column.contains(v) for v in secrets)))
                )
                found.extend(f"{t.name} {record_id} {column.name}" for record_id in hits)
    return tuple(found)
