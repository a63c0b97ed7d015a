"""A small note in the map's bottom-right corner when the map is bigger than the window: how many
people are in view, and that the rest is a scroll away (cards never shrink past readable)."""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsView, QLabel

from desktop.map.scene import MapScene
from desktop.map.view_settles import ViewSettles

MARGIN = 10


class ExtentNote(QLabel):
    def __init__(self, view: QGraphicsView, scene: MapScene) -> None:
        super().__init__(view)
        self.setObjectName("mapExtent")
        self._view = view
        self._scene = scene
        self.hide()
        self._settles = ViewSettles(view, scene, 120, self.refresh, self)

    def counts(self) -> tuple[int, int]:
        """People (customer cards) fully in view, and people shown on the map."""
        shown = [c for k, c in self._scene.cards.items() if k[0] == "p" and c.isVisible()]
        area = self._view.mapToScene(self._view.viewport().rect()).boundingRect()
        inside = sum(area.contains(c.mapRectToScene(c.body)) for c in shown)
        return inside, len(shown)

    def refresh(self) -> None:
        inside, total = self.counts()
        if total == 0 or inside >= total:
            self.hide()
            return
        style = self._scene.map_style
        self.setText(f"{inside} of {total} people in view · drag for the rest")
        self.setToolTip(
            "The map is bigger than the window. Cards never shrink past the point where "
            "names and titles read; the map opened on the people to see first. "
            "File > Export Map prints the whole map."
        )
        sheet = (
            f"QLabel#mapExtent {{ background: {style.panel.name()}; color: {style.subtext.name()};"
            f" border: 1px solid {style.card_border.name()}; border-radius: 5px;"
            " padding: 3px 8px; }"
        )
        if sheet != self.styleSheet():  # a restyle per scroll would be wasted work
            self.setStyleSheet(sheet)
        self.setWordWrap(False)
        viewport = self._view.viewport().geometry()
        if self.sizeHint().width() > viewport.width() - 2 * MARGIN:
            self.setText(f"{inside} of {total} in view")  # a narrow map: the short form
        self.adjustSize()
        width = min(self.sizeHint().width(), viewport.width() - 2 * MARGIN)
        self.resize(width, self.sizeHint().height())
        self.move(viewport.right() - width - MARGIN, viewport.bottom() - self.height() - MARGIN)
        self.show()
        self.raise_()
