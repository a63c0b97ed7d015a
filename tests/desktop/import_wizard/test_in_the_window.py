"""An import into the open window: its views follow the worker's write, and Edit ▸ Undo takes
the whole import back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWizard

from desktop.import_wizard import start_import
from desktop.import_wizard.wizard import ImportWizard
from tests.desktop.helpers import person_named, show_account
from tests.desktop.import_wizard.conftest import WAIT_MS, click, next_page

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Moreau;Fanny;;;\r\nFN:Fanny Moreau\r\n"
    "ORG:Northwind Logistics;Finance\r\nTITLE:CFO\r\n"
    "EMAIL;type=WORK:fanny.moreau@northwind.example\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Ruiz;Ana;;;\r\nFN:Ana Ruiz\r\n"
    "ORG:Northwind Logistics\r\nTITLE:Chief Information Officer\r\n"
    "EMAIL;type=WORK:ana@northwind.example\r\nEND:VCARD\r\n"
)


def test_import_from_the_window_refreshes_its_people_and_undoes_in_one_step(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    session = window.session
    show_account(window, "Northwind Logistics")
    path = tmp_path / "cards.vcf"
    path.write_text(CARDS)
    people = window.view.people.model
    assert people.rowCount() == 5

    start_import(window, session.ws, session.undo_stack, session.account_id, path)
    (wizard,) = window.findChildren(ImportWizard)
    qtbot.waitUntil(lambda: not wizard.file_page.guessing, timeout=WAIT_MS)
    next_page(qtbot, wizard)
    assert next_page(qtbot, wizard) == ImportWizard.DRY_RUN
    qtbot.waitUntil(lambda: not wizard.dry_run_page.planning, timeout=WAIT_MS)
    assert wizard.dry_run_page.summary.text() == (
        "Ready to import into Northwind Logistics: 1 person to add and 1 person to update."
    )
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(wizard.apply_page.isComplete, timeout=WAIT_MS)
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    qtbot.waitUntil(lambda: people.rowCount() == 6, timeout=WAIT_MS)
    ana = person_named(session.path, "Ana Ruiz")
    assert ana is not None and ana.title == "Chief Information Officer"
    undo = window.window_actions.undo
    assert undo.isEnabled() and undo.text() == "&Undo Import cards.vcf"

    undo.trigger()
    assert people.rowCount() == 5
    assert person_named(session.path, "Fanny Moreau") is None
    ana = person_named(session.path, "Ana Ruiz")
    assert ana is not None and ana.title == "CIO"
    window.window_actions.redo.trigger()
    assert people.rowCount() == 6 and person_named(session.path, "Fanny Moreau") is not None


def test_file_menu_and_a_dropped_file_open_the_wizard(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    show_account(window, "Northwind Logistics")
    action = window.window_actions.import_file
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+I"
    action.trigger()
    (wizard,) = window.findChildren(ImportWizard)
    wizard.reject()
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=WAIT_MS)

    path = tmp_path / "cards.vcf"
    path.write_text(CARDS)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(50, 50), actions, mime, buttons, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPoint(50, 50), actions, mime, buttons, keys))
    wizards = [w for w in window.findChildren(ImportWizard) if w.isVisible()]
    assert len(wizards) == 1
    qtbot.waitUntil(lambda: not wizards[0].file_page.guessing, timeout=WAIT_MS)
    assert str(path) in wizards[0].file_page.path.text()
    wizards[0].reject()

    text = tmp_path / "notes.md"
    text.write_text("# not importable")
    mime.setUrls([QUrl.fromLocalFile(str(text))])
    refused = QDragEnterEvent(QPoint(50, 50), actions, mime, buttons, keys)
    refused.ignore()
    QApplication.sendEvent(window, refused)
    assert not refused.isAccepted()
