"""The Wins and Usage sheets: the value the customer got, in their terms and in adoption."""

from __future__ import annotations

from typing import Any

from reports import palette
from reports.model import MetricTrend, Qbr
from reports.sheets.print_fit import fit_pages, fit_to_print
from reports.sheets.summary import unit_format
from reports.wording import impacts_text, is_percent, metric_change
from reports.xlsx_charts import bar_chart, bar_line_chart, line_chart
from reports.xlsx_kit import (
    CHART_ROWS,
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
PAGE_ROWS = 34  # rows of 15 pt on a landscape page once scaled to its width
POINTS = '+0.0 "pts";-0.0 "pts";0.0 "pts"'


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
            Column("Led by"),
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
    if wins.this_quarter:
        total = impacts_text(wins.this_quarter)
        w.note(f"Impact this quarter, summed per unit: {total or 'not quantified'}.")
        w.gap()
    w.page_break(after=listed)
    per_unit = _impact_columns(qbr)
    units = [unit for unit, _ in per_unit]
    w.heading(
        "Wins per quarter",
        "Impact summed per unit, never across units." if units else "No impact recorded.",
    )
    by_quarter = w.table(
        "WinsByQuarter",
        [Column("Quarter"), Column("Wins", INT)]
        + [Column(f"Impact: {unit}" if unit else "Impact", unit_format("")) for unit in units],
        [
            [x.quarter.title, x.count, *(totals[i] for _, totals in per_unit)]
            for i, x in enumerate(wins.by_quarter)
        ],
        empty="No wins.",
        advance=False,
    )
    if by_quarter is not None and any(x.count for x in wins.by_quarter):
        if units:
            chart = bar_line_chart(
                ws, by_quarter, 1, 2, f"Wins per quarter and their impact ({units[0]})"
            )
        else:
            chart = bar_chart(ws, by_quarter, [1], "Wins per quarter", [palette.PRIMARY])
        if len(units) > 1:  # a wide table: the chart goes under it, not beyond the page
            w.row = by_quarter.last_row + 2
            if w.row + CHART_ROWS > PAGE_ROWS:  # whole, on the next page, rather than cut
                w.page_break(always=True)
            w.chart_at(chart, w.row, 1)
            w.row += CHART_ROWS
        else:
            w.chart_beside(chart, by_quarter)
    else:
        w.row = (by_quarter.last_row + 2) if by_quarter else w.row
    fit_to_print(w)
    w.finish(freeze="A5", print_rows=repeat_header(listed))
    fit_pages(w)


MAX_UNITS = 3


def _impact_columns(qbr: Qbr) -> list[tuple[str, tuple[float | None, ...]]]:
    """Up to three units' impact per quarter (the briefing's; else the one unit summed)."""
    if qbr.briefing is not None:
        return list(qbr.briefing.impact_by_quarter[:MAX_UNITS])
    if not qbr.wins.impact_unit:
        return []
    return [(qbr.wins.impact_unit, tuple(x.impact for x in qbr.wins.by_quarter))]


def write_usage(ws: Any, qbr: Qbr) -> None:
    w = SheetWriter(ws)
    metrics = qbr.usage.metrics
    q = qbr.quarter
    w.title(
        f"Usage and adoption · {qbr.account.name}",
        f"Each quarter's value is the mean of the points measured in it; {q.title} against "
        f"{q.previous.title}.",
    )
    table = w.table(
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
        [
            [
                m.name,
                m.unit,
                m.previous,
                m.current,
                m.delta,
                None if is_percent(m.unit) else m.delta_pct,
                m.latest,
            ]
            for m in metrics
        ],
        empty="No usage metrics recorded for this account.",
    )
    if table is not None:
        # a percentage metric changes in points: 12.5 % to 18.8 % is +6.3 pts, not +50 %
        for i, m in enumerate(metrics):
            if is_percent(m.unit):
                w.ws.cell(row=table.first_row + i, column=table.col(4)).number_format = POINTS
        if any(is_percent(m.unit) for m in metrics):
            w.note("Percentage metrics change in points (pts).")
            w.gap()
    dates = qbr.usage.dates
    if not metrics or not dates:
        w.finish(freeze="A5", print_rows=None)
        return
    w.heading("Trends", f"{qbr.quarters[0].title} to {q.title}.")
    # Charts go on the page while a whole row of them fits, so none is cut by a page break
    # and a short table is not left alone on its page.
    chart_rows: list[int] = []
    used = w.row
    for _pair in range((len(metrics) + 1) // 2):
        if used + USAGE_CHART_ROWS + 1 > PAGE_ROWS:
            w.page_break(always=True)
            used = 0
        chart_rows.append(w.row)
        w.row += USAGE_CHART_ROWS + 1
        used += USAGE_CHART_ROWS + 1
    w.row += 1
    w.page_break(always=True)
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
                _trend_title(m),
                palette.SERIES[i % len(palette.SERIES)],
            )
            chart.width, chart.height = USAGE_CHART_CM
            w.chart_at(chart, chart_rows[i // 2], 1 if i % 2 == 0 else right)
    w.finish(freeze="A5", print_rows=None)


def _header(name: str, unit: str) -> str:
    return f"{name} ({unit})" if unit else name


def _trend_title(metric: MetricTrend) -> str:
    if metric.delta is None:
        return metric.name
    return f"{metric.name}: {metric_change(metric)} on last quarter"
