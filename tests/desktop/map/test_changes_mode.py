"""The map's "changes since" mode: who joined, left or changed and the links added after a
chosen day are marked, and nothing from before it; by default since the last QBR."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.map.change_marks import CHANGED, JOINED, LEFT, change_marks, default_since
from desktop.map.map_widget import MapWidget
from graph import schema as s
from graph.vocabulary import CoverageKind, InteractionKind, PersonStatus, RelationKind
from graph.workspace import Workspace
from tests.desktop.map.conftest import TODAY, open_map

SINCE = TODAY - dt.timedelta(days=30)


def at(ws: Workspace, day: dt.date) -> None:
    ws.clock.set(dt.datetime.combine(day, dt.time(11)))  # type: ignore[attr-defined]


@pytest.fixture
def history(map_ws: Workspace, ids: dict[str, int]) -> dict[str, int]:
    """Edits before the chosen day (not marked) and after it (marked)."""
    account = ids["account"]
    at(map_ws, SINCE - dt.timedelta(days=20))
    map_ws.update(s.Person, ids["carla"], title="Chief Executive")  # before: not marked
    at(map_ws, SINCE + dt.timedelta(days=10))
    nora = map_ws.add(s.Person(account_id=account, name="Nora Quinn", title="Head of Data"))
    map_ws.update(s.Person, ids["victor"], title="SVP Engineering")
    map_ws.update(
        s.Person, ids["olga"], status=PersonStatus.LEFT, left_on=SINCE + dt.timedelta(days=10)
    )
    link = map_ws.add(
        s.Relationship(
            account_id=account,
            kind=RelationKind.INFLUENCES,
            source_id=ids["ethan"],
            target_id=ids["carla"],
            strength=2,
        )
    )
    tam = map_ws.find(s.TeamMember)[0]
    owner = map_ws.add(s.Coverage(member_id=tam.id, person_id=ids["ethan"], kind=CoverageKind.OWNS))
    at(map_ws, TODAY)
    return {"nora": nora.id, "link": link.id, "owner": owner.id}


def test_the_mode_marks_what_changed_since_the_day_and_nothing_before(
    qtbot: Any, map_ws: Workspace, ids: dict[str, int], history: dict[str, int]
) -> None:
    widget: MapWidget = open_map(qtbot, map_ws, ids["account"], (1200, 800))
    assert widget.scene.change_marks() == {}
    marks = widget.show_changes_since(SINCE)
    assert marks is not None and widget.toolbar.changes.isChecked()
    assert widget.toolbar.since.date().toPython() == SINCE
    assert widget.scene.change_marks() == {
        f"p{history['nora']}": JOINED,
        f"p{ids['olga']}": LEFT,
        f"p{ids['victor']}": CHANGED,
        f"p{ids['ethan']}": CHANGED,  # a new owner
    }
    assert f"p{ids['carla']}" not in marks.people  # her title changed before the day
    assert "title: VP Engineering → SVP Engineering" in marks.notes[f"p{ids['victor']}"]
    added = {f"r{history['link']}", f"c{history['owner']}"}
    assert marks.links == added
    assert {k for k, e in widget.scene.edges.items() if e.highlighted} == added
    assert widget.legend.changes == f"since {SINCE:%d %b %Y}"
    assert marks.summary() == f"Since {SINCE:%d %b %Y}: 1 joined, 1 left, 2 changed, 2 links added"

    # a later day: only what came after it
    widget.toolbar.since.setDate(SINCE + dt.timedelta(days=15))
    assert widget.scene.change_marks() == {}
    assert not any(e.highlighted for e in widget.scene.edges.values())

    widget.toolbar.changes.setChecked(False)
    assert widget.scene.change_marks() == {} and widget.legend.changes == ""


def test_an_edit_while_the_mode_is_on_is_marked_at_once(
    qtbot: Any, map_ws: Workspace, ids: dict[str, int]
) -> None:
    widget = open_map(qtbot, map_ws, ids["account"], (1200, 800))
    widget.show_changes_since(SINCE)
    assert widget.scene.change_marks() == {}
    map_ws.update(s.Person, ids["tomas"], influence=5)
    qtbot.waitUntil(lambda: widget.scene.change_marks() == {f"p{ids['tomas']}": CHANGED})


def test_the_mode_starts_at_the_last_qbr_else_the_last_quarters_end(
    map_ws: Workspace, ids: dict[str, int]
) -> None:
    account = ids["account"]
    # no QBR logged: the end of the last (calendar) quarter before 22 Nov 2026
    assert default_since(map_ws, account, TODAY) == dt.date(2026, 9, 30)
    map_ws.log_interaction(
        account,
        dt.datetime(2026, 10, 14, 15),
        kind=InteractionKind.QBR,
        people=[ids["carla"]],
    )
    assert default_since(map_ws, account, TODAY) == dt.date(2026, 10, 14)


@pytest.mark.parametrize("size", [(540, 560), (745, 600)])  # the maps of 1024x700, 1366x768
def test_each_change_reads_in_full_in_a_list_that_selects_its_card(
    qtbot: Any, map_ws: Workspace, ids: dict[str, int], size: tuple[int, int]
) -> None:
    at(map_ws, SINCE + dt.timedelta(days=3))
    map_ws.author = "Maya Lindqvist"
    map_ws.update(s.Person, ids["victor"], title="SVP Engineering")
    at(map_ws, SINCE + dt.timedelta(days=12))
    map_ws.author = "Daniel Osei"
    map_ws.update(s.Person, ids["fiona"], attitude=0)
    at(map_ws, TODAY)
    widget: MapWidget = open_map(qtbot, map_ws, ids["account"], size)
    panel = widget.changes.panel
    assert not panel.isVisible()
    widget.show_changes_since(SINCE)
    assert panel.isVisible() and widget.view.isVisible()
    assert widget.view.width() >= size[0] // 2  # the map keeps most of the room
    victor, fiona = f"p{ids['victor']}", f"p{ids['fiona']}"
    # newest first; field, old -> new, who and when
    assert panel.keys() == [fiona, victor]
    day = SINCE + dt.timedelta(days=3)
    assert panel.texts()[1] == (
        "Victor Hale: title: VP Engineering → SVP Engineering\n"
        f"by Maya Lindqvist · {day:%d %b %Y} 11:00"
    )
    assert panel.texts()[0].startswith(
        "Fiona Walsh: attitude: Strong opponent → Neutral\nby Daniel Osei"
    )
    assert "2 changes" in panel.title.text()

    # the card's tooltip says the same
    tip = widget.scene.cards[victor].tooltip()
    assert "title: VP Engineering → SVP Engineering" in tip and "by Maya Lindqvist" in tip
    assert "by Daniel Osei" not in tip
    assert "→" not in widget.scene.cards[f"p{ids['carla']}"].tooltip()  # unchanged

    # a change clicked selects its card and brings it into view; a card selected picks its rows
    panel.list.itemClicked.emit(panel.list.item(1))
    assert widget.scene.selected_keys() == [victor]
    seen = widget.view.mapToScene(widget.view.viewport().rect()).boundingRect()
    assert seen.contains(widget.scene.cards[victor].pos())
    assert [i.data(Qt.ItemDataRole.UserRole + 1) for i in panel.list.selectedItems()] == [victor]
    widget.selection.set_nodes([fiona])
    assert [i.data(Qt.ItemDataRole.UserRole + 1) for i in panel.list.selectedItems()] == [fiona]

    # its × ends the mode and the list goes
    widget.toolbar.changes.setChecked(False)
    assert not panel.isVisible() and "→" not in widget.scene.cards[victor].tooltip()


def test_a_day_with_no_changes_says_so(qtbot: Any, map_ws: Workspace, ids: dict[str, int]) -> None:
    widget: MapWidget = open_map(qtbot, map_ws, ids["account"], (745, 600))
    widget.show_changes_since(SINCE)
    assert widget.changes.panel.keys() == []
    assert "No changes" in widget.changes.panel.title.text()
    widget.changes.panel.closed.emit()
    assert not widget.toolbar.changes.isChecked() and not widget.changes.panel.isVisible()


def test_joined_and_left_say_who_logged_them_and_when_it_happened(
    map_ws: Workspace, ids: dict[str, int]
) -> None:
    """No Qt: the lines the list and tooltips show, newest first."""
    account = ids["account"]
    at(map_ws, SINCE + dt.timedelta(days=4))
    map_ws.author = "Tomás Ibarra"
    nora = map_ws.add(s.Person(account_id=account, name="Nora Quinn", title="Head of Data"))
    at(map_ws, SINCE + dt.timedelta(days=12))
    map_ws.update(
        s.Person, ids["olga"], status=PersonStatus.LEFT, left_on=SINCE + dt.timedelta(days=5)
    )
    marks = change_marks(map_ws, account, SINCE, TODAY)
    [joined] = marks.details[f"p{nora.id}"]
    assert (joined.name, joined.change(), joined.by) == ("Nora Quinn", "joined", "Tomás Ibarra")
    assert joined.logged() == f"by Tomás Ibarra · {SINCE + dt.timedelta(days=4):%d %b %Y} 11:00"
    [left] = marks.details[f"p{ids['olga']}"]
    assert (left.change(), left.by) == ("left", "Tomás Ibarra")
    assert left.when == dt.datetime.combine(SINCE + dt.timedelta(days=12), dt.time(11))
    assert [line.name for line in marks.lines()] == ["Olga Petrova", "Nora Quinn"]  # newest first
    # nothing before the day
    assert change_marks(map_ws, account, TODAY, TODAY).lines() == []
