"""``rapport export``: a QBR workbook, its charts and the stakeholder map, from the command line.

Qt is loaded only to draw the map (offscreen, no screen needed); the workbook and the charts come
from reports/, which never loads Qt.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from graph.errors import RapportError
from graph.workspace import Workspace


class ExportArgumentError(RapportError):
    """The command line named something that cannot be exported."""


def export_qbr(
    workspace: Path,
    *,
    account: str,
    quarter: str = "last",
    xlsx: Path,
    charts: Path | None = None,
    map_path: Path | None = None,
    map_view: str = "org",
    today: dt.date | None = None,
) -> list[str]:
    """Export what was asked for; returns the lines to print: the quarter and the dates it
    covers, then one line per file written.

    ``quarter``: "last" (the last complete fiscal quarter), "current" (to date) or a label such
    as "2026-Q3", in the account's fiscal year. A quarter that has not started, or that ends
    before the account's first dated fact, is refused (``reports.quarter.QuarterRefused``).
    Everything is as of the quarter's last day (or today, for the current quarter).
    """
    from graph.queries import first_dated_fact
    from graph.snapshot import read_account
    from reports.qbr import assemble_qbr
    from reports.quarter import Period, choose_quarter

    if xlsx.suffix.lower() != ".xlsx":
        raise ExportArgumentError(f"{xlsx}: the workbook must be an .xlsx file")
    if map_path is not None and map_path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise ExportArgumentError(f"{map_path}: the map can be a .png, .svg or .pdf file")
    written: list[str] = []
    with Workspace.open(workspace, readonly=True) as ws:
        day = today or ws.today()
        record = ws.account_named(account)
        chosen = choose_quarter(quarter, record.fiscal_year_start_month, day)
        with ws.engine.connect() as conn:
            first = first_dated_fact(conn, record.id)
        period = Period.for_export(chosen, day, first, record.name)
        snapshot = read_account(ws, record.id, period.as_of)
        qbr = assemble_qbr(ws, record.id, chosen, day, snapshot=snapshot)
        with tempfile.TemporaryDirectory(prefix="rapport-map-") as scratch:
            image = _draw_map(ws, record.id, Path(scratch) / "map.png", map_view, period.as_of)
            if map_path is not None:
                _draw_map(ws, record.id, map_path, map_view, period.as_of)
                written.append(f"Wrote map: {map_path}")
            _write_workbook(qbr, xlsx, image)
            written.insert(0, f"Wrote workbook: {xlsx}")
    if charts is not None:
        from reports.charts import export_charts

        paths = export_charts(qbr, charts)
        written.append(f"Wrote charts: {len(paths)} files in {charts}")
    return [f"Exported the QBR of {record.name} for {period.label}", *written]


def _draw_map(ws: Workspace, account_id: int, path: Path, view: str, today: dt.date | None) -> Path:
    from desktop.map.render import render_account_map

    return render_account_map(ws, account_id, path, view, today=today)


def _write_workbook(qbr: object, path: Path, image: Path) -> None:
    from reports.workbook import export_workbook

    export_workbook(qbr, path, map_image=image)  # type: ignore[arg-type]
