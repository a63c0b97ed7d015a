"""Step 4: the dry run. The plan is made on a worker (progress bar, Stop); the page then shows
what would be added, updated, left unchanged, skipped (and why) or is in conflict, and the
problems that block the import, each with its file, row and column. Import stays disabled
while there are problems, or nothing to import."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.import_wizard import hints
from desktop.import_wizard.context import ImportContext
from desktop.import_wizard.entries_model import (
    ACTION,
    ROW,
    WHAT,
    EntryFilter,
    PlanEntriesModel,
)
from desktop.import_wizard.problems_list import ProblemsList
from desktop.import_wizard.request import plural
from desktop.import_wizard.worker import ImportTask
from graph.imports import Action, ImportPlan, ImportProblem

CHIP_LABELS: dict[Action | None, str] = {
    None: "All",
    Action.ADD: "To add",
    Action.UPDATE: "To update",
    Action.UNCHANGED: "Unchanged",
    Action.SKIP: "Skipped",
    Action.CONFLICT: "Conflicts",
}
CHIP_STYLE = """
QPushButton[chip="true"] {
    border: 1px solid palette(mid); border-radius: 11px; padding: 3px 12px;
    background: palette(base);
}
QPushButton[chip="true"]:checked {
    background: palette(highlight); color: palette(highlighted-text);
    border-color: palette(highlight);
}
QPushButton[chip="true"]:disabled { color: palette(mid); }
"""
PROGRESS_STEPS = 1000


def _sentence(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


class DryRunPage(QWizardPage):
    def __init__(self, context: ImportContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._task: ImportTask | None = None
        self._problems: list[ImportProblem] = []
        self.setTitle("Check what will change")
        self.setCommitPage(True)

        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setTextVisible(False)
        self.stop = QPushButton("&Stop")
        self.stop.setAutoDefault(False)
        self.again = QPushButton("Preview &again")
        self.again.setAutoDefault(False)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.stop)

        self.summary = hints.heading()
        self.advice = hints.hint()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.again, 0, Qt.AlignmentFlag.AlignTop)

        self.model = PlanEntriesModel()
        self.entries_filter = EntryFilter()
        self.entries_filter.setSourceModel(self.model)
        self.chips = QButtonGroup(self)
        self.chips.setExclusive(True)
        self.chip: dict[Action | None, QPushButton] = {}
        filters = QHBoxLayout()
        filters.setSpacing(6)
        for action, label in CHIP_LABELS.items():
            chip = QPushButton(label)
            chip.setProperty("chip", True)
            chip.setCheckable(True)
            chip.setAutoDefault(False)
            chip.setStyleSheet(CHIP_STYLE)
            chip.toggled.connect(lambda on, a=action: self._chip_toggled(a, on))
            self.chips.addButton(chip)
            self.chip[action] = chip
            filters.addWidget(chip)
        self.chip[None].setChecked(True)
        filters.addStretch(1)
        self.search = QLineEdit(placeholderText="Filter entries")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(220)
        filters.addWidget(self.search)

        self.entries = QTableView()
        self.entries.setModel(self.entries_filter)
        self.entries.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.entries.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entries.setAlternatingRowColors(True)
        self.entries.setShowGrid(False)
        self.entries.setWordWrap(False)
        self.entries.verticalHeader().hide()
        self.entries.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.entries.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(ACTION, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(ROW, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.entries.setColumnWidth(ACTION, 86)
        self.entries.setColumnWidth(WHAT, 340)
        self.skipped = hints.hint()

        self.problems_title = hints.error()
        font = self.problems_title.font()
        font.setWeight(font.Weight.DemiBold)
        self.problems_title.setFont(font)
        self.problems = ProblemsList()
        self.problems.setMaximumHeight(8 * self.fontMetrics().height())
        self.notes = hints.hint()
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(running)
        layout.addWidget(self.advice)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems)
        layout.addLayout(filters)
        layout.addWidget(self.entries, 2)
        layout.addWidget(self.skipped)
        layout.addWidget(self.notes)

        self.stop.clicked.connect(self.cancel)
        self.again.clicked.connect(self.start)
        self.search.textChanged.connect(self.entries_filter.set_text)
        self._show_plan(None)

    def _chip_toggled(self, action: Action | None, on: bool) -> None:
        if on:
            self.entries_filter.set_action(action)

    # --- the dry run --------------------------------------------------------------------------

    def initializePage(self) -> None:
        self.setSubTitle(
            "Nothing has been written yet: read the preview, then click Import. "
            "The whole import is one step that Edit ▸ Undo takes back."
        )
        self.start()

    def cleanupPage(self) -> None:
        self.cancel()
        self._task = None
        self._context.plan = None

    def start(self) -> None:
        """Make the plan (again) on the worker."""
        context = self._context
        request = context.request
        if self._task is not None:
            self._task.cancel()
        context.plan = None
        self._problems = []
        reader = context.reader()
        task = context.worker.task(request.file_name)
        task.progress.connect(lambda f, t=task: self._on_progress(t, f))
        task.finished.connect(lambda plan, t=task: self._on_planned(t, plan))
        task.failed.connect(lambda problems, t=task: self._on_failed(t, problems))
        task.cancelled.connect(lambda t=task: self._on_cancelled(t))
        self._task = task
        context.worker.run(
            task, lambda progress, cancelled: request.plan(reader, progress, cancelled)
        )
        self._show_plan(None)
        self.summary.setText(f"Reading {request.file_name} and comparing it with Rapport…")
        self.completeChanged.emit()

    def cancel(self) -> None:
        """Stop the dry run under way (the Stop button)."""
        if self._task is not None:
            self._task.cancel()
            self.stop.setEnabled(False)
            self.summary.setText("Stopping…")

    @property
    def planning(self) -> bool:
        return self._task is not None

    def _on_progress(self, task: ImportTask, fraction: float) -> None:
        if task is self._task:
            self.progress.setValue(round(fraction * PROGRESS_STEPS))

    def _on_planned(self, task: ImportTask, plan: ImportPlan) -> None:
        if task is not self._task:
            return
        self._task = None
        self._context.plan = plan
        self._problems = list(plan.problems)
        self._show_plan(plan)

    def _on_failed(self, task: ImportTask, problems: list[ImportProblem]) -> None:
        if task is not self._task:
            return
        self._task = None
        self._problems = problems
        self._show_plan(None)

    def _on_cancelled(self, task: ImportTask) -> None:
        if task is not self._task:
            return
        self._task = None
        self._show_plan(None)
        self.summary.setText("Preview stopped. Nothing was changed.")
        self.advice.setText("Click Preview again to read the file once more.")

    # --- showing it ---------------------------------------------------------------------------

    def _show_plan(self, plan: ImportPlan | None) -> None:
        running = self._task is not None
        self.progress.setVisible(running)
        self.progress.setValue(0)
        self.stop.setVisible(running)
        self.stop.setEnabled(running)
        self.again.setVisible(not running)
        self.model.set_entries(plan.entries if plan is not None else [])
        self.entries.resizeColumnToContents(ROW)
        counts = plan.counts() if plan is not None else {}
        for action, chip in self.chip.items():
            if plan is None:
                count = 0
            else:
                count = len(plan.entries) if action is None else counts[action.value]
            chip.setText(f"{CHIP_LABELS[action]}  {count:,}")
            chip.setEnabled(plan is not None and (action is None or count > 0))
        self.chip[None].setChecked(True)
        self._show_problems()
        self.summary.setText(self._summary(plan))
        self.advice.setText(self._advice(plan))
        reasons = plan.skip_reasons() if plan is not None else {}
        self.skipped.setText(
            "Skipped: " + " · ".join(f"{r} ({n:,})" for r, n in reasons.items()) if reasons else ""
        )
        self.skipped.setVisible(bool(reasons))
        # The column mapping was on show a step ago: the other notes are news.
        notes = [n for n in plan.notes if not n.startswith("columns: ")] if plan else []
        # A file of another company: said first, so the click on Import is the confirmation.
        notes = [*(f"Check: {c}" for c in (plan.confirm if plan else [])), *notes]
        self.notes.setText("Notes: " + " · ".join(notes) if notes else "")
        self.notes.setVisible(bool(notes))
        self.completeChanged.emit()

    def _show_problems(self) -> None:
        problems = self._problems
        count = len(problems)
        self.problems_title.setText(
            f"{count} problem{'s' if count != 1 else ''} to fix before anything can be imported"
        )
        self.problems.show_problems(problems)
        for widget in (self.problems_title, self.problems):
            widget.setVisible(bool(problems))

    def _summary(self, plan: ImportPlan | None) -> str:
        if self._problems:
            return "This file cannot be imported yet."
        if plan is None:
            return ""
        kind = self._context.request.kind or "contacts"
        counts = plan.counts()
        account = self._context.account()
        into = f" into {account.name}" if account is not None else ""
        if not plan.has_changes:
            return f"Nothing to import: everything in {plan.file} is already in Rapport."
        parts = []
        if counts["add"]:
            parts.append(f"{plural(counts['add'], kind)} to add")
        if counts["update"]:
            parts.append(f"{plural(counts['update'], kind)} to update")
        return f"Ready to import{into}: {_sentence(parts)}."

    def _advice(self, plan: ImportPlan | None) -> str:
        request = self._context.request
        if self._problems:
            where = "the header being row 1" if request.kind in ("contacts", "usage") else ""
            numbered = f" (rows are numbered as in a spreadsheet, {where})" if where else ""
            back = (
                " or go Back and change the column mapping," if request.kind == "contacts" else ""
            )
            return (
                f"Fix the file{numbered}, save it,{back} then click Preview again. "
                "Import stays off until then."
            )
        if plan is None:
            return ""
        counts = plan.counts()
        parts = []
        if counts["conflict"]:
            parts.append(
                f"{counts['conflict']:,} conflict{'s' if counts['conflict'] != 1 else ''} "
                "will be left out (see Conflicts)"
            )
        if counts["unchanged"]:
            parts.append(f"{counts['unchanged']:,} already up to date")
        text = _sentence(parts)
        return f"{text[:1].upper()}{text[1:]}." if text else ""

    # --- QWizardPage --------------------------------------------------------------------------

    def isComplete(self) -> bool:
        plan = self._context.plan
        return (
            self._task is None
            and plan is not None
            and plan.ok
            and not self._problems
            and plan.has_changes
        )
