"""The People tab: a sortable, filterable table of one account's people, edited in place.

Its selection is the shared one: picking rows selects the cards on the map and fills the
inspector, and a card picked on the map selects its row here.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.common.icons import icon
from desktop.people.people_delegates import PeopleDelegate
from desktop.people.people_model import COLUMNS, PERSON_ID_ROLE, PeopleFilter, PeopleModel
from desktop.shell.empty_state import EmptyState
from desktop.workspace.session import WorkspaceSession
from graph.cadence import CadenceStatus
from graph.nodes import person_node
from graph.vocabulary import DealRole, LabelledEnum, Level


def _filter_combo(everything: str, values: list[tuple[str, object]], tip: str) -> QComboBox:
    combo = QComboBox()
    combo.addItem(everything, None)
    for text, value in values:
        combo.addItem(text, value)
    combo.setToolTip(tip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def _enum_items(enum: type[LabelledEnum]) -> list[tuple[str, object]]:
    return [(member.label, member) for member in enum]


class PeopleTab(QWidget):
    """``message`` carries a line for the status bar (a refused edit, for example)."""

    message = Signal(str)

    def __init__(
        self, session: WorkspaceSession, add_person: QAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._syncing = False
        self.model = PeopleModel(session, self)
        self.proxy = PeopleFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(placeholderText="Filter by name, title, department or email")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setToolTip("Filter people (Ctrl+F)")
        self.search.setMinimumWidth(150)
        self.level = _filter_combo("All levels", _enum_items(Level), "Show one level only")
        self.role = _filter_combo("All roles", _enum_items(DealRole), "Show one deal role only")
        self.cadence = _filter_combo(
            "Any contact",
            [("Overdue", CadenceStatus.OVERDUE), ("Due", CadenceStatus.DUE),
             ("On track", CadenceStatus.OK), ("New, not due yet", CadenceStatus.NEW)],
            "Show people by contact cadence",
        )  # fmt: skip
        self.clear_filters = QToolButton()
        self.clear_filters.setText("Clear")
        self.clear_filters.setToolTip("Show everyone again")
        self.clear_filters.clicked.connect(self.reset_filters)
        self.count = QLabel()
        self.count.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        add_button = QToolButton()
        add_button.setDefaultAction(add_person)
        add_button.setAutoRaise(True)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        for widget in (self.search, self.level, self.role, self.cadence, self.clear_filters):
            bar.addWidget(widget)
        bar.addWidget(self.count, 1)
        bar.addWidget(add_button)

        self.table = self._make_table()
        self.empty = EmptyState(
            "No people yet",
            "Add the customer's people one by one with Ctrl+N, or import them.",
            add_person,
        )
        self.no_match = EmptyState(
            "Nobody matches these filters", "Loosen the filters to see more people.", None
        )
        self.no_match.add_button("Clear filters", self.reset_filters)
        self.pages = QStackedWidget()
        for page in (self.table, self.empty, self.no_match):
            self.pages.addWidget(page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)

        self.search.textChanged.connect(self.proxy.set_text)
        for combo in (self.level, self.role, self.cadence):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.model.edit_failed.connect(self.message)
        self.model.modelReset.connect(self._after_reset)
        self.proxy.rowsInserted.connect(self._update_state)
        self.proxy.rowsRemoved.connect(self._update_state)
        self.proxy.layoutChanged.connect(self._update_state)
        self.proxy.modelReset.connect(self._update_state)
        session.selection.changed.connect(self._select_from_shared)
        self._update_state()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setItemDelegate(PeopleDelegate(table))
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 14)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i, column in enumerate(COLUMNS):
            table.setColumnWidth(i, column.width)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.setToolTip("Drag to reorder columns; right-click to show or hide them")
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.selectionModel().selectionChanged.connect(self._select_to_shared)
        return table

    def _column_menu(self, at: QPoint) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for i, column in enumerate(COLUMNS):
            action = menu.addAction(column.title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(i))
            action.setEnabled(i != 0)  # the name always shows
            action.toggled.connect(lambda on, i=i: header.setSectionHidden(i, not on))
        menu.exec(header.mapToGlobal(at))

    # --- account and filters ------------------------------------------------------------------

    def set_account(self, account_id: int | None) -> None:
        self.model.set_account(account_id)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def reset_filters(self) -> None:
        self.search.clear()
        for combo in (self.level, self.role, self.cadence):
            combo.setCurrentIndex(0)

    def _apply_filters(self) -> None:
        self.proxy.set_filters(
            self.level.currentData(), self.role.currentData(), self.cadence.currentData()
        )
        self._update_state()

    def _update_state(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total == 0:
            self.pages.setCurrentWidget(self.empty)
        elif shown == 0:
            self.pages.setCurrentWidget(self.no_match)
        else:
            self.pages.setCurrentWidget(self.table)
        noun = "person" if total == 1 else "people"
        self.count.setText(f"{shown} of {total} {noun}" if self.proxy.active else f"{total} {noun}")
        self.clear_filters.setEnabled(self.proxy.active)

    def _after_reset(self) -> None:
        self._update_state()
        # Rows were rebuilt: select again what the shared selection holds.
        QTimer.singleShot(0, lambda: self._select_from_shared(self._session.selection.nodes()))

    # --- selection, both ways -----------------------------------------------------------------

    def show_shared_selection(self) -> None:
        """Select the rows of the shared selection now (a tab built after the selection was
        made, for one)."""
        self._select_from_shared(self._session.selection.nodes())

    def selected_person_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [index.data(PERSON_ID_ROLE) for index in rows]

    def _select_to_shared(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._syncing:
            return
        nodes = [person_node(pid) for pid in self.selected_person_ids()]
        self._session.selection.set_nodes(nodes, source=self)

    def _select_from_shared(self, nodes: list[str]) -> None:
        if self._session.selection.source is self:
            return
        wanted = {int(n[1:]) for n in nodes if n.startswith("p") and n[1:].isdigit()}
        selection = QItemSelection()
        first: QModelIndex | None = None
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(PERSON_ID_ROLE) in wanted:
                selection.select(index, index)
                first = first or index
        self._syncing = True
        try:
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.selectionModel().select(selection, flags)
            if first is not None:
                self.table.scrollTo(first)
                self.table.selectionModel().setCurrentIndex(
                    first, QItemSelectionModel.SelectionFlag.NoUpdate
                )
        finally:
            self._syncing = False
