"""Export a QBR as an Excel workbook: ``export_workbook(qbr, path)``.

Sheets: Summary, Agenda, Since last QBR, Stakeholders, Engagement, Wins, Usage, Support, Roadmap,
Plan & Actions, Map. ``sharing`` chooses the edition (``reports.edition``): the customer edition
leaves out attitudes, deal roles, our coverage, mitigations and internal wording.
Data sit in real Excel tables (filters, unique names), numbers and dates are typed cells with
formats, the charts for usage, wins, tickets and roadmap fit are native Excel charts bound to
those tables, and every sheet prints landscape on one page width.

``export_workbook_steps`` is the long-running form for the desktop: a generator that yields the
fraction done (0 to 1) after each sheet and writes the file at the end. Closing it early (the
user pressed Cancel) leaves nothing behind; any existing file at ``path`` is only replaced, in
one rename, once the new workbook is completely written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

from graph.files import Staging
from reports.edition import Edition, Sharing, prepare
from reports.model import Qbr
from reports.sheets.briefing import write_agenda, write_since_last
from reports.sheets.people import write_engagement, write_stakeholders
from reports.sheets.plan import write_map, write_plan
from reports.sheets.roadmap import write_roadmap
from reports.sheets.summary import write_summary
from reports.sheets.support import write_support
from reports.sheets.value import write_usage, write_wins
from reports.xlsx_kit import edition_footer, paper_for, set_paper
from reports.xlsx_safety import (
    atomic_target,
    check_writable,
    clean_text,
    run_steps,
    save_workbook,
)

# The map's picture, or what gives it when the Map sheet is written (the last one): the
# picture may still be being drawn elsewhere while the other sheets are written.
MapImage = Path | Callable[[], Path | None] | None

SHEETS = (
    "Summary",
    "Agenda",
    "Since last QBR",
    "Stakeholders",
    "Engagement",
    "Wins",
    "Usage",
    "Support",
    "Roadmap",
    "Plan & Actions",
    "Map",
)


def default_filename(qbr: Qbr) -> str:
    """ "Acme Retail QBR 2026-Q3.xlsx", with characters no file system accepts removed."""
    name = "".join(ch for ch in qbr.account.name if ch not in '<>:"/\\|?*' and ord(ch) >= 32)
    return f"{name.strip(' .') or 'Account'} QBR {qbr.quarter.label}.xlsx"


def _properties(wb: Any, qbr: Qbr) -> None:
    props = wb.properties
    account, quarter = clean_text(qbr.account.name), qbr.quarter
    props.title = f"{account} QBR {quarter.title}"
    props.subject = account
    props.keywords = f"QBR, {quarter.label}, {account}"
    props.description = (
        f"Quarterly business review of {account} for {quarter.title} ({quarter.months})"
    )
    props.category = "Quarterly business review"
    props.creator = "Rapport"
    props.lastModifiedBy = "Rapport"
    props.created = props.modified = dt.datetime.combine(qbr.generated_on, dt.time(12))


def export_workbook_steps(
    qbr: Qbr,
    path: str | Path,
    *,
    map_image: MapImage = None,
    stage: Staging | None = None,
    sharing: Sharing | None = None,
    paper: str | None = None,
) -> Generator[float, None, None]:
    """Build the workbook sheet by sheet, yielding progress; write it to ``path`` at the end
    (with ``stage``: to its temporary, renamed when the stage commits).

    ``map_image``: the map's picture, or a callable giving it, called for the Map sheet.
    ``sharing`` picks the edition (default: internal, the account team's own workbook);
    ``paper`` ("a4" or "letter") overrides the paper the account's currency implies (Letter for
    US and Canadian dollars, A4 everywhere else).
    """
    from openpyxl import Workbook

    path = Path(path)
    check_writable(path)  # fail before the work, not after it
    sharing = sharing or Sharing(Edition.INTERNAL)
    qbr = prepare(qbr, sharing)
    wb = Workbook()
    wb.remove(wb.active)
    internal = sharing.internal
    writers: list[Callable[[Any], None]] = [
        lambda ws: write_summary(ws, qbr, internal=internal),
        lambda ws: write_agenda(ws, qbr),
        lambda ws: write_since_last(ws, qbr, internal=internal),
        lambda ws: write_stakeholders(ws, qbr, internal=internal),
        lambda ws: write_engagement(ws, qbr, internal=internal),
        lambda ws: write_wins(ws, qbr),
        lambda ws: write_usage(ws, qbr),
        lambda ws: write_support(ws, qbr),
        lambda ws: write_roadmap(ws, qbr, internal=internal),
        lambda ws: write_plan(ws, qbr, internal=internal),
        lambda ws: write_map(ws, qbr, map_image),
    ]
    steps = len(writers) + 1
    for done, (title, write) in enumerate(zip(SHEETS, writers, strict=True), start=1):
        write(wb.create_sheet(title))
        yield done / steps * 0.9
    _properties(wb, qbr)
    size = paper_for(qbr.account.currency, paper)
    for sheet in wb.worksheets:
        edition_footer(sheet, sharing.label)
        set_paper(sheet, size)
    wb.active = 0
    with atomic_target(path, stage) as temporary:
        save_workbook(wb, temporary, path)
    yield 1.0


def export_workbook(
    qbr: Qbr,
    path: str | Path,
    *,
    map_image: MapImage = None,
    stage: Staging | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    sharing: Sharing | None = None,
    paper: str | None = None,
) -> Path:
    """Write the workbook; ``progress`` gets fractions done, ``cancelled`` can stop it.

    Raises ``ExportError`` (a ``RapportError``) when the file cannot be written and
    ``ExportCancelled`` when stopped; in both cases no partial file is left.
    """
    steps = export_workbook_steps(
        qbr, path, map_image=map_image, stage=stage, sharing=sharing, paper=paper
    )
    run_steps(steps, progress, cancelled)
    return Path(path)
