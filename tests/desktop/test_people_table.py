"""The People tab: real key presses, clicks and inline edits, checked in the file."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QSpinBox

from desktop.people.people_model import COLUMN_INDEX, PeopleFilter, PeopleModel
from graph import schema as s
from graph.cadence import CadenceStatus
from graph.vocabulary import Level
from tests.desktop.helpers import (
    click_cell,
    finish_editing,
    on_disk,
    person_named,
    row_of,
    show_account,
)

NAME = COLUMN_INDEX["name"]


def _people_tab(qtbot: Any, window: Any) -> Any:
    show_account(window, "Northwind Logistics")
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.view.current_page() is window.view.people
    return window.view.people


def test_models_pass_the_model_tester(qtbot: Any, qtmodeltester: Any, window: Any) -> None:
    tab = _people_tab(qtbot, window)
    assert isinstance(tab.model, PeopleModel) and isinstance(tab.proxy, PeopleFilter)
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.proxy)


def test_add_person_with_ctrl_n_undo_redo(qtbot: Any, window: Any, dialogs: Any) -> None:
    path = window.session.path
    tab = _people_tab(qtbot, window)
    dialogs.texts.append("Fay Moreau")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    added = person_named(path, "Fay Moreau")
    assert added is not None
    assert row_of(tab.table, NAME, "Fay Moreau").isValid()
    # The new person is selected, so the inspector shows them.
    assert window.session.selection.nodes() == [f"p{added.id}"]
    assert window.inspector.person.heading.text() == "Fay Moreau"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert person_named(path, "Fay Moreau") is None
    assert tab.model.rowCount() == 5
    window.window_actions.redo.trigger()
    again = person_named(path, "Fay Moreau")
    assert again is not None and again.id == added.id


def test_inline_edits_write_the_file_and_undo(qtbot: Any, window: Any) -> None:
    path = window.session.path
    tab = _people_tab(qtbot, window)
    table = tab.table

    # Text: double-click the title cell, type, Enter.
    title = row_of(table, NAME, "Chen Wei").siblingAtColumn(COLUMN_INDEX["title"])
    click_cell(qtbot, table, title, double=True)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Principal SRE")
    finish_editing(qtbot, table)
    assert person_named(path, "Chen Wei").title == "Principal SRE"

    # Enum: F2 on the level cell opens a combo box; pick "Management".
    level = row_of(table, NAME, "Chen Wei").siblingAtColumn(COLUMN_INDEX["level"])
    table.setCurrentIndex(level)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = table.indexWidget(level) or QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "Operations"
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # picking a value commits it and closes the editor
    assert table.state() != table.State.EditingState
    assert person_named(path, "Chen Wei").level is Level.MANAGEMENT

    # Scale: a spin box for influence, stepped with the arrow key.
    influence = row_of(table, NAME, "Chen Wei").siblingAtColumn(COLUMN_INDEX["influence"])
    table.setCurrentIndex(influence)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    spin = QApplication.focusWidget()
    assert isinstance(spin, QSpinBox)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    finish_editing(qtbot, table)
    assert person_named(path, "Chen Wei").influence == 4

    # Three edits, three undo steps, in reverse order.
    window.window_actions.undo.trigger()
    assert person_named(path, "Chen Wei").influence == 3
    window.window_actions.undo.trigger()
    assert person_named(path, "Chen Wei").level is Level.OPERATIONS
    window.window_actions.undo.trigger()
    assert person_named(path, "Chen Wei").title == "SRE Lead"
    window.window_actions.redo.trigger()
    assert person_named(path, "Chen Wei").title == "Principal SRE"


def test_refused_inline_edit_says_why(qtbot: Any, window: Any) -> None:
    path = window.session.path
    tab = _people_tab(qtbot, window)
    email = row_of(tab.table, NAME, "Eli Hart").siblingAtColumn(COLUMN_INDEX["email"])
    assert not tab.model.setData(tab.proxy.mapToSource(email), "not-an-email")
    assert "not an email address" in window.statusBar().currentMessage()
    assert person_named(path, "Eli Hart").email == "eli@northwind.example"
    assert window.session.undo_stack.count() == 0


def test_filters(qtbot: Any, window: Any) -> None:
    tab = _people_tab(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search.hasFocus()
    qtbot.keyClicks(tab.search, "sre")
    assert tab.proxy.rowCount() == 1  # "SRE Lead"; the other engineer is "Site Reliability"
    assert tab.count.text() == "1 of 5 people"
    tab.search.clear()
    tab.level.setCurrentIndex(tab.level.findData(Level.OPERATIONS))
    assert {tab.proxy.index(r, NAME).data() for r in range(tab.proxy.rowCount())} == {
        "Chen Wei",
        "Eli Hart",
    }
    # Nobody was ever in touch with Eli or Dora: both overdue.
    tab.level.setCurrentIndex(0)
    tab.cadence.setCurrentIndex(tab.cadence.findData(CadenceStatus.OVERDUE))
    names = {tab.proxy.index(r, NAME).data() for r in range(tab.proxy.rowCount())}
    assert {"Eli Hart", "Dora Lind"} <= names
    assert "Ben Okafor" not in names
    tab.search.setText("nobody-matches-this")
    assert tab.pages.currentWidget() is tab.no_match
    tab.reset_filters()
    assert tab.proxy.rowCount() == 5 and tab.pages.currentWidget() is tab.table


def test_delete_person_and_undo_restores_links_and_attendance(qtbot: Any, window: Any) -> None:
    path = window.session.path
    tab = _people_tab(qtbot, window)
    with on_disk(path) as ws:
        ben = ws.find(s.Person, name="Ben Okafor")[0]
        links_before = len(ws.find(s.Relationship))
        attendance_before = len(ws.find(s.InteractionPerson, person_id=ben.id))
        coverage_before = len(ws.find(s.Coverage, person_id=ben.id))
    assert attendance_before == 3 and coverage_before == 1

    click_cell(qtbot, tab.table, row_of(tab.table, NAME, "Ben Okafor"))
    assert window.session.selection.nodes() == [f"p{ben.id}"]
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert person_named(path, "Ben Okafor") is None
    with on_disk(path) as ws:
        assert len(ws.find(s.Relationship)) == links_before - 2  # to Ana, and from Chen
        assert ws.find(s.InteractionPerson, person_id=ben.id) == []
    assert window.statusBar().currentMessage() == "Deleted Ben Okafor — Undo with Ctrl+Z"
    assert window.session.selection.nodes() == []

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with on_disk(path) as ws:
        assert ws.get(s.Person, ben.id).name == "Ben Okafor"
        assert len(ws.find(s.Relationship)) == links_before
        assert len(ws.find(s.InteractionPerson, person_id=ben.id)) == attendance_before
        assert len(ws.find(s.Coverage, person_id=ben.id)) == coverage_before
    assert tab.model.rowCount() == 5


def test_selection_is_shared_both_ways(qtbot: Any, window: Any) -> None:
    tab = _people_tab(qtbot, window)
    selection = window.session.selection
    dora = row_of(tab.table, NAME, "Dora Lind")
    click_cell(qtbot, tab.table, dora)
    dora_id = tab.proxy.data(dora, Qt.ItemDataRole.UserRole + 2)
    assert selection.nodes() == [f"p{dora_id}"]

    # Another view (the map) selects someone else: the table follows.
    ana_id = tab.proxy.data(row_of(tab.table, NAME, "Ana Ruiz"), Qt.ItemDataRole.UserRole + 2)
    selection.set_nodes([f"p{ana_id}"], source="map")
    rows = tab.table.selectionModel().selectedRows()
    assert [r.data() for r in rows] == ["Ana Ruiz"]
    # A relationship picked on the map clears the table's selection.
    selection.set_nodes(["r1"], source="map")
    assert tab.table.selectionModel().selectedRows() == []


def test_delete_several_people_is_one_undo_step(qtbot: Any, window: Any) -> None:
    path = window.session.path
    tab = _people_tab(qtbot, window)
    click_cell(qtbot, tab.table, row_of(tab.table, NAME, "Chen Wei"))
    eli = row_of(tab.table, NAME, "Eli Hart")
    tab.table.scrollTo(eli)
    qtbot.mouseClick(
        tab.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        tab.table.visualRect(eli).center(),
    )
    assert len(window.session.selection.nodes()) == 2
    window.window_actions.delete.trigger()
    assert person_named(path, "Chen Wei") is None and person_named(path, "Eli Hart") is None
    assert window.statusBar().currentMessage().startswith("Deleted 2 items")
    assert window.session.undo_stack.count() == 1
    window.window_actions.undo.trigger()
    assert person_named(path, "Chen Wei") is not None and person_named(path, "Eli Hart") is not None
    with on_disk(path) as ws:  # Eli reports to Chen again: the link between them came back
        chen = ws.find(s.Person, name="Chen Wei")[0]
        eli_id = ws.find(s.Person, name="Eli Hart")[0].id
        assert ws.find(s.Relationship, source_id=eli_id, target_id=chen.id)
