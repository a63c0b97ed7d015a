"""The Roadmap sheet: the customer's requests against our roadmap, and the fit score."""

from __future__ import annotations

from typing import Any

from reports import palette
from reports.edition import CUSTOMER_FIT_FORMULA
from reports.model import Qbr
from reports.sheets.print_fit import fit_pages, fit_to_print
from reports.xlsx_charts import bar_chart, color_points
from reports.xlsx_kit import DATE, DEC1, INT, PCT, Column, SheetWriter, repeat_header

CUSTOMER_FORMULA = CUSTOMER_FIT_FORMULA


def write_roadmap(ws: Any, qbr: Qbr, *, internal: bool = True) -> None:
    w = SheetWriter(ws)
    fit = qbr.roadmap
    w.title(
        f"Roadmap fit · {qbr.account.name}",
        "The customer's requests mapped to our roadmap, heaviest first"
        + (" (priority × influence)." if internal else "."),
    )
    requests = w.table(
        "Requests",
        [
            Column("Request"),
            Column("Requested", DATE),
            Column("Priority (1-5)", INT),
            Column("Requested by"),
            *([Column("Influence (1-5)", INT)] if internal else []),
            Column("Weight", INT),
            Column("Roadmap item"),
            Column("Roadmap status"),
            Column("Target quarter"),
            Column("Credit", "0.00"),
            Column("Weighted credit", DEC1),
        ],
        [
            [
                r.title,
                r.requested_on,
                r.priority,
                r.requester,
                *([r.requester_influence] if internal else []),
                r.weight,
                r.roadmap_item,
                r.roadmap_status.label if r.roadmap_status else "Not mapped",
                r.target_quarter,
                r.credit,
                r.weight * r.credit,
            ]
            for r in fit.requests
        ],
        empty="No requests from this customer yet.",
    )
    w.page_break(after=requests)
    score = "no requests yet" if fit.score is None else f"{fit.score:.0f} / 100"
    w.heading(f"Roadmap fit score: {score}", fit.formula if internal else CUSTOMER_FORMULA)
    score_row = w.row
    w.cell(score_row, 1, "Fit score").font = w.styles.Font(name="Calibri", bold=True)
    w.cell(
        score_row, 2, None if fit.score is None else round(fit.score, 1), DEC1
    ).font = w.styles.Font(name="Calibri", bold=True, size=12, color=palette.PRIMARY)
    w.row += 2
    total = sum(st.weight for st in fit.by_status)
    by_status = w.table(
        "RoadmapFitByStatus",
        [
            Column("Roadmap status"),
            Column("Requests", INT),
            Column("Weight", INT),
            Column("Share of weight", PCT),
            Column("Credit", "0.00"),
        ],
        [
            [st.label, st.requests, st.weight, st.weight / total if total else None, st.credit]
            for st in fit.by_status
        ],
        empty="No requests.",
        advance=False,
    )
    if by_status is not None and total:
        chart = bar_chart(
            ws,
            by_status,
            [2],
            "Where the weighted demand sits on the roadmap",
            [palette.PRIMARY],
            horizontal=True,
        )
        color_points(chart.series[0], [palette.ROADMAP[st.status] for st in fit.by_status])
        w.chart_beside(chart, by_status)
    fit_to_print(w)
    w.finish(freeze="A5", print_rows=repeat_header(requests))
    fit_pages(w)
