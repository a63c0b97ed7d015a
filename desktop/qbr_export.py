"""``rapport export``: a QBR workbook, its charts and the stakeholder map, from the command line.

Qt is loaded only to draw the map (offscreen, no screen needed); the workbook and the charts come
from reports/, which never loads Qt.

All or nothing: every target is checked (its folder exists and is writable) before anything is
drawn, every file is written to a temporary beside its target, and the temporaries are renamed
into place only when all of them are complete. A failed export leaves every earlier file as it
was, and no temporary file (they hold personal data) behind.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from graph.errors import RapportError
from graph.files import Staging, clean_stale, staging, write_failure
from graph.workspace import Workspace


class ExportArgumentError(RapportError):
    """The command line named something that cannot be exported."""


def _check_target(path: Path, what: str) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise ExportArgumentError(
            f"Cannot export {what} to {path}: the folder {folder} does not exist."
        )
    if not os.access(folder, os.W_OK):
        raise ExportArgumentError(
            f"Cannot export {what} to {path}: the folder {folder} is not writable."
        )
    if path.is_dir():
        raise ExportArgumentError(f"Cannot export {what} to {path}: it is a folder, not a file.")
    if path.exists() and not os.access(path, os.W_OK):
        raise ExportArgumentError(f"Cannot overwrite {path}: it is read-only.")


def _check_charts_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ExportArgumentError(
            f"Cannot write the charts to {folder}: it is a file, not a folder."
        )
    existing = folder if folder.is_dir() else folder.parent
    if not existing.is_dir():
        raise ExportArgumentError(
            f"Cannot write the charts to {folder}: the folder {existing} does not exist."
        )
    if not os.access(existing, os.W_OK):
        raise ExportArgumentError(
            f"Cannot write the charts to {folder}: {existing} is not writable."
        )


def check_targets(xlsx: Path, charts: Path | None, map_path: Path | None) -> None:
    """Refuse, before anything is drawn or written, a target that cannot be written."""
    from reports.xlsx_safety import check_writable

    if xlsx.suffix.lower() != ".xlsx":
        raise ExportArgumentError(f"{xlsx}: the workbook must be an .xlsx file")
    if map_path is not None and map_path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise ExportArgumentError(f"{map_path}: the map can be a .png, .svg or .pdf file")
    check_writable(xlsx)
    if map_path is not None:
        _check_target(map_path, "the map")
    if charts is not None:
        _check_charts_folder(charts)


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

    check_targets(xlsx, charts, map_path)
    clean_stale(
        xlsx.parent,
        map_path.parent if map_path is not None else None,
        charts if charts is not None and charts.is_dir() else None,
    )
    written: list[str] = []
    with Workspace.open(workspace, readonly=True) as ws:
        day = today or ws.today()
        record = ws.account_named(account)
        chosen = choose_quarter(quarter, record.fiscal_year_start_month, day)
        with ws.reader.connect() as conn:
            first = first_dated_fact(conn, record.id)
        period = Period.for_export(chosen, day, first, record.name)
        snapshot = read_account(ws, record.id, period.as_of)
        qbr = assemble_qbr(ws, record.id, chosen, day, snapshot=snapshot)
        with staging() as stage:
            # The workbook's picture of the map is drawn beside the workbook, never in /tmp.
            image = stage.scratch(xlsx)
            _draw_map(
                ws,
                record.id,
                image,
                ".png",
                map_view,
                period.as_of,
                shown=xlsx,
                what="the workbook",
            )
            if map_path is not None:
                target = stage.path(map_path, "the map")
                kind = map_path.suffix.lower()
                _draw_map(ws, record.id, target, kind, map_view, period.as_of, shown=map_path)
                written.append(f"Wrote map: {map_path}")
            _write_workbook(qbr, xlsx, image, stage)
            written.insert(0, f"Wrote workbook: {xlsx}")
            if charts is not None:
                from reports.charts import export_charts

                paths = export_charts(qbr, charts, stage=stage)
                written.append(f"Wrote charts: {len(paths)} files in {charts}")
    return [f"Exported the QBR of {record.name} for {period.label}", *written]


def _draw_map(
    ws: Workspace,
    account_id: int,
    path: Path,
    kind: str,
    view: str,
    today: dt.date | None,
    *,
    shown: Path,
    what: str = "the map",
) -> None:
    from desktop.map.render import account_map_bytes

    data = account_map_bytes(ws, account_id, kind, view, today=today)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise write_failure(shown, exc, what) from exc


def _write_workbook(qbr: object, path: Path, image: Path, stage: Staging) -> None:
    from reports.workbook import export_workbook

    export_workbook(qbr, path, map_image=image, stage=stage)  # type: ignore[arg-type]
