"""Step 3 for contacts: which Rapport field each column of the file fills, with a live preview.

The file is read once (on a worker: a big spreadsheet takes a moment) for its columns, the
guessed mapping and its first rows; changing a column's field then only re-reads those rows.
A field goes to one column: choosing it for a column sets the column that had it to "Ignore",
as the importer would.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QProgressBar,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.common.palette import secondary_text
from desktop.import_wizard import hints
from desktop.import_wizard.contacts_preview_model import ContactsPreviewModel
from desktop.import_wizard.context import ImportContext
from desktop.import_wizard.problems_list import ProblemsList
from desktop.import_wizard.request import FIELD_LABELS
from desktop.import_wizard.worker import ImportTask
from graph.imports import (
    ColumnMapping,
    ContactField,
    ContactsPreview,
    ImportProblem,
    preview_contacts,
)
from graph.imports.contact_columns import IGNORE

PREVIEW_ROWS = 20
COLUMN, FIELD, EXAMPLE = range(3)


def _first_value(sample: list[list[str]], i: int) -> str:
    for row in sample:
        if i < len(row) and row[i].strip():
            return " ".join(row[i].split())
    return ""


class MappingPage(QWizardPage):
    def __init__(self, context: ImportContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._task: ImportTask | None = None
        self._preview: ContactsPreview | None = None
        self._problems: list[ImportProblem] = []
        self.setTitle("Match the columns")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()

        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels(["Column in the file", "Imported as", "First value"])
        self.columns.verticalHeader().hide()
        self.columns.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.columns.setShowGrid(False)
        self.columns.setAlternatingRowColors(True)
        header = self.columns.horizontalHeader()
        header.setSectionResizeMode(COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.columns.setColumnWidth(FIELD, 190)

        self.model = ContactsPreviewModel()
        self.rows = QTableView()
        self.rows.setModel(self.model)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setAlternatingRowColors(True)
        self.rows.setWordWrap(False)
        self.rows.setShowGrid(False)
        self.rows.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.rows.horizontalHeader().setMaximumSectionSize(260)
        self.rows.verticalHeader().hide()
        self.rows.verticalHeader().setDefaultSectionSize(self.rows.fontMetrics().height() + 8)

        preview = QWidget()
        below = QVBoxLayout(preview)
        below.setContentsMargins(0, 6, 0, 0)
        self.preview_title = hints.heading("How the first rows will be read")
        below.addWidget(self.preview_title)
        below.addWidget(self.rows, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.columns)
        split.addWidget(preview)
        split.setSizes([300, 200])

        self.status = hints.hint()
        self.problem = hints.error()
        self.problem.hide()
        self.problems = ProblemsList()
        self.problems.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.busy)
        layout.addWidget(split, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.problems)
        layout.addWidget(self.status)

    # --- reading the file ---------------------------------------------------------------------

    def initializePage(self) -> None:
        request = self._context.request
        self.setSubTitle(
            f"Rapport guessed what each column of {request.file_name} holds. Change any "
            "guess that is wrong; columns set to “Ignore” are not imported."
        )
        self._load()  # the user's choices for this file (request.mapping) are kept

    def cleanupPage(self) -> None:
        # Going back to another file: read it afresh next time.
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._preview = None

    def _load(self) -> None:
        path = self._context.request.path
        assert path is not None
        if self._task is not None:
            self._task.cancel()
        self._preview = None
        self._problems = []
        self.columns.setRowCount(0)
        self.model.set_rows([], [], ColumnMapping({}))
        self._show_problems([])
        self.busy.show()
        self.status.setText(f"Reading {path.name}…")
        task = self._context.worker.task(path.name)
        task.finished.connect(lambda preview, t=task: self._on_read(t, preview))
        task.failed.connect(lambda problems, t=task: self._on_failed(t, problems))
        self._task = task
        self._context.worker.run(task, lambda _p, _c: preview_contacts(path, rows=PREVIEW_ROWS))
        self.completeChanged.emit()

    def _on_read(self, task: ImportTask, preview: ContactsPreview) -> None:
        if task is not self._task:
            return
        self._task = None
        self.busy.hide()
        self._preview = preview
        chosen = self._context.request.mapping
        self._fill(preview, chosen)
        self._problems = [p for p in preview.problems if "no column holds names" not in p.message]
        self._changed()

    def _on_failed(self, task: ImportTask, problems: list[ImportProblem]) -> None:
        if task is not self._task:
            return
        self._task = None
        self.busy.hide()
        self.status.setText("")
        self._problems = problems
        self._show_problems(problems)
        self.completeChanged.emit()

    def _fill(self, preview: ContactsPreview, chosen: dict[str, str] | None) -> None:
        self.columns.setRowCount(len(preview.headers))
        for i, header in enumerate(preview.headers):
            name = QTableWidgetItem(header)
            name.setToolTip(header)
            self.columns.setItem(i, COLUMN, name)
            example = QTableWidgetItem(_first_value(preview.sample, i))
            example.setToolTip(example.text())
            self.columns.setItem(i, EXAMPLE, example)
            combo = QComboBox()
            combo.addItem("Ignore", IGNORE)
            combo.insertSeparator(1)
            for wanted in ContactField:
                combo.addItem(FIELD_LABELS[wanted], wanted.value)
            guessed = preview.mapping.fields.get(header)
            value = (chosen or {}).get(header, guessed.value if guessed else IGNORE)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.activated.connect(lambda _i, row=i: self._field_chosen(row))
            self.columns.setCellWidget(i, FIELD, combo)
        self.columns.resizeRowsToContents()

    # --- choosing -----------------------------------------------------------------------------

    def _combo_at(self, row: int) -> QComboBox:
        widget = self.columns.cellWidget(row, FIELD)
        assert isinstance(widget, QComboBox)
        return widget

    def combo(self, column: str) -> QComboBox:
        """The field chooser of a column of the file (by its header)."""
        headers = self._preview.headers if self._preview is not None else []
        if column not in headers:
            raise KeyError(column)
        return self._combo_at(headers.index(column))

    def choices(self) -> dict[str, str]:
        """Every column of the file and its field (or "ignore"), in the file's order."""
        headers = self._preview.headers if self._preview is not None else []
        return {h: self._combo_at(i).currentData() for i, h in enumerate(headers)}

    def mapping(self) -> ColumnMapping:
        return ColumnMapping({c: ContactField(v) for c, v in self.choices().items() if v != IGNORE})

    def _field_chosen(self, row: int) -> None:
        value = self._combo_at(row).currentData()
        if value != IGNORE:
            for i in range(self.columns.rowCount()):
                other = self._combo_at(i)
                if i != row and other.currentData() == value:
                    other.setCurrentIndex(0)  # a field fills one column, as the importer does
        self._changed()

    def _changed(self) -> None:
        preview = self._preview
        if preview is None:
            return
        self._context.request.mapping = self.choices()
        self._mark_rows(preview)
        mapping = self.mapping()
        self.model.set_rows(preview.headers, preview.sample, mapping)
        self.rows.resizeColumnsToContents()
        used = len(mapping.fields)
        shown = min(len(preview.sample), PREVIEW_ROWS)
        self.preview_title.setText(f"How the first {shown} rows will be read")
        if not mapping.has_name:
            self.problem.setText(
                "Choose the column that holds names (full name, or first and last name) or "
                "email addresses: without one, no row can be imported."
            )
            self.problem.show()
        else:
            self.problem.hide()
        notes = " · ".join([preview.source, *preview.notes])
        self.status.setText(
            f"{used} of {len(preview.headers)} columns will be imported. Read as {notes}."
        )
        self._show_problems(self._problems)
        self.completeChanged.emit()

    def _mark_rows(self, preview: ContactsPreview) -> None:
        """Ignored columns in the softer colour; a choice that differs from the guess in bold."""
        soft = secondary_text(self.columns.palette())
        normal = self.columns.palette().color(QPalette.ColorRole.Text)
        for i, header in enumerate(preview.headers):
            combo = self._combo_at(i)
            ignored = combo.currentData() == IGNORE
            for column in (COLUMN, EXAMPLE):
                item = self.columns.item(i, column)
                if item is not None:
                    item.setForeground(soft if ignored else normal)
            guessed = preview.mapping.fields.get(header)
            changed = combo.currentData() != (guessed.value if guessed else IGNORE)
            font = combo.font()
            font.setBold(changed)
            combo.setFont(font)
            combo.setToolTip(
                "Your choice" + (f" (Rapport guessed {FIELD_LABELS[guessed]})" if guessed else "")
                if changed
                else "Rapport's guess"
            )

    def _show_problems(self, problems: list[ImportProblem]) -> None:
        self.problems.show_problems(problems)
        self.problems.setVisible(bool(problems))

    # --- QWizardPage --------------------------------------------------------------------------

    @property
    def reading(self) -> bool:
        return self._task is not None

    def isComplete(self) -> bool:
        if self._preview is None or self._task is not None:
            return False
        return self.mapping().has_name
