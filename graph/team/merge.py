"""Merging pushed changes into the server's state (graph.team.push takes a push in).

For each new change, in the order the server numbered them:

- an update sets its field if its stamp is later than the stamp the field's value comes from
  (different fields of one record merge; for a plain fact the later change wins, the other
  stays in the log). When the field is a judgement (``change.JUDGEMENTS``) and another
  laptop changed it since this laptop last pulled (``base_seq``), a conflict lists both;
- a delete leaves a tombstone (with its dependents, as the workspace's cascades do); against
  an edit made elsewhere since ``base_seq`` it opens a conflict, as does an edit (or a new
  record) landing on a record removed elsewhere. The edit is merged into the tombstone, so
  deciding for it brings the record back whole;
- an insert whose unique fields repeat a live record's (two laptops adding the same
  reporting line) stays a tombstone: the portfolio keeps one;
- an erasure (graph.erasure) buries the person with their dependents and map cards, empties
  their tombstones and, on ``write``, drops the log's rows about them and scrubs what names
  them from the others; changes made apart on an erased record are dropped.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert

from graph import schema as s
from graph.changelog import DELETE, INSERT, UPDATE, table
from graph.erasure import ERASED as ERASED_TEXT
from graph.team import server_schema as t
from graph.team.change import JUDGEMENTS, Change, Decision
from graph.team.globalize import canonical, has_uid, normalized, references

_CHUNK = 1000
Key = tuple[str, str]
ERASED = "erased"  # the field stamps of an erased record's tombstone


@dataclass
class _Record:
    data: dict[str, Any]
    field_hlc: dict[str, str]
    deleted_seq: int | None
    seq: int
    dirty: bool = False

    @property
    def live(self) -> bool:
        return self.deleted_seq is None


@dataclass
class _Concurrent:
    seq: int
    device: str
    action: str
    new: str | None
    field: str | None


def _dependents() -> dict[str, list[tuple[str, str, str]]]:
    """For each table, the (table, column, on delete) of the records that point to it."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for child in s.Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            found.setdefault(fk.column.table.name, []).append(
                (child.name, fk.parent.name, str(fk.ondelete))
            )
    return found


def _unique_fields(table_name: str) -> list[tuple[str, ...]]:
    """The field groups two live records may not share (besides the key)."""
    groups = []
    for constraint in table(table_name).constraints:
        names = tuple(c.name for c in getattr(constraint, "columns", ()))
        if type(constraint).__name__ == "UniqueConstraint" and names:
            groups.append(names)
    for column in table(table_name).columns:
        if column.unique and column.name != "uid":
            groups.append((column.name,))
    return groups


_DEPENDENTS = _dependents()


class Merge:
    """One push: load what it touches, merge change after change, write back."""

    def __init__(self, conn: Connection, device: str, base_seq: int) -> None:
        self.conn = conn
        self.device = device
        self.base_seq = base_seq
        self.state: dict[Key, _Record | None] = {}
        self.concurrent: dict[Key, list[_Concurrent]] = {}
        self.open_conflicts: dict[tuple[str, str, str | None], int] = {}
        self.new_conflicts: list[dict[str, Any]] = []
        self.moved_conflicts: dict[int, int] = {}
        self.erasures: list[tuple[int, list[Key], list[str]]] = []
        self.forget: list[int] = []
        self._devices: dict[int, str] = {}

    # --- reading ------------------------------------------------------------------------

    def load(self, keys: Iterable[Key]) -> None:
        wanted = [k for k in dict.fromkeys(keys) if k not in self.state]
        for k in wanted:
            self.state[k] = None
        r = t.records.c
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            rows = self.conn.execute(
                select(r.table_name, r.key, r.data, r.field_hlc, r.deleted_seq, r.seq).where(
                    tuple_(r.table_name, r.key).in_(chunk)
                )
            )
            for name, key, data, hlcs, deleted, seq in rows:
                self.state[(name, key)] = _Record(normalized(name, data), hlcs, deleted, seq)

    def load_concurrent(self, keys: Sequence[Key]) -> None:
        c = t.changes.c
        for i in range(0, len(keys), _CHUNK):
            chunk = list(keys[i : i + _CHUNK])
            rows = self.conn.execute(
                select(c.seq, c.device, c.table_name, c.key, c.action, c.field, c.new_value)
                .where(c.seq > self.base_seq, c.device != self.device)
                .where(tuple_(c.table_name, c.key).in_(chunk))
                .order_by(c.seq)
            )
            for seq, device, name, key, action, field_name, new in rows:
                self.concurrent.setdefault((name, key), []).append(
                    _Concurrent(seq, device, action, new, field_name)
                )
                self._devices[seq] = device
        k = t.conflicts.c
        for i in range(0, len(keys), _CHUNK):
            chunk = list(keys[i : i + _CHUNK])
            listed = self.conn.execute(
                select(k.id, k.table_name, k.key, k.field)
                .where(k.resolution.is_(None), tuple_(k.table_name, k.key).in_(chunk))
                .order_by(k.id)
            )
            for conflict_id, name, key, field_name in listed:
                self.open_conflicts[(name, key, field_name)] = conflict_id

    def device_of(self, seq: int) -> str | None:
        if seq not in self._devices:
            device = self.conn.scalar(select(t.changes.c.device).where(t.changes.c.seq == seq))
            self._devices[seq] = device or ""
        return self._devices[seq]

    def _live_where(self, table_name: str, match: dict[str, Any]) -> list[Key]:
        """Live records of ``table_name`` whose data holds ``match``: stored ones (not yet
        loaded) and loaded ones."""
        r = t.records.c
        rows = self.conn.execute(
            select(r.key).where(
                r.table_name == table_name,
                r.deleted_seq.is_(None),
                r.data.contains(match),
            )
        )
        keys = [(table_name, key) for (key,) in rows]
        self.load(keys)
        found = set(keys)
        for k, record in self.state.items():
            if (
                k[0] == table_name
                and record is not None
                and k not in found
                and all(record.data.get(n) == v for n, v in match.items())
            ):
                found.add(k)
        return [k for k in found if (rec := self.state[k]) is not None and rec.live]

    # --- merging ------------------------------------------------------------------------

    def apply(self, seq: int, change: Change) -> None:
        key = (change.table_name, change.key)
        if change.action == INSERT:
            self._insert(seq, key, change)
        elif change.action == UPDATE:
            self._update(seq, key, change)
        elif change.action == DELETE and change.source == "erase" and key[0] == "people":
            self._erase(seq, key)
        elif change.action == DELETE:
            self._delete(seq, key)

    def _conflict(
        self, kind: str, key: Key, field_name: str | None, first: int, second: int
    ) -> None:
        marker = (key[0], key[1], field_name)
        if marker in self.open_conflicts:
            existing = self.open_conflicts[marker]
            if existing >= 0:
                self.moved_conflicts[existing] = second  # the newest of the two sides
            else:
                self.new_conflicts[-existing - 1]["second_seq"] = second
            return
        self.new_conflicts.append(
            {
                "kind": kind,
                "table_name": key[0],
                "key": key[1],
                "field": field_name,
                "first_seq": first,
                "second_seq": second,
            }
        )
        self.open_conflicts[marker] = -len(self.new_conflicts)

    def _deleted_elsewhere(self, record: _Record) -> bool:
        seq = record.deleted_seq
        return seq is not None and seq > self.base_seq and self.device_of(seq) != self.device

    def _merge_field(self, record: _Record, name: str, value: Any, hlc: str) -> None:
        if hlc > record.field_hlc.get(name, ""):
            record.data[name] = value
            record.field_hlc[name] = hlc
            record.dirty = True

    def _missing_parent(self, table_name: str, data: dict[str, Any]) -> _Record | None:
        """A tombstone (or a blank one) for the first record ``data`` points to that the
        portfolio does not hold alive, else None."""
        for column, target in references(table_name).items():
            uid = data.get(column)
            if uid is None:
                continue
            parent = self.state.get((target, uid))
            if parent is None:
                return _Record({}, {}, -1, 0)
            if not parent.live:
                return parent
        return None

    def _duplicate(
        self, table_name: str, key: str, data: dict[str, Any], changed: str | None = None
    ) -> bool:
        """Whether ``data`` repeats a live record's unique fields (those holding ``changed``,
        if given)."""
        for names in _unique_fields(table_name):
            if changed is not None and changed not in names:
                continue
            match = {n: data.get(n) for n in names}
            if any(v is None for v in match.values()):
                continue
            if any(k[1] != key for k in self._live_where(table_name, match)):
                return True
        return False

    def _forgotten(self, seq: int, record: _Record | None) -> bool:
        """A change to an erased record (made apart, before the laptop heard of the
        erasure) is dropped from the log, not kept: its values are about that person."""
        if record is not None and record.field_hlc.get("*") == ERASED:
            self.forget.append(seq)
            return True
        return False

    def _insert(self, seq: int, key: Key, change: Change) -> None:
        data = normalized(key[0], json.loads(change.new or "{}"))
        record = self.state.get(key)
        if self._forgotten(seq, record):
            return
        if record is not None and record.live:
            for name, value in data.items():
                self._merge_field(record, name, value, change.hlc)
            return
        parent = self._missing_parent(key[0], data)
        if parent is not None:
            deleted = parent.deleted_seq if parent.deleted_seq and parent.deleted_seq > 0 else seq
            if parent.deleted_seq and parent.deleted_seq > 0 and self._deleted_elsewhere(parent):
                self._conflict("delete", key, None, parent.deleted_seq, seq)
        elif self._duplicate(key[0], key[1], data):
            deleted = seq
        else:
            deleted = None
        hlcs = {name: change.hlc for name in data}
        if record is not None:  # a tombstone: a removal undone, or a record brought back
            for name, value in data.items():
                self._merge_field(record, name, value, change.hlc)
            record.deleted_seq, record.seq, record.dirty = deleted, seq, True
        else:
            self.state[key] = _Record(data, hlcs, deleted, seq, dirty=True)

    def _update(self, seq: int, key: Key, change: Change) -> None:
        record = self.state.get(key)
        if record is None or change.field is None or self._forgotten(seq, record):
            return  # a record the portfolio never held (its insert was refused)
        value = json.loads(change.new) if change.new is not None else None
        if not record.live:
            if self._deleted_elsewhere(record) and record.deleted_seq is not None:
                self._conflict("delete", key, None, record.deleted_seq, seq)
            self._merge_field(record, change.field, value, change.hlc)
            record.seq = seq
            return
        if (key[0], change.field) in JUDGEMENTS:
            rivals = [
                c
                for c in self.concurrent.get(key, ())
                if c.action == UPDATE and c.field == change.field
            ]
            # The same reading made twice is no conflict.
            if rivals and json.loads(rivals[-1].new or "null") != value:
                self._conflict("judgement", key, change.field, rivals[-1].seq, seq)
        if self._duplicate(key[0], key[1], {**record.data, change.field: value}, change.field):
            return  # would repeat another record's unique fields: the change stays in the log
        self._merge_field(record, change.field, value, change.hlc)
        if record.dirty:
            record.seq = seq

    def _delete(self, seq: int, key: Key) -> None:
        record = self.state.get(key)
        if record is None or not record.live:
            return
        edits = [c.seq for c in self.concurrent.get(key, ()) if c.action != DELETE]
        if edits:
            self._conflict("delete", key, None, edits[-1], seq)
        self._bury(key, seq)

    def _erase(self, seq: int, key: Key) -> None:
        """A person erased (graph.erasure): buried with what depends on them and their map
        cards, every tombstone emptied, and, at ``write``, the log's rows about them dropped
        and their name, email, phone and notes replaced in the others."""
        record = self.state.get(key)
        if record is None:
            return
        secrets = [
            v
            for f in ("name", "email", "phone", "notes")
            if isinstance(v := record.data.get(f), str)
        ]
        buried: list[Key] = []
        if record.live:
            self._bury(key, seq, buried)
        else:
            buried.append(key)
            r = t.records.c
            earlier = self.conn.execute(
                select(r.table_name, r.key).where(r.deleted_seq == record.deleted_seq)
            ).all()
            self.load([(name, k) for name, k in earlier])
            buried += [(name, k) for name, k in earlier]
        for card in self._live_where("card_positions", {"node": f"p:{key[1]}"}):
            self._bury(card, seq, buried)
        for gone in buried:
            tomb = self.state.get(gone)
            if tomb is not None:
                tomb.data = {"uid": gone[1]} if has_uid(gone[0]) else {}
                tomb.field_hlc = {"*": ERASED}
                tomb.dirty = True
        self.erasures.append((seq, list(dict.fromkeys(buried)), [s for s in secrets if s.strip()]))

    def _bury(self, key: Key, seq: int, buried: list[Key] | None = None) -> None:
        """Tombstone a record and, as the workspace's foreign keys do, its dependents."""
        record = self.state.get(key)
        if record is None or not record.live:
            return
        record.deleted_seq, record.seq, record.dirty = seq, seq, True
        if buried is not None:
            buried.append(key)
        if not has_uid(key[0]):
            return
        for child, column, ondelete in _DEPENDENTS.get(key[0], ()):
            for child_key in self._live_where(child, {column: key[1]}):
                if ondelete == "CASCADE":
                    self._bury(child_key, seq, buried)
                else:
                    dependent = self.state[child_key]
                    if dependent is not None:
                        dependent.data[column] = None
                        dependent.seq, dependent.dirty = seq, True

    # --- decisions ----------------------------------------------------------------------

    def decide(self, decision: Decision) -> list[Change]:
        """Close a conflict; a kept edit against a delete brings back what that delete
        removed. Returns the changes that bring it back (to log)."""
        k = t.conflicts.c
        row = self.conn.execute(
            select(k.kind, k.table_name, k.key, k.first_seq, k.second_seq, k.resolution)
            .where(k.id == decision.conflict_id)
            .with_for_update()
        ).first()
        if row is None or row.resolution is not None:
            return []
        self.conn.execute(
            update(t.conflicts)
            .where(k.id == decision.conflict_id)
            .values(resolution=decision.keep, resolved_by=func.session_user())
        )
        if row.kind != "delete":
            return []
        kept = row.first_seq if decision.keep == "first" else row.second_seq
        other = row.second_seq if decision.keep == "first" else row.first_seq
        c = t.changes.c
        actions = dict(
            self.conn.execute(select(c.seq, c.action).where(c.seq.in_([kept, other]))).all()
        )
        if actions.get(kept) == DELETE or actions.get(other) != DELETE:
            return []  # the delete is what was kept: it stands
        r = t.records.c
        buried = self.conn.execute(
            select(r.table_name, r.key, r.data).where(r.deleted_seq == other)
        ).all()
        order = {x.name: i for i, x in enumerate(s.Base.metadata.sorted_tables)}
        buried = sorted(buried, key=lambda b: (order.get(b.table_name, 0), b.key))
        op = uuid.uuid4().hex  # one transaction of the log, as graph.changelog's
        return [
            Change(
                device=decision.device,
                hlc=f"{decision.hlc}.{n:05d}",
                op=op,
                at=decision.at,
                author=decision.author,
                source="conflict",
                table_name=name,
                key=key,
                account=data.get("account_id") if name != "accounts" else data.get("uid"),
                action=INSERT,
                field=None,
                old=None,
                new=canonical(data),
            )
            for n, (name, key, data) in enumerate(buried)
        ]

    # --- writing ------------------------------------------------------------------------

    def write(self) -> int:
        dirty = [
            {
                "table_name": k[0],
                "key": k[1],
                "data": r.data,
                "field_hlc": r.field_hlc,
                "deleted_seq": r.deleted_seq,
                "seq": r.seq,
            }
            for k, r in self.state.items()
            if r is not None and r.dirty
        ]
        if dirty:
            stmt = pg_insert(t.records)
            self.conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[t.records.c.table_name, t.records.c.key],
                    set_={
                        "data": stmt.excluded.data,
                        "field_hlc": stmt.excluded.field_hlc,
                        "deleted_seq": stmt.excluded.deleted_seq,
                        "seq": stmt.excluded.seq,
                    },
                ),
                dirty,
            )
        for conflict_id, second in self.moved_conflicts.items():
            self.conn.execute(
                update(t.conflicts).where(t.conflicts.c.id == conflict_id).values(second_seq=second)
            )
        if self.new_conflicts:
            self.conn.execute(t.conflicts.insert(), self.new_conflicts)
        for seq, buried, secrets in self.erasures:
            self._forget_in_log(seq, buried, secrets)
        if self.forget:
            self.conn.execute(t.changes.delete().where(t.changes.c.seq.in_(self.forget)))
        return len(self.new_conflicts)

    def _forget_in_log(self, seq: int, buried: list[Key], secrets: list[str]) -> None:
        c, k = t.changes.c, t.conflicts.c
        for i in range(0, len(buried), _CHUNK):
            chunk = buried[i : i + _CHUNK]
            self.conn.execute(
                t.changes.delete().where(c.seq != seq, tuple_(c.table_name, c.key).in_(chunk))
            )
            self.conn.execute(t.conflicts.delete().where(tuple_(k.table_name, k.key).in_(chunk)))
        for secret in secrets:
            # As the value sits inside the JSON text of a change.
            inside = json.dumps(secret, ensure_ascii=False)[1:-1]
            self.conn.execute(
                update(t.changes)
                .where(
                    (func.strpos(c.old_value, inside) > 0) | (func.strpos(c.new_value, inside) > 0)
                )
                .values(
                    old_value=func.replace(c.old_value, inside, ERASED_TEXT),
                    new_value=func.replace(c.new_value, inside, ERASED_TEXT),
                )
            )
