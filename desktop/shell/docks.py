"""The window's docks: accounts on the left, the inspector and the undo history on the right.

The docks live as long as the window (so their layout is saved and restored); their content
is replaced when another workspace is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QUndoView, QWidget

from desktop.common.icons import icon
from desktop.inspector.room import PANEL_MIN_WIDTH

if TYPE_CHECKING:
    from desktop.workspace.session import WorkspaceSession


def _dock(window: QMainWindow, title: str, name: str, icon_name: str, shortcut: str) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
    )
    toggle = dock.toggleViewAction()
    toggle.setIcon(icon(icon_name))
    toggle.setShortcut(shortcut)
    toggle.setText(f"{title} Panel")
    toggle.setToolTip(f"Show or hide the {title.lower()} panel ({shortcut})")
    return dock


class Docks:
    def __init__(self, window: QMainWindow) -> None:
        self.accounts = _dock(window, "Accounts", "accounts_dock", "accounts", "Ctrl+Shift+1")
        self.inspector = _dock(window, "Inspector", "inspector_dock", "inspector", "Ctrl+Shift+2")
        self.history = _dock(window, "History", "history_dock", "history", "Ctrl+Shift+3")
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.accounts)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history)
        window.splitDockWidget(self.inspector, self.history, Qt.Orientation.Vertical)
        self.history_view: QUndoView | None = None

    def keep_inspector_room(self) -> None:
        """The inspector's room while the workspace loads (the window's first look): its
        panel comes then, and the map beside it keeps its place."""
        room = QWidget()
        room.setMinimumWidth(PANEL_MIN_WIDTH)
        self.inspector.setWidget(room)

    def install(self, session: WorkspaceSession, accounts: QWidget, inspector: QWidget) -> None:
        for dock, new in ((self.accounts, accounts), (self.inspector, inspector)):
            old = dock.widget()
            if old is not None and old is not new:  # the first look's list stays
                old.deleteLater()
        old_history = self.history.widget()
        if old_history is not None:
            old_history.deleteLater()
        self.accounts.setWidget(accounts)
        self.inspector.setWidget(inspector)
        self.history_view = QUndoView(session.undo_stack)
        self.history_view.setEmptyLabel(f"Opened {session.name}")
        self.history_view.setToolTip("Every edit since the file was opened: click one to go back")
        self.history_view.setAlternatingRowColors(True)
        self.history.setWidget(self.history_view)

    def toggles(self) -> list[QAction]:
        return [d.toggleViewAction() for d in (self.accounts, self.inspector, self.history)]
