"""File ▸ Import… and files dropped on the window: the import wizard.

The main window needs two calls, both cheap to import (the wizard and ``graph.imports`` load
on first use):

    from desktop.import_wizard import accepts_drop, start_import

    start_import(self, session.ws, session.undo_stack, session.account_id)        # the menu
    path = accepts_drop(event.mimeData())                                          # a drop
    start_import(self, session.ws, session.undo_stack, session.account_id, path)

The import lands in the file as one step of ``undo_stack``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.import_wizard.drop import accepts_drop

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QWidget

    from graph.workspace import Workspace

__all__ = ["accepts_drop", "start_import"]


def start_import(
    parent: QWidget,
    ws: Workspace,
    undo_stack: QUndoStack,
    account_id: int | None,
    path: Path | None = None,
) -> None:
    """Open the import wizard over ``parent`` (application-modal), into the account on show,
    optionally with ``path`` (a dropped file) chosen already. Returns at once."""
    from desktop.common import ask
    from desktop.import_wizard.wizard import open_wizard

    if ws.readonly:
        ask.error(parent, "Import", "This workspace is open read-only: nothing can be imported.")
        return
    open_wizard(parent, ws, undo_stack, account_id, path)
