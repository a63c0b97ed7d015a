"""Step 1: the file, and what it holds (guessed from its content, which the user may correct)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.import_wizard import hints
from desktop.import_wizard.context import ImportContext
from desktop.import_wizard.request import FILE_FILTER, KIND_LABELS, KINDS
from desktop.import_wizard.worker import ImportTask
from graph.imports import ImportProblem, guess_kind
from graph.imports.kinds import Kind


def choose_file(parent: QWidget | None, directory: Path) -> Path | None:
    """The file to import, or None if cancelled (tests replace this)."""
    name, _ = QFileDialog.getOpenFileName(parent, "Import a file", str(directory), FILE_FILTER)
    return Path(name) if name else None


def _start_folder(current: Path | None) -> Path:
    if current is not None and current.parent.is_dir():
        return current.parent
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


class FilePage(QWizardPage):
    def __init__(self, context: ImportContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._task: ImportTask | None = None
        self._guessed: Kind | None = None
        self._problem = ""
        self.setTitle("Choose a file to import")
        self.setSubTitle(
            "People from a CRM export or a spreadsheet, vCards, meetings from a calendar "
            "export, or product usage figures."
        )
        self.path = QLineEdit(placeholderText="A .csv, .xlsx, .vcf or .ics file")
        self.path.setClearButtonEnabled(True)
        self.browse = QPushButton("&Browse…")
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(KIND_LABELS[kind], kind)
        self.kind.setCurrentIndex(-1)
        self.kind.setPlaceholderText("Choose a file first")
        self.kind.setEnabled(False)
        self.status = hints.hint()
        self.problem = hints.error()
        self.problem.hide()
        tip = hints.hint("Tip: you can also drop a file on the Rapport window.")

        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        form = QFormLayout()
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)
        form.addRow(file_label, row)
        form.addRow("&Holds:", self.kind)
        form.addRow("", self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(tip)

        self.browse.clicked.connect(self._browse)
        self.path.editingFinished.connect(self._path_edited)
        self.kind.activated.connect(self._kind_chosen)

    # --- choosing -----------------------------------------------------------------------------

    def set_path(self, path: Path) -> None:
        """Take ``path`` as the file to import and work out what it holds."""
        path = path.expanduser()
        self.path.setText(str(path))
        request = self._context.request
        if path == request.path and (self._task is not None or request.kind is not None):
            return
        request.path = path
        request.kind = None
        request.mapping = None
        request.since = request.until = None
        self._guessed = None
        self._set_problem("")
        self.kind.setCurrentIndex(-1)
        self.kind.setEnabled(False)
        if not path.is_file():
            self._set_problem(
                f"{path.name}: no such file" if not path.exists() else f"{path} is not a file"
            )
            self.status.setText("")
            self._stop_guessing()
            self.completeChanged.emit()
            return
        self.status.setText("Reading the file…")
        self._stop_guessing()
        task = self._context.worker.task(path.name)
        task.finished.connect(lambda kind, t=task: self._on_guessed(t, kind))
        task.failed.connect(lambda problems, t=task: self._on_failed(t, problems))
        self._task = task
        self._context.worker.run(task, lambda _p, _c: guess_kind(path))
        self.completeChanged.emit()

    def _browse(self) -> None:
        chosen = choose_file(self, _start_folder(self._context.request.path))
        if chosen is not None:
            self.set_path(chosen)

    def _path_edited(self) -> None:
        text = self.path.text().strip()
        if text:
            self.set_path(Path(text))
        else:
            self._context.request.path = None
            self._context.request.kind = None
            self._set_problem("")
            self.completeChanged.emit()

    def _kind_chosen(self, index: int) -> None:
        kind = self.kind.itemData(index)
        request = self._context.request
        if kind != request.kind:
            request.kind = kind
            request.mapping = None
        if self._guessed is not None and kind != self._guessed:
            self.status.setText(
                f"Chosen by you (Rapport guessed {KIND_LABELS[self._guessed].split(' (')[0]})."
            )
        else:
            self.status.setText("Guessed from the file's content; change it if it is wrong.")
        self.completeChanged.emit()

    def _stop_guessing(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def _on_guessed(self, task: ImportTask, kind: Kind) -> None:
        if task is not self._task:
            return
        self._task = None
        self._guessed = kind
        self.kind.setEnabled(True)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self._kind_chosen(self.kind.currentIndex())

    def _on_failed(self, task: ImportTask, problems: list[ImportProblem]) -> None:
        if task is not self._task:
            return
        self._task = None
        self.status.setText("")
        self._set_problem("\n".join(str(p) for p in problems))
        self.completeChanged.emit()

    def _set_problem(self, text: str) -> None:
        self._problem = text
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    # --- QWizardPage --------------------------------------------------------------------------

    @property
    def guessing(self) -> bool:
        return self._task is not None

    def isComplete(self) -> bool:
        request = self._context.request
        return (
            request.path is not None
            and request.kind is not None
            and not self._problem
            and self._task is None
        )
