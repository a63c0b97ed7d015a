"""Step 5: the import itself, on a worker with a progress bar and Stop, then one undo step.

``graph.imports.apply`` writes the plan in one transaction on the workspace's engine (all or
nothing); the wizard is modal meanwhile, so no other edit is in flight. Once it is in the file,
it goes on the window's undo stack as one step (``desktop.workspace.undo_operation``): Edit ▸ Undo
takes
the whole import back.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.import_wizard import hints
from desktop.import_wizard.context import ImportContext
from desktop.import_wizard.problems_list import ProblemsList
from desktop.import_wizard.request import plural
from desktop.import_wizard.worker import ImportTask
from desktop.workspace.undo_operation import push_result
from graph.imports import AppliedImport, ImportProblem
from graph.operations import OpResult, applied_import, apply_import, bind, import_source, perform

PROGRESS_STEPS = 1000


class ApplyPage(QWizardPage):
    """``imported`` carries the ``AppliedImport`` once its command is on the undo stack;
    ``preview_again`` asks the wizard to go back to a fresh dry run (after a failure)."""

    imported = Signal(object)
    preview_again = Signal()

    def __init__(self, context: ImportContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._task: ImportTask | None = None
        self._ended = False
        self.setTitle("Importing")
        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_STEPS)
        self.stop = QPushButton("&Stop")
        self.stop.setAutoDefault(False)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.stop)
        self.summary = hints.heading()
        self.advice = hints.hint()
        self.problems = ProblemsList()
        self.problems.hide()
        self.back_to_preview = QPushButton("&Back to the preview")
        self.back_to_preview.setAutoDefault(False)
        self.back_to_preview.hide()
        again = QHBoxLayout()
        again.addWidget(self.back_to_preview)
        again.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(running)
        layout.addWidget(self.summary)
        layout.addWidget(self.advice)
        layout.addWidget(self.problems, 1)
        layout.addLayout(again)
        layout.addStretch(0)
        self.stop.clicked.connect(self.cancel)
        self.back_to_preview.clicked.connect(self.preview_again)

    def initializePage(self) -> None:
        context = self._context
        plan = context.plan
        assert plan is not None and plan.ok
        account = context.account()
        into = f" into {account.name}" if account is not None else ""
        self.setTitle("Importing")
        self.setSubTitle(f"Writing {plan.file}{into}.")
        self._ended = False
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Finish")
        self.summary.setText(f"Importing {plan.file}{into}…")
        self.advice.setText("Stop leaves the workspace exactly as it was.")
        self.problems.hide()
        self.back_to_preview.hide()
        self.progress.setValue(0)
        self.progress.show()
        self.stop.show()
        self.stop.setEnabled(True)
        ws = context.ws
        task = context.worker.task(plan.file)
        task.progress.connect(lambda f, t=task: self._on_progress(t, f))
        task.finished.connect(lambda done, t=task: self._on_applied(t, done))
        task.failed.connect(lambda problems, t=task: self._on_failed(t, problems))
        task.cancelled.connect(lambda t=task: self._on_cancelled(t))
        self._task = task
        context.worker.run(
            task,
            lambda progress, cancelled: perform(
                ws,
                bind(apply_import, plan, progress=progress, cancelled=cancelled),
                import_source(plan),
            ),
        )
        self.completeChanged.emit()

    def cleanupPage(self) -> None:
        self._task = None

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.stop.setEnabled(False)
            self.summary.setText("Stopping the import…")

    @property
    def importing(self) -> bool:
        return self._task is not None

    def _on_progress(self, task: ImportTask, fraction: float) -> None:
        if task is self._task:
            self.progress.setValue(round(fraction * PROGRESS_STEPS))

    def _on_applied(self, task: ImportTask, result: OpResult) -> None:
        # Pushed even if this page was left meanwhile: the import is in the file.
        context = self._context
        applied = applied_import(result)
        context.applied = applied
        push_result(context.undo_stack, context.ws, result, f"Import {applied.plan.file}")
        if task is self._task:
            self._task = None
            self._finish(applied)
        self.imported.emit(applied)

    def _finish(self, applied: AppliedImport) -> None:
        plan = applied.plan
        kind = self._context.request.kind or "contacts"
        counts = plan.counts()
        parts = [f"{plural(counts['add'], kind)} added"]
        if counts["update"]:
            parts.append(f"{counts['update']:,} updated")
        left = [
            f"{counts[key]:,} {label}"
            for key, label in (
                ("unchanged", "already up to date"),
                ("skip", "skipped"),
                ("conflict", "left out as conflicts"),
            )
            if counts[key]
        ]
        self.setTitle("Import complete")
        self.setSubTitle(f"{plan.file} is in the workspace.")
        self._end(
            f"Imported {plan.file}: {', '.join(parts)}.",
            (" · ".join(left) + "\n" if left else "")
            + "Edit ▸ Undo takes the whole import back in one step.",
        )

    def _on_failed(self, task: ImportTask, problems: list[ImportProblem]) -> None:
        if task is not self._task:
            return
        self._task = None
        self._end("Nothing was imported.", "The workspace is exactly as it was.")
        self.problems.show_problems(problems)
        self.problems.show()
        self.back_to_preview.show()
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Close")

    def _on_cancelled(self, task: ImportTask) -> None:
        if task is not self._task:
            return
        self._task = None
        self._end("Import stopped. Nothing was changed.", "")
        self.back_to_preview.show()
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Close")

    def _end(self, summary: str, advice: str) -> None:
        self._ended = True
        self.stop.hide()
        self.progress.hide()
        self.summary.setText(summary)
        self.advice.setText(advice)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._ended and self._task is None
