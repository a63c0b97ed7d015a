"""The centre of the window: one account in four tabs (Map, People, Interactions, QBR).

Start-up builds the map alone: the other tabs are built the first time they are shown (or
asked for, ``people``/``interactions``), so the window paints without their modules and reads.
The window's first look builds the view around a map shown before the workspace loads, and
``attach`` gives it the workspace's session then.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QStackedWidget, QTabWidget, QWidget

from desktop.common.icons import icon
from desktop.shell.empty_state import EmptyState

if TYPE_CHECKING:
    from desktop.interactions.interactions_tab import InteractionsTab
    from desktop.people.people_table import PeopleTab
    from desktop.workspace.session import WorkspaceSession


def make_map(session: WorkspaceSession) -> QWidget:
    """The map canvas (a note with the reason if it cannot be built: the rest still works)."""
    from desktop.map.map_widget import MapWidget

    try:
        return MapWidget(session.ws, session.undo_stack, session.selection)
    except Exception as exc:  # a broken map must not keep the workspace from opening
        print(f"rapport: the map could not be shown: {exc!r}", file=sys.stderr)
        label = QLabel(f"The map could not be shown: {exc}")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label


def make_first_map(path: Path) -> QWidget:
    """The map canvas of the window's first look, before the workspace loads (``attach``
    gives it the workspace then)."""
    from desktop.map.map_widget import MapWidget

    return MapWidget(path=path)


def make_qbr(session: WorkspaceSession) -> QWidget:
    """The QBR tab (a note with the reason if it cannot be built: the rest still works)."""
    from desktop.qbr.qbr_tab import QbrTab

    try:
        return QbrTab(session.ws, session.undo_stack, signals=session.signals)
    except Exception as exc:  # a broken QBR tab must not keep the workspace from opening
        print(f"rapport: the QBR tab could not be shown: {exc!r}", file=sys.stderr)
        label = QLabel(f"The QBR tab could not be shown: {exc}")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label


def _scrolls_when_narrow(page: QWidget) -> QScrollArea:
    """A tab page that keeps its own minimum size but scrolls rather than pushing the window
    past a small screen (a 1024 px laptop cannot hold the QBR's widest row beside the docks)."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(page)
    return area


class AccountView(QStackedWidget):
    """``message`` carries a line for the status bar from any tab; ``qbr_export_requested``
    the QBR tab's Export button (account id, ``Quarter``), for the window to start the export;
    ``deletable_changed`` says what the Delete action would delete in a tab may have changed.
    ``people_header`` is the People table's saved header state, applied when it is built.
    Without a session, ``first_map`` is the map on show until ``attach``."""

    message = Signal(str)
    edit_requested = Signal(str)
    qbr_export_requested = Signal(int, object)
    deletable_changed = Signal()

    def __init__(
        self,
        session: WorkspaceSession | None,
        add_person: QAction,
        add_account: QAction,
        parent: QWidget | None = None,
        *,
        people_header: QByteArray | None = None,
        first_map: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._add_person = add_person
        self._people_header = people_header
        if session is not None:
            self.map = make_map(session)
        else:
            assert first_map is not None
            self.map = first_map
        # The other tabs are built the first time they are shown: start-up does not pay for
        # them. Each goes into its holder then.
        self._people: PeopleTab | None = None
        self._interactions: InteractionsTab | None = None
        self.qbr: QWidget | None = None
        self._qbr_tried = False
        self.people_holder = QStackedWidget()
        self.interactions_holder = QStackedWidget()
        self.qbr_holder = QStackedWidget()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.map, icon("map"), "Map")
        self.tabs.addTab(_scrolls_when_narrow(self.people_holder), icon("people"), "People")
        self.tabs.addTab(
            _scrolls_when_narrow(self.interactions_holder), icon("interactions"), "Interactions"
        )
        self.tabs.addTab(_scrolls_when_narrow(self.qbr_holder), icon("qbr"), "QBR")
        self.tabs.currentChanged.connect(self._tab_shown)
        for index, tip in enumerate(
            (
                "The stakeholder map (Ctrl+1)",
                "Everyone at this customer, with contact status (Ctrl+2)",
                "Meetings, calls and emails, newest first (Ctrl+3)",
                "Quarterly business review (Ctrl+4)",
            )
        ):
            self.tabs.setTabToolTip(index, tip)
        self.empty = EmptyState(
            "No account open",
            "Add your first customer account, or pick one on the left.",
            add_account,
        )
        self.addWidget(self.tabs)
        self.addWidget(self.empty)
        self._connect_map()
        if session is not None:
            session.account_changed.connect(self.set_account)
            self.set_account(session.account_id)

    def waiting_for_session(self) -> bool:
        """True while the view shows the first look, before ``attach``."""
        return self._session is None

    def attach(self, session: WorkspaceSession) -> None:
        """The workspace has loaded: the first look's map takes it (and keeps the account it
        shows when the session opens that one), the other tabs can be built."""
        self._session = session
        attach_map = getattr(self.map, "attach", None)
        if attach_map is not None:
            attach_map(session.ws, session.undo_stack, session.selection)
        session.account_changed.connect(self.set_account)
        self._tab_shown(self.tabs.currentIndex())

    # --- the tabs built when first needed -----------------------------------------------------

    @property
    def people(self) -> PeopleTab:
        """The People tab (built now if it has not been shown yet)."""
        return self._ensure_people()

    @property
    def interactions(self) -> InteractionsTab:
        """The Interactions tab (built now if it has not been shown yet)."""
        return self._ensure_interactions()

    def _ensure_people(self) -> PeopleTab:
        assert self._session is not None, "the People tab needs the workspace"
        if self._people is None:
            from desktop.people.people_table import PeopleTab

            tab = PeopleTab(self._session, self._add_person)
            if self._people_header is not None:
                tab.table.horizontalHeader().restoreState(self._people_header)
            tab.message.connect(self.message)
            self._people = tab
            self.people_holder.addWidget(tab)
            tab.set_account(self._session.account_id)
            tab.show_shared_selection()  # what the map selected before the tab existed
        return self._people

    def _ensure_interactions(self) -> InteractionsTab:
        assert self._session is not None, "the Interactions tab needs the workspace"
        if self._interactions is None:
            from desktop.interactions.interactions_tab import InteractionsTab

            tab = InteractionsTab(self._session)
            tab.message.connect(self.message)
            tab.timeline.selectionModel().selectionChanged.connect(
                lambda *_: self.deletable_changed.emit()
            )
            self._interactions = tab
            self.interactions_holder.addWidget(tab)
            tab.set_account(self._session.account_id)
        return self._interactions

    def built_people(self) -> PeopleTab | None:
        """The People tab if it was built (asking builds nothing)."""
        return self._people

    def interactions_have_deletable_focus(self) -> bool:
        """True if the Interactions tab was built and Delete would delete in its timeline."""
        return self._interactions is not None and self._interactions.has_deletable_focus()

    def _connect_map(self) -> None:
        # The map's signals are optional: a build without the map shows a label instead.
        for name, slot in (
            ("statusMessage", self.message.emit),
            ("editRequested", self.edit_requested.emit),
            ("logInteractionRequested", self.log_with),
        ):
            signal = getattr(self.map, name, None)
            if signal is not None:
                signal.connect(slot)

    def log_with(self, keys: list[str]) -> None:
        """Open the logging form with these people (and team members) ticked."""
        self.show_page(self.interactions)
        form = self.interactions.form
        form.reset()
        form.check(form.people, [int(k[1:]) for k in keys if k.startswith("p")])
        form.check(form.team, [int(k[1:]) for k in keys if k.startswith("t")])
        form.summary.setFocus(Qt.FocusReason.OtherFocusReason)

    def _page_of(self, widget: QWidget | None) -> QWidget | None:
        """A tab's page: inside the scroll area that keeps small screens usable, and inside
        its holder once built."""
        if isinstance(widget, QScrollArea):
            widget = widget.widget()
        if isinstance(widget, QStackedWidget) and widget.currentWidget() is not None:
            return widget.currentWidget()
        return widget

    def current_page(self) -> QWidget | None:
        """The page on show."""
        return self._page_of(self.tabs.currentWidget())

    def show_page(self, page: QWidget) -> None:
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if widget is page or self._page_of(widget) is page:
                self.tabs.setCurrentIndex(index)
                return

    def _tab_shown(self, index: int) -> None:
        if self._session is None:  # built when the session comes (attach)
            return
        widget = self.tabs.widget(index)
        holder = widget.widget() if isinstance(widget, QScrollArea) else None
        if holder is self.people_holder:
            self._ensure_people()
        elif holder is self.interactions_holder:
            self._ensure_interactions()
        elif holder is self.qbr_holder:
            self._ensure_qbr()

    def _ensure_qbr(self) -> None:
        if self._qbr_tried or self._session is None:
            return
        self._qbr_tried = True
        tab = make_qbr(self._session)
        self.qbr = tab
        self.qbr_holder.addWidget(tab)
        self.qbr_holder.setCurrentWidget(tab)
        message = getattr(tab, "message", None)
        if message is not None:
            message.connect(self.message)
        export_requested = getattr(tab, "export_requested", None)
        if export_requested is not None:
            export_requested.connect(self.qbr_export_requested)
        getattr(tab, "set_account", lambda _a: None)(self._session.account_id)

    def shutdown(self) -> None:
        """Let the tabs' background work finish before the workspace closes."""
        wait_map = getattr(self.map, "wait_for_layout", None)
        if wait_map is not None:
            wait_map()
        detach = getattr(self.qbr, "detach", None)
        if detach is not None:
            detach()  # cancels the QBR preview before waiting for it

    def set_account(self, account_id: int | None) -> None:
        self.setCurrentWidget(self.tabs if account_id is not None else self.empty)
        if self.qbr is not None and hasattr(self.qbr, "set_account"):
            self.qbr.set_account(account_id)
        set_map_account = getattr(self.map, "set_account", None)
        if set_map_account is not None:
            set_map_account(account_id)
        if self._people is not None:
            self._people.set_account(account_id)
        if self._interactions is not None:
            self._interactions.set_account(account_id)
