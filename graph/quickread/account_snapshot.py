"""One account's snapshot as of a day, read with ``sqlite3`` alone: what graph.snapshot's
``read_account`` gives, for a map painted before SQLAlchemy loads (a window's first paint).

The snapshot is the stored rows placed on the day by the rules of graph.as_of_rules (who had
joined, who had left, attitudes then, from when each cadence runs), as graph.snapshot places
them. When the history log holds changes made after the day (``changed_after``), stored rows
no longer tell that day: graph.snapshot rebuilds it from the log, and ``account_snapshot``
returns None so that the caller reads it there.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from types import MappingProxyType

from graph.as_of_rules import (
    attitudes_on,
    open_high_risk,
    ticket_open,
)
from graph.contact_window import ContactStats
from graph.deleted_records import DeletedSince
from graph.errors import NotFoundError
from graph.quickread.account_rows import account_contacts, coverage_rows, team_members
from graph.quickread.portfolio import cadence_defaults, changed_after
from graph.quickread.stored_values import CHANNEL, KIND, LEVEL, ROLE, placed_on, stored_day
from graph.snapshot_states import AccountSnapshot, AccountState, LinkState, PersonState
from graph.vocabulary import Health, PersonStatus, Phase


def account_snapshot(
    conn: sqlite3.Connection,
    account_id: int,
    day: dt.date,
    contacts: Mapping[int, ContactStats] | None = None,
) -> AccountSnapshot | None:
    """Account ``account_id`` as it stood at the end of ``day``, equal to
    ``graph.snapshot.read_account`` (pinned by tests/graph/test_quickread_account.py); None
    when the log holds changes made after the day (read it from the workspace then).
    ``contacts``: the account's contacts already counted for the day (``account_contacts``).
    Raises NotFoundError, as the full read does, for an account that does not exist.
    ``conn``: a checked connection (graph.quickread.opening.open_checked)."""
    if changed_after(conn, day):
        return None
    account = _account(conn, account_id)
    people, departed = _people(conn, account_id, day)
    here = {p.id for p in (*people, *departed)}
    links = tuple(
        LinkState(rid, KIND[kind], source, target, strength)
        for rid, kind, source, target, strength in conn.execute(
            "SELECT id, kind, source_id, target_id, strength FROM relationships "
            "WHERE account_id = ? ORDER BY id",
            (account_id,),
        )
        if source in here and target in here
    )
    # The query of graph.snapshot, to the letter: SQLite then gives the rows in the same order
    # (the signals list a person's owners in it).
    coverage = coverage_rows(
        conn,
        "SELECT c.id, c.member_id, c.person_id, c.kind, c.current_level, c.desired_level, "
        "p.account_id FROM coverage c JOIN people p ON p.id = c.person_id "
        f"WHERE p.account_id IN ({int(account_id)})",
    )
    if contacts is None:
        contacts = account_contacts(conn, account_id, day)
    return AccountSnapshot(
        as_of=day,
        account=account,
        people=people,
        departed=departed,
        links=links,
        coverage=tuple(c for c in coverage if c.person_id in here),
        contacts=MappingProxyType({pid: contacts[pid] for pid in here if pid in contacts}),
        # members assigned to the account or covering anyone in it, departed or not yet joined
        team=team_members(conn, account_id, {c.member_id for c in coverage}),
        open_sev1=_open_sev1(conn, account_id, day),
        open_high_risks=_open_high_risks(conn, account_id, day),
        cadence_defaults=MappingProxyType(cadence_defaults(conn)),
        deleted=DeletedSince(day),  # nothing was deleted after the day: the log says so
    )


def _account(conn: sqlite3.Connection, account_id: int) -> AccountState:
    row = conn.execute(
        "SELECT id, name, industry, segment, arr, currency, renewal_date, phase, it_maturity, "
        "security_maturity, health_override, health_override_reason, "
        "fiscal_year_start_month, archived FROM accounts WHERE id = ?",
        (account_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"account {account_id} does not exist")
    aid, name, industry, segment, arr, currency, renewal, phase, it, security, *rest = row
    override, reason, fiscal_month, archived = rest
    return AccountState(
        aid,
        name,
        industry,
        segment,
        arr,
        currency,
        stored_day(renewal),
        Phase(phase),
        it,
        security,
        None if override is None else Health(override),
        reason,
        fiscal_month,
        bool(archived),
    )


def _people(
    conn: sqlite3.Connection, account_id: int, day: dt.date
) -> tuple[tuple[PersonState, ...], tuple[PersonState, ...]]:
    """The people on the account at the end of ``day``, and those who had left by then."""
    # The day each person was first recorded (their insert in the log): their first cadence
    # starts then when no join date is known (graph.as_of_rules.known_since).
    first = dict(
        conn.execute(
            "SELECT h.record_uid, min(substr(h.at, 1, 10)) FROM history h "
            "JOIN people p ON p.uid = h.record_uid WHERE p.account_id = ? "
            "AND h.table_name = 'people' AND h.action = 'insert' GROUP BY h.record_uid",
            (account_id,),
        )
    )
    changes = [
        (pid, dt.date.fromisoformat(changed), cid, old)
        for pid, changed, cid, old in conn.execute(
            "SELECT a.person_id, a.changed_on, a.id, a.old_attitude FROM attitude_changes a "
            "JOIN people p ON p.id = a.person_id WHERE p.account_id = ? AND a.changed_on > ?",
            (account_id, day.isoformat()),
        )
    ]
    attitudes = attitudes_on(changes, day)
    present: list[PersonState] = []
    departed: list[PersonState] = []
    for (
        pid,
        uid,
        name,
        title,
        department,
        level,
        role,
        influence,
        attitude,
        interest,
        channel,
        cadence_days,
        stored,
        joined_text,
        left_text,
    ) in conn.execute(
        "SELECT id, uid, name, title, department, level, role, influence, attitude, interest, "
        "channel, cadence_days, status, joined_on, left_on FROM people WHERE account_id = ? "
        "ORDER BY id",
        (account_id,),
    ):
        placed = placed_on(day, stored, joined_text, left_text, first.get(uid))
        if placed is None:
            continue  # not on the account yet
        status = placed.status
        person = PersonState(
            pid,
            account_id,
            name,
            title,
            department,
            LEVEL[level],
            ROLE[role],
            influence,
            attitudes.get(pid, attitude),
            interest,
            CHANNEL[channel],
            cadence_days,
            status,
            placed.joined,
            # A departure dated after the day was not known then.
            placed.left if status is PersonStatus.LEFT else None,
            placed.known_since,
        )
        (departed if status is PersonStatus.LEFT else present).append(person)
    return tuple(present), tuple(departed)


def _open_sev1(conn: sqlite3.Connection, account_id: int, day: dt.date) -> int:
    """Severity-1 tickets open at the end of ``day`` (opened by then, not resolved by then)."""
    return sum(
        ticket_open(
            {
                "status": status,
                "opened_on": stored_day(opened),
                "resolved_on": stored_day(resolved),
            },
            day,
        )
        for status, opened, resolved in conn.execute(
            "SELECT status, opened_on, resolved_on FROM tickets "
            "WHERE severity = 'sev1' AND account_id = ?",
            (account_id,),
        )
    )


def _open_high_risks(conn: sqlite3.Connection, account_id: int, day: dt.date) -> int:
    """High risks raised by ``day`` and open then."""
    return sum(
        open_high_risk({"level": level, "status": status, "raised_on": stored_day(raised)}, day)
        for level, status, raised in conn.execute(
            "SELECT level, status, raised_on FROM risks WHERE account_id = ?", (account_id,)
        )
    )
