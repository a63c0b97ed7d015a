"""How often each person should hear from us, and whether they are due or overdue.

Each deal role has an ideal interval and a maximum one (editable per workspace). A person may set
their own ideal interval; their maximum then scales with the role's ratio. Past the ideal a
contact is *due* (amber), past the maximum *overdue* (red). Day counts are whole days from the
last contact to today: a champion (7/14) met 7 days ago is ok, 8 days ago due, 15 days ago overdue.

Someone never contacted is overdue, unless we know when they arrived (``known_since``: they joined
the account, or were first recorded): then they are *new* up to and including their ideal
interval after that day, and their arrival counts as their last contact afterwards (due past the
ideal, overdue past the maximum). A person added today is never overdue on day one.
Only interactions actually logged or imported count: there is no manual "last contact" field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from graph.vocabulary import DealRole, Level

# (ideal days, maximum days) per deal role; DOMAIN.md gives the ideal ones.
DEFAULT_CADENCE: dict[DealRole, tuple[int, int]] = {
    DealRole.ECONOMIC_BUYER: (90, 120),
    DealRole.CHAMPION: (7, 14),
    DealRole.TECHNICAL_BUYER: (14, 30),
    DealRole.PRIMARY_USER: (7, 14),
    DealRole.SECONDARY_USER: (14, 28),
    DealRole.COACH: (14, 30),
    DealRole.INFLUENCER: (30, 60),
    DealRole.BLOCKER: (30, 45),
    DealRole.OPERATIONS_OWNER: (30, 45),
    DealRole.OTHER: (60, 90),
}

# A person with no particular role is paced by their level instead.
LEVEL_CADENCE: dict[Level, tuple[int, int]] = {
    Level.EXECUTIVE: (90, 120),
    Level.MANAGEMENT: (30, 60),
    Level.OPERATIONS: (30, 60),
}


class CadenceStatus(StrEnum):
    OK = "ok"
    DUE = "due"
    OVERDUE = "overdue"
    NEW = "new"  # arrived recently, not contacted yet, still within their first interval


@dataclass(frozen=True)
class Cadence:
    """How often someone should hear from us: due past ``ideal_days``, overdue past
    ``max_days``."""

    ideal_days: int
    max_days: int

    def status(
        self, last_contact: dt.date | None, today: dt.date, known_since: dt.date | None = None
    ) -> CadenceStatus:
        if last_contact is None:
            if known_since is None:
                return CadenceStatus.OVERDUE
            if (today - known_since).days <= self.ideal_days:
                return CadenceStatus.NEW
            last_contact = known_since
        days = (today - last_contact).days
        if days > self.max_days:
            return CadenceStatus.OVERDUE
        if days > self.ideal_days:
            return CadenceStatus.DUE
        return CadenceStatus.OK


def cadence_for(
    role: DealRole,
    level: Level,
    own_ideal_days: int | None,
    defaults: Mapping[DealRole, tuple[int, int]] = DEFAULT_CADENCE,
) -> Cadence:
    if role is DealRole.OTHER and role not in defaults:
        ideal, maximum = LEVEL_CADENCE[level]
    elif role is DealRole.OTHER:
        ideal, maximum = defaults[role]
        ideal, maximum = min(ideal, LEVEL_CADENCE[level][0]), min(maximum, LEVEL_CADENCE[level][1])
    else:
        ideal, maximum = defaults.get(role, DEFAULT_CADENCE[role])
    if own_ideal_days is not None:
        maximum = max(own_ideal_days, round(own_ideal_days * maximum / ideal))
        ideal = own_ideal_days
    return Cadence(ideal, maximum)
