"""Export QBR…: choose the file and the edition, then write the workbook or the deck in the
background.

``start_qbr_export(parent, ws, account_id, quarter)`` is what the window calls, for File > Export
QBR and for the QBR tab's button alike (``MainWindow.export_qbr_of``). It asks where to save
(suggesting ``reports.workbook.default_filename``; saving as ``.pptx`` writes the PowerPoint
deck), then which edition (``export_edition.EditionDialog``: customer or internal, names or
roles; it applies to the workbook and the deck alike), draws the stakeholder map in that edition
on the GUI thread (a QGraphicsScene must not be painted off it; it takes a fraction of a
second), then runs ``export_job.ExportJob`` on a ``QThreadPool`` behind a progress dialog with
Cancel. On success it offers to open the file or its folder, listing what the customer edition
withheld; an error (the file is open in Excel, the folder is read-only...) is shown in words
through ``desktop.common.ask``.

Tests replace ``choose_path``, ``offer_to_open`` and ``open_url`` (and ``ask.error``), and drive
the edition dialog or replace ``choose_edition``.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Literal, cast

from PySide6.QtCore import QObject, QSettings, QStandardPaths, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from desktop.common import ask
from desktop.qbr_export.export_job import (
    ExportJob,
    ExportRequest,
    ExportSignals,
    MapOrder,
    assemble_with_snapshot,
)
from desktop.qbr_export.export_progress import ExportProgress
from desktop.workspace.edits import message_of
from graph import schema as s
from graph.errors import RapportError
from graph.files import clean_stale, temporary_name
from graph.workspace import Workspace
from reports.quarter import Quarter

if TYPE_CHECKING:
    from graph.snapshot import AccountSnapshot
    from reports.deck import MapPicture
    from reports.edition import Sharing
    from reports.model import Qbr

WORKBOOK_FILTER = "Excel workbooks (*.xlsx)"
DECK_FILTER = "PowerPoint decks (*.pptx)"
FOLDER_KEY = "qbr/export_folder"
PAINT_FIRST_MS = 40
Opening = Literal["file", "folder"]


# --- the questions, replaceable in tests ------------------------------------------------------


def choose_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Where to write the workbook or the deck (suffix added if missing), or None if cancelled."""
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export QBR", str(suggested), f"{WORKBOOK_FILTER};;{DECK_FILTER}"
    )
    if not name:
        return None
    path = Path(name)
    wanted = ".pptx" if chosen == DECK_FILTER else ".xlsx"
    if path.suffix.lower() in (".xlsx", ".pptx"):
        # the suggested name ends in .xlsx: choosing the deck's filter means a deck
        return path.with_suffix(wanted) if path.suffix.lower() != wanted else path
    return path.with_name(path.name + wanted)


def choose_edition(parent: QWidget | None, target: Path) -> Sharing | None:
    """The edition to write ``target`` in (``export_edition.EditionDialog``), None if cancelled."""
    from desktop.qbr_export.export_edition import EditionDialog

    dialog = EditionDialog(target, parent)
    try:
        return dialog.sharing() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def offer_to_open(
    parent: QWidget | None, path: Path, withheld: Sequence[str] = ()
) -> Opening | None:
    """Tell the user the file is written (and what its customer edition withheld); "file" or
    "folder" if they want to open it."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "QBR exported",
        f"The QBR {'deck' if path.suffix.lower() == '.pptx' else 'workbook'} is ready:\n{path}",
        QMessageBox.StandardButton.NoButton,
    )
    box.setParent(parent, box.windowFlags())
    if withheld:
        count = len(withheld)
        box.setInformativeText(
            f"{count} text{'s' if count != 1 else ''} in the team's own words "
            f"{'were' if count != 1 else 'was'} withheld from the customer edition "
            "(see the details). Reword them and export again to include them."
        )
        box.setDetailedText("\n".join(withheld))
    open_file = box.addButton(
        "Open Deck" if path.suffix.lower() == ".pptx" else "Open Workbook",
        QMessageBox.ButtonRole.AcceptRole,
    )
    open_folder = box.addButton("Show in Folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Close", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_file)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_file:
        return "file"
    return "folder" if clicked is open_folder else None


def open_url(url: QUrl) -> bool:
    return QDesktopServices.openUrl(url)


# --- where to save ----------------------------------------------------------------------------


def _settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Rapport", "Rapport")


def export_folder() -> Path:
    """The folder of the last export, else Documents, else home."""
    remembered = _settings().value(FOLDER_KEY, "")
    if remembered and Path(str(remembered)).is_dir():
        return Path(str(remembered))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def suggested_name(account: s.Account, quarter: Quarter) -> str:
    """``default_filename`` of the QBR, which reads only its account's name and its quarter."""
    from reports.workbook import default_filename

    stand_in = SimpleNamespace(account=SimpleNamespace(name=account.name), quarter=quarter)
    return default_filename(cast("Qbr", stand_in))


# --- one export -------------------------------------------------------------------------------


class QbrExport(QObject):
    """One export under way: the map, the worker, the progress dialog and the outcome.

    ``finished`` carries the workbook's path, ``failed`` the message shown, ``message`` a line
    for the status bar; ``done`` follows any outcome (cancelled included).
    """

    finished = Signal(Path)
    failed = Signal(str)
    cancelled = Signal()
    message = Signal(str)
    done = Signal()

    def __init__(
        self,
        parent: QWidget,
        ws: Workspace,
        account: s.Account,
        quarter: Quarter,
        target: Path,
        sharing: Sharing | None = None,
    ) -> None:
        super().__init__(parent)
        from desktop.qbr_export.export_edition import default_edition
        from reports.edition import Sharing

        self.sharing: Sharing = sharing or Sharing(default_edition(target))
        self.withheld: tuple[str, ...] = ()  # what the customer edition left out, and why
        self._parent = parent
        self._ws = ws
        self.account = account
        self.quarter = quarter
        self.target = target
        self.outcome: str | None = None  # "finished", "failed" or "cancelled"
        # Scratch files (the map picture) stay beside the workbook, never in the system temp
        # folder; a killed export leaves them under a name the next start cleans up.
        clean_stale(target.parent)
        self._scratch = temporary_name(target)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # A child made after the pool: on deletion the pool (waiting for its job) goes first.
        self.signals = ExportSignals(self)
        self.signals.progress.connect(self._on_progress)
        self.signals.stage.connect(self._on_stage)
        self.signals.finished.connect(self._on_finished)
        self.signals.failed.connect(self._on_failed)
        self.signals.cancelled.connect(self._on_cancelled)
        self.signals.withheld.connect(self._on_withheld)
        self.signals.picture_wanted.connect(self._draw_map)
        self.job: ExportJob | None = None
        self._cancel_requested = False
        self.dialog = ExportProgress(f"Exporting the QBR of {account.name}", parent)
        self.dialog.cancel_requested.connect(self.cancel)

    def start(self) -> None:
        self.dialog.set_stage("Assembling the QBR…")
        self.dialog.set_fraction(0.0)
        self.dialog.open()
        # Give the dialog a moment to paint before the worker starts.
        QTimer.singleShot(PAINT_FIRST_MS, self._run)

    def cancel(self) -> None:
        """Stop the export; the worker stops at the next sheet and leaves no file."""
        self._cancel_requested = True
        if self.job is not None:
            self.job.cancel()

    def wait(self) -> None:
        self._pool.waitForDone()

    def _run(self) -> None:
        if self._cancel_requested:
            self._on_cancelled()
            return
        ws = self._ws
        qbr, snapshot = (None, None) if ws.path is not None else self._assemble_here()
        request = ExportRequest(
            workspace=ws.path,
            account_id=self.account.id,
            quarter=self.quarter,
            target=self.target,
            today=ws.today(),
            qbr=qbr,
            sharing=self.sharing,
            snapshot=snapshot,
            draws_map=True,
        )
        self._start(request)

    def _start(self, request: ExportRequest) -> None:
        self.job = ExportJob(request, self.signals)
        self.job.setAutoDelete(False)  # kept by this object, so ``cancel`` is always safe
        if self._cancel_requested:
            self.job.cancel()
        self._pool.start(self.job)

    def _draw_map(self, order: MapOrder) -> None:
        """Draw the map the worker asked for, here on the GUI thread (the scene is deleted on
        this thread), and hand it back: the deck's map slide and appendix, or the workbook's
        whole map, as the command line draws them (``deck_map.deck_picture``)."""
        from desktop.qbr_export.deck_map import deck_picture

        if self._cancel_requested:
            self._on_cancelled()
            return
        sharing = self.sharing
        name = "deck-map.png" if order.deck else "map.png"
        picture: MapPicture | None = None
        try:
            self._scratch.mkdir(exist_ok=True)
            picture = deck_picture(
                self._ws,
                order.snapshot,
                order.qbr,
                self._scratch / name,
                internal=sharing.internal,
                anonymize=sharing.anonymize,
                label=sharing.label,
                slides=order.deck,
            )
        except Exception as exc:  # the QBR is still worth having without the map
            self.message.emit(f"The stakeholder map could not be drawn: {exc}")
        if self._cancel_requested:  # asked while the map was drawn
            self._on_cancelled()
            return
        self._start(order.request(picture))

    def _assemble_here(self) -> tuple[Qbr, AccountSnapshot]:
        return assemble_with_snapshot(self._ws, self.account.id, self.quarter, self._ws.today())

    # --- outcomes (on the GUI thread, by signal) ----------------------------------------------

    def _on_progress(self, fraction: float) -> None:
        if not self._cancel_requested:
            self.dialog.set_fraction(fraction)

    def _on_stage(self, text: str) -> None:
        if not self._cancel_requested:
            self.dialog.set_stage(text)

    def _on_withheld(self, lines: list[str]) -> None:
        self.withheld = tuple(lines)

    def _on_finished(self, path: str) -> None:
        self._close("finished")
        target = Path(path)
        _settings().setValue(FOLDER_KEY, str(target.parent))
        withheld = f" ({len(self.withheld)} withheld)" if self.withheld else ""
        self.message.emit(f"Exported {target.name}, {self.sharing.label}{withheld}")
        self.finished.emit(target)
        choice = offer_to_open(self._parent, target, self.withheld)
        if choice == "file":
            open_url(QUrl.fromLocalFile(str(target)))
        elif choice == "folder":
            open_url(QUrl.fromLocalFile(str(target.parent)))
        self.done.emit()

    def _on_failed(self, message: str) -> None:
        self._close("failed")
        ask.error(self._parent, "QBR not exported", message)
        self.message.emit(f"QBR not exported: {message}")
        self.failed.emit(message)
        self.done.emit()

    def _on_cancelled(self) -> None:
        self._close("cancelled")
        self.message.emit("Export cancelled; nothing was written")
        self.cancelled.emit()
        self.done.emit()

    def _close(self, outcome: str) -> None:
        self.outcome = outcome
        self.dialog.finish()
        shutil.rmtree(self._scratch, ignore_errors=True)


def start_qbr_export(
    parent: QWidget, ws: Workspace, account_id: int, quarter: Quarter
) -> QbrExport | None:
    """Ask where to save one account's QBR workbook, then export it in the background.

    Returns the export under way (its ``done`` signal follows the outcome), or None when the
    user cancelled the file dialog or the account is gone.
    """
    try:
        account = ws.get(s.Account, account_id)
    except RapportError as exc:
        ask.error(parent, "QBR not exported", message_of(exc))
        return None
    quarter = Quarter(quarter.fiscal_year, quarter.number, account.fiscal_year_start_month)
    target = choose_path(parent, export_folder() / suggested_name(account, quarter))
    if target is None:
        return None
    sharing = choose_edition(parent, target)
    if sharing is None:
        return None
    export = QbrExport(parent, ws, account, quarter, target, sharing)
    export.done.connect(export.deleteLater)
    export.start()
    return export
