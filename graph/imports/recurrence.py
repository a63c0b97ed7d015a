"""Budgets for repeating events and time zones, so a small calendar cannot cost hours.

A repeat rule is expanded from its start: ``DTSTART:00010101`` with ``RRULE:FREQ=HOURLY`` is 17
million hours before a 2026 import period even begins. ``fast_forward`` moves such a start
forward by whole repeat periods, to just before the period: the occurrences inside the period
are exactly the same (a period of the rule maps onto itself), and the work is proportional to
the import period, not to the age of the rule. A rule that cannot be moved that way (a COUNT,
or a monthly 31st) is expanded only if its cost stays within a budget; otherwise it is skipped
with a reason.

A VTIMEZONE of a zone the tz database does not know is read from the file; real ones hold a
handful of yearly rules. One with dozens of rules, or rules repeating more often than yearly,
is not a time zone anyone exports: it is dropped (its times are read as local, with a note).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

# A COUNT rule is expanded from its start; beyond this many occurrences it is not expanded.
MAX_COUNT = 20_000
# Months a monthly rule on the 29th-31st may be expanded before the import period.
MAX_MONTHS_BEFORE = 240
MAX_TIMEZONE_RULES = 24
# No meeting series holds this many meetings in an import period (a daily one for 27 years).
MAX_SERIES_OCCURRENCES = 10_000

_FIXED = {"HOURLY": dt.timedelta(hours=1), "DAILY": dt.timedelta(days=1)}
_WEEK = dt.timedelta(days=7)
_MONTHS = {"MONTHLY": 1, "YEARLY": 12}
_TZ_RULE = re.compile(r"^BEGIN:(STANDARD|DAYLIGHT)[ \t]*\r?$", re.M | re.I)
_TZ_FREQ = re.compile(r"^RRULE[^:\r\n]*:[^\r\n]*FREQ=([A-Z]+)", re.M | re.I)


class TooCostly(Exception):
    """The rule would take too long to expand; the reason says why, for the skip list."""


def timezone_too_complex(block: str) -> bool:
    """True for a VTIMEZONE no real calendar writes (too many rules, or not yearly ones)."""
    if len(_TZ_RULE.findall(block)) > MAX_TIMEZONE_RULES:
        return True
    return any(freq.upper() != "YEARLY" for freq in _TZ_FREQ.findall(block))


def _rules(component: Any) -> list[Any]:
    rule = component.get("RRULE")
    return rule if isinstance(rule, list) else [rule] if rule is not None else []


def _first(rule: Any, key: str, default: int) -> int:
    values = rule.get(key) or []
    try:
        return int(values[0]) if values else default
    except (TypeError, ValueError):
        return default


def _as_utc(value: dt.date, zone: dt.tzinfo) -> dt.datetime:
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=zone)
    else:
        aware = dt.datetime.combine(value, dt.time(), zone)
    return aware.astimezone(dt.UTC).replace(tzinfo=None)


def _add_months(value: dt.date, months: int) -> dt.date:
    index = value.year * 12 + value.month - 1 + months
    return value.replace(year=index // 12, month=index % 12 + 1)


def _shift(component: Any, delta: dt.timedelta | int) -> None:
    """Move DTSTART (and DTEND) by ``delta`` (a timedelta, or whole months), keeping params."""
    import icalendar

    for name in ("DTSTART", "DTEND"):
        prop = component.get(name)
        if prop is None:
            continue
        value = prop.dt
        moved = value + delta if isinstance(delta, dt.timedelta) else _add_months(value, delta)
        replacement = icalendar.vDDDTypes(moved)
        replacement.params = prop.params
        component[name] = replacement


def per_day(component: Any) -> float:
    """An upper estimate of how many times a day the event repeats."""
    most = 0.0
    for rule in _rules(component):
        frequency = str((rule.get("FREQ") or [""])[0]).upper()
        interval = max(_first(rule, "INTERVAL", 1), 1)
        within = 1.0
        for part in ("BYMINUTE", "BYSECOND"):
            within *= max(len(rule.get(part) or []), 1)
        hours = len(rule.get("BYHOUR") or [])
        if frequency == "HOURLY":
            rate = (min(hours, 24) if hours else 24) / interval
        elif frequency in ("SECONDLY", "MINUTELY"):
            rate = 86_400.0 if frequency == "SECONDLY" else 1_440.0
        else:
            rate = max(hours, 1) / interval
            if frequency == "WEEKLY":
                rate *= max(len(rule.get("BYDAY") or []), 1) / 7
            elif frequency in _MONTHS:
                rate *= 1.0 if rule.get("BYDAY") or rule.get("BYMONTHDAY") else 1 / 28
        most = max(most, rate * within)
    return most


def fast_forward(component: Any, since: dt.datetime, zone: dt.tzinfo) -> None:
    """Move a repeating event's start to just before ``since`` (naive UTC), by whole periods.

    Raises TooCostly when the rule cannot be moved and would expand too far.
    """
    rules = _rules(component)
    prop = component.get("DTSTART")
    if not rules or prop is None or component.get("RECURRENCE-ID") is not None:
        return
    if len(rules) > 1:
        raise TooCostly("more than one repeat rule in one event")
    rule = rules[0]
    start = prop.dt
    if not isinstance(start, dt.date):
        return
    count = _first(rule, "COUNT", 0)
    if count > MAX_COUNT:
        raise TooCostly(f"repeats {count:,} times (more than {MAX_COUNT:,})")
    if count:
        return  # at most MAX_COUNT occurrences from the start: affordable as it is
    frequency = str((rule.get("FREQ") or [""])[0]).upper()
    interval = max(_first(rule, "INTERVAL", 1), 1)
    gap = _as_utc(start, zone) - since
    if gap >= dt.timedelta(0):
        return
    if frequency in _FIXED or frequency == "WEEKLY":
        unit = _FIXED.get(frequency, _WEEK)
        if frequency == "HOURLY" and not isinstance(start, dt.datetime):
            return
        step = unit * interval
        periods = (-gap) // step - 1  # one period to spare for zone offsets
        if periods > 0:
            _shift(component, step * periods)
        return
    if frequency in _MONTHS:
        months_step = _MONTHS[frequency] * interval
        months = (since.year - start.year) * 12 + since.month - start.month
        periods = months // months_step - 1
        if periods <= 0:
            return
        if start.day > 28:
            # Keep the day valid: move by whole years (by four for the 29th of February).
            years = 4 if (start.month, start.day) == (2, 29) else 1
            whole = math.lcm(months_step, 12 * years)
            periods = (periods * months_step // whole) * whole // months_step
            remaining = months - periods * months_step
            if remaining > MAX_MONTHS_BEFORE:
                raise TooCostly("repeats from too long before the import period")
        if periods > 0:
            try:
                _shift(component, periods * months_step)
            except ValueError as exc:  # a 29th of February landing in 1900 and the like
                raise TooCostly("repeats from too long before the import period") from exc
