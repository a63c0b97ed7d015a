"""``DeletedSince``: the records deleted after a day, as they stood on it (graph.as_of_deleted
reads them from the history log). A plain value, importable without SQLAlchemy, so that an
account's snapshot (graph.snapshot_states) can be built by the quick read (graph.quickread)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from graph.as_of_rules import ticket_open
from graph.contact_window import ContactStats, end_of_day
from graph.vocabulary import Severity

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from graph import schema as s

    T = TypeVar("T", bound=s.Base)
else:
    T = TypeVar("T")

_CHUNK = 500
RECORDED_ON = "_recorded_on"  # the day a record's insert was logged, when it predates D


@dataclass(frozen=True)
class DeletedSince:
    """The records deleted after the end of ``when`` that existed then, with their values of
    that day (plain dicts, as the table stores them, plus ``_recorded_on``), by table and by
    the account they belonged to (``None`` for shared tables such as ``team_members``)."""

    when: dt.date
    tables: Mapping[str, Mapping[int | None, tuple[dict[str, Any], ...]]] = field(
        default_factory=dict
    )

    def __bool__(self) -> bool:
        return bool(self.tables)

    def of(self, table_name: str, account_id: int | None) -> tuple[dict[str, Any], ...]:
        """The deleted records of ``table_name`` that belonged to ``account_id``."""
        return self.tables.get(table_name, {}).get(account_id, ())

    def every(self, table_name: str) -> list[dict[str, Any]]:
        """The deleted records of ``table_name``, whatever their account."""
        return [r for rows in self.tables.get(table_name, {}).values() for r in rows]

    def records(self, cls: type[T], account_id: int | None, dated_by: str | None = None) -> list[T]:
        """The deleted records of ``cls`` as detached records; ``dated_by`` names the field
        that dates them (``opened_on``...): those dated after ``when`` did not exist yet."""
        found: list[T] = []
        for values in self.of(cls.__tablename__, account_id):
            day = values.get(dated_by) if dated_by else None
            if isinstance(day, dt.datetime):
                day = day.date()
            if day is not None and day > self.when:
                continue
            stored = {k: v for k, v in values.items() if k != RECORDED_ON}
            found.append(cls(**stored))
        return found

    def open_sev1(self, account_id: int) -> int:
        """Deleted severity-1 tickets open at the end of ``when`` (as graph.queries counts)."""
        return sum(
            1
            for t in self.of("tickets", account_id)
            if t["severity"] is Severity.SEV1 and ticket_open(t, self.when)
        )

    def attendance(
        self, conn: Connection, account_id: int
    ) -> list[tuple[int, int, dt.datetime, int]]:
        """Attendances of customer people removed since (with their interaction, or alone) as
        ``(person_id, interaction_id, occurred_at, duration_minutes)``, up to the end of
        ``when``. An interaction still stored gives its stored time."""
        removed = self.of("interaction_people", account_id)
        if not removed:
            return []
        # Here, not at the top: only a read of the workspace (never the quick read) asks.
        from sqlalchemy import select

        from graph import schema as s

        gone = {i["id"]: i for i in self.of("interactions", account_id)}
        stored_ids = sorted({r["interaction_id"] for r in removed} - set(gone))
        i = s.Interaction
        for start in range(0, len(stored_ids), _CHUNK):
            chunk = stored_ids[start : start + _CHUNK]
            for row in conn.execute(
                select(i.id, i.occurred_at, i.duration_minutes).where(i.id.in_(chunk))
            ):
                gone[row.id] = {"occurred_at": row.occurred_at, "duration_minutes": row[2]}
        end = end_of_day(self.when)
        found = []
        for r in removed:
            interaction = gone.get(r["interaction_id"])
            if interaction is None or interaction["occurred_at"] >= end:
                continue
            found.append(
                (
                    r["person_id"],
                    r["interaction_id"],
                    interaction["occurred_at"],
                    interaction["duration_minutes"] or 0,
                )
            )
        return found

    def contact_stats(
        self,
        conn: Connection,
        stats: Mapping[int, ContactStats],
        account_ids: Iterable[int],
        since: dt.datetime,
    ) -> dict[int, ContactStats]:
        """``stats`` (graph.queries.contact_stats of today's rows) with the attendances
        removed since counted back in."""
        merged = dict(stats)
        for account_id in account_ids:
            for person_id, _, at, minutes in self.attendance(conn, account_id):
                old = merged.get(person_id, ContactStats())
                recent = at >= since
                merged[person_id] = ContactStats(
                    at if old.last_contact is None else max(at, old.last_contact),
                    old.recent_count + recent,
                    old.recent_minutes + (minutes if recent else 0),
                )
        return merged
