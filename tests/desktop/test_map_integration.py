"""The shell around the map: its requests reach the inspector, the logging form, the status bar;
its selection is the table's selection."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from graph import schema as s
from tests.desktop.helpers import on_disk, show_account


@pytest.fixture
def real_map() -> bool:
    return True


@pytest.fixture
def map_widget(window: Any) -> Any:
    widget = window.view.map
    if not hasattr(widget, "editRequested"):
        pytest.skip("the map is not part of this build")
    show_account(window, "Northwind Logistics")
    return widget


def _id(window: Any, name: str) -> int:
    return window.session.ws.find(s.Person, name=name)[0].id


def test_edit_on_the_map_opens_the_inspector_on_the_name(window: Any, map_widget: Any) -> None:
    chen = _id(window, "Chen Wei")
    window.docks.inspector.hide()
    map_widget.editRequested.emit(f"p{chen}")
    assert window.session.selection.nodes() == [f"p{chen}"]
    assert window.docks.inspector.isVisible()
    name = window.inspector.person.fields["name"].editor
    assert QApplication.focusWidget() is name
    assert name.selectedText() == "Chen Wei"


def test_log_from_the_map_ticks_the_people(window: Any, map_widget: Any) -> None:
    ana, dora = _id(window, "Ana Ruiz"), _id(window, "Dora Lind")
    map_widget.logInteractionRequested.emit([f"p{ana}", f"p{dora}"])
    assert window.view.current_page() is window.view.interactions
    form = window.view.interactions.form
    ticked = [
        form.people.item(r).text().split("  ·  ")[0]
        for r in range(form.people.count())
        if form.people.item(r).checkState() == Qt.CheckState.Checked
    ]
    assert ticked == ["Ana Ruiz", "Dora Lind"]


def test_map_messages_reach_the_status_bar(window: Any, map_widget: Any) -> None:
    map_widget.statusMessage.emit("Map saved to /tmp/map.png")
    assert window.statusBar().currentMessage() == "Map saved to /tmp/map.png"


def test_selecting_on_the_map_selects_the_row(window: Any, map_widget: Any) -> None:
    eli = _id(window, "Eli Hart")
    window.session.selection.set_nodes([f"p{eli}"], source=map_widget)
    rows = window.view.people.table.selectionModel().selectedRows()
    assert [r.data() for r in rows] == ["Eli Hart"]
    assert window.inspector.person.heading.text() == "Eli Hart"


def test_delete_a_link_picked_on_the_map(window: Any, map_widget: Any) -> None:
    path = window.session.path
    ws = window.session.ws
    link = ws.find(s.Relationship, kind="influences")[0]
    window.session.selection.set_nodes([f"r{link.id}"], source=map_widget)
    assert window.inspector.relationship.heading.text() == "Dora Lind influences Ana Ruiz"
    window.window_actions.delete.trigger()
    with on_disk(path) as disk:
        assert disk.find(s.Relationship, id=link.id) == []
    assert window.statusBar().currentMessage().startswith("Deleted the link")
    window.window_actions.undo.trigger()
    with on_disk(path) as disk:
        assert disk.get(s.Relationship, link.id).strength == 2


def test_file_menu_exports_the_map(window: Any, map_widget: Any, tmp_path: Any) -> None:
    target = tmp_path / "northwind-map.svg"
    map_widget.ask_export_path = lambda: target
    window.show_tab(1)
    action = window.window_actions.export_map
    assert action.isEnabled()
    action.trigger()
    assert window.view.current_page() is map_widget
    assert target.read_bytes().startswith(b"<?xml")
    assert "Map saved to" in window.statusBar().currentMessage()
