"""The values of an account's snapshot (graph.snapshot): ``AccountSnapshot`` and the states
of its account, people, links, coverage and team, as they stood at the end of a day.

Plain values with no database library: graph.snapshot builds them from the workspace
(SQLAlchemy), graph.quickread.account_snapshot from a read-only ``sqlite3`` connection (a map's
first paint). graph.snapshot re-exports them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from graph.contact_window import ContactStats
from graph.deleted_records import DeletedSince
from graph.vocabulary import (
    Channel,
    CoverageKind,
    DealRole,
    Health,
    Level,
    PersonStatus,
    Phase,
    RelationKind,
    RelationshipLevel,
    TeamRole,
)

if TYPE_CHECKING:
    from graph.queries import ContactSpans
    from graph.signals import AccountSignals, HealthScore


@dataclass(frozen=True)
class AccountState:
    id: int
    name: str
    industry: str
    segment: str
    arr: float
    currency: str
    renewal_date: dt.date | None
    phase: Phase
    it_maturity: int | None
    security_maturity: int | None
    health_override: Health | None
    health_override_reason: str
    fiscal_year_start_month: int
    archived: bool


@dataclass(frozen=True)
class PersonState:
    """A customer person as of the snapshot's day (``status`` and ``attitude`` of that day)."""

    id: int
    account_id: int
    name: str
    title: str
    department: str
    level: Level
    role: DealRole
    influence: int
    attitude: int
    interest: int
    channel: Channel
    cadence_days: int | None
    status: PersonStatus
    joined_on: dt.date | None
    left_on: dt.date | None
    known_since: dt.date | None  # joined, or first recorded: when the first cadence starts

    @property
    def active(self) -> bool:
        return self.status is PersonStatus.ACTIVE


@dataclass(frozen=True)
class LinkState:
    id: int
    kind: RelationKind
    source_id: int
    target_id: int
    strength: int


@dataclass(frozen=True)
class CoverageState:
    id: int
    member_id: int
    person_id: int
    kind: CoverageKind
    current_level: RelationshipLevel
    desired_level: RelationshipLevel


@dataclass(frozen=True)
class TeamMemberState:
    id: int
    name: str
    role: TeamRole


@dataclass(frozen=True)
class AccountSnapshot:
    """One account at the end of ``as_of``. Build it with ``read_account``/``read_accounts``.

    ``people`` are the people on the account that day; ``departed`` those who had left by then
    (shown apart, never counted). People who joined later are in neither. ``links``,
    ``coverage`` and ``contacts`` (keyed by person id) concern these people, departed included
    (the map of that day shows them); the signals count ``present_links`` and
    ``present_coverage`` only. ``team``: our members assigned to the account or covering
    someone in it, by name.
    """

    as_of: dt.date
    account: AccountState
    people: tuple[PersonState, ...]
    departed: tuple[PersonState, ...]
    links: tuple[LinkState, ...]
    coverage: tuple[CoverageState, ...]
    contacts: Mapping[int, ContactStats]
    team: tuple[TeamMemberState, ...]
    open_sev1: int
    open_high_risks: int
    cadence_defaults: Mapping[DealRole, tuple[int, int]]
    # What was deleted since the day (graph.as_of_deleted), for readers of other tables.
    deleted: DeletedSince = field(
        default_factory=lambda: DeletedSince(dt.date.min), compare=False, repr=False
    )
    # The contacts of the read per span of time, as stored (records deleted since left out),
    # when several days were read: readers counting contacts by period take them from here.
    contact_spans: ContactSpans | None = field(default=None, compare=False, repr=False)

    @cached_property
    def signals(self) -> AccountSignals:
        """The account's signals that day, computed the first time they are asked for."""
        from graph import signals

        return signals.compute_signals(self)

    @cached_property
    def health(self) -> HealthScore:
        """The account's health that day, alone: from ``signals`` once computed, else without
        what only the signals of its people need (a health trend reads several days)."""
        from graph import signals

        if "signals" in self.__dict__:
            computed = self.signals
            return signals.HealthScore(
                computed.health, computed.computed_health, computed.health_score
            )
        return signals.compute_health(self)

    @cached_property
    def person(self) -> Mapping[int, PersonState]:
        """The people on the account that day, by id."""
        return MappingProxyType({p.id: p for p in self.people})

    @property
    def present_links(self) -> tuple[LinkState, ...]:
        """Links between people on the account that day."""
        here = {p.id for p in self.people}
        return tuple(r for r in self.links if r.source_id in here and r.target_id in here)

    @property
    def present_coverage(self) -> tuple[CoverageState, ...]:
        """Our coverage of people on the account that day."""
        here = {p.id for p in self.people}
        return tuple(c for c in self.coverage if c.person_id in here)

    @property
    def interactions_logged(self) -> bool:
        """Whether any interaction with a person on the account was logged by ``as_of``."""
        return any(
            (c := self.contacts.get(p.id)) is not None and c.last_contact is not None
            for p in self.people
        )
