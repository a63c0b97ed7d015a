"""The window's actions, menus and toolbar: texts, icons, shortcuts and tips in one place.

Actions only describe commands; the window connects them to what they do. Shortcuts use the
platform's standard keys where one exists (QKeySequence.StandardKey).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from desktop.common.icons import icon

Key = QKeySequence.StandardKey


def _action(
    parent: QMainWindow,
    text: str,
    *,
    icon_name: str | None = None,
    shortcut: QKeySequence.StandardKey | str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, parent)
    if icon_name:
        action.setIcon(icon(icon_name))
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    plain = text.replace("&", "").rstrip(".")
    shortcut_text = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    tip = tip or plain
    action.setToolTip(f"{tip} ({shortcut_text})" if shortcut_text else tip)
    action.setStatusTip(tip)
    return action


class WindowActions:
    """Every action of a main window, and the menus and toolbar made of them."""

    def __init__(self, window: QMainWindow, undo_group: QUndoGroup) -> None:
        a = _action
        w = window
        # File
        self.new_workspace = a(
            w,
            "&New Workspace…",
            icon_name="new",
            shortcut="Ctrl+Shift+N",
            tip="Create a new, empty workspace file",
        )
        self.open_workspace = a(
            w, "&Open Workspace…", icon_name="open", shortcut=Key.Open, tip="Open a workspace file"
        )
        self.recent_menu = QMenu("Open &Recent", w)
        self.import_file = a(
            w,
            "&Import…",
            icon_name="open",
            shortcut="Ctrl+I",
            tip="Import contacts, a calendar, vCards or usage figures into this account",
        )
        self.export_map = a(
            w,
            "Export &Map…",
            icon_name="map",
            shortcut="Ctrl+Shift+E",
            tip="Save the whole map of this view, with title and legend, as a PNG, SVG or PDF",
        )
        self.copy_map = a(
            w,
            "&Copy Map",
            icon_name="map",
            shortcut="Ctrl+Shift+C",
            tip="Copy the whole map of this view, with title and legend, to paste into a slide",
        )
        self.export_qbr = a(
            w,
            "&Export QBR…",
            icon_name="qbr",
            shortcut="Ctrl+E",
            tip="Export this account's QBR as an Excel workbook",
        )
        self.quit = a(
            w,
            "&Quit",
            icon_name="quit",
            shortcut=Key.Quit,
            tip="Quit Rapport (everything is already saved)",
        )
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        # Edit
        self.undo = undo_group.createUndoAction(w, "&Undo")
        self.undo.setIcon(icon("undo"))
        self.undo.setShortcut(QKeySequence(Key.Undo))
        self.redo = undo_group.createRedoAction(w, "&Redo")
        self.redo.setIcon(icon("redo"))
        self.redo.setShortcut(QKeySequence(Key.Redo))
        self.delete = a(
            w,
            "&Delete",
            icon_name="delete",
            shortcut=Key.Delete,
            tip="Delete the selected people or links (undo brings them back)",
        )
        self.find = a(
            w,
            "&Find People…",
            icon_name="search",
            shortcut=Key.Find,
            tip="Filter the people of this account",
        )
        # Account
        self.add_account = a(
            w,
            "New &Account…",
            icon_name="account-add",
            shortcut="Ctrl+Shift+A",
            tip="Add a customer account",
        )
        self.rename_account = a(
            w, "Re&name Account…", icon_name="rename", tip="Rename the account on show"
        )
        self.archive_account = a(
            w,
            "Arc&hive Account",
            icon_name="archive",
            tip="Archive the account on show (or bring it back)",
        )
        self.add_person = a(
            w,
            "Add &Person…",
            icon_name="person-add",
            shortcut=Key.New,
            tip="Add a person to this account",
        )
        self.log_interaction = a(
            w,
            "&Log Interaction",
            icon_name="interaction-add",
            shortcut="Ctrl+L",
            tip="Log a meeting, call or email",
        )
        self.our_team = a(
            w,
            "Our &Team…",
            icon_name="people",
            shortcut="Ctrl+Shift+T",
            tip="Add, edit or deactivate team members and choose who works on which account",
        )
        self.account_history = a(
            w, "&History…", tip="Every change to this account: when, who, what, old and new value"
        )
        self.your_name = a(
            w, "Your &Name…", tip="Who you are in this workspace's history of changes"
        )
        # View
        self.tabs = QActionGroup(w)
        self.show_map = a(w, "&Map", icon_name="map", shortcut="Ctrl+1")
        self.show_people = a(w, "&People", icon_name="people", shortcut="Ctrl+2")
        self.show_interactions = a(w, "&Interactions", icon_name="interactions", shortcut="Ctrl+3")
        self.show_qbr = a(w, "&QBR", icon_name="qbr", shortcut="Ctrl+4")
        for action in (self.show_map, self.show_people, self.show_interactions, self.show_qbr):
            action.setCheckable(True)
            self.tabs.addAction(action)
        # Help
        self.about = a(w, "&About Rapport", icon_name="about", tip="Version and licence")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.account_actions = [self.add_account, self.rename_account, self.archive_account]
        self.edit_actions = [
            self.import_file,
            self.delete,
            *self.account_actions,
            self.add_person,
            self.log_interaction,
            self.our_team,
        ]
        self._tips = {action: action.toolTip() for action in self.edit_actions}

    def set_read_only(self, reason: str | None) -> None:
        """Disable every edit, each saying ``reason`` as its tip; None: the usual tips (and
        whoever enables the actions decides which are on)."""
        for action in self.edit_actions:
            if reason is not None:
                action.setEnabled(False)
            action.setToolTip(reason or self._tips[action])
            action.setStatusTip(reason or self._tips[action])

    def build_menus(self, window: QMainWindow, dock_toggles: list[QAction]) -> None:
        bar = window.menuBar()
        file = bar.addMenu("&File")
        file.addActions([self.new_workspace, self.open_workspace])
        file.addMenu(self.recent_menu)
        file.addSeparator()
        file.addActions([self.import_file, self.export_map, self.copy_map, self.export_qbr])
        file.addSeparator()
        file.addAction(self.your_name)
        file.addSeparator()
        file.addAction(self.quit)
        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.delete, self.find])
        account = bar.addMenu("&Account")
        account.addActions(self.account_actions)
        account.addSeparator()
        account.addActions([self.add_person, self.log_interaction])
        account.addSeparator()
        account.addAction(self.our_team)
        account.addAction(self.account_history)
        view = bar.addMenu("&View")
        view.addActions(self.tabs.actions())
        view.addSeparator()
        view.addActions(dock_toggles)
        help_ = bar.addMenu("&Help")
        help_.addAction(self.about)

    def build_toolbar(self, window: QMainWindow) -> QToolBar:
        toolbar = QToolBar("Main toolbar", window)
        toolbar.setObjectName("main_toolbar")
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        for action in (self.open_workspace,):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addActions([self.add_account, self.add_person, self.log_interaction])
        toolbar.addSeparator()
        toolbar.addActions([self.undo, self.redo, self.delete])
        # Short labels in the toolbar (icon text); menus keep the full text.
        for action, text in (
            (self.add_account, "New Account"),
            (self.add_person, "Add Person"),
            (self.log_interaction, "Log Interaction"),
            (self.open_workspace, "Open"),
        ):
            action.setIconText(text)
        for action in (self.undo, self.redo, self.delete):
            button = toolbar.widgetForAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)  # type: ignore[attr-defined]
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        return toolbar

    def fill_recent(
        self, paths: list[Path], open_path: Callable[[Path], object], clear: Callable[[], None]
    ) -> None:
        menu = self.recent_menu
        menu.clear()
        for number, path in enumerate(paths, start=1):
            prefix = f"&{number} " if number < 10 else ""
            action = menu.addAction(f"{prefix}{path.stem}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: open_path(p))
        if paths:
            menu.addSeparator()
            menu.addAction("Clear Menu", clear)
        menu.setEnabled(bool(paths))
