"""The one bridge between operations (``graph.operations``) and Qt's undo stack.

``run_operation`` runs an operation once (it validates before writing, so a refused value
raises ``RapportError`` here, nothing is written and nothing is pushed) and pushes its result
as one ``UndoOperation``: the push's first ``redo`` leaves the file alone, ``undo`` runs the
inverse tagged "undo" in the change history, ``redo`` runs the inverse's inverse tagged "redo".
Work done elsewhere (an import on a worker thread) is pushed with ``push_result``.

An undo or redo that fails (the file is locked by another program...) changes nothing; the
user is told in words and the step leaves the stack, since it no longer describes the file.
The command never takes a Qt parent: PySide6 would free a Python child command twice when the
stack clears.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.common import ask
from desktop.workspace.edits import message_of
from graph.errors import RapportError
from graph.operations import Operation, OpResult, perform
from graph.workspace import Workspace


class UndoOperation(QUndoCommand):
    def __init__(self, ws: Workspace, result: OpResult, text: str = "") -> None:
        super().__init__(text or result.title)
        self._ws = ws
        self._inverse: Operation = result.inverse
        self._in_file = True  # pushed after the operation ran

    def redo(self) -> None:
        if self._in_file:
            return
        self._replay("redo")

    def undo(self) -> None:
        self._replay("undo")

    def _replay(self, source: str) -> None:
        try:
            with self._ws.sharing_reads():
                result = perform(self._ws, self._inverse, source)
        except RapportError as exc:
            self.setObsolete(True)
            ask.error(None, f"{self.text()} could not be {source}ne", message_of(exc))
            return
        self._inverse = result.inverse
        self._in_file = source == "redo"


def push_result(stack: QUndoStack, ws: Workspace, result: OpResult, text: str = "") -> None:
    """Put an operation that already ran on the stack as one step (nothing if it changed
    nothing). Steps never merge: the file is saved at every step, so "clean" means nothing
    else, and marking the stack clean before the push keeps Qt from merging."""
    if not result.changes:
        return
    stack.setClean()
    stack.push(UndoOperation(ws, result, text))


def run_operation(
    stack: QUndoStack,
    ws: Workspace,
    operation: Callable[[Workspace], OpResult],
    text: str = "",
) -> OpResult:
    """Run an edit and push it as one undo step. Raises RapportError if it was refused: then
    nothing was written and nothing pushed."""
    # Every view hears of the change during ``perform``: they share their reads.
    with ws.sharing_reads():
        result = perform(ws, operation, "edit")
    push_result(stack, ws, result, text)
    return result
