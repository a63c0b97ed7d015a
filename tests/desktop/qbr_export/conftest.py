"""The QBR export driven from a QBR tab on a small account written to a real file (the tab's
fixtures come from tests/desktop/qbr), with what surrounds an export stood in for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from desktop.qbr.qbr_tab import QbrTab
from desktop.qbr_export import export_dialog
from desktop.qbr_export.export_dialog import start_qbr_export
from graph.workspace import Workspace
from tests.desktop.qbr.conftest import northwind, qbr_path, qbr_ws, tab, undo_stack
from tests.desktop.qbr_export.outside import Outside

__all__ = ["northwind", "qbr_path", "qbr_ws", "tab", "undo_stack"]  # the QBR tab's fixtures


@pytest.fixture
def export_from_the_tab(tab: QbrTab, qbr_ws: Workspace) -> None:
    """The tab's Export button wired as the window wires it (``MainWindow.export_qbr_of``);
    with no window here, the tab parents the export."""

    def start(account_id: int, quarter: Any) -> None:
        start_qbr_export(tab, qbr_ws, account_id, quarter)

    tab.export_requested.connect(start)


@pytest.fixture
def outside(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Outside:
    fake = Outside(tmp_path / "out" / "Northwind QBR.xlsx")
    fake.target.parent.mkdir()
    for name in ("choose_path", "choose_edition", "offer_to_open", "open_url"):
        monkeypatch.setattr(export_dialog, name, getattr(fake, name))
    return fake


@pytest.fixture
def parent(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget
