"""On a 2,000-person account no link crosses a card, in any view: the network's thousands of
links run in the lanes between rows and columns of cards, and a link that finds no way round
is drawn faint under the cards."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsPathItem

from desktop.map.edge_item import BLOCKED_ALPHA, EDGE_Z, EdgeItem
from desktop.map.layout_worker import VIEWS, LayoutRequest, compute_layout
from desktop.map.map_data import MapData, card_sizes
from desktop.map.org_folding import fold_to_fit, hidden_under, team_sizes
from desktop.map.scene import MapScene
from desktop.map.styles import light_style
from tests.desktop.map.big_account import big_map_data


def crossing_links(scene: MapScene) -> dict[str, list[str]]:
    """Each shown link that passes over a card other than its own two, with those cards:
    every segment of the link's drawn path (as Qt flattens it) clipped against every shown
    card's body (Liang-Barsky, all cards at once); touching a card's side is not crossing."""
    keys = [k for k, card in scene.cards.items() if card.isVisible()]
    bodies = [
        scene.cards[k].mapRectToScene(scene.cards[k].body).adjusted(0.5, 0.5, -0.5, -0.5)
        for k in keys
    ]
    left, top, right, bottom = (
        np.array([getattr(r, side)() for r in bodies])
        for side in ("left", "top", "right", "bottom")
    )
    column = {k: i for i, k in enumerate(keys)}
    found: dict[str, list[str]] = {}
    drawn: list[tuple[str, QGraphicsPathItem, tuple[str, ...]]] = [
        (edge.key, part, (edge.source.key, edge.target.key))
        for edge in scene.edges.values()
        if edge.isVisible() and edge.opacity() > 0.0
        for part in (edge, edge.tail)  # a link sharing lanes draws its far end apart
        if part is not None
    ]
    if scene.bundles is not None:  # the lanes links share, drawn once: no card is theirs
        drawn.append(("bundles", scene.bundles, ()))
    for name, item, ends in drawn:
        for polygon in item.path().toSubpathPolygons(QTransform()):
            xy = np.array(
                [item.mapToScene(polygon.at(i)).toTuple() for i in range(polygon.count())]
            )
            p, q = xy[:-1], xy[1:]
            low, high = np.minimum(p, q), np.maximum(p, q)
            near = (
                (low[:, 0:1] < right)
                & (high[:, 0:1] > left)
                & (low[:, 1:2] < bottom)
                & (high[:, 1:2] > top)
            )
            for key in ends:
                if key in column:
                    near[:, column[key]] = False
            seg, card = np.nonzero(near)  # segment and card pairs whose boxes overlap
            if not len(seg):
                continue
            x0, y0 = p[seg, 0], p[seg, 1]
            dx, dy = q[seg, 0] - x0, q[seg, 1] - y0
            t0, t1 = np.zeros(len(seg)), np.ones(len(seg))
            apart = np.zeros(len(seg), dtype=bool)
            sides = (
                (-dx, x0 - left[card]),
                (dx, right[card] - x0),
                (-dy, y0 - top[card]),
                (dy, bottom[card] - y0),
            )
            for step, room in sides:
                flat = np.abs(step) < 1e-9
                apart |= flat & (room <= 1e-9)
                t = room / np.where(flat, 1.0, step)
                t0 = np.where(~flat & (step < 0), np.maximum(t0, t), t0)
                t1 = np.where(~flat & (step > 0), np.minimum(t1, t), t1)
            inside = ~apart & ((t1 - t0) * np.hypot(dx, dy) > 0.5)
            for i in sorted(set(card[inside].tolist())):
                found.setdefault(name, []).append(keys[i])
    return found


def opened(data: MapData, view: str, *, fold: bool = True) -> MapScene:
    """The scene as the map widget shows ``view`` of a freshly read account: the org chart
    folded to fit (unless not ``fold``: every team open)."""
    chart = data.org_chart()
    collapsed = fold_to_fit(chart) if view == "org" and fold else set()
    hidden = hidden_under(chart, collapsed)
    request = LayoutRequest(view, data, card_sizes(data), {}, hidden=frozenset(hidden))
    result = compute_layout(request)
    scene = MapScene(light_style())
    scene.set_view_name(view)
    scene.set_data(data, result.positions)
    scene.set_folding(collapsed, hidden, team_sizes(chart))
    scene.place(result.positions)
    return scene


@pytest.fixture(scope="module")
def big() -> MapData:
    return big_map_data(2000)


def shown_links(scene: MapScene) -> list[EdgeItem]:
    return [e for e in scene.edges.values() if e.isVisible() and e.opacity() > 0.0]


@pytest.mark.parametrize("view", list(VIEWS))
def test_no_link_crosses_a_card_on_a_big_account(qtbot, big: MapData, view: str) -> None:
    scene = opened(big, view)
    assert len(scene.cards) == 2008
    if view == "network":  # every link shows at rest
        assert len(shown_links(scene)) == len(big.links)
    else:  # a card's place is the message: its influence shows when it has the focus
        assert not any(e.link.kind == "influences" for e in shown_links(scene))
    assert crossing_links(scene) == {}
    # the busiest person's links, shown while they are focused (hovered or selected)
    people = [c for c in scene.cards.values() if c.isVisible() and not c.data_.is_member]
    busiest = max(people, key=lambda card: sum(e.isVisible() for e in card.edges))
    scene.set_focus({busiest.key})
    theirs = [e for e in busiest.edges if e.isVisible()]
    assert len(theirs) >= 5 and all(e.opacity() == 1.0 for e in theirs)
    assert crossing_links(scene) == {}
    assert not any(e.blocked for e in theirs)


def test_the_whole_org_chart_with_influence_on_demand_crosses_no_card(qtbot, big: MapData) -> None:
    scene = opened(big, "org", fold=False)  # every team open: 2,008 cards
    assert all(c.isVisible() for c in scene.cards.values())
    scene.set_influence_shown(True)
    shown = shown_links(scene)
    assert sum(e.link.kind == "influences" for e in shown) > 1000
    assert crossing_links(scene) == {}


def test_a_link_walled_in_on_a_big_map_runs_faint_under_the_cards(qtbot, big: MapData) -> None:
    scene = opened(big, "network")
    edge = next(e for e in scene.edges.values() if e.link.kind == "influences")
    target = edge.target
    # a ring of the nearest other cards packed tight around the link's target
    others = sorted(
        (c for c in scene.cards.values() if c not in (edge.source, target)),
        key=lambda c: (c.x() - target.x()) ** 2 + (c.y() - target.y()) ** 2,
    )
    x, y, w, h = target.x(), target.y(), target.half_w * 2, target.half_h * 2
    ring = [(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)]
    for card, (i, j) in zip(others, ring, strict=False):
        card.setPos(x + i * (w + 4), y + j * (h + 4))
    assert edge.blocked
    assert edge.zValue() == EDGE_Z < min(c.zValue() for c in scene.cards.values())
    full = light_style().edge_pen(edge.link.kind, edge.width()).color().alphaF()
    assert edge.pen().color().alphaF() == pytest.approx(full * BLOCKED_ALPHA, abs=0.01)
    scene.set_focus({target.key})  # no way round: still faint, under the cards
    assert edge.blocked and edge.pen().color().alphaF() < full


def test_a_card_dropped_on_a_lane_sends_its_links_another_way(qtbot, big: MapData) -> None:
    scene = opened(big, "network")
    edge = max(
        (e for e in scene.edges.values() if e.lane_way is not None),
        key=lambda e: len(e.lane_way or []),
    )
    way = edge.lane_way
    assert way is not None and scene.bundles is not None
    (x0, y0), (x1, y1) = way[1], way[2]  # a stretch of lane between two bends
    mover = next(c for c in scene.cards.values() if c not in (edge.source, edge.target))
    mover.setPos((x0 + x1) / 2, (y0 + y1) / 2)  # a drag ends here
    scene.flush_bundles()
    assert edge.lane_way != way
    assert crossing_links(scene) == {}
