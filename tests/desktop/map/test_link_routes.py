"""Links go around cards, never over them: the routing geometry, and every link of every
sample account's network (and of the org chart's influence links on demand)."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTransform

from desktop.map.edge_item import EdgeItem
from desktop.map.link_channels import channel_route, lanes_between
from desktop.map.link_routes import CardIndex, crosses, route
from desktop.map.scene import MapScene
from graph.workspace import Workspace
from tests.desktop.map.conftest import open_map

TODAY = dt.date(2026, 11, 22)


def test_a_card_in_the_way_is_passed_by_its_side() -> None:
    index = CardIndex(pad=10)
    index.place("a", (-50, -20, 50, 20))
    index.place("b", (450, -20, 550, 20))
    index.place("wall", (200, -60, 300, 60))
    path = route(index, (0, 0), (500, 0), ("a", "b"))
    assert path is not None and len(path) > 2
    assert path[0] == (0, 0) and path[-1] == (500, 0)
    for p, q in pairwise(path):
        assert not crosses(p, q, index.rects["wall"], 10)


def test_a_clear_line_stays_straight_and_a_walled_in_card_is_not_routed() -> None:
    index = CardIndex(pad=10)
    index.place("a", (-50, -20, 50, 20))
    index.place("b", (450, -20, 550, 20))
    assert route(index, (0, 0), (500, 0), ("a", "b")) == [(0, 0), (500, 0)]
    # a ring of cards around b with no gap wider than the room a link keeps
    for i, rect in enumerate(
        [(380, -100, 620, -40), (380, 40, 620, 100), (380, -45, 440, 45), (560, -45, 620, 45)]
    ):
        index.place(f"ring{i}", rect)
    assert route(index, (0, 0), (500, 0), ("a", "b")) is None


def test_only_a_real_stretch_inside_counts_as_crossing() -> None:
    rect = (0.0, 0.0, 100.0, 50.0)
    assert crosses((-10, 25), (110, 25), rect)
    assert not crosses((-10, 0), (110, 0), rect)  # along the top edge
    assert not crosses((-10, -1), (110, -1), rect)
    assert crosses((-10, -1), (110, -1), rect, pad=2)


def crossings(scene: MapScene) -> list[str]:
    """Every shown link that passes over a card other than its own two."""
    found = []
    bodies = {
        key: card.mapRectToScene(card.body).adjusted(0.5, 0.5, -0.5, -0.5)
        for key, card in scene.cards.items()
        if card.isVisible()
    }
    for edge in scene.edges.values():
        if not edge.isVisible() or edge.opacity() == 0.0:
            continue
        polygons = edge.path().toSubpathPolygons(QTransform())
        for polygon in polygons:
            points = [edge.mapToScene(polygon.at(i)) for i in range(polygon.count())]
            for key, body in bodies.items():
                if key in (edge.source.key, edge.target.key):
                    continue
                if any(_segment_in(body, p, q) for p, q in pairwise(points)):
                    found.append(f"{edge.tooltip()} crosses {scene.cards[key].data_.name}")
    return found


def _segment_in(body: QRectF, p: QPointF, q: QPointF) -> bool:
    rect = (body.left(), body.top(), body.right(), body.bottom())
    return crosses((p.x(), p.y()), (q.x(), q.y()), rect)


def _laid_out(qtbot: Any, widget: Any, view: str) -> None:
    if widget.current_view() != view:
        with qtbot.waitSignal(widget.layoutApplied, timeout=10000):
            widget.set_view(view)


def test_no_link_of_any_sample_network_crosses_a_card(qtbot: Any, sample: Workspace) -> None:
    accounts = sample.accounts()
    assert len(accounts) == 4
    widget = open_map(qtbot, sample, accounts[0].id, (1366, 700))
    _laid_out(qtbot, widget, "network")
    for account in accounts:
        if widget.account_id != account.id:
            with qtbot.waitSignal(widget.layoutApplied, timeout=10000):
                widget.set_account(account.id)
        shown = [e for e in widget.scene.edges.values() if e.isVisible()]
        assert len(shown) > 20, account.name  # the network shows its links at rest
        assert crossings(widget.scene) == [], account.name


def test_org_chart_influence_on_demand_goes_around_cards(qtbot: Any, sample: Workspace) -> None:
    account = sample.account_named("Harbourline Retail Group")
    widget = open_map(qtbot, sample, account.id, (1366, 700))
    _laid_out(qtbot, widget, "org")
    influence = [e for e in widget.scene.edges.values() if e.link.kind == "influences"]
    assert influence and all(e.opacity() == 0.0 for e in influence)  # at rest: hidden
    widget.toolbar.influence.setChecked(True)
    assert all(e.opacity() > 0.0 for e in influence if e.isVisible())
    assert crossings(widget.scene) == []


def test_a_card_dropped_on_a_link_sends_the_link_around_it(qtbot: Any, sample: Workspace) -> None:
    account = sample.account_named("Kestrel Freight Systems")
    widget = open_map(qtbot, sample, account.id, (1366, 700))
    _laid_out(qtbot, widget, "network")
    scene = widget.scene
    edge = next(
        e
        for e in scene.edges.values()
        if e.isVisible() and e.path().elementCount() == 2 and e.path().length() > 300
    )
    mover = next(
        c for c in scene.cards.values() if c.isVisible() and c not in (edge.source, edge.target)
    )
    middle = edge.path().pointAtPercent(0.5)
    mover.setPos(middle)  # a drag ends here: the card sits on the link's old line
    assert crossings(scene) == []
    assert isinstance(edge, EdgeItem) and edge.path().elementCount() > 2


def lattice_index(columns: int, rows: int, w: float = 200, h: float = 70, lane: float = 48):
    """Cards in every cell of a lattice; key "c<col>r<row>"."""
    index = CardIndex(pad=10)
    for c in range(columns):
        for r in range(rows):
            x, y = c * (w + lane), r * (h + lane)
            index.place(f"c{c}r{r}", (x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    return index


def assert_clear(index: CardIndex, path: list[tuple[float, float]], ends: tuple[str, str]) -> None:
    for p, q in pairwise(path):
        for key, rect in index.rects.items():
            if key not in ends:
                assert not crosses(p, q, rect), (p, q, key)


def test_lanes_run_between_the_rows_and_the_columns_of_cards() -> None:
    index = lattice_index(3, 2)
    xs, ys = lanes_between(index.rects)
    assert {124.0, 372.0} <= set(xs)  # midway between columns 0-1 and 1-2
    assert 59.0 in ys  # midway between the two rows
    assert min(xs) < -100 and max(xs) > 596 and min(ys) < -35 and max(ys) > 153


def test_a_link_across_a_lattice_runs_in_its_lanes() -> None:
    index = lattice_index(6, 6)
    ends = ("c0r0", "c5r5")
    path = channel_route(index, *ends)
    assert path is not None
    assert path[0] == (0.0, 0.0) and path[-1] == (5 * 248.0, 5 * 118.0)
    assert all(p[0] == q[0] or p[1] == q[1] for p, q in pairwise(path))  # across and down
    assert len(path) <= 6
    assert_clear(index, path, ends)


def test_a_card_dropped_on_a_lane_sends_links_by_another() -> None:
    index = lattice_index(6, 6)
    ends = ("c0r0", "c5r5")
    first = channel_route(index, *ends)
    assert first is not None
    # a card dropped across the middle of the lane the link ran down
    (x, _), (_, y) = first[2], first[3]
    index.place(
        "dropped", (x - 100, (first[2][1] + y) / 2 - 35, x + 100, (first[2][1] + y) / 2 + 35)
    )
    assert not index.channels.columns.free(index.channels.columns.at.index(x), first[2][1], y)
    second = channel_route(index, *ends)
    assert second is not None and second != first
    assert_clear(index, second, ends)


def test_cells_of_a_grid_reach_each_other_by_their_borders() -> None:
    """Cards packed 16 px apart in blocks, blocks 48 px apart: out of a block between its
    cards, along the border lanes, into the other block."""
    index = CardIndex(pad=10)
    for block_x, block_y in ((0, 0), (1, 2), (3, 1)):
        for c in range(3):
            for r in range(3):
                x = block_x * 720 + c * 216
                y = block_y * 300 + r * 86
                index.place(f"b{block_x}{block_y}c{c}r{r}", (x - 100, y - 35, x + 100, y + 35))
    ends = ("b00c1r1", "b31c1r1")
    path = channel_route(index, *ends)
    assert path is not None
    assert_clear(index, path, ends)
