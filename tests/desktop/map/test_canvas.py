"""The canvas mechanics: wheel zoom under the mouse, panning, layout off the GUI thread,
light and dark palettes, parallel links."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette, QUndoStack, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.map.layout_worker import LayoutRequest, LayoutWorker
from desktop.map.map_data import CardData, LinkData, MapData
from desktop.map.map_widget import MapWidget
from desktop.map.scene import MapScene
from desktop.map.styles import light_style
from desktop.workspace.selection import Selection
from graph.workspace import Workspace


@pytest.fixture
def widget(qtbot, map_ws: Workspace, ids) -> MapWidget:
    w = MapWidget(map_ws, QUndoStack(), Selection())
    w.scene.animate = False
    qtbot.addWidget(w)
    w.resize(1000, 700)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.layoutApplied, timeout=5000):
        w.set_account(ids["account"])
    return w


def wheel(widget: MapWidget, at: QPoint, steps: int, modifiers=Qt.KeyboardModifier.NoModifier):
    viewport = widget.view.viewport()
    event = QWheelEvent(
        QPointF(at),
        QPointF(viewport.mapToGlobal(at)),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def test_wheel_zooms_around_the_pointer(widget: MapWidget) -> None:
    view = widget.view
    at = QPoint(250, 300)
    before_zoom = view.zoom()
    before = view.mapToScene(at)
    wheel(widget, at, 2)
    assert view.zoom() == pytest.approx(before_zoom * 1.25**2)
    after = view.mapToScene(at)
    assert abs(after.x() - before.x()) < 3 and abs(after.y() - before.y()) < 3
    for _ in range(30):
        wheel(widget, at, -3)
    assert view.zoom() == pytest.approx(view.min_zoom())  # clamped


def test_middle_drag_and_space_drag_pan(widget: MapWidget) -> None:
    view, viewport = widget.view, widget.view.viewport()
    view.set_zoom(1.5)
    start = view.mapToScene(viewport.rect().center())
    centre = viewport.rect().center()
    QTest.mousePress(viewport, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, centre)
    QTest.mouseMove(viewport, centre + QPoint(80, 40))
    QTest.mouseRelease(
        viewport,
        Qt.MouseButton.MiddleButton,
        Qt.KeyboardModifier.NoModifier,
        centre + QPoint(80, 40),
    )
    moved = view.mapToScene(viewport.rect().center())
    assert moved.x() < start.x() - 20 and moved.y() < start.y() - 10
    positions = widget.scene.positions()
    view.setFocus()
    QTest.keyPress(view, Qt.Key.Key_Space)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    QTest.mouseMove(viewport, centre + QPoint(-60, 0))
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre + QPoint(-60, 0)
    )
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert view.mapToScene(viewport.rect().center()).x() > moved.x() + 20
    assert widget.scene.positions() == positions  # panning moved no card
    assert widget.undo_stack.count() == 0


def test_delete_key_deletes_the_selection(widget: MapWidget, map_ws: Workspace, ids) -> None:
    widget.selection.set_nodes([f"p{ids['ethan']}"])
    widget.view.setFocus()
    QTest.keyClick(widget.view, Qt.Key.Key_Delete)
    assert ids["ethan"] not in [p.id for p in map_ws.people(ids["account"])]
    widget.undo_stack.undo()
    assert ids["ethan"] in [p.id for p in map_ws.people(ids["account"])]


def test_dark_palette_switches_the_map_style(widget: MapWidget) -> None:
    assert not widget.scene.map_style.dark
    palette = QPalette(widget.palette())
    palette.setColor(QPalette.ColorRole.Window, QColor("#1e1f22"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    widget.setPalette(palette)
    assert widget.scene.map_style.dark
    assert widget.scene.backgroundBrush().color() == widget.scene.map_style.background
    assert all(card.map_style.dark for card in widget.scene.cards.values())


def test_several_kinds_between_two_people_do_not_overlap(widget: MapWidget, ids) -> None:
    a, b = f"p{ids['victor']}", f"p{ids['olga']}"
    assert widget.add_link(a, b, "influences", 2)
    assert widget.add_link(b, a, "influences", 1)
    edges = [e for e in widget.scene.edges.values() if {e.link.source, e.link.target} == {a, b}]
    bent = [e for e in edges if not e.elbow]
    assert len(bent) == 3  # ally and two influences beside the reporting line
    offsets = sorted(abs(e.offset) for e in bent)
    assert offsets[0] > 0
    widget.selection.set_nodes([a])  # the org chart shows them for the focused person
    midpoints = {
        (round(e.path().pointAtPercent(0.5).x()), round(e.path().pointAtPercent(0.5).y()))
        for e in bent
    }
    assert len(midpoints) == 3


def big_map(people: int) -> MapData:
    data = MapData(1, "Big")
    for i in range(people):
        data.cards[f"p{i}"] = CardData(key=f"p{i}", kind="person", name=f"Person {i}")
    for i in range(1, people):
        data.links[f"r{i}"] = LinkData(f"r{i}", f"p{i}", f"p{(i - 1) // 4}", "reports_to")
    return data


def test_layout_runs_on_a_worker_thread(qtbot) -> None:
    data = big_map(1500)
    scene = MapScene(light_style())
    scene.set_data(data)
    worker = LayoutWorker()
    request = LayoutRequest("org", data, scene.sizes(), {"p7": (1.0, 2.0)})
    with qtbot.waitSignal(worker.finished, timeout=10000) as done:
        worker.start(request)
        assert worker.busy  # start() returned at once; the GUI thread is free
    result = done.args[0]
    assert len(result.positions) == 1500 and result.positions["p7"] == (1.0, 2.0)
    worker.wait()


def test_a_stale_layout_is_dropped(qtbot) -> None:
    data = big_map(300)
    scene = MapScene(light_style())
    scene.set_data(data)
    worker = LayoutWorker()
    results = []
    worker.finished.connect(results.append)
    worker.start(LayoutRequest("org", data, scene.sizes(), {}))
    with qtbot.waitSignal(worker.finished, timeout=10000):
        worker.start(LayoutRequest("power_interest", data, scene.sizes(), {}))
    worker.wait()
    qtbot.wait(50)
    assert [r.view for r in results] == ["power_interest"]


def test_a_big_account_fits_no_further_out_than_readable(qtbot) -> None:
    from desktop.map.card_item import READABLE_MIN
    from desktop.map.layout_worker import compute_layout
    from desktop.map.view import MapView

    data = big_map(800)
    scene = MapScene(light_style())
    scene.set_data(data)
    scene.place(compute_layout(LayoutRequest("org", data, scene.sizes(), {})).positions)
    view = MapView(scene)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.fit()
    assert view.zoom() == pytest.approx(READABLE_MIN)  # names and titles still read here


def test_no_account_shows_an_empty_map(widget: MapWidget) -> None:
    widget.set_account(None)
    assert widget.scene.cards == {} and widget.scene.edges == {}
    widget.view.fit()
    widget.find_person("anyone")  # nothing to find, no error


def test_hidden_team_links_do_not_catch_clicks(widget: MapWidget, ids) -> None:
    owns = next(e for e in widget.scene.edges.values() if e.link.kind == "owns")
    assert owns.opacity() == 0.0  # org chart: shown only for a focused card
    middle = owns.path().pointAtPercent(0.5)
    assert widget.scene.edge_at(middle) is None
    widget.selection.set_nodes([owns.link.target])
    assert owns.opacity() == 1.0
    widget.selection.clear()
    assert owns.opacity() == 0.0


def test_the_widget_lets_go_of_the_workspace(qtbot, map_ws: Workspace, ids) -> None:
    before = len(map_ws.changed.connected())
    w = MapWidget(map_ws, QUndoStack(), Selection())
    assert len(map_ws.changed.connected()) == before + 1
    w.deleteLater()
    qtbot.waitUntil(lambda: len(map_ws.changed.connected()) == before, timeout=2000)


def _clear_point_on(widget: MapWidget, edge) -> QPoint:
    """A point of ``edge`` in the viewport where nothing (card, legend, other link) lies on top.

    Where the middle of a link falls depends on the fonts (card sizes) and the window size, so
    the test looks for a spot a user could click rather than assuming the middle is free.
    """
    viewport = widget.view.viewport()
    for step in range(20, 81, 5):
        widget.view.centerOn(edge.path().pointAtPercent(step / 100))
        point = widget.view.mapFromScene(edge.path().pointAtPercent(step / 100))
        if not viewport.rect().contains(point) or viewport.childAt(point) is not None:
            continue
        if widget.view.itemAt(point) is edge:
            return point
    raise AssertionError(f"no free spot on the {edge.link.kind} link to click")


def test_click_near_a_link_chooses_it(qtbot, widget: MapWidget, ids) -> None:
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        widget.set_view("network")
    viewport = widget.view.viewport()
    conflict = next(e for e in widget.scene.edges.values() if e.link.kind == "conflict")
    near = _clear_point_on(widget, conflict) + QPoint(2, 2)
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, near)
    assert widget.selection.nodes() == [conflict.key]
    assert conflict.chosen
    ally = next(e for e in widget.scene.edges.values() if e.link.kind == "ally")
    on_ally = _clear_point_on(widget, ally)
    QTest.mouseClick(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, on_ally
    )
    assert sorted(widget.selection.nodes()) == sorted([conflict.key, ally.key])
    corner = widget.scene.content_rect().topLeft()
    widget.view.centerOn(corner)
    empty = widget.view.mapFromScene(corner) + QPoint(3, 3)
    assert widget.view.itemAt(empty) is None
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, empty)
    assert widget.selection.nodes() == [] and not conflict.chosen


def test_legend_makes_way_in_a_small_window_unless_asked_for(qtbot, widget: MapWidget) -> None:
    assert widget.legend.isVisible()  # 1000 x 700: room enough
    widget.resize(640, 480)
    qtbot.waitUntil(lambda: not widget.legend.isVisible(), timeout=2000)
    widget.toolbar.legend.trigger()  # the user wants it anyway
    assert widget.legend.isVisible() and widget.toolbar.legend.isChecked()
    widget.resize(1100, 800)
    qtbot.wait(20)
    assert widget.legend.isVisible()


def test_opening_an_account_reads_it_off_the_gui_thread(qtbot, map_ws: Workspace, ids) -> None:
    from graph import schema as s

    w = MapWidget(map_ws, QUndoStack(), Selection())
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.layoutApplied, timeout=5000):
        w.set_account(ids["account"])
        assert w.scene.cards == {}  # set_account returned before anything was read
        map_ws.update(s.Person, ids["ethan"], title="Principal SRE")  # while it reads
    qtbot.waitUntil(lambda: not w._loading, timeout=5000)
    w.wait_for_layout()
    qtbot.wait(20)
    assert len(w.scene.cards) == 8
    assert w.scene.cards[f"p{ids['ethan']}"].data_.title == "Principal SRE"
