"""Stored values as the quick reads take them: enum members by stored value (looked up per row,
faster than calling the enum), days from their stored text, and a person placed on a day by the
rules of graph.as_of_rules (graph.quickread.portfolio and account_snapshot place people alike).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from graph.as_of_rules import known_since, status_that_day
from graph.vocabulary import (
    Channel,
    CoverageKind,
    DealRole,
    Level,
    PersonStatus,
    RelationKind,
    RelationshipLevel,
)

LEVEL = {m.value: m for m in Level}
ROLE = {m.value: m for m in DealRole}
STATUS = {m.value: m for m in PersonStatus}
CHANNEL = {m.value: m for m in Channel}
KIND = {m.value: m for m in RelationKind}
COVERAGE = {m.value: m for m in CoverageKind}
RELATIONSHIP = {m.value: m for m in RelationshipLevel}


def stored_day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


class Placed(NamedTuple):
    """A person on a day: their status then, their join and leave days as stored, and the day
    their cadence runs from."""

    status: PersonStatus
    joined: dt.date | None
    left: dt.date | None
    known_since: dt.date | None


def placed_on(
    day: dt.date,
    stored_status: str,
    joined_text: str | None,
    left_text: str | None,
    recorded_text: str | None,
) -> Placed | None:
    """The person of these stored values at the end of ``day`` (``recorded_text``: the day
    the log first recorded them); None when they were not on the account yet."""
    joined, left = stored_day(joined_text), stored_day(left_text)
    status = status_that_day(STATUS[stored_status], joined, left, day)
    if status is None:
        return None
    recorded = stored_day(recorded_text)
    since = known_since(joined, recorded if recorded is not None and recorded <= day else None)
    return Placed(status, joined, left, since)
