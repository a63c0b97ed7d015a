"""The import wizard driven through its real widgets, checked against the workspace file."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWizard

from desktop.import_wizard import apply_page
from desktop.import_wizard.wizard import ImportWizard
from graph import schema as s
from graph.imports import Action, kinds
from graph.workspace import Workspace
from tests.desktop.import_wizard import files
from tests.desktop.import_wizard.conftest import (
    WAIT_MS,
    chip_counts,
    choose_in_combo,
    click,
    next_page,
    pick_file,
)

Make = Callable[..., ImportWizard]
Write = Callable[[str, bytes], Path]
COMMIT = QWizard.WizardButton.CommitButton
FINISH = QWizard.WizardButton.FinishButton


def people_in_file(ws: Workspace, account_id: int) -> dict[str, s.Person]:
    assert ws.path is not None
    with Workspace.open(ws.path, readonly=True) as fresh:
        return {p.name: p for p in fresh.people(account_id)}


def interactions_in_file(ws: Workspace, account_id: int) -> list[s.Interaction]:
    assert ws.path is not None
    with Workspace.open(ws.path, readonly=True) as fresh:
        return fresh.interactions(account_id)


def wait_for_plan(qtbot: Any, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.dry_run_page.planning, timeout=WAIT_MS)


def import_and_finish(qtbot: Any, wizard: ImportWizard) -> None:
    click(qtbot, wizard, COMMIT)
    assert wizard.currentId() == ImportWizard.APPLY
    qtbot.waitUntil(wizard.apply_page.isComplete, timeout=WAIT_MS)
    click(qtbot, wizard, FINISH)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=WAIT_MS)


def test_contacts_with_a_mapping_change_import_as_one_undo_step(
    qtbot: Any,
    make_wizard: Make,
    write_file: Write,
    portfolio: tuple[Workspace, int],
    undo_stack: QUndoStack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws, northwind = portfolio
    path = write_file("Northwind contacts.csv", files.salesforce_csv())
    wizard = make_wizard()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    pick_file(qtbot, wizard, path, monkeypatch)
    assert wizard.file_page.kind.currentText() == "Contacts (CSV, TSV or Excel)"

    assert next_page(qtbot, wizard) == ImportWizard.ACCOUNT
    assert wizard.account_page.account.currentText() == "Northwind Traders"
    assert "0 people" in wizard.account_page.about.text()

    assert next_page(qtbot, wizard) == ImportWizard.MAPPING
    mapping = wizard.mapping_page
    qtbot.waitUntil(lambda: not mapping.reading, timeout=WAIT_MS)
    assert mapping.combo("Email").currentText() == "Email"
    assert mapping.combo("Influence Score").currentText() == "Ignore"
    headers = [mapping.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers[0] == "Name" and "Influence" not in headers
    choose_in_combo(qtbot, mapping.combo("Influence Score"), "Influence")
    model = mapping.model
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Influence" in columns
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first[0] == "Ana Ruiz" and first[columns.index("Influence")] == "5"
    assert "Read as comma-separated text" in mapping.status.text()

    assert next_page(qtbot, wizard) == ImportWizard.DRY_RUN
    wait_for_plan(qtbot, wizard)
    assert chip_counts(wizard) == {
        "All": "7",
        "To add": "5",
        "To update": "0",
        "Unchanged": "0",
        "Skipped": "1",
        "Conflicts": "1",
    }
    page = wizard.dry_run_page
    assert page.summary.text() == "Ready to import into Northwind Traders: 5 people to add."
    assert page.skipped.text() == "Skipped: another company (1)"
    assert not page.problems.isVisible()
    qtbot.mouseClick(page.chip[Action.CONFLICT], Qt.MouseButton.LeftButton)
    assert page.entries_filter.rowCount() == 1
    assert "Chloé Dubois" in page.entries_filter.index(0, 2).data()
    qtbot.mouseClick(page.chip[None], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.search, "okafor")
    assert page.entries_filter.rowCount() == 1
    assert wizard.button(COMMIT).isEnabled()
    assert people_in_file(ws, northwind) == {}  # a dry run writes nothing

    import_and_finish(qtbot, wizard)
    imported = people_in_file(ws, northwind)
    assert sorted(imported) == [
        "Ana Ruiz",
        "Bruno Costa",
        "Chloé Dubois",
        "Dmitri Ivanov",
        "Eve Okafor",
    ]
    assert imported["Bruno Costa"].influence == 4  # the column the user mapped
    assert imported["Eve Okafor"].title == "CISO"
    assert undo_stack.count() == 1 and undo_stack.undoText() == "Import Northwind contacts.csv"

    undo_stack.undo()
    assert people_in_file(ws, northwind) == {}
    undo_stack.redo()
    assert len(people_in_file(ws, northwind)) == 5
    assert people_in_file(ws, northwind)["Ana Ruiz"].influence == 5


def test_vcards_skip_the_mapping_step(
    qtbot: Any,
    make_wizard: Make,
    write_file: Write,
    portfolio: tuple[Workspace, int],
    undo_stack: QUndoStack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws, northwind = portfolio
    path = write_file("contacts.vcf", files.vcards())
    wizard = make_wizard()
    pick_file(qtbot, wizard, path, monkeypatch)
    assert wizard.file_page.kind.currentText() == "vCards (.vcf)"
    assert next_page(qtbot, wizard) == ImportWizard.ACCOUNT
    assert next_page(qtbot, wizard) == ImportWizard.DRY_RUN
    wait_for_plan(qtbot, wizard)
    counts = chip_counts(wizard)
    assert (counts["To add"], counts["Skipped"], counts["Conflicts"]) == ("2", "1", "0")
    assert "organisation card" in wizard.dry_run_page.skipped.text()

    import_and_finish(qtbot, wizard)
    assert sorted(people_in_file(ws, northwind)) == ["Ana Ruiz", "Walter Boss"]
    undo_stack.undo()
    assert people_in_file(ws, northwind) == {}
    undo_stack.redo()
    assert sorted(people_in_file(ws, northwind)) == ["Ana Ruiz", "Walter Boss"]


def test_a_calendar_goes_through_the_period_step(
    qtbot: Any,
    make_wizard: Make,
    write_file: Write,
    portfolio: tuple[Workspace, int],
    undo_stack: QUndoStack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws, northwind = portfolio
    with ws.batch():
        ws.add(s.Person(account_id=northwind, name="Ana Ruiz", email="ana.ruiz@northwind.example"))
        ws.add(
            s.Person(
                account_id=northwind, name="Bruno Costa", email="bruno.costa@northwind.example"
            )
        )
    path = write_file("Outlook.ics", files.calendar())
    wizard = make_wizard()
    pick_file(qtbot, wizard, path, monkeypatch)
    assert wizard.file_page.kind.currentText() == "Calendar meetings (.ics)"
    assert next_page(qtbot, wizard) == ImportWizard.ACCOUNT
    assert next_page(qtbot, wizard) == ImportWizard.PERIOD
    period = wizard.period_page
    assert period.since.date().toString("yyyy-MM-dd") == "2025-05-22"
    assert period.until.date().toString("yyyy-MM-dd") == "2026-11-22"
    qtbot.mouseClick(
        next(b for b in period.findChildren(type(wizard.dry_run_page.stop)) if "3" in b.text()),
        Qt.MouseButton.LeftButton,
    )
    assert period.since.date().toString("yyyy-MM-dd") == "2026-08-22"

    assert next_page(qtbot, wizard) == ImportWizard.DRY_RUN
    wait_for_plan(qtbot, wizard)
    counts = chip_counts(wizard)
    assert (counts["To add"], counts["Skipped"]) == ("2", "1")
    assert wizard.dry_run_page.summary.text().endswith("2 meetings to add.")
    assert "2026-08-22 to 2026-11-22" in wizard.dry_run_page.notes.text()

    import_and_finish(qtbot, wizard)
    assert len(interactions_in_file(ws, northwind)) == 2
    undo_stack.undo()
    assert interactions_in_file(ws, northwind) == []
    undo_stack.redo()
    assert sorted(i.summary for i in interactions_in_file(ws, northwind)) == [
        "Northwind QBR",
        "Platform sync call",
    ]


def test_a_bad_row_is_shown_with_its_row_and_keeps_import_off(
    qtbot: Any,
    make_wizard: Make,
    write_file: Write,
    portfolio: tuple[Workspace, int],
    undo_stack: QUndoStack,
) -> None:
    ws, northwind = portfolio
    path = write_file("contacts.csv", files.with_bad_email())
    wizard = make_wizard(path)  # as after a drop on the window
    qtbot.waitUntil(lambda: not wizard.file_page.guessing, timeout=WAIT_MS)
    next_page(qtbot, wizard)
    assert next_page(qtbot, wizard) == ImportWizard.MAPPING
    qtbot.waitUntil(lambda: not wizard.mapping_page.reading, timeout=WAIT_MS)
    assert next_page(qtbot, wizard) == ImportWizard.DRY_RUN
    wait_for_plan(qtbot, wizard)
    page = wizard.dry_run_page
    assert page.problems.isVisible()
    assert page.problems.rows() == [
        ("contacts.csv", "row 4", "Email", "'chloe.dubois at northwind' is not an email address")
    ]
    assert page.problems_title.text() == "1 problem to fix before anything can be imported"
    assert "Fix the file" in page.advice.text() and "Preview again" in page.advice.text()
    assert not wizard.button(COMMIT).isEnabled()

    path.write_bytes(files.salesforce_csv())  # the user fixes the file and previews again
    qtbot.mouseClick(page.again, Qt.MouseButton.LeftButton)
    wait_for_plan(qtbot, wizard)
    assert not page.problems.isVisible()
    qtbot.waitUntil(wizard.button(COMMIT).isEnabled, timeout=WAIT_MS)
    assert people_in_file(ws, northwind) == {} and undo_stack.count() == 0


def test_mapping_without_names_cannot_go_on(
    qtbot: Any, make_wizard: Make, write_file: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = make_wizard()
    pick_file(qtbot, wizard, write_file("c.csv", files.salesforce_csv()), monkeypatch)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    mapping = wizard.mapping_page
    qtbot.waitUntil(lambda: not mapping.reading, timeout=WAIT_MS)
    for column in ("First Name", "Last Name", "Email"):
        choose_in_combo(qtbot, mapping.combo(column), "Ignore")
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "names" in mapping.problem.text()
    choose_in_combo(qtbot, mapping.combo("Contact ID"), "Email")
    assert mapping.combo("Contact ID").currentText() == "Email"
    # A field fills one column: giving "Last Name" the email field takes it from "Contact ID".
    choose_in_combo(qtbot, mapping.combo("Last Name"), "Email")
    assert mapping.combo("Contact ID").currentText() == "Ignore"
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_file_gone_before_it_is_read_is_explained_in_words(
    qtbot: Any, make_wizard: Make, write_file: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_file("export.csv", files.salesforce_csv())
    wizard = make_wizard()
    pick_file(qtbot, wizard, path, monkeypatch)
    path.unlink()  # moved away while the user picks the account
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    qtbot.waitUntil(lambda: not wizard.mapping_page.reading, timeout=WAIT_MS)
    assert wizard.mapping_page.problems.rows() == [("export.csv", "", "", "no such file")]
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def _slow_planner(real: Callable[..., Any]) -> Callable[..., Any]:
    """The real planner, whose first progress report waits until the user cancels."""

    def plan(*args: Any, progress: Any, cancelled: Any, **options: Any) -> Any:
        def hold(fraction: float) -> None:
            progress(fraction)
            deadline = time.monotonic() + 5
            while not cancelled() and time.monotonic() < deadline:
                time.sleep(0.005)

        return real(*args, progress=hold, cancelled=cancelled, **options)

    return plan


def test_stopping_the_dry_run_changes_nothing(
    qtbot: Any,
    make_wizard: Make,
    write_file: Write,
    portfolio: tuple[Workspace, int],
    undo_stack: QUndoStack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws, northwind = portfolio
    monkeypatch.setitem(kinds.PLANNERS, "vcards", _slow_planner(kinds.PLANNERS["vcards"]))
    wizard = make_wizard(write_file("people.vcf", files.vcards()))
    qtbot.waitUntil(lambda: not wizard.file_page.guessing, timeout=WAIT_MS)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    page = wizard.dry_run_page
    assert page.planning and page.stop.isVisible() and page.progress.isVisible()
    qtbot.mouseClick(page.stop, Qt.MouseButton.LeftButton)
    wait_for_plan(qtbot, wizard)
    assert page.summary.text() == "Preview stopped. Nothing was changed."
    assert not wizard.button(COMMIT).isEnabled()

    # Cancel while a dry run is under way: the wizard stops it, then closes.
    qtbot.mouseClick(page.again, Qt.MouseButton.LeftButton)
    assert page.planning
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=WAIT_MS)
    assert not wizard.busy
    assert people_in_file(ws, northwind) == {} and undo_stack.count() == 0


def test_stopping_the_import_leaves_the_file_as_it_was(
    qtbot: Any,
    make_wizard: Make,
    write_file: Write,
    portfolio: tuple[Workspace, int],
    undo_stack: QUndoStack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws, northwind = portfolio
    monkeypatch.setattr(apply_page, "apply_import", _slow_planner(apply_page.apply_import))
    wizard = make_wizard(write_file("people.vcf", files.vcards()))
    qtbot.waitUntil(lambda: not wizard.file_page.guessing, timeout=WAIT_MS)
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    wait_for_plan(qtbot, wizard)
    click(qtbot, wizard, COMMIT)
    page = wizard.apply_page
    assert page.importing
    assert not wizard.button(FINISH).isEnabled()
    qtbot.mouseClick(page.stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.importing, timeout=WAIT_MS)
    assert page.summary.text() == "Import stopped. Nothing was changed."
    assert people_in_file(ws, northwind) == {} and undo_stack.count() == 0

    # Back to the preview, and this time the import goes through.
    monkeypatch.undo()
    qtbot.mouseClick(page.back_to_preview, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == ImportWizard.DRY_RUN
    wait_for_plan(qtbot, wizard)
    import_and_finish(qtbot, wizard)
    assert len(people_in_file(ws, northwind)) == 2 and undo_stack.count() == 1
