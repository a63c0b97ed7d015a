"""The map's toolbar: view switcher, search, filters, team and legend toggles, zoom, and
"What if they leave?". It only announces what the user asked for; ``MapWidget`` acts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QLabel,
    QLineEdit,
    QMenu,
    QToolBar,
    QToolButton,
    QWidget,
)

from desktop.map.layout_worker import VIEWS
from desktop.map.map_data import MapFilter
from desktop.map.styles import CADENCE_LABELS, ROLE_LABELS
from graph.labels import ATTITUDE_LABELS

LEVEL_LABELS = {"executive": "Executive", "management": "Management", "operations": "Operations"}


class MapToolbar(QToolBar):
    viewChosen = Signal(str)
    searchSubmitted = Signal(str)
    filterChanged = Signal(object)  # MapFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Map", parent)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setIconSize(self.iconSize())
        # A combo box rather than four buttons: the map often shares the window with docks.
        self.view_box = QComboBox()
        self.view_box.setToolTip("Which view of the map to show")
        for name, label in VIEWS.items():
            self.view_box.addItem(label, name)
        self.view_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.view_box.activated.connect(
            lambda index: self.viewChosen.emit(self.view_box.itemData(index))
        )
        self.addWidget(self.view_box)
        self.addSeparator()

        self.search = QLineEdit()
        self.search.setPlaceholderText("Find by name, title, department or email…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(150)
        self.search.setMaximumWidth(220)
        self.search.setToolTip(
            "A name, a title, a department or an email: Enter finds and shows them (Ctrl+F)"
        )
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self.search)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self.searchSubmitted)
        self.search.setCompleter(completer)
        self.search.returnPressed.connect(lambda: self.searchSubmitted.emit(self.search.text()))
        self.addWidget(self.search)
        find = QAction("Find", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self._focus_search)
        parent_widget = parent if parent is not None else self
        parent_widget.addAction(find)

        self.filter_menu = QMenu("Filter", self)
        self.at_risk = self.filter_menu.addAction("Risks only")
        self.at_risk.setCheckable(True)
        self.at_risk.setToolTip("Only the people with a risk marked on their card")
        self.at_risk.toggled.connect(lambda _: self._filter_toggled())
        self.filter_menu.addSeparator()
        self._filter_actions: dict[str, dict[object, QAction]] = {}
        self._add_filter_group("Role", "roles", {k: v or "Other" for k, v in ROLE_LABELS.items()})
        self._add_filter_group("Level", "levels", LEVEL_LABELS)
        self._add_filter_group("Attitude", "attitudes", dict(sorted(ATTITUDE_LABELS.items())))
        self._add_filter_group("Cadence", "cadences", CADENCE_LABELS)
        self.filter_menu.addSeparator()
        reset = self.filter_menu.addAction("Show everyone")
        reset.triggered.connect(self.reset_filter)
        self.filter_button = QToolButton()
        self.filter_button.setText("Filter")
        self.filter_button.setMenu(self.filter_menu)
        self.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.addWidget(self.filter_button)

        self.team = QAction("Our team", self, checkable=True, checked=True)
        self.team.setToolTip("Show our team members and who owns or knows whom")
        self.team.toggled.connect(lambda _: self.filterChanged.emit(self.current_filter()))
        self.addAction(self.team)
        self.influence = QAction("Influence", self, checkable=True, checked=False)
        self.influence.setToolTip(
            "Show every influence, ally and conflict link (otherwise only those of the selected"
            " or hovered person; the network always shows them)"
        )
        self.addAction(self.influence)
        self.changes = QAction("Changes", self, checkable=True, checked=False)
        self.changes.setToolTip(
            "Mark who joined, left or changed (title, level, attitude, influence, role, owner)"
            " and the links added since a date (by default the last QBR)"
        )
        self.addAction(self.changes)
        self.since = QDateEdit()
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("d MMM yyyy")
        self.since.setToolTip("Mark what changed after this day")
        self.since_action = self.addWidget(self.since)
        self.since_action.setVisible(False)
        self.changes.toggled.connect(self.since_action.setVisible)
        self.legend = QAction("Legend", self, checkable=True, checked=True)
        self.addAction(self.legend)
        self.addSeparator()
        self.fit = QAction("Fit", self)
        self.fit.setToolTip("Fit the map in the window (F)")
        self.addAction(self.fit)
        self.zoom_out = QAction("−", self)
        self.zoom_out.setToolTip("Zoom out (Ctrl −)")
        self.addAction(self.zoom_out)
        self.zoom_label = QLabel("100%")
        self.zoom_label.setMinimumWidth(44)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.zoom_label)
        self.zoom_in = QAction("+", self)
        self.zoom_in.setToolTip("Zoom in (Ctrl +)")
        self.addAction(self.zoom_in)
        self.addSeparator()
        self.departure = QAction("What if they leave?", self)
        self.departure.setToolTip(
            "Show the relationships and influence lost if the selected person left"
        )
        self.departure.setEnabled(False)
        self.addAction(self.departure)
        self.export = QAction("Export…", self)
        self.export.setToolTip("Save the map as PNG, SVG or PDF")
        self.addAction(self.export)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _add_filter_group(self, title: str, field: str, labels: Mapping[Any, str]) -> None:
        menu = self.filter_menu.addMenu(title)
        actions: dict[object, QAction] = {}
        for value, label in labels.items():
            action = menu.addAction(label)
            action.setCheckable(True)
            action.toggled.connect(lambda _: self._filter_toggled())
            actions[value] = action
        self._filter_actions[field] = actions

    def _filter_toggled(self) -> None:
        current = self.current_filter()
        self.filter_button.setText(
            "Filter •" if current.active and not current.hide_team else "Filter"
        )
        self.filterChanged.emit(current)

    def current_filter(self) -> MapFilter:
        chosen = {
            field: {value for value, action in actions.items() if action.isChecked()}
            for field, actions in self._filter_actions.items()
        }
        return MapFilter(
            roles={str(v) for v in chosen["roles"]},
            levels={str(v) for v in chosen["levels"]},
            attitudes={int(v) for v in chosen["attitudes"]},  # type: ignore[call-overload]
            cadences={str(v) for v in chosen["cadences"]},
            hide_team=not self.team.isChecked(),
            at_risk=self.at_risk.isChecked(),
        )

    def set_filter(self, map_filter: MapFilter) -> None:
        wanted: dict[str, set[Any]] = {
            "roles": map_filter.roles,
            "levels": map_filter.levels,
            "attitudes": map_filter.attitudes,
            "cadences": map_filter.cadences,
        }
        for field, actions in self._filter_actions.items():
            for value, action in actions.items():
                action.blockSignals(True)
                action.setChecked(value in wanted[field])
                action.blockSignals(False)
        self.team.blockSignals(True)
        self.team.setChecked(not map_filter.hide_team)
        self.team.blockSignals(False)
        self.at_risk.blockSignals(True)
        self.at_risk.setChecked(map_filter.at_risk)
        self.at_risk.blockSignals(False)
        self._filter_toggled()

    def reset_filter(self) -> None:
        self.set_filter(MapFilter(hide_team=not self.team.isChecked()))

    def set_names(self, names: list[str]) -> None:
        self._names.setStringList(sorted(set(names), key=str.casefold))

    def set_view(self, name: str) -> None:
        self.influence.setVisible(name != "network")
        index = self.view_box.findData(name)
        if index >= 0 and index != self.view_box.currentIndex():
            self.view_box.setCurrentIndex(index)

    def set_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")
