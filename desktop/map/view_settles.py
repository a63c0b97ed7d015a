"""Calls back once a map view has stopped moving: after a scroll, a resize or the cards settling.

Overlays that measure what is in view (the edge fades, the "N of M people in view" note) would
waste work measuring on every scroll step or mid-glide; they measure ``interval`` ms after the
last movement instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QGraphicsView

from desktop.map.scene import MapScene


class ViewSettles(QObject):
    def __init__(
        self,
        view: QGraphicsView,
        scene: MapScene,
        interval: int,
        callback: Callable[[], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=interval)
        self._timer.timeout.connect(callback)
        view.horizontalScrollBar().valueChanged.connect(self.later)
        view.verticalScrollBar().valueChanged.connect(self.later)
        view.viewport().installEventFilter(self)
        scene.settled.connect(self.later)  # where the cards end up, not mid-glide

    def later(self, *_: object) -> None:
        """Measure once this movement is over (a later one postpones it again)."""
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.later()
        return super().eventFilter(watched, event)
