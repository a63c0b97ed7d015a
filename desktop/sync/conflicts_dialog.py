"""The team's open conflicts, and deciding them: what ``rapport conflicts`` does, in the app.

Each row is one conflict: the record, the field, and the two sides with who made them and
when. Keeping a side writes it at once (an ordinary change, with its own line in the history)
and goes out with the next sync, which starts right after. Keeping is one undo step of the
window (``graph.team.conflicts.decide``): Undo, here or in the Edit menu, lists the conflict
again with the record as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.common import ask
from desktop.common.undo_actions import add_undo_buttons, window_undo_actions
from desktop.workspace.session import WorkspaceSession
from graph.errors import RapportError
from graph.events import ChangeSet
from graph.operations import bind
from graph.team.conflicts import ConflictView, Side, decide, open_conflicts

_HEADERS = ("Record", "Field", "First", "Second", "Decided")


def _side(side: Side) -> str:
    mine = " (mine)" if side.mine else ""
    return f"{side.value} — {side.author or 'someone'}, {side.at}{mine}"


class ConflictsDialog(QDialog):
    def __init__(
        self,
        session: WorkspaceSession,
        decided: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("team_conflicts")
        self.setWindowTitle("Team Conflicts")
        self._session = session
        self._decided = decided
        self.views: list[ConflictView] = []
        self.list = QTreeWidget()
        self.list.setHeaderLabels(_HEADERS)
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemSelectionChanged.connect(self._selected)
        self.empty = QLabel("No open conflicts: the team agrees.")
        self.keep_first = QPushButton("Keep First")
        self.keep_second = QPushButton("Keep Second")
        self.keep_first.clicked.connect(lambda: self._keep("first"))
        self.keep_second.clicked.connect(lambda: self._keep("second"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.keep_first, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.keep_second, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        # Undo and redo right here: this window has its own shortcuts.
        self.undo_action, self.redo_action = window_undo_actions(self, session.undo_stack)
        bottom = QHBoxLayout()
        add_undo_buttons(bottom, (self.undo_action, self.redo_action))
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Changes made apart that need a person: keep one side for each."))
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addLayout(bottom)
        self.resize(820, 360)
        # A decision undone or redone (here or from the main window) shows at once.
        session.signals.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.isVisible() and changes.touches("team_conflicts"):
            self.refresh()

    def refresh(self) -> None:
        self.views = open_conflicts(self._session.ws)
        self.list.clear()
        for view in self.views:
            row = QTreeWidgetItem(
                [
                    view.record,
                    (view.field or "the record").replace("_", " "),
                    _side(view.first),
                    _side(view.second),
                    view.decided or "",
                ]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, view.id)
            self.list.addTopLevelItem(row)
        for column in range(len(_HEADERS)):
            self.list.resizeColumnToContents(column)
        self.list.setVisible(bool(self.views))
        self.empty.setVisible(not self.views)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        self._selected()

    def _current(self) -> ConflictView | None:
        row = self.list.currentItem()
        if row is None:
            return None
        wanted = row.data(0, Qt.ItemDataRole.UserRole)
        return next((v for v in self.views if v.id == wanted), None)

    def _selected(self) -> None:
        view = self._current()
        open_ = view is not None and view.decided is None
        self.keep_first.setEnabled(open_)
        self.keep_second.setEnabled(open_)
        if view is not None:
            self.keep_first.setText(f"Keep {view.first.author or 'First'}'s")
            self.keep_second.setText(f"Keep {view.second.author or 'Second'}'s")

    def _keep(self, side: str) -> None:
        view = self._current()
        if view is None:
            return
        try:
            self._session.run(bind(decide, view.id, side))
        except RapportError as exc:
            ask.error(self, "Team Conflicts", str(exc))
            return
        self.refresh()
        self._decided()
