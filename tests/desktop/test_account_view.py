"""The account's tabs: the QBR tab is built when first shown, or says it comes later."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

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


def test_a_qbr_tab_that_fails_to_build_says_why_and_the_window_stays(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import desktop.qbr.qbr_tab as qbr_tab

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("no fonts")

    monkeypatch.setattr(qbr_tab, "QbrTab", broken)
    window.show_tab(3)
    view = window.view
    assert isinstance(view.qbr, QLabel)
    assert view.qbr.text() == "The QBR tab could not be shown: no fonts"
    assert view.qbr_holder.currentWidget() is view.qbr


def test_people_and_interactions_are_built_when_first_shown(qtbot: Any, window: Any) -> None:
    view = window.view
    show_account(window, "Northwind Logistics")
    assert view.built_people() is None and view._interactions is None  # start-up: the map
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    people = view.built_people()
    assert people is not None and view.current_page() is people
    assert people.model.rowCount() == 5
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert view.current_page() is view.interactions
