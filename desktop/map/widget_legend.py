"""Where the map's legend floats: bottom left when there is room, out of the way when a map
opens with cards under it, and always as the user last chose."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF

from desktop.map.legend import legend_size
from desktop.map.widget_parts import MapParts

# Below this viewport size the legend starts hidden (it would cover the map).
LEGEND_ROOM = (760, 560)


class MapLegend(MapParts):
    def _legend_ready(self) -> None:
        """Before a map opens: the legend takes its default place again, so the fit keeps
        its corner free."""
        self._legend_makes_way = False
        self._place_legend()

    def _legend_clear_of(self, cards: list[QRectF]) -> None:
        """A map just opened: unless the user asked for the legend, it starts hidden when a
        card would lie under it, at its tallest (the Legend button brings it back)."""
        if self._legend_wanted is not None or not self.legend.isVisible():
            return
        tallest = legend_size("changes")
        geometry = self.legend.geometry()
        corner = QRect(
            geometry.left(), geometry.bottom() - tallest.height(), tallest.width(), tallest.height()
        ).translated(-self.view.viewport().pos())
        area = self.view.mapToScene(corner).boundingRect()
        if any(area.intersects(card) for card in cards):
            self._legend_makes_way = True
            self._place_legend()

    def _legend_chosen(self, shown: bool) -> None:
        self._legend_wanted = shown
        self._place_legend()

    def _place_legend(self) -> None:
        viewport = self.view.viewport()
        roomy = viewport.width() >= LEGEND_ROOM[0] and viewport.height() >= LEGEND_ROOM[1]
        # Shown by default where there is room; the user's own choice always wins.
        default = roomy and not self._legend_makes_way
        shown = self._legend_wanted if self._legend_wanted is not None else default
        if self.toolbar.legend.isChecked() != shown:
            self.toolbar.legend.setChecked(shown)
        self.legend.setVisible(shown)
        tallest = legend_size("changes")  # room for the changes mode's entry too
        self.view.fit_reserve = (tallest.width(), tallest.height()) if shown else (0, 0)
        area = self.view.viewport().geometry()
        self.legend.move(
            area.left() + 12, max(area.top(), area.bottom() - self.legend.height() - 12)
        )
        self.legend.raise_()
