"""Support and incidents for a quarter: tickets by severity and status, time to resolve.

A ticket counts for the quarter when it was opened in it or was still open at its start.
It is *open at a date* when opened by then and not resolved by then (a ticket marked resolved or
closed with no resolution date counts as resolved). Time to resolve is ``resolved_on -
opened_on`` in days, for the tickets resolved during the quarter; mean and median are given.

Everything is as of the QBR's day (``as_of``: the quarter's last day, or today while it runs):
a ticket opened later is left out, one resolved later was still open then, and its status then
is "open" (the resolution date is the only dated change of status a ticket carries).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from statistics import fmean, median

from graph import schema as s
from graph.vocabulary import Severity, TicketStatus
from reports.model import (
    IncidentRow,
    QuarterTickets,
    SeverityStats,
    SupportSection,
    TicketRow,
)
from reports.quarter import Quarter

_DONE = (TicketStatus.RESOLVED, TicketStatus.CLOSED)


def is_open_on(ticket: TicketRow, day: dt.date) -> bool:
    if ticket.opened_on > day:
        return False
    if ticket.resolved_on is not None:
        return ticket.resolved_on > day
    return ticket.status not in _DONE


def _days(tickets: Iterable[TicketRow]) -> list[int]:
    return [t.days_to_resolve for t in tickets if t.days_to_resolve is not None]


def _stats(severity: Severity, tickets: Sequence[TicketRow], quarter: Quarter) -> SeverityStats:
    mine = [t for t in tickets if t.severity is severity]
    resolved = [t for t in mine if t.resolved_on is not None and t.resolved_on in quarter]
    days = _days(resolved)
    return SeverityStats(
        severity=severity,
        opened=sum(1 for t in mine if t.opened_on in quarter),
        resolved=len(resolved),
        open_at_end=sum(1 for t in mine if is_open_on(t, quarter.end)),
        mean_days_to_resolve=fmean(days) if days else None,
        median_days_to_resolve=float(median(days)) if days else None,
    )


def ticket_row(ticket: s.Ticket) -> TicketRow:
    return TicketRow(
        reference=ticket.reference,
        title=ticket.title,
        severity=ticket.severity,
        status=ticket.status,
        opened_on=ticket.opened_on,
        resolved_on=ticket.resolved_on,
    )


def incident_row(incident: s.Incident) -> IncidentRow:
    return IncidentRow(
        occurred_on=incident.occurred_on,
        title=incident.title,
        severity=incident.severity,
        duration_minutes=incident.duration_minutes,
        impact_value=incident.impact_value,
        impact_unit=incident.impact_unit,
        business_impact=incident.business_impact,
    )


def ticket_as_of(row: TicketRow, as_of: dt.date) -> TicketRow:
    """The ticket as it stood at the end of ``as_of`` (it was opened by then)."""
    if row.resolved_on is not None and row.resolved_on > as_of:
        return dataclasses.replace(row, status=TicketStatus.OPEN, resolved_on=None)
    return row


def support_section(
    tickets: Iterable[s.Ticket],
    incidents: Iterable[s.Incident],
    quarter: Quarter,
    window: Sequence[Quarter],
    as_of: dt.date | None = None,
) -> SupportSection:
    day = quarter.end if as_of is None else as_of
    rows = [ticket_as_of(ticket_row(t), day) for t in tickets if t.opened_on <= day]
    incidents = [i for i in incidents if i.occurred_on <= day]
    relevant = sorted(
        (t for t in rows if t.opened_on in quarter or is_open_on(t, quarter.start)),
        key=lambda t: (t.severity.value, t.opened_on, t.reference),
    )
    resolved = [t for t in rows if t.resolved_on is not None and t.resolved_on in quarter]
    days = _days(resolved)
    statuses = Counter(t.status for t in relevant)
    by_quarter = tuple(
        QuarterTickets(
            q,
            (
                sum(1 for t in rows if t.severity is Severity.SEV1 and t.opened_on in q),
                sum(1 for t in rows if t.severity is Severity.SEV2 and t.opened_on in q),
                sum(1 for t in rows if t.severity is Severity.SEV3 and t.opened_on in q),
                sum(1 for t in rows if t.severity is Severity.SEV4 and t.opened_on in q),
            ),
        )
        for q in window
    )
    return SupportSection(
        tickets=tuple(relevant),
        by_severity=tuple(_stats(sev, rows, quarter) for sev in Severity),
        by_status=tuple((status, statuses[status]) for status in TicketStatus),
        by_quarter=by_quarter,
        incidents=tuple(
            sorted(
                (incident_row(i) for i in incidents if i.occurred_on in quarter),
                key=lambda i: (i.occurred_on, i.title),
            )
        ),
        mean_days_to_resolve=fmean(days) if days else None,
        median_days_to_resolve=float(median(days)) if days else None,
    )
