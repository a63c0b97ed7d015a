"""What the pages of the import wizard share: the workspace, the choices, the plan."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QUndoStack

from desktop.import_wizard.request import ImportRequest
from desktop.import_wizard.worker import ImportWorker
from graph import schema as s
from graph.errors import NotFoundError
from graph.imports import AppliedImport, ImportPlan
from graph.workspace import Workspace


@dataclass
class ImportContext:
    ws: Workspace
    undo_stack: QUndoStack
    worker: ImportWorker
    request: ImportRequest = field(default_factory=ImportRequest)
    plan: ImportPlan | None = None  # the latest dry run, made on the dry-run page
    applied: AppliedImport | None = None  # set once the import is in the file

    def reader(self) -> Workspace:
        """A read-only view of the workspace for a worker thread (its own connections)."""
        ws = self.ws
        return Workspace(ws.engine, ws.path, readonly=True, clock=ws.clock)

    def account(self) -> s.Account | None:
        account_id = self.request.account_id
        if account_id is None:
            return None
        try:
            return self.ws.get(s.Account, account_id)
        except NotFoundError:
            return None
