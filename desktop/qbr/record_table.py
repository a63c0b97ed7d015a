"""One section of the QBR tab: a titled table of one record type with Add and Delete.

A refused edit shows its message in red under the table (and the cell turns red, with the
message as its tooltip) until a later edit succeeds; an empty table says what belongs in it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.common.icons import icon
from desktop.common.palette import colours, secondary_text
from desktop.qbr.columns import TableSpec
from desktop.qbr.record_delegate import RecordDelegate
from desktop.qbr.record_model import RecordTableModel
from desktop.qbr.scope import Run
from desktop.shell.empty_state import EmptyState
from desktop.workspace.workspace_signals import WorkspaceSignals
from graph.workspace import Workspace


class RecordView(QTableView):
    """The table itself. It claims the Delete key while it has focus (and no cell is being
    edited), so Delete removes its rows rather than whatever the window's Delete action would
    (the people selected on the map, say)."""

    delete_pressed = Signal()
    KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)

    def __init__(self, widths: list[int], stretch: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._widths = widths  # each column's width from its spec
        self._stretch = stretch

    def fit_columns(self) -> None:
        """The stretch column takes the spare width, but never gets narrower than its spec:
        on a narrow page the columns scroll sideways instead of squeezing the title to
        a few letters."""
        header = self.horizontalHeader()
        count = header.count() or len(self._widths)
        others = sum(header.sectionSize(i) for i in range(count) if i != self._stretch)
        room = self.viewport().width() - others
        stretch = room >= self._widths[self._stretch]
        mode = QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.Interactive
        if header.sectionResizeMode(self._stretch) != mode:
            header.setSectionResizeMode(self._stretch, mode)
            if not stretch:
                header.resizeSection(self._stretch, self._widths[self._stretch])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in self.KEYS
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in self.KEYS and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class RecordTable(QWidget):
    """``message`` carries a line for the status bar; ``current_changed`` the key of the
    current row (None when there is none), for master-detail pairs."""

    message = Signal(str)
    current_changed = Signal(object)

    def __init__(
        self,
        spec: TableSpec,
        ws: Workspace,
        push: Run,
        signals: WorkspaceSignals,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.model = RecordTableModel(spec, ws, push, signals, self)
        self.title = QLabel(spec.title)
        font = self.title.font()
        font.setWeight(font.Weight.DemiBold)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.count = QLabel()
        self.note = QLabel("Shared by every account" if spec.shared else "")
        self.note.setWordWrap(True)  # on a narrow page: two lines, and the add button stays
        self.add = QToolButton()
        self.add.setText(f"Add {spec.noun}")
        self.add.setIcon(icon("new"))
        self.add.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add.setAutoRaise(True)
        self.add.setToolTip(f"Add a {spec.noun} (undo removes it)")
        self.add.clicked.connect(self.add_record)
        self.delete = QToolButton()
        self.delete.setIcon(icon("delete"))
        self.delete.setAutoRaise(True)
        self.delete.setToolTip(f"Delete the selected {spec.noun}s (Delete; undo brings them back)")
        self.delete.clicked.connect(self.delete_selected)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(8)
        bar.addWidget(self.title)
        bar.addWidget(self.count)
        bar.addWidget(self.note)
        bar.addStretch(1)
        bar.addWidget(self.add)
        bar.addWidget(self.delete)

        self.table = self._make_table()
        self.empty = EmptyState(f"No {spec.title.lower()}", spec.empty_text)
        self.empty_add = self.empty.add_button(f"Add {spec.noun}", self.add_record)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("record_table_error")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        self._tint()

        self.model.edit_failed.connect(self._show_error)
        self.model.edit_succeeded.connect(self._hide_error)
        self.model.message.connect(self.message)
        self.model.rows_changed.connect(self._update_state)
        self.model.modelReset.connect(self._hide_error)
        self._update_state()

    def _make_table(self) -> RecordView:
        widths = [column.width for column in self.spec.columns]
        table = RecordView(widths, self.spec.stretch_column)
        table.setModel(self.model)
        table.setItemDelegate(RecordDelegate(self.spec, table))
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
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(48)
        for index, column in enumerate(self.spec.columns):
            table.setColumnWidth(index, column.width)
        table.fit_columns()
        table.setMinimumHeight(table.verticalHeader().defaultSectionSize() * 3 + 30)
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        delete = QAction(icon("delete"), f"Delete {self.spec.noun}", table)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        # Shown in the menu only: the view takes the key itself (never a window shortcut,
        # which would clash with the window's own Delete action).
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.setShortcutVisibleInContextMenu(True)
        delete.triggered.connect(self.delete_selected)
        table.addAction(delete)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        table.delete_pressed.connect(self.delete_selected)
        table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        return table

    # --- actions ------------------------------------------------------------------------------

    def add_record(self) -> int | None:
        """Add a record and open its title for typing; returns its row."""
        row = self.model.add_record()
        if row is None:
            return None
        self.pages.setCurrentWidget(self.table)
        column = self.spec.column(self.spec.label_field) or 0
        index = self.model.index(row, column)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        if self.spec.columns[column].kind in ("text", "quarter"):
            self.table.edit(index)
        self.message.emit(f"Added a {self.spec.noun} — type its {self._label_header()}")
        return row

    def _label_header(self) -> str:
        column = self.spec.column(self.spec.label_field)
        return self.spec.columns[column].header.lower() if column is not None else "details"

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def has_deletable_focus(self) -> bool:
        return self.table.hasFocus() and self.table.currentIndex().isValid()

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        if rows:
            self.model.remove_rows(rows)

    def select_key(self, key: Any) -> None:
        row = self.model.row_of(key)
        if row is None:
            return
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def preferred_height(self, max_rows: int) -> int:
        """The height that shows the title, the column headers and up to ``max_rows`` rows."""
        bar = max(self.add.sizeHint().height(), self.title.sizeHint().height())
        rows = self.model.rowCount()
        if rows == 0:
            body = 170  # the empty state: a title, a line of text and a button
        else:
            table = self.table
            # On a narrow page the columns scroll sideways: keep room for that bar too.
            wider = table.horizontalHeader().length() > table.viewport().width()
            scrolls = rows > max_rows or wider
            body = (
                table.horizontalHeader().sizeHint().height()
                + min(rows, max_rows) * table.verticalHeader().defaultSectionSize()
                + 2 * table.frameWidth()
                + (table.horizontalScrollBar().sizeHint().height() if scrolls else 4)
            )
        error = self.error.sizeHint().height() + 4 if self.error.isVisible() else 0
        return bar + 4 + body + error

    def current_key(self) -> Any:
        index = self.table.currentIndex()
        return self.model.key(index.row()) if index.isValid() else None

    # --- state --------------------------------------------------------------------------------

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(self.model.key(current.row()) if current.isValid() else None)
        self._update_buttons()

    def _update_state(self) -> None:
        rows = self.model.rowCount()
        scope = self.model.scope
        self.count.setText(str(rows) if rows else "")
        if rows:
            self.pages.setCurrentWidget(self.table)
        else:
            if self.spec.parent_field is not None and self.model.parent_id is None:
                self.empty.title.setText("Pick a metric")
                self.empty.text.setText("Its measurements show here.")
            else:
                when = f" in {scope.quarter.title}" if scope and self.spec.by_quarter else ""
                self.empty.title.setText(f"No {self.spec.title.lower()}{when}")
                self.empty.text.setText(self.spec.empty_text)
            self.pages.setCurrentWidget(self.empty)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.model.ready
        self.add.setEnabled(ready)
        self.empty_add.setVisible(ready)
        has_rows = self.model.rowCount() > 0
        self.delete.setEnabled(has_rows and self.table.currentIndex().isValid())

    def _show_error(self, message: str) -> None:
        self.error.setText(f"⚠ {message}")
        self.error.show()
        self.message.emit(message)

    def _hide_error(self) -> None:
        self.error.hide()
        self.error.clear()

    def _tint(self) -> None:
        soft = secondary_text(self.palette()).name()
        self.count.setStyleSheet(f"color: {soft};")
        self.note.setStyleSheet(f"color: {soft}; font-style: italic;")
        self.error.setStyleSheet(f"color: {colours().error_text.name()};")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._tint()
