"""Large generated portfolios for benchmarks and tests (``graph.samples.write_large``).

One account is huge (2,000 people at the default size, 40% of everyone at small sizes); the
others share the remaining people unevenly. Each account has an org chart (reports-to trees of
depth 4 to 7, one or two roots), about 1.4 influence links per person (to the manager's manager,
peers, and someone in another department), a few ally and conflict pairs, coverage by a team of
twelve, six quarters of interactions with 1-4 customer and 1-2 team attendees, usage, and some
QBR facts.

Why not ``Workspace.add``: its per-record validation and integrity queries cost about 0.3 ms a
row, a minute for the default size. Rows are built in memory with explicit ids and written with
SQLAlchemy Core ``executemany`` in one transaction. The rules the workspace would check hold by
construction instead:

- a manager always has a lower index in the same account, so reporting lines form a forest;
- links, coverage and attendees never leave their account; nobody attends after leaving or
  before joining;
- (kind, source, target) and (member, person) pairs are unique; ally and conflict are stored
  with source < target, like the workspace stores them;
- every value is inside the ranges of graph.validation.

The same arguments give the same portfolio, row for row (one seeded ``random.Random``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert

from graph import schema as s
from graph.events import Change, ChangeKind, ChangeSet
from graph.vocabulary import (
    ActionStatus,
    Channel,
    CoverageKind,
    DealRole,
    GoalStatus,
    InteractionKind,
    Level,
    PersonStatus,
    Phase,
    RelationKind,
    RelationshipLevel,
    RiskLevel,
    RiskStatus,
    RoadmapStatus,
    Severity,
    TeamRole,
    TicketStatus,
)
from graph.workspace import Workspace

HUGE_ACCOUNT = 2000
HISTORY_DAYS = 545
# "Days ago" of the oldest possible contact of someone who did not join recently.
_ALWAYS = 100_000
USAGE_WEEKS = 104
_CHUNK = 5000


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_FIRST = _words(
    "Aaliyah Aaron Abdul Ada Adrian Aiko Alejandro Alice Amir Ana Andrei Anika Arjun Astrid "
    "Beatriz Ben Bianca Bruno Carla Chen Chidi Chloe Daniel Dara Diego Dmitri Elena Elif Emeka "
    "Emma Erik Farah Felix Fiona Gabriel Hana Hassan Ines Ingrid Isaac Ivan Jamal Javier Jin "
    "Joao Julia Kai Kamala Karim Keiko Lars Leila Liam Lucia Mads Malik Marta Mateo Mei Mina "
    "Nadia Naveen Nia Noah Nora Olga Omar Paolo Priyanka Rafael Rania Ravi Rosa Sakura Samir "
    "Sara Sean Sofia Tariq Tomas Umar Valentina Viktor Wei Yara Yusuf Zainab Zoe"
)
_LAST = _words(
    "Abe Adeyemi Ahmed Alvarez Andersen Bakker Banerjee Becker Bianchi Brown Campbell Chen "
    "Costa Dubois Duarte Eriksen Fischer Fernandes Garcia Gupta Haddad Hansen Hoffmann Ibrahim "
    "Ivanova Jansen Jensen Kaur Kim Kowalski Kumar Larsen Laurent Lee Lindgren Lopez Martin "
    "Mensah Meyer Moreau Murphy Nakamura Nguyen Nielsen Novak O'Brien Okafor Olsen Park Patel "
    "Pereira Petrov Popescu Quinn Rahman Reyes Rossi Santos Sato Schmidt Silva Singh Smith "
    "Sokolova Suzuki Tanaka Taylor Torres Tran Varga Walsh Wang Weber Williams Wong Yilmaz "
    "Zhang Zimmermann"
)
_COMPANY_A = _words(
    "Amber Apex Arbor Atlas Aurora Beacon Birch Blue Bright Cascade Cedar Clear Cobalt Crest "
    "Delta Ember Evergreen Falcon Granite Harbor Helix Horizon Iron Juniper Keystone Lumen "
    "Maple Meridian Nova Oak Orion Pacific Pine Polar Prism Quartz Redwood Ridge Sable Sierra "
    "Silver Solstice Summit Terra Tidal Union Vertex Willow Zenith"
)
_COMPANY_B = (
    ("Logistics", "Logistics"),
    ("Health", "Healthcare"),
    ("Bank", "Banking"),
    ("Insurance", "Insurance"),
    ("Retail", "Retail"),
    ("Energy", "Energy"),
    ("Telecom", "Telecommunications"),
    ("Payments", "Financial services"),
    ("Foods", "Consumer goods"),
    ("Manufacturing", "Manufacturing"),
    ("Airlines", "Travel"),
    ("Media", "Media"),
    ("Software", "Software"),
    ("Pharma", "Life sciences"),
    ("Utilities", "Utilities"),
)
_DEPARTMENTS = (
    "Platform Engineering",
    "Site Reliability",
    "Infrastructure",
    "Security",
    "Data",
    "Applications",
    "IT Operations",
    "Digital",
    "Finance",
)
_EXEC_TITLES = (
    "Chief Technology Officer",
    "Chief Information Officer",
    "Chief Digital Officer",
    "VP Engineering",
    "VP Infrastructure",
    "Chief Information Security Officer",
)
_MANAGER_TITLES = ("Director, {d}", "Head of {d}", "{d} Manager", "Engineering Manager, {d}")
_PRACTITIONER_TITLES = ("Senior Engineer, {d}", "Engineer, {d}", "Analyst, {d}", "Lead, {d}")
_TAGS = (
    "uptime",
    "roi",
    "deployments",
    "app performance",
    "cost",
    "security",
    "compliance",
    "alert noise",
    "mttr",
    "kubernetes",
    "automation",
    "customer experience",
)
_TOPICS = (
    "the rollout plan",
    "alert tuning",
    "dashboards for the on-call team",
    "the renewal",
    "SLOs for customer-facing services",
    "an incident review",
    "cost allocation",
    "the product roadmap",
    "agent upgrades",
    "training for new engineers",
)
_KINDS = (
    (InteractionKind.MEETING, 30),
    (InteractionKind.CALL, 20),
    (InteractionKind.EMAIL, 20),
    (InteractionKind.CHAT, 20),
    (InteractionKind.QBR, 2),
    (InteractionKind.ONSITE, 2),
    (InteractionKind.TRAINING, 4),
    (InteractionKind.KICKOFF, 1),
)
_MINUTES = {
    InteractionKind.MEETING: (30, 45, 60),
    InteractionKind.CALL: (15, 30, 45),
    InteractionKind.EMAIL: (5, 10),
    InteractionKind.CHAT: (5, 10, 15),
    InteractionKind.QBR: (60, 90),
    InteractionKind.ONSITE: (240, 360),
    InteractionKind.TRAINING: (120, 180),
    InteractionKind.KICKOFF: (90, 120),
}
# How often someone in each role shows up in meetings, relative to the others.
_ROLE_WEIGHT = {
    DealRole.CHAMPION: 10.0,
    DealRole.PRIMARY_USER: 6.0,
    DealRole.TECHNICAL_BUYER: 4.0,
    DealRole.OPERATIONS_OWNER: 3.0,
    DealRole.SECONDARY_USER: 3.0,
    DealRole.COACH: 3.0,
    DealRole.INFLUENCER: 2.0,
    DealRole.ECONOMIC_BUYER: 1.5,
    DealRole.BLOCKER: 1.0,
    DealRole.OTHER: 1.0,
}
_TEAM_ROLES = (
    (TeamRole.TAM, 4),
    (TeamRole.ACCOUNT_EXECUTIVE, 3),
    (TeamRole.SOLUTION_ENGINEER, 2),
    (TeamRole.CUSTOMER_SUCCESS_MANAGER, 2),
    (TeamRole.EXECUTIVE_SPONSOR, 1),
)


@dataclass
class _Account:
    id: int
    size: int
    team: list[int] = field(default_factory=list)
    people: list[int] = field(default_factory=list)  # person ids, in tree order
    parent: list[int] = field(default_factory=list)  # index of the manager, -1 for a root
    roles: list[DealRole] = field(default_factory=list)
    # Days ago of the oldest and newest possible contact (joined / left), per person.
    earliest: list[int] = field(default_factory=list)
    latest: list[int] = field(default_factory=list)
    neighbours: list[list[int]] = field(default_factory=list)


@dataclass
class _Rows:
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, record: type[s.Base], row: dict[str, Any]) -> None:
        self.tables.setdefault(record.__tablename__, []).append(row)


def _sizes(rng: random.Random, accounts: int, people: int) -> list[int]:
    if accounts == 1:
        return [people]
    huge = min(HUGE_ACCOUNT, people * 2 // 5)
    rest = people - huge
    weights = [rng.uniform(0.4, 1.6) for _ in range(accounts - 1)]
    total = sum(weights)
    sizes = [max(3, int(rest * w / total)) for w in weights]
    # Rounding leaves a few people over (or short); settle them on the last account.
    sizes[-1] = max(3, sizes[-1] + rest - sum(sizes))
    return [huge, *sizes]


class _Generator:
    def __init__(
        self,
        accounts: int,
        people: int,
        interactions: int,
        seed: int,
        today: dt.date,
    ) -> None:
        if accounts < 1:
            raise ValueError("a portfolio needs at least one account")
        if people < 3 * accounts:
            raise ValueError("give at least three people per account")
        if interactions < 0:
            raise ValueError("the number of interactions cannot be negative")
        self.rng = random.Random(f"rapport-large/{seed}")
        self.today = today
        self.now = dt.datetime.combine(today, dt.time())
        self.n_interactions = interactions
        self.sizes = _sizes(self.rng, accounts, people)
        self.rows = _Rows()
        self.accounts: list[_Account] = []
        self.members: list[tuple[int, TeamRole]] = []
        self.roadmap: list[int] = []
        self.next_person = 1
        self.next_relationship = 1
        self.next_coverage = 1
        self.first_names: dict[int, str] = {}

    def day(self, days_ago: int) -> dt.date:
        return self.today - dt.timedelta(days=days_ago)

    # --- shared: team and roadmap -------------------------------------------------------------

    def team(self) -> None:
        rng = self.rng
        member_id = 0
        for role, count in _TEAM_ROLES:
            for _ in range(count):
                member_id += 1
                first, last = rng.choice(_FIRST), rng.choice(_LAST)
                self.rows.add(
                    s.TeamMember,
                    {
                        "id": member_id,
                        "name": f"{first} {last}",
                        "role": role,
                        "email": f"{_slug(first)}.{_slug(last)}@our-team.example",
                        "active": True,
                    },
                )
                self.members.append((member_id, role))
        statuses = (
            [RoadmapStatus.SHIPPED] * 4
            + [RoadmapStatus.IN_PROGRESS] * 3
            + [RoadmapStatus.PLANNED] * 3
            + [RoadmapStatus.NOT_PLANNED] * 2
        )
        features = (
            "OpenTelemetry ingestion",
            "Kubernetes cost insights",
            "Edge agent",
            "SLO burn-rate alerts",
            "Compliance report pack",
            "Teams alert routing",
            "Fleet dashboards",
            "Mobile RUM",
            "Interface-engine monitoring",
            "Model drift monitoring",
            "Data warehouse export",
            "Self-hosted deployment",
        )
        for item_id, (title, status) in enumerate(zip(features, statuses, strict=True), 1):
            offset = {
                RoadmapStatus.SHIPPED: -rng.randint(1, 4),
                RoadmapStatus.IN_PROGRESS: rng.randint(0, 1),
                RoadmapStatus.PLANNED: rng.randint(1, 3),
                RoadmapStatus.NOT_PLANNED: None,
            }[status]
            self.rows.add(
                s.RoadmapItem,
                {
                    "id": item_id,
                    "title": title,
                    "status": status,
                    "target_quarter": "" if offset is None else _quarter(self.today, offset),
                    "description": "",
                },
            )
            self.roadmap.append(item_id)

    # --- accounts and people ------------------------------------------------------------------

    def account(self, account_id: int, size: int, used: set[str]) -> _Account:
        rng = self.rng
        for attempt in itertools.count():
            word, (suffix, industry) = rng.choice(_COMPANY_A), rng.choice(_COMPANY_B)
            name = f"{word} {suffix}"
            if name in used:
                name = f"{word} {suffix} {rng.choice(('Group', 'Holdings', 'International'))}"
            if name in used and attempt >= 20:
                # Thousands of accounts exhaust the word lists; a number keeps names unique.
                name = f"{word} {suffix} {account_id}"
            if name not in used:
                used.add(name)
                break
        arr = round(rng.uniform(0.05, 1.5) * 1_000_000 * (3 if size >= 500 else 1), -3)
        self.rows.add(
            s.Account,
            {
                "id": account_id,
                "name": name,
                "industry": industry,
                "segment": "Enterprise" if size >= 60 else "Mid-market",
                "arr": arr,
                "currency": "USD",
                "renewal_date": self.today + dt.timedelta(days=rng.randint(15, 400)),
                "phase": rng.choice(list(Phase)),
                "it_maturity": rng.randint(1, 5),
                "security_maturity": rng.randint(1, 5),
                "scope": f"Monitoring of {rng.randint(2, 40) * size} hosts.",
                "health_override": None,
                "health_override_reason": "",
                "fiscal_year_start_month": rng.choice((1, 1, 1, 2, 4, 7)),
                "archived": False,
                "notes": "",
            },
        )
        account = _Account(account_id, size)
        tams = [m for m, r in self.members if r is TeamRole.TAM]
        others = [m for m, r in self.members if r is not TeamRole.TAM]
        account.team = [tams[(account_id - 1) % len(tams)], *rng.sample(others, rng.randint(1, 3))]
        for member_id in account.team:
            self.rows.add(s.AccountTeam, {"account_id": account_id, "member_id": member_id})
        self.people_of(account, _slug(word) + "-" + _slug(suffix) + ".example")
        return account

    def people_of(self, account: _Account, domain: str) -> None:
        rng = self.rng
        n = account.size
        second_root = n >= 20 and rng.random() < 0.3
        parent = [-1]
        for i in range(1, n):
            if i == 1 and second_root:
                parent.append(-1)
            else:
                parent.append(rng.randint((i - 1) // 6, (i - 1) // 3))
        children: list[list[int]] = [[] for _ in range(n)]
        depth = [0] * n
        department = [""] * n
        for i in range(n):
            if parent[i] >= 0:
                children[parent[i]].append(i)
                depth[i] = depth[parent[i]] + 1
                department[i] = rng.choice(_DEPARTMENTS) if depth[i] == 1 else department[parent[i]]
            else:
                department[i] = "Technology"
        levels = [
            Level.EXECUTIVE
            if depth[i] == 0 or (depth[i] == 1 and n >= 40 and i % 3 == 0)
            else Level.MANAGEMENT
            if children[i]
            else Level.OPERATIONS
            for i in range(n)
        ]
        roles = [self.role(levels[i], rng) for i in range(n)]
        roles[0] = DealRole.ECONOMIC_BUYER
        managers = [i for i in range(n) if levels[i] is Level.MANAGEMENT]
        for i in rng.sample(managers, min(len(managers), 1 + n // 400)) or [n - 1]:
            roles[i] = DealRole.CHAMPION
        account.parent = parent
        account.roles = roles
        seen_emails: set[str] = set()
        for i in range(n):
            person_id = self.next_person
            self.next_person += 1
            account.people.append(person_id)
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            self.first_names[person_id] = first
            email = f"{_slug(first)}.{_slug(last)}"
            if email in seen_emails:
                email += str(i)
            seen_emails.add(email)
            level, role = levels[i], roles[i]
            attitude = rng.choices((-2, -1, 0, 1, 2), (3, 10, 40, 35, 12))[0]
            if role is DealRole.CHAMPION:
                attitude = rng.choice((1, 2))
            elif role is DealRole.BLOCKER:
                attitude = rng.choice((-2, -1))
            roll = rng.random()
            status = PersonStatus.ACTIVE
            left = joined = None
            earliest, latest = _ALWAYS, 1
            if i > 0 and roll < 0.03:
                status, left = PersonStatus.LEFT, rng.randint(10, 400)
                latest = left + 1
            elif i > 0 and roll < 0.04:
                status = PersonStatus.ON_LEAVE
            elif i > 0 and roll < 0.07:
                joined = rng.randint(5, 90)
                earliest = joined
            account.earliest.append(earliest)
            account.latest.append(latest)
            influence = {
                Level.EXECUTIVE: rng.randint(4, 5),
                Level.MANAGEMENT: rng.randint(2, 4),
                Level.OPERATIONS: rng.randint(1, 3),
            }[level]
            department_name = department[i]
            self.rows.add(
                s.Person,
                {
                    "id": person_id,
                    "account_id": account.id,
                    "name": f"{first} {last}",
                    "title": self.title(level, department_name, rng),
                    "department": department_name,
                    "email": f"{email}@{domain}",
                    "phone": f"+1 555 01{i % 100:02d}",
                    "level": level,
                    "role": role,
                    "influence": influence,
                    "attitude": attitude,
                    "interest": rng.randint(1, 5),
                    "cares_about": sorted(rng.sample(_TAGS, rng.randint(1, 3))),
                    "channel": rng.choice(list(Channel)),
                    "cadence_days": rng.choice((21, 45, 60)) if rng.random() < 0.05 else None,
                    "status": status,
                    "joined_on": self.day(joined) if joined is not None else None,
                    "left_on": self.day(left) if left is not None else None,
                    "notes": "",
                },
            )
            if rng.random() < 0.05:
                old = max(-2, min(2, attitude + rng.choice((-1, 1))))
                if old != attitude:
                    self.rows.add(
                        s.AttitudeChange,
                        {
                            "person_id": person_id,
                            "changed_on": self.day(rng.randint(1, 400)),
                            "old_attitude": old,
                            "new_attitude": attitude,
                        },
                    )
        account.neighbours = [
            ([parent[i]] if parent[i] >= 0 else []) + children[i] for i in range(n)
        ]
        self.links(account, children)
        self.coverage(account, levels)

    @staticmethod
    def role(level: Level, rng: random.Random) -> DealRole:
        if level is Level.EXECUTIVE:
            return rng.choice((DealRole.INFLUENCER, DealRole.TECHNICAL_BUYER, DealRole.OTHER))
        if level is Level.MANAGEMENT:
            return rng.choices(
                (
                    DealRole.TECHNICAL_BUYER,
                    DealRole.COACH,
                    DealRole.INFLUENCER,
                    DealRole.OPERATIONS_OWNER,
                    DealRole.BLOCKER,
                    DealRole.OTHER,
                ),
                (15, 10, 30, 20, 5, 20),
            )[0]
        return rng.choices(
            (
                DealRole.PRIMARY_USER,
                DealRole.SECONDARY_USER,
                DealRole.OPERATIONS_OWNER,
                DealRole.INFLUENCER,
                DealRole.OTHER,
            ),
            (30, 40, 10, 5, 15),
        )[0]

    @staticmethod
    def title(level: Level, department: str, rng: random.Random) -> str:
        if level is Level.EXECUTIVE:
            return rng.choice(_EXEC_TITLES)
        pool = _MANAGER_TITLES if level is Level.MANAGEMENT else _PRACTITIONER_TITLES
        return rng.choice(pool).format(d=department)

    def relationship(
        self, account: _Account, kind: RelationKind, a: int, b: int, strength: int = 1
    ) -> None:
        self.rows.add(
            s.Relationship,
            {
                "id": self.next_relationship,
                "account_id": account.id,
                "kind": kind,
                "source_id": account.people[a],
                "target_id": account.people[b],
                "strength": strength,
                "notes": "",
            },
        )
        self.next_relationship += 1

    def links(self, account: _Account, children: list[list[int]]) -> None:
        rng = self.rng
        n = account.size
        parent = account.parent
        for i in range(1, n):
            if parent[i] >= 0:
                self.relationship(account, RelationKind.REPORTS_TO, i, parent[i])
        influences: set[tuple[int, int]] = set()
        for i in range(n):
            for _ in range(rng.choices((0, 1, 2, 3), (15, 40, 35, 10))[0]):
                roll = rng.random()
                if roll < 0.45 and parent[i] >= 0:
                    up = parent[parent[i]] if parent[parent[i]] >= 0 else parent[i]
                    target = rng.choice([up, *children[up]])
                elif roll < 0.8 and parent[i] >= 0:
                    target = rng.choice(children[parent[i]])
                else:
                    target = rng.randrange(n)
                if target != i and (i, target) not in influences:
                    influences.add((i, target))
        for a, b in sorted(influences):
            self.relationship(account, RelationKind.INFLUENCES, a, b, rng.randint(1, 3))
        for kind in (RelationKind.ALLY, RelationKind.CONFLICT):
            pairs: set[tuple[int, int]] = set()
            for _ in range(max(1, n // 15)):
                a, b = rng.randrange(n), rng.randrange(n)
                if a != b:
                    # Stored with the lower person id first, as the workspace stores them.
                    pairs.add((min(a, b), max(a, b)))
            for a, b in sorted(pairs):
                self.relationship(account, kind, a, b)

    def coverage(self, account: _Account, levels: Sequence[Level]) -> None:
        rng = self.rng
        pairs: set[tuple[int, int]] = set()
        for i, level in enumerate(levels):
            role = account.roles[i]
            chance = {Level.EXECUTIVE: 0.9, Level.MANAGEMENT: 0.35, Level.OPERATIONS: 0.1}[level]
            if role is DealRole.CHAMPION:
                chance = 1.0
            if rng.random() >= chance:
                continue
            owners = [account.team[0] if level is not Level.EXECUTIVE else account.team[-1]]
            if rng.random() < 0.3:
                owners.append(rng.choice(account.team))
            for position, member in enumerate(owners):
                if (member, i) in pairs:
                    continue
                pairs.add((member, i))
                current = rng.choice(list(RelationshipLevel)[1:])
                desired = max(current, rng.choice(list(RelationshipLevel)[2:]), key=_rank)
                self.rows.add(
                    s.Coverage,
                    {
                        "id": self.next_coverage,
                        "member_id": member,
                        "person_id": account.people[i],
                        "kind": CoverageKind.OWNS if position == 0 else CoverageKind.KNOWS,
                        "current_level": current,
                        "desired_level": desired,
                        "notes": "",
                    },
                )
                self.next_coverage += 1

    # --- interactions -------------------------------------------------------------------------

    def interactions(self, progress: Callable[[float], None] | None) -> None:
        rng = self.rng
        total_people = sum(self.sizes)
        counts = [self.n_interactions * a.size // total_people for a in self.accounts]
        counts[0] += self.n_interactions - sum(counts)
        kinds = [k for k, _ in _KINDS]
        kind_weights = list(itertools.accumulate(w for _, w in _KINDS))
        interaction_id = 0
        people_rows = self.rows.tables.setdefault(s.InteractionPerson.__tablename__, [])
        member_rows = self.rows.tables.setdefault(s.InteractionMember.__tablename__, [])
        interaction_rows = self.rows.tables.setdefault(s.Interaction.__tablename__, [])
        for number, (account, count) in enumerate(zip(self.accounts, counts, strict=True)):
            weights = list(itertools.accumulate(_ROLE_WEIGHT[r] for r in account.roles))
            everyone = range(account.size)
            for _ in range(count):
                interaction_id += 1
                days_ago = rng.randint(1, HISTORY_DAYS)
                weekday = self.day(days_ago).weekday()
                if weekday >= 5:
                    days_ago += weekday - 4
                when = self.now - dt.timedelta(
                    days=days_ago, hours=-rng.randint(8, 17), minutes=-rng.choice((0, 15, 30, 45))
                )
                kind = rng.choices(kinds, cum_weights=kind_weights)[0]
                wanted = rng.choices((1, 2, 3, 4), (45, 30, 15, 10))[0]
                # A hub weighted by role, then mostly people next to them in the org chart.
                hub = rng.choices(everyone, cum_weights=weights)[0]
                near = account.neighbours[hub]
                candidates = [hub] + [
                    rng.choice(near) if near and rng.random() < 0.7 else rng.randrange(account.size)
                    for _ in range(wanted - 1)
                ]
                chosen: list[int] = []
                for c in candidates:
                    if c not in chosen and account.latest[c] <= days_ago <= account.earliest[c]:
                        chosen.append(c)
                if not chosen:
                    # The first root never joins or leaves: always a valid attendee.
                    chosen = [0]
                first = self.first_names[account.people[chosen[0]]]
                interaction_rows.append(
                    {
                        "id": interaction_id,
                        "account_id": account.id,
                        "occurred_at": when,
                        "kind": kind,
                        "duration_minutes": rng.choice(_MINUTES[kind]),
                        "summary": f"{kind.label} with {first} about {rng.choice(_TOPICS)}.",
                        "sentiment": rng.choices((-2, -1, 0, 1, 2), (2, 8, 40, 38, 12))[0],
                        "external_id": None,
                    }
                )
                for i in chosen:
                    people_rows.append(
                        {"interaction_id": interaction_id, "person_id": account.people[i]}
                    )
                team = account.team if rng.random() < 0.3 else account.team[:1]
                for member in team[:2]:
                    member_rows.append({"interaction_id": interaction_id, "member_id": member})
            if progress is not None:
                progress(0.5 * (number + 1) / len(self.accounts))

    # --- QBR facts ----------------------------------------------------------------------------

    def facts(self, account: _Account, ids: dict[str, int]) -> None:
        rng = self.rng
        people = account.people
        champions = [people[i] for i, r in enumerate(account.roles) if r is DealRole.CHAMPION]

        def next_id(table: str) -> int:
            ids[table] = ids.get(table, 0) + 1
            return ids[table]

        for name, unit, start in (
            ("Active users", "users", account.size * rng.uniform(0.2, 0.5)),
            ("Hosts covered", "hosts", account.size * rng.uniform(5, 30)),
        ):
            metric_id = next_id("metrics")
            self.rows.add(
                s.UsageMetric,
                {"id": metric_id, "account_id": account.id, "name": name, "unit": unit},
            )
            growth = rng.uniform(-0.2, 0.8)
            for week in range(USAGE_WEEKS, -1, -1):
                share = 1 - week / USAGE_WEEKS
                value = start * (1 + growth * share) * (1 + rng.gauss(0, 0.02))
                self.rows.add(
                    s.UsagePoint,
                    {
                        "metric_id": metric_id,
                        "measured_on": self.day(week * 7),
                        "value": round(max(0.0, value)),
                    },
                )
        for _ in range(rng.randint(3, 8)):
            self.rows.add(
                s.Win,
                {
                    "id": next_id("wins"),
                    "account_id": account.id,
                    "won_on": self.day(rng.randint(1, 400)),
                    "title": rng.choice(
                        ("Alert noise cut", "Faster incident response", "Tool consolidated")
                    ),
                    "impact_value": float(rng.randint(5, 500)),
                    "impact_unit": rng.choice(
                        ("hours saved per month", "orders no longer delayed", "USD saved")
                    ),
                    "impact_description": "",
                    "champion_id": rng.choice(champions) if champions else None,
                },
            )
        for _ in range(rng.randint(5, 5 + account.size // 20)):
            opened = rng.randint(1, 500)
            severity = rng.choices(list(Severity), (1, 5, 20, 10))[0]
            resolved_after = rng.randint(0, 30)
            done = resolved_after < opened
            self.rows.add(
                s.Ticket,
                {
                    "id": next_id("tickets"),
                    "account_id": account.id,
                    "reference": f"T-{ids['tickets']:06d}",
                    "title": rng.choice(("Agent install fails", "Dashboard slow", "Alert late")),
                    "severity": severity,
                    "status": (
                        TicketStatus.CLOSED
                        if done
                        else rng.choice((TicketStatus.OPEN, TicketStatus.IN_PROGRESS))
                    ),
                    "opened_on": self.day(opened),
                    "resolved_on": self.day(opened - resolved_after) if done else None,
                },
            )
        for _ in range(rng.randint(0, 3)):
            self.rows.add(
                s.Incident,
                {
                    "id": next_id("incidents"),
                    "account_id": account.id,
                    "occurred_on": self.day(rng.randint(1, 400)),
                    "title": "Service degradation",
                    "severity": rng.choice((Severity.SEV1, Severity.SEV2, Severity.SEV3)),
                    "duration_minutes": rng.randint(5, 240),
                    "impact_value": float(rng.randint(10, 5000)),
                    "impact_unit": "orders delayed",
                    "business_impact": "",
                },
            )
        for _ in range(rng.randint(2, 6)):
            self.rows.add(
                s.CustomerRequest,
                {
                    "id": next_id("requests"),
                    "account_id": account.id,
                    "title": rng.choice(_TOPICS).capitalize(),
                    "requested_on": self.day(rng.randint(1, 400)),
                    "priority": rng.randint(1, 5),
                    "requester_id": rng.choice(people),
                    "roadmap_item_id": rng.choice([*self.roadmap, None]),
                    "notes": "",
                },
            )
        for _ in range(rng.randint(2, 4)):
            self.rows.add(
                s.Goal,
                {
                    "id": next_id("goals"),
                    "account_id": account.id,
                    "title": rng.choice(("Cut MTTR", "Adopt SLOs", "Retire legacy monitoring")),
                    "owner": "",
                    "target": "",
                    "due_on": self.day(-rng.randint(-60, 200)),
                    "progress": float(rng.randint(0, 100)),
                    "status": rng.choice(list(GoalStatus)),
                },
            )
        for _ in range(rng.randint(1, 3)):
            self.rows.add(
                s.Risk,
                {
                    "id": next_id("risks"),
                    "account_id": account.id,
                    "title": rng.choice(("Champion may leave", "Budget cut", "Competitor")),
                    "level": rng.choice(list(RiskLevel)),
                    "status": rng.choice(list(RiskStatus)),
                    "owner_id": rng.choice(account.team),
                    "raised_on": self.day(rng.randint(1, 300)),
                    "mitigation": "",
                },
            )
        for _ in range(rng.randint(2, 6)):
            created = rng.randint(1, 300)
            self.rows.add(
                s.ActionItem,
                {
                    "id": next_id("actions"),
                    "account_id": account.id,
                    "title": rng.choice(("Send the value summary", "Book the QBR", "Training")),
                    "owner_id": rng.choice(account.team),
                    "due_on": self.day(created - rng.randint(7, 60)),
                    "status": rng.choice(list(ActionStatus)),
                    "created_on": self.day(created),
                },
            )

    # --- the whole portfolio ------------------------------------------------------------------

    def build(self, progress: Callable[[float], None] | None) -> None:
        self.team()
        used: set[str] = set()
        for account_id, size in enumerate(self.sizes, 1):
            self.accounts.append(self.account(account_id, size, used))
        self.interactions(progress)
        ids: dict[str, int] = {}
        for account in self.accounts:
            self.facts(account, ids)


def _rank(level: RelationshipLevel) -> int:
    return level.rank


def _slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _quarter(today: dt.date, offset: int) -> str:
    index = today.year * 4 + (today.month - 1) // 3 + offset
    return f"{index // 4}-Q{index % 4 + 1}"


def generate(
    ws: Workspace,
    *,
    accounts: int,
    people: int,
    interactions: int,
    seed: int,
    today: dt.date,
    progress: Callable[[float], None] | None = None,
) -> None:
    """Build the portfolio in memory, then write it in one transaction (see the module doc)."""
    generator = _Generator(accounts, people, interactions, seed, today)
    generator.build(progress)
    tables = [t for t in s.Base.metadata.sorted_tables if t.name in generator.rows.tables]
    total = sum(len(generator.rows.tables[t.name]) for t in tables) or 1
    written = 0
    with ws.engine.begin() as conn:
        for table in tables:
            rows = generator.rows.tables[table.name]
            for start in range(0, len(rows), _CHUNK):
                chunk = rows[start : start + _CHUNK]
                conn.execute(insert(table), chunk)
                written += len(chunk)
                if progress is not None:
                    progress(0.5 + 0.5 * written / total)
    changes = ChangeSet()
    for row in generator.rows.tables[s.Account.__tablename__]:
        changes.add(Change(ChangeKind.ADDED, s.Account.__tablename__, (row["id"],), row["id"]))
    ws.changed.emit(changes)


__all__ = ["generate"]
