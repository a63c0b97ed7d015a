"""The workspace data an import is planned against, read in one go with fast Core queries.

A snapshot's ``digest`` lets ``apply`` check that nothing changed between the preview and the
import (another window, a sync): if it did, the user previews again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, text

from graph import schema as s
from graph.imports.bulk import table_of
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


def _raw_rows(
    conn: Connection, table: str, where: str, **params: Any
) -> tuple[list[str], Sequence[Any]]:
    """Rows as stored, without per-value type conversion (five times faster for 50,000)."""
    result = conn.execute(text(f"SELECT * FROM {table} WHERE {where} ORDER BY id"), params)
    return list(result.keys()), result.all()


def load_people(conn: Connection, account_id: int) -> PeopleSnapshot:
    columns, rows = _raw_rows(conn, "people", "account_id = :a", a=account_id)
    people: dict[int, dict[str, Any]] = {}
    for row in rows:
        values = dict(zip(columns, row, strict=True))
        tags = values.get("cares_about")
        values["cares_about"] = json.loads(tags) if isinstance(tags, str) else []
        people[values["id"]] = values
    r = table_of(s.Relationship)
    lines = conn.execute(
        select(r.c.id, r.c.source_id, r.c.target_id).where(
            r.c.account_id == account_id, r.c.kind == RelationKind.REPORTS_TO
        )
    ).all()
    c = table_of(s.Coverage)
    covered = conn.execute(
        select(c.c.id, c.c.member_id, c.c.person_id, c.c.kind).where(
            c.c.person_id.in_(
                select(table_of(s.Person).c.id).where(table_of(s.Person).c.account_id == account_id)
            )
        )
    ).all()
    team = load_team(conn)
    return PeopleSnapshot(
        people=people,
        managers={source: (rid, target) for rid, source, target in lines},
        coverage={(m, pid): (cid, kind) for cid, m, pid, kind in covered},
        team=team,
        fingerprint=digest(rows, sorted(lines), sorted(covered), sorted(team.items())),
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
