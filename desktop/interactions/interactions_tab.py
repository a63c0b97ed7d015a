"""The Interactions tab: the account's timeline, newest first, beside a quick logging form.

Double-click (or Enter on) an interaction to edit it in the same form.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.interactions.interactions_model import INTERACTION_ID_ROLE, InteractionsModel
from desktop.interactions.log_interaction_form import LogInteractionForm
from desktop.interactions.timeline_delegate import TimelineDelegate
from desktop.shell.empty_state import EmptyState
from desktop.workspace.edits import delete_interactions, message_of
from desktop.workspace.operations import undo_hint
from desktop.workspace.session import WorkspaceSession
from graph import schema as s
from graph.errors import RapportError
from graph.events import ChangeKind, ChangeSet


class InteractionsTab(QWidget):
    """``message`` carries a line for the status bar."""

    message = Signal(str)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = InteractionsModel(session, self)
        self.timeline = QListView()
        self.timeline.setModel(self.model)
        self.timeline.setItemDelegate(TimelineDelegate(self.timeline))
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.timeline.setUniformItemSizes(True)
        self.timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        # Enter or a double-click edits the interaction in the form on the right.
        self.edit = QAction("Edit interaction…", self.timeline)
        self.edit.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.edit.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit.triggered.connect(self.edit_current)
        self.timeline.addAction(self.edit)
        self.timeline.doubleClicked.connect(lambda _index: self.edit_current())

        # The window's Delete action (the Delete key) deletes here when the timeline has focus.
        self.delete = QAction("Delete interaction", self.timeline)
        self.delete.triggered.connect(self.delete_selected)
        self.timeline.addAction(self.delete)
        self.timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.form = LogInteractionForm(session)
        self.form.logged.connect(self.message)
        self.empty = EmptyState(
            "No interactions yet",
            "Log meetings, calls and emails with the form on the right: last contact and "
            "cadence come from them.",
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(self.timeline)
        self.pages.addWidget(self.empty)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.pages)
        splitter.addWidget(self.form)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([640, 320])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(splitter)

        self.model.modelReset.connect(self._update_state)
        session.signals.changed.connect(self._on_changed)
        self._update_state()

    def set_account(self, account_id: int | None) -> None:
        self.model.set_account(account_id)
        self.form.set_account(account_id)

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches("people", "team_members", "account_team", "coverage"):
            self.form.reload_people()
        gone = {
            c.key[0]
            for c in changes.changes
            if c.kind is ChangeKind.REMOVED and c.table == "interactions"
        }
        if gone:
            self.form.forget(gone)

    def edit_current(self) -> None:
        """Open the current interaction of the timeline in the form, ready to change."""
        index = self.timeline.currentIndex()
        if not index.isValid():
            return
        self.form.edit(index.data(INTERACTION_ID_ROLE))

    def _update_state(self) -> None:
        self.pages.setCurrentWidget(self.timeline if self.model.rowCount() else self.empty)

    def has_deletable_focus(self) -> bool:
        return self.timeline.hasFocus() and self.timeline.selectionModel().hasSelection()

    def delete_selected(self) -> None:
        rows = [i for i in self.timeline.selectionModel().selectedIndexes() if i.column() == 0]
        if not rows:
            return
        ids = [index.data(INTERACTION_ID_ROLE) for index in rows]
        try:
            chosen = [self._session.ws.get(s.Interaction, i) for i in ids]
            self._session.run(delete_interactions(chosen))
        except RapportError as exc:
            self.message.emit(message_of(exc))
            return
        noun = "interaction" if len(ids) == 1 else f"{len(ids)} interactions"
        self.message.emit(f"Deleted {noun} — {undo_hint()}")
