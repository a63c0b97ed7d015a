"""Each account's facts as of a day, read with ``sqlite3`` in one aggregate query per table:
what graph.signals needs, for the read-only commands (``rapport summary``).

The facts are the stored rows placed on the day by the rules of graph.as_of_rules (who had
joined, who had left, attitudes then, from when each cadence runs) and counted as graph.queries
counts them (contacts up to the end of the day, severity-1 tickets open then, high risks raised
by then). When the history log holds changes made after the day (``changed_after``: a past
``--today`` on an edited file), stored rows no longer tell that day: graph.snapshot rebuilds it
from the log, and the caller reads it there (graph.summary does).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from graph import contact_window
from graph.as_of_rules import (
    attitudes_on,
    open_high_risk,
    ticket_open,
)
from graph.contact_window import ContactStats, contact_window_start, end_of_day, stored_time
from graph.quickread.opening import query_of
from graph.quickread.stored_values import KIND, LEVEL, ROLE, placed_on, stored_day
from graph.vocabulary import DealRole, Health, Level, PersonStatus, Phase, RelationKind


@dataclass(frozen=True, slots=True)
class AccountRow:
    """An account as stored (the summary's figures and the signals' override)."""

    id: int
    name: str
    industry: str
    segment: str
    arr: float
    currency: str
    renewal_date: dt.date | None
    phase: Phase
    health_override: Health | None
    health_override_reason: str
    archived: bool


@dataclass(frozen=True, slots=True)
class PersonOnDay:
    """A customer person as of the day (their status and attitude then)."""

    id: int
    name: str
    title: str
    level: Level
    role: DealRole
    influence: int
    attitude: int
    cadence_days: int | None
    status: PersonStatus
    known_since: dt.date | None

    @property
    def active(self) -> bool:
        return self.status is PersonStatus.ACTIVE


@dataclass(frozen=True, slots=True)
class Link:
    """A link between two people on the account that day."""

    kind: RelationKind
    source_id: int
    target_id: int
    strength: int


@dataclass(frozen=True, slots=True)
class Coverage:
    """A team member covering someone on the account that day."""

    member_id: int
    person_id: int


@dataclass(frozen=True)
class AccountFacts:
    """One account at the end of ``as_of``, as graph.signals reads it
    (graph.signals.AccountFactsOnDay): ``people`` on the account that day, ``departed`` those
    who had left; links and coverage among the people on the account."""

    as_of: dt.date
    account: AccountRow
    people: tuple[PersonOnDay, ...]
    departed: tuple[PersonOnDay, ...]
    present_links: tuple[Link, ...]
    present_coverage: tuple[Coverage, ...]
    contacts: Mapping[int, ContactStats]
    open_sev1: int
    open_high_risks: int
    cadence_defaults: Mapping[DealRole, tuple[int, int]]

    @property
    def interactions_logged(self) -> bool:
        """Whether any interaction with a person on the account was logged by ``as_of``."""
        contacts = self.contacts
        return any(
            (c := contacts.get(p.id)) is not None and c.last_contact is not None
            for p in self.people
        )


# Stored enum values to members, looked up per row (faster than calling the enum itself).


def changed_after(conn: sqlite3.Connection, day: dt.date) -> bool:
    """Whether the history log holds a change made after the end of ``day``."""
    row = conn.execute("SELECT max(at) FROM history").fetchone()
    return row is not None and row[0] is not None and row[0] >= stored_time(end_of_day(day))


def accounts(conn: sqlite3.Connection) -> list[AccountRow]:
    """Every account, archived ones too, by name (as ``Workspace.accounts`` orders them)."""
    rows = conn.execute(
        "SELECT id, name, industry, segment, arr, currency, renewal_date, phase, "
        "health_override, health_override_reason, archived FROM accounts ORDER BY name"
    )
    found = []
    for aid, name, industry, segment, arr, currency, renewal, phase, override, *rest in rows:
        reason, archived = rest
        health = None if override is None else Health(override)
        found.append(
            AccountRow(
                aid,
                name,
                industry,
                segment,
                arr,
                currency,
                stored_day(renewal),
                Phase(phase),
                health,
                reason,
                bool(archived),
            )
        )
    return found


def cadence_defaults(conn: sqlite3.Connection) -> dict[DealRole, tuple[int, int]]:
    rows = conn.execute("SELECT role, ideal_days, max_days FROM cadence_defaults")
    return {DealRole(role): (ideal, maximum) for role, ideal, maximum in rows}


def _in(column: str, ids: Sequence[int]) -> str:
    return f"{column} IN ({', '.join(str(int(i)) for i in ids)})"


def facts_as_of(
    conn: sqlite3.Connection, day: dt.date, chosen: Iterable[AccountRow]
) -> dict[int, AccountFacts]:
    """The facts of each of ``chosen`` at the end of ``day``, keyed by account id. Call only
    when ``changed_after(conn, day)`` is false."""
    by_id = {a.id: a for a in chosen}
    ids = sorted(by_id)
    defaults = cadence_defaults(conn)
    present, departed = _people(conn, day, ids)
    here = {p.id for people in present.values() for p in people}
    links: dict[int, list[Link]] = defaultdict(list)
    for aid, kind, source, target, strength in conn.execute(
        "SELECT account_id, kind, source_id, target_id, strength FROM relationships "
        f"WHERE {_in('account_id', ids)} ORDER BY account_id, id"
    ):
        if source in here and target in here:
            links[aid].append(Link(KIND[kind], source, target, strength))
    coverage: dict[int, list[Coverage]] = defaultdict(list)
    for aid, member, person in conn.execute(
        "SELECT p.account_id, c.member_id, c.person_id FROM coverage c "
        f"JOIN people p ON p.id = c.person_id WHERE {_in('p.account_id', ids)}"
    ):
        if person in here:
            coverage[aid].append(Coverage(member, person))
    contacts = contact_window.contact_stats(query_of(conn), contact_window_start(day), ids, day)
    sev1: dict[int, int] = defaultdict(int)
    for aid, *values in conn.execute(
        "SELECT account_id, status, opened_on, resolved_on FROM tickets "
        f"WHERE severity = 'sev1' AND {_in('account_id', ids)}"
    ):
        ticket = dict(zip(("status", "opened_on", "resolved_on"), values, strict=True))
        ticket.update(
            opened_on=stored_day(ticket["opened_on"]), resolved_on=stored_day(ticket["resolved_on"])
        )
        sev1[aid] += ticket_open(ticket, day)
    high_risks: dict[int, int] = defaultdict(int)
    for aid, level, status, raised in conn.execute(
        f"SELECT account_id, level, status, raised_on FROM risks WHERE {_in('account_id', ids)}"
    ):
        risk = {"level": level, "status": status, "raised_on": stored_day(raised)}
        high_risks[aid] += open_high_risk(risk, day)
    return {
        aid: AccountFacts(
            as_of=day,
            account=by_id[aid],
            people=tuple(present.get(aid, ())),
            departed=tuple(departed.get(aid, ())),
            present_links=tuple(links.get(aid, ())),
            present_coverage=tuple(coverage.get(aid, ())),
            contacts=contacts,
            open_sev1=sev1.get(aid, 0),
            open_high_risks=high_risks.get(aid, 0),
            cadence_defaults=defaults,
        )
        for aid in by_id
    }


def _people(
    conn: sqlite3.Connection, day: dt.date, ids: Sequence[int]
) -> tuple[dict[int, list[PersonOnDay]], dict[int, list[PersonOnDay]]]:
    """Per account, the people on it at the end of ``day`` and those who had left by then."""
    # The day each person was first recorded (their insert in the log): their first cadence
    # starts then when no join date is known (graph.as_of_rules.known_since).
    first = {
        uid: day_text
        for uid, day_text in conn.execute(
            "SELECT record_uid, min(substr(at, 1, 10)) FROM history "
            "WHERE table_name = 'people' AND action = 'insert' GROUP BY record_uid"
        )
    }
    changes = [
        (pid, dt.date.fromisoformat(changed), cid, old)
        for pid, changed, cid, old in conn.execute(
            "SELECT a.person_id, a.changed_on, a.id, a.old_attitude FROM attitude_changes a "
            f"JOIN people p ON p.id = a.person_id WHERE {_in('p.account_id', ids)} "
            "AND a.changed_on > ?",
            (day.isoformat(),),
        )
    ]
    attitudes = attitudes_on(changes, day)
    present: dict[int, list[PersonOnDay]] = defaultdict(list)
    departed: dict[int, list[PersonOnDay]] = defaultdict(list)
    for (
        pid,
        uid,
        aid,
        name,
        title,
        level,
        role,
        influence,
        attitude,
        cadence_days,
        stored,
        joined_text,
        left_text,
    ) in conn.execute(
        "SELECT id, uid, account_id, name, title, level, role, influence, attitude, "
        f"cadence_days, status, joined_on, left_on FROM people WHERE {_in('account_id', ids)} "
        "ORDER BY account_id, id"
    ):
        placed = placed_on(day, stored, joined_text, left_text, first.get(uid))
        if placed is None:
            continue  # not on the account yet
        person = PersonOnDay(
            pid,
            name,
            title,
            LEVEL[level],
            ROLE[role],
            influence,
            attitudes.get(pid, attitude),
            cadence_days,
            placed.status,
            placed.known_since,
        )
        (departed if placed.status is PersonStatus.LEFT else present)[aid].append(person)
    return present, departed
