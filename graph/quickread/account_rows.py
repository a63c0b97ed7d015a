"""The stored rows of one account as plain values, read with ``sqlite3`` alone: what the map's
account graph is built from (``map_rows``, as graph.networks.account_rows reads them), each
person's email and the saved card positions; and the pieces graph.quickread.account_snapshot
shares (coverage, our team, the contacts).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from typing import NamedTuple

from graph import contact_window
from graph.contact_window import ContactStats, contact_window_start
from graph.quickread.opening import query_of
from graph.quickread.stored_values import (
    CHANNEL,
    COVERAGE,
    KIND,
    LEVEL,
    RELATIONSHIP,
    ROLE,
    STATUS,
    stored_day,
)
from graph.snapshot_states import CoverageState, LinkState, PersonState, TeamMemberState
from graph.vocabulary import TeamRole


class MapRows(NamedTuple):
    """The rows an account's map graph is built from (graph.networks.AccountRows)."""

    people: tuple[PersonState, ...]
    links: tuple[LinkState, ...]
    coverage: tuple[CoverageState, ...]
    members: tuple[TeamMemberState, ...]
    contacts: dict[int, ContactStats]


def account_contacts(
    conn: sqlite3.Connection, account_id: int, day: dt.date
) -> dict[int, ContactStats]:
    """Each person's contacts in the cadence window ending on ``day`` (graph.contact_window)."""
    return contact_window.contact_stats(
        query_of(conn), contact_window_start(day), [account_id], day
    )


def map_rows(
    conn: sqlite3.Connection,
    account_id: int,
    today: dt.date,
    contacts: Mapping[int, ContactStats] | None = None,
) -> MapRows:
    """What the map's account graph is built from (graph.networks.build_graph), as
    graph.networks.account_rows reads it: every person of the account as stored (those who
    join later too), their links, our coverage and members, and contacts up to ``today``
    (``contacts``: already counted by ``account_contacts`` for the same day).
    The people are PersonState values holding their stored status and attitude."""
    people = tuple(
        PersonState(
            pid,
            account_id,
            name,
            title,
            department,
            LEVEL[level],
            ROLE[role],
            influence,
            attitude,
            interest,
            CHANNEL[channel],
            cadence_days,
            STATUS[status],
            stored_day(joined),
            stored_day(left),
            None,
        )
        for (
            pid,
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
            status,
            joined,
            left,
        ) in conn.execute(
            "SELECT id, name, title, department, level, role, influence, attitude, interest, "
            "channel, cadence_days, status, joined_on, left_on FROM people WHERE account_id = ?",
            (account_id,),
        )
    )
    links = tuple(
        LinkState(rid, KIND[kind], source, target, strength)
        for rid, kind, source, target, strength in conn.execute(
            "SELECT id, kind, source_id, target_id, strength FROM relationships "
            "WHERE account_id = ?",
            (account_id,),
        )
    )
    # graph.networks.account_rows's query, to the letter (the same rows in the same order)
    coverage = coverage_rows(
        conn,
        "SELECT id, member_id, person_id, kind, current_level, desired_level FROM coverage "
        f"WHERE person_id IN (SELECT id FROM people WHERE account_id = {int(account_id)})",
    )
    # by id, as the full read gives them (the snapshot's team is by name)
    members = tuple(
        sorted(team_members(conn, account_id, {c.member_id for c in coverage}), key=lambda m: m.id)
    )
    if contacts is None:
        contacts = account_contacts(conn, account_id, today)
    return MapRows(people, links, coverage, members, dict(contacts))


def coverage_rows(conn: sqlite3.Connection, sql: str) -> tuple[CoverageState, ...]:
    return tuple(
        CoverageState(cid, member, person, COVERAGE[kind], RELATIONSHIP[now], RELATIONSHIP[aim])
        for cid, member, person, kind, now, aim, *_account in conn.execute(sql)
    )


def team_members(
    conn: sqlite3.Connection, account_id: int, covering: set[int]
) -> tuple[TeamMemberState, ...]:
    """Our members assigned to the account or covering someone in it, by name."""
    wanted = covering | {
        mid
        for (mid,) in conn.execute(
            "SELECT member_id FROM account_team WHERE account_id = ?", (account_id,)
        )
    }
    if not wanted:
        return ()
    members = [
        TeamMemberState(mid, name, TeamRole(role))
        for mid, name, role in conn.execute(
            "SELECT id, name, role FROM team_members "
            f"WHERE id IN ({', '.join(str(int(m)) for m in sorted(wanted))})"
        )
    ]
    return tuple(sorted(members, key=lambda m: (m.name, m.id)))


def emails(conn: sqlite3.Connection, account_id: int) -> dict[int, str]:
    """Each person's email on the account (the map's search reads them; the snapshot does not
    carry them), as desktop.map.map_data reads them from the workspace."""
    return {
        pid: email or ""
        for pid, email in conn.execute(
            "SELECT id, email FROM people WHERE account_id = ?", (account_id,)
        )
    }


def card_positions(
    conn: sqlite3.Connection, account_id: int, view: str
) -> dict[str, tuple[float, float]]:
    """Where the user put the account's cards on the map view ``view`` (``Workspace.positions``):
    the map's layout keeps them (desktop.map.layout_worker)."""
    return {
        node: (x, y)
        for node, x, y in conn.execute(
            "SELECT node, x, y FROM card_positions WHERE account_id = ? AND view = ?",
            (account_id, view),
        )
    }
