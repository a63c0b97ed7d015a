"""The QBR tab on a small account written to a real file, with the undo stack the app uses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack

from desktop.qbr.qbr_tab import QbrTab
from graph.workspace import Workspace
from tests.desktop.qbr.account import TODAY, Northwind, build_northwind


@pytest.fixture
def qbr_path(tmp_path: Path) -> Path:
    return tmp_path / "Portfolio.rapport"


@pytest.fixture
def northwind(qbr_path: Path) -> Northwind:
    return build_northwind(qbr_path)


@pytest.fixture
def qbr_ws(qbr_path: Path, northwind: Northwind) -> Iterator[Workspace]:
    ws = Workspace.open(qbr_path, today=lambda: TODAY)
    yield ws
    ws.close()


@pytest.fixture
def undo_stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def tab(
    qtbot: Any, qbr_ws: Workspace, undo_stack: QUndoStack, northwind: Northwind
) -> Iterator[QbrTab]:
    widget = QbrTab(qbr_ws, undo_stack)
    qtbot.addWidget(widget)
    widget.resize(1280, 820)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitActive(widget)
    widget.set_account(northwind.account_id)
    # The summary is in; its charts may still be drawing (tests that need them wait for them).
    qtbot.waitUntil(lambda: widget.qbr is not None, timeout=10_000)
    yield widget
    widget.detach()
