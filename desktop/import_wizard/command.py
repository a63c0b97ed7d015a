"""An import as one step of the undo stack.

The wizard applies the import on a worker thread (it may take seconds) and then pushes an
``ImportCommand`` holding the ``AppliedImport``: the first ``redo`` (which ``QUndoStack.push``
calls) does nothing, the import being in the file already. ``undo`` and later ``redo`` call
``AppliedImport.undo(ws)`` / ``redo(ws)``, each one transaction. Should one of them fail (the
file is locked by another program...), nothing changed, the user is told in words and the step
leaves the stack, since it no longer describes the file.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from desktop import ask
from desktop.edits import message_of
from graph.errors import RapportError
from graph.imports import AppliedImport
from graph.workspace import Workspace


class ImportCommand(QUndoCommand):
    def __init__(
        self,
        ws: Workspace,
        applied: AppliedImport,
        text: str,
    ) -> None:
        super().__init__(text)
        self._ws = ws
        self.applied = applied
        self._in_file = True  # pushed after the worker applied it

    def redo(self) -> None:
        if self._in_file:
            return
        try:
            self.applied = self.applied.redo(self._ws)
        except RapportError as exc:
            self._give_up(f"{self.text()} could not be redone", exc)
            return
        self._in_file = True

    def undo(self) -> None:
        try:
            self.applied.undo(self._ws)
        except RapportError as exc:
            self._give_up(f"{self.text()} could not be undone", exc)
            return
        self._in_file = False

    def _give_up(self, title: str, exc: RapportError) -> None:
        self.setObsolete(True)
        ask.error(None, title, message_of(exc))
