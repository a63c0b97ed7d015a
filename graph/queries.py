"""Fast read-only aggregate queries behind the signals and the summary, each as of a date.

These use SQLAlchemy Core on purpose: the portfolio summary reads every person's contact history
(100,000 interactions in a large portfolio) and must answer in well under a second.

Every query answers for the end of a day ``as_of``: interactions up to that day's midnight,
tickets opened by then and not resolved by then, risks raised by then. What a query cannot date
(a risk's closing, which only the history log records) is read as stored.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from graph import contact_window
from graph import schema as s
from graph.contact_window import CONTACT_WINDOW_DAYS as CONTACT_WINDOW_DAYS
from graph.contact_window import ContactStats as ContactStats
from graph.contact_window import contact_window_start as contact_window_start
from graph.contact_window import end_of_day as end_of_day
from graph.contact_window import stored_time
from graph.vocabulary import RiskLevel, RiskStatus, Severity, TicketStatus


def _accounts_filter(
    column: InstrumentedAttribute[int], account_ids: Collection[int] | None
) -> list[ColumnElement[bool]]:
    return [] if account_ids is None else [column.in_(list(account_ids))]


def contact_stats(
    conn: Connection,
    since: dt.datetime,
    account_ids: Collection[int] | None = None,
    as_of: dt.date | None = None,
) -> dict[int, ContactStats]:
    """Contact statistics per person id, for the people of ``account_ids`` (default: all).

    Interactions count up to the end of ``as_of`` (default: every one logged, future ones too).
    One SQL statement, graph.contact_window's, which the read-only commands run too.
    """

    def query(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in conn.exec_driver_sql(sql, tuple(params)).all()]

    return contact_window.contact_stats(query, since, account_ids, as_of)


@dataclass(frozen=True)
class ContactSpans:
    """Each person's contacts in the interactions of some accounts, summed per span of time:
    the spans lie between ``cuts`` (stored times, ascending), span k from ``cuts[k - 1]``
    (included; the first from the beginning) to ``cuts[k]`` (excluded); nothing at or after
    the last cut is counted. Kept as running totals, so any two cuts bound a sum."""

    cuts: tuple[str, ...]
    # per person, per span: the latest contact so far ("" for none), contacts and minutes so far
    latest: Mapping[int, Sequence[str]]
    counts: Mapping[int, Sequence[int]]
    minutes: Mapping[int, Sequence[int]]

    def cut(self, at: dt.datetime) -> int | None:
        """The position of ``at`` among the cuts (None: not a cut)."""
        text = stored_time(at)
        k = bisect_left(self.cuts, text)
        return k if k < len(self.cuts) and self.cuts[k] == text else None

    def stats_on(self, day: dt.date) -> dict[int, ContactStats]:
        """``contact_stats`` as of ``day``: its end and its window's start must be cuts."""
        first, last = self.cut(contact_window_start(day)), self.cut(end_of_day(day))
        if first is None or last is None:
            raise ValueError(f"the contacts were not cut at {day}")
        parse = dt.datetime.fromisoformat
        found: dict[int, ContactStats] = {}
        for person, latest in self.latest.items():
            if latest[last]:  # nobody met by then: no statistics, as contact_stats
                counts, minutes = self.counts[person], self.minutes[person]
                found[person] = ContactStats(
                    parse(latest[last]),
                    counts[last] - counts[first],
                    minutes[last] - minutes[first],
                )
        return found

    def attended(self, start: dt.datetime, end: dt.datetime) -> dict[int, int] | None:
        """Each person's contacts from ``start`` (included) to ``end`` (excluded); None when
        either is not a cut."""
        first, last = self.cut(start), self.cut(end)
        if first is None or last is None:
            return None
        return {
            person: n
            for person, counts in self.counts.items()
            if (n := counts[last] - counts[first])
        }


def contact_spans(
    conn: Connection, account_ids: Collection[int], cuts: Collection[dt.datetime]
) -> ContactSpans:
    """The contacts of the people of ``account_ids`` summed per span between ``cuts``, in one
    pass over the interactions: SQLite sums each person's contacts per span (one comparison
    chain a row), compared and read as stored text (as ``contact_stats``)."""
    marks = tuple(sorted({stored_time(at) for at in cuts}))
    if not marks or not account_ids:
        return ContactSpans(marks, {}, {}, {})
    span = " ".join(f"WHEN i.occurred_at < ? THEN {k}" for k in range(len(marks)))
    accounts = ", ".join(str(int(a)) for a in sorted(account_ids))
    rows = conn.exec_driver_sql(
        f"SELECT ip.person_id, CASE {span} END AS span, max(i.occurred_at), count(*), "
        "sum(i.duration_minutes) "
        "FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id "
        f"WHERE i.account_id IN ({accounts}) AND i.occurred_at < ? "
        "GROUP BY ip.person_id, span",
        (*marks, marks[-1]),
    ).all()
    width = len(marks)
    spans: dict[int, tuple[list[str], list[int], list[int]]] = {}
    for person, k, last, count, minutes in rows:
        mine = spans.get(person)
        if mine is None:
            mine = spans[person] = ([""] * width, [0] * width, [0] * width)
        mine[0][k], mine[1][k], mine[2][k] = last, count, minutes or 0
    return ContactSpans(
        marks,
        {p: list(accumulate(s[0], max)) for p, s in spans.items()},
        {p: list(accumulate(s[1])) for p, s in spans.items()},
        {p: list(accumulate(s[2])) for p, s in spans.items()},
    )


def day_cuts(days: Iterable[dt.date]) -> set[dt.datetime]:
    """The cuts ``ContactSpans.stats_on`` needs for ``days``: each day's end and its window's
    start."""
    return {at for day in days for at in (end_of_day(day), contact_window_start(day))}


def contact_stats_on(
    conn: Connection, days: Sequence[dt.date], account_ids: Collection[int]
) -> dict[dt.date, dict[int, ContactStats]]:
    """``contact_stats`` as of each of ``days`` (its window ending each day), in one pass over
    the interactions (``contact_spans``): a QBR's health trend reads every quarter's contacts
    at once."""
    spans = contact_spans(conn, account_ids, day_cuts(days))
    return {day: spans.stats_on(day) for day in days}


def open_sev1_tickets_on(
    conn: Connection, days: Sequence[dt.date], account_ids: Collection[int]
) -> dict[dt.date, dict[int, int]]:
    """``open_sev1_tickets`` as of each of ``days``, in one query."""
    t = s.Ticket
    rows = conn.execute(
        select(t.account_id, *(func.sum(case((ticket_open_on(d), 1), else_=0)) for d in days))
        .where(t.severity == Severity.SEV1, t.account_id.in_(list(account_ids)))
        .group_by(t.account_id)
    ).all()
    found: dict[dt.date, dict[int, int]] = {day: {} for day in days}
    for row in rows:
        for n, day in enumerate(days):
            if row[1 + n]:
                found[day][row[0]] = int(row[1 + n])
    return found


def ticket_open_on(as_of: dt.date) -> ColumnElement[bool]:
    """A ticket is open at the end of ``as_of`` when opened by then and not resolved by then.

    A ticket resolved or closed with no resolution date counts as resolved (as reports.support).
    """
    t = s.Ticket
    return and_(
        t.opened_on <= as_of,
        or_(
            t.resolved_on > as_of,
            and_(
                t.resolved_on.is_(None),
                t.status.in_([TicketStatus.OPEN, TicketStatus.IN_PROGRESS]),
            ),
        ),
    )


def open_sev1_tickets(
    conn: Connection, as_of: dt.date, account_ids: Collection[int] | None = None
) -> dict[int, int]:
    """Severity-1 tickets open at the end of ``as_of``, per account id."""
    t = s.Ticket
    rows = conn.execute(
        select(t.account_id, func.count())
        .where(
            t.severity == Severity.SEV1,
            ticket_open_on(as_of),
            *_accounts_filter(t.account_id, account_ids),
        )
        .group_by(t.account_id)
    ).all()
    return dict(rows)


def open_high_risks(
    conn: Connection, as_of: dt.date, account_ids: Collection[int] | None = None
) -> dict[int, int]:
    """High risks raised by the end of ``as_of`` and open, per account id.

    A risk raised after ``as_of`` did not exist then. Whether it was still open then needs the
    date it was closed, which only the history log knows: until then its stored status counts.
    """
    r = s.Risk
    rows = conn.execute(
        select(r.account_id, func.count())
        .where(
            r.level == RiskLevel.HIGH,
            r.status == RiskStatus.OPEN,
            r.raised_on <= as_of,
            *_accounts_filter(r.account_id, account_ids),
        )
        .group_by(r.account_id)
    ).all()
    return dict(rows)


def first_dated_fact(conn: Connection, account_id: int) -> dt.date | None:
    """The earliest dated fact of an account: a person joining, an interaction, a ticket, a win,
    an incident, a usage point, a request, a risk or an action item (None: nothing dated yet)."""
    dated = [
        select(func.min(s.Person.joined_on)).where(s.Person.account_id == account_id),
        select(func.min(s.Ticket.opened_on)).where(s.Ticket.account_id == account_id),
        select(func.min(s.Win.won_on)).where(s.Win.account_id == account_id),
        select(func.min(s.Incident.occurred_on)).where(s.Incident.account_id == account_id),
        select(func.min(s.CustomerRequest.requested_on)).where(
            s.CustomerRequest.account_id == account_id
        ),
        select(func.min(s.Risk.raised_on)).where(s.Risk.account_id == account_id),
        select(func.min(s.ActionItem.created_on)).where(s.ActionItem.account_id == account_id),
        select(func.min(s.UsagePoint.measured_on))
        .join(s.UsageMetric, s.UsageMetric.id == s.UsagePoint.metric_id)
        .where(s.UsageMetric.account_id == account_id),
    ]
    days = [day for query in dated if (day := conn.scalar(query)) is not None]
    first_contact = conn.scalar(
        select(func.min(s.Interaction.occurred_at)).where(s.Interaction.account_id == account_id)
    )
    if first_contact is not None:
        days.append(first_contact.date())
    return min(days, default=None)
