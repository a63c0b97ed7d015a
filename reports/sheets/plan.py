"""The Plan & Actions sheet (success plan, risks, action items, next quarter) and the Map sheet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reports.edition import risk_summary
from reports.model import Qbr
from reports.sheets.print_fit import fit_pages, fit_to_print
from reports.xlsx_kit import DATE, PCT, Column, SheetWriter

MAP_MAX_CM = (25.0, 14.5)  # fits under the title on A4 and Letter, landscape
_PLAN_OWNER = {"Action": "Customer", "Roadmap": "Product team", "Renewal": "Account team"}


def write_plan(ws: Any, qbr: Qbr, *, internal: bool = True) -> None:
    w = SheetWriter(ws)
    nxt = qbr.quarter.next
    w.title(
        f"Plan and actions · {qbr.account.name}",
        f"Success plan, risks and action items at the end of {qbr.quarter.title}; "
        f"the plan for {nxt.title} ({nxt.months}).",
    )
    w.heading("Success plan")
    w.table(
        "Goals",
        [
            Column("Goal"),
            Column("Owner"),
            Column("Target"),
            Column("Due", DATE),
            Column("Progress", PCT),
            Column("Status"),
        ],
        [[g.title, g.owner, g.target, g.due_on, g.progress, g.status.label] for g in qbr.goals],
        empty="No success plan goals yet.",
    )
    w.heading(f"Plan for {nxt.title}")
    w.table(
        "NextQuarter",
        [
            Column("Kind"),
            Column("Item"),
            Column("Owner"),
            Column("Due", DATE),
            Column("Detail", wrap=True),
        ],
        [
            [p.kind, p.title, p.owner or _PLAN_OWNER.get(p.kind, ""), p.due_on, p.detail]
            for p in qbr.next_quarter
        ],
        empty="Nothing planned yet.",
    )
    w.heading("Risks")
    if not internal:
        w.note(risk_summary(qbr.risks) or "No open risks.")
        w.gap()
    else:
        _risks(w, qbr)
    w.heading("Action items")
    w.table(
        "Actions",
        [
            Column("Action"),
            Column("Owner"),
            Column("Due", DATE),
            Column("Status"),
            Column("Created", DATE),
            Column("Overdue"),
        ],
        [
            [
                a.title,
                a.owner or "Customer",
                a.due_on,
                a.status.label,
                a.created_on,
                "Yes" if a.overdue else "",
            ]
            for a in qbr.actions
        ],
        empty="No action items.",
    )
    fit_to_print(w)
    w.finish(freeze="A4", print_rows=None)
    fit_pages(w)


def _risks(w: SheetWriter, qbr: Qbr) -> None:
    w.table(
        "Risks",
        [
            Column("Risk"),
            Column("Level"),
            Column("Status"),
            Column("Owner"),
            Column("Raised", DATE),
            Column("Mitigation", wrap=True),
        ],
        [
            [r.title, r.level.label, r.status.label, r.owner, r.raised_on, r.mitigation]
            for r in qbr.risks
        ],
        empty="No risks recorded.",
    )


def write_map(ws: Any, qbr: Qbr, image: Path | Callable[[], Path | None] | None) -> None:
    """The Map sheet; ``image`` (the picture, or a callable giving it) is asked for here."""
    if callable(image):
        image = image()
    w = SheetWriter(ws)
    w.title(
        f"Stakeholder map · {qbr.account.name}",
        f"As drawn in Rapport for {qbr.quarter.title}.",
    )
    if image is None or not Path(image).is_file():
        w.note(
            "No stakeholder map was rendered for this export. Export from the account's QBR tab "
            "in Rapport to include the map; the Stakeholders sheet lists everyone."
        )
        w.finish(freeze=None, print_rows=None)
        return
    from openpyxl.drawing.image import Image

    picture = Image(str(image))
    max_w, max_h = (cm / 2.54 * 96 for cm in MAP_MAX_CM)
    scale = min(1.0, max_w / picture.width, max_h / picture.height)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    ws.add_image(picture, "A4")
    w.widths[1] = 8.43
    w.finish(freeze=None, print_rows=None)
