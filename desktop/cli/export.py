"""``rapport export``: a QBR workbook, deck, charts and stakeholder map, from the command line.

Qt is loaded only to draw the map (offscreen, no screen needed); the workbook and the charts come
from reports/, which never loads Qt. On Linux the map's pictures for the deck and the workbook
are drawn in a child process while this one writes the documents (``export_pictures``).

All or nothing: every target is checked (its folder exists and is writable) before anything is
drawn, every file is written to a temporary beside its target, and the temporaries are renamed
into place only when all of them are complete. A failed export leaves every earlier file as it
was, and no temporary file (they hold personal data) behind.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.export_pictures import (
    DECK,
    WORKBOOK,
    MapPictures,
    Wanted,
    beside_possible,
    load_before_qt,
)
from graph.background_check import check_of
from graph.errors import RapportError, WorkspaceFileError
from graph.files import Staging, clean_stale, staging, write_failure
from graph.workspace import Workspace

if TYPE_CHECKING:
    from reports.edition import Sharing
    from reports.model import Qbr


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


def check_targets(
    xlsx: Path | None, charts: Path | None, map_path: Path | None, pptx: Path | None = None
) -> None:
    """Refuse, before anything is drawn or written, a target that cannot be written."""
    from reports.xlsx_safety import check_writable

    if xlsx is None and pptx is None:
        raise ExportArgumentError(
            "nothing to export: give --xlsx FILE.xlsx, --pptx FILE.pptx or both"
        )
    if xlsx is not None and xlsx.suffix.lower() != ".xlsx":
        raise ExportArgumentError(f"{xlsx}: the workbook must be an .xlsx file")
    if pptx is not None and pptx.suffix.lower() != ".pptx":
        raise ExportArgumentError(f"{pptx}: the deck must be a .pptx file")
    if map_path is not None and map_path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise ExportArgumentError(f"{map_path}: the map can be a .png, .svg or .pdf file")
    for target in (xlsx, pptx):
        if target is not None:
            check_writable(target)
    if map_path is not None:
        _check_target(map_path, "the map")
    if charts is not None:
        _check_charts_folder(charts)


def export_qbr(
    workspace: Path,
    *,
    account: str,
    quarter: str = "last",
    xlsx: Path | None,
    charts: Path | None = None,
    map_path: Path | None = None,
    map_view: str = "org",
    today: dt.date | None = None,
    pptx: Path | None = None,
    edition: str | None = None,
    template: Path | None = None,
    anonymize: bool = False,
) -> list[str]:
    """Export what was asked for; returns the lines to print: the quarter and the dates it
    covers, then one line per file written.

    ``quarter``: "last" (the last complete fiscal quarter), "current" (to date) or a label such
    as "2026-Q3", in the account's fiscal year. A quarter that has not started, or that ends
    before the account's first dated fact, is refused (``reports.quarter.QuarterRefused``).
    Everything is as of the quarter's last day (or today, for the current quarter).

    ``edition`` (customer or internal) applies to the deck and the workbook; without it the
    deck is the customer edition and the workbook the internal one.
    """
    from graph.queries import first_dated_fact
    from graph.snapshot import read_account_days
    from reports.briefing import trend_days, with_briefing
    from reports.qbr import HISTORY_QUARTERS, assemble_qbr, contact_cuts
    from reports.quarter import Period, choose_quarter

    check_targets(xlsx, charts, map_path, pptx)
    beside = beside_possible()
    if not beside:
        load_before_qt(writers=True, deck=pptx is not None)
    deck_sharing, book_sharing = _sharings(edition, anonymize)
    template_ready = _check_template(template) if pptx is not None else None
    clean_stale(
        *(target.parent for target in (xlsx, pptx, map_path) if target is not None),
        charts if charts is not None and charts.is_dir() else None,
    )
    written: list[str] = []
    folders = {target.parent for target in (xlsx, pptx) if target is not None}
    with staging() as stage:
        # Pictures of the map are drawn beside their document, never in /tmp; the deck's
        # first, as the deck is written first (its picture is the quicker one to draw). The
        # child that draws them (on Linux) is forked now, before the workspace is opened (no
        # connection, no thread yet): it loads Qt while the account is read.
        wanted: dict[str, Wanted] = {}
        if pptx is not None:
            slide = stage.scratch(pptx, ".png")
            # the appendix's: the whole map, when the map slide leaves people out
            appendix = stage.scratch(pptx, ".png")
            wanted[DECK] = Wanted(slide, "org", deck_sharing, appendix)
        if xlsx is not None:
            wanted[WORKBOOK] = Wanted(stage.scratch(xlsx, ".png"), map_view, book_sharing)
        with (
            MapPictures(wanted, beside=beside, folders=folders) as pictures,
            Workspace.open(workspace, readonly=True, check_later=True) as ws,
            ws.sharing_reads(),
        ):
            with _file_checked(ws):
                day = today or ws.today()
                record = ws.account_named(account)
                chosen = choose_quarter(quarter, record.fiscal_year_start_month, day)
                with ws.reader.connect() as conn:
                    first = first_dated_fact(conn, record.id)
                period = Period.for_export(chosen, day, first, record.name)
                # The account is read once, as of the QBR's day and of each day its health
                # trend shows; the QBR, its briefing and the map all derive from these.
                days = {period.as_of, *trend_days(chosen.history(HISTORY_QUARTERS), day)}
                snapshots = read_account_days(
                    ws, record.id, days, contact_cuts=contact_cuts(chosen)
                )
                snapshot = snapshots[period.as_of]
                views = sorted({w.view for w in wanted.values()})
                positions = {v: ws.positions(record.id, v) for v in views}
            # The file passed its check: the child gets the account's snapshot.
            pictures.begin(snapshot, positions)
            if pictures.beside:
                _load_workbook_writer_without_numpy()
            # Shared reads: the QBR and its briefing ask some questions alike; each is read once.
            qbr = assemble_qbr(ws, record.id, chosen, day, snapshot=snapshot)
            qbr = with_briefing(ws, qbr, snapshots)
            pictures.order(qbr)
            if pptx is not None:
                from reports.deck import export_deck

                export_deck(
                    qbr,
                    pptx,
                    sharing=deck_sharing,
                    template=template_ready,
                    picture=pictures.deck,
                    stage=stage,
                )
            if xlsx is not None:
                _write_workbook(qbr, xlsx, pictures.workbook, book_sharing, stage)
                written.append(f"Wrote workbook: {xlsx} ({book_sharing.label})")
            if pptx is not None:
                written.append(f"Wrote deck: {pptx} ({deck_sharing.label})")
            if map_path is not None:
                if pictures.beside:  # Qt loads here only now: what the map needs goes first
                    load_before_qt()
                target = stage.path(map_path, "the map")
                kind = map_path.suffix.lower()
                _draw_map(ws, record.id, target, kind, map_view, period.as_of, shown=map_path)
                written.append(f"Wrote map: {map_path}")
            if charts is not None:
                from reports.charts import export_charts

                paths = export_charts(qbr, charts, stage=stage)
                written.append(f"Wrote charts: {len(paths)} files in {charts}")
    # What the customer edition withheld, so the team can reword it and export again.
    log = _withheld_lines(qbr, [sh for sh, t in ((book_sharing, xlsx), (deck_sharing, pptx)) if t])
    return [f"Exported the QBR of {record.name} for {period.label}", *written, *log]


@contextmanager
def _file_checked(ws: Workspace) -> Iterator[None]:
    """The first reads of the export, while the check of every value in the file runs on a
    thread (``graph.background_check``): it is waited for (its thread ended) at the end, before
    the pictures are drawn or anything is written, and a file it refuses is refused with its
    message, even when a read met the bad value first."""
    check = check_of(ws.engine)
    try:
        yield
    except Exception as exc:
        if check is not None:
            try:
                check.wait()
            except WorkspaceFileError as refused:
                raise refused from exc
        raise
    if check is not None:
        check.wait()


def _load_workbook_writer_without_numpy() -> None:
    """Load openpyxl without numpy, when this process has not loaded numpy (the map, whose
    layouts use it, is drawn in the child): openpyxl loads numpy (a fifth of a second) only to
    take numpy's numbers as cell values, and the export has none when numpy was never loaded.
    """
    if "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # its import fails: openpyxl goes without
    try:
        import openpyxl.compat.numbers
        import openpyxl.writer.excel  # noqa: F401
    finally:
        del sys.modules["numpy"]


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


def _sharings(edition: str | None, anonymize: bool) -> tuple[Sharing, Sharing]:
    """(deck, workbook) editions: customer and internal unless one is chosen for both."""
    from reports.edition import Edition, Sharing

    if edition is None:
        return Sharing(Edition.CUSTOMER, anonymize), Sharing(Edition.INTERNAL, anonymize)
    chosen = Sharing(Edition.parse(edition), anonymize)
    return chosen, chosen


def _withheld_lines(qbr: Qbr, sharings: list[Sharing]) -> list[str]:
    from reports.edition import withheld

    return list(dict.fromkeys(line for sh in sharings for line in withheld(qbr, sh)))


def _check_template(template: Path | None) -> Path | None:
    """Open the template before any work, so a bad one fails at once with its message."""
    if template is None:
        return None
    from reports.deck import DeckTemplate

    DeckTemplate(template)
    return template


def _write_workbook(
    qbr: Qbr, path: Path, image: Callable[[], Path | None], sharing: Sharing, stage: Staging
) -> None:
    from reports.workbook import export_workbook

    export_workbook(qbr, path, map_image=image, sharing=sharing, stage=stage)
