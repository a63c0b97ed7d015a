"""A workspace file with two accounts and a team, the undo stack of its window, and helpers
that drive the import wizard through its real buttons."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractButton, QComboBox, QWizard

from desktop.import_wizard import file_page
from desktop.import_wizard.wizard import ImportWizard
from graph import schema as s
from graph.workspace import Workspace
from tests.conftest import TODAY

WAIT_MS = 5000


@pytest.fixture
def portfolio(tmp_path: Path) -> Iterator[tuple[Workspace, int]]:
    """The open workspace and the id of Northwind Traders (Contoso is the other account)."""
    ws = Workspace.create(tmp_path / "Portfolio.rapport", today=lambda: TODAY)
    with ws.batch():
        northwind = ws.add(s.Account(name="Northwind Traders"))
        ws.add(s.Account(name="Contoso"))
        ws.add(s.TeamMember(name="Tina Tam", email="tina@vendor.example"))
    yield ws, northwind.id
    ws.close()


@pytest.fixture
def undo_stack() -> Iterator[QUndoStack]:
    stack = QUndoStack()
    yield stack
    stack.clear()


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, bytes], Path]:
    def write(name: str, data: bytes) -> Path:
        path = tmp_path / "downloads" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        return path

    return write


@pytest.fixture
def make_wizard(
    qtbot: Any, portfolio: tuple[Workspace, int], undo_stack: QUndoStack
) -> Iterator[Callable[..., ImportWizard]]:
    made: list[ImportWizard] = []

    def make(path: Path | None = None) -> ImportWizard:
        ws, account_id = portfolio
        wizard = ImportWizard(ws, undo_stack, account_id, path)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        made.append(wizard)
        return wizard

    yield make
    for wizard in made:
        wizard.worker.cancel_all()
        wizard.worker.wait()


def pick_file(
    qtbot: Any, wizard: ImportWizard, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Browse… answered with ``path``; waits until the kind of file is guessed."""
    monkeypatch.setattr(file_page, "choose_file", lambda _parent, _folder: path)
    qtbot.mouseClick(wizard.file_page.browse, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.file_page.guessing, timeout=WAIT_MS)


def click(qtbot: Any, wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    qtbot.waitUntil(button.isEnabled, timeout=WAIT_MS)
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_page(qtbot: Any, wizard: ImportWizard) -> int:
    before = wizard.currentId()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() != before
    return wizard.currentId()


def choose_in_combo(qtbot: Any, combo: QComboBox, text: str) -> None:
    """Open the combo's list and click the item ``text``, as a user would."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not offered"
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=WAIT_MS)
    model_index = view.model().index(index, combo.modelColumn())
    view.scrollTo(model_index)
    rect = view.visualRect(model_index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=WAIT_MS)
    assert combo.currentText() == text


def chip_counts(wizard: ImportWizard) -> dict[str, str]:
    """The dry-run page's counts as shown: {"To add": "5", ...}."""
    found = {}
    for chip in wizard.dry_run_page.chip.values():
        assert isinstance(chip, QAbstractButton)
        label, _, count = chip.text().rpartition("  ")
        found[label] = count
    return found
