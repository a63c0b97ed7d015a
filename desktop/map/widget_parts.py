"""What the parts of the map widget (selection, edits, search, departure, export; one module
each) may use of one another: a base that is empty at run time and, for the type checker, the
widget's shared attributes and the methods each part offers the others."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QAction, QUndoStack
    from PySide6.QtWidgets import QLabel, QMenu, QSplitter

    from desktop.map.departure_panel import DeparturePanel
    from desktop.map.layout_worker import GridGeometry
    from desktop.map.legend import LegendOverlay
    from desktop.map.map_data import MapFilter
    from desktop.map.map_toolbar import MapToolbar
    from desktop.map.scene import MapScene
    from desktop.map.view import MapView
    from desktop.workspace.selection import Selection
    from graph.departure import DepartureImpact
    from graph.workspace import Workspace

    _Base = QWidget
else:
    _Base = object


class MapParts(_Base):
    if TYPE_CHECKING:
        ws: Workspace
        undo_stack: QUndoStack
        selection: Selection
        scene: MapScene
        view: MapView
        toolbar: MapToolbar
        legend: LegendOverlay
        banner: QLabel
        departure: DeparturePanel
        splitter: QSplitter
        account_id: int | None
        exec_menu: Callable[[QMenu, QPoint], QAction | None]
        ask_export_path: Callable[[], Path | None]
        _view: str
        _grid: GridGeometry | None
        _syncing: bool
        _legend_wanted: bool | None
        _legend_makes_way: bool
        _loading: bool
        statusMessage: Any
        editRequested: Any
        logInteractionRequested: Any

        def show_message(self, text: str) -> None: ...
        def reveal(self, keys: list[str]) -> bool: ...
        def set_filter(self, map_filter: MapFilter) -> None: ...
        def fit_map(self) -> None: ...
        def show_departure(self, key: str | None = None) -> DepartureImpact | None: ...
        def clear_departure(self) -> None: ...
        def _show_nodes(self, nodes: set[str], key: str) -> None: ...
