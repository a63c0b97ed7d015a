"""The conflicts a replica knows of, as a person reads them, and deciding one.

Each conflict has two sides, in the order the server took them (``first``, ``second``); on a
laptop that made one of them, that side is "mine" and the other "theirs". Deciding a
judgement writes the kept value as an ordinary edit (source ``conflict``, so it goes out with
the next sync and its history says why); deciding a record removed on one side and edited on
the other either removes it here too, or, to keep the edit, asks the server at the next sync
to bring the record back whole (the server kept it, with the edit, as a tombstone).

Deciding is an operation (``decide``), undone like any edit: the undo puts the record back
and reopens the conflict as it was, until the next sync has sent the decision.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from graph import schema as s
from graph.changelog import DELETE, decode, key_names
from graph.errors import NotFoundError, ValidationError
from graph.events import Change, ChangeKind
from graph.history import readable
from graph.operations.core import Journal, OpResult, write
from graph.team.globalize import Ids
from graph.team.replica import stamp_now
from graph.team.role import refuse_if_read_only
from graph.workspace import Workspace

C = s.TeamConflict
SIDES = ("first", "second")
CHOICES = ("mine", "theirs", *SIDES)
_CLASSES = {m.class_.__tablename__: m.class_ for m in s.Base.registry.mappers}


@dataclass(frozen=True)
class Side:
    action: str
    value: str  # as a person reads it
    author: str
    at: str
    mine: bool


@dataclass(frozen=True)
class ConflictView:
    id: int
    kind: str
    record: str
    field: str | None
    first: Side
    second: Side
    decided: str | None

    def lines(self) -> list[str]:
        what = f"{self.record}: {self.field.replace('_', ' ')}" if self.field else self.record
        head = f"#{self.id} {what}"
        if self.kind == "delete":
            head += " (removed on one laptop, edited on another)"
        out = [head]
        for name, side in (("first", self.first), ("second", self.second)):
            who = f"{side.author or 'someone'}, {side.at}" + (" (mine)" if side.mine else "")
            out.append(f"    {name}: {side.value}  [{who}]")
        if self.decided:
            out.append(f"    decided here: keep {self.decided} (goes out at the next sync)")
        return out


def _label(ws: Workspace, ids: Ids, conflict: s.TeamConflict) -> str:
    """The record as a person names it: "Person Chen Wei", "Coverage Ana → Chen Wei"."""
    cls = _CLASSES.get(conflict.table_name)
    kind = cls.__name__ if cls is not None else conflict.table_name
    local = ids.local_key(conflict.table_name, conflict.record_key)
    if cls is None or local is None or "id" not in local or local["id"] is None:
        return f"{kind} (no longer here)"
    try:
        record = ws.get(cls, local["id"])
    except NotFoundError:
        return f"{kind} (no longer here)"
    if isinstance(record, s.Coverage):
        member = ws.get(s.TeamMember, record.member_id).name
        return f"Coverage {member} → {ws.get(s.Person, record.person_id).name}"
    name = getattr(record, "name", None) or getattr(record, "title", None) or local["id"]
    return f"{kind} {name}"


def _value(ids: Ids, conflict: s.TeamConflict, action: str, data: str | None) -> str:
    if action == DELETE:
        return "removed the record"
    if conflict.field is None or data is None:
        return "edited the record"
    _known, local = ids.local_value(conflict.table_name, conflict.field, json.loads(data))
    return readable(decode(conflict.table_name, conflict.field, local))


def open_conflicts(ws: Workspace) -> list[ConflictView]:
    device = ws.hlc.device
    views = []
    with ws.reader.connect() as conn, conn.begin():
        ids = Ids(conn)
        for row in conn.execute(select(C).order_by(C.id)).all():
            conflict = s.TeamConflict(**row._asdict())
            sides = [
                Side(
                    action=getattr(conflict, f"{side}_action"),
                    value=_value(
                        ids,
                        conflict,
                        getattr(conflict, f"{side}_action"),
                        getattr(conflict, f"{side}_value"),
                    ),
                    author=getattr(conflict, f"{side}_author"),
                    at=f"{getattr(conflict, f'{side}_at'):%Y-%m-%d %H:%M}",
                    mine=getattr(conflict, f"{side}_device") == device,
                )
                for side in SIDES
            ]
            views.append(
                ConflictView(
                    id=conflict.id,
                    kind=conflict.kind,
                    record=_label(ws, ids, conflict),
                    field=conflict.field,
                    first=sides[0],
                    second=sides[1],
                    decided=conflict.keep,
                )
            )
    return views


def _side(ws: Workspace, conflict: s.TeamConflict, keep: str) -> str:
    if keep in SIDES:
        return keep
    device = ws.hlc.device
    mine = [side for side in SIDES if getattr(conflict, f"{side}_device") == device]
    if len(mine) != 1:
        raise ValidationError(
            f"conflict #{conflict.id}: neither side was made on this laptop; "
            "choose --keep first or --keep second",
            field="keep",
        )
    if keep == "mine":
        return mine[0]
    return "second" if mine[0] == "first" else "first"


@dataclass(frozen=True)
class Mark:
    """The decision a conflict row holds (``keep`` and its stamp, time and author), as one
    write a journal can take back: undone, the row is open again exactly as it was; redone,
    the decision is made again with a fresh stamp, since it is a new decision to send.

    A row the last sync took away (the server closed the conflict with the decision) is left
    alone: the server's conflict cannot be reopened from here, and the next pull would drop
    a row put back."""

    conflict_id: int
    values: Mapping[str, Any]
    fresh: bool = False

    def apply(self, journal: Journal) -> None:
        ws = journal.ws
        with ws.batch() as changes, ws.writing() as session:
            row = session.get(C, self.conflict_id)
            if row is None:
                return
            before = {name: getattr(row, name) for name in _DECISION}
            values = dict(self.values)
            if self.fresh:
                values["decided_hlc"], values["decided_at"] = stamp_now(ws)
            session.execute(update(C).where(C.id == self.conflict_id).values(**values))
            session.expire(row)
            changes.add(Change(ChangeKind.UPDATED, C.__tablename__, (self.conflict_id,)))
        # Undoing a decision restores what the row held; undoing a reopening decides anew.
        journal.undo.append(Mark(self.conflict_id, before, fresh=before["keep"] is not None))


_DECISION = ("keep", "decided_hlc", "decided_at", "decided_by")


def _decided(ws: Workspace, conflict_id: int, keep: str) -> tuple[OpResult, str]:
    if keep not in CHOICES:
        raise ValidationError(f"keep {keep!r}? choose one of {', '.join(CHOICES)}", field="keep")
    conflict = ws.find(C, C.id == conflict_id)
    if not conflict:
        known = ", ".join(f"#{c.id}" for c in ws.find(C)) or "none"
        raise NotFoundError(f"no open conflict #{conflict_id} (open: {known})")
    found = conflict[0]
    side = _side(ws, found, keep)
    action = getattr(found, f"{side}_action")
    value = getattr(found, f"{side}_value")
    cls = _CLASSES[found.table_name]
    author = getattr(found, f"{side}_author")
    whose = f"{author}'s" if author else f"the {side}"
    title = f"Keep {whose} side of conflict #{conflict_id}"  # the Edit menu's "Undo Keep..."

    def body(journal: Journal) -> str:
        with ws.writing() as session:
            ids = Ids(session.connection())
            local = ids.local_key(found.table_name, found.record_key)
        key: Any = None
        if local is not None:
            names = key_names(found.table_name)
            key = local["id"] if names == ("id",) else tuple(local[n] for n in names)
        present = key is not None and bool(ws.find(cls, *_key_where(cls, local or {})))
        done = "kept"
        if found.kind == "judgement" and found.field is not None and present:
            _known, data = ids.local_value(
                found.table_name, found.field, json.loads(value or "null")
            )
            journal.update(cls, key, **{found.field: decode(found.table_name, found.field, data)})
        elif found.kind == "delete" and action == DELETE and present:
            journal.remove(cls, key)
            done = "removed"
        elif found.kind == "delete" and action != DELETE and not present:
            done = "to be brought back at the next sync"
        values = {"keep": side, "decided_by": ws.author}
        Mark(conflict_id, values, fresh=True).apply(journal)
        return done

    # The kept value is an ordinary edit whose history says why (it goes out at the next
    # sync); its undo and redo are tagged "undo" and "redo" by whoever replays them.
    with ws.recording("conflict"):
        result, done = write(ws, title, body)
    return result, f"conflict #{conflict_id}: kept the {side} side ({done})"


def decide(ws: Workspace, conflict_id: int, keep: str) -> OpResult:
    """Decide a conflict, as an operation: the kept side is applied and the conflict marked
    decided (sent at the next sync); the inverse puts the record back and reopens the
    conflict as it was. ``keep`` is "first", "second", "mine" or "theirs"."""
    refuse_if_read_only(ws)  # a viewer's decision would only wait for a sync that refuses it
    return _decided(ws, conflict_id, keep)[0]


def resolve(ws: Workspace, conflict_id: int, keep: str) -> str:
    """Decide a conflict (``rapport conflicts --keep``), as ``decide`` does; returns what
    was done, in a sentence."""
    refuse_if_read_only(ws)
    return _decided(ws, conflict_id, keep)[1]


def _key_where(cls: type[s.Base], local: dict[str, Any]) -> list[Any]:
    table = cls.__table__
    return [table.c[n] == v for n, v in local.items()]
