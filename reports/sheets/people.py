"""The Stakeholders and Engagement sheets."""

from __future__ import annotations

from typing import Any

from reports import palette
from reports.model import Qbr
from reports.stakeholders import ATTITUDE_LABELS, ATTITUDES
from reports.xlsx_charts import bar_chart
from reports.xlsx_kit import DATE, INT, Column, SheetWriter


def write_stakeholders(ws: Any, qbr: Qbr) -> None:
    w = SheetWriter(ws)
    q = qbr.quarter
    w.title(
        f"Stakeholders · {qbr.account.name}",
        f"Everyone on the account during {q.title}; interactions and last contact up to "
        f"{q.end:%d %b %Y}. Attitude: -2 strong opponent … +2 strong supporter.",
    )
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
    rows = [
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
        for p in qbr.people.stakeholders
    ]
    w.table("Stakeholders", columns, rows, empty="No stakeholders recorded for this account.")
    w.finish(freeze="B5", print_rows="4:4")


def write_engagement(ws: Any, qbr: Qbr) -> None:
    w = SheetWriter(ws)
    people = qbr.people
    w.title(
        f"Engagement · {qbr.account.name}",
        "People engaged (attended at least one logged interaction) per level and quarter, "
        "attitudes at quarter end, and who joined, left or moved.",
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
        w.chart_beside(chart, engagement)

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
        w.chart_beside(chart, attitude)

    w.heading("Changes since last quarter")
    w.table(
        "PeopleChanges",
        [Column("Person"), Column("Change"), Column("Date", DATE), Column("Detail", wrap=True)],
        [[c.name, c.change.label, c.on, c.detail] for c in people.changes],
        empty="Nobody joined, left or changed attitude this quarter.",
    )
    w.finish(freeze="A4", print_rows=None)
