"""Fast read-only aggregate queries behind the signals and the summary.

These use SQLAlchemy Core on purpose: the portfolio summary reads every person's contact history
(100,000 interactions in a large portfolio) and must answer in well under a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Connection, distinct, func, select

from graph import schema as s
from graph.vocabulary import RiskLevel, RiskStatus, Severity, TicketStatus


@dataclass(frozen=True)
class ContactStats:
    """A person's contact history: the latest contact ever, and activity within a window."""

    last_contact: dt.datetime | None = None
    recent_count: int = 0
    recent_minutes: int = 0
    recent_members: int = 0


def _accounts_filter(column: object, account_ids: Collection[int] | None) -> list[object]:
    return [] if account_ids is None else [column.in_(list(account_ids))]  # type: ignore[attr-defined]


def contact_stats(
    conn: Connection, since: dt.datetime, account_ids: Collection[int] | None = None
) -> dict[int, ContactStats]:
    """Contact statistics per person id, for the people of ``account_ids`` (default: all)."""
    ip, i, im = s.InteractionPerson, s.Interaction, s.InteractionMember
    where = _accounts_filter(i.account_id, account_ids)
    last = conn.execute(
        select(ip.person_id, func.max(i.occurred_at))
        .join(i, i.id == ip.interaction_id)
        .where(*where)  # type: ignore[arg-type]
        .group_by(ip.person_id)
    ).all()
    recent = conn.execute(
        select(ip.person_id, func.count(), func.coalesce(func.sum(i.duration_minutes), 0))
        .join(i, i.id == ip.interaction_id)
        .where(i.occurred_at >= since, *where)  # type: ignore[arg-type]
        .group_by(ip.person_id)
    ).all()
    members = conn.execute(
        select(ip.person_id, func.count(distinct(im.member_id)))
        .join(i, i.id == ip.interaction_id)
        .join(im, im.interaction_id == ip.interaction_id)
        .where(i.occurred_at >= since, *where)  # type: ignore[arg-type]
        .group_by(ip.person_id)
    ).all()
    recent_by_person = {pid: (count, int(minutes)) for pid, count, minutes in recent}
    members_by_person = dict(members)
    stats: dict[int, ContactStats] = {}
    for pid, when in last:
        count, minutes = recent_by_person.get(pid, (0, 0))
        stats[pid] = ContactStats(when, count, minutes, members_by_person.get(pid, 0))
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
            *_accounts_filter(t.account_id, account_ids),  # type: ignore[arg-type]
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
            *_accounts_filter(r.account_id, account_ids),  # type: ignore[arg-type]
        )
        .group_by(r.account_id)
    ).all()
    return dict(rows)
