"""Activity logged from files (meeting attendance reports, mail): who is who, and the writes.

An attendance report or a mail message becomes one interaction of the account, with the
account's people and our team members it names as attendees. People are matched by email, then
by name (one person of that name only); team members the same way. Each interaction remembers
where it came from (``external_id``: the meeting, the Message-ID), so importing a file again adds
nothing, and a later report of the same meeting only adds the attendees it did not have.
New people (from mail: addresses of the account's domain nobody has yet) are added in the same
transaction when the user asks for it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from graph import schema as s
from graph.events import ChangeSet
from graph.imports import bulk
from graph.imports.meeting_writes import (
    CalendarSnapshot,
    Imported,
    MeetingWrites,
    load_calendar_snapshot,
)
from graph.imports.plan import Action, Change, PlanEntry
from graph.imports.progress import Monitor
from graph.imports.snapshot import digest
from graph.imports.values import email_key, normalise_name
from graph.validation import validate
from graph.vocabulary import InteractionKind

MAX_EXTERNAL_ID = 300


def external_id(prefix: str, key: str) -> str:
    """``prefix:key``, hashed when too long for the column."""
    text = f"{prefix}:{key}"
    if len(text) <= MAX_EXTERNAL_ID:
        return text
    return f"{prefix}:sha256:" + hashlib.sha256(key.encode()).hexdigest()


@dataclass
class ActivitySnapshot:
    names: dict[int, str]  # person id -> name
    calendar: CalendarSnapshot  # emails, team, interactions imported before

    def digest(self) -> str:
        return digest(sorted(self.names.items()), self.calendar.digest())


def load_activity_snapshot(conn: Connection, account_id: int) -> ActivitySnapshot:
    p = bulk.table_of(s.Person)
    names = {
        pid: name
        for pid, name in conn.execute(select(p.c.id, p.c.name).where(p.c.account_id == account_id))
    }
    return ActivitySnapshot(names, load_calendar_snapshot(conn, account_id))


class Directory:
    """Finds the account's people and our team members by email, then by name."""

    def __init__(self, snapshot: ActivitySnapshot) -> None:
        self.snapshot = snapshot
        self.person_email: dict[str, list[int]] = defaultdict(list)
        self.person_name: dict[str, list[int]] = defaultdict(list)
        for pid, email in snapshot.calendar.people.items():
            if email:
                self.person_email[email_key(email)].append(pid)
            self.person_name[normalise_name(snapshot.names.get(pid, ""))].append(pid)
        self.member_email: dict[str, list[int]] = defaultdict(list)
        self.member_name: dict[str, list[int]] = defaultdict(list)
        for mid, (name, email) in snapshot.calendar.team.items():
            if email:
                self.member_email[email_key(email)].append(mid)
            self.member_name[normalise_name(name)].append(mid)

    @staticmethod
    def _find(
        by_email: dict[str, list[int]], by_name: dict[str, list[int]], email: str, names: list[str]
    ) -> int | None:
        if email:
            hits = by_email.get(email_key(email), [])
            if len(hits) == 1:
                return hits[0]
        for name in names:
            key = normalise_name(name)
            hits = by_name.get(key, []) if key else []
            if len(hits) == 1:
                return hits[0]
        return None

    def person(self, email: str, *names: str) -> int | None:
        return self._find(self.person_email, self.person_name, email, list(names))

    def member(self, email: str, *names: str) -> int | None:
        return self._find(self.member_email, self.member_name, email, list(names))

    def person_name_of(self, ref: int) -> str:
        return self.snapshot.names.get(ref, "")


@dataclass
class ActivityWrites:
    """New people (negative refs: -1 is the first), then interactions and their attendees."""

    account_id: int
    new_people: list[dict[str, Any]] = field(default_factory=list)
    # (interaction values, person refs, member ids)
    adds: list[tuple[dict[str, Any], list[int], list[int]]] = field(default_factory=list)
    # (interaction id, new values, old values, person refs to add, member ids to add)
    updates: list[tuple[int, dict[str, Any], dict[str, Any], list[int], list[int]]] = field(
        default_factory=list
    )

    def add_person(self, values: dict[str, Any]) -> int:
        self.new_people.append(values)
        return -len(self.new_people)

    def fingerprint(self, conn: Connection) -> str:
        return load_activity_snapshot(conn, self.account_id).digest()

    def write(self, conn: Connection, log: bulk.UndoLog, monitor: Monitor) -> ChangeSet:
        changes = ChangeSet()
        ids = bulk.insert_with_ids(
            conn, s.Person, self.new_people, log, changes, monitor.stage(0, 0.2)
        )

        def real(refs: list[int]) -> list[int]:
            return [ids[-r - 1] if r < 0 else r for r in refs]

        meetings = MeetingWrites(
            self.account_id,
            adds=[(values, real(people), team) for values, people, team in self.adds],
            updates=[(i, new, old, real(p), t) for i, new, old, p, t in self.updates],
        )
        for change in meetings.write(conn, log, monitor.stage(0.2, 1.0)).changes:
            changes.add(change)
        return changes


def imported_meeting(
    snapshot: ActivitySnapshot, when: dt.datetime, margin: dt.timedelta
) -> Imported | None:
    """The one meeting imported before (from a calendar or a report, not mail) starting within
    ``margin`` of ``when``, if there is exactly one."""
    hits = [
        meeting
        for key, meeting in snapshot.calendar.imported.items()
        if not key.startswith("mail:") and abs(meeting.occurred_at - when) <= margin
    ]
    return hits[0] if len(hits) == 1 else None


class ActivityPlanner:
    """Plans one interaction per meeting or message, once per external id."""

    def __init__(
        self, file: str, account_id: int, snapshot: ActivitySnapshot, unit: str = "row"
    ) -> None:
        self.file = file
        self.snapshot = snapshot
        self.writes = ActivityWrites(account_id)
        self.entries: list[PlanEntry] = []
        self.seen: set[str] = set()
        self.unit = unit

    def skip(self, what: str, reason: str, row: int | None = None) -> None:
        self.entries.append(PlanEntry(Action.SKIP, what, row, reason=reason, unit=self.unit))

    def log(
        self,
        key: str,
        *,
        when: dt.datetime,
        minutes: int,
        kind: InteractionKind,
        summary: str,
        people: list[int],
        team: list[int],
        what: str,
        row: int | None = None,
        detail: str = "",
        same_as: Imported | None = None,
    ) -> None:
        """Plan the interaction ``key``; ``same_as`` is one already imported under another key
        (the calendar's meeting a report is about): it gains the attendees it lacks."""
        if key in self.seen:
            self.skip(what, "listed twice", row)
            return
        self.seen.add(key)
        people, team = sorted(set(people)), sorted(set(team))
        before = self.snapshot.calendar.imported.get(key) or same_as
        if before is None:
            record = s.Interaction(
                account_id=self.writes.account_id,
                occurred_at=when,
                kind=kind,
                duration_minutes=minutes,
                summary=summary,
                external_id=key,
            )
            validate(record)
            values = record.values()
            values.pop("id")
            self.writes.adds.append((values, people, team))
            attendees = f"{len(people)} from the account, {len(team)} of ours"
            self.entries.append(
                PlanEntry(
                    Action.ADD,
                    what,
                    row,
                    changes=(Change("attendees", "", attendees),),
                    reason=detail or f"kind: {kind.label}",
                    unit=self.unit,
                )
            )
            return
        more_people = [p for p in people if p not in before.people]
        more_team = [m for m in team if m not in before.team]
        if not (more_people or more_team):
            self.entries.append(PlanEntry(Action.UNCHANGED, what, row, unit=self.unit))
            return
        self.writes.updates.append((before.id, {}, {}, more_people, more_team))
        self.entries.append(
            PlanEntry(
                Action.UPDATE,
                what,
                row,
                changes=(Change("attendees", "", f"+{len(more_people) + len(more_team)}"),),
                unit=self.unit,
            )
        )
