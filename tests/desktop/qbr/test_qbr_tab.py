"""The QBR tab driven like a user: add, type, pick, undo, redo and delete; checked in the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from desktop.qbr import tables
from desktop.qbr.qbr_tab import QbrTab
from desktop.qbr.record_delegate import DateEditor
from desktop.qbr.record_table import RecordTable
from graph import schema as s
from graph.vocabulary import Severity
from tests.desktop.helpers import click_cell, finish_editing, on_disk
from tests.desktop.qbr.account import Q2, Q3, Northwind

WIN_TITLE = tables.WINS.column("title")
WIN_IMPACT = tables.WINS.column("impact_value")


def _wins(path: Path) -> dict[str, s.Win]:
    with on_disk(path) as ws:
        return {w.title: w for w in ws.find(s.Win)}


def _table(tab: QbrTab, spec: Any, section: str) -> RecordTable:
    tab.show_section(section)
    return tab.tables[spec.table]


def _row(table: RecordTable, text: str, column: int = 0) -> int:
    for row in range(table.model.rowCount()):
        if table.model.index(row, column).data() == text:
            return row
    raise AssertionError(f"no row {text!r} in {table.spec.title}")


def _type_into(qtbot: Any, table: RecordTable, row: int, column: int, text: str) -> None:
    """Double-click a cell, replace its text by typing, press Enter."""
    click_cell(qtbot, table.table, table.model.index(row, column), double=True)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    finish_editing(qtbot, table.table)


def test_models_pass_the_model_tester(qtmodeltester: Any, tab: QbrTab) -> None:
    tab.tables[tables.METRICS.table].select_key(tab.tables[tables.METRICS.table].model.key(0))
    for table in tab.tables.values():
        assert table.model.rowCount() > 0, table.spec.title
        qtmodeltester.check(table.model)


def test_add_edit_undo_redo_delete_a_win(
    qtbot: Any, tab: QbrTab, qbr_path: Path, undo_stack: QUndoStack
) -> None:
    wins = _table(tab, tables.WINS, "Wins")
    assert wins.model.rowCount() == 2  # the Q3 wins; the May win belongs to Q2

    # Add: the new row opens its title for typing.
    qtbot.mouseClick(wins.add, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "New win"
    qtbot.keyClicks(editor, "Invoices sent same day")
    finish_editing(qtbot, wins.table)
    on_file = _wins(qbr_path)
    assert "Invoices sent same day" in on_file
    added = on_file["Invoices sent same day"]
    assert added.won_on == dt.date(2026, 9, 20)  # today, inside the quarter
    assert wins.model.rowCount() == 3

    # Edit: type a business impact into the Impact cell.
    row = _row(wins, "Invoices sent same day", WIN_TITLE)
    _type_into(qtbot, wins, row, WIN_IMPACT, "1,250")
    assert _wins(qbr_path)["Invoices sent same day"].impact_value == 1250.0
    assert wins.model.index(row, WIN_IMPACT).data() == "1,250"

    # Three steps: add, title, impact. Undo them one by one, checking the file each time.
    assert undo_stack.count() == 3
    undo_stack.undo()
    assert _wins(qbr_path)["Invoices sent same day"].impact_value is None
    undo_stack.undo()
    assert "New win" in _wins(qbr_path)
    undo_stack.undo()
    assert set(_wins(qbr_path)) == {
        "EU rollout finished two weeks early",
        "Fewer delayed orders at the Rotterdam hub",
        "On-call noise halved",
    }
    assert wins.model.rowCount() == 2
    for _ in range(3):
        undo_stack.redo()
    again = _wins(qbr_path)["Invoices sent same day"]
    assert again.id == added.id and again.impact_value == 1250.0
    assert wins.model.rowCount() == 3

    # Delete with the Delete key on the selected row; undo brings it back with its id. The
    # table takes the key even when the window has a Delete action of its own (the map's).
    window_delete = QAction("Delete", tab)
    window_delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    tab.addAction(window_delete)
    window_deletes: list[bool] = []
    window_delete.triggered.connect(lambda: window_deletes.append(True))
    row = _row(wins, "Invoices sent same day", WIN_TITLE)
    wins.table.selectRow(row)
    wins.table.setFocus()
    assert tab.has_deletable_focus()
    qtbot.keyClick(wins.table, Qt.Key.Key_Delete)
    assert window_deletes == []
    assert "Invoices sent same day" not in _wins(qbr_path)
    assert wins.model.rowCount() == 2
    assert undo_stack.undoText() == "Delete win “Invoices sent same day”"
    undo_stack.undo()
    assert _wins(qbr_path)["Invoices sent same day"].id == added.id
    assert wins.model.rowCount() == 3


def test_pick_values_in_combo_and_date_editors(
    qtbot: Any, tab: QbrTab, qbr_path: Path, northwind: Northwind
) -> None:
    tickets = _table(tab, tables.TICKETS, "Support")
    row = _row(tickets, "NW-114")
    # Severity: F2 opens a combo box; picking a value commits it.
    index = tickets.model.index(row, tables.TICKETS.column("severity") or 0)
    tickets.table.setFocus()
    tickets.table.setCurrentIndex(index)
    qtbot.keyClick(tickets.table, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox) and combo.currentText() == "SEV3"
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    with on_disk(qbr_path) as ws:
        assert ws.find(s.Ticket, reference="NW-114")[0].severity is Severity.SEV2

    # A date: an empty date opens on a day of the quarter, with the day ready for typing.
    index = tickets.model.index(row, tables.TICKETS.column("resolved_on") or 0)
    tickets.table.setCurrentIndex(index)
    qtbot.keyClick(tickets.table, Qt.Key.Key_F2)
    date = QApplication.focusWidget()
    assert isinstance(date, DateEditor) and date.text() == "20 Sep 2026"
    qtbot.keyClicks(date, "3")
    finish_editing(qtbot, tickets.table)
    with on_disk(qbr_path) as ws:
        assert ws.find(s.Ticket, reference="NW-114")[0].resolved_on == dt.date(2026, 9, 3)
    # Delete empties an optional date.
    tickets.table.setCurrentIndex(index)
    qtbot.keyClick(tickets.table, Qt.Key.Key_F2)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    with on_disk(qbr_path) as ws:
        assert ws.find(s.Ticket, reference="NW-114")[0].resolved_on is None
    assert tickets.model.index(row, index.column()).data() == "—"

    # A person: the champion of a win, picked by name.
    wins = _table(tab, tables.WINS, "Wins")
    row = _row(wins, "EU rollout finished two weeks early", WIN_TITLE)
    index = wins.model.index(row, tables.WINS.column("champion_id") or 0)
    wins.table.setFocus()
    wins.table.setCurrentIndex(index)
    qtbot.keyClick(wins.table, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox) and combo.currentText() == "Ben Okafor"
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names == ["Nobody", "Ana Ruiz", "Ben Okafor", "Chen Wei"]
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    assert (
        _wins(qbr_path)["EU rollout finished two weeks early"].champion_id
        == (northwind.people["ana"])
    )
    assert wins.model.index(row, index.column()).data() == "Ana Ruiz"


def test_refused_values_are_shown_not_written(
    qtbot: Any, tab: QbrTab, qbr_path: Path, undo_stack: QUndoStack
) -> None:
    wins = _table(tab, tables.WINS, "Wins")
    row = _row(wins, "EU rollout finished two weeks early", WIN_TITLE)
    _type_into(qtbot, wins, row, WIN_TITLE, "   ")
    assert wins.error.isVisible()
    assert "title is required" in wins.error.text()
    cell = wins.model.index(row, WIN_TITLE)
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "title is required" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "EU rollout finished two weeks early" in _wins(qbr_path)
    assert undo_stack.count() == 0

    # Not a number: said in words, nothing written.
    _type_into(qtbot, wins, row, WIN_IMPACT, "lots")
    assert "is not a number" in wins.error.text()
    # A ticket resolved before it was opened: the workspace refuses it, the cell turns red.
    tickets = _table(tab, tables.TICKETS, "Support")
    trow = _row(tickets, "NW-101")
    resolved = tickets.model.index(trow, tables.TICKETS.column("resolved_on") or 0)
    assert not tickets.model.setData(resolved, dt.date(2026, 6, 1))
    assert "cannot be resolved before it was opened" in tickets.error.text()
    assert resolved.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert undo_stack.count() == 0

    # A good edit clears the message.
    _type_into(qtbot, wins, row, WIN_TITLE, "EU rollout done early")
    assert not wins.error.isVisible()
    assert wins.model.index(row, WIN_TITLE).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "EU rollout done early" in _wins(qbr_path)


def test_summary_follows_edits(qtbot: Any, tab: QbrTab, undo_stack: QUndoStack) -> None:
    summary = tab.summary
    assert summary.wins.value.text() == "2"
    assert summary.health.value.text() in ("Green", "Amber", "Red")
    assert summary.arr.value.text() == "USD 420k"
    wins = _table(tab, tables.WINS, "Wins")
    wins.add_record()
    qtbot.waitUntil(lambda: summary.wins.value.text() == "3", timeout=5000)
    assert "New win" in summary.headline_wins.detail.text()
    undo_stack.undo()
    qtbot.waitUntil(lambda: summary.wins.value.text() == "2", timeout=5000)


def test_switching_quarter_changes_what_is_shown(qtbot: Any, tab: QbrTab) -> None:
    combo = tab.quarter_combo
    assert combo.currentData() == Q3 and "(current)" in combo.currentText()
    assert combo.count() == 8
    wins = tab.tables[tables.WINS.table]
    assert wins.model.rowCount() == 2
    assert combo.itemText(1).startswith("Q2 2026")
    combo.setCurrentIndex(1)
    assert tab.quarter == Q2
    assert [wins.model.index(r, WIN_TITLE).data() for r in range(wins.model.rowCount())] == [
        "On-call noise halved"
    ]
    tickets = tab.tables[tables.TICKETS.table]
    assert [tickets.model.index(r, 0).data() for r in range(tickets.model.rowCount())] == ["NW-090"]
    assert "Q2 2026" in tab.subtitle.text()
    qtbot.waitUntil(lambda: tab.qbr is not None and tab.qbr.quarter == Q2, timeout=5000)
    assert tab.summary.wins.value.text() == "1"
    # A new win in a past quarter is dated inside that quarter.
    row = wins.add_record()
    assert row is not None
    assert wins.model.record(row).won_on == Q2.end


def test_usage_metric_and_its_measurements(
    qtbot: Any, tab: QbrTab, qbr_path: Path, undo_stack: QUndoStack, northwind: Northwind
) -> None:
    metrics = _table(tab, tables.METRICS, "Usage")
    points = tab.tables[tables.POINTS.table]
    metrics.select_key(northwind.metrics["Hosts covered"])
    assert points.model.parent_id == northwind.metrics["Hosts covered"]
    assert points.model.rowCount() == 6
    assert points.model.index(0, 0).data() == "15 Sep 2026"  # newest first
    # The measurement's date is part of its key: the edit replaces it, in one undo step.
    _type_into(qtbot, points, 0, 1, "450")
    with on_disk(qbr_path) as ws:
        latest = ws.get(s.UsagePoint, (northwind.metrics["Hosts covered"], dt.date(2026, 9, 15)))
        assert latest.value == 450.0
    index = points.model.index(0, 0)
    assert points.model.setData(index, dt.date(2026, 9, 18))
    assert points.model.index(0, 0).data() == "18 Sep 2026"
    with on_disk(qbr_path) as ws:
        dates = [p.measured_on for p in ws.find(s.UsagePoint, metric_id=points.model.parent_id)]
    assert dt.date(2026, 9, 18) in dates and dt.date(2026, 9, 15) not in dates
    undo_stack.undo()
    with on_disk(qbr_path) as ws:
        assert ws.get(s.UsagePoint, (points.model.parent_id, dt.date(2026, 9, 15))).value == 450
    # A new measurement continues the series.
    row = points.add_record()
    assert row is not None and points.model.index(row, 0).data() == "15 Oct 2026"
    # Adding a metric selects nothing new but lists it; its measurements start empty.
    metrics.add_record()
    assert metrics.model.rowCount() == 3
    metrics.select_key(metrics.model.key(2))
    assert points.model.rowCount() == 0 and points.pages.currentWidget() is points.empty


def test_shared_roadmap_and_changes_made_elsewhere(
    qtbot: Any, tab: QbrTab, qbr_ws: Any, northwind: Northwind
) -> None:
    roadmap = _table(tab, tables.ROADMAP, "Roadmap")
    requests = tab.tables[tables.REQUESTS.table]
    assert roadmap.note.text() == "Shared by every account"
    row = roadmap.add_record()
    assert row is not None
    choices = requests.model.index(0, tables.REQUESTS.column("roadmap_item_id") or 0).data(
        Qt.ItemDataRole.UserRole + 2
    )
    assert ("New roadmap item (Planned)", roadmap.model.key(row)) in choices
    # Another view adds a risk: the table and the summary follow.
    risks = tab.tables[tables.RISKS.table]
    qbr_ws.add(
        s.Risk(account_id=northwind.account_id, title="Champion may leave", raised_on=Q3.start)
    )
    assert risks.model.rowCount() == 2
    top_risks = tab.summary.top_risks.detail
    qtbot.waitUntil(lambda: "Champion may leave" in top_risks.text(), timeout=5000)


def test_charts_are_drawn_for_the_section_on_show(qtbot: Any, tab: QbrTab) -> None:
    summary_chart = tab.charts["engagement-per-level"]  # the summary's: drawn with the QBR
    qtbot.waitUntil(lambda: summary_chart.image is not None, timeout=5000)
    assert tab.charts["roadmap-fit"].image is None  # not drawn until its section is shown
    tab.show_section("Roadmap")
    qtbot.waitUntil(lambda: tab.charts["roadmap-fit"].image is not None, timeout=5000)
    image = tab.charts["roadmap-fit"].image
    assert image.width() >= 640 and abs(image.height() / image.width() - 9 / 16) < 0.01


def test_export_button_asks_for_the_account_and_quarter_on_show(
    qtbot: Any, tab: QbrTab, northwind: Northwind
) -> None:
    # The tab only asks: the window starts the export (the tab never loads it).
    with qtbot.waitSignal(tab.export_requested, timeout=1000) as asked:
        qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert asked.args == [northwind.account_id, Q3]
    tab.quarter_combo.setCurrentIndex(1)  # Q2 2026
    with qtbot.waitSignal(tab.export_requested, timeout=1000) as asked:
        qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert asked.args == [northwind.account_id, Q2]
    tab.set_account(None)
    with qtbot.assertNotEmitted(tab.export_requested):
        tab.export()


def test_no_account_shows_the_empty_page(tab: QbrTab) -> None:
    tab.set_account(None)
    assert tab.stack.currentWidget() is tab.empty
    assert tab.quarter is None


def test_a_hidden_tab_waits_to_be_shown(qtbot: Any, tab: QbrTab, undo_stack: QUndoStack) -> None:
    tab.hide()
    generation = tab.preview.generation
    tab.tables[tables.WINS.table].add_record()
    qtbot.wait(400)  # past the debounce: nothing is computed for a tab nobody sees
    assert tab.preview.generation == generation
    assert tab.summary.wins.value.text() == "2"
    tab.show()
    qtbot.waitUntil(lambda: tab.summary.wins.value.text() == "3", timeout=5000)


def test_delete_several_rows_is_one_undo_step(
    qtbot: Any, tab: QbrTab, qbr_path: Path, undo_stack: QUndoStack
) -> None:
    actions = _table(tab, tables.ACTIONS, "Plan & risks")
    actions.add_record()
    assert actions.model.rowCount() == 2
    actions.table.selectAll()
    qtbot.mouseClick(actions.delete, Qt.MouseButton.LeftButton)
    with on_disk(qbr_path) as ws:
        assert ws.find(s.ActionItem) == []
    assert actions.model.rowCount() == 0 and actions.pages.currentWidget() is actions.empty
    assert undo_stack.undoText() == "Delete 2 actions"
    undo_stack.undo()
    with on_disk(qbr_path) as ws:
        assert len(ws.find(s.ActionItem)) == 2
    assert actions.model.rowCount() == 2
    actions.add_record()  # a new step drops the undone ones from the stack: no crash
    assert undo_stack.count() == 2
