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
    quarter: str,
    xlsx: Path,
    charts: Path | None = None,
    map_path: Path | None = None,
    map_view: str = "org",
    today: dt.date | None = None,
) -> list[str]:
    """Export what was asked for; returns one line per file written."""
    from reports.qbr import assemble_qbr
    from reports.quarter import Quarter

    if xlsx.suffix.lower() != ".xlsx":
        raise ExportArgumentError(f"{xlsx}: the workbook must be an .xlsx file")
    if map_path is not None and map_path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise ExportArgumentError(f"{map_path}: the map can be a .png, .svg or .pdf file")
    written: list[str] = []
    with Workspace.open(workspace, readonly=True) as ws:
        record = ws.account_named(account)
        try:
            period = Quarter.parse(quarter, record.fiscal_year_start_month)
        except ValueError as exc:
            raise ExportArgumentError(str(exc)) from exc
        qbr = assemble_qbr(ws, record.id, period, today)
        with tempfile.TemporaryDirectory(prefix="rapport-map-") as scratch:
            image = _draw_map(ws, record.id, Path(scratch) / "map.png", map_view, today)
            if map_path is not None:
                _draw_map(ws, record.id, map_path, map_view, today)
                written.append(f"map: {map_path}")
            _write_workbook(qbr, xlsx, image)
            written.insert(0, f"workbook: {xlsx}")
    if charts is not None:
        from reports.charts import export_charts

        paths = export_charts(qbr, charts)
        written.append(f"charts: {len(paths)} files in {charts}")
    return written


def _draw_map(ws: Workspace, account_id: int, path: Path, view: str, today: dt.date | None) -> Path:
    from desktop.map.render import render_account_map

    return render_account_map(ws, account_id, path, view, today=today)


def _write_workbook(qbr: object, path: Path, image: Path) -> None:
    from reports.workbook import export_workbook

    export_workbook(qbr, path, map_image=image)  # type: ignore[arg-type]
