"""Fast read-only aggregate queries behind the signals and the summary.

These use SQLAlchemy Core on purpose: the portfolio summary reads every person's contact history
(100,000 interactions in a large portfolio) and must answer in well under a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, case, func, select
from sqlalchemy.orm import InstrumentedAttribute

from graph import schema as s
from graph.vocabulary import RiskLevel, RiskStatus, Severity, TicketStatus

# Coverage and recent activity look back this far (graph.signals documents the rules).
CONTACT_WINDOW_DAYS = 180


def contact_window_start(today: dt.date) -> dt.datetime:
    return dt.datetime.combine(today - dt.timedelta(days=CONTACT_WINDOW_DAYS), dt.time())


@dataclass(frozen=True)
class ContactStats:
    """A person's contact history: the latest contact ever, and activity within a window."""

    last_contact: dt.datetime | None = None
    recent_count: int = 0
    recent_minutes: int = 0


def _accounts_filter(
    column: InstrumentedAttribute[int], account_ids: Collection[int] | None
) -> list[ColumnElement[bool]]:
    return [] if account_ids is None else [column.in_(list(account_ids))]


def contact_stats(
    conn: Connection, since: dt.datetime, account_ids: Collection[int] | None = None
) -> dict[int, ContactStats]:
    """Contact statistics per person id, for the people of ``account_ids`` (default: all)."""
    ip, i = s.InteractionPerson, s.Interaction
    # Driven from interactions, filtered by account: SQLite then reads the covering index
    # ix_interactions_contact instead of jumping from each attendance to its interaction row.
    accounts = list(account_ids) if account_ids is not None else select(s.Account.id)
    where = i.account_id.in_(accounts)
    in_window = case((i.occurred_at >= since, 1), else_=0)
    history = conn.execute(
        select(
            ip.person_id,
            func.max(i.occurred_at),
            func.sum(in_window),
            func.sum(in_window * i.duration_minutes),
        )
        .select_from(i)
        .join(ip, ip.interaction_id == i.id)
        .where(where)
        .group_by(ip.person_id)
    ).all()
    stats: dict[int, ContactStats] = {}
    for pid, when, count, minutes in history:
        stats[pid] = ContactStats(when, int(count or 0), int(minutes or 0))
    return stats


def open_sev1_tickets(
    conn: Connection, account_ids: Collection[int] | None = None
) -> dict[int, int]:
    t = s.Ticket
    rows = conn.execute(
        select(t.account_id, func.count())
        .where(
            t.severity == Severity.SEV1,
            t.status.in_([TicketStatus.OPEN, TicketStatus.IN_PROGRESS]),
            *_accounts_filter(t.account_id, account_ids),
        )
        .group_by(t.account_id)
    ).all()
    return dict(rows)


def open_high_risks(conn: Connection, account_ids: Collection[int] | None = None) -> dict[int, int]:
    r = s.Risk
    rows = conn.execute(
        select(r.account_id, func.count())
        .where(
            r.level == RiskLevel.HIGH,
            r.status == RiskStatus.OPEN,
            *_accounts_filter(r.account_id, account_ids),
        )
        .group_by(r.account_id)
    ).all()
    return dict(rows)
