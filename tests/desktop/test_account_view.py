"""The account's tabs: the QBR tab is built when first shown, or says it comes later."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop import account_view
from tests.desktop.helpers import show_account


def test_qbr_tab_is_built_when_first_shown(qtbot: Any, window: Any) -> None:
    pytest.importorskip("desktop.qbr.qbr_tab")
    view = window.view
    show_account(window, "Northwind Logistics")
    assert view.qbr is None  # start-up does not pay for it
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert view.qbr is not None
    assert view.qbr_holder.currentWidget() is view.qbr
    assert window.window_actions.show_qbr.isChecked()
    view.qbr.message.emit("Exported the QBR")
    assert window.statusBar().currentMessage() == "Exported the QBR"


def test_without_the_qbr_module_the_tab_says_it_comes_later(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(account_view, "make_qbr", lambda session: None)
    window.show_tab(3)
    view = window.view
    assert view.qbr is None
    assert view.qbr_holder.currentWidget() is view.qbr_page
    titles = [label.text() for label in view.qbr_page.findChildren(QLabel)]
    assert "QBR preparation arrives in a later version" in titles
