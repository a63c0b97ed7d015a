"""The main window: a small shell that puts the views of one open workspace together.

Actions and menus live in ``actions``, docks in ``docks``, dialogs in ``dialogs`` and ``ask``,
what actions do in ``operations``. Every edit is saved at once, so closing never asks to save.
What the first paint does not show (the import wizard, the dialogs, the tabs other than the
map) is imported when first used.

A window can open on its first look (desktop.shell.quick_start): the first account's map, read
before the workspace loads, in the window's own frame, tabs and toolbars, so the window paints
without the database library; ``set_session`` then gives the views the workspace and the map
keeps what it shows. Until then the window takes no input (nothing could act on it yet).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent, QUndoGroup
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QWidget

from desktop.common import ask
from desktop.common.icons import app_icon
from desktop.shell.account_view import AccountView
from desktop.shell.actions import WindowActions
from desktop.shell.docks import Docks
from desktop.shell.first_paint import AfterFirstPaint
from desktop.shell.settings import Settings
from graph.errors import RapportError
from graph.events import ChangeSet
from graph.team.errors import ViewerError

if TYPE_CHECKING:
    from desktop.accounts.account_list import AccountList
    from desktop.inspector.panel import Inspector
    from desktop.shell.quick_start import QuickStart
    from desktop.sync.attach import AttachedSync
    from desktop.workspace.session import WorkspaceSession
    from reports.quarter import Quarter

STATUS_TIMEOUT_MS = 8000
VIEWER_REASON = str(ViewerError())


def first_window_size(screen: QSize) -> QSize:
    """The window's size on first start: the whole screen of a small laptop, nine tenths of
    anything bigger (the map needs the room)."""
    width = screen.width() if screen.width() <= 1440 else max(1440, int(screen.width() * 0.9))
    height = screen.height() if screen.height() <= 900 else max(900, int(screen.height() * 0.9))
    return QSize(min(width, screen.width()), min(height, screen.height()))


class _InputHold(QObject):
    """Drops the user's input to ``window`` while it shows its first look: the workspace that
    clicks, keys and drops would act on is still loading. A dialog (an error's message) takes
    its input as ever."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window  # the first look's

    HELD = frozenset(
        {
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.Wheel,
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
            QEvent.Type.Shortcut,
            QEvent.Type.ShortcutOverride,
            QEvent.Type.ContextMenu,
            QEvent.Type.Drop,
        }
    )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in self.HELD:
            return False
        # a modal dialog on show (an unexpected error's message) blocks the window anyway
        modal = QApplication.activeModalWidget()
        return modal is None or modal is self._window


def dock_widths(window_width: int) -> tuple[int, int]:
    """First widths of the accounts and inspector docks: a fifth and a quarter of the window,
    within what each needs and what reads well."""
    accounts = max(190, min(270, window_width // 5))
    inspector = max(270, min(380, window_width // 4))
    return accounts, inspector


class MainWindow(QMainWindow):
    """The window of ``session``; or, without one, the first look ``quick`` until
    ``set_session`` (``session_attached`` says when)."""

    session_attached = Signal()

    def __init__(
        self,
        session: WorkspaceSession | None,
        settings: Settings,
        quick: QuickStart | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.session: WorkspaceSession | None = None
        self.view: AccountView | None = None
        self.accounts: AccountList | None = None
        self.inspector: Inspector | None = None
        self.team_sync: AttachedSync | None = None  # a team replica's background sync
        self._quick: QuickStart | None = None  # the first look, until the session comes
        self._hold: _InputHold | None = None
        self._painted = False  # the portfolio's signals wait for the window's first paint
        AfterFirstPaint(self, self._first_painted)
        self.setWindowIcon(app_icon())
        self.undo_group = QUndoGroup(self)
        self.window_actions = WindowActions(self, self.undo_group)
        self.docks = Docks(self)
        self.window_actions.build_menus(self, self.docks.toggles())
        self.toolbar = self.window_actions.build_toolbar(self)
        self.file_label = QLabel()
        self.statusBar().addPermanentWidget(self.file_label)
        self._connect_actions()
        app = QApplication.instance()
        self._watching_focus = isinstance(app, QApplication)
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        if session is not None:
            self.set_session(session)
        else:
            assert quick is not None, "a window shows a session or a first look"
            self._show_quick(quick)
        self._first_show = self._restore_layout()
        self.setAcceptDrops(True)

    # --- wiring -------------------------------------------------------------------------------

    def _connect_actions(self) -> None:
        a = self.window_actions
        run = self._run
        a.add_account.triggered.connect(lambda: run("add_account"))
        a.rename_account.triggered.connect(lambda: run("rename_account"))
        a.archive_account.triggered.connect(lambda: run("toggle_archived"))
        a.add_person.triggered.connect(lambda: run("add_person"))
        a.delete.triggered.connect(self.delete)
        a.export_qbr.triggered.connect(self.export_qbr)
        a.export_map.triggered.connect(self.export_map)
        a.copy_map.triggered.connect(self.copy_map)
        a.import_file.triggered.connect(lambda: self.import_file())
        a.log_interaction.triggered.connect(self.log_interaction)
        a.find.triggered.connect(self.find_people)
        a.our_team.triggered.connect(self.show_team)
        a.account_history.triggered.connect(self.show_account_history)
        a.your_name.triggered.connect(self.choose_your_name)
        a.open_workspace.triggered.connect(self.choose_workspace)
        a.new_workspace.triggered.connect(self.new_workspace)
        a.quit.triggered.connect(self.close)
        a.about.triggered.connect(self.show_about)
        for index, action in enumerate(a.tabs.actions()):
            action.triggered.connect(lambda _c=False, i=index: self.show_tab(i))

    def _run(self, name: str) -> None:
        """Run the window operation ``name`` (desktop.workspace.operations) on the session."""
        from desktop.workspace import operations

        if self.session is None:
            return
        operation: Callable[[QWidget, WorkspaceSession], str | None] = getattr(operations, name)
        message = operation(self, self.session)
        if message:
            self.show_message(message)

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    # --- the open workspace -------------------------------------------------------------------

    def _show_quick(self, quick: QuickStart) -> None:
        """The first look: the frame, tabs and toolbars, and the map of ``quick`` (taken up
        at the first show, when the map's view has its size)."""
        from desktop.accounts.account_list import AccountList, FirstList
        from desktop.shell.account_view import make_first_map

        self._quick = quick
        a = self.window_actions
        self.view = AccountView(
            None,
            a.add_person,
            a.add_account,
            people_header=self.settings.table_state("people"),
            first_map=make_first_map(quick.path),
        )
        self.setCentralWidget(self.view)
        first = FirstList(quick.accounts, quick.today, quick.account_id)
        self.accounts = AccountList(None, a.account_actions, first=first)
        self.docks.accounts.setWidget(self.accounts)
        self.docks.keep_inspector_room()
        self.file_label.setText(quick.path.name)
        self.file_label.setToolTip(f"Every edit is saved at once to {quick.path}")
        self.setWindowTitle(f"Rapport - {quick.path.stem} - {quick.account_name}")
        # as they will be with the account open: they take no input until then
        self._update_actions()
        self._hold = _InputHold(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._hold)

    def release_input(self) -> None:
        """The window takes the user's input again (its first look is over)."""
        if self._hold is not None:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self._hold)
            self._hold = None

    def _take_up_quick(self) -> None:
        """The first look's map, at the window's first show (a stand-in map, as tests use,
        has none to take up)."""
        the_map = self.view.map if self.view is not None else None
        show_quick = getattr(the_map, "show_quick", None)
        if self._quick is None or show_quick is None or getattr(the_map, "account_id", None):
            return
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the map's view at its size: the map opens fitted to it
        show_quick(self._quick)

    def set_session(self, session: WorkspaceSession) -> None:
        """Show another workspace: new views on it; the previous one is closed. The window's
        first look keeps its views: they take the session."""
        from desktop.accounts.account_list import AccountList
        from desktop.inspector.panel import Inspector
        from desktop.sync.attach import attach_team_sync

        old = self.session
        if old is not None and self.view is not None:
            self.view.shutdown()
        takes_first_look = self._shows_first_look_of(session)
        self.session = session
        a = self.window_actions
        if takes_first_look:
            assert self.view is not None
            self.view.attach(session)
        else:
            self.view = AccountView(
                session,
                a.add_person,
                a.add_account,
                people_header=self.settings.table_state("people"),
            )
            self.setCentralWidget(self.view)
        if takes_first_look and self.accounts is not None and self.accounts.waiting_for_session():
            self.accounts.attach(session)
        else:
            self.accounts = AccountList(session, a.account_actions)
        self.inspector = Inspector(session)
        self.docks.install(session, self.accounts, self.inspector)
        self.view.message.connect(self.show_message)
        self.view.edit_requested.connect(self.edit_item)
        self.view.qbr_export_requested.connect(self.export_qbr_of)
        self.view.deletable_changed.connect(self._update_actions)
        self.inspector.message.connect(self.show_message)
        self.accounts.account_chosen.connect(session.set_account)
        self.view.tabs.currentChanged.connect(self._tab_changed)
        session.account_changed.connect(self._account_changed)
        session.signals.changed.connect(self._workspace_changed)
        session.selection.changed.connect(lambda _nodes: self._update_actions())
        session.analysis.failed.connect(self.show_message)
        session.file_refused.connect(lambda message: self._file_refused(session, message))
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        if self.team_sync is not None:
            self.team_sync.detach()
        self.team_sync = attach_team_sync(self.statusBar(), session)
        if self.team_sync is not None:
            self.team_sync.sync.state_changed.connect(self._role_may_have_changed)
        self.inspector.set_read_only(VIEWER_REASON if session.read_only else None)
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            for tool in self.findChildren(QDialog, "team_dialog"):
                tool.close()
            old.close()
            old.deleteLater()
        if session.path is not None:
            session.ws.author = self.settings.author(session.path)
            self.settings.add_recent(session.path)
            self.file_label.setText(session.path.name)
            self.file_label.setToolTip(f"Every edit is saved at once to {session.path}")
        self._fill_recent()
        if self._painted:  # else at the first paint: the first account comes first
            session.analysis.compute_portfolio(delay_ms=300)
        first_look, self._quick = self._quick, None
        session.set_account(self._first_account(session))
        if first_look is not None and session.account_id is None:
            self.view.set_account(None)  # every account went since the first look's read
        self._account_changed(session.account_id)
        self._tab_changed(self.view.tabs.currentIndex())
        self.release_input()
        if first_look is not None:
            self.session_attached.emit()

    def _shows_first_look_of(self, session: WorkspaceSession) -> bool:
        """True when the window's first look shows ``session``'s file, waiting for it."""
        quick, view = self._quick, self.view
        if quick is None or view is None or not view.waiting_for_session():
            return False
        return session.path is not None and session.path.resolve() == quick.path.resolve()

    def _file_refused(self, session: WorkspaceSession, message: str) -> None:
        """The file failed the thorough check that ran while the window painted: nothing was
        written to it. Refused as at opening: said, forgotten, closed."""
        if session is not self.session:
            return
        self.refuse_file(session.path, message)

    def refuse_file(self, path: Path | None, message: str) -> None:
        """The file was refused after the window showed (the checks behind the first paint,
        the full open behind the first look): said, forgotten, closed."""
        self.release_input()  # the message must take the user's click
        if path is not None:
            self.settings.forget(path)
        ask.error(self, "Cannot open the workspace", message)
        self.close()
        QApplication.exit(1)  # `rapport open` fails as it does for a file refused before showing

    def _first_painted(self) -> None:
        self._painted = True
        if self.session is not None:
            self.session.analysis.compute_portfolio()

    def _first_account(self, session: WorkspaceSession) -> int | None:
        accounts = session.ws.accounts()
        remembered = self.settings.last_account(session.path) if session.path else None
        if any(a.id == remembered for a in accounts):
            return remembered
        return accounts[0].id if accounts else None

    def _account_changed(self, _account_id: object) -> None:
        self._update_title()
        self._update_actions()
        if self.session is not None and self.session.path is not None:
            self.settings.set_last_account(self.session.path, self.session.account_id)

    def _workspace_changed(self, changes: ChangeSet) -> None:
        if "accounts" in changes.tables:
            self._update_title()
            self._update_actions()

    def _update_title(self) -> None:
        if self.session is None:
            return
        account = self.session.account()
        parts = ["Rapport", self.session.name] + ([account.name] if account else [])
        self.setWindowTitle(" - ".join(parts))

    def _update_actions(self) -> None:
        session = self.session
        account = session.account() if session else None
        # the first look shows an account (a listed one: not archived)
        shown = account is not None or self._quick is not None
        a = self.window_actions
        for action in (
            a.rename_account,
            a.archive_account,
            a.add_person,
            a.log_interaction,
            a.export_qbr,
            a.export_map,
            a.copy_map,
        ):
            action.setEnabled(shown)
        a.find.setEnabled(shown)
        for action in (a.add_account, a.import_file, a.our_team):
            action.setEnabled(True)  # unless read-only, below
        if account is not None:
            a.archive_account.setText(
                "Rest&ore Account" if account.archived else "Arc&hive Account"
            )
        selected = session.selection.nodes() if session else []
        timeline = self.view is not None and self.view.interactions_have_deletable_focus()
        a.delete.setEnabled(
            timeline or self._qbr_focus() or any(key[0] in "prc" for key in selected)
        )
        a.set_read_only(VIEWER_REASON if session is not None and session.read_only else None)

    def _role_may_have_changed(self, _state: object) -> None:
        session = self.session
        if session is not None and session.refresh_read_only():
            if self.inspector is not None:
                self.inspector.set_read_only(VIEWER_REASON if session.read_only else None)
            self._update_actions()

    def _qbr_focus(self) -> bool:
        qbr = self.view.qbr if self.view is not None else None
        return qbr is not None and bool(getattr(qbr, "has_deletable_focus", lambda: False)())

    def delete(self) -> None:
        """Delete what the user means: the rows picked in a focused QBR table or timeline, else
        the selected people and links."""
        if self._qbr_focus():
            self.view.qbr.delete_selected()  # type: ignore[union-attr]
        elif self.view is not None and self.view.interactions_have_deletable_focus():
            self.view.interactions.delete_selected()
        else:
            self._run("delete_selection")

    def import_file(self, path: Path | None = None) -> None:
        """The import wizard, on a chosen or dropped file; the import is one undo step."""
        session = self.session
        if session is not None:
            from desktop.import_wizard import start_import

            start_import(self, session.ws, session.undo_stack, session.account_id, path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from desktop.import_wizard import accepts_drop

        if self.session is not None and accepts_drop(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        from desktop.import_wizard import accepts_drop

        path = accepts_drop(event.mimeData())
        if path is None or self.session is None:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.import_file(path)

    def export_map(self) -> None:
        """File > Export Map…: the map tab comes forward and saves its current view."""
        if self.session is None:  # the first look: the workspace is loading
            return
        export = getattr(self.view.map, "export_with_dialog", None) if self.view else None
        if export is not None:
            self.show_tab(0)
            export()

    def copy_map(self) -> None:
        """File > Copy Map: the whole map of the view last shown, on the clipboard."""
        if self.session is None:
            return
        copy = getattr(self.view.map, "copy_map", None) if self.view else None
        if copy is not None:
            copy()

    def export_qbr(self) -> None:
        """File > Export QBR…: the account on show, in the QBR tab's quarter (else this one)."""
        session = self.session
        account = session.account() if session else None
        if session is None or account is None:
            return
        from desktop.qbr.scope import current_quarter

        tab = self.view.qbr if self.view is not None else None
        quarter = getattr(tab, "quarter", None) or current_quarter(account, session.ws.today())
        self.export_qbr_of(account.id, quarter)

    def export_qbr_of(self, account_id: int, quarter: Quarter) -> None:
        """The one way a QBR export starts: File > Export QBR… and the QBR tab's button."""
        if self.session is None:
            return
        from desktop.qbr_export.export_dialog import start_qbr_export

        export = start_qbr_export(self, self.session.ws, account_id, quarter)
        if export is not None:
            export.message.connect(self.show_message)

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self._update_actions()

    # --- view ---------------------------------------------------------------------------------

    def show_tab(self, index: int) -> None:
        if self.view is not None:
            self.view.tabs.setCurrentIndex(index)

    def _tab_changed(self, index: int) -> None:
        actions = self.window_actions.tabs.actions()
        if 0 <= index < len(actions):
            actions[index].setChecked(True)

    def find_people(self) -> None:
        if self.view is not None and self.session is not None:
            self.show_tab(1)
            self.view.people.focus_search()

    def log_interaction(self) -> None:
        if self.view is not None and self.session is not None:
            self.show_tab(2)
            self.view.interactions.form.when.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def edit_item(self, key: str) -> None:
        """Show ``key`` in the inspector with the cursor in its first field."""
        if self.session is None or self.inspector is None:
            return
        if self.session.selection.nodes() != [key]:
            self.session.selection.set_nodes([key], source=self)
        self.docks.inspector.show()
        self.docks.inspector.raise_()
        self.inspector.focus_first_field()

    def show_team(self) -> None:
        """Account > Our Team…: the team of the whole portfolio, beside the window."""
        if self.session is None:
            return
        from desktop.team.team_dialog import open_team_dialog

        open_team_dialog(self, self.session, self.show_message)

    def show_account_history(self) -> None:
        """Account > History…: every change to the account on show."""
        if self.session is None or self.session.account_id is None:
            return
        from desktop.history.history_dialog import account_history_dialog

        dialog = account_history_dialog(self, self.session.ws, self.session.account_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def choose_your_name(self) -> None:
        """File > Your Name…: the name the history records for this workspace's changes."""
        if self.session is None or self.session.path is None:
            return
        ws = self.session.ws
        team = [m.name for m in ws.team() if m.active]
        name = ask.choice(
            self, "Your Name", "You are (recorded with each change):", team, ws.author
        )
        if name is None:
            return
        ws.author = name
        self.settings.set_author(self.session.path, name)
        self.show_message(f"Changes are now recorded as made by {name or 'nobody in particular'}")

    def show_about(self) -> None:
        from desktop.shell.dialogs import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # --- files --------------------------------------------------------------------------------

    def _folder(self) -> Path:
        from desktop.shell.workspace_files import data_folder

        if self.session is not None and self.session.path is not None:
            return self.session.path.parent
        return data_folder()

    def open_path(self, path: Path) -> bool:
        from desktop.shell.workspace_files import open_file
        from desktop.workspace.session import WorkspaceSession

        if self.session is not None and self.session.path == path.resolve():
            return True
        try:
            ws = open_file(path)
        except RapportError as exc:
            ask.error(self, "Cannot open the workspace", str(exc))
            if not path.exists():
                self.settings.forget(path)
                self._fill_recent()
            return False
        self.set_session(WorkspaceSession(ws))
        self.show_message(f"Opened {path.name}")
        return True

    def choose_workspace(self) -> None:
        if self.session is None:  # the first look: its own workspace is loading
            return
        path = ask.open_path(self, "Open workspace", self._folder())
        if path is not None:
            self.open_path(path)

    def new_workspace(self) -> None:
        from desktop.shell.workspace_files import create_file
        from desktop.workspace.session import WorkspaceSession

        if self.session is None:
            return
        path = ask.save_path(self, "New workspace", self._folder())
        if path is None:
            return
        try:
            ws = create_file(path)
        except RapportError as exc:
            ask.error(self, "Cannot create the workspace", str(exc))
            return
        self.set_session(WorkspaceSession(ws))
        self.show_message(f"Created {path.name}: add your first account")

    def _fill_recent(self) -> None:
        def clear() -> None:
            self.settings.clear_recent()
            self._fill_recent()

        self.window_actions.fill_recent(self.settings.recent_files(), self.open_path, clear)

    # --- layout -------------------------------------------------------------------------------

    def _restore_layout(self) -> bool:
        """Put the window and docks back where they were; False if there was nothing to restore.

        Either way the window fits the screen it is on: a layout saved on a big monitor must not
        open past the edges of a laptop."""
        geometry = self.settings.geometry()
        restored = geometry is not None and self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        screen = self.screen().availableGeometry()
        if not restored:
            self.resize(first_window_size(screen.size()))
            self.move(screen.center() - self.rect().center())
        else:
            self.keep_on_screen()
        return not restored

    def keep_on_screen(self) -> None:
        """Shrink and move the window back inside the screen's available area if needed."""
        screen = self.screen().availableGeometry()
        frame = self.frameGeometry()
        extra = frame.size() - self.size()  # the window manager's frame and title bar
        width = min(self.width(), screen.width() - extra.width())
        height = min(self.height(), screen.height() - extra.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        x = min(max(frame.x(), screen.left()), screen.right() - frame.width() + 1)
        y = min(max(frame.y(), screen.top()), screen.bottom() - frame.height() + 1)
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._first_show:
            # Sensible first proportions: the centre gets the room, the docks what they need
            # (less on a small laptop, where the map needs every pixel it can get).
            self._first_show = False
            self.keep_on_screen()  # the frame's size is known only now
            d = self.docks
            left, right = dock_widths(self.width())
            self.resizeDocks([d.accounts, d.inspector], [left, right], Qt.Orientation.Horizontal)
            self.resizeDocks([d.inspector, d.history], [620, 140], Qt.Orientation.Vertical)
        self._take_up_quick()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Nothing to save: every edit is in the file already. Only the layout is remembered.
        app = QApplication.instance()
        if isinstance(app, QApplication) and self._watching_focus:
            app.focusChanged.disconnect(self._focus_changed)
            self._watching_focus = False  # a window closed twice (refused, then quit)
        self.release_input()  # a first look closed before its workspace loaded
        self.settings.save_window(self.saveGeometry(), self.saveState())
        people = self.view.built_people() if self.view is not None else None
        if people is not None:  # else the saved state stands as it was
            self.settings.save_table_state("people", people.table.horizontalHeader().saveState())
        self.settings.sync()
        if self.team_sync is not None:
            self.team_sync.detach()
            self.team_sync = None
        if self.view is not None:
            self.view.shutdown()  # a first look's big map may be on the worker too
        if self.session is not None:
            self.undo_group.removeStack(self.session.undo_stack)
            self.session.close()
            self.session = None
        event.accept()
