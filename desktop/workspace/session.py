"""One open workspace in the app: the file, its undo stack, its selection and its signals.

Every view of a window takes the session and nothing else; switching files means building a
new session (and new views), so no view ever sees two workspaces.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack

from desktop.workspace.analysis import Analysis
from desktop.workspace.selection import Selection
from desktop.workspace.undo_operation import run_operation
from desktop.workspace.workspace_signals import WorkspaceSignals
from graph import schema as s
from graph.background_check import check_of
from graph.errors import NotFoundError, WorkspaceFileError
from graph.events import ChangeKind, ChangeSet
from graph.operations import OpResult
from graph.team.role import read_only
from graph.workspace import Workspace

# Removed rows of these tables make a selection key stale.
_KEY_PREFIX = {"people": "p", "team_members": "t", "relationships": "r", "coverage": "c"}


class WorkspaceSession(QObject):
    """``account_changed`` carries the account now shown (an id, or None). ``file_refused``
    carries the message of a file check that failed after the file was opened (the thorough
    half runs on a thread at the app's start; nothing was written: writes wait for it)."""

    account_changed = Signal(object)
    file_refused = Signal(str)
    _checked = Signal(object)  # from the check's thread: its WorkspaceFileError, or None

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.signals = WorkspaceSignals(ws, self)
        self.undo_stack = QUndoStack(self)
        self.selection = Selection(self)
        self.analysis = Analysis(ws, self)
        self._account_id: int | None = None
        # A viewer's team replica: the window disables its edits (graph.team.role refuses
        # them anyway). Read once here and again after each sync, not on every repaint.
        self.read_only = read_only(ws)
        # The analysis must forget stale signals before any view asks for them again.
        self.signals.changed.connect(self.analysis.on_changed)
        self.signals.changed.connect(self._on_changed)
        self._closed = False
        check = check_of(ws.engine)
        if check is not None:
            # Queued even when the check is already done: the window connects first.
            self._checked.connect(self._file_checked, Qt.ConnectionType.QueuedConnection)
            check.when_done(self._check_finished)

    def _check_finished(self, error: WorkspaceFileError | None) -> None:
        # On the check's thread: a session closed meanwhile (another file opened) hears nothing.
        if not self._closed:
            self._checked.emit(error)

    def _file_checked(self, error: WorkspaceFileError | None) -> None:
        if error is not None:
            self.file_refused.emit(str(error))

    @property
    def path(self) -> Path | None:
        return self.ws.path

    @property
    def name(self) -> str:
        return self.ws.path.stem if self.ws.path else "Untitled"

    # --- the account on show ------------------------------------------------------------------

    @property
    def account_id(self) -> int | None:
        return self._account_id

    def account(self) -> s.Account | None:
        if self._account_id is None:
            return None
        try:
            return self.ws.get(s.Account, self._account_id)
        except NotFoundError:
            return None

    def set_account(self, account_id: int | None) -> None:
        if account_id == self._account_id:
            return
        self._account_id = account_id
        self.selection.clear(source=self)
        self.account_changed.emit(account_id)

    def refresh_read_only(self) -> bool:
        """Read the role the last sync remembered; True if it changed."""
        now = read_only(self.ws)
        changed, self.read_only = now != self.read_only, now
        return changed

    # --- edits --------------------------------------------------------------------------------

    def run(self, operation: Callable[[Workspace], OpResult]) -> OpResult:
        """Apply an edit (a ``graph.operations`` operation) as one undo step. Raises
        RapportError if it is refused: then nothing changed and nothing was pushed."""
        return run_operation(self.undo_stack, self.ws, operation)

    def _on_changed(self, changes: ChangeSet) -> None:
        gone = {
            f"{_KEY_PREFIX[c.table]}{c.key[0]}"
            for c in changes.changes
            if c.kind is ChangeKind.REMOVED and c.table in _KEY_PREFIX
        }
        if gone:
            self.selection.discard(gone, source=self)
        if "accounts" in changes.tables and self._account_id is not None:
            account = self.account()
            if account is None:
                self.set_account(None)

    def close(self) -> None:
        self._closed = True
        self.analysis.wait()
        self.signals.detach()
        self.undo_stack.clear()
        self.ws.close()
