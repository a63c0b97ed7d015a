"""One account as it stood at the end of one day: ``read_account(ws, account_id, as_of)``.

An ``AccountSnapshot`` is read once and never changes. Everything that analyses an account (the
signals, the portfolio summary, the QBR) derives from it, so one command reads each account once
and computes its signals once (``snapshot.signals``).

What the snapshot knows as of ``as_of`` (the end of that day):

- *Dated facts*, exact: people present (joined by then, or no join date known; not left by
  then), people who had left (``left_on`` on or before the day, or marked left with no date),
  each person's attitude then (rebuilt from ``AttitudeChange``), contact statistics from the
  interactions up to the end of the day, severity-1 tickets open then (opened by then, not
  resolved by then), high risks raised by then.
- *Undated fields* (titles, levels, influence, coverage, links, goal status, a risk's closing,
  the account's phase...) come from ``recorded_as_of``, the ONE place that asks the history
  log (graph.history) what a record said on a day. What predates the log (a migrated file, the
  sample) reads as stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Row, func, select

from graph import schema as s
from graph.errors import NotFoundError
from graph.queries import (
    ContactStats,
    contact_stats,
    contact_stats_on,
    contact_window_start,
    open_sev1_tickets,
    open_sev1_tickets_on,
)
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
    RiskLevel,
    RiskStatus,
    TeamRole,
)
from graph.workspace import Workspace

if TYPE_CHECKING:
    from graph.signals import AccountSignals

R = TypeVar("R", s.Goal, s.Risk, s.ActionItem)


# --- the one seam to the history log ----------------------------------------------------------


@dataclass(frozen=True)
class RecordedState:
    """What the history log says about one record at the end of a day.

    ``values``: the fields that differed then from what is stored now (only those);
    ``existed``: False when the record was created after the day (or had been deleted);
    ``recorded_on``: the day the record was first recorded, when the log knows it.
    """

    values: Mapping[str, Any] = field(default_factory=dict)
    existed: bool = True
    recorded_on: dt.date | None = None


AS_STORED = RecordedState()

# The undated fields each table reads through ``recorded_as_of``.
AS_OF_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "accounts": ("phase", "health_override", "health_override_reason", "renewal_date", "arr"),
        "people": (
            "name",
            "title",
            "department",
            "level",
            "role",
            "influence",
            "interest",
            "cadence_days",
            "status",
        ),
        "relationships": ("kind", "strength"),
        "coverage": ("kind", "current_level", "desired_level"),
        "risks": ("level", "status"),
        "goals": ("status", "progress"),
        "action_items": ("status",),
    }
)


def recorded_as_of(
    ws: Workspace,
    table: str,
    ids: Collection[int],
    fields: Sequence[str],
    when: dt.date,
    *,
    changed: Collection[str] | None = None,
    first: Mapping[int, dt.date] | None = None,
) -> dict[int, RecordedState]:
    """What the history log (graph.history) says of records of ``table`` at the end of ``when``.

    Per id: the fields whose value then differs from the stored one (an edit made after the
    day is undone for that day), and the day the record was first recorded (which makes a
    person added by hand "new" from that day). A record recorded after the day still counts as
    present: the log cannot tell a record typed in late about an old fact (a backfill) from a
    new one, so the record's own dates decide (joined_on, raised_on, ...). Before the log
    starts (a file migrated to version 4, or the sample) records read as stored.
    Records deleted since are not read at all (the snapshot reads today's rows): a past QBR
    does not show someone deleted after it.

    ``changed``: the tables with changes logged after the day, when the caller knows them
    (``changed_tables``), which saves a query per table. ``first``: for people, the day each
    was first recorded, when the caller read them for many accounts or days at once
    (``first_recorded_people``).
    """
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    end = dt.datetime.combine(when + dt.timedelta(days=1), dt.time())
    # Only people have a start the signals use ("new" until their first interval has passed).
    # Recorded after the day: a backfill, present (see above) but with no known start.
    firsts: Mapping[int, dt.date] = {}
    if table == "people":
        firsts = _first_recorded(ws, table, wanted) if first is None else first
    recorded_on = (
        {i: d for i in wanted if (d := firsts.get(i)) is not None and d <= when} if firsts else {}
    )
    if table not in (changed_tables(ws, when) if changed is None else changed):
        return {  # nothing to overlay: the shared AS_STORED, one object for most records
            i: RecordedState(recorded_on=recorded_on[i]) if i in recorded_on else AS_STORED
            for i in wanted
        }
    from graph.history import values_as_of

    then = values_as_of(ws, table, wanted, fields, end)
    now = values_as_of(ws, table, wanted, fields, dt.datetime.max)
    states = {}
    for record_id in wanted:
        stored = now.get(record_id, {})
        earlier = then.get(record_id, stored)  # recorded after the day: as stored
        differs = {f: v for f, v in earlier.items() if stored.get(f) != v}
        states[record_id] = RecordedState(differs, True, recorded_on.get(record_id))
    return states


def changed_tables(ws: Workspace, when: dt.date) -> frozenset[str]:
    """The tables with a change logged after the end of ``when`` (one query)."""
    h = s.HistoryEntry
    end = dt.datetime.combine(when + dt.timedelta(days=1), dt.time())
    with ws.reader.connect() as conn:
        rows = conn.execute(select(h.table_name).where(h.at >= end).distinct())
        return frozenset(name for (name,) in rows)


def changed_tables_on(ws: Workspace, days: Sequence[dt.date]) -> dict[dt.date, frozenset[str]]:
    """``changed_tables`` for each of ``days``, in one query (the latest change per table)."""
    h = s.HistoryEntry
    with ws.reader.connect() as conn:
        latest = conn.execute(select(h.table_name, func.max(h.at)).group_by(h.table_name)).all()
    return {
        day: frozenset(
            name
            for name, at in latest
            if at >= dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
        )
        for day in days
    }


def first_recorded_people(ws: Workspace, account_ids: Collection[int]) -> dict[int, dt.date]:
    """The day each person of ``account_ids`` was first recorded in the log, in one query."""
    p, h = s.Base.metadata.tables["people"], s.HistoryEntry
    with ws.reader.connect() as conn:
        rows = conn.execute(
            select(p.c.id, func.min(h.at))
            .join(h, (h.record_uid == p.c.uid) & (h.table_name == "people"))
            .where(p.c.account_id.in_(list(account_ids)), h.action == "insert")
            .group_by(p.c.id)
        )
        return {person_id: at.date() for person_id, at in rows}


def _first_recorded(ws: Workspace, table: str, ids: list[int]) -> dict[int, dt.date]:
    """The day each record's insert was logged (records added since the log started)."""
    t = s.Base.metadata.tables[table]
    h = s.HistoryEntry
    result: dict[int, dt.date] = {}
    with ws.reader.connect() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = conn.execute(
                select(t.c.id, h.at)
                .join(h, (h.record_uid == t.c.uid) & (h.table_name == table))
                .where(t.c.id.in_(chunk), h.action == "insert")
            )
            for record_id, at in rows:
                day = at.date()
                if record_id not in result or day < result[record_id]:
                    result[record_id] = day
    return result


# --- the snapshot's values --------------------------------------------------------------------


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
    signals: AccountSignals = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from graph.signals import compute_signals

        object.__setattr__(self, "signals", compute_signals(self))

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


# --- reading ----------------------------------------------------------------------------------


def read_account(ws: Workspace, account_id: int, as_of: dt.date) -> AccountSnapshot:
    """Account ``account_id`` as it stood at the end of ``as_of``."""
    snapshots = read_accounts(ws, as_of, [account_id])
    if account_id not in snapshots:
        raise NotFoundError(f"account {account_id} does not exist")
    return snapshots[account_id]


def read_accounts(
    ws: Workspace, as_of: dt.date, account_ids: Collection[int] | None = None
) -> dict[int, AccountSnapshot]:
    """Many accounts at once, in a handful of queries (the portfolio summary reads them all)."""
    return _read(ws, [as_of], account_ids)[as_of]


def read_account_days(
    ws: Workspace, account_id: int, days: Collection[dt.date]
) -> dict[dt.date, AccountSnapshot]:
    """Account ``account_id`` as it stood at the end of each of ``days``, in one pass: each
    table is read once, and what differs from day to day (who had joined, contacts, attitudes,
    open tickets and risks, the history log) is worked out from those rows. A QBR's health
    trend reads its quarters this way."""
    wanted = sorted(set(days))
    read = _read(ws, wanted, [account_id])
    if not wanted or account_id not in read[wanted[0]]:
        raise NotFoundError(f"account {account_id} does not exist")
    return {day: read[day][account_id] for day in wanted}


def _read(
    ws: Workspace, days: Sequence[dt.date], account_ids: Collection[int] | None
) -> dict[dt.date, dict[int, AccountSnapshot]]:
    """Accounts as of each of ``days``: the rows are read once, the snapshots built per day."""
    tables = s.Base.metadata.tables
    defaults = MappingProxyType(ws.cadence_defaults())
    last = max(days)
    with ws.reader.connect() as conn:
        accounts_t = tables["accounts"]
        query = select(accounts_t)
        if account_ids is not None:
            query = query.where(accounts_t.c.id.in_(list(account_ids)))
        accounts = {a.id: a for a in conn.execute(query)}
        ids = list(accounts)
        people = _rows_by_account(conn, "people", ids, _PEOPLE_COLUMNS)
        changes = _attitude_changes(conn, ids, min(days))
        links = _rows_by_account(conn, "relationships", ids, _names(LinkState))
        coverage = _coverage(conn, ids)
        contacts = (
            {days[0]: contact_stats(conn, contact_window_start(days[0]), ids, days[0])}
            if len(days) == 1
            else contact_stats_on(conn, days, ids)
        )
        sev1 = (
            {days[0]: open_sev1_tickets(conn, days[0], ids)}
            if len(days) == 1
            else open_sev1_tickets_on(conn, days, ids)
        )
        raised = tables["risks"].c.raised_on <= last
        risk_columns = ("id", "level", "status", "raised_on")
        risks = _rows_by_account(conn, "risks", ids, risk_columns, raised)
        team = _team(conn, ids, coverage)

    changed = changed_tables_on(ws, days)
    first = first_recorded_people(ws, ids)  # one query for every account and day
    result: dict[dt.date, dict[int, AccountSnapshot]] = {}
    for as_of in days:
        recorded = _Recorded(ws, as_of, changed[as_of], first)
        attitudes = _attitudes_on(changes, as_of)
        result[as_of] = {}
        for aid, row in accounts.items():
            result[as_of][aid] = _snapshot(
                recorded,
                as_of,
                row,
                people=people.get(aid, []),
                attitudes=attitudes,
                links=links.get(aid, []),
                coverage=coverage.get(aid, []),
                contacts=contacts[as_of],
                risks=[r for r in risks.get(aid, []) if r.raised_on <= as_of],
                team=team.get(aid, ()),
                open_sev1=sev1[as_of].get(aid, 0),
                defaults=defaults,
            )
    return result


def _snapshot(
    recorded: _Recorded,
    as_of: dt.date,
    row: Row[Any],
    *,
    people: Sequence[Row[Any]],
    attitudes: Mapping[int, int],
    links: Sequence[Row[Any]],
    coverage: Sequence[Row[Any]],
    contacts: Mapping[int, ContactStats],
    risks: Sequence[Row[Any]],
    team: tuple[TeamMemberState, ...],
    open_sev1: int,
    defaults: Mapping[DealRole, tuple[int, int]],
) -> AccountSnapshot:
    # An account is read even if the log says it was created later: its QBR is refused
    # earlier (reports.quarter), and the summary shows it with not enough data.
    account_values = recorded.apply("accounts", [row]) or [row._asdict()]
    account = AccountState(**_fields(account_values[0], AccountState))
    present, departed = _people(recorded, people, attitudes, as_of)
    here = {p.id for p in (*present, *departed)}
    return AccountSnapshot(
        as_of=as_of,
        account=account,
        people=present,
        departed=departed,
        links=tuple(
            LinkState(**_fields(r, LinkState))
            for r in recorded.apply("relationships", links)
            if r["source_id"] in here and r["target_id"] in here
        ),
        coverage=tuple(
            CoverageState(**_fields(c, CoverageState))
            for c in recorded.apply("coverage", coverage)
            if c["person_id"] in here
        ),
        contacts=MappingProxyType({pid: contacts[pid] for pid in here if pid in contacts}),
        team=team,
        open_sev1=open_sev1,
        open_high_risks=sum(
            1
            for r in recorded.apply("risks", risks)
            if r["level"] == RiskLevel.HIGH and r["status"] == RiskStatus.OPEN
        ),
        cadence_defaults=defaults,
    )


class _Recorded:
    """Applies ``recorded_as_of`` to rows: drops records that did not exist, overlays values.

    ``first_recorded``: the day each person was first recorded, read once for every account
    and day of one read."""

    def __init__(
        self,
        ws: Workspace,
        when: dt.date,
        changed: frozenset[str],
        first_recorded: Mapping[int, dt.date],
    ) -> None:
        self.ws, self.when = ws, when
        self.changed = changed
        self.first_recorded = first_recorded

    def apply(self, table: str, rows: Sequence[Row[Any]]) -> list[dict[str, Any]]:
        if not rows:
            return []
        keys = tuple(rows[0]._fields)  # the same for every row of one query
        mapped = [dict(zip(keys, r, strict=True)) for r in rows]
        states = recorded_as_of(
            self.ws,
            table,
            [r["id"] for r in mapped],
            AS_OF_FIELDS[table],
            self.when,
            changed=self.changed,
            first=self.first_recorded,
        )
        if not states:
            return mapped
        kept = []
        for r in mapped:
            state = states.get(r["id"], AS_STORED)
            if state.existed:
                r.update(state.values)
                r["_recorded_on"] = state.recorded_on
                kept.append(r)
        return kept


_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    if cls not in _NAMES:
        _NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return _NAMES[cls]


def _fields(values: Mapping[str, Any], cls: type) -> dict[str, Any]:
    return {name: values[name] for name in _names(cls) if name in values}


_PEOPLE_COLUMNS = tuple(n for n in _names(PersonState) if n != "known_since")


def _rows_by_account(
    conn: Connection, table: str, ids: list[int], names: Sequence[str], *where: Any
) -> dict[int, list[Row[Any]]]:
    t = s.Base.metadata.tables[table]
    found: dict[int, list[Row[Any]]] = defaultdict(list)
    columns = [t.c[n] for n in names if n != "account_id"]
    for row in conn.execute(
        select(t.c.account_id, *columns).where(t.c.account_id.in_(ids), *where)
    ).all():
        found[row.account_id].append(row)
    return found


def _coverage(conn: Connection, ids: list[int]) -> dict[int, list[Row[Any]]]:
    c, p = s.Base.metadata.tables["coverage"], s.Base.metadata.tables["people"]
    found: dict[int, list[Row[Any]]] = defaultdict(list)
    query = (
        select(c.c.id, c.c.member_id, c.c.person_id, c.c.kind, c.c.current_level)
        .add_columns(c.c.desired_level, p.c.account_id)
        .join(p, p.c.id == c.c.person_id)
        .where(p.c.account_id.in_(ids))
    )
    for row in conn.execute(query).all():
        found[row.account_id].append(row)
    return found


def _attitude_changes(
    conn: Connection, ids: list[int], since: dt.date
) -> list[tuple[int, int, dt.date]]:
    """Attitude changes after the end of ``since``, per person newest first."""
    a, p = s.AttitudeChange, s.Person
    rows = conn.execute(
        select(a.person_id, a.old_attitude, a.changed_on)
        .join(p, p.id == a.person_id)
        .where(p.account_id.in_(ids), a.changed_on > since)
        .order_by(a.person_id, a.changed_on.desc(), a.id.desc())
    )
    return [(pid, old, on) for pid, old, on in rows]


def _attitudes_on(changes: Sequence[tuple[int, int, dt.date]], as_of: dt.date) -> dict[int, int]:
    """Per person, the attitude they had at the end of ``as_of`` when it changed since."""
    # Ordered newest first: the last value written per person is the oldest change after as_of,
    # whose old value is the attitude of that day.
    return {pid: old for pid, old, on in changes if on > as_of}


def _team(
    conn: Connection, ids: list[int], coverage: Mapping[int, Sequence[Row[Any]]]
) -> dict[int, tuple[TeamMemberState, ...]]:
    """Per account, the members assigned to it or covering someone in it (as ``ws.team``)."""
    t, at = s.TeamMember, s.AccountTeam
    members = {
        m.id: TeamMemberState(m.id, m.name, m.role)
        for m in conn.execute(select(t.id, t.name, t.role)).all()
    }
    wanted: dict[int, set[int]] = defaultdict(set)
    for aid, mid in conn.execute(select(at.account_id, at.member_id).where(at.account_id.in_(ids))):
        wanted[aid].add(mid)
    for aid, rows in coverage.items():
        wanted[aid].update(r.member_id for r in rows)
    return {
        aid: tuple(sorted((members[m] for m in mids), key=lambda m: (m.name, m.id)))
        for aid, mids in wanted.items()
    }


def status_on(stored: PersonStatus, left_on: dt.date | None, day: dt.date) -> PersonStatus:
    """A person's status at the end of ``day``: ``left_on`` dates a departure exactly."""
    if left_on is not None:
        if left_on <= day:
            return PersonStatus.LEFT
        if stored is PersonStatus.LEFT:
            return PersonStatus.ACTIVE  # had not left yet
    return stored


def _people(
    recorded: _Recorded,
    rows: Sequence[Row[Any]],
    attitudes: Mapping[int, int],
    as_of: dt.date,
) -> tuple[tuple[PersonState, ...], tuple[PersonState, ...]]:
    present: list[PersonState] = []
    departed: list[PersonState] = []
    for r in recorded.apply("people", rows):
        if r["joined_on"] is not None and r["joined_on"] > as_of:
            continue  # not on the account yet
        status = status_on(r["status"], r["left_on"], as_of)
        person = PersonState(
            **{
                **_fields(r, PersonState),
                "attitude": attitudes.get(r["id"], r["attitude"]),
                "status": status,
                # A departure dated after the day was not known then.
                "left_on": r["left_on"] if status is PersonStatus.LEFT else None,
                "known_since": r["joined_on"] or r.get("_recorded_on"),
            }
        )
        (departed if status is PersonStatus.LEFT else present).append(person)
    return tuple(present), tuple(departed)


def revised_as_of(
    ws: Workspace, records: Sequence[R], when: dt.date, *, changed: Collection[str] | None = None
) -> list[R]:
    """Records of one table as they were at the end of ``when`` (``recorded_as_of`` decides):
    records created later left out, changed fields given their value of that day.
    ``changed``: ``changed_tables(ws, when)`` when the caller revises several tables."""
    if not records:
        return []
    table = type(records[0]).__tablename__
    fields = AS_OF_FIELDS.get(table, ())
    ids = [r.id for r in records]
    states = recorded_as_of(ws, table, ids, fields, when, changed=changed)
    if not states:
        return list(records)
    kept: list[R] = []
    for record in records:
        state = states.get(record.id, AS_STORED)
        if state.existed:
            kept.append(dataclasses.replace(record, **state.values))
    return kept
