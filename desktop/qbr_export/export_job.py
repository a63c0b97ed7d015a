"""The QBR export's background half: assemble the QBR and write the workbook or the deck, off the
GUI thread (a target ending in ``.pptx`` is a deck), in ``request.sharing``'s edition.

``ExportJob`` runs on a ``QThreadPool``. It opens the workspace file read-only (its own SQLite
connection), assembles the QBR and drives ``reports.workbook.export_workbook_steps`` sheet by
sheet, reporting progress by signal. Cancel is checked between sheets; it closes the generator,
whose atomic write removes the partial file, so nothing is left behind. Results and errors come
back by signal only: the job never touches a widget. Before ``finished``, ``withheld`` carries
the export log's lines: what the customer edition left out, and why (``reports.edition``).

The stakeholder map is drawn from what the QBR read (the account as it stood on the QBR's day,
its stakeholders ranked with this quarter's contacts), as ``rapport export`` draws it, but on
the GUI thread, where Qt draws: a request that ``draws_map`` ends once the QBR is assembled,
with ``picture_wanted`` carrying a ``MapOrder`` to the window, which draws the picture and
starts the writing as a job of its own (``MapOrder.request``). No worker ever waits for the
GUI thread, so closing the window mid-export cannot deadlock.
"""

from __future__ import annotations

import dataclasses
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
    from graph.snapshot import AccountSnapshot
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
    snapshot: AccountSnapshot | None = None  # with ``qbr``: the reading it was assembled from
    draws_map: bool = False  # ask the window for the map once the QBR is assembled

    @property
    def is_deck(self) -> bool:
        return self.target.suffix.lower() == ".pptx"


@dataclass(frozen=True)
class MapOrder:
    """What the map is drawn from: the QBR and the account as it stood on the QBR's day."""

    asked: ExportRequest
    qbr: Qbr
    snapshot: AccountSnapshot

    @property
    def deck(self) -> bool:
        """The deck's map slide (and appendix) rather than the workbook's whole map."""
        return self.asked.is_deck

    def request(self, picture: MapPicture | None) -> ExportRequest:
        """The writing, with the map drawn (None: it could not be; the QBR is still worth
        having without it)."""
        return dataclasses.replace(
            self.asked,
            qbr=self.qbr,
            snapshot=self.snapshot,
            draws_map=False,
            picture=picture if self.deck else None,
            map_image=picture.path if picture is not None and not self.deck else None,
        )


class ExportSignals(QObject):
    progress = Signal(float)  # 0..1
    stage = Signal(str)  # what is being done, for the progress dialog
    finished = Signal(str)  # the workbook's path
    failed = Signal(str)  # a message fit to show
    cancelled = Signal()
    withheld = Signal(list)  # lines of the export log, before ``finished``
    picture_wanted = Signal(object)  # a MapOrder: draw it and ``deliver`` the picture


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
            if written is None:  # the window draws the map, then writes as a job of its own
                return
        except RapportError as exc:  # ExportError included: "file open in Excel", ...
            self.signals.failed.emit(message_of(exc))
        except Exception as exc:  # report it: a worker must never die silently
            self.signals.failed.emit(f"The QBR could not be exported: {exc}")
        else:
            if written:
                self.signals.finished.emit(str(self.request.target))
            else:
                self.signals.cancelled.emit()

    def _export(self) -> bool | None:
        """True: written; False: cancelled; None: the map is wanted first (``draws_map``)."""
        request, signals = self.request, self.signals
        if self._cancel.is_set():
            return False
        if request.qbr is not None:
            qbr, snapshot = request.qbr, request.snapshot
        else:
            signals.stage.emit("Assembling the QBR…")
            qbr, snapshot = self._assemble()
        if self._cancel.is_set():
            return False
        signals.progress.emit(ASSEMBLED)
        if request.draws_map and snapshot is not None:
            signals.stage.emit("Drawing the stakeholder map…")
            signals.picture_wanted.emit(MapOrder(request, qbr, snapshot))
            return None
        if request.is_deck:
            written = self._write_deck(qbr, request.picture)
        else:
            written = self._write_workbook(qbr, request.map_image)
        if written:
            from reports.edition import withheld

            signals.withheld.emit(list(withheld(qbr, self._sharing())))
        return written

    def _sharing(self) -> Sharing:
        from reports.edition import Edition, Sharing

        if self.request.sharing is not None:
            return self.request.sharing
        return Sharing(Edition.CUSTOMER if self.request.is_deck else Edition.INTERNAL)

    def _write_workbook(self, qbr: Qbr, map_image: Path | None) -> bool:
        from reports import workbook

        request, signals = self.request, self.signals
        steps = workbook.export_workbook_steps(
            qbr, request.target, map_image=map_image, sharing=self._sharing()
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

    def _write_deck(self, qbr: Qbr, picture: MapPicture | None) -> bool:
        from reports.deck import export_deck_steps

        request, signals = self.request, self.signals
        signals.stage.emit("Writing the slides…")
        steps = export_deck_steps(qbr, request.target, sharing=self._sharing(), picture=picture)
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

    def _assemble(self) -> tuple[Qbr, AccountSnapshot]:
        request = self.request
        assert request.workspace is not None
        with Workspace.open(request.workspace, readonly=True) as ws:
            return assemble_with_snapshot(ws, request.account_id, request.quarter, request.today)


def assemble_with_snapshot(
    ws: Workspace, account_id: int, quarter: Quarter, today: dt.date
) -> tuple[Qbr, AccountSnapshot]:
    """The QBR (with its briefing) and the reading of the account it was assembled from: as
    of the QBR's day, the quarter taken in the account's own fiscal year (as ``assemble_qbr``
    takes it)."""
    from graph import schema as s
    from graph.snapshot import read_account
    from reports.briefing import with_briefing
    from reports.qbr import assemble_qbr
    from reports.quarter import Period

    start_month = ws.get(s.Account, account_id).fiscal_year_start_month
    own = Quarter(quarter.fiscal_year, quarter.number, start_month)
    snapshot = read_account(ws, account_id, Period.of(own, today).as_of)
    qbr = assemble_qbr(ws, account_id, quarter, today, snapshot=snapshot)
    return with_briefing(ws, qbr), snapshot
