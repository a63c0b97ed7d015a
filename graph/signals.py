"""The signals a TAM wants computed, per person and per account.

Everything is computed from one account as of a day (``AccountFactsOnDay``): a
``graph.snapshot.AccountSnapshot`` in the app, once per snapshot (``snapshot.signals``), or a
``graph.quickread.portfolio.AccountFacts`` in the read-only commands. Nothing here reads the
workspace, and nothing here loads SQLAlchemy: the rules are the same for both. A day that
shows only its health (a health trend's point) computes ``compute_health`` (``snapshot.health``):
the same rules, less of the work.

Per person on the account that day (active or on leave; only active people count in totals and
flags; people who had left are not in ``people`` at all, only listed in ``departed``):
- cadence status against their ideal and maximum interval (graph.cadence), from interactions
  actually logged or imported; *new* while a person who arrived recently waits for a first
  contact;
- contact coverage over the last 180 days: *unknown* (never met, nobody on our team knows them),
  *no contact* (known or met before, but not in the window), *brief* (one interaction),
  *multiple* (two or more), *in depth* (four or more, three hours or more in total);
- influence centrality (graph.centrality.influence_centrality) and who on our team covers them.

Per account: coverage per level (executive, management, operations), the risk flags below, and a
health score from 0 to 100 (green from 70, amber from 45, red below), which a manual override
on the account replaces.

*Not enough data*: an account with nobody on it that day, or with no interaction ever logged
with any of its people up to that day, has health ``Health.NOT_ENOUGH_DATA`` and no score
(``health_score`` is None): a fresh or empty account is not "green", and one whose contacts
were never logged is not "amber". Its flags are still listed. A manual override still wins.

The score starts at 100 and loses: 30 x the share of active people overdue; 10 per high flag
(at most 30) and 5 per medium flag (at most 15); 20 when the phase is "at risk"; 10 when the
influential people (influence 4+) lean against us on average; 10 per open severity-1 ticket
(at most 20); 10 per open high risk (at most 20).

Flags: ``overdue_executive``, ``no_executive_contact`` (no executive met in 90 days),
``no_operations_relationship``, ``no_champion``, ``single_champion``, ``single_threaded_team``
(one team member holds every relationship), ``unowned_detractor`` (attitude -1 or lower and
influence 4+ or centrality 0.5+, and nobody on our team covers them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from graph.cadence import Cadence, CadenceStatus, cadence_for
from graph.centrality import influence_centrality, influence_links
from graph.contact_window import ContactStats
from graph.nodes import person_node
from graph.vocabulary import DealRole, Health, Level, Phase, RelationKind

if TYPE_CHECKING:
    from typing import Protocol

    from graph.workspace import Workspace

QUARTER_DAYS = 90
HIGH_FLAG, HIGH_FLAGS_AT_MOST = 10, 30  # points a high flag costs, and all of them at most
GREEN_FROM = 70  # a score of 70 is green, 69 amber
AMBER_FROM = 45  # a score of 45 is amber, 44 red


# --- what the rules read: one account as of a day -------------------------------------------
# graph.snapshot.AccountSnapshot (the app) and graph.quickread.portfolio.AccountFacts (the
# read-only commands) both provide it; the rules below read nothing else.
# Types only: checked by mypy, never built at run time (start-up of the read-only commands).
if TYPE_CHECKING:

    class AccountOnDay(Protocol):
        @property
        def id(self) -> int: ...
        @property
        def phase(self) -> Phase: ...
        @property
        def health_override(self) -> Health | None: ...
        @property
        def health_override_reason(self) -> str: ...

    class PersonOnDay(Protocol):
        @property
        def id(self) -> int: ...
        @property
        def name(self) -> str: ...
        @property
        def title(self) -> str: ...
        @property
        def level(self) -> Level: ...
        @property
        def role(self) -> DealRole: ...
        @property
        def influence(self) -> int: ...
        @property
        def attitude(self) -> int: ...
        @property
        def cadence_days(self) -> int | None: ...
        @property
        def known_since(self) -> dt.date | None: ...
        @property
        def active(self) -> bool: ...

    class LinkOnDay(Protocol):
        @property
        def kind(self) -> RelationKind: ...
        @property
        def source_id(self) -> int: ...
        @property
        def target_id(self) -> int: ...
        @property
        def strength(self) -> int: ...

    class CoverageOnDay(Protocol):
        @property
        def member_id(self) -> int: ...
        @property
        def person_id(self) -> int: ...

    class Standing(Protocol):
        """What the levels, flags and health read of a person's signals."""

        @property
        def active(self) -> bool: ...
        @property
        def days_since_contact(self) -> int | None: ...
        @property
        def cadence_status(self) -> CadenceStatus: ...
        @property
        def owners(self) -> tuple[int, ...]: ...

    class AccountFactsOnDay(Protocol):
        """Everything the signals of one account read, as of ``as_of``: people on the account
        that day (``departed``: those who had left), links and coverage among them, contacts."""

        @property
        def as_of(self) -> dt.date: ...
        @property
        def account(self) -> AccountOnDay: ...
        @property
        def people(self) -> Sequence[PersonOnDay]: ...
        @property
        def departed(self) -> Sequence[PersonOnDay]: ...
        @property
        def present_links(self) -> Sequence[LinkOnDay]: ...
        @property
        def present_coverage(self) -> Sequence[CoverageOnDay]: ...
        @property
        def contacts(self) -> Mapping[int, ContactStats]: ...
        @property
        def open_sev1(self) -> int: ...
        @property
        def open_high_risks(self) -> int: ...
        @property
        def cadence_defaults(self) -> Mapping[DealRole, tuple[int, int]]: ...
        @property
        def interactions_logged(self) -> bool: ...


class ContactCoverage(StrEnum):
    UNKNOWN = "unknown"
    NO_CONTACT = "no_contact"
    BRIEF = "brief"
    MULTIPLE = "multiple"
    IN_DEPTH = "in_depth"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True)
class PersonSignals:
    """One person's signals on the day: cadence, coverage, centrality, who covers them."""

    person_id: int
    active: bool
    last_contact: dt.date | None
    days_since_contact: int | None
    cadence: Cadence
    cadence_status: CadenceStatus
    coverage: ContactCoverage
    centrality: float
    owners: tuple[int, ...]
    recent_interactions: int


@dataclass(frozen=True)
class LevelCoverage:
    """Active people at one level, how many we cover, how many we met last quarter."""

    level: Level
    people: int
    covered: int
    contacted_last_quarter: int


@dataclass(frozen=True)
class RiskFlag:
    """A risk the account shows (``code``), its severity and its sentence for people."""

    code: str
    severity: str  # "high" or "medium"
    message: str
    nodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AccountSignals:
    """An account's signals on ``today``: per person, per level, its flags and health."""

    account_id: int
    today: dt.date
    people: dict[int, PersonSignals]  # the people on the account that day
    levels: dict[Level, LevelCoverage]
    flags: list[RiskFlag]
    health: Health
    health_score: int | None  # None: not enough data for a score
    health_reasons: list[str] = field(default_factory=list)
    departed: tuple[int, ...] = ()  # people who had left by then: shown apart, never counted
    computed_health: Health = Health.NOT_ENOUGH_DATA  # what the rules give, whatever the override

    @property
    def overdue(self) -> int:
        return sum(
            1
            for p in self.people.values()
            if p.active and p.cadence_status is CadenceStatus.OVERDUE
        )

    @property
    def due(self) -> int:
        return sum(
            1 for p in self.people.values() if p.active and p.cadence_status is CadenceStatus.DUE
        )

    @property
    def new(self) -> int:
        return sum(
            1 for p in self.people.values() if p.active and p.cadence_status is CadenceStatus.NEW
        )

    @property
    def enough_data(self) -> bool:
        return self.health_score is not None

    @property
    def health_label(self) -> str:
        """ "Green (76/100)", or "Not enough data" with no score."""
        if self.health_score is None:
            return self.health.label
        return f"{self.health.label} ({self.health_score}/100)"


def health_from_score(score: int | None) -> Health:
    """The colour a score reads as: green from 70, amber from 45, red below; None: no data."""
    if score is None:
        return Health.NOT_ENOUGH_DATA
    if score >= GREEN_FROM:
        return Health.GREEN
    return Health.AMBER if score >= AMBER_FROM else Health.RED


def _who(p: PersonOnDay) -> str:
    return f"{p.name} ({p.title})" if p.title.strip() else p.name


def _coverage(stats: ContactStats, owned: bool) -> ContactCoverage:
    if stats.recent_count == 0:
        if stats.last_contact is None and not owned:
            return ContactCoverage.UNKNOWN
        return ContactCoverage.NO_CONTACT
    if stats.recent_count == 1:
        return ContactCoverage.BRIEF
    if stats.recent_count >= 4 and stats.recent_minutes >= 180:
        return ContactCoverage.IN_DEPTH
    return ContactCoverage.MULTIPLE


class _Standing(NamedTuple):
    """What the account's levels, flags and health read of one person (``Standing``)."""

    active: bool
    last_contact: dt.date | None
    days_since_contact: int | None
    cadence: Cadence
    cadence_status: CadenceStatus
    owners: tuple[int, ...]


_NO_CONTACT = ContactStats()


def _standings(
    snap: AccountFactsOnDay, owners: Mapping[int, tuple[int, ...]]
) -> dict[int, _Standing]:
    today, defaults = snap.as_of, snap.cadence_defaults
    result: dict[int, _Standing] = {}
    for p in snap.people:
        stats = snap.contacts.get(p.id, _NO_CONTACT)
        last = stats.last_contact.date() if stats.last_contact else None
        cadence = cadence_for(p.role, p.level, p.cadence_days, defaults)
        result[p.id] = _Standing(
            p.active,
            last,
            (today - last).days if last else None,
            cadence,
            cadence.status(last, today, p.known_since),
            owners.get(p.id, ()),
        )
    return result


def _person_signals(
    snap: AccountFactsOnDay,
    standings: Mapping[int, _Standing],
    centrality: Mapping[str, float],
) -> dict[int, PersonSignals]:
    result: dict[int, PersonSignals] = {}
    for p in snap.people:
        stats = snap.contacts.get(p.id, _NO_CONTACT)
        s = standings[p.id]
        result[p.id] = PersonSignals(
            person_id=p.id,
            active=s.active,
            last_contact=s.last_contact,
            days_since_contact=s.days_since_contact,
            cadence=s.cadence,
            cadence_status=s.cadence_status,
            coverage=_coverage(stats, bool(s.owners)),
            centrality=round(centrality.get(person_node(p.id), 0.0), 4),
            owners=s.owners,
            recent_interactions=stats.recent_count,
        )
    return result


def _levels(snap: AccountFactsOnDay, people: Mapping[int, Standing]) -> dict[Level, LevelCoverage]:
    levels: dict[Level, LevelCoverage] = {}
    for level in Level:
        members = [p for p in snap.people if p.level is level and people[p.id].active]
        recent = [
            p
            for p in members
            if (days := people[p.id].days_since_contact) is not None and days <= QUARTER_DAYS
        ]
        levels[level] = LevelCoverage(
            level, len(members), sum(1 for p in members if people[p.id].owners), len(recent)
        )
    return levels


def _flags(
    snap: AccountFactsOnDay,
    people: Mapping[int, Standing],
    levels: Mapping[Level, LevelCoverage],
    central: Callable[[int], float],
) -> list[RiskFlag]:
    """The account's risk flags; ``central(person_id)``: a person's rounded centrality."""
    flags: list[RiskFlag] = []
    active = [p for p in snap.people if people[p.id].active]
    for p in active:
        if p.level is Level.EXECUTIVE and people[p.id].cadence_status is CadenceStatus.OVERDUE:
            days = people[p.id].days_since_contact
            when = f"last contact {days} days ago" if days is not None else "never contacted"
            flags.append(
                RiskFlag(
                    "overdue_executive",
                    "high",
                    f"{_who(p)} is overdue: {when}",
                    (person_node(p.id),),
                )
            )
    execs = levels[Level.EXECUTIVE]
    if execs.people and execs.contacted_last_quarter == 0:
        flags.append(
            RiskFlag("no_executive_contact", "high", "No executive contact in the last quarter")
        )
    ops = levels[Level.OPERATIONS]
    if ops.people == 0 or (ops.covered == 0 and ops.contacted_last_quarter == 0):
        flags.append(
            RiskFlag(
                "no_operations_relationship",
                "medium",
                "No relationship at operations level: incidents may come as a surprise",
            )
        )
    champions = [p for p in active if p.role is DealRole.CHAMPION]
    if not champions:
        flags.append(RiskFlag("no_champion", "high", "No active champion"))
    elif len(champions) == 1:
        c = champions[0]
        flags.append(
            RiskFlag(
                "single_champion",
                "medium",
                f"Single-threaded: {c.name} is the only champion",
                (person_node(c.id),),
            )
        )
    coverage = snap.present_coverage
    holders = {c.member_id for c in coverage}
    if len(holders) == 1 and len(coverage) >= 2:
        flags.append(
            RiskFlag(
                "single_threaded_team",
                "medium",
                "Single-threaded: one member of our team holds every relationship",
                (f"t{next(iter(holders))}",),
            )
        )
    for p in active:
        sig = people[p.id]
        # centrality last: the health alone asks it only of whom the rest leaves in doubt
        if p.attitude <= -1 and not sig.owners and (p.influence >= 4 or central(p.id) >= 0.5):
            flags.append(
                RiskFlag(
                    "unowned_detractor",
                    "high",
                    f"{_who(p)} is an influential detractor nobody on our team covers",
                    (person_node(p.id),),
                )
            )
    return flags


def not_enough_data(snap: AccountFactsOnDay) -> str | None:
    """Why the account cannot be scored as of its day (None: it can)."""
    if not snap.people:
        return "Not enough data: nobody on the account"
    if not snap.interactions_logged:
        return "Not enough data: no interaction logged with anyone on the account"
    return None


def _score(
    snap: AccountFactsOnDay, people: Mapping[int, Standing], flags: list[RiskFlag]
) -> tuple[int, list[str]]:
    score = 100.0
    reasons: list[str] = []
    active = [p for p in people.values() if p.active]
    if active:
        overdue = sum(1 for p in active if p.cadence_status is CadenceStatus.OVERDUE)
        if overdue:
            score -= 30 * overdue / len(active)
            reasons.append(f"{overdue} of {len(active)} people overdue for contact")
    high = sum(1 for f in flags if f.severity == "high")
    medium = len(flags) - high
    score -= min(HIGH_FLAGS_AT_MOST, HIGH_FLAG * high) + min(15, 5 * medium)
    reasons.extend(f.message for f in flags)
    if snap.account.phase is Phase.AT_RISK:
        score -= 20
        reasons.append("Account phase is at risk")
    key = [p for p in snap.people if p.influence >= 4 and people[p.id].active]
    if key and sum(p.attitude for p in key) / len(key) < 0:
        score -= 10
        reasons.append("Influential stakeholders lean against us")
    if snap.open_sev1:
        score -= min(20, 10 * snap.open_sev1)
        reasons.append(f"{snap.open_sev1} open severity-1 ticket(s)")
    if snap.open_high_risks:
        score -= min(20, 10 * snap.open_high_risks)
        reasons.append(f"{snap.open_high_risks} open high risk(s)")
    return max(0, min(100, round(score))), reasons


def _health(
    snap: AccountFactsOnDay, people: Mapping[int, Standing], flags: list[RiskFlag]
) -> tuple[Health, Health, int | None, list[str]]:
    """(health shown, health the rules give, score or None, reasons)."""
    missing = not_enough_data(snap)
    value: int | None
    if missing is not None:
        value, reasons = None, [missing, *(f.message for f in flags)]
    else:
        value, reasons = _score(snap, people, flags)
    computed = health_from_score(value)
    override = snap.account.health_override
    if override is not None and override is not Health.NOT_ENOUGH_DATA:
        note = snap.account.health_override_reason or "no reason given"
        reasons.insert(0, f"Health set by hand to {override.label} ({note})")
        return override, computed, value, reasons
    return computed, computed, value, reasons


def _centrality(snap: AccountFactsOnDay) -> dict[str, float]:
    links = (
        (person_node(r.source_id), person_node(r.target_id), r.kind, float(r.strength))
        for r in snap.present_links
    )
    return influence_centrality([person_node(p.id) for p in snap.people], influence_links(links))


def _owners(snap: AccountFactsOnDay) -> dict[int, tuple[int, ...]]:
    """Who on our team covers each person, by person id."""
    owners: dict[int, list[int]] = defaultdict(list)
    for c in snap.present_coverage:
        owners[c.person_id].append(c.member_id)
    return {pid: tuple(sorted(set(ids))) for pid, ids in owners.items()}


class _LazyCentrality:
    """A person's rounded centrality (as ``PersonSignals.centrality``), the whole account's
    computed the first time one is asked for."""

    def __init__(self, snap: AccountFactsOnDay) -> None:
        self._snap = snap
        self._values: dict[str, float] | None = None

    def __call__(self, person_id: int) -> float:
        if self._values is None:
            self._values = _centrality(self._snap)
        return round(self._values.get(person_node(person_id), 0.0), 4)


@dataclass(frozen=True)
class HealthScore:
    """An account's health on a day without the rest of its signals (a health trend's point):
    the same ``health``, ``computed_health`` and ``health_score`` as ``AccountSignals``."""

    health: Health
    computed_health: Health
    health_score: int | None


def compute_health(snap: AccountFactsOnDay) -> HealthScore:
    """The health of one account from its snapshot, computing only what the health reads.

    The same rules as ``compute_signals`` (and the same results: tests/graph pins them equal),
    without what only the people's signals show (their contact coverage, their centrality). An
    account's centrality decides one flag only, an unowned detractor of influence under 4,
    and the flags only through the score: it is computed when no score (not enough data)
    spares it, and the high flags counted without it do not already cost all they can."""
    standings = _standings(snap, _owners(snap))
    if not_enough_data(snap) is not None:
        health, computed, score, _ = _health(snap, standings, [])
        return HealthScore(health, computed, score)
    levels = _levels(snap, standings)
    flags = _flags(snap, standings, levels, lambda _pid: 0.0)  # a subset of the flags
    if HIGH_FLAG * sum(1 for f in flags if f.severity == "high") < HIGH_FLAGS_AT_MOST:
        flags = _flags(snap, standings, levels, _LazyCentrality(snap))
    health, computed, score, _ = _health(snap, standings, flags)
    return HealthScore(health, computed, score)


def compute_signals(snap: AccountFactsOnDay) -> AccountSignals:
    """Signals of one account from its snapshot (pure: no database access).

    Call ``snapshot.signals`` instead: the snapshot computes them once when it is built.
    """
    standings = _standings(snap, _owners(snap))
    people = _person_signals(snap, standings, _centrality(snap))
    levels = _levels(snap, standings)
    flags = _flags(snap, standings, levels, lambda pid: people[pid].centrality)
    health, computed, score, reasons = _health(snap, people, flags)
    return AccountSignals(
        snap.account.id,
        snap.as_of,
        people,
        levels,
        flags,
        health,
        score,
        reasons,
        tuple(p.id for p in snap.departed),
        computed,
    )


def portfolio_signals(
    ws: Workspace, today: dt.date | None = None, account_ids: Collection[int] | None = None
) -> dict[int, AccountSignals]:
    """Signals of every account (or of ``account_ids``) as of ``today``, keyed by account id."""
    from graph.snapshot import read_accounts

    day = today or ws.today()
    return {aid: snap.signals for aid, snap in read_accounts(ws, day, account_ids).items()}


def account_signals(ws: Workspace, account_id: int, today: dt.date | None = None) -> AccountSignals:
    """Signals of one account as of ``today`` (default: the workspace's today)."""
    from graph.snapshot import read_account

    return read_account(ws, account_id, today or ws.today()).signals
