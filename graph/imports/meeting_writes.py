"""What a calendar import reads from the workspace, and the writes it plans."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from graph import schema as s
from graph.events import ChangeSet
from graph.imports import bulk
from graph.imports.progress import Monitor
from graph.imports.snapshot import digest, load_team


@dataclass(frozen=True)
class Imported:
    """An interaction an earlier calendar import created."""

    id: int
    occurred_at: dt.datetime
    minutes: int
    people: frozenset[int]
    team: frozenset[int]


@dataclass
class CalendarSnapshot:
    people: dict[int, str]  # person id -> email
    team: dict[int, tuple[str, str]]
    imported: dict[str, Imported]  # external id -> interaction

    def digest(self) -> str:
        return digest(
            sorted(self.people.items()),
            sorted(self.team.items()),
            sorted(
                (k, v.id, v.occurred_at, v.minutes, sorted(v.people), sorted(v.team))
                for k, v in self.imported.items()
            ),
        )


def load_calendar_snapshot(conn: Connection, account_id: int) -> CalendarSnapshot:
    p = bulk.table_of(s.Person)
    people = {
        pid: email
        for pid, email in conn.execute(
            select(p.c.id, p.c.email).where(p.c.account_id == account_id)
        )
    }
    i = bulk.table_of(s.Interaction)
    rows = conn.execute(
        select(i.c.id, i.c.external_id, i.c.occurred_at, i.c.duration_minutes).where(
            i.c.account_id == account_id, i.c.external_id.is_not(None)
        )
    ).all()
    ids = select(i.c.id).where(i.c.account_id == account_id, i.c.external_id.is_not(None))
    ip, im = bulk.table_of(s.InteractionPerson), bulk.table_of(s.InteractionMember)
    attended: dict[int, set[int]] = defaultdict(set)
    for iid, pid in conn.execute(
        select(ip.c.interaction_id, ip.c.person_id).where(ip.c.interaction_id.in_(ids))
    ):
        attended[iid].add(pid)
    members: dict[int, set[int]] = defaultdict(set)
    for iid, mid in conn.execute(
        select(im.c.interaction_id, im.c.member_id).where(im.c.interaction_id.in_(ids))
    ):
        members[iid].add(mid)
    imported = {
        ext: Imported(iid, when, minutes, frozenset(attended[iid]), frozenset(members[iid]))
        for iid, ext, when, minutes in rows
    }
    return CalendarSnapshot(people, load_team(conn), imported)


@dataclass
class MeetingWrites:
    account_id: int
    # (interaction values, person ids, member ids)
    adds: list[tuple[dict[str, Any], list[int], list[int]]] = field(default_factory=list)
    # (interaction id, new values, old values, person ids to add, member ids to add)
    updates: list[tuple[int, dict[str, Any], dict[str, Any], list[int], list[int]]] = field(
        default_factory=list
    )

    def fingerprint(self, conn: Connection) -> str:
        return load_calendar_snapshot(conn, self.account_id).digest()

    def write(self, conn: Connection, log: bulk.UndoLog, monitor: Monitor) -> ChangeSet:
        changes = ChangeSet()
        ids = bulk.insert_with_ids(
            conn, s.Interaction, [v for v, _p, _t in self.adds], log, changes, monitor.stage(0, 0.6)
        )
        people: list[dict[str, Any]] = []
        team: list[dict[str, Any]] = []
        for iid, (_values, pids, mids) in zip(ids, self.adds, strict=True):
            people.extend({"interaction_id": iid, "person_id": p} for p in pids)
            team.extend({"interaction_id": iid, "member_id": m} for m in mids)
        for iid, _new, _old, pids, mids in self.updates:
            people.extend({"interaction_id": iid, "person_id": p} for p in pids)
            team.extend({"interaction_id": iid, "member_id": m} for m in mids)
        bulk.update_rows(
            conn,
            s.Interaction,
            [((iid,), new, old) for iid, new, old, _p, _m in self.updates if new],
            log,
            changes,
        )
        monitor.report(0.8)
        bulk.insert_rows(conn, s.InteractionPerson, people, log, changes)
        bulk.insert_rows(conn, s.InteractionMember, team, log, changes)
        monitor.report(1.0)
        return changes
