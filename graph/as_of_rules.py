"""What stood at the end of a day, from stored values: a customer person on the account or not
yet, active, on leave or gone, their attitude then and from when their first cadence runs; a
ticket open then; a high risk open then.

Plain Python: graph.snapshot and graph.as_of_deleted (the app, through SQLAlchemy) and
graph.quickread (the read-only commands, through ``sqlite3``) all judge a day by these rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from graph.vocabulary import PersonStatus, RiskLevel, RiskStatus, TicketStatus


def status_on(stored: PersonStatus, left_on: dt.date | None, day: dt.date) -> PersonStatus:
    """A person's status at the end of ``day``: ``left_on`` dates a departure exactly."""
    if left_on is not None:
        if left_on <= day:
            return PersonStatus.LEFT
        if stored is PersonStatus.LEFT:
            return PersonStatus.ACTIVE  # had not left yet
    return stored


def status_that_day(
    stored: PersonStatus, joined_on: dt.date | None, left_on: dt.date | None, day: dt.date
) -> PersonStatus | None:
    """``status_on``, or None when the person had not joined the account by then."""
    if joined_on is not None and joined_on > day:
        return None
    return status_on(stored, left_on, day)


def known_since(joined_on: dt.date | None, recorded_on: dt.date | None) -> dt.date | None:
    """When a person's first cadence starts: the day they joined, else the day they were
    first recorded (graph.cadence: *new* until their first interval has passed)."""
    return joined_on or recorded_on


def attitudes_on(
    changes: Sequence[tuple[int, dt.date, int, int]],
    as_of: dt.date,
    deleted: Sequence[Mapping[str, Any]] = (),
) -> dict[int, int]:
    """Per person, the attitude they had at the end of ``as_of`` when it changed since.

    ``changes``: attitude changes as (person, changed on, id, old attitude); ``deleted``:
    changes deleted since, as values (graph.as_of_deleted)."""
    rows = [c for c in changes if c[1] > as_of]
    rows += [
        (c["person_id"], c["changed_on"], c["id"], c["old_attitude"])
        for c in deleted
        if c["changed_on"] > as_of
    ]
    # Newest first: the last value written per person is the oldest change after as_of,
    # whose old value is the attitude of that day.
    rows.sort(reverse=True)
    return {pid: old for pid, _, _, old in rows}


def ticket_open(ticket: Mapping[str, Any], day: dt.date) -> bool:
    """A ticket is open at the end of ``day`` when opened by then and not resolved by then; one
    resolved or closed with no resolution date counts as resolved (as reports.support).
    ``graph.queries.ticket_open_on`` says the same in SQL."""
    if ticket["opened_on"] > day:
        return False
    resolved = ticket["resolved_on"]
    if resolved is not None:
        return bool(resolved > day)
    return ticket["status"] in (TicketStatus.OPEN, TicketStatus.IN_PROGRESS)


def open_high_risk(risk: Mapping[str, Any], day: dt.date) -> bool:
    """A high risk raised by the end of ``day`` and open (its closing is undated: the history
    log, through graph.snapshot, gives its status that day)."""
    return bool(
        risk["raised_on"] <= day
        and risk["level"] == RiskLevel.HIGH
        and risk["status"] == RiskStatus.OPEN
    )
