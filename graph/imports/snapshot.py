"""The workspace data an import is planned against, read in one go with fast Core queries.

A snapshot's ``digest`` lets ``apply`` check that nothing changed between the preview and the
import (another window, a sync): if it did, the user previews again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Date, select

from graph import schema as s
from graph.imports.bulk import fetch_raw, table_of
from graph.imports.errors import ImportFailed
from graph.vocabulary import CoverageKind, RelationKind
from graph.workspace import Workspace


def digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


@dataclass
class PeopleSnapshot:
    # person id -> stored values; enum fields as their stored text (equal to the StrEnum
    # members), cares_about as a list
    people: dict[int, dict[str, Any]]
    # person id -> (relationship id, manager id)
    managers: dict[int, tuple[int, int]]
    # (member id, person id) -> (coverage id, kind)
    coverage: dict[tuple[int, int], tuple[int, CoverageKind]]
    # member id -> (name, email)
    team: dict[int, tuple[str, str]]
    fingerprint: str = ""

    def digest(self) -> str:
        return self.fingerprint


def load_team(conn: Connection) -> dict[int, tuple[str, str]]:
    t = table_of(s.TeamMember)
    return {i: (n, e) for i, n, e in conn.execute(select(t.c.id, t.c.name, t.c.email))}


_PERSON_COLUMNS = [c.name for c in table_of(s.Person).columns]
_DATE_COLUMNS = [c.name for c in table_of(s.Person).columns if isinstance(c.type, Date)]
_PEOPLE = (
    f"SELECT {', '.join(_PERSON_COLUMNS)} FROM {s.Person.__tablename__} "
    "WHERE account_id = ? ORDER BY id"
)
_LINES = (
    f"SELECT id, source_id, target_id FROM {s.Relationship.__tablename__} "
    f"WHERE account_id = ? AND kind = '{RelationKind.REPORTS_TO.value}' ORDER BY id"
)
_COVERAGE = (
    f"SELECT c.id, c.member_id, c.person_id, c.kind FROM {s.Coverage.__tablename__} c "
    f"JOIN {s.Person.__tablename__} p ON p.id = c.person_id WHERE p.account_id = ? "
    "ORDER BY c.id"
)


def load_people(conn: Connection, account_id: int) -> PeopleSnapshot:
    """Rows as stored (enum fields as their text), read without per-value conversion:
    five times faster for 50,000 people, and what the fingerprint is taken of."""
    rows = fetch_raw(conn, _PEOPLE, [account_id])
    people: dict[int, dict[str, Any]] = {}
    for row in rows:
        values = dict(zip(_PERSON_COLUMNS, row, strict=True))
        tags = values["cares_about"]
        values["cares_about"] = json.loads(tags) if isinstance(tags, str) else []
        for field in _DATE_COLUMNS:
            # Stored as ISO text; validation and undo need the date itself.
            if isinstance(values[field], str):
                values[field] = dt.date.fromisoformat(values[field])
        people[values["id"]] = values
    lines = fetch_raw(conn, _LINES, [account_id])
    covered = fetch_raw(conn, _COVERAGE, [account_id])
    team = load_team(conn)
    return PeopleSnapshot(
        people=people,
        managers={source: (rid, target) for rid, source, target in lines},
        coverage={(m, pid): (cid, CoverageKind(kind)) for cid, m, pid, kind in covered},
        team=team,
        fingerprint=digest(rows, lines, covered, sorted(team.items())),
    )


def account_name(conn: Connection, account_id: int) -> str | None:
    a = table_of(s.Account)
    name: str | None = conn.scalar(select(a.c.name).where(a.c.id == account_id))
    return name


def require_account(ws: Workspace, account_id: int, file: str) -> str:
    """The account's name; ImportFailed if there is no such account."""
    with ws.engine.connect() as conn:
        name = account_name(conn, account_id)
    if name is None:
        raise ImportFailed.single(file, f"account {account_id} does not exist")
    return name
