"""The Stakeholders and Engagement sheets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph.labels import ATTITUDE_LABELS, ATTITUDES
from reports import palette
from reports.key_people import is_big, key_people
from reports.model import Qbr, StakeholderRow
from reports.sheets.print_fit import balance_pages, fit_pages, fit_print_area, fit_to_print
from reports.xlsx_charts import bar_chart
from reports.xlsx_kit import DATE, INT, Column, SheetWriter, TableRef


def write_stakeholders(ws: Any, qbr: Qbr, *, internal: bool = True) -> None:
    """Everyone on the account; a big account prints only the people who matter most.

    The customer edition shows people by name, title, department and level only.
    """
    w = SheetWriter(ws)
    q = qbr.quarter
    everyone = qbr.people.stakeholders
    # Last contact is our cadence tracking: it shows who we have not met (a coverage gap).
    legend = " Attitude: -2 strong opponent … +2 strong supporter." if internal else ""
    counted = "interactions and last contact" if internal else "interactions"
    w.title(
        f"Stakeholders · {qbr.account.name}",
        f"Everyone on the account during {q.title}; {counted} up to {q.end:%d %b %Y}.{legend}",
    )
    columns, rows = _stakeholder_table(everyone, internal)
    if not is_big(everyone):
        w.table("Stakeholders", columns, rows, empty="No stakeholders recorded for this account.")
        fit_to_print(w)
        w.finish(freeze="B5", print_rows="4:4")
        fit_pages(w)
        balance_pages(w)  # a list of 20 to 30 people runs just past a page
        return
    # A big account: the people who matter print on a page or two; the full list below is a
    # filterable table outside the print area. Only the key columns print (first, so the
    # print area is one block): narrowing shared columns for print would wrap the rows of the
    # unprinted list of thousands too.
    key = key_people(everyone)
    columns, rows = _key_columns_first(columns, rows)
    _, key_rows = _key_columns_first(*_stakeholder_table(key, internal))
    printed_cols = sum(1 for c in columns if c.header in PRINTED_COLUMNS)
    w.heading(f"The {len(key)} people who matter most, of {len(everyone):,} on the account")
    printed = w.table("KeyStakeholders", columns, key_rows, empty="")
    w.heading(
        f"Everyone on the account ({len(everyone):,})",
        "Filter this table in Excel; it is not printed.",
    )
    w.table("Stakeholders", columns, rows, empty="")
    w.finish(freeze="A4", print_rows=None)
    if printed is not None:
        from openpyxl.utils import get_column_letter

        last_col = printed.first_col + printed_cols - 1
        ws.print_area = f"A1:{get_column_letter(last_col)}{printed.last_row}"
        ws.print_title_rows = f"{printed.header_row}:{printed.header_row}"
        fit_print_area(w, last_col, printed.last_row)


# What a big account's key people print with (the other columns stay in the tables, unprinted)
PRINTED_COLUMNS = (
    "Name",
    "Title",
    "Department",
    "Level",
    "Role",
    "Attitude (label)",
    "Status",
    "Owner on our team",
    "Interactions this quarter",
    "Last contact",
)


def _key_columns_first(
    columns: list[Column], rows: list[list[object]]
) -> tuple[list[Column], list[list[object]]]:
    order = sorted(range(len(columns)), key=lambda i: columns[i].header not in PRINTED_COLUMNS)
    return [columns[i] for i in order], [[row[i] for i in order] for row in rows]


def _stakeholder_table(
    people: Sequence[StakeholderRow], internal: bool
) -> tuple[list[Column], list[list[object]]]:
    if not internal:
        columns = [
            Column("Name"),
            Column("Title"),
            Column("Department"),
            Column("Level"),
            Column("Status"),
            Column("Interactions this quarter", INT, width=13),
        ]
        return columns, [
            [p.name, p.title, p.department, p.level.label, p.status.label, p.interactions]
            for p in people
        ]
    columns = [
        Column("Name"),
        Column("Title"),
        Column("Department"),
        Column("Level"),
        Column("Role"),
        Column("Influence", INT),
        Column("Attitude", "+0;-0;0"),
        Column("Attitude (label)"),
        Column("Interest", INT),
        Column("Status"),
        Column("Owner on our team"),
        Column("Interactions this quarter", INT, width=13),
        Column("Last contact", DATE),
    ]
    rows: list[list[object]] = [
        [
            p.name,
            p.title,
            p.department,
            p.level.label,
            p.role.label,
            p.influence,
            p.attitude,
            ATTITUDE_LABELS[p.attitude],
            p.interest,
            p.status.label,
            p.owner,
            p.interactions,
            p.last_contact,
        ]
        for p in people
    ]
    return columns, rows


def write_engagement(ws: Any, qbr: Qbr, *, internal: bool = True) -> None:
    w = SheetWriter(ws)
    people = qbr.people
    w.title(
        f"Engagement · {qbr.account.name}",
        "People engaged (attended at least one logged interaction) per level and quarter, "
        + (
            "attitudes at quarter end, and who joined, left or moved."
            if internal
            else "and who joined or left."
        ),
    )
    w.heading("Engagement per level")
    engagement = w.table(
        "EngagementByLevel",
        [
            Column("Quarter"),
            Column("Executive", INT),
            Column("Management", INT),
            Column("Operations", INT),
            Column("Interactions", INT),
        ],
        [
            [e.quarter.title, e.executive, e.management, e.operations, e.interactions]
            for e in people.engagement
        ],
        empty="No interactions logged.",
        advance=False,
    )
    if engagement is not None:
        chart = bar_chart(
            ws,
            engagement,
            [1, 2, 3],
            "People engaged per level",
            [palette.PRIMARY, palette.SECONDARY, palette.TERTIARY],
        )
        _beside_short_table(w, chart, engagement)

    if internal:
        _attitudes(w, qbr)
    w.heading("Changes since last quarter")
    w.table(
        "PeopleChanges",
        [Column("Person"), Column("Change"), Column("Date", DATE), Column("Detail", wrap=True)],
        [[c.name, c.change.label, c.on, c.detail] for c in people.changes],
        empty="Nobody joined, left or changed attitude this quarter."
        if internal
        else "Nobody joined or left this quarter.",
    )
    fit_to_print(w)
    w.finish(freeze="A4", print_rows=None)
    fit_pages(w)
    balance_pages(w)  # the changes table runs just past the page its charts fill


def _attitudes(w: SheetWriter, qbr: Qbr) -> None:
    ws, people = w.ws, qbr.people
    w.heading("Attitude distribution")
    attitude = w.table(
        "AttitudeDistribution",
        [
            Column("Attitude"),
            Column(f"End of {qbr.quarter.previous.title}", INT),
            Column(f"End of {qbr.quarter.title}", INT),
        ],
        [
            [ATTITUDE_LABELS[a], before, now]
            for a, before, now in zip(
                ATTITUDES, people.attitude_before, people.attitude_now, strict=True
            )
        ],
        empty="No stakeholders.",
        advance=False,
    )
    if attitude is not None:
        chart = bar_chart(
            ws, attitude, [1, 2], "Attitude at quarter end", [palette.TERTIARY, palette.PRIMARY]
        )
        _beside_short_table(w, chart, attitude)


# The charts beside the Engagement sheet's short tables are kept low: the sheet (two charts
# and the changes of a quarter) then prints on one page instead of spilling its last rows.
SHORT_CHART_CM = 5.5
SHORT_CHART_ROWS = 12  # rows a 5.5 cm chart covers at the default row height, and a spare


def _beside_short_table(w: SheetWriter, chart: Any, table: TableRef) -> None:
    chart.height = SHORT_CHART_CM
    w.chart_beside(chart, table, rows=SHORT_CHART_ROWS)
