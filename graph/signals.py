"""The signals a TAM wants computed, per person and per account.

Per person (active or not; only active people count in totals and flags):
- cadence status against their ideal and maximum interval (graph.cadence), from interactions
  actually logged or imported;
- contact coverage over the last 180 days: *unknown* (never met, nobody on our team knows them),
  *no contact* (known or met before, but not in the window), *brief* (one interaction),
  *multiple* (two or more), *in depth* (four or more, three hours or more in total);
- influence centrality (graph.networks.influence_centrality) and who on our team covers them.

Per account: coverage per level (executive, management, operations), the risk flags below, and a
health score from 0 to 100 (green from 70, amber from 45, red below), which a manual override
on the account replaces.

Flags: ``overdue_executive``, ``no_executive_contact`` (no executive met in 90 days),
``no_operations_relationship``, ``no_champion``, ``single_champion``, ``single_threaded_team``
(one team member holds every relationship), ``unowned_detractor`` (attitude -1 or lower and
influence 4+ or centrality 0.5+, and nobody on our team covers them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from graph import schema as s
from graph.cadence import Cadence, CadenceStatus, cadence_for
from graph.centrality import influence_centrality
from graph.errors import NotFoundError
from graph.nodes import person_node
from graph.queries import (
    ContactStats,
    contact_stats,
    contact_window_start,
    open_high_risks,
    open_sev1_tickets,
)
from graph.vocabulary import DealRole, Health, Level, PersonStatus, Phase, RelationKind
from graph.workspace import Workspace

QUARTER_DAYS = 90


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
    level: Level
    people: int
    covered: int
    contacted_last_quarter: int


@dataclass(frozen=True)
class RiskFlag:
    code: str
    severity: str  # "high" or "medium"
    message: str
    nodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AccountSignals:
    account_id: int
    today: dt.date
    people: dict[int, PersonSignals]
    levels: dict[Level, LevelCoverage]
    flags: list[RiskFlag]
    health: Health
    health_score: int
    health_reasons: list[str] = field(default_factory=list)

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


@dataclass
class AccountFacts:
    """Everything the signals read about one account.

    People, relationships and coverage are records or database rows with the same fields.
    """

    account: s.Account
    people: list[Any] = field(default_factory=list)
    relationships: list[Any] = field(default_factory=list)
    coverage: list[Any] = field(default_factory=list)
    contacts: dict[int, ContactStats] = field(default_factory=dict)
    open_sev1: int = 0
    open_high_risks: int = 0


def _who(p: Any) -> str:
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


def _person_signals(
    facts: AccountFacts,
    today: dt.date,
    defaults: Mapping[DealRole, tuple[int, int]],
    centrality: Mapping[str, float],
    owners: Mapping[int, tuple[int, ...]],
) -> dict[int, PersonSignals]:
    result: dict[int, PersonSignals] = {}
    for p in facts.people:
        stats = facts.contacts.get(p.id, ContactStats())
        last = stats.last_contact.date() if stats.last_contact else None
        cadence = cadence_for(p.role, p.level, p.cadence_days, defaults)
        result[p.id] = PersonSignals(
            person_id=p.id,
            active=p.status is PersonStatus.ACTIVE,
            last_contact=last,
            days_since_contact=(today - last).days if last else None,
            cadence=cadence,
            cadence_status=cadence.status(last, today),
            coverage=_coverage(stats, bool(owners.get(p.id))),
            centrality=round(centrality.get(person_node(p.id), 0.0), 4),
            owners=owners.get(p.id, ()),
            recent_interactions=stats.recent_count,
        )
    return result


def _levels(
    facts: AccountFacts, people: Mapping[int, PersonSignals], today: dt.date
) -> dict[Level, LevelCoverage]:
    levels: dict[Level, LevelCoverage] = {}
    for level in Level:
        members = [p for p in facts.people if p.level is level and people[p.id].active]
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
    facts: AccountFacts, people: Mapping[int, PersonSignals], levels: Mapping[Level, LevelCoverage]
) -> list[RiskFlag]:
    flags: list[RiskFlag] = []
    active = [p for p in facts.people if people[p.id].active]
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
    holders = {c.member_id for c in facts.coverage}
    if len(holders) == 1 and len(facts.coverage) >= 2:
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
        influential = p.influence >= 4 or sig.centrality >= 0.5
        if p.attitude <= -1 and influential and not sig.owners:
            flags.append(
                RiskFlag(
                    "unowned_detractor",
                    "high",
                    f"{_who(p)} is an influential detractor nobody on our team covers",
                    (person_node(p.id),),
                )
            )
    return flags


def _health(
    facts: AccountFacts, people: Mapping[int, PersonSignals], flags: list[RiskFlag]
) -> tuple[Health, int, list[str]]:
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
    score -= min(30, 10 * high) + min(15, 5 * medium)
    reasons.extend(f.message for f in flags)
    if facts.account.phase is Phase.AT_RISK:
        score -= 20
        reasons.append("Account phase is at risk")
    key = [p for p in facts.people if p.influence >= 4 and people[p.id].active]
    if key and sum(p.attitude for p in key) / len(key) < 0:
        score -= 10
        reasons.append("Influential stakeholders lean against us")
    if facts.open_sev1:
        score -= min(20, 10 * facts.open_sev1)
        reasons.append(f"{facts.open_sev1} open severity-1 ticket(s)")
    if facts.open_high_risks:
        score -= min(20, 10 * facts.open_high_risks)
        reasons.append(f"{facts.open_high_risks} open high risk(s)")
    value = max(0, min(100, round(score)))
    computed = Health.GREEN if value >= 70 else Health.AMBER if value >= 45 else Health.RED
    if facts.account.health_override is not None:
        note = facts.account.health_override_reason or "no reason given"
        reasons.insert(0, f"Health set by hand to {facts.account.health_override.label} ({note})")
        return facts.account.health_override, value, reasons
    return computed, value, reasons


def _centrality(facts: AccountFacts) -> dict[str, float]:
    links: list[tuple[str, str, float]] = []
    for r in facts.relationships:
        source, target = person_node(r.source_id), person_node(r.target_id)
        if r.kind is RelationKind.INFLUENCES:
            links.append((source, target, float(r.strength)))
        elif r.kind is RelationKind.REPORTS_TO:
            links.append((target, source, 1.0))  # a manager sways their reports
    return influence_centrality([person_node(p.id) for p in facts.people], links)


def compute_signals(
    facts: AccountFacts, today: dt.date, defaults: Mapping[DealRole, tuple[int, int]]
) -> AccountSignals:
    """Signals of one account from facts already read (pure: no database access)."""
    centrality = _centrality(facts)
    owners: dict[int, list[int]] = defaultdict(list)
    for c in facts.coverage:
        owners[c.person_id].append(c.member_id)
    owner_tuples = {pid: tuple(sorted(set(ids))) for pid, ids in owners.items()}
    people = _person_signals(facts, today, defaults, centrality, owner_tuples)
    levels = _levels(facts, people, today)
    flags = _flags(facts, people, levels)
    health, score, reasons = _health(facts, people, flags)
    return AccountSignals(facts.account.id, today, people, levels, flags, health, score, reasons)


def load_facts(
    ws: Workspace, today: dt.date, account_ids: Collection[int] | None = None
) -> dict[int, AccountFacts]:
    """Read, in a handful of queries, what the signals need for many accounts at once."""
    since = contact_window_start(today)
    with Session(ws.reader) as session:
        accounts = select(s.Account)
        if account_ids is not None:
            accounts = accounts.where(s.Account.id.in_(list(account_ids)))
        facts = {a.id: AccountFacts(a) for a in session.scalars(accounts)}
        ids = list(facts)
        # Plain rows, not ORM records: the summary reads every person of the portfolio, and
        # rows carry the same attribute names at a fraction of the cost.
        conn = session.connection()
        people = s.Base.metadata.tables["people"]
        for p in conn.execute(select(people).where(people.c.account_id.in_(ids))):
            facts[p.account_id].people.append(p)
        account_of = {p.id: a for a, f in facts.items() for p in f.people}
        links = s.Base.metadata.tables["relationships"]
        for r in conn.execute(select(links).where(links.c.account_id.in_(ids))):
            facts[r.account_id].relationships.append(r)
        coverage = s.Base.metadata.tables["coverage"]
        for c in conn.execute(select(coverage)):
            if c.person_id in account_of:
                facts[account_of[c.person_id]].coverage.append(c)
        for pid, stats in contact_stats(conn, since, ids).items():
            if pid in account_of:
                facts[account_of[pid]].contacts[pid] = stats
        for aid, count in open_sev1_tickets(conn, ids).items():
            facts[aid].open_sev1 = count
        for aid, count in open_high_risks(conn, ids).items():
            facts[aid].open_high_risks = count
    return facts


def portfolio_signals(
    ws: Workspace, today: dt.date | None = None, account_ids: Collection[int] | None = None
) -> dict[int, AccountSignals]:
    """Signals of every account (or of ``account_ids``), keyed by account id."""
    today = today or ws.today()
    defaults = ws.cadence_defaults()
    return {
        aid: compute_signals(f, today, defaults)
        for aid, f in load_facts(ws, today, account_ids).items()
    }


def account_signals(ws: Workspace, account_id: int, today: dt.date | None = None) -> AccountSignals:
    signals = portfolio_signals(ws, today, [account_id])
    if account_id not in signals:
        raise NotFoundError(f"account {account_id} does not exist")
    return signals[account_id]
