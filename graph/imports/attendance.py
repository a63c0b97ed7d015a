"""A meeting's attendance report (Teams, Zoom) becomes one interaction of the account.

    plan = plan_attendance(ws, "Weekly sync - Attendance report 11-3-26.csv", account_id)
    apply(ws, plan)

Attendance is how a TAM proves contact. The interaction is dated by the meeting's start, lasts
the meeting's length, and lists the account's people who attended (matched by email, then by
name) and our team members; the time each spent is in its summary ("Ana Ruiz 54 min"). A
meeting without anyone from the account is not logged. Participants who are neither in the
account nor in the team are listed as skipped. Importing the report again adds nothing; a
later download of the same meeting adds the attendees it lacked. A meeting the calendar import
already brought in (starting within half an hour of the report's start) is completed with the
attendees it lacks instead of being logged twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from graph.clock import local_zone
from graph.imports.activity import (
    ActivityPlanner,
    Directory,
    external_id,
    imported_meeting,
    load_activity_snapshot,
)
from graph.imports.attendance_reports import Attendance, read_attendance
from graph.imports.bad_rows import set_aside
from graph.imports.calendar import kind_of
from graph.imports.collection import bulk_work
from graph.imports.errors import ImportFailed
from graph.imports.ics import UTC
from graph.imports.plan import ImportPlan
from graph.imports.progress import CancelCheck, Monitor, ProgressCallback
from graph.imports.snapshot import require_account
from graph.imports.sources import read_text
from graph.workspace import Workspace

MAX_MINUTES = 24 * 60
SAME_MEETING = dt.timedelta(minutes=30)


def _utc(local: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    return local.replace(tzinfo=zone).astimezone(UTC).replace(tzinfo=None)


def _plan(
    report: Attendance, planner: ActivityPlanner, directory: Directory, zone: dt.tzinfo
) -> None:
    people: dict[int, int] = defaultdict(int)  # person -> minutes
    team: set[int] = set()
    for participant in report.participants:
        minutes = participant.minutes or 0
        person = directory.person(participant.email, participant.name, *_original(participant))
        if person is not None:
            people[person] += minutes
            continue
        member = directory.member(participant.email, participant.name, *_original(participant))
        if member is not None:
            team.add(member)
            continue
        who = participant.name or participant.email or "(no name)"
        planner.skip(who, "not in the account or your team", participant.row)
    title = report.title.strip() or f"{report.source} meeting"
    if report.start is None:
        raise ImportFailed.single(
            planner.file, "the report has no start time or join times to date the meeting by"
        )
    when = _utc(report.start, zone)
    what = f"{title}, {when:%Y-%m-%d %H:%M} UTC"
    if not people:
        planner.skip(what, "no attendee from the account")
        return
    spent = ", ".join(
        f"{directory.person_name_of(p)} {m} min"
        for p, m in sorted(people.items(), key=lambda i: -i[1])
    )
    longest = max(people.values(), default=0)
    minutes = min(max(report.minutes or longest, 0), MAX_MINUTES)
    key = external_id(report.source.lower(), report.key)
    # The calendar import may hold this meeting already (at its scheduled time, a few minutes
    # from the first join): the report then completes it rather than logging it twice.
    same_as = None
    if key not in planner.snapshot.calendar.imported:
        same_as = imported_meeting(planner.snapshot, when, SAME_MEETING)
    planner.log(
        key,
        same_as=same_as,
        when=when,
        minutes=minutes,
        kind=kind_of(title),
        summary=f"{title} ({report.source} attendance: {spent})",
        people=list(people),
        team=sorted(team),
        what=what,
        detail=f"{len(people)} attended from the account: {spent}",
    )


def _original(participant: object) -> list[str]:
    """Zoom's "Name (Original Name)" column: 'Ana (Ana Ruiz)' holds two names to try."""
    name = getattr(participant, "name", "")
    if name.endswith(")") and " (" in name:
        shown, original = name[:-1].split(" (", 1)
        return [original, shown]
    return []


@bulk_work
def plan_attendance(
    ws: Workspace,
    path: str | Path,
    account_id: int,
    *,
    default_tz: dt.tzinfo | None = None,
    skip_bad: bool = False,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportPlan:
    """Dry run of an attendance report import into ``account_id``; nothing is written.

    The report's times are local: read in ``default_tz`` (default: the computer's zone)."""
    path = Path(path)
    monitor = Monitor(path.name, progress, cancelled)
    require_account(ws, account_id, path.name)
    file = read_text(path)
    report = read_attendance(file)
    monitor.report(0.5)
    zone = default_tz or local_zone(ws.clock)
    with ws.engine.connect() as conn:
        snapshot = load_activity_snapshot(conn, account_id)
    unit = "line" if report.source == "Teams" else "row"
    planner = ActivityPlanner(file.name, account_id, snapshot, unit=unit)
    _plan(report, planner, Directory(snapshot), zone)
    monitor.done()
    plan = ImportPlan(
        "attendance",
        file.name,
        account_id,
        entries=planner.entries,
        problems=list(report.problems),
        notes=[
            f"read as a {report.source} attendance report, {file.encoding_label}",
            *report.notes,
        ],
        writes=planner.writes,
        basis=snapshot.digest(),
    )
    return set_aside(plan) if skip_bad else plan
