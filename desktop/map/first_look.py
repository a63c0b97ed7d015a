"""Where a map opens when it is too big to read whole: on the people to see first.

The org chart opens on its top (the heads of its trees, or the head of the biggest tree when
they do not fit side by side), a quadrant grid on the people in its "Manage closely" quadrant
(never on an empty corner of it), the network on its middle, where the best-connected people
gather. ``MapView.show_first`` takes what ``first_look`` gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF

from desktop.map.scene import MapScene
from graph.reporting_chart import ancestors

Point = tuple[float, float]
KEY_QUADRANT = "Manage closely"
TAG_ROOM = 9.0  # risk and owner tags stand this far out of a card


@dataclass(frozen=True)
class FirstLook:
    """Places to show first, best first (``MapView.show_first`` takes the first that fits);
    none means the middle of the map. ``side`` is the edge to keep in sight when even the
    last is wider than the view."""

    focus: list[QRectF] = field(default_factory=list)
    side: str = "centre"
    cards: list[QRectF] = field(default_factory=list)  # every shown card, where it will be
    sign: QRectF | None = None  # a name that says what the place means: kept in sight


def first_look(scene: MapScene, view: str, positions: dict[str, Point]) -> FirstLook:
    """``positions`` are where the cards are going (the view may open during a glide)."""
    if view == "org":
        look = _org_top(scene, positions)
    elif scene.backdrop is not None:
        look = _key_quadrant(scene, positions)
    else:
        look = FirstLook()
    # with the tags astride their top and bottom edges
    cards = [
        _card_box(scene, k, positions).adjusted(-2, -TAG_ROOM, 2, TAG_ROOM)
        for k in scene.visible_keys()
    ]
    return FirstLook(look.focus, look.side, cards, look.sign)


def _card_box(scene: MapScene, key: str, positions: dict[str, Point]) -> QRectF:
    item = scene.cards[key]
    box = item.mapRectToScene(item.body)
    if key in positions:
        box.moveCenter(QPointF(*positions[key]))
    return box


def _org_top(scene: MapScene, positions: dict[str, Point]) -> FirstLook:
    shown = [k for k in scene.visible_keys() if k.startswith("p")]
    if not shown:
        return FirstLook()
    chart = scene.data.org_chart().subgraph(shown)
    # the layout puts people without a manager who have reports on top, in trees
    heads = {
        k: len(ancestors(chart, k))
        for k in chart
        if chart.out_degree(k) == 0 and chart.in_degree(k) > 0
    }
    if not heads:  # no reporting lines (or only cycles): the top row
        boxes = {k: _card_box(scene, k, positions) for k in shown}
        top = min(box.top() for box in boxes.values())
        heads = {k: 0 for k, box in boxes.items() if box.top() - top < box.height()}
    boxes = {k: _card_box(scene, k, positions) for k in heads}
    together = QRectF()
    for box in boxes.values():
        together = together.united(box)
    biggest = max(heads, key=lambda k: (heads[k], scene.data.cards[k].influence))
    return FirstLook([together, boxes[biggest]])


def _key_quadrant(scene: MapScene, positions: dict[str, Point]) -> FirstLook:
    """The people in the "Manage closely" quadrant, then the quadrant; with nobody there,
    the most influential people on the map."""
    assert scene.backdrop is not None
    spec = scene.backdrop.spec
    plot, split = spec.plot, spec.split
    if KEY_QUADRANT not in spec.quadrants[:2]:
        return FirstLook([plot])
    if spec.quadrants.index(KEY_QUADRANT) == 0:  # top left
        cell, side = QRectF(plot.topLeft(), split), "left"
    else:
        cell = QRectF(QPointF(split.x(), plot.top()), QPointF(plot.right(), split.y()))
        side = "right"
    shown = [k for k in scene.visible_keys() if k.startswith("p")]
    boxes = {k: _card_box(scene, k, positions) for k in shown}
    inside = [box for box in boxes.values() if cell.contains(box.center())]
    if not inside and boxes:
        top = max(scene.data.cards[k].influence for k in boxes)
        inside = [box for k, box in boxes.items() if scene.data.cards[k].influence == top]
    if not inside:
        return FirstLook([cell], side)
    together = QRectF()
    for box in inside:
        together = together.united(box)
    # with the quadrant's name, which says what the corner means, where that fits too
    sign = scene.backdrop.label_rect(spec.quadrants.index(KEY_QUADRANT))
    named = together.united(sign)
    # Wider than the view: its outer side (the most powerful and engaged) stays in sight,
    # and so does the quadrant's name, even when that leaves an inner card out.
    return FirstLook(
        [named.adjusted(-30, -30, 30, 30), together.adjusted(-30, -30, 30, 30)], side, sign=sign
    )
