"""The map widget driven like a user: drags on the viewport, keys, context menus; every edit
is then checked in the workspace file itself (reopened) and undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest

from desktop.map.map_data import MapFilter
from desktop.map.map_widget import MapWidget
from desktop.workspace.selection import Selection
from graph import schema as s
from graph.workspace import Workspace
from tests.desktop.map.conftest import TODAY


@pytest.fixture
def widget(qtbot, map_ws: Workspace, ids: dict[str, int]) -> MapWidget:
    stack = QUndoStack()
    selection = Selection()
    w = MapWidget(map_ws, stack, selection)
    w._keep = (stack, selection)  # keep them alive with the widget
    w.scene.animate = False
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.layoutApplied, timeout=5000):
        w.set_account(ids["account"])
    return w


def stack_of(w: MapWidget) -> QUndoStack:
    return w.undo_stack


def viewport_point(w: MapWidget, scene_point: QPointF) -> QPoint:
    return w.view.mapFromScene(scene_point)


def card_centre(w: MapWidget, key: str) -> QPoint:
    return viewport_point(w, w.scene.cards[key].pos())


def drag(w: MapWidget, start: QPoint, end: QPoint, steps: int = 6) -> None:
    viewport = w.view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, steps + 1):
        point = start + (end - start) * (i / steps)
        QTest.mouseMove(viewport, point)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def stored_positions(path: Path, account_id: int, view: str) -> dict[str, tuple[float, float]]:
    with Workspace.open(path) as ws:
        return ws.positions(account_id, view)


def test_every_card_and_link_is_drawn(widget: MapWidget, ids: dict[str, int]) -> None:
    assert len([k for k in widget.scene.cards if k.startswith("p")]) == 6
    assert len([k for k in widget.scene.cards if k.startswith("t")]) == 2
    kinds = sorted(e.link.kind for e in widget.scene.edges.values())
    assert kinds.count("reports_to") == 5 and "ally" in kinds and "conflict" in kinds
    assert {"owns", "knows"} <= set(kinds)
    vp = widget.scene.cards[f"p{ids['victor']}"]
    assert vp.data_.cadence == "ok"
    assert widget.scene.cards[f"p{ids['ethan']}"].data_.cadence == "overdue"


def test_org_chart_cards_do_not_overlap(widget: MapWidget) -> None:
    rects = [item.sceneBoundingRect() for item in widget.scene.cards.values()]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not a.adjusted(9, 9, -15, -9).intersects(b.adjusted(9, 9, -15, -9))


def test_drag_moves_a_card_and_stores_its_position(widget: MapWidget, map_path: Path, ids) -> None:
    key = f"p{ids['ethan']}"
    card = widget.scene.cards[key]
    before = card.pos()
    start = card_centre(widget, key) + QPoint(-30, 0)  # on the body, away from the handle
    drag(widget, start, start + QPoint(120, 60))
    moved = card.pos()
    assert moved != before
    stored = stored_positions(map_path, ids["account"], "org")
    assert stored[key] == pytest.approx((moved.x(), moved.y()), abs=0.2)
    assert stack_of(widget).count() == 1  # one undo step for the whole drag

    stack_of(widget).undo()
    assert key not in stored_positions(map_path, ids["account"], "org")
    assert card.pos() == before  # back where the layout had it
    stack_of(widget).redo()
    assert card.pos().x() == pytest.approx(moved.x(), abs=0.2)


def test_drag_from_the_handle_creates_a_relationship(
    widget: MapWidget, map_path: Path, ids
) -> None:
    source, target = f"p{ids['ethan']}", f"p{ids['fiona']}"
    chosen = []

    def pick_strong_influence(menu, at):
        for action in menu.actions():
            if "influences" in action.text() and "strong" in action.text():
                chosen.append(action.text())
                return action
        return None

    widget.exec_menu = pick_strong_influence
    handle = viewport_point(
        widget, widget.scene.cards[source].mapToScene(widget.scene.cards[source].handle_centre())
    )
    drag(widget, handle, card_centre(widget, target), steps=10)
    assert chosen == ["Ethan Cole influences Fiona Walsh (strong)"]
    with Workspace.open(map_path) as ws:
        links = [
            (r.kind.value, r.source_id, r.target_id, r.strength)
            for r in ws.relationships(ids["account"])
        ]
    assert ("influences", ids["ethan"], ids["fiona"], 3) in links
    assert widget.scene.link_between(source, target, "influences") is not None
    assert widget.scene.cards[source].pos() != widget.scene.cards[target].pos()

    stack_of(widget).undo()
    with Workspace.open(map_path) as ws:
        kinds = [(r.kind.value, r.source_id, r.target_id) for r in ws.relationships(ids["account"])]
    assert ("influences", ids["ethan"], ids["fiona"]) not in kinds
    assert widget.scene.link_between(source, target, "influences") is None


def test_a_refused_link_is_explained_and_not_undoable(widget: MapWidget, ids) -> None:
    # the CEO reporting to the engineer would make a reporting cycle
    ok = widget.add_link(f"p{ids['carla']}", f"p{ids['ethan']}", "reports_to")
    assert not ok
    assert "cycle" in widget.banner.text()
    assert stack_of(widget).count() == 0


def test_switching_views_keeps_the_selection(qtbot, widget: MapWidget, ids) -> None:
    keys = [f"p{ids['victor']}", f"p{ids['olga']}"]
    widget.selection.set_nodes(keys)
    assert sorted(widget.scene.selected_keys()) == sorted(keys)
    for view in ("network", "power_interest", "influence_attitude", "org"):
        with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
            widget.set_view(view)
        assert widget.current_view() == view
        assert sorted(widget.scene.selected_keys()) == sorted(keys)
        assert sorted(widget.selection.nodes()) == sorted(keys)
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        box = widget.toolbar.view_box
        box.activated.emit(box.findData("power_interest"))
    assert widget.scene.backdrop is not None
    assert widget.toolbar.view_box.currentData() == "power_interest"


def test_positions_are_kept_per_view(qtbot, widget: MapWidget, map_path: Path, ids) -> None:
    key = f"p{ids['olga']}"
    start = card_centre(widget, key) + QPoint(-30, 0)
    drag(widget, start, start + QPoint(0, 80))
    org_place = widget.scene.cards[key].pos()
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        widget.set_view("network")
    assert key not in stored_positions(map_path, ids["account"], "network")
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        widget.set_view("org")
    assert widget.scene.cards[key].pos() == org_place  # the user's place, pinned


def test_rubber_band_selects_cards(widget: MapWidget) -> None:
    rect = widget.scene.content_rect()
    top_left = viewport_point(widget, rect.topLeft()) + QPoint(2, 2)
    bottom_right = viewport_point(widget, rect.bottomRight()) - QPoint(2, 2)
    drag(widget, top_left, bottom_right)
    selected = widget.selection.nodes()
    assert len([k for k in selected if k[0] in "pt"]) == 8
    assert not [k for k in selected if k[0] in "rc"]


def test_filters_hide_cards_and_their_links(widget: MapWidget, ids) -> None:
    widget.set_filter(MapFilter(levels={"executive"}))
    visible = set(widget.scene.visible_keys())
    assert {f"p{ids['carla']}", f"p{ids['tomas']}", f"p{ids['fiona']}"} <= visible
    assert f"p{ids['ethan']}" not in visible
    edge = widget.scene.link_between(f"p{ids['ethan']}", f"p{ids['olga']}", "reports_to")
    assert edge is not None and not edge.isVisible()
    widget.toolbar.team.setChecked(False)
    assert not any(k.startswith("t") for k in widget.scene.visible_keys())
    widget.toolbar.reset_filter()
    widget.toolbar.team.setChecked(True)
    assert len(widget.scene.visible_keys()) == 8


def test_cadence_filter(widget: MapWidget, ids) -> None:
    widget.set_filter(MapFilter(cadences={"ok"}))
    people = [k for k in widget.scene.visible_keys() if k.startswith("p")]
    assert people == [f"p{ids['victor']}"]


def test_search_selects_and_centres(qtbot, widget: MapWidget, ids) -> None:
    widget.view.set_zoom(1.0)
    widget.toolbar.search.setText("olga")
    QTest.keyClick(widget.toolbar.search, Qt.Key.Key_Return)
    key = f"p{ids['olga']}"
    assert widget.selection.nodes() == [key]
    centre = widget.view.mapToScene(widget.view.viewport().rect().center())
    card = widget.scene.cards[key].pos()
    assert abs(centre.x() - card.x()) < 5 and abs(centre.y() - card.y()) < 5
    assert widget.find_person("nobody like this") is None


def test_keys_zoom_and_fit(widget: MapWidget) -> None:
    view = widget.view
    view.setFocus()
    fit = view.zoom()
    QTest.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(fit * 1.25)
    QTest.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(fit / 1.25)
    QTest.keyClick(view, Qt.Key.Key_F)
    assert view.zoom() == pytest.approx(fit)
    for _ in range(40):
        view.zoom_in()
    assert view.zoom() == pytest.approx(3.0)  # clamped


def test_zoom_keeps_the_point_under_the_mouse(widget: MapWidget) -> None:
    view = widget.view
    anchor = QPointF(300, 200)
    before = view.mapToScene(anchor.toPoint())
    view.set_zoom(view.zoom() * 2, anchor)
    after = view.mapToScene(anchor.toPoint())
    assert abs(before.x() - after.x()) < 2 and abs(before.y() - after.y()) < 2


def test_double_click_asks_for_the_editor(qtbot, widget: MapWidget, ids) -> None:
    key = f"p{ids['tomas']}"
    with qtbot.waitSignal(widget.editRequested, timeout=1000) as signal:
        QTest.mouseDClick(
            widget.view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            card_centre(widget, key),
        )
    assert signal.args == [key]


def context_menu(
    widget: MapWidget, key: str | None, action_id: str, at: QPointF | None = None
) -> None:
    """Open the context menu on a card (or the canvas) and choose one action."""
    point = widget.scene.cards[key].pos() if key else (at or QPointF(-2000, -2000))
    chosen = []

    def choose(menu, where):
        for action in menu.actions():
            if action.objectName() == action_id:
                chosen.append(action)
                action.trigger()
                return action
        raise AssertionError(f"no {action_id} in {[a.objectName() for a in menu.actions()]}")

    widget.exec_menu = choose
    viewport_pos = viewport_point(widget, point)
    widget.scene.contextMenuRequested.emit(
        key, point, widget.view.viewport().mapToGlobal(viewport_pos)
    )
    if key:
        assert key in widget.scene.selected_keys() or widget.scene.selected_keys() == []
    assert chosen


def test_context_menu_marks_contacted_today(widget: MapWidget, map_path: Path, ids) -> None:
    key = f"p{ids['ethan']}"
    tam = next(int(k[1:]) for k, c in widget.scene.data.cards.items() if c.role == "tam")
    widget.selection.set_nodes([key])
    assert widget.scene.cards[key].data_.cadence == "overdue"
    context_menu(widget, key, "contacted_today")
    with Workspace.open(map_path) as ws:
        logged = ws.interactions(ids["account"])
        last = logged[-1]
        people, team = ws.attendees(last.id)
    assert (people, team) == ([ids["ethan"]], [tam])
    assert last.kind.value == "call" and last.occurred_at.date() == TODAY
    assert widget.scene.cards[key].data_.cadence == "ok"
    stack_of(widget).undo()
    with Workspace.open(map_path) as ws:
        assert len(ws.interactions(ids["account"])) == len(logged) - 1
    assert widget.scene.cards[key].data_.cadence == "overdue"


def test_contacted_today_is_logged_by_the_tam(widget: MapWidget, map_ws: Workspace, ids) -> None:
    tam = next(m for m in map_ws.team(ids["account"]) if m.role.value == "tam")
    widget.mark_contacted_today([f"p{ids['olga']}"])
    last = map_ws.interactions(ids["account"])[-1]
    assert map_ws.attendees(last.id) == ([ids["olga"]], [tam.id])


def test_context_menu_delete_and_undo(widget: MapWidget, map_path: Path, ids) -> None:
    key = f"p{ids['olga']}"
    widget.selection.set_nodes([key])
    context_menu(widget, key, "delete")
    with Workspace.open(map_path) as ws:
        assert ids["olga"] not in [p.id for p in ws.people(ids["account"])]
    assert key not in widget.scene.cards
    assert key not in widget.selection.nodes()
    stack_of(widget).undo()
    with Workspace.open(map_path) as ws:
        assert ids["olga"] in [p.id for p in ws.people(ids["account"])]
        kinds = {
            r.kind.value
            for r in ws.relationships(ids["account"])
            if ids["olga"] in (r.source_id, r.target_id)
        }
    assert kinds == {"reports_to", "ally"}
    assert key in widget.scene.cards


def test_context_menu_log_interaction_and_add_person(
    qtbot, widget: MapWidget, map_path, ids
) -> None:
    key = f"p{ids['victor']}"
    widget.selection.set_nodes([key])
    with qtbot.waitSignal(widget.logInteractionRequested, timeout=1000) as signal:
        context_menu(widget, key, "log_interaction")
    assert signal.args == [[key]]
    with qtbot.waitSignal(widget.editRequested, timeout=1000) as edit:
        context_menu(widget, None, "add_person", QPointF(50, 900))
    new_key = edit.args[0]
    assert new_key in widget.scene.cards
    with Workspace.open(map_path) as ws:
        assert ws.positions(ids["account"], "org")[new_key] == (50, 900)
    stack_of(widget).undo()
    assert new_key not in widget.scene.cards
    with Workspace.open(map_path) as ws:
        assert new_key not in ws.positions(ids["account"], "org")


def test_context_menu_add_relationship_by_clicking(
    widget: MapWidget, map_ws: Workspace, ids
) -> None:
    source, target = f"p{ids['tomas']}", f"p{ids['olga']}"
    widget.selection.set_nodes([source])
    context_menu(widget, source, "add_link")
    assert widget.scene.link.active

    def pick_ally(menu, at):
        return next(a for a in menu.actions() if "allies" in a.text())

    widget.exec_menu = pick_ally
    QTest.mouseMove(widget.view.viewport(), card_centre(widget, target))
    QTest.mouseClick(
        widget.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        card_centre(widget, target),
    )
    assert not widget.scene.link.active
    assert ("ally", min(ids["tomas"], ids["olga"]), max(ids["tomas"], ids["olga"])) in [
        (r.kind.value, r.source_id, r.target_id) for r in map_ws.relationships(ids["account"])
    ]


def test_coverage_link_from_our_team(widget: MapWidget, map_ws: Workspace, ids) -> None:
    tam = next(k for k, c in widget.scene.data.cards.items() if c.is_member and c.role == "tam")
    assert widget.add_link(tam, f"p{ids['ethan']}", "knows")
    coverage = [(c.member_id, c.person_id, c.kind.value) for c in map_ws.coverage(ids["account"])]
    assert (int(tam[1:]), ids["ethan"], "knows") in coverage
    assert widget.scene.link_between(tam, f"p{ids['ethan']}", "knows") is not None


def test_an_edit_elsewhere_refreshes_one_card(widget: MapWidget, map_ws: Workspace, ids) -> None:
    cards = dict(widget.scene.cards)
    map_ws.update(s.Person, ids["fiona"], attitude=1, title="CFO")
    assert widget.scene.cards == cards  # same items, none rebuilt
    card = widget.scene.cards[f"p{ids['fiona']}"]
    assert card.data_.title == "CFO" and card.data_.attitude == 1


def test_departure_impact_lists_the_lost_links(widget: MapWidget, ids) -> None:
    key = f"p{ids['victor']}"
    widget.selection.set_nodes([key])
    assert widget.toolbar.departure.isEnabled()
    widget.toolbar.departure.trigger()
    panel = widget.departure
    assert panel.isVisible()
    lost = set(panel.rows("Relationships lost"))
    assert lost == {
        "Victor Hale reports to Tomas Berg",
        "Olga Petrova reports to Victor Hale",
        "Ethan Cole influences Victor Hale",
        "Victor Hale influences Tomas Berg",
        "Victor Hale ally of Olga Petrova",
        "Tess Nguyen owns Victor Hale",
    }
    paths = set(panel.rows("Influence paths lost"))
    assert "Ethan Cole → Tomas Berg" in paths
    highlighted = {k for k, e in widget.scene.edges.items() if e.highlighted}
    assert len(highlighted) == 6
    panel.closed.emit()
    assert not panel.isVisible()
    assert not any(e.highlighted for e in widget.scene.edges.values())


def test_departure_of_our_tam_shows_who_is_left_uncovered(widget: MapWidget, ids) -> None:
    tam = next(k for k, c in widget.scene.data.cards.items() if c.is_member and c.role == "tam")
    impact = widget.show_departure(tam)
    assert impact is not None
    assert set(widget.departure.rows("No one on our team covers")) == {
        "Victor Hale",
        "Olga Petrova",
    }


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_export_the_map(widget: MapWidget, tmp_path: Path, suffix: str) -> None:
    path = widget.export_map(tmp_path / f"map{suffix}")
    assert path.exists() and path.stat().st_size > 5_000
    head = path.read_bytes()[:8]
    assert head.startswith({".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}[suffix])
    if suffix == ".svg":
        assert "Victor Hale" in path.read_text(encoding="utf-8")


def test_selection_from_elsewhere_selects_cards_and_links(widget: MapWidget, ids) -> None:
    edge_key = next(k for k, e in widget.scene.edges.items() if e.link.kind == "conflict")
    widget.selection.set_nodes([f"p{ids['carla']}", edge_key])
    assert sorted(widget.scene.selected_keys()) == sorted([f"p{ids['carla']}", edge_key])
    widget.selection.clear()
    assert widget.scene.selected_keys() == []


def test_departure_answers_in_three_lines_with_paths_on_request(widget: MapWidget, ids) -> None:
    victor = f"p{ids['victor']}"
    tam = next(k for k, c in widget.scene.data.cards.items() if c.is_member and c.role == "tam")
    widget.show_departure(tam)
    panel = widget.departure
    text = panel.advice.text()
    lines = [line for line in text.split("</p>") if line.strip()]
    assert len(lines) == 3
    assert "We lose contact with" in lines[0] and "Victor Hale" in lines[0]
    assert "Decision makers" in lines[1] or "No decision maker" in lines[1]
    assert "Build a relationship with" in lines[2]
    widget.show_departure(victor)  # nothing lost: still three plain lines
    lines = [line for line in panel.advice.text().split("</p>") if line.strip()]
    assert len(lines) == 3 and "Nothing to rebuild" in lines[2]
    assert not panel.tree.isVisible()  # the paths are a detail on request
    panel.details.setChecked(True)
    assert panel.tree.isVisible()
    chosen: list[list[str]] = []
    panel.focusRequested.connect(chosen.append)
    panel.advice.linkActivated.emit(f"keys:{victor}")
    assert chosen == [[victor]]


def test_search_finds_titles_departments_and_emails(
    qtbot, widget: MapWidget, map_ws: Workspace, ids
) -> None:
    # "engineer" names nobody: every person titled so is found and shown
    assert widget.find_person("engineer") == f"p{ids['ethan']}"  # by name: Ethan, then Victor
    assert set(widget.selection.nodes()) == {f"p{ids['ethan']}", f"p{ids['victor']}"}
    map_ws.update(s.Person, ids["olga"], email="o.petrova@globex.example", department="IT Ops")
    widget.wait_for_layout()
    assert widget.find_person("petrova@globex") == f"p{ids['olga']}"
    assert widget.find_person("it ops") == f"p{ids['olga']}"
    assert widget.selection.nodes() == [f"p{ids['olga']}"]
    assert widget.find_person("Carla") == f"p{ids['carla']}"  # a name wins alone


def test_the_no_match_balloon_goes_with_the_search_text(widget: MapWidget) -> None:
    widget.toolbar.search.setText("nobody like this")
    QTest.keyClick(widget.toolbar.search, Qt.Key.Key_Return)
    assert widget.banner.isVisible() and "nobody like this" in widget.banner.text()
    widget.toolbar.search.clear()
    assert not widget.banner.isVisible()


def test_org_chart_influence_shows_for_the_focused_person_and_on_demand(
    qtbot, widget: MapWidget, ids
) -> None:
    assert widget.current_view() == "org"
    influence = next(e for e in widget.scene.edges.values() if e.link.kind == "influences")
    reports = next(e for e in widget.scene.edges.values() if e.link.kind == "reports_to")
    assert influence.opacity() == 0.0 and reports.opacity() == 1.0  # no crossing curves
    widget.selection.set_nodes([influence.link.source])
    assert influence.opacity() == 1.0  # the focused person's links
    widget.selection.clear()
    assert influence.opacity() == 0.0
    widget.toolbar.influence.trigger()  # on demand: every link, faintly
    assert 0.0 < influence.opacity() < 1.0
    widget.toolbar.influence.trigger()
    assert influence.opacity() == 0.0
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        widget.set_view("power_interest")  # a grid: the places speak, links on focus
    assert widget.toolbar.influence.isVisible() and influence.opacity() == 0.0
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        widget.set_view("network")
    assert not widget.toolbar.influence.isVisible()
    assert influence.opacity() == 1.0  # the network is about links
