"""Reading meeting attendance reports as Teams and Zoom write them (English layouts).

- Microsoft Teams (Attendance > Download): UTF-16 little-endian with a BOM, tab-separated, in
  sections "1. Summary" (Meeting title, Start time, End time, Meeting duration, ...),
  "2. Participants" (Name, First Join, Last Leave, In-Meeting Duration, Email, Participant ID
  (UPN), Role) and "3. In-Meeting Activities". The 2021 layout ("Meeting Summary", "Full Name",
  "Join Time", "Leave Time", "Duration") is read too.
- Zoom (Reports > Usage > Participants, "Export with meeting data"): a summary block ("Meeting
  ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants" and its row), a blank
  line, then the participants ("Name (Original Name),User Email,Join Time,Leave Time,Duration
  (Minutes),Guest,...") with one row per join: a participant who rejoined has several.

Times are the local times of whoever downloaded the report, without a zone.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from graph.imports.errors import ImportFailed, ImportProblem
from graph.imports.sources import TextFile

# Date layouts the English versions write, US (12-hour) first; 24-hour day-first for en-GB.
TIME_FORMATS = (
    "%m/%d/%y, %I:%M:%S %p",
    "%m/%d/%Y, %I:%M:%S %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%y %I:%M:%S %p",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%Y %I:%M %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y, %H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%y, %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y, %H:%M:%S",
    "%d.%m.%Y %H:%M:%S",
)
_HMS = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?\s*$", re.I)
_CLOCK = re.compile(r"^\s*(\d+):(\d{1,2}):(\d{1,2})\s*$")
_SECTION = re.compile(r"^\s*(\d)\.\s+(.+?)\s*$")


@dataclass
class Participant:
    row: int
    name: str
    email: str
    minutes: int | None
    role: str = ""


@dataclass
class Attendance:
    source: str  # "Teams" or "Zoom"
    key: str  # identifies the meeting across downloads
    title: str
    start: dt.datetime | None  # local, naive
    minutes: int | None
    participants: list[Participant] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _clean(text: str) -> str:
    # Newer Teams builds put a narrow no-break space before AM/PM.
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def time_format(values: list[str]) -> str | None:
    """The first layout that reads every one of ``values`` (one report uses one)."""
    cleaned = [_clean(v) for v in values if v.strip()]
    for layout in TIME_FORMATS:
        try:
            for value in cleaned:
                dt.datetime.strptime(value, layout)
        except ValueError:
            continue
        return layout
    return None


def parse_minutes(text: str) -> int | None:
    """'1h 4m 33s', '53m 55s', '45s', '00:53:55' or '54' (Zoom's minutes) -> whole minutes."""
    text = _clean(text)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    clock = _CLOCK.match(text)
    if clock:
        h, m, sec = (int(g) for g in clock.groups())
        return round((h * 3600 + m * 60 + sec) / 60)
    hms = _HMS.match(text)
    if hms and any(hms.groups()):
        h, m, sec = (int(g or 0) for g in hms.groups())
        return round((h * 3600 + m * 60 + sec) / 60)
    return None


class _Times:
    """Parses the report's times with the one layout they share."""

    def __init__(self, values: list[str]) -> None:
        self.layout = time_format(values)

    def __call__(self, text: str) -> dt.datetime | None:
        if not self.layout or not text.strip():
            return None
        try:
            return dt.datetime.strptime(_clean(text), self.layout)
        except ValueError:
            return None


def describe_layout(layout: str) -> str:
    """'times read month first, 12-hour clock' for a note the user can check."""
    order = (
        "year first"
        if layout.startswith("%Y")
        else "month first"
        if layout.startswith("%m")
        else "day first"
    )
    clock = "12-hour clock" if "%p" in layout else "24-hour clock"
    return f"dates read {order}, {clock}"


def _column(header: list[str], *names: str) -> int | None:
    folded = [h.strip().casefold() for h in header]
    for name in names:
        if name in folded:
            return folded.index(name)
    return None


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def is_teams(text: str) -> bool:
    head = text[:4096]
    return "\t" in head and bool(
        re.search(r"^\s*(1\.\s+Summary|Meeting Summary)\s*$", head, re.M | re.I)
    )


def is_zoom(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0].casefold()
    return first.startswith(("meeting id,", "name (original name),", '"meeting id",'))


def read_teams(file: TextFile) -> Attendance:
    summary: dict[str, str] = {}
    section = ""
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, line in enumerate(file.text.splitlines(), start=1):
        heading = _SECTION.match(line)
        if heading and "\t" not in line:
            name = heading.group(2).casefold()
            section = "summary" if name.startswith("summary") else "other"
            section = "participants" if name.startswith("participants") else section
            continue
        if line.strip().casefold() == "meeting summary":  # the 2021 layout
            section = "summary"
            continue
        if not line.strip():
            continue
        cells = line.split("\t")
        if section in ("summary", "participants") and header is None:
            if len(cells) >= 3 and _column(cells, "name", "full name") is not None:
                header, section = cells, "participants"
            elif section == "summary" and len(cells) >= 2:
                summary[cells[0].strip().casefold()] = cells[1].strip()
            continue
        if section == "participants":
            rows.append((number, cells))
    if header is None:
        raise ImportFailed.single(
            file.name, "this Teams attendance report has no participants section"
        )
    name_at = _column(header, "name", "full name")
    email_at = _column(header, "email")
    upn_at = _column(header, "participant id (upn)")
    minutes_at = _column(header, "in-meeting duration", "duration")
    join_at = _column(header, "first join", "join time")
    leave_at = _column(header, "last leave", "leave time")
    role_at = _column(header, "role")
    start_text = summary.get("start time") or summary.get("meeting start time") or ""
    end_text = summary.get("end time") or summary.get("meeting end time") or ""
    times = _Times(
        [start_text, end_text]
        + [_cell(r, join_at) for _n, r in rows]
        + [_cell(r, leave_at) for _n, r in rows]
    )
    title = summary.get("meeting title") or "Teams meeting"
    report = Attendance("Teams", "", title, None, None)
    joins: list[dt.datetime] = []
    leaves: list[dt.datetime] = []
    for number, row in rows:
        name = _cell(row, name_at)
        email = _cell(row, email_at) or (_cell(row, upn_at) if "@" in _cell(row, upn_at) else "")
        raw = _cell(row, minutes_at)
        minutes = parse_minutes(raw)
        if raw and minutes is None:
            report.problems.append(
                ImportProblem(
                    file.name,
                    f"{raw!r} is not a duration (like 1h 4m 33s)",
                    number,
                    header[minutes_at] if minutes_at is not None else None,
                    unit="line",
                )
            )
            continue
        for at, found in ((join_at, joins), (leave_at, leaves)):
            moment = times(_cell(row, at))
            if moment is not None:
                found.append(moment)
        # Teams marks guests "Name (External)" or "(Guest)"; the marker is not their name.
        name = re.sub(r"\s*\((?:external|guest|unverified)\)\s*$", "", name, flags=re.I)
        report.participants.append(Participant(number, name, email, minutes, _cell(row, role_at)))
    report.start = times(start_text) or (min(joins) if joins else None)
    end = times(end_text) or (max(leaves) if leaves else None)
    report.minutes = parse_minutes(summary.get("meeting duration", "")) or (
        round((end - report.start).total_seconds() / 60) if end and report.start else None
    )
    meeting_id = summary.get("meeting id") or summary.get("meeting identifier") or ""
    start_key = f"{report.start:%Y%m%dT%H%M}" if report.start else ""
    report.key = f"{meeting_id}/{start_key}" if meeting_id else f"{title}/{start_key}"
    if times.layout:
        report.notes.append(describe_layout(times.layout))
    return report


def read_zoom(file: TextFile) -> Attendance:
    try:
        # newline="": a stray carriage return inside a field is data, as in every CSV reader here.
        rows = list(csv.reader(io.StringIO(file.text, newline=""), strict=False))
    except csv.Error as exc:
        raise ImportFailed.single(
            file.name, f"this Zoom report cannot be read as CSV ({exc})"
        ) from exc
    report = Attendance("Zoom", "", "Zoom meeting", None, None)
    summary: dict[str, str] = {}
    at = 0
    if rows and _column(rows[0], "meeting id", "topic") is not None:
        header = rows[0]
        values = rows[1] if len(rows) > 1 else []
        summary = {h.strip().casefold(): _cell(values, i) for i, h in enumerate(header)}
        at = 2
    while at < len(rows) and _column(rows[at], "name (original name)", "name") is None:
        at += 1
    if at >= len(rows):
        raise ImportFailed.single(file.name, "this Zoom report has no participants list")
    header = rows[at]
    name_at = _column(header, "name (original name)", "name")
    email_at = _column(header, "user email", "email")
    join_at = _column(header, "join time")
    leave_at = _column(header, "leave time")
    minutes_at = _column(header, "duration (minutes)", "duration (mins)", "duration")
    body = [(at + 1 + i + (1 if summary else 0), r) for i, r in enumerate(rows[at + 1 :]) if r]
    times = _Times(
        [summary.get("start time", ""), summary.get("end time", "")]
        + [_cell(r, join_at) for _n, r in body]
        + [_cell(r, leave_at) for _n, r in body]
    )
    joins: list[dt.datetime] = []
    for number, row in body:
        raw = _cell(row, minutes_at)
        minutes = parse_minutes(raw)
        if raw and minutes is None:
            report.problems.append(
                ImportProblem(
                    file.name,
                    f"{raw!r} is not a number of minutes",
                    number,
                    header[minutes_at] if minutes_at is not None else None,
                )
            )
            continue
        moment = times(_cell(row, join_at))
        if moment is not None:
            joins.append(moment)
        report.participants.append(
            Participant(number, _cell(row, name_at), _cell(row, email_at), minutes)
        )
    report.title = summary.get("topic") or report.title
    report.start = times(summary.get("start time", "")) or (min(joins) if joins else None)
    report.minutes = parse_minutes(summary.get("duration (minutes)", ""))
    meeting_id = re.sub(r"\s", "", summary.get("meeting id", ""))
    start_key = f"{report.start:%Y%m%dT%H%M}" if report.start else ""
    report.key = f"{meeting_id or report.title}/{start_key}"
    if times.layout:
        report.notes.append(describe_layout(times.layout))
    return report


def read_attendance(file: TextFile) -> Attendance:
    if is_teams(file.text):
        return read_teams(file)
    if is_zoom(file.text):
        return read_zoom(file)
    raise ImportFailed.single(
        file.name,
        "this is not a Teams attendance report or a Zoom participants report (download the "
        "report from the meeting's Attendance tab in Teams, or Reports > Usage > Participants "
        "in Zoom)",
    )
