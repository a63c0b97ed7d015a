"""The Agenda sheet (agenda, attendees, objectives) and the Since last QBR sheet (health trend,
what was completed, is still open and is new), from ``reports.briefing``: the same content as
the deck's opening slides."""

from __future__ import annotations

from typing import Any

from reports import palette
from reports.model import ActionRow, Qbr
from reports.sheets.print_fit import fit_pages, fit_to_print
from reports.xlsx_charts import bar_chart
from reports.xlsx_kit import DATE, INT, Column, SheetWriter


def write_agenda(ws: Any, qbr: Qbr) -> None:
    w = SheetWriter(ws)
    q = qbr.quarter
    w.title(f"Agenda · {qbr.account.name}", f"QBR of {q.title} ({q.months}).")
    b = qbr.briefing
    if b is None:
        w.note("No agenda was prepared for this export.")
        w.finish(freeze=None, print_rows=None, landscape=False)
        return
    # The tables share the sheet's columns: A holds the long text of each.
    w.heading("Agenda")
    w.table(
        "Agenda",
        [Column("Item", wrap=True, width=50), Column("Order", INT, width=36)],
        [[item, i] for i, item in enumerate(b.agenda, start=1)],
        empty="No agenda.",
    )
    w.heading("Attendees")
    w.table(
        "Attendees",
        [
            Column("Name", wrap=True, width=50),
            Column("Role", wrap=True, width=36),
            Column("Side", width=24),
        ],
        [[a.name, a.role, qbr.account.name] for a in b.theirs]
        + [[a.name, a.role, "Our team"] for a in b.ours],
        empty="Nobody on record yet.",
    )
    w.heading(f"Your objectives for {q.next.title}", "Success-plan goals still to reach.")
    w.table(
        "Objectives",
        [Column("Objective", wrap=True, width=50)],
        [[o] for o in b.objectives],
        empty="No open success-plan goals.",
    )
    w.finish(freeze=None, print_rows=None, landscape=False)


def _actions(a: ActionRow) -> list[object]:
    return [a.title, a.owner or "Customer", a.due_on, a.status.label, a.created_on]


def write_since_last(ws: Any, qbr: Qbr, *, internal: bool = True) -> None:
    w = SheetWriter(ws)
    b = qbr.briefing
    if b is None:
        w.title(f"Since last QBR · {qbr.account.name}", "Not prepared for this export.")
        w.finish(freeze=None, print_rows=None)
        return
    since = b.since_last
    w.title(
        f"Since last QBR · {qbr.account.name}",
        f"From {since.since_label} to {since.until:%d %b %Y}, from the dates stored on each "
        "record. Completed: done and created or due in the span (no completion date is kept).",
    )
    w.heading("Health by quarter", "As it stood at the end of each quarter (today if not over).")
    trend = w.table(
        "HealthTrend",
        [Column("Quarter"), Column("Health"), Column("Score", '0 "/ 100"')],
        [[p.quarter.title, p.health.label, p.score] for p in b.health_trend],
        empty="No history.",
        advance=False,
    )
    if trend is not None:
        chart = bar_chart(ws, trend, [2], "Health score by quarter", [palette.PRIMARY])
        chart.y_axis.scaling.max = 100
        chart.height = 6.0
        w.chart_beside(chart, trend, rows=13)
    w.heading("In numbers")
    w.table(
        "SinceLastCounts",
        [Column("What"), Column("Count", INT)],
        [
            ["People who joined", len(since.joined)],
            ["People who left", len(since.left)],
            ["Risks raised", len(since.risks_raised)],
            ["Tickets opened", since.tickets_opened],
            ["Tickets resolved", since.tickets_resolved],
            ["Wins", since.wins],
        ],
        empty="",
    )
    columns = [
        Column("Action", wrap=True, width=48),
        Column("Owner"),
        Column("Due", DATE),
        Column("Status"),
        Column("Created", DATE),
    ]
    for name, title, rows, empty in (
        ("Completed", "Completed", since.completed, "Nothing completed in this span."),
        ("StillOpen", "Still open", since.still_open, "Nothing carried over."),
        ("NewActions", "New", since.new_actions, "No new actions."),
    ):
        w.heading(f"{title} ({len(rows)})")
        w.table(name, columns, [_actions(a) for a in rows], empty=empty)
    people = [*since.joined, *since.left]
    if internal:
        people += list(since.attitude_moves)
    w.heading("People")
    w.table(
        "SinceLastPeople",
        [Column("Person"), Column("Change"), Column("Date", DATE), Column("Detail", wrap=True)],
        [[c.name, c.change.label, c.on, c.detail] for c in people],
        empty="Nobody joined or left.",
    )
    fit_to_print(w)
    w.finish(freeze=None, print_rows=None)
    fit_pages(w)
