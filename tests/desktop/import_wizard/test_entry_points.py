"""What the main window calls: ``accepts_drop`` in its drag events, ``start_import``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from desktop.import_wizard import accepts_drop, start_import
from desktop.import_wizard.wizard import ImportWizard
from graph.workspace import Workspace
from tests.desktop.conftest import Dialogs
from tests.desktop.import_wizard import files
from tests.desktop.import_wizard.conftest import WAIT_MS

Write = Callable[[str, bytes], Path]


def mime_with(*urls: QUrl, text: str = "") -> QMimeData:
    mime = QMimeData()
    if urls:
        mime.setUrls(list(urls))
    if text:
        mime.setText(text)
    return mime


@pytest.mark.parametrize(
    "name", ["contacts.csv", "Export.TSV", "unicode.txt", "report.xlsx", "cards.vcf", "cal.ics"]
)
def test_a_supported_local_file_is_accepted(write_file: Write, name: str) -> None:
    path = write_file(name, b"x")
    assert accepts_drop(mime_with(QUrl.fromLocalFile(str(path)))) == path


def test_other_drops_are_refused(write_file: Write, tmp_path: Path) -> None:
    csv = write_file("a.csv", b"x")
    other = write_file("b.csv", b"x")
    pdf = write_file("deck.pdf", b"%PDF")
    refused = [
        mime_with(QUrl.fromLocalFile(str(pdf))),  # not a kind Rapport imports
        mime_with(QUrl.fromLocalFile(str(csv)), QUrl.fromLocalFile(str(other))),  # two files
        mime_with(QUrl("https://example.com/contacts.csv")),  # not local
        mime_with(QUrl.fromLocalFile(str(tmp_path / "gone.csv"))),  # no such file
        mime_with(QUrl.fromLocalFile(str(tmp_path))),  # a folder
        mime_with(text=str(csv)),  # text, not a file
    ]
    assert [accepts_drop(m) for m in refused] == [None] * len(refused)


def test_start_import_opens_one_modal_wizard_on_the_dropped_file(
    qtbot: Any,
    portfolio: tuple[Workspace, int],
    undo_stack: QUndoStack,
    write_file: Write,
) -> None:
    ws, northwind = portfolio
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    path = write_file("people.vcf", files.vcards())
    start_import(window, ws, undo_stack, northwind, path)
    wizards = window.findChildren(ImportWizard)
    assert len(wizards) == 1
    wizard = wizards[0]
    assert wizard.isVisible() and wizard.isModal()
    assert wizard.windowModality() == Qt.WindowModality.ApplicationModal
    qtbot.waitUntil(lambda: not wizard.file_page.guessing, timeout=WAIT_MS)
    assert wizard.file_page.path.text() == str(path)
    assert wizard.file_page.kind.currentText() == "vCards (.vcf)"
    assert wizard.context.request.account_id == northwind

    start_import(window, ws, undo_stack, northwind)  # File ▸ Import… again: the same wizard
    assert window.findChildren(ImportWizard) == [wizard]
    wizard.reject()
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=WAIT_MS)


def test_a_read_only_workspace_is_refused_in_words(
    qtbot: Any, portfolio: tuple[Workspace, int], undo_stack: QUndoStack, dialogs: Dialogs
) -> None:
    ws, northwind = portfolio
    assert ws.path is not None
    window = QWidget()
    qtbot.addWidget(window)
    with Workspace.open(ws.path, readonly=True) as readonly:
        start_import(window, readonly, undo_stack, northwind)
    assert window.findChildren(ImportWizard) == []
    assert dialogs.errors == ["This workspace is open read-only: nothing can be imported."]
