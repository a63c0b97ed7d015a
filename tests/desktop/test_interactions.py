"""The Interactions tab: the timeline and the quick logging form, checked in the file."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from graph import schema as s
from graph.vocabulary import InteractionKind
from tests.desktop.helpers import click_cell, on_disk, show_account


def _tick(qtbot: Any, checklist: Any, name: str) -> None:
    for row in range(checklist.count()):
        item = checklist.item(row)
        if item.text().split("  ·  ")[0] == name:
            rect = checklist.visualItemRect(item)
            qtbot.mouseClick(checklist.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert item.checkState() == Qt.CheckState.Checked
            return
    raise AssertionError(f"{name} is not in the list")


def test_timeline_is_newest_first(qtbot: Any, qtmodeltester: Any, window: Any) -> None:
    show_account(window, "Northwind Logistics")
    tab = window.view.interactions
    qtmodeltester.check(tab.model)
    assert tab.model.rowCount() == 3
    kinds = [tab.model.index(r, 1).data() for r in range(3)]
    assert kinds == ["Meeting", "Call", "QBR"]
    assert tab.model.index(0, 3).data() == "Ben Okafor, Chen Wei"
    assert tab.model.index(0, 4).data() == "Sam Patel"
    show_account(window, "Contoso Bank")
    assert tab.pages.currentWidget() is tab.empty


def test_log_an_interaction_then_undo(qtbot: Any, window: Any) -> None:
    path = window.session.path
    show_account(window, "Northwind Logistics")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.view.tabs.currentWidget() is window.view.interactions
    form = window.view.interactions.form

    form.submit.click()
    assert "at least one person" in form.error.text()

    form.kind.setCurrentIndex(form.kind.findData(InteractionKind.CALL))
    qtbot.keyClicks(form.people_filter, "dora")
    visible = [form.people.item(r) for r in range(form.people.count())]
    assert [i.text() for i in visible if not i.isHidden()] == ["Dora Lind  ·  Security Architect"]
    _tick(qtbot, form.people, "Dora Lind")
    form.people_filter.clear()
    _tick(qtbot, form.people, "Ana Ruiz")
    _tick(qtbot, form.team, "Kim Jones")
    qtbot.keyClicks(form.summary, "Security review of the SSO rollout")
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)

    with on_disk(path) as ws:
        north = ws.account_named("Northwind Logistics")
        found = ws.find(s.Interaction, summary="Security review of the SSO rollout")
        assert len(found) == 1
        logged = found[0]
        assert logged.kind is InteractionKind.CALL
        people, team = ws.attendees(logged.id)
        names = {ws.get(s.Person, p).name for p in people}
        assert names == {"Dora Lind", "Ana Ruiz"}
        assert [ws.get(s.TeamMember, m).name for m in team] == ["Kim Jones"]
    assert window.statusBar().currentMessage().startswith("Logged call with ")
    assert form.summary.toPlainText() == ""  # ready for the next one
    timeline = window.view.interactions.model
    assert timeline.rowCount() == 4

    # Dora's last contact is now today in the people table.
    assert window.session.analysis.account(north.id).people[people[0]].last_contact is not None

    window.window_actions.undo.trigger()
    with on_disk(path) as ws:
        assert ws.find(s.Interaction, summary="Security review of the SSO rollout") == []
        assert ws.find(s.InteractionPerson, interaction_id=logged.id) == []
    assert timeline.rowCount() == 3
    window.window_actions.redo.trigger()
    with on_disk(path) as ws:
        assert len(ws.attendees(logged.id)[0]) == 2


def test_delete_an_interaction_with_the_delete_key(qtbot: Any, window: Any) -> None:
    path = window.session.path
    show_account(window, "Northwind Logistics")
    # Someone is selected (on the map, say), but the Delete key goes to the focused timeline.
    ben = window.session.ws.find(s.Person, name="Ben Okafor")[0]
    window.session.selection.set_nodes([f"p{ben.id}"])
    window.show_tab(2)
    timeline = window.view.interactions.timeline
    click_cell(qtbot, timeline, timeline.model().index(0, 0))
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Delete)
    with on_disk(path) as ws:
        assert len(ws.find(s.Interaction)) == 2
        assert ws.find(s.Person, name="Ben Okafor")
    assert window.statusBar().currentMessage() == "Deleted interaction — Undo with Ctrl+Z"
    window.window_actions.undo.trigger()
    with on_disk(path) as ws:
        assert len(ws.find(s.Interaction)) == 3
