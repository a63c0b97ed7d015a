"""The conflicts a replica knows of, as a person reads them, and deciding one.

Each conflict has two sides, in the order the server took them (``first``, ``second``); on a
laptop that made one of them, that side is "mine" and the other "theirs". Deciding a
judgement writes the kept value as an ordinary edit (source ``conflict``, so it goes out with
the next sync and its history says why); deciding a record removed on one side and edited on
the other either removes it here too, or, to keep the edit, asks the server at the next sync
to bring the record back whole (the server kept it, with the edit, as a tombstone).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from graph import schema as s
from graph.changelog import DELETE, decode, key_names
from graph.errors import NotFoundError, ValidationError
from graph.history import readable
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


def resolve(ws: Workspace, conflict_id: int, keep: str) -> str:
    """Decide a conflict; returns what was done, in a sentence."""
    refuse_if_read_only(ws)  # a viewer's decision would only wait for a sync that refuses it
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
    hlc, at = stamp_now(ws)
    with ws.recording("conflict"), ws.batch():
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
            from graph.changelog import decode

            ws.update(cls, key, **{found.field: decode(found.table_name, found.field, data)})
        elif found.kind == "delete" and action == DELETE and present:
            ws.remove(cls, key)
            done = "removed"
        elif found.kind == "delete" and action != DELETE and not present:
            done = "to be brought back at the next sync"
        with ws.writing() as session:
            session.execute(
                update(C)
                .where(C.id == conflict_id)
                .values(keep=side, decided_hlc=hlc, decided_at=at, decided_by=ws.author)
            )
    return f"conflict #{conflict_id}: kept the {side} side ({done})"


def _key_where(cls: type[s.Base], local: dict[str, Any]) -> list[Any]:
    table = cls.__table__
    return [table.c[n] == v for n, v in local.items()]
