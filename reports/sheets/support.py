"""The Support sheet: tickets by severity and status, time to resolve, incidents."""

from __future__ import annotations

from typing import Any

from graph.vocabulary import Severity
from reports import palette
from reports.model import Qbr
from reports.sheets.print_fit import fit_pages, fit_to_print
from reports.xlsx_charts import bar_chart
from reports.xlsx_kit import DATE, DEC1, INT, Column, SheetWriter, repeat_header


def write_support(ws: Any, qbr: Qbr) -> None:
    w = SheetWriter(ws)
    support = qbr.support
    q = qbr.quarter
    w.title(
        f"Support and incidents · {qbr.account.name}",
        f"Tickets opened in {q.title} or still open at its start. Days to resolve = resolved "
        "date minus opened date.",
    )
    tickets = w.table(
        "Tickets",
        [
            Column("Reference"),
            Column("Title"),
            Column("Severity"),
            Column("Status"),
            Column("Opened", DATE),
            Column("Resolved", DATE),
            Column("Days to resolve", INT),
        ],
        [
            [
                t.reference,
                t.title,
                t.severity.label,
                t.status.label,
                t.opened_on,
                t.resolved_on,
                t.days_to_resolve,
            ]
            for t in support.tickets
        ],
        empty="No tickets this quarter.",
    )
    w.page_break(after=tickets)
    w.heading(
        "By severity",
        f"Resolved in {q.title}: mean {_days(support.mean_days_to_resolve)}, "
        f"median {_days(support.median_days_to_resolve)} to resolve.",
    )
    by_severity = w.table(
        "TicketsBySeverity",
        [
            Column("Severity"),
            Column("Opened", INT),
            Column("Resolved", INT),
            Column("Open at quarter end", INT),
            Column("Mean days to resolve", DEC1),
            Column("Median days to resolve", DEC1),
        ],
        [
            [
                st.severity.label,
                st.opened,
                st.resolved,
                st.open_at_end,
                st.mean_days_to_resolve,
                st.median_days_to_resolve,
            ]
            for st in support.by_severity
        ],
        empty="No tickets.",
        advance=False,
    )
    by_status = w.table(
        "TicketsByStatus",
        [Column("Status"), Column("Tickets", INT)],
        [[status.label, count] for status, count in support.by_status],
        empty="",
        col=(by_severity.last_col + 2) if by_severity else 1,
    )
    if by_status is None and by_severity is not None:
        w.row = by_severity.last_row + 2
    w.heading("Tickets opened per quarter")
    by_quarter = w.table(
        "TicketsByQuarter",
        [Column("Quarter")] + [Column(s.label, INT) for s in Severity],
        [[x.quarter.title, *x.opened] for x in support.by_quarter],
        empty="No tickets.",
        advance=False,
    )
    if by_quarter is not None:
        chart = bar_chart(
            ws,
            by_quarter,
            [1, 2, 3, 4],
            "Tickets opened per quarter, by severity",
            [palette.SEVERITY[s] for s in Severity],
            stacked=True,
        )
        w.chart_beside(chart, by_quarter)
    w.heading("Incidents", "Incidents of the quarter and their business impact.")
    w.table(
        "Incidents",
        [
            Column("Date", DATE),
            Column("Incident"),
            Column("Severity"),
            Column("Duration (min)", INT),
            Column("Impact", "#,##0.##"),
            Column("Unit"),
            Column("Business impact", wrap=True),
        ],
        [
            [
                i.occurred_on,
                i.title,
                i.severity.label,
                i.duration_minutes,
                i.impact_value,
                i.impact_unit,
                i.business_impact,
            ]
            for i in support.incidents
        ],
        empty="No incidents this quarter.",
    )
    fit_to_print(w)
    w.finish(freeze="A5", print_rows=repeat_header(tickets))
    fit_pages(w)


def _days(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} days"
