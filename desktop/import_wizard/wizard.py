"""File ▸ Import…: file, account, column mapping (contacts) or period (calendars), dry run,
import. Each step is a page of its own module; they share an ``ImportContext``.

The wizard is application-modal, so no edit of the workspace can start while an import is
being planned or written. Closing it while work runs stops the work first (an import being
written is rolled back, or if it was already committed, still lands on the undo stack).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget, QWizard

from desktop.common.icons import app_icon
from desktop.import_wizard.account_page import AccountPage
from desktop.import_wizard.apply_page import ApplyPage
from desktop.import_wizard.context import ImportContext
from desktop.import_wizard.dry_run_page import DryRunPage
from desktop.import_wizard.file_page import FilePage
from desktop.import_wizard.mapping_page import MappingPage
from desktop.import_wizard.period_page import PeriodPage
from desktop.import_wizard.request import ImportRequest
from desktop.import_wizard.worker import ImportWorker
from graph.workspace import Workspace


class ImportWizard(QWizard):
    """``imported`` carries the ``AppliedImport`` once it is in the file and on the stack."""

    FILE, ACCOUNT, MAPPING, PERIOD, DRY_RUN, APPLY = range(6)

    imported = Signal(object)

    def __init__(
        self,
        ws: Workspace,
        undo_stack: QUndoStack,
        account_id: int | None,
        path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import")
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Import")
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, app_icon().pixmap(40, 40))
        self.worker = ImportWorker(self)
        self.context = ImportContext(
            ws, undo_stack, self.worker, ImportRequest(account_id=account_id)
        )
        self.file_page = FilePage(self.context)
        self.account_page = AccountPage(self.context)
        self.mapping_page = MappingPage(self.context)
        self.period_page = PeriodPage(self.context)
        self.dry_run_page = DryRunPage(self.context)
        self.apply_page = ApplyPage(self.context)
        for page_id, page in (
            (self.FILE, self.file_page),
            (self.ACCOUNT, self.account_page),
            (self.MAPPING, self.mapping_page),
            (self.PERIOD, self.period_page),
            (self.DRY_RUN, self.dry_run_page),
            (self.APPLY, self.apply_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(self.FILE)
        self.apply_page.imported.connect(self.imported)
        self.apply_page.preview_again.connect(self._preview_again)
        self.worker.idle.connect(self._work_ended)
        self._closing = False
        if path is not None:
            self.file_page.set_path(path)

    def sizeHint(self) -> QSize:
        return QSize(900, 660)

    # --- the route through the pages ----------------------------------------------------------

    def nextId(self) -> int:
        current = self.currentId()
        kind = self.context.request.kind
        if current == self.FILE:
            return self.ACCOUNT
        if current == self.ACCOUNT:
            if kind == "contacts":
                return self.MAPPING
            return self.PERIOD if kind == "calendar" else self.DRY_RUN
        if current in (self.MAPPING, self.PERIOD):
            return self.DRY_RUN
        if current == self.DRY_RUN:
            return self.APPLY
        return -1

    def _preview_again(self) -> None:
        self.back()
        if self.currentId() == self.DRY_RUN:
            self.dry_run_page.start()

    # --- closing while work runs --------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.worker.busy

    def reject(self) -> None:
        """Cancel, Escape or the close box: stop any work first, then close."""
        if self.worker.busy:
            self._closing = True
            self.worker.cancel_all()
            cancel = self.button(QWizard.WizardButton.CancelButton)
            cancel.setEnabled(False)
            cancel.setText("Stopping…")
            return
        super().reject()

    def _work_ended(self) -> None:
        if self._closing and not self.worker.busy:
            self._closing = False
            super().reject()

    def done(self, result: int) -> None:
        # Nothing may run once the wizard is gone (its jobs report to its pages).
        self.worker.cancel_all()
        self.worker.wait()
        super().done(result)


def open_wizard(
    parent: QWidget,
    ws: Workspace,
    undo_stack: QUndoStack,
    account_id: int | None,
    path: Path | None = None,
) -> ImportWizard:
    """Show the wizard (application-modal, deleted when closed) and return it."""
    for existing in parent.findChildren(ImportWizard):
        if existing.isVisible():
            if path is not None and existing.currentId() == ImportWizard.FILE:
                existing.file_page.set_path(path)
            existing.raise_()
            existing.activateWindow()
            return existing
    wizard = ImportWizard(ws, undo_stack, account_id, path, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.setWindowModality(Qt.WindowModality.ApplicationModal)
    wizard.show()
    return wizard
