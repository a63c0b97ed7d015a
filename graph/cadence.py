"""How often each person should hear from us, and whether they are due or overdue.

Each deal role has an ideal interval and a maximum one (editable per workspace). A person may set
their own ideal interval; their maximum then scales with the role's ratio. Past the ideal a
contact is *due* (amber), past the maximum *overdue* (red). Someone never contacted is overdue.
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


@dataclass(frozen=True)
class Cadence:
    ideal_days: int
    max_days: int

    def status(self, last_contact: dt.date | None, today: dt.date) -> CadenceStatus:
        if last_contact is None:
            return CadenceStatus.OVERDUE
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
