"""Cards moving to the places a layout gave them: at once, or gliding on a small map (links
run straight while the cards glide and route around them once they land). The map scene owns
one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QVariantAnimation

from desktop.map.card_item import CardItem
from desktop.map.edge_item import EdgeItem
from desktop.map.scene_routing import REROUTE_LIMIT
from desktop.map.scene_slices import Batch, Steps, run

if TYPE_CHECKING:
    from desktop.map.scene import MapScene

Point = tuple[float, float]
ANIMATION_LIMIT = 400  # cards; bigger maps jump instead of gliding
GLIDE_MS = 380


class CardMotion:
    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self._animation: QVariantAnimation | None = None

    def place(self, positions: dict[str, Point], *, animate: bool = False) -> None:
        """Move cards to ``positions``, gliding there when asked and the map is small."""
        run(self.place_steps(positions, animate=animate))

    def place_steps(self, positions: dict[str, Point], *, animate: bool = False) -> Steps:
        """``place`` in batches (see SlicedWork): a big map's cards never glide."""
        scene = self.scene
        cards = scene.cards
        self.stop()
        targets = {k: p for k, p in positions.items() if k in cards}
        if not (animate and scene.animate and len(cards) <= ANIMATION_LIMIT):
            yield from self.move_steps(targets)
            scene.settled.emit()
            return
        starts = {k: (cards[k].pos().x(), cards[k].pos().y()) for k in targets}
        scene.routing.on = False  # links run straight while the cards glide
        animation = QVariantAnimation(scene)
        animation.setStartValue(0.0)
        animation.setEndValue(1.0)
        animation.setDuration(GLIDE_MS)

        def step(value: object) -> None:
            t = float(value)  # type: ignore[arg-type]
            t = 1 - (1 - t) ** 3
            self.move_cards(
                {
                    key: (
                        starts[key][0] + (x1 - starts[key][0]) * t,
                        starts[key][1] + (y1 - starts[key][1]) * t,
                    )
                    for key, (x1, y1) in targets.items()
                }
            )

        def land() -> None:
            scene.routing.on = True
            step(1.0)
            moved = [cards[k] for k in targets if k in cards]
            for edge in {e for item in moved for e in item.edges}:
                edge.adjust_when_seen()
            if len(moved) <= REROUTE_LIMIT:
                scene.routing.reroute_across(moved)

        animation.valueChanged.connect(step)
        animation.finished.connect(land)
        animation.finished.connect(scene.settled)
        self._animation = animation
        animation.start()

    def move_cards(self, targets: dict[str, Point]) -> None:
        """Move many cards, then re-route each affected edge once."""
        run(self.move_steps(targets))

    def move_steps(self, targets: dict[str, Point]) -> Steps:
        """``move_cards`` in batches (see SlicedWork)."""
        routing = self.scene.routing
        touched: set[EdgeItem] = set()
        moved: list[CardItem] = []
        turn = Batch()
        for key, (x, y) in targets.items():
            item = self.scene.cards[key]
            pos = item.pos()
            if pos.x() != x or pos.y() != y:
                item.bulk = True
                item.setPos(x, y)
                item.bulk = False
                routing.track(item)
                moved.append(item)
                touched.update(item.edges)
                if turn.due():
                    yield
        if moved:
            routing.index.relaid()  # a new layout: new lanes between its rows and columns
        for edge in touched:
            edge.adjust_when_seen()
            if turn.due():
                yield
        if len(moved) <= REROUTE_LIMIT:
            routing.reroute_across(moved)
        routing.flush_bundles()

    def stop(self) -> None:
        """Land any glide under way at once."""
        if self._animation is not None:
            animation, self._animation = self._animation, None
            animation.stop()
            end = animation.endValue()
            animation.valueChanged.emit(end)
            self.scene.settled.emit()
