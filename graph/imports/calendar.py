"""Meetings from a calendar (.ics) become interactions of an account.

    plan = plan_calendar(ws, "outlook.ics", account_id)          # last 18 months by default
    apply(ws, plan)

A meeting is imported when at least one attendee (or the organiser) is a person of the account,
matched by email; team members attending are matched by email too. Declined attendees are
left out. Cancelled meetings (STATUS:CANCELLED, a METHOD:CANCEL file, Outlook's "Canceled:"
titles) and meetings with nobody from the account are skipped and counted. Since cadence status
is computed from interactions, it then follows the meetings that really took place.

Re-importing is safe: each interaction remembers its event (UID, plus the start of the instance
for a repeating meeting). A meeting imported before is updated when its time, length or
attendees changed; the calendar owns those, while the kind, summary and sentiment belong to the
user after the first import. Nothing is ever deleted: a meeting that was imported and is now
cancelled is listed as a conflict, to remove by hand if it did not take place.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from graph import schema as s
from graph.imports.collection import bulk_work
from graph.imports.errors import ImportFailed
from graph.imports.ics import UTC, Meeting, read_meetings
from graph.imports.meeting_writes import (
    CalendarSnapshot,
    Imported,
    MeetingWrites,
    load_calendar_snapshot,
)
from graph.imports.plan import Action, Change, ImportPlan, PlanEntry
from graph.imports.progress import CancelCheck, Monitor, ProgressCallback
from graph.imports.snapshot import require_account
from graph.imports.sources import read_text
from graph.imports.values import email_key
from graph.validation import validate
from graph.vocabulary import InteractionKind
from graph.workspace import Workspace

DEFAULT_MONTHS = 18
_MAX_EXTERNAL_ID = 300
_KINDS: tuple[tuple[InteractionKind, re.Pattern[str]], ...] = (
    (InteractionKind.QBR, re.compile(r"\bqbr\b|\bebr\b|business review", re.I)),
    (InteractionKind.KICKOFF, re.compile(r"kick[\s-]?off", re.I)),
    (InteractionKind.ONSITE, re.compile(r"on[\s-]?site|site visit", re.I)),
    (InteractionKind.TRAINING, re.compile(r"training|workshop|enablement", re.I)),
    (InteractionKind.CALL, re.compile(r"\bcall\b|phone", re.I)),
)


def kind_of(summary: str) -> InteractionKind:
    for kind, pattern in _KINDS:
        if pattern.search(summary):
            return kind
    return InteractionKind.MEETING


def default_window(today: dt.date, months: int = DEFAULT_MONTHS) -> tuple[dt.date, dt.date]:
    """(first day, last day) of the last ``months`` months up to ``today``."""
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(today.day, 28)), today


def _external_id(meeting: Meeting) -> str:
    key = meeting.external_id
    if len(key) <= _MAX_EXTERNAL_ID:
        return key
    import hashlib

    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def _what(meeting: Meeting) -> str:
    return f"{meeting.summary or '(no title)'}, {meeting.start:%Y-%m-%d %H:%M} UTC"


class _CalendarPlanner:
    def __init__(self, file: str, account_id: int, account: str, snapshot: CalendarSnapshot):
        self.file = file
        self.account = account
        self.snapshot = snapshot
        self.people: dict[str, list[int]] = {}
        for pid, email in snapshot.people.items():
            if email:
                self.people.setdefault(email_key(email), []).append(pid)
        self.team: dict[str, int] = {
            email_key(e): mid for mid, (_n, e) in snapshot.team.items() if e
        }
        self.writes = MeetingWrites(account_id)
        self.entries: list[PlanEntry] = []
        self.seen: set[str] = set()

    def skip(self, meeting: Meeting, reason: str) -> None:
        self.entries.append(PlanEntry(Action.SKIP, _what(meeting), reason=reason))

    def add(self, meeting: Meeting) -> None:
        external_id = _external_id(meeting)
        if external_id in self.seen:
            self.skip(meeting, "listed twice in the file")
            return
        self.seen.add(external_id)
        before = self.snapshot.imported.get(external_id)
        if meeting.cancelled:
            if before is not None:
                self.entries.append(
                    PlanEntry(
                        Action.CONFLICT,
                        _what(meeting),
                        reason="imported before, now cancelled in the calendar; remove it by "
                        "hand if it did not take place",
                    )
                )
            else:
                self.skip(meeting, "cancelled")
            return
        people = sorted({p for e in meeting.emails for p in self.people.get(e, [])})
        if not people:
            self.skip(meeting, "no attendee from the account")
            return
        team = sorted({self.team[e] for e in meeting.emails if e in self.team})
        if before is None:
            self._new(meeting, external_id, people, team)
        else:
            self._again(meeting, before, people, team)

    def _new(self, meeting: Meeting, external_id: str, people: list[int], team: list[int]) -> None:
        record = s.Interaction(
            account_id=self.writes.account_id,
            occurred_at=meeting.start,
            kind=kind_of(meeting.summary),
            duration_minutes=meeting.minutes,
            summary=meeting.summary,
            external_id=external_id,
        )
        validate(record)
        values = record.values()
        values.pop("id")
        self.writes.adds.append((values, people, team))
        self.entries.append(
            PlanEntry(
                Action.ADD,
                _what(meeting),
                changes=(
                    Change("attendees", "", f"{len(people)} from the account, {len(team)} of ours"),
                ),
                reason=f"kind: {record.kind.label}",
            )
        )

    def _again(
        self, meeting: Meeting, before: Imported, people: list[int], team: list[int]
    ) -> None:
        new: dict[str, Any] = {}
        old: dict[str, Any] = {}
        changes: list[Change] = []
        if before.occurred_at != meeting.start:
            new["occurred_at"], old["occurred_at"] = meeting.start, before.occurred_at
            changes.append(
                Change(
                    "time",
                    f"{before.occurred_at:%Y-%m-%d %H:%M}",
                    f"{meeting.start:%Y-%m-%d %H:%M}",
                )
            )
        if before.minutes != meeting.minutes:
            new["duration_minutes"], old["duration_minutes"] = meeting.minutes, before.minutes
            changes.append(Change("minutes", str(before.minutes), str(meeting.minutes)))
        more_people = [p for p in people if p not in before.people]
        more_team = [m for m in team if m not in before.team]
        if more_people or more_team:
            changes.append(Change("attendees", "", f"+{len(more_people) + len(more_team)}"))
        if not changes:
            self.entries.append(PlanEntry(Action.UNCHANGED, _what(meeting)))
            return
        self.writes.updates.append((before.id, new, old, more_people, more_team))
        self.entries.append(PlanEntry(Action.UPDATE, _what(meeting), changes=tuple(changes)))


@bulk_work
def plan_calendar(
    ws: Workspace,
    path: str | Path,
    account_id: int,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    default_tz: dt.tzinfo | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportPlan:
    """Dry run of a calendar import into ``account_id``, for meetings from ``since`` to
    ``until`` (both included; default: the last 18 months up to today). Nothing is written."""
    path = Path(path)
    monitor = Monitor(path.name, progress, cancelled)
    account = require_account(ws, account_id, path.name)
    first, last = default_window(ws.today())
    first, last = since or first, until or last
    if first > last:
        raise ImportFailed.single(path.name, f"the period starts ({first}) after it ends ({last})")
    # The computer's own time zone at the workspace clock's now (never the wall clock itself).
    zone = default_tz or ws.clock.now().replace(tzinfo=UTC).astimezone().tzinfo or UTC
    window = (
        dt.datetime.combine(first, dt.time(), zone).astimezone(UTC).replace(tzinfo=None),
        dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), zone)
        .astimezone(UTC)
        .replace(tzinfo=None),
    )
    with ws.engine.connect() as conn:
        snapshot = load_calendar_snapshot(conn, account_id)
    file = read_text(path)
    monitor.report(0.1)
    customer_emails = {email_key(e) for e in snapshot.people.values() if e}
    read = read_meetings(file, customer_emails, window, zone, monitor.stage(0.1, 0.8))
    planner = _CalendarPlanner(file.name, account_id, account, snapshot)
    stage = monitor.stage(0.8, 1.0)
    for i, meeting in enumerate(sorted(read.meetings, key=lambda m: m.start), start=1):
        stage.tick(i, len(read.meetings))
        planner.add(meeting)
    for reason, count in read.skipped.items():
        for _ in range(count):
            planner.entries.append(PlanEntry(Action.SKIP, "calendar entry", reason=reason))
    notes = [f"meetings from {first} to {last}", *read.notes]
    monitor.done()
    return ImportPlan(
        "calendar",
        file.name,
        account_id,
        entries=planner.entries,
        notes=notes,
        writes=planner.writes,
        basis=snapshot.digest(),
    )
