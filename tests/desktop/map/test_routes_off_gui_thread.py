"""A big network's links are routed on the layout worker, not on the GUI thread: switching a
2,000-person account to the network must not freeze the window while thousands of links find
their lanes. The worker hands the ways over with the positions; the scene only draws them."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

import desktop.map.link_routes as link_routes
from desktop.map.layout_worker import LayoutRequest, LayoutResult, LayoutWorker, compute_layout
from desktop.map.link_routes import CardIndex, LaneWays, plan_lane_ways
from desktop.map.map_data import MapData, card_sizes
from desktop.map.scene import MapScene
from desktop.map.styles import light_style
from tests.desktop.map.big_account import big_map_data
from tests.desktop.map.test_big_map_links import crossing_links, opened

Route = Callable[..., list[tuple[float, float]] | None]


@pytest.fixture(scope="module")
def big() -> MapData:
    return big_map_data(600)  # over ROUTE_LIMIT cards: its links run in lanes


@pytest.fixture
def routed_on(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The thread of every lane search made from now on."""
    threads: list[int] = []
    real: Route = link_routes.channel_route

    def recorded(*args: object) -> list[tuple[float, float]] | None:
        threads.append(threading.get_ident())
        return real(*args)

    monkeypatch.setattr(link_routes, "channel_route", recorded)
    return threads


def test_a_big_network_switch_routes_on_the_worker(
    qtbot, big: MapData, routed_on: list[int]
) -> None:
    gui = threading.get_ident()
    scene = MapScene(light_style())
    scene.set_data(big)  # the org chart, as the account opened
    scene.set_view_name("network")  # the switch: links run straight until the layout lands
    worker = LayoutWorker()
    with qtbot.waitSignal(worker.finished, timeout=60000) as done:
        worker.start(LayoutRequest("network", big, scene.sizes(), {}))
    result: LayoutResult = done.args[0]
    assert result.ways is not None and result.ways.thread != gui
    scene.expect_ways(result.ways)
    scene.place(result.positions)  # what the map widget does with the result
    worker.wait()

    assert routed_on and gui not in routed_on  # every search ran on the worker
    edges = list(scene.edges.values())
    in_lanes = [e for e in edges if e.lane_way is not None]
    assert len(in_lanes) > len(edges) / 2  # the handed-over ways are drawn, not lost
    assert crossing_links(scene) == {}


def test_switching_a_big_map_to_the_network_routes_nothing_at_once(
    big: MapData, routed_on: list[int]
) -> None:
    scene = opened(big, "org")  # folded to fit, as a big account opens
    assert scene.folded
    routed_on.clear()
    scene.set_view_name("network")  # the layout (and its routes) come from the worker
    assert routed_on == []  # not even for the folded people shown again where they were
    assert scene.routing.on  # routing is back on for the layout that lands


def test_ways_are_used_only_where_the_cards_lie() -> None:
    sizes = {k: (200.0, 80.0) for k in ("a", "b", "c")}
    rects = {k: (i * 400.0, 0.0, i * 400.0 + w, h) for i, (k, (w, h)) in enumerate(sizes.items())}
    planned = plan_lane_ways(rects, [("a", "c")])
    assert planned is not None and ("a", "c") in planned.ways
    index = CardIndex()
    for key, rect in rects.items():
        index.place(key, rect)
    index.expect(planned)
    assert index.lane_way("a", "c") is planned.ways[("a", "c")]
    index.place("b", (400.0, -300.0, 600.0, 80.0))  # a card moved: the plan no longer holds
    assert index.lane_way("a", "c") is not planned.ways[("a", "c")]


def test_a_stale_routing_stops() -> None:
    rects = {k: (i * 300.0, 0.0, i * 300.0 + 200.0, 80.0) for i, k in enumerate("abcd")}
    assert plan_lane_ways(rects, [("a", "d")], stale=lambda: True) is None


def test_only_the_worker_routes_a_layout(big: MapData) -> None:
    request = LayoutRequest("network", big, card_sizes(big), {})
    assert compute_layout(request).ways is None  # a render or an export routes as it draws
    small = big_map_data(60)
    small_request = LayoutRequest("network", small, card_sizes(small), {})
    assert compute_layout(small_request, lambda: False).ways is None  # searched per link


def test_a_big_grid_is_routed_after_its_positions(
    qtbot, big: MapData, routed_on: list[int]
) -> None:
    gui = threading.get_ident()
    scene = MapScene(light_style())
    scene.set_view_name("power_interest")
    scene.set_data(big)
    worker = LayoutWorker()
    got: list[object] = []
    worker.finished.connect(got.append)
    worker.routed.connect(got.append)
    with qtbot.waitSignal(worker.routed, timeout=60000):
        worker.start(LayoutRequest("power_interest", big, scene.sizes(), {}))
    result, ways = got
    assert isinstance(result, LayoutResult) and isinstance(ways, LaneWays)
    assert result.ways is None  # the positions did not wait for the links
    scene.place(result.positions)
    scene.expect_ways(ways)
    worker.wait()

    busiest = max(scene.cards.values(), key=lambda card: len(card.edges))
    scene.card_hovered(busiest, True)  # a grid shows a person's links on a hover
    shown = [e for e in busiest.edges if e.isVisible() and e.opacity() > 0.0]
    assert shown and any(e.lane_way is not None for e in shown)
    assert routed_on and gui not in routed_on
    assert crossing_links(scene) == {}


def test_a_newer_layout_drops_a_grid_routing(qtbot, big: MapData) -> None:
    worker = LayoutWorker()
    sizes = card_sizes(big)
    routed: list[object] = []
    worker.routed.connect(routed.append)
    with qtbot.waitSignal(worker.finished, timeout=60000):
        worker.start(LayoutRequest("power_interest", big, sizes, {}))
        worker.start(LayoutRequest("org", big, sizes, {}))  # the user moved on at once
    worker.wait()
    qtbot.wait(10)  # any routing result queued for the GUI thread is delivered now
    assert routed == []
