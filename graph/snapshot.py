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
- *Records deleted since* (people, links, coverage, attitude changes, risks, tickets,
  attendances, team members and assignments) are rebuilt from the log as they stood that day
  (graph.as_of_deleted) and read with today's rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from types import MappingProxyType
from typing import Any, TypeVar

from sqlalchemy import Connection, Row, String, func, select, type_coerce

from graph import schema as s
from graph.as_of_deleted import RECORDED_ON, DeletedSince, deleted_since
from graph.as_of_rules import attitudes_on, known_since, open_high_risk, status_that_day
from graph.changelog import DELETE, INSERT, UPDATE, decode, decode_record
from graph.errors import NotFoundError
from graph.queries import (
    ContactSpans,
    ContactStats,
    contact_spans,
    contact_stats,
    contact_window_start,
    day_cuts,
    open_sev1_tickets,
    open_sev1_tickets_on,
)
from graph.snapshot_states import AccountSnapshot as AccountSnapshot  # re-exported
from graph.snapshot_states import AccountState as AccountState  # re-exported
from graph.snapshot_states import CoverageState as CoverageState  # re-exported
from graph.snapshot_states import LinkState as LinkState  # re-exported
from graph.snapshot_states import PersonState as PersonState  # re-exported
from graph.snapshot_states import TeamMemberState as TeamMemberState  # re-exported
from graph.vocabulary import (
    DealRole,
    PersonStatus,
)
from graph.workspace import Workspace

R = TypeVar("R", s.Goal, s.Risk, s.ActionItem)
T = TypeVar("T")
V = TypeVar("V")
_CHUNK = 500


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
            "attitude",
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
    accounts: Collection[int] | None = None,
    first: Mapping[int, dt.date] | None = None,
) -> dict[int, RecordedState]:
    """What the history log (graph.history) says of records of ``table`` at the end of ``when``.

    Per id: the fields whose value then differs from the stored one (an edit made after the
    day is undone for that day), and the day the record was first recorded (which makes a
    person added by hand "new" from that day). A record recorded after the day still counts as
    present: the log cannot tell a record typed in late about an old fact (a backfill) from a
    new one, so the record's own dates decide (joined_on, raised_on, ...). Before the log
    starts (a file migrated to version 4, or the sample) records read as stored.
    Records deleted since are absent from today's rows: graph.as_of_deleted rebuilds them
    from the log, with their values of the day.

    ``changed``: the tables with changes logged after the day, when the caller knows them
    (``changed_tables``), which saves a query per table. ``accounts``: the accounts the
    records belong to, when the caller knows them: the log after the day is then read by
    account (one range of its account index) instead of record by record. ``first``: for
    people, the day each was first recorded, when the caller read it for many days at once.
    """
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    end = dt.datetime.combine(when + dt.timedelta(days=1), dt.time())
    logged = table in (changed_tables(ws, when) if changed is None else changed)
    # Only people have a start the signals use ("new" until their first interval has passed).
    if table != "people" and not logged:
        return {i: AS_STORED for i in wanted}
    if not logged and first is not None:
        return {  # nothing to overlay: the shared AS_STORED, one object for most records
            i: RecordedState(recorded_on=d)
            if (d := first.get(i)) is not None and d <= when
            else AS_STORED
            for i in wanted
        }
    with ws.reader.connect() as conn:
        inserted: Mapping[int, dt.date] = {}
        if table == "people":
            inserted = _inserted_on(conn, table, wanted) if first is None else first
        late = _logged_after(conn, table, wanted, end, accounts) if logged else {}
        stored = _stored(conn, table, sorted(late), fields)
    states = {}
    for record_id in wanted:
        # Recorded after the day: a backfill, present (see above) but with no known start.
        since = inserted.get(record_id)
        then = _values_then(table, fields, late.get(record_id, []))
        now = stored.get(record_id)
        differs = {} if now is None else {f: v for f, v in then.items() if now[f] != v}
        states[record_id] = RecordedState(
            differs, True, since if since is not None and since <= when else None
        )
    return states


# The log's times stay text here: parsing thousands of them costs more than the rest.
_AT_TEXT = type_coerce(s.HistoryEntry.at, String)


def _uids(conn: Connection, table: str, ids: list[int]) -> dict[str, int]:
    t = s.Base.metadata.tables[table]
    found: dict[str, int] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        found.update(
            (uid, i) for i, uid in conn.execute(select(t.c.id, t.c.uid).where(t.c.id.in_(chunk)))
        )
    return found


def _inserted_on(
    conn: Connection, table: str, ids: list[int], by_uid: Mapping[str, int] | None = None
) -> dict[int, dt.date]:
    """The day each record's insert was logged (records added since the log started).
    ``by_uid``: the records' ids by uid, when the caller has read them already."""
    h = s.HistoryEntry
    if by_uid is None:
        by_uid = _uids(conn, table, ids)
    uids = list(by_uid)
    found: dict[int, dt.date] = {}
    for start in range(0, len(uids), _CHUNK):
        chunk = uids[start : start + _CHUNK]
        query = (
            select(h.record_uid, func.min(func.substr(_AT_TEXT, 1, 10)))
            .where(h.table_name == table, h.record_uid.in_(chunk), h.action == INSERT)
            .group_by(h.record_uid)
        )
        for uid, day in conn.execute(query):
            found[by_uid[uid]] = dt.date.fromisoformat(day)
    return found


def _logged_after(
    conn: Connection,
    table: str,
    ids: list[int],
    end: dt.datetime,
    accounts: Collection[int] | None,
) -> dict[int, list[Row[Any]]]:
    """The log rows of each record from ``end`` on, in stamp order."""
    h, t = s.HistoryEntry, s.Base.metadata.tables[table]
    columns = (h.record_uid, h.action, h.field, h.old_value)
    rows: list[Row[Any]] = []
    if accounts is not None:
        where = [h.account_id.in_(list(accounts)), h.at >= end, h.table_name == table]
        rows = list(conn.execute(select(*columns).where(*where).order_by(h.hlc)))
        seen = sorted({r.record_uid for r in rows if r.record_uid})
        by_uid: dict[str, int] = {}
        for start in range(0, len(seen), _CHUNK):
            chunk = seen[start : start + _CHUNK]
            by_uid.update(
                (uid, i)
                for i, uid in conn.execute(select(t.c.id, t.c.uid).where(t.c.uid.in_(chunk)))
            )
    else:
        by_uid = _uids(conn, table, ids)
        uids = list(by_uid)
        for start in range(0, len(uids), _CHUNK):
            where = [h.table_name == table, h.record_uid.in_(uids[start : start + _CHUNK])]
            rows += conn.execute(select(*columns).where(*where, h.at >= end).order_by(h.hlc))
    wanted = set(ids)
    found: dict[int, list[Row[Any]]] = defaultdict(list)
    for row in rows:
        record_id = by_uid.get(row.record_uid or "")
        if record_id in wanted:
            found[record_id].append(row)
    return found


def _stored(
    conn: Connection, table: str, ids: list[int], fields: Sequence[str]
) -> dict[int, dict[str, Any]]:
    """Today's ``fields`` of the records ``ids``."""
    t = s.Base.metadata.tables[table]
    stored: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for row in conn.execute(select(t.c.id, *(t.c[f] for f in fields)).where(t.c.id.in_(chunk))):
            stored[row[0]] = dict(zip(fields, row[1:], strict=True))
    return stored


def _values_then(table: str, fields: Sequence[str], after: Sequence[Row[Any]]) -> dict[str, Any]:
    """The fields a record held before the log rows ``after`` (those after the day): the old
    value of each field's first change, or of the record's removal (then restored). None of
    them when the first row is the record's insert (added since: read as stored)."""
    if not after or after[0].action == INSERT:
        return {}
    values: dict[str, Any] = {}
    for row in after:
        if row.action == UPDATE and row.field in fields and row.field not in values:
            values[row.field] = decode(table, row.field, json.loads(row.old_value or "null"))
        elif row.action == DELETE:
            record = decode_record(table, json.loads(row.old_value or "{}"))
            values.update((f, record[f]) for f in fields if f not in values and f in record)
            break
    return values


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
    ws: Workspace,
    account_id: int,
    days: Collection[dt.date],
    *,
    contact_cuts: Collection[dt.datetime] = (),
) -> dict[dt.date, AccountSnapshot]:
    """Account ``account_id`` as it stood at the end of each of ``days``, in one pass: each
    table is read once, and what differs from day to day (who had joined, contacts, attitudes,
    open tickets and risks, the history log, records deleted since) is worked out from those
    rows. A QBR's health trend reads its quarters this way.

    ``contact_cuts``: more instants to cut the contacts at (``AccountSnapshot.contact_spans``),
    for a reader counting them by period from the same pass (a QBR's quarters)."""
    wanted = sorted(set(days))
    read = _read(ws, wanted, [account_id], contact_cuts)
    if not wanted or account_id not in read[wanted[0]]:
        raise NotFoundError(f"account {account_id} does not exist")
    return {day: read[day][account_id] for day in wanted}


def _read(
    ws: Workspace,
    days: Sequence[dt.date],
    account_ids: Collection[int] | None,
    contact_cuts: Collection[dt.datetime] = (),
) -> dict[dt.date, dict[int, AccountSnapshot]]:
    """Accounts as of each of ``days``: the rows are read once, the snapshots built per day."""
    tables = s.Base.metadata.tables
    defaults = MappingProxyType(ws.cadence_defaults())
    last = max(days)
    changed = changed_tables_on(ws, days)
    with ws.reader.connect() as conn:
        accounts_t = tables["accounts"]
        query = select(accounts_t)
        if account_ids is not None:
            query = query.where(accounts_t.c.id.in_(list(account_ids)))
        accounts = {a.id: a for a in conn.execute(query)}
        ids = list(accounts)
        # Records deleted since a day are absent from today's rows: the log brings them back.
        gone = {day: deleted_since(conn, day, ids, changed[day]) for day in days}
        people = _rows_by_account(conn, "people", ids, (*_PEOPLE_COLUMNS, "uid"))
        changes = _attitude_changes(conn, ids, min(days))
        links = _rows_by_account(conn, "relationships", ids, _names(LinkState))
        coverage = _coverage(conn, ids)
        spans: ContactSpans | None = None
        if len(days) == 1 and not contact_cuts:
            contacts = {days[0]: contact_stats(conn, contact_window_start(days[0]), ids, days[0])}
        else:  # one pass for every day (and the reader's periods)
            spans = contact_spans(conn, ids, day_cuts(days) | set(contact_cuts))
            contacts = {day: spans.stats_on(day) for day in days}
        sev1 = (
            {days[0]: open_sev1_tickets(conn, days[0], ids)}
            if len(days) == 1
            else open_sev1_tickets_on(conn, days, ids)
        )
        raised = tables["risks"].c.raised_on <= last
        risk_columns = ("id", "level", "status", "raised_on")
        risks = _rows_by_account(conn, "risks", ids, risk_columns, raised)
        teams: dict[dt.date, dict[int, tuple[TeamMemberState, ...]]] = {}
        plain_team: dict[int, tuple[TeamMemberState, ...]] | None = None
        for day in days:
            if gone[day]:
                window = contact_window_start(day)
                contacts[day] = gone[day].contact_stats(conn, contacts[day], ids, window)
                teams[day] = _team(conn, ids, coverage, gone[day])
            else:  # nothing deleted since that day: the team of every such day is today's
                if plain_team is None:
                    plain_team = _team(conn, ids, coverage, gone[day])
                teams[day] = plain_team
        # One query for every account and day: when each person was first recorded.
        by_uid = {r.uid: r.id for rows in people.values() for r in rows}
        first = _inserted_on(conn, "people", list(by_uid.values()), by_uid)

    result: dict[dt.date, dict[int, AccountSnapshot]] = {}
    reuse = _Reuse()  # what the days have alike is built once
    for as_of in days:
        recorded = _Recorded(ws, as_of, changed[as_of], first, reuse)
        recorded.prime("accounts", [[a] for a in accounts.values()], ids)
        for table, rows in (
            ("people", people),
            ("relationships", links),
            ("coverage", coverage),
            ("risks", risks),
        ):
            recorded.prime(table, rows.values(), ids)
        attitudes = attitudes_on(changes, as_of, gone[as_of].every("attitude_changes"))
        result[as_of] = {
            aid: _snapshot(
                recorded,
                reuse,
                as_of,
                row,
                gone=gone[as_of],
                people=people.get(aid, []),
                attitudes=attitudes,
                links=links.get(aid, []),
                coverage=coverage.get(aid, []),
                contacts=contacts[as_of],
                risks=[r for r in risks.get(aid, []) if r.raised_on <= as_of],
                team=teams[as_of].get(aid, ()),
                open_sev1=sev1[as_of].get(aid, 0),
                defaults=defaults,
                spans=spans,
            )
            for aid, row in accounts.items()
        }
    return result


def _snapshot(
    recorded: _Recorded,
    reuse: _Reuse,
    as_of: dt.date,
    row: Row[Any],
    *,
    gone: DeletedSince,
    people: Sequence[Row[Any]],
    attitudes: Mapping[int, int],
    links: Sequence[Row[Any]],
    coverage: Sequence[Row[Any]],
    contacts: Mapping[int, ContactStats],
    risks: Sequence[Row[Any]],
    team: tuple[TeamMemberState, ...],
    open_sev1: int,
    defaults: Mapping[DealRole, tuple[int, int]],
    spans: ContactSpans | None,
) -> AccountSnapshot:
    aid = row.id
    # An account is read even if the log says it was created later: its QBR is refused
    # earlier (reports.quarter), and the summary shows it with not enough data.
    account_values = recorded.apply("accounts", [row]) or [row._asdict()]
    account = AccountState(**_fields(account_values[0], AccountState))
    first = recorded.recorded_on
    present, departed = _people(
        [
            *((r, first("people", r["id"])) for r in recorded.apply("people", people)),
            *((r, r.get(RECORDED_ON)) for r in gone.of("people", aid)),
        ],
        attitudes,
        as_of,
        reuse,
    )
    here = {p.id for p in (*present, *departed)}
    link_states = (
        *reuse.states(LinkState, recorded.apply("relationships", links)),
        *(reuse.state(LinkState, r) for r in gone.of("relationships", aid)),
    )
    coverage_states = (
        *reuse.states(CoverageState, recorded.apply("coverage", coverage)),
        *(reuse.state(CoverageState, c) for c in gone.of("coverage", aid)),
    )
    return AccountSnapshot(
        as_of=as_of,
        account=account,
        people=present,
        departed=departed,
        links=tuple(r for r in link_states if r.source_id in here and r.target_id in here),
        coverage=tuple(c for c in coverage_states if c.person_id in here),
        contacts=MappingProxyType({pid: contacts[pid] for pid in here if pid in contacts}),
        team=team,
        open_sev1=open_sev1 + gone.open_sev1(aid),
        open_high_risks=sum(
            1
            for r in (*recorded.apply("risks", risks), *gone.of("risks", aid))
            if open_high_risk(r, as_of)
        ),
        cadence_defaults=defaults,
        deleted=gone,
        contact_spans=spans,
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
        reuse: _Reuse | None = None,
    ) -> None:
        self.ws, self.when = ws, when
        self.changed = changed
        self.first_recorded = first_recorded
        self.reuse = reuse or _Reuse()
        self.states: dict[str, dict[int, RecordedState]] = {}
        self.as_stored: set[str] = set()  # primed tables whose every row reads as stored

    def prime(
        self, table: str, rows: Iterable[Sequence[Row[Any]]], accounts: Collection[int]
    ) -> None:
        """Ask the log once about the rows of every account (one call, not one per account)."""
        ids = [r.id for some in rows for r in some]
        states = self.states[table] = self._ask(table, ids, accounts)
        if all(state.existed and not state.values for state in states.values()):
            self.as_stored.add(table)

    def _ask(
        self, table: str, ids: list[int], accounts: Collection[int] | None = None
    ) -> dict[int, RecordedState]:
        fields, when, changed = AS_OF_FIELDS[table], self.when, self.changed
        return recorded_as_of(
            self.ws,
            table,
            ids,
            fields,
            when,
            changed=changed,
            accounts=accounts,
            first=self.first_recorded,
        )

    def apply(self, table: str, rows: Sequence[Row[Any]]) -> list[dict[str, Any]]:
        """The rows that existed, with their values of the day. A row as stored that day is the
        same dict every day (never changed); none changed since the day (always so for
        today): the same list, so what the days build from it is built once (``_Reuse``)."""
        if not rows:
            return []
        mapped = self.reuse.dicts(rows)
        states = self.states.get(table)
        if states is None:
            states = self._ask(table, [r["id"] for r in mapped])
        elif table in self.as_stored:
            return mapped
        kept: list[dict[str, Any]] = []
        as_stored = True
        for r in mapped:
            state = states.get(r["id"], AS_STORED)
            if not state.existed:
                as_stored = False
            elif state.values:
                kept.append({**r, **state.values})
                as_stored = False
            else:
                kept.append(r)
        return mapped if as_stored else kept

    def recorded_on(self, table: str, record_id: int) -> dt.date | None:
        """The day the log first recorded a record of ``table`` read through ``apply``."""
        state = self.states.get(table, {}).get(record_id)
        return state.recorded_on if state is not None else None


class _Reuse:
    """What the days of one read build alike from the same rows, built once: a query's rows as
    dicts, the state of a link or a coverage (frozen values) from the same dict (and the states
    of a list of them), a person's from the same dict and day's values. Keyed by the object
    read from, which is held, so a key is never another object's."""

    def __init__(self) -> None:
        self._dicts: dict[int, tuple[Sequence[Row[Any]], list[dict[str, Any]]]] = {}
        self._built: dict[tuple[Any, ...], tuple[object, Any]] = {}

    def dicts(self, rows: Sequence[Row[Any]]) -> list[dict[str, Any]]:
        hit = self._dicts.get(id(rows))
        if hit is None or hit[0] is not rows:
            keys = tuple(rows[0]._fields)  # the same for every row of one query
            hit = rows, [dict(zip(keys, r, strict=True)) for r in rows]
            self._dicts[id(rows)] = hit
        return hit[1]

    def state(self, cls: type[T], values: Mapping[str, Any]) -> T:
        """``cls`` made of the fields it names in ``values``."""
        return self._once((cls, id(values)), values, lambda: _made(cls, values))

    def states(self, cls: type[T], rows: list[dict[str, Any]]) -> tuple[T, ...]:
        """``cls`` made of each of ``rows``: the same tuple for the same list."""
        return self._once(
            (tuple, cls, id(rows)), rows, lambda: tuple(self.state(cls, r) for r in rows)
        )

    def person(
        self,
        values: Mapping[str, Any],
        attitude: int,
        status: PersonStatus,
        left_on: dt.date | None,
        since: dt.date | None,
    ) -> PersonState:
        """A person as of a day from their row: the same state for the same row and day's
        values (most people read alike on every day of a health trend)."""

        def make() -> PersonState:
            try:  # by position: a row read or rebuilt whole has every column
                stored = list(_PEOPLE_GETTER(values))
            except KeyError:
                return PersonState(
                    **{
                        **_fields(values, PersonState),
                        "attitude": attitude,
                        "status": status,
                        "left_on": left_on,
                        "known_since": since,
                    }
                )
            stored[_ATTITUDE], stored[_STATUS], stored[_LEFT_ON] = attitude, status, left_on
            stored.append(since)
            return PersonState(*stored)

        return self._once((PersonState, id(values), attitude, status, left_on, since), values, make)

    def _once(self, key: tuple[Any, ...], source: object, make: Callable[[], V]) -> V:
        hit = self._built.get(key)
        if hit is None or hit[0] is not source:
            hit = source, make()
            self._built[key] = hit
        value: V = hit[1]
        return value


_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    if cls not in _NAMES:
        _NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return _NAMES[cls]


def _fields(values: Mapping[str, Any], cls: type) -> dict[str, Any]:
    return {name: values[name] for name in _names(cls) if name in values}


_GETTERS: dict[type, Callable[[Mapping[str, Any]], tuple[Any, ...]]] = {}


def _made(cls: type[T], values: Mapping[str, Any]) -> T:
    """``cls`` of the fields it names in ``values``: by position when they are all there (a
    row read or rebuilt whole), a fraction of the cost of keywords for thousands of links."""
    getter = _GETTERS.get(cls)
    if getter is None:
        getter = _GETTERS[cls] = itemgetter(*_names(cls))
    try:
        return cls(*getter(values))
    except KeyError:
        return cls(**_fields(values, cls))


# PersonState's fields but the last (known_since), which no row holds
_PEOPLE_COLUMNS = _names(PersonState)[:-1]
_PEOPLE_GETTER = itemgetter(*_PEOPLE_COLUMNS)
_ATTITUDE, _STATUS, _LEFT_ON = (_PEOPLE_COLUMNS.index(n) for n in ("attitude", "status", "left_on"))


def _rows_by_account(
    conn: Connection, table: str, ids: list[int], names: Sequence[str], *where: Any
) -> dict[int, list[Row[Any]]]:
    t = s.Base.metadata.tables[table]
    found: dict[int, list[Row[Any]]] = defaultdict(list)
    columns = [t.c[n] for n in names if n != "account_id"]
    query = select(t.c.account_id, *columns).where(t.c.account_id.in_(ids), *where)
    for row in conn.execute(query).all():  # at once: a fetch per row costs more than the rows
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
) -> list[tuple[int, dt.date, int, int]]:
    """Attitude changes after the end of ``since``: (person, changed on, id, old attitude)."""
    a, p = s.AttitudeChange, s.Person
    rows = conn.execute(
        select(a.person_id, a.changed_on, a.id, a.old_attitude)
        .join(p, p.id == a.person_id)
        .where(p.account_id.in_(ids), a.changed_on > since)
    )
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def _team(
    conn: Connection,
    ids: list[int],
    coverage: Mapping[int, Sequence[Row[Any]]],
    gone: DeletedSince,
) -> dict[int, tuple[TeamMemberState, ...]]:
    """Per account, the members assigned to it or covering someone in it (as ``ws.team``),
    those removed since the day included (``gone``)."""
    t, at = s.TeamMember, s.AccountTeam
    members = {
        m.id: TeamMemberState(m.id, m.name, m.role)
        for m in conn.execute(select(t.id, t.name, t.role)).all()
    }
    for m in gone.every("team_members"):
        members[m["id"]] = TeamMemberState(m["id"], m["name"], m["role"])
    wanted: dict[int, set[int]] = defaultdict(set)
    for aid, mid in conn.execute(select(at.account_id, at.member_id).where(at.account_id.in_(ids))):
        wanted[aid].add(mid)
    for aid, rows in coverage.items():
        wanted[aid].update(r.member_id for r in rows)
    for aid in ids:
        wanted[aid].update(a["member_id"] for a in gone.of("account_team", aid))
        wanted[aid].update(c["member_id"] for c in gone.of("coverage", aid))
    return {
        aid: tuple(sorted((members[m] for m in mids if m in members), key=_by_name))
        for aid, mids in wanted.items()
    }


def _by_name(member: TeamMemberState) -> tuple[str, int]:
    return member.name, member.id


def _people(
    rows: Sequence[tuple[Mapping[str, Any], dt.date | None]],
    attitudes: Mapping[int, int],
    as_of: dt.date,
    reuse: _Reuse,
) -> tuple[tuple[PersonState, ...], tuple[PersonState, ...]]:
    """The people present and departed that day, from (row, day first recorded) pairs."""
    present: list[PersonState] = []
    departed: list[PersonState] = []
    for r, recorded_on in rows:
        status = status_that_day(r["status"], r["joined_on"], r["left_on"], as_of)
        if status is None:
            continue  # not on the account yet
        person = reuse.person(
            r,
            attitudes.get(r["id"], r["attitude"]),
            status,
            # A departure dated after the day was not known then.
            r["left_on"] if status is PersonStatus.LEFT else None,
            known_since(r["joined_on"], recorded_on),
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
