"""The Wins and Usage sheets: the value the customer got, in their terms and in adoption."""

from __future__ import annotations

from typing import Any

from reports import palette
from reports.model import Qbr
from reports.sheets.summary import unit_format
from reports.xlsx_charts import bar_line_chart, line_chart
from reports.xlsx_kit import (
    DATE,
    DEC1,
    INT,
    SIGNED,
    SIGNED_PCT,
    Column,
    SheetWriter,
    repeat_header,
)

USAGE_CHART_CM = (12.5, 6.5)
USAGE_CHART_ROWS = 14
CHART_ROWS_PER_PAGE = 2


def write_wins(ws: Any, qbr: Qbr) -> None:
    w = SheetWriter(ws)
    wins = qbr.wins
    w.title(
        f"Wins · {qbr.account.name}",
        f"Wins of {qbr.quarter.title} with their business impact in the customer's terms.",
    )
    listed = w.table(
        "Wins",
        [
            Column("Date", DATE),
            Column("Win"),
            Column("Impact", "#,##0.##"),
            Column("Unit"),
            Column("Business impact", wrap=True),
            Column("Championed by"),
        ],
        [
            [
                x.won_on,
                x.title,
                x.impact_value,
                x.impact_unit,
                x.impact_description,
                x.champion,
            ]
            for x in wins.this_quarter
        ],
        empty="No wins recorded this quarter.",
    )
    w.page_break(after=listed)
    unit = wins.impact_unit or "impact"
    w.heading("Wins per quarter", f"Impact summed in “{unit}”, the unit most wins use.")
    by_quarter = w.table(
        "WinsByQuarter",
        [Column("Quarter"), Column("Wins", INT), Column(f"Impact ({unit})", unit_format(""))],
        [[x.quarter.title, x.count, x.impact] for x in wins.by_quarter],
        empty="No wins.",
        advance=False,
    )
    if by_quarter is not None and any(x.count for x in wins.by_quarter):
        w.chart_beside(
            bar_line_chart(ws, by_quarter, 1, 2, "Wins per quarter and their impact"), by_quarter
        )
    else:
        w.row = (by_quarter.last_row + 2) if by_quarter else w.row
    w.finish(freeze="A5", print_rows=repeat_header(listed))


def write_usage(ws: Any, qbr: Qbr) -> None:
    w = SheetWriter(ws)
    metrics = qbr.usage.metrics
    q = qbr.quarter
    w.title(
        f"Usage and adoption · {qbr.account.name}",
        f"Each quarter's value is the mean of the points measured in it; {q.title} against "
        f"{q.previous.title}.",
    )
    w.table(
        "Usage",
        [
            Column("Metric"),
            Column("Unit"),
            Column(q.previous.title, DEC1),
            Column(q.title, DEC1),
            Column("Change", SIGNED),
            Column("Change %", SIGNED_PCT),
            Column("Latest value", DEC1),
        ],
        [[m.name, m.unit, m.previous, m.current, m.delta, m.delta_pct, m.latest] for m in metrics],
        empty="No usage metrics recorded for this account.",
    )
    dates = qbr.usage.dates
    if not metrics or not dates:
        w.finish(freeze="A5", print_rows=None)
        return
    w.page_break()
    w.heading("Trends", f"{qbr.quarters[0].title} to {q.title}.")
    # Two rows of charts per printed page, so no chart is ever cut by a page break.
    chart_rows: list[int] = []
    for pair in range((len(metrics) + 1) // 2):
        if pair and pair % CHART_ROWS_PER_PAGE == 0:
            w.page_break()
        chart_rows.append(w.row)
        w.row += USAGE_CHART_ROWS + 1
    w.row += 1
    w.page_break()
    w.heading("Usage over time")
    values = {m.metric_id: dict(m.points) for m in metrics}
    series = w.table(
        "UsageSeries",
        [Column("Date", DATE)] + [Column(_header(m.name, m.unit), DEC1) for m in metrics],
        [[day] + [values[m.metric_id].get(day) for m in metrics] for day in dates],
        empty="No measurements in this period.",
    )
    if series is not None:
        right = w.column_at(USAGE_CHART_CM[0] + 0.5)
        for i, m in enumerate(metrics):
            chart = line_chart(
                ws,
                series,
                i + 1,
                _trend_title(m.name, m.delta_pct),
                palette.SERIES[i % len(palette.SERIES)],
            )
            chart.width, chart.height = USAGE_CHART_CM
            w.chart_at(chart, chart_rows[i // 2], 1 if i % 2 == 0 else right)
    w.finish(freeze="A5", print_rows=None)


def _header(name: str, unit: str) -> str:
    return f"{name} ({unit})" if unit else name


def _trend_title(name: str, delta_pct: float | None) -> str:
    if delta_pct is None:
        return name
    direction = "up" if delta_pct > 0 else "down" if delta_pct < 0 else "flat"
    return f"{name}: {direction} {abs(delta_pct):.0%} on last quarter"
