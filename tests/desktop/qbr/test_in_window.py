"""The QBR tab inside the main window: built on first show, sharing the window's undo stack,
and Delete in its tables never reaches the people selected on the map."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.qbr import tables
from desktop.qbr.qbr_tab import QbrTab
from graph import schema as s
from reports.edition import Edition
from tests.desktop.helpers import finish_editing, on_disk, person_named, show_account
from tests.desktop.qbr_export.edition import EditionAnswer


def _qbr_tab(qtbot: Any, window: Any) -> QbrTab:
    show_account(window, "Northwind Logistics")
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    tab = window.view.qbr
    assert isinstance(tab, QbrTab)
    qtbot.waitUntil(lambda: tab.qbr is not None, timeout=10_000)
    return tab


def test_qbr_tab_in_the_window(qtbot: Any, window: Any) -> None:
    path = window.session.path
    tab = _qbr_tab(qtbot, window)
    assert tab.heading.text() == "Northwind Logistics"
    assert tab.summary.arr.value.text() == "USD 420k"
    wins = tab.tables[tables.WINS.table]
    tab.show_section("Wins")
    qtbot.mouseClick(wins.add, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    qtbot.keyClicks(editor, "Rollout done")
    finish_editing(qtbot, wins.table)
    with on_disk(path) as ws:
        assert [w.title for w in ws.find(s.Win)] == ["Rollout done"]

    # A person selected on the map, focus in the wins table: Delete deletes the win only.
    chen = person_named(path, "Chen Wei")
    assert chen is not None
    window.session.selection.set_nodes([f"p{chen.id}"], source=None)
    wins.table.selectRow(0)
    wins.table.setFocus()
    qtbot.keyClick(wins.table, Qt.Key.Key_Delete)
    with on_disk(path) as ws:
        assert ws.find(s.Win) == []
    assert person_named(path, "Chen Wei") is not None

    # The window's Undo (Ctrl+Z) undoes the QBR tab's edits: one stack per workspace.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with on_disk(path) as ws:
        assert [w.title for w in ws.find(s.Win)] == ["Rollout done"]
    qtbot.waitUntil(lambda: tab.summary.wins.value.text() == "1", timeout=5000)


def test_file_menu_exports_the_qbr(
    qtbot: Any, window: Any, monkeypatch: Any, tmp_path: Any
) -> None:
    import openpyxl

    from desktop.qbr_export import export_dialog

    target = tmp_path / "menu-export.xlsx"
    monkeypatch.setattr(export_dialog, "choose_path", lambda parent, suggested: target)
    monkeypatch.setattr(export_dialog, "offer_to_open", lambda *_: None)
    show_account(window, "Northwind Logistics")
    action = window.window_actions.export_qbr
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+E"
    answer = EditionAnswer(Edition.CUSTOMER).arm()  # the edition is asked for a workbook too
    action.trigger()
    qtbot.waitUntil(target.exists, timeout=20_000)
    assert answer.shown_default == [Edition.INTERNAL]
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[0] == "Summary"
    assert "Northwind" in str(book["Summary"]["A1"].value)
    assert {sheet.oddFooter.center.text for sheet in book} == {"Customer edition"}


def test_the_tabs_export_button_exports_through_the_window(
    qtbot: Any, window: Any, monkeypatch: Any, tmp_path: Any
) -> None:
    import openpyxl

    from desktop.qbr_export import export_dialog
    from desktop.qbr_export.export_dialog import QbrExport

    target = tmp_path / "button-export.xlsx"
    suggested: list[str] = []

    def choose_path(parent: Any, name: Any) -> Any:
        suggested.append(name.name)
        return target

    monkeypatch.setattr(export_dialog, "choose_path", choose_path)
    monkeypatch.setattr(export_dialog, "offer_to_open", lambda *_: None)
    tab = _qbr_tab(qtbot, window)
    current = tab.quarter
    tab.quarter_combo.setCurrentIndex(tab.quarter_combo.currentIndex() + 1)  # the one before
    shown = tab.quarter
    assert current is not None and shown is not None and shown.label != current.label
    answer = EditionAnswer(Edition.CUSTOMER).arm()
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    # The window runs it, as for File > Export QBR, and says the outcome in its status bar.
    export = window.findChild(QbrExport)
    assert isinstance(export, QbrExport) and tab.findChild(QbrExport) is None
    qtbot.waitUntil(target.exists, timeout=20_000)
    assert answer.shown_default == [Edition.INTERNAL]
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Exported button-export.xlsx"),
        timeout=20_000,
    )
    # The quarter the tab showed, not the current one File > Export QBR falls back to.
    assert suggested == [f"Northwind Logistics QBR {shown.label}.xlsx"]
    book = openpyxl.load_workbook(target)
    assert shown.label in book.properties.keywords
    assert {sheet.oddFooter.center.text for sheet in book} == {"Customer edition"}
