"""Export QBR…: the workbook is written by a worker with progress; cancel and errors leave the
file system as it was, and errors are said in words."""

from __future__ import annotations

import threading
from collections.abc import Generator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QWidget

from desktop.qbr.qbr_tab import QbrTab
from desktop.qbr_export import export_dialog
from desktop.qbr_export.export_dialog import QbrExport, start_qbr_export
from graph.workspace import Workspace
from reports import workbook
from tests.desktop.conftest import Dialogs
from tests.desktop.qbr.account import Q3, Northwind
from tests.desktop.qbr_export.outside import Outside, run_export


@pytest.mark.usefixtures("export_from_the_tab")
def test_export_from_the_tab_in_a_worker_with_progress(
    qtbot: Any,
    tab: QbrTab,
    outside: Outside,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[threading.Thread] = []
    real_steps = workbook.export_workbook_steps

    def watched(*args: Any, **kwargs: Any) -> Generator[float, None, None]:
        threads.append(threading.current_thread())
        yield from real_steps(*args, **kwargs)

    monkeypatch.setattr(workbook, "export_workbook_steps", watched)
    progress: list[float] = []
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    export = tab.findChild(QbrExport)
    assert isinstance(export, QbrExport)
    export.signals.progress.connect(progress.append)
    assert export.dialog.isVisible()
    assert export.dialog.label.text() == "Assembling the QBR…"
    finished: list[Path] = []
    export.finished.connect(finished.append)
    run_export(qtbot, export)

    target = outside.target
    assert target is not None
    assert outside.suggested[0].name == "Northwind Logistics QBR 2026-Q3.xlsx"
    assert finished == [target] and target.is_file()
    assert threads and threads[0] is not threading.main_thread()
    assert progress == sorted(progress) and progress[-1] == 1.0 and len(progress) >= 10
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == list(workbook.SHEETS)
    assert book["Summary"]["A1"].value.startswith("Northwind Logistics")
    assert len(book["Map"]._images) == 1  # the stakeholder map, drawn once the QBR was assembled
    assert outside.offered == [target]
    assert outside.opened == [QUrl.fromLocalFile(str(target.parent))]
    assert dialogs.errors == []
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no leftovers


def test_cancel_leaves_no_file(
    qtbot: Any,
    parent: QWidget,
    qbr_ws: Workspace,
    northwind: Northwind,
    outside: Outside,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = threading.Event()
    real_steps = workbook.export_workbook_steps

    def slow(*args: Any, **kwargs: Any) -> Generator[float, None, None]:
        steps = real_steps(*args, **kwargs)
        try:
            yield next(steps)
            gate.wait(10)  # hold the worker after the first sheet until the user has cancelled
            yield from steps
        finally:
            steps.close()

    monkeypatch.setattr(workbook, "export_workbook_steps", slow)
    export = start_qbr_export(parent, qbr_ws, northwind.account_id, Q3)
    assert export is not None
    qtbot.waitUntil(lambda: export.dialog.bar.value() > 10, timeout=10_000)
    cancel = export.dialog.cancel_button
    assert cancel.isVisible() and cancel.text() == "Cancel"
    cancelled: list[bool] = []
    export.cancelled.connect(lambda: cancelled.append(True))
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    gate.set()
    run_export(qtbot, export)
    assert cancelled == [True]
    assert outside.target is not None and not outside.target.exists()
    assert list(outside.target.parent.iterdir()) == []
    assert outside.offered == []


def test_file_open_in_excel_is_said_in_words(
    qtbot: Any,
    parent: QWidget,
    qbr_ws: Workspace,
    northwind: Northwind,
    outside: Outside,
    dialogs: Dialogs,
) -> None:
    target = outside.target
    assert target is not None
    target.write_bytes(b"last quarter's workbook")
    (target.parent / f"~${target.name}").write_bytes(b"")  # Excel's lock file
    failed: list[str] = []
    export = start_qbr_export(parent, qbr_ws, northwind.account_id, Q3)
    assert export is not None
    export.failed.connect(failed.append)
    run_export(qtbot, export)
    assert len(dialogs.errors) == 1 and "open in another program" in dialogs.errors[0]
    assert failed == dialogs.errors
    assert target.read_bytes() == b"last quarter's workbook"  # untouched
    assert outside.offered == []


def test_cancelled_file_dialog_does_nothing(
    parent: QWidget, qbr_ws: Workspace, northwind: Northwind, outside: Outside
) -> None:
    outside.target = None
    assert start_qbr_export(parent, qbr_ws, northwind.account_id, Q3) is None
    assert parent.findChild(QbrExport) is None


@pytest.mark.usefixtures("export_from_the_tab")
def test_export_a_deck_in_the_chosen_edition(
    qtbot: Any,
    tab: QbrTab,
    outside: Outside,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pptx import Presentation

    from reports.edition import Edition, Sharing

    assert outside.target is not None
    outside.target = outside.target.with_suffix(".pptx")
    asked: list[bool] = []

    def choose_edition(parent: QWidget | None, target: Path) -> Sharing:
        asked.append(True)
        return Sharing(Edition.INTERNAL)

    monkeypatch.setattr(export_dialog, "choose_edition", choose_edition)
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    export = tab.findChild(QbrExport)
    assert isinstance(export, QbrExport)
    run_export(qtbot, export)

    assert asked == [True] and dialogs.errors == []
    prs = Presentation(str(outside.target))
    titles = [s.shapes.title.text_frame.text for s in prs.slides if s.shapes.title is not None]
    assert "Relationship coverage (internal)" in titles
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert len(pictures) == 1  # the map, drawn on the GUI thread before the worker ran
    footers = {sh.text_frame.text for sh in prs.slides[3].shapes if sh.has_text_frame}
    assert any(text.endswith("Internal edition") for text in footers)
    assert [p.name for p in outside.target.parent.iterdir()] == [outside.target.name]


@pytest.mark.usefixtures("export_from_the_tab")
def test_cancelling_the_edition_question_exports_nothing(
    qtbot: Any, tab: QbrTab, outside: Outside, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert outside.target is not None
    outside.target = outside.target.with_suffix(".pptx")
    monkeypatch.setattr(export_dialog, "choose_edition", lambda parent, target: None)
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert tab.findChild(QbrExport) is None
    assert list(outside.target.parent.iterdir()) == []
