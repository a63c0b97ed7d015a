"""The QBR export's background half: assemble the QBR and write the workbook or the deck, off the
GUI thread (a target ending in ``.pptx`` is a deck), in ``request.sharing``'s edition.

``ExportJob`` runs on a ``QThreadPool``. It opens the workspace file read-only (its own SQLite
connection), assembles the QBR and drives ``reports.workbook.export_workbook_steps`` sheet by
sheet, reporting progress by signal. Cancel is checked between sheets; it closes the generator,
whose atomic write removes the partial file, so nothing is left behind. Results and errors come
back by signal only: the job never touches a widget. Before ``finished``, ``withheld`` carries
the export log's lines: what the customer edition left out, and why (``reports.edition``).
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Signal

from desktop.common.qt_runtime import background_work
from desktop.workspace.edits import message_of
from graph.errors import RapportError
from graph.workspace import Workspace
from reports.quarter import Quarter

if TYPE_CHECKING:
    from reports.deck import MapPicture
    from reports.edition import Sharing
    from reports.model import Qbr

ASSEMBLED = 0.1  # the share of the progress bar the QBR assembly stands for


@dataclass(frozen=True)
class ExportRequest:
    workspace: Path | None  # the file to read; None: use ``qbr`` (an in-memory workspace)
    account_id: int
    quarter: Quarter
    target: Path
    today: dt.date
    map_image: Path | None = None
    qbr: Qbr | None = None
    sharing: Sharing | None = None  # None: the workbook's internal, the deck's customer edition
    picture: MapPicture | None = None  # the deck's map

    @property
    def is_deck(self) -> bool:
        return self.target.suffix.lower() == ".pptx"


class ExportSignals(QObject):
    progress = Signal(float)  # 0..1
    stage = Signal(str)  # what is being done, for the progress dialog
    finished = Signal(str)  # the workbook's path
    failed = Signal(str)  # a message fit to show
    cancelled = Signal()
    withheld = Signal(list)  # lines of the export log, before ``finished``


class ExportJob(QRunnable):
    def __init__(self, request: ExportRequest, signals: ExportSignals) -> None:
        super().__init__()
        self.request = request
        self.signals = signals
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop at the next sheet; safe to call from any thread."""
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            with background_work():
                written = self._export()
        except RapportError as exc:  # ExportError included: "file open in Excel", ...
            self.signals.failed.emit(message_of(exc))
        except Exception as exc:  # report it: a worker must never die silently
            self.signals.failed.emit(f"The QBR could not be exported: {exc}")
        else:
            if written:
                self.signals.finished.emit(str(self.request.target))
            else:
                self.signals.cancelled.emit()

    def _export(self) -> bool:
        request, signals = self.request, self.signals
        if self._cancel.is_set():
            return False
        signals.stage.emit("Assembling the QBR…")
        qbr = request.qbr if request.qbr is not None else self._assemble()
        if self._cancel.is_set():
            return False
        signals.progress.emit(ASSEMBLED)
        written = self._write_deck(qbr) if request.is_deck else self._write_workbook(qbr)
        if written:
            from reports.edition import withheld

            signals.withheld.emit(list(withheld(qbr, self._sharing())))
        return written

    def _sharing(self) -> Sharing:
        from reports.edition import Edition, Sharing

        if self.request.sharing is not None:
            return self.request.sharing
        return Sharing(Edition.CUSTOMER if self.request.is_deck else Edition.INTERNAL)

    def _write_workbook(self, qbr: Qbr) -> bool:
        from reports import workbook

        request, signals = self.request, self.signals
        steps = workbook.export_workbook_steps(
            qbr, request.target, map_image=request.map_image, sharing=self._sharing()
        )
        sheets = workbook.SHEETS
        try:
            signals.stage.emit(f"Writing the {sheets[0]} sheet…")
            for fraction in steps:
                signals.progress.emit(ASSEMBLED + (1 - ASSEMBLED) * fraction)
                if fraction >= 1.0:
                    return True
                if self._cancel.is_set():
                    return False  # closing the generator below removes the partial file
                done = round(fraction / 0.9 * len(sheets))
                signals.stage.emit(
                    f"Writing the {sheets[done]} sheet…"
                    if done < len(sheets)
                    else "Saving the workbook…"
                )
        finally:
            steps.close()
        return True

    def _write_deck(self, qbr: Qbr) -> bool:
        from reports.deck import export_deck_steps

        request, signals = self.request, self.signals
        signals.stage.emit("Writing the slides…")
        steps = export_deck_steps(
            qbr, request.target, sharing=self._sharing(), picture=request.picture
        )
        try:
            for fraction in steps:
                signals.progress.emit(ASSEMBLED + (1 - ASSEMBLED) * fraction)
                if fraction >= 1.0:
                    return True
                if self._cancel.is_set():
                    return False
        finally:
            steps.close()
        return True

    def _assemble(self) -> Qbr:
        from reports.briefing import with_briefing
        from reports.qbr import assemble_qbr

        request = self.request
        assert request.workspace is not None
        with Workspace.open(request.workspace, readonly=True) as ws:
            qbr = assemble_qbr(ws, request.account_id, request.quarter, request.today)
            return with_briefing(ws, qbr)
