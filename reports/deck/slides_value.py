"""The value slides: wins, usage and adoption, support and incidents, roadmap fit."""

from __future__ import annotations

from graph.vocabulary import Severity
from reports import palette
from reports.deck import charts, shapes
from reports.deck.builder import Deck
from reports.deck.shapes import INCH, Col, Line
from reports.deck.template import Box
from reports.model import MetricTrend
from reports.wording import impact_text, impacts_text, is_percent, metric_change

GAP = INCH // 4
USAGE_CHARTS = 4


def wins(deck: Deck) -> None:
    qbr = deck.qbr
    w = qbr.wins
    slide, body = deck.slide("Wins and their business impact")
    total = impacts_text(w.this_quarter)
    intro = Box(body.left, body.top, body.width, int(0.4 * INCH))
    headline = f"{len(w.this_quarter)} win{'s' if len(w.this_quarter) != 1 else ''} in " + (
        f"{qbr.quarter.title}" + (f": {total}" if total else "")
    )
    shapes.text(
        slide, intro, [Line(shapes.clip(headline, shapes.fits("", body.width, 14)), 14, True)]
    )
    left, right = body.below(intro.height + GAP // 2).split(1.7, 1, gap=GAP)
    rows = [
        [
            f"{x.won_on:%d %b}",
            x.title,
            impact_text(x.impact_value, x.impact_unit) or "not quantified",
            x.champion or "—",
        ]
        for x in w.this_quarter
    ]
    shapes.table(
        slide,
        left,
        [Col("Date", 0.8), Col("Win", 3.0), Col("Business impact", 2.2), Col("Led by", 1.4)],
        rows,
        empty="No wins recorded this quarter.",
    )
    if any(x.count for x in w.by_quarter):
        charts.column_chart(
            slide,
            Box(right.left, right.top, right.width, min(right.height, int(3.4 * INCH))),
            "Wins per quarter",
            [x.quarter.short for x in w.by_quarter],
            [charts.Series("Wins", [x.count for x in w.by_quarter], palette.PRIMARY)],
            labels=True,
        )
    shapes.notes(
        slide,
        [
            "Impact is in the customer's terms and summed per unit, never across units.",
            *[
                f"{x.won_on:%d %b %Y}: {x.title}. "
                f"{impact_text(x.impact_value, x.impact_unit)}. {x.impact_description}"
                + (f" Led by {x.champion}." if x.champion else "")
                for x in w.this_quarter
            ],
            "Wins per quarter: " + ", ".join(f"{x.quarter.title} {x.count}" for x in w.by_quarter),
        ],
    )


def _points_format(metric: MetricTrend) -> str:
    return '0"%"' if is_percent(metric.unit) else "#,##0"


def usage(deck: Deck) -> None:
    qbr = deck.qbr
    metrics = [m for m in qbr.usage.metrics if m.points]
    slide, body = deck.slide("Usage and adoption")
    if not metrics:
        shapes.text(
            slide, body, [Line("No usage measured in this period.", 16, color=palette.MUTED)]
        )
    shown = metrics[:USAGE_CHARTS]
    cols = 1 if len(shown) == 1 else 2
    rows = -(-len(shown) // cols) if shown else 1
    cells = [
        box
        for row in body.split(*([1] * rows), gap=GAP // 2, vertical=True)
        for box in row.columns(cols, GAP)
    ]
    for i, (m, box) in enumerate(zip(shown, cells, strict=False)):
        name = f"{m.name} ({m.unit})" if m.unit and not is_percent(m.unit) else m.name
        days = [d for d, _ in m.points]
        charts.line_chart(
            slide,
            box,
            f"{name}: {metric_change(m)}",
            days,
            [charts.Series(m.name, [v for _, v in m.points], palette.SERIES[i % 8])],
            number_format=_points_format(m),
        )
    q = qbr.quarter
    shapes.notes(
        slide,
        [
            f"Each quarter's value is the mean of the points measured in it; {q.title} against "
            f"{q.previous.title}. Percentage metrics change in points, not in percent.",
            *[
                f"{m.name}: {q.previous.title} {_value(m.previous, m.unit)}, {q.title} "
                f"{_value(m.current, m.unit)}, latest {_value(m.latest, m.unit)} "
                f"({metric_change(m)})."
                for m in metrics
            ],
            *(
                [f"Not charted here (see the workbook): {', '.join(m.name for m in metrics[4:])}"]
                if len(metrics) > USAGE_CHARTS
                else []
            ),
        ],
    )


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return "not measured"
    return f"{value:.1f}%" if is_percent(unit) else f"{value:,.1f} {unit}".strip()


def support(deck: Deck) -> None:
    qbr = deck.qbr
    sup = qbr.support
    slide, body = deck.slide("Support and incidents")
    left, right = body.split(1, 1.45, gap=GAP)
    charts.column_chart(
        slide,
        Box(left.left, left.top, left.width, min(left.height, int(4.2 * INCH))),
        "Tickets opened per quarter, by severity",
        [x.quarter.short for x in sup.by_quarter],
        [
            charts.Series(sev.label, [x.opened[i] for x in sup.by_quarter], palette.SEVERITY[sev])
            for i, sev in enumerate(Severity)
        ],
        stacked=True,
    )
    top, bottom = right.split(1, 1.25, gap=GAP // 2, vertical=True)
    room = shapes.heading(slide, top, f"Tickets in {qbr.quarter.title}", 13)
    shapes.table(
        slide,
        room,
        [
            Col("Severity", 1.2),
            Col("Opened", 1, "r"),
            Col("Resolved", 1, "r"),
            Col("Open at end", 1.2, "r"),
            Col("Mean days", 1.1, "r"),
        ],
        [
            [
                st.severity.label,
                f"{st.opened}",
                f"{st.resolved}",
                f"{st.open_at_end}",
                "—" if st.mean_days_to_resolve is None else f"{st.mean_days_to_resolve:.1f}",
            ]
            for st in sup.by_severity
        ],
        size=10,
        lines=1,
    )
    room = shapes.heading(slide, bottom, "Incidents", 13)
    shapes.table(
        slide,
        room,
        [
            Col("Date", 0.7),
            Col("Incident", 2.6),
            Col("Sev.", 0.6),
            Col("Minutes", 0.8, "r"),
            Col("Business impact", 2.0),
        ],
        [
            [
                f"{i.occurred_on:%d %b}",
                i.title,
                i.severity.label,
                f"{i.duration_minutes:,}",
                impact_text(i.impact_value, i.impact_unit) or i.business_impact,
            ]
            for i in sup.incidents
        ],
        size=10,
        empty="No incidents this quarter.",
    )
    mean = sup.mean_days_to_resolve
    shapes.notes(
        slide,
        [
            f"Tickets opened in {qbr.quarter.title} or still open at its start. Days to "
            "resolve = resolved date minus opened date, over the tickets resolved in the "
            "quarter.",
            f"Mean {mean:.1f} days, median {sup.median_days_to_resolve:.1f} days to resolve."
            if mean is not None and sup.median_days_to_resolve is not None
            else "No ticket resolved this quarter.",
            f"Severity-1 and -2 tickets open at quarter end: {sup.open_sev1_sev2}.",
            *[
                f"Incident {i.occurred_on:%d %b %Y}: {i.title} ({i.severity.label}, "
                f"{i.duration_minutes} minutes). {i.business_impact}"
                for i in sup.incidents
            ],
        ],
    )


def roadmap(deck: Deck) -> None:
    qbr = deck.qbr
    fit = qbr.roadmap
    slide, body = deck.slide("Roadmap fit: your requests on our roadmap")
    left, right = body.split(1, 1.7, gap=GAP)
    score = "—" if fit.score is None else f"{fit.score:.0f} / 100"
    tile_h = int(1.1 * INCH)
    shapes.tile(
        slide,
        Box(left.left, left.top, left.width, tile_h),
        "Roadmap fit score",
        score,
        "weighted by priority and " + ("influence" if deck.sharing.internal else "seniority"),
    )
    total = sum(st.weight for st in fit.by_status)
    if total:
        shares = [st.weight / total * 100 for st in fit.by_status]
        charts.column_chart(
            slide,
            left.below(tile_h + GAP // 2),
            "Share of weighted requests",
            [st.label for st in fit.by_status],
            [charts.Series("Share", shares, palette.PRIMARY)],
            horizontal=True,
            point_colors=[palette.ROADMAP[st.status] for st in fit.by_status],
            number_format='0"%"',
            major_unit=25 if max(shares) > 50 else 10,
            labels=True,
        )
    shapes.table(
        slide,
        right,
        [
            Col("Request", 2.6),
            Col("Asked by", 1.5),
            Col("Priority", 0.8, "r"),
            Col("Status", 1.1),
            Col("Target", 0.8),
        ],
        [
            [
                r.title,
                r.requester or "—",
                f"{r.priority}",
                r.roadmap_status.label if r.roadmap_status else "Not mapped",
                r.target_quarter or "—",
            ]
            for r in fit.requests
        ],
        size=10,
        empty="No requests from you yet.",
    )
    formula = (
        fit.formula
        if deck.sharing.internal
        else (
            "Each request is weighted by its priority and by how senior its requester is; shipped "
            "counts in full, in progress 3/4, planned 1/2, not planned or not mapped 0."
        )
    )
    shapes.notes(
        slide,
        [
            f"Fit score {score}. {formula}",
            *[
                f"{r.title}: asked by {r.requester or 'unknown'} on {r.requested_on:%d %b %Y}, "
                f"priority {r.priority}; "
                + (
                    f"{r.roadmap_item} ({r.roadmap_status.label}"
                    + (f", {r.target_quarter})" if r.target_quarter else ")")
                    if r.roadmap_status
                    else "not mapped to the roadmap"
                )
                for r in fit.requests
            ],
        ],
    )
