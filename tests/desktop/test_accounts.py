"""Accounts: add, rename, archive from the window's actions; the list and the title follow."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from desktop.accounts.account_list import SIGNALS_ROLE
from graph.vocabulary import Phase
from tests.desktop.helpers import on_disk, show_account


def _names(window: Any) -> list[str]:
    model = window.accounts.model
    return [model.index(r).data() for r in range(model.rowCount())]


def test_account_list_shows_signals(qtbot: Any, qtmodeltester: Any, window: Any) -> None:
    qtmodeltester.check(window.accounts.model)
    assert _names(window) == ["Contoso Bank", "Northwind Logistics"]
    model = window.accounts.model
    qtbot.waitUntil(lambda: model.index(1).data(SIGNALS_ROLE) is not None, timeout=3000)
    north = model.index(1).data(SIGNALS_ROLE)
    assert north.overdue >= 2  # Dora and Eli were never contacted
    assert "Renews 1 Feb 2027" in model.index(1).data(Qt.ItemDataRole.ToolTipRole)


def test_add_rename_archive_account(qtbot: Any, window: Any, dialogs: Any) -> None:
    path = window.session.path
    dialogs.accounts.append(
        {
            "name": "Fabrikam",
            "industry": "Manufacturing",
            "arr": 250000.0,
            "currency": "EUR",
            "renewal_date": dt.date(2027, 6, 30),
            "phase": Phase.PROOF_OF_CONCEPT,
        }
    )
    window.window_actions.add_account.trigger()
    with on_disk(path) as ws:
        fabrikam = ws.account_named("Fabrikam")
        assert (fabrikam.currency, fabrikam.phase) == ("EUR", Phase.PROOF_OF_CONCEPT)
    assert window.session.account_id == fabrikam.id
    assert window.windowTitle() == "Rapport - Portfolio - Fabrikam"
    assert window.accounts.view.currentIndex().data() == "Fabrikam"
    assert window.view.people.pages.currentWidget() is window.view.people.empty

    dialogs.texts.append("Fabrikam Industries")
    window.window_actions.rename_account.trigger()
    with on_disk(path) as ws:
        assert ws.account_named("Fabrikam Industries").id == fabrikam.id
    assert window.windowTitle() == "Rapport - Portfolio - Fabrikam Industries"
    assert "Fabrikam Industries" in _names(window)

    # A name already taken is refused with the workspace's words.
    dialogs.texts.append("Contoso Bank")
    window.window_actions.rename_account.trigger()
    assert dialogs.errors == ["An account named Contoso Bank already exists."]

    window.window_actions.archive_account.trigger()
    with on_disk(path) as ws:
        assert ws.account_named("Fabrikam Industries").archived
    assert "Fabrikam Industries" not in _names(window)
    assert window.session.account_id != fabrikam.id
    assert window.statusBar().currentMessage().startswith("Archived Fabrikam Industries")
    window.accounts.archived.click()
    assert "Fabrikam Industries" in _names(window)

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with on_disk(path) as ws:
        assert not ws.account_named("Fabrikam Industries").archived


def test_switching_accounts_updates_title_and_tabs(qtbot: Any, window: Any) -> None:
    show_account(window, "Northwind Logistics")
    assert window.windowTitle() == "Rapport - Portfolio - Northwind Logistics"
    assert window.view.people.model.rowCount() == 5
    window.accounts.view.setFocus()
    qtbot.keyClick(window.accounts.view, Qt.Key.Key_Up)
    assert window.windowTitle() == "Rapport - Portfolio - Contoso Bank"
    assert window.view.people.model.rowCount() == 0


def test_new_account_dialog_checks_the_name(qtbot: Any) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.shell.dialogs import NewAccountDialog

    dialog = NewAccountDialog(None, {"Contoso Bank"})
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.name, "contoso bank")
    assert not ok.isEnabled() and "already exists" in dialog.problem.text()
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Tailspin Toys")
    qtbot.keyClicks(dialog.industry, "Retail")
    dialog.has_renewal.click()
    assert ok.isEnabled()
    values = dialog.values()
    assert values["name"] == "Tailspin Toys" and values["industry"] == "Retail"
    assert values["renewal_date"] is not None and values["phase"] is Phase.ONBOARDING


def test_about_box_opens_from_the_help_menu(qtbot: Any, window: Any) -> None:
    from desktop.shell.dialogs import AboutDialog

    window.window_actions.about.trigger()
    about = window.findChild(AboutDialog)
    assert about is not None and about.isVisible()
    about.reject()
