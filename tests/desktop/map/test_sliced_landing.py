"""A big map's layout is taken up across turns of the event loop, so the window answers while
thousands of cards and links are created, restyled and moved: the view keeps its last picture
until the whole map is in place, and anything that needs the map whole (an export, an edit, a
newer layout) finishes the work first. The outcome is the same map as taken up in one go.

The Globex test account stands in for a big one: ``SLICED_ABOVE`` is lowered to its size and
each slice to a single step, so every batch is its own turn of the loop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

import desktop.map.map_widget as map_widget
import desktop.map.scene_slices as scene_slices
from desktop.map.map_widget import MapWidget
from desktop.map.scene_slices import SlicedWork, Steps
from graph import schema as s
from graph.workspace import Workspace
from tests.desktop.map.conftest import open_map


def counted(done: list[str], count: int, label: str = "step") -> Steps:
    try:
        for i in range(count):
            done.append(f"{label} {i}")
            yield
    finally:
        done.append(f"{label} closed")


def test_work_runs_a_slice_a_turn_until_done(qtbot: Any) -> None:
    work = SlicedWork(None)  # type: ignore[arg-type]
    done: list[str] = []
    scene_slices.SLICE_S, before = 0.0, scene_slices.SLICE_S
    try:
        work.start(counted(done, 3))
        assert done == ["step 0"] and work.active  # one step now, the rest on later turns
        qtbot.waitUntil(lambda: not work.active, timeout=2000)
    finally:
        scene_slices.SLICE_S = before
    assert done == ["step 0", "step 1", "step 2", "step closed"]


def test_finishing_runs_the_rest_at_once_and_unsliced_work_runs_whole() -> None:
    work = SlicedWork(None)  # type: ignore[arg-type]
    done: list[str] = []
    scene_slices.SLICE_S, before = 0.0, scene_slices.SLICE_S
    try:
        work.start(counted(done, 3))
    finally:
        scene_slices.SLICE_S = before
    work.finish()
    assert done[-1] == "step closed" and not work.active
    work.start(counted(done, 2, "whole"), sliced=False)
    assert done[-3:] == ["whole 0", "whole 1", "whole closed"] and not work.active


def test_new_work_finishes_the_old_first_and_dropped_work_is_closed() -> None:
    work = SlicedWork(None)  # type: ignore[arg-type]
    done: list[str] = []
    scene_slices.SLICE_S, before = 0.0, scene_slices.SLICE_S
    try:
        work.start(counted(done, 3, "old"))
        work.start(counted(done, 3, "new"))
        assert done == ["old 0", "old 1", "old 2", "old closed", "new 0"]
        work.drop()
    finally:
        scene_slices.SLICE_S = before
    assert done[-1] == "new closed" and not work.active


def test_finishing_from_inside_the_work_is_a_no_op() -> None:
    work = SlicedWork(None)  # type: ignore[arg-type]
    done: list[str] = []

    def steps() -> Steps:
        done.append("in")
        work.finish()  # e.g. a scene method called by the work itself
        yield
        done.append("out")

    work.start(steps(), sliced=False)
    assert done == ["in", "out"]


def test_failed_work_is_over() -> None:
    work = SlicedWork(None)  # type: ignore[arg-type]

    def steps() -> Steps:
        yield
        raise ValueError("broken")

    scene_slices.SLICE_S, before = 0.0, scene_slices.SLICE_S
    try:
        work.start(steps())
        with pytest.raises(ValueError):
            work._turn()
    finally:
        scene_slices.SLICE_S = before
    assert not work.active


@pytest.fixture
def sliced(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every map counts as big, and each slice is a single batch."""
    monkeypatch.setattr(map_widget, "SLICED_ABOVE", 0)
    monkeypatch.setattr(scene_slices, "SLICE_S", 0.0)
    monkeypatch.setattr(scene_slices, "BATCH", 1)
    yield


def drawn(w: MapWidget) -> dict[str, object]:
    """Everything the map shows: places, visibility, opacity, and the paths of the links
    that show (a hidden link is routed when it next shows)."""
    scene = w.scene
    out: dict[str, object] = {"view": scene.view_name}
    for key, card in scene.cards.items():
        out[key] = (card.pos().x(), card.pos().y(), card.isVisible(), card.opacity())
    for key, edge in scene.edges.items():
        shown = edge.isVisible() and edge.opacity() > 0.0
        arrow = edge.arrow.polygon() if edge.arrow is not None and shown else None
        tail = edge.tail.path() if edge.tail is not None and shown else None
        path = edge.path() if shown else None
        out[key] = (path, arrow, tail, edge.isVisible(), edge.opacity(), edge.pen())
    return out


def test_a_big_maps_layout_lands_in_slices_never_half_drawn(
    qtbot: Any, map_ws: Workspace, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = {}
    w = open_map(qtbot, map_ws, ids["account"], (1200, 800))
    whole["org"] = drawn(w)
    for view in ("network", "power_interest"):
        with qtbot.waitSignal(w.layoutApplied, timeout=5000):
            w.set_view(view)
        whole[view] = drawn(w)
    monkeypatch.setattr(map_widget, "SLICED_ABOVE", 0)
    monkeypatch.setattr(scene_slices, "SLICE_S", 0.0)
    monkeypatch.setattr(scene_slices, "BATCH", 1)
    w = open_map(qtbot, map_ws, ids["account"], (1200, 800))
    assert drawn(w) == whole["org"]
    # each turn: work left, the viewport painting (and its cards taking clicks)
    turns: list[tuple[bool, bool]] = []
    w.scene.slices._timer.timeout.connect(
        lambda: turns.append(
            (w.scene.slices.active, w.view.viewport().updatesEnabled() or w.view.isInteractive())
        )
    )
    for view in ("network", "power_interest"):
        turns.clear()
        before = drawn(w)
        w.set_view(view)
        assert drawn(w) == before  # the click changes nothing: the old view until it lands
        with qtbot.waitSignal(w.layoutApplied, timeout=5000):
            pass
        assert len(turns) > 10  # many turns, none painted until the last
        assert turns[-1] == (False, True)
        assert not any(painting for _, painting in turns[:-1])
        assert w.view.viewport().updatesEnabled() and w.view.isInteractive()
        assert not w.scene.slices.active
        assert drawn(w) == whole[view]  # the same map as taken up in one go


def test_what_needs_the_whole_map_finishes_its_landing_first(
    qtbot: Any, map_ws: Workspace, ids: dict[str, int], sliced: None, tmp_path: Path
) -> None:
    w = open_map(qtbot, map_ws, ids["account"], (1200, 800))
    applied: list[str] = []
    w.layoutApplied.connect(applied.append)
    with qtbot.waitSignal(w.worker.finished, timeout=5000):  # the first slice ran
        w.set_view("network")
    assert w.scene.slices.active and not applied
    picture = w.export_map(tmp_path / "map.png")  # an export draws the whole map
    assert applied == ["network"] and not w.scene.slices.active
    assert w.view.viewport().updatesEnabled()
    assert not QImage(str(picture)).isNull()

    with qtbot.waitSignal(w.worker.finished, timeout=5000):
        w.set_view("org")
    assert w.scene.slices.active
    person = ids["carla"]
    map_ws.update(s.Person, person, title="Chief Architect")  # an edit lands on the whole map
    assert applied == ["network", "org"] and not w.scene.slices.active
    assert w.scene.data.cards[f"p{person}"].title == "Chief Architect"


def test_opening_another_account_drops_the_landing(
    qtbot: Any, map_ws: Workspace, ids: dict[str, int], sliced: None
) -> None:
    w = open_map(qtbot, map_ws, ids["account"], (1200, 800))
    with qtbot.waitSignal(w.worker.finished, timeout=5000):
        w.set_view("network")
    assert w.scene.slices.active
    w.set_account(None)
    assert not w.scene.slices.active and not w.scene.cards
    assert w.view.viewport().updatesEnabled() and w.view.isInteractive()
    assert not w.scene.routing.held
