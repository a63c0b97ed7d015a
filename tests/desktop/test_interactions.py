"""The Interactions tab: the timeline and the quick logging form, checked in the file."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop.interactions.interactions_model import INTERACTION_ID_ROLE
from graph import schema as s
from graph.vocabulary import InteractionKind
from tests.desktop.helpers import click_cell, on_disk, show_account


def _tick(qtbot: Any, checklist: Any, name: str) -> None:
    for row in range(checklist.count()):
        item = checklist.item(row)
        if item.text().split("  ·  ")[0] == name:
            checklist.scrollToItem(item)
            rect = checklist.visualItemRect(item)
            qtbot.mouseClick(checklist.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert item.checkState() == Qt.CheckState.Checked
            return
    raise AssertionError(f"{name} is not in the list")


def _untick(qtbot: Any, checklist: Any, name: str) -> None:
    for row in range(checklist.count()):
        item = checklist.item(row)
        if item.text().split("  ·  ")[0] == name:
            checklist.scrollToItem(item)
            rect = checklist.visualItemRect(item)
            qtbot.mouseClick(checklist.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert item.checkState() == Qt.CheckState.Unchecked
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
    assert window.view.current_page() is window.view.interactions
    form = window.view.interactions.form

    form.submit.click()
    assert "at least one person" in form.field_errors["people"].text()

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


def _names(path: Any, interaction_id: int) -> tuple[set[str], set[str]]:
    with on_disk(path) as ws:
        people, team = ws.attendees(interaction_id)
        return (
            {ws.get(s.Person, p).name for p in people},
            {ws.get(s.TeamMember, m).name for m in team},
        )


def _summary(path: Any, interaction_id: int) -> str:
    with on_disk(path) as ws:
        return ws.get(s.Interaction, interaction_id).summary


def _ticked(checklist: Any) -> set[str]:
    return {
        checklist.item(r).text().split("  ·  ")[0]
        for r in range(checklist.count())
        if checklist.item(r).checkState() == Qt.CheckState.Checked
    }


def test_edit_an_interaction_as_one_undo_step(qtbot: Any, window: Any) -> None:
    path = window.session.path
    show_account(window, "Northwind Logistics")
    window.show_tab(2)
    tab = window.view.interactions
    form = tab.form
    first = tab.model.index(0, 0)
    sync = first.data(INTERACTION_ID_ROLE)
    click_cell(qtbot, tab.timeline, first, double=True)

    # The form is prefilled with everything that was logged.
    assert form.editing == sync
    assert form.heading.text() == "Edit interaction"
    assert form.submit.text() == "Save changes" and form.cancel_button.isVisible()
    assert form.summary.toPlainText() == "Weekly sync: rollout to the EU region"
    assert form.kind.currentData() == InteractionKind.MEETING
    assert form.sentiment.currentData() == 1
    assert form.duration.value() == 30
    assert _ticked(form.people) == {"Ben Okafor", "Chen Wei"}
    assert _ticked(form.team) == {"Sam Patel"}
    when = form.when.dateTime().toPython()

    form.summary.selectAll()
    qtbot.keyClicks(form.summary, "Weekly sync: EU rollout done, APAC next")
    _tick(qtbot, form.people, "Dora Lind")
    _untick(qtbot, form.people, "Chen Wei")
    _tick(qtbot, form.team, "Kim Jones")
    steps = window.session.undo_stack.count()
    qtbot.mouseClick(form.submit, Qt.MouseButton.LeftButton)

    assert window.session.undo_stack.count() == steps + 1  # one step for fields and attendees
    assert _summary(path, sync) == "Weekly sync: EU rollout done, APAC next"
    assert _names(path, sync) == ({"Ben Okafor", "Dora Lind"}, {"Sam Patel", "Kim Jones"})
    with on_disk(path) as ws:
        assert len(ws.find(s.Interaction)) == 3  # changed in place, not logged again
    assert form.editing is None and form.heading.text() == "Log an interaction"
    assert window.statusBar().currentMessage().startswith("Saved changes to the meeting of")
    assert tab.model.index(0, 5).data() == "Weekly sync: EU rollout done, APAC next"
    assert tab.model.index(0, 3).data() == "Ben Okafor, Dora Lind"
    assert window.view.interactions.form.when.dateTime().toPython() != when  # back to "now"

    window.window_actions.undo.trigger()
    assert _summary(path, sync) == "Weekly sync: rollout to the EU region"
    assert _names(path, sync) == ({"Ben Okafor", "Chen Wei"}, {"Sam Patel"})
    window.window_actions.redo.trigger()
    assert _summary(path, sync) == "Weekly sync: EU rollout done, APAC next"
    assert _names(path, sync) == ({"Ben Okafor", "Dora Lind"}, {"Sam Patel", "Kim Jones"})


def test_cancel_an_edit_with_escape(qtbot: Any, window: Any) -> None:
    path = window.session.path
    show_account(window, "Northwind Logistics")
    window.show_tab(2)
    tab = window.view.interactions
    call = tab.model.index(1, 0)
    call_id = call.data(INTERACTION_ID_ROLE)
    click_cell(qtbot, tab.timeline, call)
    tab.timeline.setFocus()
    qtbot.keyClick(tab.timeline, Qt.Key.Key_Return)  # Enter edits too
    form = tab.form
    assert form.editing == call_id
    assert form.kind.currentData() == InteractionKind.CALL
    steps = window.session.undo_stack.count()
    form.summary.setFocus()
    form.summary.selectAll()
    qtbot.keyClicks(form.summary, "Something else entirely")
    _tick(qtbot, form.people, "Eli Hart")
    qtbot.keyClick(form.summary, Qt.Key.Key_Escape)
    assert form.editing is None and not form.cancel_button.isVisible()
    assert form.summary.toPlainText() == "" and _ticked(form.people) == set()
    assert window.session.undo_stack.count() == steps
    assert _summary(path, call_id) == "Renewal timeline and the budget owner"
    assert _names(path, call_id) == ({"Ben Okafor"}, {"Sam Patel"})


def test_edit_refused_shows_the_message_under_the_field(
    qtbot: Any, window: Any, monkeypatch: Any
) -> None:
    from graph import validation
    from graph.errors import ValidationError

    def refuse(record: Any) -> None:
        if record.summary.startswith("TBD"):
            raise ValidationError("write what happened, not TBD", field="summary")

    monkeypatch.setitem(validation.RULES, s.Interaction, refuse)
    path = window.session.path
    show_account(window, "Northwind Logistics")
    window.show_tab(2)
    tab = window.view.interactions
    first = tab.model.index(0, 0)
    sync = first.data(INTERACTION_ID_ROLE)
    click_cell(qtbot, tab.timeline, first, double=True)
    form = tab.form
    form.summary.selectAll()
    qtbot.keyClicks(form.summary, "TBD")
    _untick(qtbot, form.people, "Chen Wei")
    form.submit.click()
    message = form.field_errors["summary"]
    assert message.isVisible() and message.text() == "Write what happened, not TBD"
    assert form.editing == sync  # still editing: fix it and save again
    assert _summary(path, sync) == "Weekly sync: rollout to the EU region"
    assert _names(path, sync)[0] == {"Ben Okafor", "Chen Wei"}
    form.summary.selectAll()
    qtbot.keyClicks(form.summary, "Done")
    form.submit.click()
    assert not message.isVisible()
    assert _summary(path, sync) == "Done"


def test_deleting_the_interaction_being_edited_leaves_edit_mode(qtbot: Any, window: Any) -> None:
    show_account(window, "Northwind Logistics")
    window.show_tab(2)
    tab = window.view.interactions
    click_cell(qtbot, tab.timeline, tab.model.index(0, 0), double=True)
    assert tab.form.editing is not None
    tab.timeline.setFocus()
    qtbot.keyClick(tab.timeline, Qt.Key.Key_Delete)
    assert tab.form.editing is None
