"""The inspector: edits of every kind of selected item, validation beside the field, undo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox

from desktop.people.people_model import COLUMN_INDEX
from graph import schema as s
from graph.vocabulary import DealRole, RelationKind, TeamRole
from tests.desktop.helpers import click_cell, on_disk, person_named, row_of, show_account


def _select(window: Any, key: str) -> None:
    window.session.selection.set_nodes([key], source="test")


def _person_id(window: Any, name: str) -> int:
    return window.session.ws.find(s.Person, name=name)[0].id


def _type_into(qtbot: Any, line: QLineEdit, text: str) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_edit_person_fields_with_undo_redo(qtbot: Any, window: Any) -> None:
    path = window.session.path
    show_account(window, "Northwind Logistics")
    # Pick the person with a click in the table, as a user would.
    window.show_tab(1)
    table = window.view.people.table
    click_cell(qtbot, table, row_of(table, COLUMN_INDEX["name"], "Eli Hart"))
    form = window.inspector.person
    assert window.inspector.pages.currentWidget().widget() is form
    assert form.heading.text() == "Eli Hart"

    title = form.fields["title"].editor
    assert isinstance(title, QLineEdit)
    _type_into(qtbot, title, "Senior SRE")
    assert person_named(path, "Eli Hart").title == "Senior SRE"

    role = form.fields["role"].editor
    assert isinstance(role, QComboBox)
    role.setFocus()
    qtbot.keyClick(role, Qt.Key.Key_Up)  # Secondary user -> Primary user
    assert person_named(path, "Eli Hart").role is DealRole.PRIMARY_USER

    cadence = form.fields["cadence_days"].editor
    assert isinstance(cadence, QSpinBox) and cadence.text() == "Role default"
    cadence.setFocus()
    cadence.lineEdit().selectAll()
    qtbot.keyClicks(cadence, "21")
    qtbot.keyClick(cadence, Qt.Key.Key_Return)
    assert person_named(path, "Eli Hart").cadence_days == 21

    tags = form.fields["cares_about"].editor
    _type_into(qtbot, tags, "Uptime, deployments")
    assert person_named(path, "Eli Hart").cares_about == ["deployments", "uptime"]

    # The table shows the inspector's edits at once.
    assert row_of(table, COLUMN_INDEX["name"], "Eli Hart").siblingAtColumn(
        COLUMN_INDEX["title"]
    ).data() == ("Senior SRE")

    stack = window.session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Edit title of Eli Hart",
        "Edit role in the deal of Eli Hart",
        "Edit target cadence of Eli Hart",
        "Edit cares about of Eli Hart",
    ]
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    eli = person_named(path, "Eli Hart")
    assert (eli.title, eli.role, eli.cadence_days, eli.cares_about) == (
        "Site Reliability Engineer",
        DealRole.SECONDARY_USER,
        None,
        [],
    )
    assert title.text() == "Site Reliability Engineer"  # the form follows undo
    window.window_actions.redo.trigger()
    assert person_named(path, "Eli Hart").title == "Senior SRE"


def test_refused_value_shows_its_message_next_to_the_field(qtbot: Any, window: Any) -> None:
    path = window.session.path
    show_account(window, "Northwind Logistics")
    _select(window, f"p{_person_id(window, 'Chen Wei')}")
    form = window.inspector.person
    email = form.fields["email"]
    _type_into(qtbot, email.editor, "chen at northwind")
    assert email.has_error
    assert "not an email address" in email.error.text()
    assert not form.fields["title"].has_error
    assert person_named(path, "Chen Wei").email == "chen@northwind.example"
    assert window.session.undo_stack.count() == 0

    _type_into(qtbot, email.editor, "chen.wei@northwind.example")
    assert not email.has_error
    assert person_named(path, "Chen Wei").email == "chen.wei@northwind.example"

    name = form.fields["name"]
    _type_into(qtbot, name.editor, "   ")
    assert name.error.text() == "Name is required"

    joined = form.fields["joined_on"]
    _type_into(qtbot, joined.editor, "last spring")
    assert "is not a date" in joined.error.text()
    _type_into(qtbot, joined.editor, "2024-03-01")
    assert str(person_named(path, "Chen Wei").joined_on) == "2024-03-01"


def test_manager_and_reporting_cycle(qtbot: Any, window: Any) -> None:
    path = window.session.path
    show_account(window, "Northwind Logistics")
    ana = _person_id(window, "Ana Ruiz")
    _select(window, f"p{ana}")
    manager = window.inspector.person.fields["_manager"]
    combo = manager.editor
    assert combo.currentText() == "Nobody"
    # Ana reporting to Eli would close a loop (Eli -> Chen -> Ben -> Ana): refused, said why.
    combo.setCurrentIndex(combo.findText("Eli Hart"))
    combo.activated.emit(combo.currentIndex())
    assert manager.has_error
    with on_disk(path) as ws:
        assert ws.find(s.Relationship, kind=RelationKind.REPORTS_TO, source_id=ana) == []
    # Dora can report to Ana.
    dora = _person_id(window, "Dora Lind")
    _select(window, f"p{dora}")
    combo.setCurrentIndex(combo.findText("Ana Ruiz"))
    combo.activated.emit(combo.currentIndex())
    with on_disk(path) as ws:
        lines = ws.find(s.Relationship, kind=RelationKind.REPORTS_TO, source_id=dora)
        assert [line.target_id for line in lines] == [ana]
    window.window_actions.undo.trigger()
    with on_disk(path) as ws:
        assert ws.find(s.Relationship, kind=RelationKind.REPORTS_TO, source_id=dora) == []


def test_relationship_coverage_and_member(qtbot: Any, window: Any) -> None:
    path = window.session.path
    show_account(window, "Northwind Logistics")
    ws = window.session.ws
    influence = ws.find(s.Relationship, kind=RelationKind.INFLUENCES)[0]
    _select(window, f"r{influence.id}")
    form = window.inspector.relationship
    assert form.heading.text() == "Dora Lind influences Ana Ruiz"
    strength = form.fields["strength"].editor
    assert strength.isEnabled() and strength.value() == 2
    strength.setFocus()
    qtbot.keyClick(strength, Qt.Key.Key_Up)
    with on_disk(path) as disk:
        assert disk.get(s.Relationship, influence.id).strength == 3

    coverage = ws.find(s.Coverage)[0]
    _select(window, f"c{coverage.id}")
    form = window.inspector.coverage
    level = form.fields["current_level"].editor
    level.setFocus()
    qtbot.keyClick(level, Qt.Key.Key_Down)
    with on_disk(path) as disk:
        assert disk.get(s.Coverage, coverage.id).current_level.value == "credible_source"

    member = ws.find(s.TeamMember, name="Sam Patel")[0]
    _select(window, f"t{member.id}")
    form = window.inspector.member
    _type_into(qtbot, form.fields["name"].editor, "Samira Patel")
    role = form.fields["role"].editor
    role.setCurrentIndex(role.findData(TeamRole.SOLUTION_ENGINEER))
    role.activated.emit(role.currentIndex())
    with on_disk(path) as disk:
        saved = disk.get(s.TeamMember, member.id)
        assert (saved.name, saved.role) == ("Samira Patel", TeamRole.SOLUTION_ENGINEER)
    assert window.session.undo_stack.count() == 4


def test_nothing_selected_shows_the_account(qtbot: Any, window: Any) -> None:
    path = window.session.path
    show_account(window, "Northwind Logistics")
    window.session.selection.clear()
    form = window.inspector.account
    assert form.heading.text() == "Northwind Logistics"
    _type_into(qtbot, form.fields["renewal_date"].editor, "2027-03-31")
    with on_disk(path) as ws:
        assert str(ws.account_named("Northwind Logistics").renewal_date) == "2027-03-31"
    several = [f"p{_person_id(window, n)}" for n in ("Ana Ruiz", "Ben Okafor")]
    window.session.selection.set_nodes(several)
    assert window.inspector.several.title.text() == "2 items selected"
