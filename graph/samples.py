"""The built-in sample portfolio, and large generated portfolios for benchmarks and tests.

``write_sample(ws, today)`` fills an empty workspace with four accounts that each tell a
different story, so a new user (and every screenshot) sees each signal of graph.signals on
believable data. Our side is Cairn Observability: five team members (TAM, account executive,
solution engineer, CSM, executive sponsor) and a shared roadmap of 14 items.

- **Cobalt Ridge Health** (hospital network, onboarding after a proof of concept; amber):
  ``no_operations_relationship`` (the engineers who will run the product were last seen in the
  PoC, or never), ``single_threaded_team`` (Priya, the solution engineer, holds every
  relationship: the handover is the next step), ``single_champion``. Most of its people were
  never contacted; Adam Pierce, their PoC lead, has left; Leah Donovan joined last month.
- **Kestrel Freight Systems** (logistics, steady state; green): only ``single_champion``
  (Janet O'Neill), a few people due or overdue, a security analyst never contacted.
- **Harbourline Retail Group** (retail, renewal within three months; red):
  ``overdue_executive`` (CEO, CFO, CIO and the new VP Engineering), ``no_executive_contact``,
  ``no_champion`` (Rebecca Lowe, the champion, left), ``unowned_detractor`` (Stefan Varga, the
  new VP Engineering evaluating a competitor, whom nobody on our team knows). Attitudes slide
  over the last two quarters, usage declines, a flash-sale incident hurt our credibility.
- **Tidewater Payments** (card payments, expanding after an upsell; green, no flags): two
  champions, every level covered, usage growing. Elena Sokolova is the *broker*: the only
  influence bridge from platform engineering to the risk organisation, so her departure
  (graph.departure) cuts over a hundred influence paths. Her name is the file's ``broker``.

Every account has people due and overdue for contact, someone who left, someone who joined in
the last quarter, attitude changes and six quarters of interactions (graph._sample_history).
QBR facts are spread so that every account has wins in each of the last four quarters and the
portfolio has tickets, incidents, requests and usage in each of them.

The hand-written parts (companies, people, org charts, links, coverage, QBR facts) live in
``resources/sample/*.json``; everything dated is generated relative to ``today`` (interactions,
usage points, ticket and renewal dates), so the sample always looks current. Given the same
``today`` the sample is identical, record for record.

``write_large`` generates big portfolios (graph._sample_large) for benchmarks and tests.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import unicodedata
from collections.abc import Callable, Sequence
from importlib.resources import files
from typing import Any, cast

from graph import schema as s
from graph._sample_history import HISTORY_DAYS, Planned, plan_history, snap_to_weekday
from graph.cadence import Cadence, cadence_for
from graph.errors import ValidationError
from graph.sample_rows import SampleRows
from graph.vocabulary import (
    ActionStatus,
    Channel,
    CoverageKind,
    DealRole,
    GoalStatus,
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

ACCOUNT_FILES: tuple[str, ...] = ("cobalt-ridge", "kestrel-freight", "harbourline", "tidewater")
USAGE_WEEKS = 104


def load_json(name: str) -> dict[str, Any]:
    """One of the sample's data files, ``resources/sample/<name>.json``."""
    text = files("resources.sample").joinpath(f"{name}.json").read_text(encoding="utf-8")
    return cast(dict[str, Any], json.loads(text))


def _ensure_empty(ws: Workspace) -> None:
    kinds: tuple[type[s.Base], ...] = (s.Account, s.TeamMember, s.RoadmapItem)
    if any(ws.find(kind) for kind in kinds):
        raise ValidationError("a sample portfolio can only be written into an empty workspace")


def write_sample(ws: Workspace, today: dt.date | None = None) -> None:
    """Fill the empty workspace ``ws`` with the sample portfolio, in one transaction."""
    today = today or ws.today()
    _ensure_empty(ws)
    team = load_json("team")
    notes = load_json("notes")
    accounts = [(name, load_json(name)) for name in ACCOUNT_FILES]
    defaults = ws.cadence_defaults()
    # No history: the sample stands for two years that never happened in this file; logged as
    # added today, every as-of read before today would find an empty portfolio. Its records'
    # own dates (joined_on, raised_on, ...) tell its past, as for a file migrated to version 4.
    # (SampleRows writes with Core inserts, which the change log does not see.)
    rows = SampleRows(ws)
    team_records = [
        rows.add(s.TeamMember(name=m["name"], role=TeamRole(m["role"]), email=m["email"]))
        for m in team["members"]
    ]
    roadmap_records = [
        rows.add(
            s.RoadmapItem(
                title=item["title"],
                status=RoadmapStatus(item["status"]),
                target_quarter=_quarter_label(today, item["quarter"]),
                description=item["description"],
            )
        )
        for item in team["roadmap"]
    ]
    members = {m["key"]: r.id for m, r in zip(team["members"], team_records, strict=True)}
    roadmap = {i["key"]: r.id for i, r in zip(team["roadmap"], roadmap_records, strict=True)}
    for name, data in accounts:
        _AccountWriter(rows, name, data, today, members, roadmap, notes, defaults).write()
    rows.write()


def _quarter_label(today: dt.date, offset: int | None) -> str:
    if offset is None:
        return ""
    index = today.year * 4 + (today.month - 1) // 3 + offset
    return f"{index // 4}-Q{index % 4 + 1}"


def _email_part(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = ["".join(ch for ch in w if ch.isalnum()) for w in plain.lower().split()]
    return ".".join(w for w in words if w)


def interpolate(points: Sequence[Sequence[float]], days_ago: float) -> float:
    """Value at ``days_ago`` on a line through (days ago, value) keyframes, oldest first."""
    if days_ago >= points[0][0]:
        return float(points[0][1])
    for (a_ago, a_val), (b_ago, b_val) in itertools.pairwise(points):
        if b_ago <= days_ago <= a_ago:
            share = (a_ago - days_ago) / (a_ago - b_ago) if a_ago != b_ago else 1.0
            return float(a_val + (b_val - a_val) * share)
    return float(points[-1][1])


class _AccountWriter:
    """Writes one account of the sample from its JSON data."""

    def __init__(
        self,
        rows: SampleRows,
        slug: str,
        data: dict[str, Any],
        today: dt.date,
        members: dict[str, int],
        roadmap: dict[str, int],
        notes: dict[str, Any],
        defaults: dict[DealRole, tuple[int, int]],
    ) -> None:
        self.rows = rows
        self.slug = slug
        self.data = data
        self.today = today
        self.members = members
        self.member_names = {m["key"]: m["name"].split()[0] for m in load_json("team")["members"]}
        self.roadmap = roadmap
        self.notes = notes
        self.defaults = defaults
        # One stream per account, so editing one account's file leaves the others unchanged.
        self.rng = random.Random(f"rapport-sample/{slug}")
        self.people: dict[str, int] = {}
        self.account_id = 0

    # --- helpers ------------------------------------------------------------------------------

    def add(self, record: s.Base) -> int:
        self.rows.add(record)
        return cast(int, getattr(record, "id", 0))

    def day(self, days_ago: int) -> dt.date:
        return self.today - dt.timedelta(days=days_ago)

    def person(self, name: str) -> int:
        if name not in self.people:
            raise ValueError(f"{self.slug}.json: {name!r} is not a person of this account")
        return self.people[name]

    def member(self, key: str) -> int:
        if key not in self.members:
            raise ValueError(f"{self.slug}.json: {key!r} is not a member of our team")
        return self.members[key]

    def maybe_person(self, name: str | None) -> int | None:
        return None if name is None else self.person(name)

    def maybe_member(self, key: str | None) -> int | None:
        return None if key is None else self.member(key)

    # --- the account --------------------------------------------------------------------------

    def write(self) -> None:
        fields = dict(self.data["account"])
        fields["phase"] = Phase(fields["phase"])
        fields["renewal_date"] = self.today + dt.timedelta(days=self.data["renewal_in_days"])
        self.account_id = self.add(s.Account(**fields))
        for key in self.data["team"]:
            self.rows.add(s.AccountTeam(account_id=self.account_id, member_id=self.member(key)))
        self.write_people()
        self.write_links()
        self.write_history()
        self.write_facts()
        self.write_usage()

    def write_people(self) -> None:
        domain = self.data["email_domain"]
        phones = self.data["phone_format"]
        for index, p in enumerate(self.data["people"]):
            status = PersonStatus(p.get("status", "left" if "left" in p else "active"))
            record = s.Person(
                account_id=self.account_id,
                name=p["name"],
                title=p["title"],
                department=p["dept"],
                email=f"{_email_part(p['name'])}@{domain}",
                phone=phones.format(index),
                level=Level(p["level"]),
                role=DealRole(p["role"]),
                influence=p.get("influence", 3),
                attitude=p.get("attitude", 0),
                interest=p.get("interest", 3),
                cares_about=list(p.get("cares", [])),
                channel=Channel(p.get("channel", "email")),
                cadence_days=p.get("cadence"),
                status=status,
                joined_on=self.day(p["joined"]) if "joined" in p else None,
                left_on=self.day(p["left"]) if "left" in p else None,
                notes=p.get("notes", ""),
            )
            if record.name in self.people:
                raise ValueError(f"{self.slug}.json: {record.name!r} appears twice")
            self.people[record.name] = self.add(record)
        self.write_attitude_history()

    def write_attitude_history(self) -> None:
        current = {p["name"]: p.get("attitude", 0) for p in self.data["people"]}
        changes: dict[str, list[tuple[int, int, int]]] = {}
        for name, ago, old, new in self.data.get("attitude_changes", []):
            changes.setdefault(name, []).append((ago, old, new))
        for name, history in changes.items():
            history.sort(reverse=True)
            # The history must chain and end at today's attitude, or the QBR would contradict it.
            for (_, _, new), (_, old, _) in itertools.pairwise(history):
                if new != old:
                    raise ValueError(f"{self.slug}.json: attitude history of {name} does not chain")
            if history[-1][2] != current[name]:
                raise ValueError(f"{self.slug}.json: attitude history of {name} ends elsewhere")
            for ago, old, new in history:
                self.rows.add(
                    s.AttitudeChange(
                        person_id=self.person(name),
                        changed_on=self.day(ago),
                        old_attitude=old,
                        new_attitude=new,
                    )
                )

    def link(self, kind: RelationKind, source: str, target: str, strength: int = 1) -> None:
        self.rows.add(
            s.Relationship(
                account_id=self.account_id,
                kind=kind,
                source_id=self.person(source),
                target_id=self.person(target),
                strength=strength,
            )
        )

    def write_links(self) -> None:
        for p in self.data["people"]:
            if "manager" in p:
                self.link(RelationKind.REPORTS_TO, p["name"], p["manager"])
        for source, target, strength in self.data.get("influences", []):
            self.link(RelationKind.INFLUENCES, source, target, strength)
        for a, b in self.data.get("allies", []):
            self.link(RelationKind.ALLY, a, b)
        for a, b in self.data.get("conflicts", []):
            self.link(RelationKind.CONFLICT, a, b)
        for key, name, kind, current, desired in self.data.get("coverage", []):
            self.rows.add(
                s.Coverage(
                    member_id=self.member(key),
                    person_id=self.person(name),
                    kind=CoverageKind(kind),
                    current_level=RelationshipLevel(current),
                    desired_level=RelationshipLevel(desired),
                )
            )

    # --- interactions -------------------------------------------------------------------------

    def cadences(self) -> dict[str, Cadence]:
        return {
            p["name"]: cadence_for(
                DealRole(p["role"]), Level(p["level"]), p.get("cadence"), self.defaults
            )
            for p in self.data["people"]
        }

    def attitude_on(self, name: str, days_ago: int) -> int:
        value: int = next(p.get("attitude", 0) for p in self.data["people"] if p["name"] == name)
        changes = [c for c in self.data.get("attitude_changes", []) if c[0] == name]
        for _, ago, old, _new in sorted(changes, key=lambda c: c[1]):
            if ago < days_ago:
                value = old
        return value

    def sentiment(self, item: Planned) -> int:
        attitudes = [self.attitude_on(n, item.days_ago) for n in item.people]
        mood = interpolate(self.data.get("mood", [[HISTORY_DAYS, 0], [0, 0]]), item.days_ago)
        value = 0.6 * sum(attitudes) / len(attitudes) + mood + self.rng.uniform(-0.7, 0.7)
        return max(-2, min(2, round(value)))

    def topics(self, name: str, days_ago: int) -> list[str]:
        """What we would talk about with ``name`` then: their own topics, or their level's.

        An entry is a text, or ``[text, from, to]`` (days ago) for a topic of one period only,
        so nobody discusses the go-live plan a year before the contract.
        """
        person = next(p for p in self.data["people"] if p["name"] == name)
        entries = person.get("topics") or self.data["topics"][person["level"]]
        current = [
            e if isinstance(e, str) else e[0]
            for e in entries
            if isinstance(e, str) or e[1] >= days_ago >= e[2]
        ]
        return current or [e for e in entries if isinstance(e, str)] or [entries[0][0]]

    def summary(self, item: Planned, sentiment: int) -> str:
        if item.summary:
            return item.summary
        rng = random.Random(f"{self.slug}/{item.days_ago}/{item.people[0]}/{item.topic_seed}")
        firsts = [n.split()[0] for n in item.people]
        names = firsts[0] if len(firsts) == 1 else ", ".join(firsts[:-1]) + " and " + firsts[-1]
        topics = self.topics(item.people[0], item.days_ago)
        reviewed = self.day(item.days_ago + 45)
        values = {
            "first": firsts[0],
            "names": names,
            "member": self.member_names[item.team[0]],
            "topic": rng.choice(topics),
            "quarter": f"Q{(reviewed.month - 1) // 3 + 1} {reviewed.year}",
        }
        template = rng.choice(self.notes["kinds"][item.kind.value])
        mood = rng.choice(self.notes["mood"][str(sentiment)])
        follow_up = rng.choice(self.notes["next"])
        text = template.format(
            mood=mood.format(**values), next=follow_up.format(**values), **values
        )
        return " ".join(text.split())

    def write_history(self) -> None:
        plan = plan_history(self.data, self.cadences(), self.today, self.rng)
        for item in plan:
            sentiment = self.sentiment(item)
            when = dt.datetime.combine(self.day(item.days_ago), dt.time(item.hour, item.minute))
            interaction = s.Interaction(
                account_id=self.account_id,
                occurred_at=when,
                kind=item.kind,
                duration_minutes=item.minutes,
                summary=self.summary(item, sentiment),
                sentiment=sentiment,
            )
            self.add(interaction)
            for name in item.people:
                self.rows.add_row(
                    s.InteractionPerson, interaction_id=interaction.id, person_id=self.person(name)
                )
            for key in item.team:
                self.rows.add_row(
                    s.InteractionMember, interaction_id=interaction.id, member_id=self.member(key)
                )

    # --- QBR facts ----------------------------------------------------------------------------

    def write_facts(self) -> None:
        d, add, aid = self.data, self.rows.add, self.account_id
        for g in d.get("goals", []):
            add(
                s.Goal(
                    account_id=aid,
                    title=g["title"],
                    owner=g.get("owner", ""),
                    target=g.get("target", ""),
                    due_on=self.today + dt.timedelta(days=g["due_in"]),
                    progress=g.get("progress", 0),
                    status=GoalStatus(g.get("status", "not_started")),
                )
            )
        for w in d.get("wins", []):
            add(
                s.Win(
                    account_id=aid,
                    won_on=self.day(snap_to_weekday(self.today, w["ago"])),
                    title=w["title"],
                    impact_value=w.get("value"),
                    impact_unit=w.get("unit", ""),
                    impact_description=w.get("impact", ""),
                    champion_id=self.maybe_person(w.get("champion")),
                )
            )
        self.write_tickets()
        for i in d.get("incidents", []):
            add(
                s.Incident(
                    account_id=aid,
                    occurred_on=self.day(i["ago"]),
                    title=i["title"],
                    severity=Severity(i["sev"]),
                    duration_minutes=i.get("minutes", 0),
                    impact_value=i.get("value"),
                    impact_unit=i.get("unit", ""),
                    business_impact=i.get("impact", ""),
                )
            )
        for r in d.get("requests", []):
            item = r.get("item")
            add(
                s.CustomerRequest(
                    account_id=aid,
                    title=r["title"],
                    requested_on=self.day(r["ago"]),
                    priority=r.get("priority", 3),
                    requester_id=self.maybe_person(r.get("by")),
                    roadmap_item_id=self.roadmap[item] if item is not None else None,
                    notes=r.get("notes", ""),
                )
            )
        for r in d.get("risks", []):
            add(
                s.Risk(
                    account_id=aid,
                    title=r["title"],
                    level=RiskLevel(r["level"]),
                    status=RiskStatus(r.get("status", "open")),
                    owner_id=self.maybe_member(r.get("owner")),
                    raised_on=self.day(r["ago"]),
                    mitigation=r.get("mitigation", ""),
                )
            )
        for a in d.get("actions", []):
            add(
                s.ActionItem(
                    account_id=aid,
                    title=a["title"],
                    owner_id=self.maybe_member(a.get("owner")),
                    due_on=self.today + dt.timedelta(days=a["due_in"]),
                    status=ActionStatus(a.get("status", "open")),
                    created_on=self.day(a["ago"]),
                )
            )

    def write_tickets(self) -> None:
        prefix = "".join(w[0] for w in self.data["account"]["name"].split()).upper()
        number = 4000 + self.rng.randint(100, 900)
        for t in sorted(self.data.get("tickets", []), key=lambda t: -t["ago"]):
            number += self.rng.randint(7, 60)
            opened = self.day(t["ago"])
            resolved: dt.date | None = None
            if "days" in t:
                resolved = min(self.today, opened + dt.timedelta(days=t["days"]))
                # Support closes a ticket once the fix has held for a month.
                status = TicketStatus.CLOSED if (self.today - resolved).days > 30 else None
                status = status or TicketStatus.RESOLVED
            else:
                status = TicketStatus(t.get("status", "open"))
            self.rows.add(
                s.Ticket(
                    account_id=self.account_id,
                    reference=f"{prefix}-{number}",
                    title=t["title"],
                    severity=Severity(t["sev"]),
                    status=status,
                    opened_on=opened,
                    resolved_on=resolved,
                )
            )

    def write_usage(self) -> None:
        for m in self.data.get("metrics", []):
            metric = self.rows.add(
                s.UsageMetric(account_id=self.account_id, name=m["name"], unit=m.get("unit", ""))
            )
            points: list[list[float]] = m["points"]
            decimals = int(m.get("decimals", 0))
            ceiling = 100.0 if m.get("unit") == "%" else float("inf")
            for week in range(USAGE_WEEKS, -1, -1):
                ago = week * 7
                if ago > points[0][0]:
                    continue
                base = interpolate(points, ago)
                value = base * (1 + self.rng.gauss(0, 0.025)) if base else 0.0
                value = round(min(ceiling, max(0.0, value)), decimals)
                self.rows.add_row(
                    s.UsagePoint, metric_id=metric.id, measured_on=self.day(ago), value=value
                )


def write_large(
    ws: Workspace,
    *,
    accounts: int = 50,
    people: int = 5000,
    interactions: int = 100_000,
    seed: int = 0,
    today: dt.date | None = None,
    progress: Callable[[float], None] | None = None,
) -> None:
    """Generate a large, valid portfolio into the empty workspace ``ws``.

    See graph._sample_large for what it holds and how fast it is.
    """
    from graph._sample_large import generate

    _ensure_empty(ws)
    generate(
        ws,
        accounts=accounts,
        people=people,
        interactions=interactions,
        seed=seed,
        today=today or ws.today(),
        progress=progress,
    )


__all__ = ["ACCOUNT_FILES", "load_json", "write_large", "write_sample"]
