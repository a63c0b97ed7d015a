"""Account > Our Team…: add, assign, deactivate and remove team members, checked in the file."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.team.team_dialog import TeamDialog
from desktop.team.team_model import ACTIVE, EMAIL, NAME
from graph import schema as s
from graph.vocabulary import TeamRole
from tests.desktop.helpers import click_cell, finish_editing, on_disk, row_of, show_account


def _open(qtbot: Any, window: Any) -> TeamDialog:
    window.window_actions.our_team.trigger()
    dialog = window.findChild(TeamDialog, "team_dialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def _member(path: Any, name: str) -> s.TeamMember | None:
    with on_disk(path) as ws:
        found = ws.find(s.TeamMember, name=name)
    return found[0] if found else None


def _assigned(path: Any, name: str) -> set[str]:
    with on_disk(path) as ws:
        member = ws.find(s.TeamMember, name=name)[0]
        return {
            ws.get(s.Account, a.account_id).name
            for a in ws.find(s.AccountTeam, member_id=member.id)
        }


def _tick_account(qtbot: Any, dialog: TeamDialog, name: str) -> None:
    for row in range(dialog.accounts.count()):
        item = dialog.accounts.item(row)
        if item.text().split("  ·  ")[0] == name:
            rect = dialog.accounts.visualItemRect(item)
            qtbot.mouseClick(
                dialog.accounts.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
            )
            return
    raise AssertionError(f"{name} is not in the list")


def test_team_lists_everyone_with_their_accounts(
    qtbot: Any, qtmodeltester: Any, window: Any
) -> None:
    dialog = _open(qtbot, window)
    qtmodeltester.check(dialog.model)
    names = [dialog.model.index(r, NAME).data() for r in range(dialog.model.rowCount())]
    assert names == ["Kim Jones", "Sam Patel"]
    assert (
        dialog.model.index(0, ACTIVE).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    )
    # Nobody is formally assigned in the test portfolio yet.
    assert dialog.model.index(0, 4).data() == "No account yet"
    window.window_actions.our_team.trigger()  # a second time raises the same window
    assert len(window.findChildren(TeamDialog)) == 1


def test_add_assign_deactivate_with_undo(qtbot: Any, window: Any) -> None:
    path = window.session.path
    north = show_account(window, "Northwind Logistics")
    form = window.view.interactions.form
    dialog = _open(qtbot, window)

    # Add: typed in the row under the table, on the account on show by default.
    qtbot.keyClicks(dialog.new_name, "Lea Novak")
    dialog.new_role.setCurrentIndex(dialog.new_role.findData(TeamRole.SOLUTION_ENGINEER))
    qtbot.keyClicks(dialog.new_email, "lea@vendor.example")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    lea = _member(path, "Lea Novak")
    assert lea is not None and lea.role is TeamRole.SOLUTION_ENGINEER and lea.active
    assert lea.email == "lea@vendor.example"
    assert _assigned(path, "Lea Novak") == {"Northwind Logistics"}
    assert dialog.selected() is not None and dialog.selected().name == "Lea Novak"
    assert dialog.new_name.text() == ""
    # The logging form offers her at once (workspace change announcement).
    assert any(form.team.item(i).text().startswith("Lea Novak") for i in range(form.team.count()))

    # Assign her to Contoso too: one tick, one undo step.
    _tick_account(qtbot, dialog, "Contoso Bank")
    assert _assigned(path, "Lea Novak") == {"Northwind Logistics", "Contoso Bank"}
    assert "Contoso Bank" in dialog.model.index(dialog.model.row_of(lea.id), 4).data()
    window.window_actions.undo.trigger()
    assert _assigned(path, "Lea Novak") == {"Northwind Logistics"}
    window.window_actions.redo.trigger()
    assert _assigned(path, "Lea Novak") == {"Northwind Logistics", "Contoso Bank"}
    _tick_account(qtbot, dialog, "Contoso Bank")  # and off again
    assert _assigned(path, "Lea Novak") == {"Northwind Logistics"}

    # Deactivate: still in the file and in past data, no longer offered for new interactions
    # on accounts she is not on.
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    assert _member(path, "Lea Novak").active is False
    assert dialog.active_button.text() == "Reactivate"
    offered = [form.team.item(i).text() for i in range(form.team.count())]
    assert not any(text.startswith("Lea Novak") for text in offered)
    window.window_actions.undo.trigger()
    assert _member(path, "Lea Novak").active is True
    window.window_actions.redo.trigger()
    assert _member(path, "Lea Novak").active is False

    # Undo everything back to before she was added (Ctrl+Z works inside the dialog).
    dialog.table.setFocus()
    while window.session.undo_stack.canUndo():
        qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _member(path, "Lea Novak") is None
    assert dialog.model.rowCount() == 2
    window.window_actions.redo.trigger()
    lea_again = _member(path, "Lea Novak")
    assert lea_again is not None and lea_again.id == lea.id
    assert _assigned(path, "Lea Novak") == {"Northwind Logistics"}
    with on_disk(path) as ws:
        assert lea.id in {m.id for m in ws.team(north)}


def test_edit_in_place_and_refused_email(qtbot: Any, window: Any) -> None:
    path = window.session.path
    dialog = _open(qtbot, window)
    index = row_of(dialog.table, NAME, "Kim Jones")
    click_cell(qtbot, dialog.table, index, double=True)
    editor = dialog.table.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Kim Jones-Baker")
    finish_editing(qtbot, dialog.table)
    assert _member(path, "Kim Jones-Baker") is not None

    email = dialog.model.index(row_of(dialog.table, NAME, "Kim Jones-Baker").row(), EMAIL)
    click_cell(qtbot, dialog.table, email, double=True)
    qtbot.keyClicks(dialog.table.focusWidget(), "not an address")
    finish_editing(qtbot, dialog.table)
    assert _member(path, "Kim Jones-Baker").email == ""
    assert "email" in dialog.note.text().lower()
    window.window_actions.undo.trigger()
    assert _member(path, "Kim Jones") is not None


def test_remove_member_brings_back_coverage_and_attendance(
    qtbot: Any, window: Any, dialogs: Any
) -> None:
    path = window.session.path
    dialog = _open(qtbot, window)
    with on_disk(path) as ws:
        sam = ws.find(s.TeamMember, name="Sam Patel")[0]
        attended = len(ws.find(s.InteractionMember, member_id=sam.id))
        covered = len(ws.find(s.Coverage, member_id=sam.id))
    assert attended == 3 and covered == 1
    dialog.select(sam.id)
    dialogs.answers.append(False)
    dialog.remove_button.click()
    assert dialogs.asked == ["Remove team member"]
    assert _member(path, "Sam Patel") is not None
    dialogs.answers.append(True)
    dialog.remove_button.click()
    assert _member(path, "Sam Patel") is None
    with on_disk(path) as ws:
        assert ws.find(s.InteractionMember, member_id=sam.id) == []
    window.window_actions.undo.trigger()
    with on_disk(path) as ws:
        assert len(ws.find(s.InteractionMember, member_id=sam.id)) == attended
        assert len(ws.find(s.Coverage, member_id=sam.id)) == covered


@pytest.mark.parametrize("real_map", [True])
def test_the_map_shows_a_new_member_of_the_account(qtbot: Any, window: Any, real_map: bool) -> None:
    map_widget = window.view.map
    if not hasattr(map_widget, "scene"):
        pytest.skip("the map is not part of this build")
    show_account(window, "Northwind Logistics")
    map_widget.wait_for_layout()
    dialog = _open(qtbot, window)
    qtbot.keyClicks(dialog.new_name, "Lea Novak")
    dialog.add_button.click()
    key = f"t{_member(window.session.path, 'Lea Novak').id}"
    qtbot.waitUntil(lambda: key in map_widget.scene.cards, timeout=5000)
    window.window_actions.undo.trigger()
    qtbot.waitUntil(lambda: key not in map_widget.scene.cards, timeout=5000)
