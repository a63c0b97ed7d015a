"""Meetings out of an iCalendar file (.ics from Outlook, Google Calendar, Thunderbird, Apple).

Times: a time with a time zone (a VTIMEZONE in the file, an IANA name, or an Outlook name such as
"W. Europe Standard Time") is converted to UTC; a floating time (no zone) is read in the
calendar's X-WR-TIMEZONE, else in ``default_tz`` (the computer's zone); so is an unknown zone,
with a note. All-day events start at midnight in that zone and count as a working day
(8 hours a day, at most 24).

Repeats: RRULE/RDATE/EXDATE and moved or cancelled single instances (RECURRENCE-ID) are expanded
by recurring-ical-events within the date window, from a start moved forward to the window by
whole periods (graph.imports.recurrence), so the cost follows the window, not the age of the
rule. A rule repeating more often than 24 times a day (no meeting does) is skipped, and a
calendar expanding to more than MAX_MEETINGS meetings in the window is refused, so a hostile file
cannot exhaust memory.

Speed: a calendar exported from a mailbox holds meetings with every customer. Events that name no
email address of the account (and share no UID with one that does) are dropped from the text
before it is parsed, which is what makes a 10,000-event calendar import in a couple of seconds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from graph.imports.errors import ImportFailed
from graph.imports.progress import Monitor
from graph.imports.recurrence import (
    MAX_SERIES_OCCURRENCES,
    TooCostly,
    fast_forward,
    per_day,
    timezone_too_complex,
)
from graph.imports.sources import TextFile
from graph.imports.values import email_key

MAX_MEETINGS = 100_000
MAX_PER_DAY = 24
ALL_DAY_MINUTES = 8 * 60
UTC = dt.UTC

_BLOCK = re.compile(r"^BEGIN:VEVENT[ \t]*\r?$.*?^END:VEVENT[ \t]*\r?$", re.M | re.S | re.I)
_UID = re.compile(r"^UID(?:;[^:\r\n]*)?:([^\r\n]*)", re.M | re.I)
_MAILTO = re.compile(r"mailto:([^\s;,:\"<>]+)", re.I)
_FOLD = re.compile(r"\r?\n[ \t]")
_CANCELLED_TITLE = re.compile(r"^\s*(canceled|cancelled|abgesagt|annulé)\s*:", re.I)


@dataclass(frozen=True)
class Meeting:
    """One occurrence of an event, times in naive UTC, attendees as email keys."""

    external_id: str
    start: dt.datetime
    minutes: int
    summary: str
    emails: frozenset[str]
    cancelled: bool


@dataclass
class CalendarRead:
    meetings: list[Meeting] = field(default_factory=list)
    # reason -> number of calendar entries skipped before expansion
    skipped: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    # Meetings naming someone of the account that start outside the chosen dates.
    outside: int = 0


def unfold(text: str) -> str:
    return _FOLD.sub("", text)


def prefilter(text: str, emails: Collection[str]) -> tuple[str, int]:
    """Drop the VEVENTs that mention none of ``emails`` (and share no UID with one that does).

    Returns the smaller calendar text and how many events were dropped.
    """
    blocks = list(_BLOCK.finditer(text))
    if not blocks:
        return text, 0
    keep_uids: set[str] = set()
    info: list[tuple[re.Match[str], str, bool]] = []
    for block in blocks:
        body = block.group(0)
        uid_match = _UID.search(body)
        uid = uid_match.group(1).strip() if uid_match else ""
        known = any(email_key(m) in emails for m in _MAILTO.findall(body))
        if known:
            keep_uids.add(uid)
        info.append((block, uid, known))
    parts: list[str] = []
    position = 0
    dropped = 0
    for block, uid, known in info:
        parts.append(text[position : block.start()])
        position = block.end()
        if known or uid in keep_uids:
            parts.append(_slim(block.group(0)))
        else:
            dropped += 1
    parts.append(text[position:])
    return "".join(parts), dropped


_VALARM = re.compile(r"^BEGIN:VALARM[ \t]*\r?$.*?^END:VALARM[ \t]*\r?$\r?\n?", re.M | re.S | re.I)
_USED = re.compile(
    r"(?:BEGIN|END|UID|SUMMARY|DTSTART|DTEND|DURATION|RRULE|RDATE|EXDATE|RECURRENCE-ID|STATUS"
    r"|ATTENDEE|ORGANIZER|SEQUENCE)[;:]",
    re.I,
)


# A property with parameters: NAME;P1=v;P2="quoted; value",v2:VALUE
_WITH_PARAMETERS = re.compile(
    r'^(ATTENDEE|ORGANIZER|SUMMARY)((?:;[^;:"=]+=(?:"[^"]*"|[^;:",]*)(?:,(?:"[^"]*"|[^;:",]*))*)+)'
    r":(.*)$",
    re.I | re.S,
)
_PARTSTAT = re.compile(r';(PARTSTAT=(?:"[^"]*"|[^;:",]*))', re.I)


def _slim_line(line: str) -> str:
    """Drop the parameters nobody reads here (CN, ROLE, RSVP, LANGUAGE...): parsing them is
    most of icalendar's work on an attendee line. PARTSTAT stays (declined attendees)."""
    match = _WITH_PARAMETERS.match(line)
    if match is None:
        return line
    name, parameters, value = match.groups()
    partstat = _PARTSTAT.search(parameters)
    kept = f";{partstat.group(1)}" if partstat and name.upper() == "ATTENDEE" else ""
    return f"{name}{kept}:{value}"


def _slim(event: str) -> str:
    """Only the properties a meeting is read from: Outlook's HTML descriptions (X-ALT-DESC),
    alarms and the like can be most of an export and would only slow parsing down."""
    event = _VALARM.sub("", event)
    return "\n".join(_slim_line(line) for line in event.split("\n") if _USED.match(line))


_VTIMEZONE = re.compile(
    r"^BEGIN:VTIMEZONE[ \t]*\r?$.*?^END:VTIMEZONE[ \t]*\r?$\r?\n?", re.M | re.S | re.I
)
_TZID = re.compile(r"^TZID(?:;[^:\r\n]*)?:([^\r\n]*)", re.M | re.I)


def _known_zone(tzid: str) -> bool:
    """True for an IANA zone or a Windows zone name icalendar maps to one."""
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    return tzid in WINDOWS_TO_OLSON or _zone(tzid) is not None


def drop_known_timezones(text: str) -> str:
    """Remove the VTIMEZONEs of zones the tz database knows, so times use it instead.

    Outlook and Google write a VTIMEZONE for every zone they use, with the current rules
    only; the tz database has the same rules, plus the past ones, and converts a time a
    hundred times faster than a rule read from the file (dateutil walks the rule from 1601).
    A zone Rapport does not know keeps its VTIMEZONE, which is then used.
    """

    def keep(match: re.Match[str]) -> str:
        tzid = _TZID.search(match.group(0))
        if tzid and _known_zone(tzid.group(1).strip()):
            return ""
        # An unknown zone is read from its rules, unless there are far more than any real
        # zone has (each costs a walk from 1601): then its times are read as local.
        return "" if timezone_too_complex(match.group(0)) else match.group(0)

    return _VTIMEZONE.sub(keep, text)


def _zone(name: str | None) -> dt.tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def to_utc(value: Any, zone: dt.tzinfo) -> dt.datetime:
    """A DTSTART/DTEND value as naive UTC; floating times and dates are read in ``zone``."""
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=zone)
    elif isinstance(value, dt.date):
        aware = dt.datetime.combine(value, dt.time(), zone)
    else:
        raise ValueError(f"not a date or time: {value!r}")
    return aware.astimezone(UTC).replace(tzinfo=None)


def _emails(component: Any) -> frozenset[str]:
    found: set[str] = set()
    attendees = component.get("ATTENDEE")
    if attendees is None:
        attendees = []
    elif not isinstance(attendees, list):
        attendees = [attendees]
    for attendee in attendees:
        params = getattr(attendee, "params", {})
        if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
            continue
        found.add(email_key(str(attendee)))
    organizer = component.get("ORGANIZER")
    if organizer is not None:
        found.add(email_key(str(organizer)))
    found.discard("")
    return frozenset(found)


def _minutes(component: Any, start: dt.datetime, zone: dt.tzinfo) -> int:
    begin = component.get("DTSTART").dt
    all_day = not isinstance(begin, dt.datetime)
    end_prop = component.get("DTEND")
    if end_prop is not None:
        end = to_utc(end_prop.dt, zone)
    elif component.get("DURATION") is not None:
        end = start + component.get("DURATION").dt
    else:
        end = start + (dt.timedelta(days=1) if all_day else dt.timedelta())
    if all_day:
        days = max(round((end - start).total_seconds() / 86400), 1)
        return min(days * ALL_DAY_MINUTES, 24 * 60)
    return min(max(round((end - start).total_seconds() / 60), 0), 24 * 60)


class _Reader:
    def __init__(
        self,
        file: str,
        window: tuple[dt.datetime, dt.datetime],
        default_tz: dt.tzinfo,
        monitor: Monitor,
    ) -> None:
        self.file = file
        self.since, self.until = window
        self.default_tz = default_tz
        self.monitor = monitor
        self.result = CalendarRead()
        self.unknown_zones: set[str] = set()

    def meeting(
        self, component: Any, external_id: str, zone: dt.tzinfo, cancelled: bool
    ) -> Meeting | None:
        prop = component.get("DTSTART")
        if prop is None:
            self.result.skipped["no start time"] += 1
            return None
        value = prop.dt
        tzid = getattr(prop, "params", {}).get("TZID")
        if isinstance(value, dt.datetime) and value.tzinfo is None and tzid:
            self.unknown_zones.add(str(tzid))
        start = to_utc(value, zone)
        if not self.since <= start < self.until:
            self.result.outside += 1
            return None
        summary = str(component.get("SUMMARY", "") or "").strip()
        status = str(component.get("STATUS", "") or "").upper()
        cancelled = cancelled or status == "CANCELLED" or bool(_CANCELLED_TITLE.match(summary))
        return Meeting(
            external_id,
            start,
            _minutes(component, start, zone),
            summary,
            _emails(component),
            cancelled,
        )

    def add(self, meeting: Meeting | None) -> None:
        if meeting is None:
            return
        self.result.meetings.append(meeting)
        if len(self.result.meetings) > MAX_MEETINGS:
            raise ImportFailed.single(
                self.file,
                f"the calendar holds more than {MAX_MEETINGS:,} meetings in the chosen dates; "
                "choose a shorter period",
            )


def _too_frequent(component: Any) -> bool:
    rule = component.get("RRULE")
    rules = rule if isinstance(rule, list) else [rule] if rule is not None else []
    for r in rules:
        freq = str((r.get("FREQ") or [""])[0]).upper()
        if freq in ("SECONDLY", "MINUTELY"):
            return True
        per_day = 1
        for part in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            per_day *= max(len(r.get(part) or []), 1)
        if freq == "HOURLY":
            per_day *= 24
        if per_day > MAX_PER_DAY:
            return True
    return False


def _uid(component: Any) -> str:
    """The event's UID; an event without one (allowed in files that are not scheduling
    messages) gets a stable one made of its start, title and organiser."""
    uid = str(component.get("UID", "") or "").strip()
    if uid:
        return uid
    import hashlib

    basis = "|".join(
        str(component.get(name).to_ical() if component.get(name) is not None else "")
        for name in ("DTSTART", "SUMMARY", "ORGANIZER")
    )
    return "no-uid:" + hashlib.sha256(basis.encode()).hexdigest()[:32]


def _series(calendar: Any) -> Iterator[tuple[str, list[Any]]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for component in calendar.walk("VEVENT"):
        grouped[_uid(component)].append(component)
    yield from grouped.items()


def _recurring(components: list[Any]) -> bool:
    return any(
        c.get(name) is not None for c in components for name in ("RRULE", "RDATE", "RECURRENCE-ID")
    )


def _instance_id(uid: str, value: Any, zone: dt.tzinfo) -> str:
    return f"{uid}/{to_utc(value, zone):%Y%m%dT%H%M%SZ}"


def _read_calendar(calendar: Any, reader: _Reader) -> None:
    cancelled_all = str(calendar.get("METHOD", "") or "").upper() == "CANCEL"
    zone = _zone(str(calendar.get("X-WR-TIMEZONE", "") or "")) or reader.default_tz
    series = list(_series(calendar))
    for done, (uid, components) in enumerate(series, start=1):
        reader.monitor.tick(done, len(series))
        try:
            _read_series(uid, components, reader, zone, cancelled_all)
        except ImportFailed:
            raise
        except Exception:  # one malformed event or rule; the others go ahead
            reader.result.skipped["an event that cannot be read"] += 1


def _read_series(
    uid: str, components: list[Any], reader: _Reader, zone: dt.tzinfo, cancelled_all: bool
) -> None:
    import icalendar
    import recurring_ical_events

    if not _recurring(components):
        latest = max(components, key=lambda c: int(c.get("SEQUENCE", 0) or 0))
        reader.add(reader.meeting(latest, uid, zone, cancelled_all))
        return
    if any(_too_frequent(c) for c in components):
        reader.result.skipped["repeats more than 24 times a day"] += 1
        return
    margin = dt.timedelta(days=2)
    days = (reader.until - reader.since + 2 * margin).days
    if max(per_day(c) for c in components) * days > MAX_SERIES_OCCURRENCES:
        reader.result.skipped[
            f"repeats more than {MAX_SERIES_OCCURRENCES:,} times in the chosen dates"
        ] += 1
        return
    try:
        for component in components:
            fast_forward(component, reader.since - margin, zone)
    except TooCostly as exc:
        reader.result.skipped[f"a repeating event that cannot be expanded ({exc})"] += 1
        return
    single = icalendar.Calendar()
    for component in components:
        single.add_component(component)
    occurrences = recurring_ical_events.of(single).after(reader.since - margin)
    end = reader.until + margin
    for count, occurrence in enumerate(occurrences):
        if to_utc(occurrence.get("DTSTART").dt, zone) >= end:
            break
        if count >= MAX_SERIES_OCCURRENCES:  # the estimate missed a rule's expansion
            reader.result.skipped[
                f"repeats more than {MAX_SERIES_OCCURRENCES:,} times in the chosen dates"
            ] += 1
            return
        instance = occurrence.get("RECURRENCE-ID")
        key = instance.dt if instance is not None else occurrence.get("DTSTART").dt
        reader.add(reader.meeting(occurrence, _instance_id(uid, key, zone), zone, cancelled_all))


_LINE = re.compile(r"^(BEGIN|END):(VCALENDAR|VEVENT)[ \t]*\r?$", re.M | re.I)


def _check_complete(file: str, text: str) -> None:
    """Refuse a truncated or damaged calendar instead of importing part of it quietly."""
    counts = Counter((a.upper(), b.upper()) for a, b in _LINE.findall(text))
    for part in ("VCALENDAR", "VEVENT"):
        if counts[("BEGIN", part)] != counts[("END", part)]:
            raise ImportFailed.single(
                file,
                f"the calendar is incomplete or damaged ({counts[('BEGIN', part)]} BEGIN:{part} "
                f"but {counts[('END', part)]} END:{part}); export it again",
            )


def read_meetings(
    file: TextFile,
    customer_emails: Collection[str],
    window: tuple[dt.datetime, dt.datetime],
    default_tz: dt.tzinfo,
    monitor: Monitor,
) -> CalendarRead:
    """Every meeting of the file starting within ``window`` (naive UTC, end excluded)."""
    import icalendar  # heavy: imported only when a calendar is read

    text = unfold(file.text)
    if "BEGIN:VCALENDAR" not in text[:65536].upper():
        raise ImportFailed.single(file.name, "this is not a calendar (.ics) file")
    _check_complete(file.name, text)
    text, dropped = prefilter(drop_known_timezones(text), customer_emails)
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # icalendar raises several kinds for malformed input
        raise ImportFailed.single(file.name, f"this calendar file cannot be read ({exc})") from None
    monitor.report(0.5)
    reader = _Reader(file.name, window, default_tz, monitor.stage(0.5, 1.0))
    reader.result.skipped["no attendee from the account"] += dropped
    for calendar in calendars:
        _read_calendar(calendar, reader)
    if reader.unknown_zones:
        zones = ", ".join(sorted(reader.unknown_zones))
        reader.result.notes.append(f"unknown time zone(s) {zones}: those times were read as local")
    return reader.result
