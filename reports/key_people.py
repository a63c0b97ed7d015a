"""The people who matter most on an account: what a printed page or a slide can show.

A big account has hundreds or thousands of people; a QBR shows the few that carry the
relationship. The order is the same everywhere (the deck's map, the attendees, the workbook's
printed Stakeholders page): people still on the account first, then executives, then the buying
roles that decide a renewal, then influence, then who was engaged this quarter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from graph.vocabulary import DealRole, Level, PersonStatus

KEY_PEOPLE = 30  # what fits the deck's map slide and two printed pages
_LEVEL = {Level.EXECUTIVE: 0, Level.MANAGEMENT: 1, Level.OPERATIONS: 2}
_ROLE = {
    DealRole.ECONOMIC_BUYER: 0,
    DealRole.CHAMPION: 1,
    DealRole.TECHNICAL_BUYER: 2,
    DealRole.BLOCKER: 3,
    DealRole.COACH: 4,
    DealRole.INFLUENCER: 5,
    DealRole.OPERATIONS_OWNER: 6,
    DealRole.PRIMARY_USER: 7,
}


class Someone(Protocol):
    """A QBR's stakeholder row or a stored person (``interactions`` counted when known)."""

    @property
    def name(self) -> str: ...
    @property
    def status(self) -> PersonStatus: ...
    @property
    def level(self) -> Level: ...
    @property
    def role(self) -> DealRole: ...
    @property
    def influence(self) -> int: ...


P = TypeVar("P", bound=Someone)


def _weight(p: Someone) -> tuple[bool, int, int, int, int, str]:
    return (
        p.status is PersonStatus.LEFT,
        _LEVEL.get(p.level, 3),
        _ROLE.get(p.role, 9),
        -p.influence,
        -int(getattr(p, "interactions", 0)),
        p.name,
    )


def key_people(stakeholders: Sequence[P], limit: int = KEY_PEOPLE) -> tuple[P, ...]:
    """The ``limit`` people who matter most, most important first."""
    return tuple(sorted(stakeholders, key=_weight)[:limit])


def is_big(stakeholders: Sequence[object], limit: int = KEY_PEOPLE) -> bool:
    """Too many people to print or draw them all legibly."""
    return len(stakeholders) > limit
