"""The map tab: toolbar, canvas, legend and the departure panel, tied to the workspace, the
undo stack and the shared selection.

Every edit is an operation run as one undo step (desktop.map.edits); card positions
live in the workspace per account and view (``ws.positions``), and the layout, run off the GUI
thread, places every card the user has not placed. Workspace changes arrive as ChangeSets and
refresh only what they touched.

The widget can show a map before the workspace loads (the window's first look,
desktop.shell.quick_start: ``show_quick``) and take the workspace afterwards (``attach``),
keeping the map it shows; what needs the workspace (edits, refreshes, reads) imports the
database library's modules when first used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.map import map_menu
from desktop.map.change_marks import ChangeMarks
from desktop.map.changes_mode import ChangesMode
from desktop.map.departure_panel import DeparturePanel
from desktop.map.edge_fade import EdgeFade
from desktop.map.extent_note import ExtentNote
from desktop.map.first_look import first_look
from desktop.map.layout_worker import (
    GRID_VIEWS,
    VIEWS,
    GridGeometry,
    LayoutRequest,
    LayoutResult,
    LayoutWorker,
    LoadRequest,
    ReadRequest,
    lay_out_read,
)
from desktop.map.legend import LegendOverlay
from desktop.map.link_routes import ROUTE_LIMIT
from desktop.map.map_data import SceneChange, load_map_data
from desktop.map.map_toolbar import MapToolbar
from desktop.map.risk_banner import RiskBanner
from desktop.map.scene import MapScene
from desktop.map.scene_slices import Steps
from desktop.map.styles import style_for
from desktop.map.team_folding import TeamFolding
from desktop.map.view import MapView
from desktop.map.widget_departure import MapDeparture
from desktop.map.widget_edits import MapEdits
from desktop.map.widget_export import MapExport
from desktop.map.widget_legend import MapLegend
from desktop.map.widget_search import MapSearch
from desktop.map.widget_selection import MapSelection
from desktop.map.widget_toolbar import wire_toolbar
from graph.events import ChangeSet

if TYPE_CHECKING:
    from desktop.shell.quick_start import QuickStart
    from desktop.workspace.selection import Selection
    from desktop.workspace.workspace_signals import WorkspaceSignals
    from graph.workspace import Workspace

Point = tuple[float, float]
# Changes to these tables never show on the map.
# Cards above which a layout is taken up in slices and a view switch waits for its layout.
SLICED_ABOVE = ROUTE_LIMIT
_UNSEEN = {
    "wins",
    "usage_metrics",
    "usage_points",
    "tickets",
    "incidents",
    "roadmap_items",
    "requests",
    "goals",
    "risks",
    "action_items",
    "attitude_changes",
}


class MapWidget(MapSelection, MapEdits, MapSearch, MapDeparture, MapExport, MapLegend, QWidget):
    editRequested = Signal(str)
    logInteractionRequested = Signal(list)
    statusMessage = Signal(str)
    layoutApplied = Signal(str)

    def __init__(
        self,
        workspace: Workspace | None = None,
        undo_stack: QUndoStack | None = None,
        selection: Selection | None = None,
        parent: QWidget | None = None,
        *,
        path: Path | None = None,
    ) -> None:
        """A map of ``workspace``; or, without one, of the file ``path`` until ``attach``
        gives it the workspace (the first look shows a map before then: ``show_quick``)."""
        super().__init__(parent)
        self.account_id: int | None = None
        # the first look's map, kept by the first ``set_account`` of its account if the file
        # has not changed since
        self._quick: QuickStart | None = None
        self._view = "org"
        self._auto: dict[str, dict[str, Point]] = {}
        self._fit_next = False
        self._animate_next = False
        self._syncing = False
        self.exec_menu = map_menu.exec_menu
        self._legend_wanted: bool | None = None
        # the legend stands aside when a map opens with cards where it would float
        self._legend_makes_way = False
        self._loading = False
        self.ask_export_path = self._ask_export_path
        self._grid: GridGeometry | None = None
        self._risk_timer = QTimer(self, singleShot=True, interval=200)
        self._risk_timer.timeout.connect(self._refresh_risks)
        self._fold_anchor: tuple[str, QPointF] | None = None
        self._reveal_focus: str | None = None
        # networkx and numpy load on the worker once the first map has painted (its cards
        # need neither) and the workspace is attached (both loading at once, on two threads,
        # would fight for the interpreter and the window would take input later)
        self._warm_up_pending = True
        self._attached = False

        self.scene = MapScene(style_for(self.palette()), self)
        # the org chart's folded teams per account (the worker folds a big one on first open)
        self.folding = TeamFolding(self.scene, workspace.path if workspace is not None else path)
        self.view = MapView(self.scene)
        self.toolbar = MapToolbar(self)
        self.risk_banner = RiskBanner(self.scene.map_style)
        # Overlays are children of the view, not of its viewport: the viewport scrolls its
        # children along with the map. The edge fades first: under every other overlay.
        self.fade = EdgeFade(self.view, self.scene)
        self.legend = LegendOverlay(self.view, self.scene.map_style)
        self.view.viewport().installEventFilter(self)
        self.departure = DeparturePanel()
        self.departure.hide()
        self.extent = ExtentNote(self.view, self.scene)
        self.banner = QLabel(self.view)
        self.banner.setObjectName("mapBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self._banner_timer = QTimer(self, singleShot=True, interval=6000)
        self._banner_timer.timeout.connect(self.banner.hide)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.departure)
        splitter.setStretchFactor(0, 1)
        splitter.setCollapsible(0, False)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.risk_banner)
        layout.addWidget(splitter, 1)

        self.worker = LayoutWorker(self)
        self.worker.finished.connect(self._on_layout)
        self.worker.routed.connect(self.scene.expect_ways)  # a big grid's links, routed later
        self.worker.failed.connect(self.show_message)
        self.scene.chosenChanged.connect(self._on_scene_selection)
        self.scene.cardsMoved.connect(self._on_moved)
        self.scene.editRequested.connect(self.editRequested)
        self.scene.foldToggled.connect(self.toggle_team)
        self.scene.contextMenuRequested.connect(self._on_context_menu)
        self.scene.link.requested.connect(self._on_link_requested)
        self.view.deleteRequested.connect(self.delete_selected)
        self.view.zoomChanged.connect(self.toolbar.set_zoom)
        wire_toolbar(self)
        self.changes = ChangesMode(self)
        if workspace is not None:
            assert undo_stack is not None and selection is not None
            self.attach(workspace, undo_stack, selection)

    def attach(self, workspace: Workspace, undo_stack: QUndoStack, selection: Selection) -> None:
        """Tie the map to the workspace, its undo stack and the shared selection."""
        from desktop.workspace.workspace_signals import WorkspaceSignals

        self.ws = workspace
        self.undo_stack = undo_stack
        self.selection = selection
        self.signals: WorkspaceSignals = WorkspaceSignals(workspace, self)
        self.signals.changed.connect(self._on_changed)
        # The workspace may outlive this widget: stop its announcements reaching a dead object.
        self.destroyed.connect(partial(workspace.changed.disconnect, self.signals._forward))
        selection.changed.connect(self._on_selection)
        self._attached = True
        # the first look has painted (a big one: the warm-up waits for its map to land)
        if self._warm_up_pending and self._quick is not None and not self._loading:
            self._warm_up_pending = False
            QTimer.singleShot(0, self.worker.warm_up)  # once the window has its workspace

    def show_quick(self, quick: QuickStart) -> None:
        """Show the first look's account before the workspace is attached: laid out now when
        it is small (the window's first paint shows it), on the worker when it is big (the
        window paints first)."""
        self._quick = quick
        self.account_id = quick.account_id
        self.scene.set_view_name(self._view)
        self._fit_next = True
        collapsed = self.folding.known(quick.account_id)
        if self._big(len(quick.data.cards)):
            self._loading = True
            self.worker.start(ReadRequest(self._view, quick.data, quick.pinned, collapsed))
        else:
            self._on_layout(lay_out_read(quick.data, self._view, quick.pinned, collapsed))
            self.scene.slices.finish()

    def laid_out(self) -> bool:
        """True when the map shows its account, laid out (or shows no account)."""
        return not self._loading and not self.worker.busy

    # --- account and views -------------------------------------------------------------------

    def set_account(self, account_id: int | None) -> None:
        quick, self._quick = self._quick, None
        if (
            quick is not None
            and account_id == quick.account_id
            and quick.still_current()
            and quick.today == self.ws.today()  # not a start across midnight
            and (self.scene.cards or self.worker.busy)  # its layout did not fail
        ):
            return  # the first look shows it as the workspace holds it
        self.clear_departure()
        self.worker.cancel()
        self.scene.clear_map()
        self._auto.clear()
        self.account_id = account_id
        self.scene.set_view_name(self._view)
        self.scene.set_grid(None)
        self._grid = None
        self.toolbar.set_names([])
        if account_id is None:
            self.scene.set_data(load_map_data(self.ws, None))
            return
        self._load()

    def _load(self) -> None:
        """Read the account and lay it out on the worker; the map appears when both are done."""
        from graph.workspace import Workspace

        assert self.account_id is not None
        ws = self.ws
        reader = Workspace(ws.engine, ws.path, readonly=True, clock=ws.clock)
        self._loading = True
        self._fit_next = True
        collapsed = self.folding.known(self.account_id)
        self.worker.start(LoadRequest(self._view, reader, self.account_id, collapsed))

    def current_view(self) -> str:
        return self._view

    def set_view(self, name: str) -> None:
        if name not in VIEWS:
            raise ValueError(f"unknown map view {name!r}")
        self.toolbar.set_view(name)
        if name == self._view:
            return
        self.scene.slices.finish()
        self._view = name
        if self._loading:
            self.scene.set_view_name(name)
            self._load()
            return
        # A big map shows the view it has until the new layout lands, and takes the new one
        # on then, in slices (restyling thousands of links now would freeze the window at
        # the click, and draw them across the old view's places meanwhile).
        if not self._big():
            self.scene.set_view_name(name)
        self._relayout(fit=True, animate=True)

    def _big(self, cards: int | None = None) -> bool:
        """Too many cards to restyle, create or move on the GUI thread in one go."""
        return (len(self.scene.cards) if cards is None else cards) > SLICED_ABOVE

    def _stored(self) -> dict[str, Point]:
        if self.account_id is None:
            return {}
        if self._quick is not None:  # the first look, before the workspace is attached
            return self._quick.pinned if self._view == "org" else {}
        return self.ws.positions(self.account_id, self._view)

    def _relayout(self, *, fit: bool = False, animate: bool = False) -> None:
        if self.account_id is None:
            self.scene.set_grid(None)
            return
        self.scene.slices.finish()  # the sizes and data below are those of the whole map
        self._fit_next |= fit
        self._animate_next |= animate
        hidden = frozenset(self._apply_folding()) if self._view == "org" else frozenset()
        request = LayoutRequest(
            self._view, self.scene.data, self.scene.sizes(), self._stored(), hidden=hidden
        )
        self.worker.start(request)

    def _apply_folding(self) -> set[str]:
        """Show the org chart folded as chosen; returns the people hidden."""
        return self.folding.apply(self.account_id)

    def toggle_team(self, key: str) -> None:
        """Collapse or expand the team under ``key`` in the org chart, keeping their card
        where it is on screen."""
        if self.account_id is None or key not in self.scene.cards:
            return
        self.folding.toggle(self.account_id, key)
        card = self.scene.cards[key]
        self._fold_anchor = (key, QPointF(self.view.mapFromScene(card.pos())))
        self._relayout(animate=True)

    def reveal(self, keys: list[str]) -> bool:
        """Open the teams that hide any of ``keys`` in the org chart (a search, a risk, a
        selection from the people table); True if some were hidden."""
        if self._view != "org" or self.account_id is None:
            return False
        first = self.folding.open_for(self.account_id, keys)
        if first is None:
            return False
        self._reveal_focus = first
        self._relayout(animate=True)
        return True

    def collapsed(self) -> frozenset[str]:
        return self.folding.collapsed(self.account_id)

    def _on_layout(self, result: LayoutResult) -> None:
        if result.view != self._view:
            return
        scene = self.scene
        scene.slices.finish()
        cards = len(result.data.cards) if result.data is not None else len(scene.cards)
        big = self._big(max(cards, len(result.positions)))
        scene.slices.start(self._landing(result, hold=big), sliced=big)

    def _landing(self, result: LayoutResult, *, hold: bool) -> Steps:
        """A layout result taken up, in slices on a big map (see SlicedWork): the view keeps
        its last picture until the whole map is in place (``hold``), never half drawn, and
        its cards take no clicks or drags meanwhile (they are not where the picture shows
        them)."""
        viewport, routing = self.view.viewport(), self.scene.routing
        interactive = self.view.isInteractive()
        if hold:
            viewport.setUpdatesEnabled(False)
            self.view.setInteractive(False)
            routing.held = True
        try:
            landed = yield from self._take_up(result)
            yield
            routing.held = False
            routing.flush_bundles()
        finally:
            if hold:
                routing.held = False
                self.view.setInteractive(interactive)
                viewport.setUpdatesEnabled(True)
                viewport.update()
        if landed:
            self.layoutApplied.emit(result.view)

    def _take_up(self, result: LayoutResult) -> Generator[None, None, bool]:
        """Whether the result was taken up (not when another account was opened since)."""
        scene = self.scene
        scene.expect_ways(result.ways)  # a big map's links, routed on the worker
        if result.data is not None:  # a fresh read: build the map at its places at once
            self._loading = False
            if result.data.account_id != self.account_id:
                return False
            change = SceneChange()
            yield from scene.data_steps(result.data, result.positions, change)
            if result.collapsed is not None and self.account_id is not None:
                self.folding.remember(self.account_id, result.collapsed)
            self._apply_folding()
            yield
            self.scene.set_filter(self.scene.filter)
            yield
            self.risk_banner.set_risks(result.data.risks)
            self._layout.activate()  # the banner takes its room before the map is fitted
            self.toolbar.set_names([c.name for c in result.data.cards.values()])
            yield
            if self._quick is None:  # else no selection yet: the workspace is not attached
                self._show_selection(self.selection.nodes())
        elif scene.view_name != result.view:  # a big map's switch, put off until now
            yield from scene.view_steps(result.view)
        stored = self._stored()
        auto = self._auto.setdefault(result.view, {})
        auto.update({k: p for k, p in result.positions.items() if k not in stored})
        yield from scene.place_steps(result.positions, animate=self._animate_next)
        yield
        self.scene.set_grid(result.grid)
        self._grid = result.grid
        final = self.scene.content_rect(result.positions)
        yield
        self.view.setSceneRect(self.view.scene_rect_for(final))
        anchor, self._fold_anchor = self._fold_anchor, None
        if anchor is not None and anchor[0] in result.positions and not self._fit_next:
            # the folded or unfolded manager stays under the pointer
            x, y = result.positions[anchor[0]]
            shift = self.view.mapFromScene(QPointF(x, y)) - anchor[1].toPoint()
            bars = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
            bars[0].setValue(bars[0].value() + shift.x())
            bars[1].setValue(bars[1].value() + shift.y())
            self.fade.refresh()
            self.extent.refresh()
        reveal, self._reveal_focus = self._reveal_focus, None
        if reveal is not None and reveal in result.positions and not self._fit_next:
            self.view.centerOn(QPointF(*result.positions[reveal]))
        if self._fit_next:  # an account just opened or another view: readable, key people first
            self._legend_ready()
            look = first_look(self.scene, result.view, result.positions)
            yield
            self.view.show_first(final, look.focus, look.side, look.cards, look.sign)
            yield
            self._legend_clear_of(look.cards)
            self.fade.refresh()
            self.extent.refresh()
        self._fit_next = self._animate_next = False
        if self.changes.on:  # a fresh read or another view: the marks again
            self.changes.refresh()
        return True

    def fit_map(self) -> None:
        """Fit: the whole map when it reads whole, else the people to see first at a readable
        zoom (the extent note says the rest is a scroll away)."""
        content = self.scene.content_rect()
        if self.view.fits_whole(content):
            self.view.fit(content)
        else:
            look = first_look(self.scene, self._view, self.scene.positions())
            self.view.show_first(content, look.focus, look.side, look.cards, look.sign)
            self._legend_clear_of(look.cards)
        self.fade.refresh()
        self.extent.refresh()

    def wait_for_layout(self) -> None:
        """Block until a pending layout is computed (for scripts and tests; its result is
        delivered by the event loop) and one being taken up is in place."""
        self.scene.slices.finish()
        self.worker.wait()

    # --- workspace changes -------------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet) -> None:
        from desktop.map import refresh
        from graph import schema as s

        if self.account_id is None or changes.tables <= _UNSEEN:
            return
        self.scene.slices.finish()  # an edit applies to the whole map
        elsewhere = changes.accounts and self.account_id not in changes.accounts
        if elsewhere and not changes.touches("team_members", "cadence_defaults"):
            return
        if self._loading:  # the read under way may predate this change: read again
            self._load()
            return
        if changes.tables == {"card_positions"}:
            self._apply_stored_positions()
            return
        if changes.tables == {"accounts"}:  # a rename shows in exports' titles, nothing else
            self.scene.data.account_name = self.ws.get(s.Account, self.account_id).name
            return
        change = None
        before = self.scene.data
        if refresh.only_people(changes):
            change = refresh.refresh_people(self.ws, self.scene, changes)
        elif changes.tables <= {"relationships", "coverage"}:
            change = refresh.refresh_links(self.ws, self.scene, self.account_id, changes)
        if change is None:
            change = self._reload()
        elif refresh.risks_may_change(before, self.scene.data, changes):
            # the quick paths leave the account's risks and owners as they were: read them
            # again once a burst of edits settles
            self._risk_timer.start()
        self._after_change(change)

    def _refresh_risks(self) -> None:
        from desktop.map import refresh

        if self.account_id is None or self._loading:
            return
        self._after_change(refresh.refresh_risks(self.ws, self.scene))

    def _reload(self) -> SceneChange:
        data = load_map_data(self.ws, self.account_id)
        change = self.scene.set_data(data)
        if change.added:
            stored = self._stored()
            centre = self.view.mapToScene(self.view.viewport().rect().center())
            self.scene.place({k: stored.get(k, (centre.x(), centre.y())) for k in change.added})
        return change

    def _after_change(self, change: SceneChange) -> None:
        self.risk_banner.set_risks(self.scene.data.risks)
        if change.removed:
            self.selection.discard(change.removed, source=self)
        if change.added or change.removed or change.updated:
            self.toolbar.set_names([c.name for c in self.scene.data.cards.values()])
        relayout = (
            change.added
            or change.removed
            or (self._view == "org" and (change.org_changed or change.resized))
            or (self._view in GRID_VIEWS and change.updated)
            or (self._view == "network" and change.links_changed)
        )
        if relayout:
            self._relayout(animate=True)
        if self.departure.isVisible() and self.departure.impact is not None:
            self.show_departure(self.departure.impact.node)
        elif self.changes.on:
            self.changes.refresh()

    def show_changes_since(self, day: dt.date) -> ChangeMarks | None:
        """The changes mode: mark who joined, left or changed and the links added after
        ``day``."""
        return self.changes.show_since(day)

    def _apply_stored_positions(self) -> None:
        """Undo/redo of a move: put each card where the file says, or where the layout had it."""
        stored = self._stored()
        auto = self._auto.get(self._view, {})
        targets = {k: stored.get(k, auto.get(k)) for k in self.scene.cards}
        self.scene.place({k: p for k, p in targets.items() if p is not None})

    # --- messages, palette, geometry ---------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.statusMessage.emit(text)
        style = self.scene.map_style
        self.banner.setText(text)
        self.banner.setStyleSheet(
            f"QLabel#mapBanner {{ background: {style.panel.name()}; color: {style.text.name()};"
            f" border: 1px solid {style.cadence['overdue'].name()}; border-radius: 6px;"
            " padding: 6px 10px; }"
        )
        self.banner.setMaximumWidth(max(200, self.view.viewport().width() - 40))
        self.banner.adjustSize()
        self.banner.move(16, 12)
        self.banner.show()
        self.banner.raise_()
        self._banner_timer.start()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            style = style_for(self.palette())
            if style.dark != self.scene.map_style.dark:
                self.scene.set_style(style)
                self.legend.set_style(style)
                self.risk_banner.set_style(style)
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self._warm_up_pending
            and self._attached
            and event.type() == QEvent.Type.Paint
            and watched is self.view.viewport()
            and not self._loading
        ):
            self._warm_up_pending = False
            self.worker.warm_up()
        if watched is self.view.viewport() and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Show,
        ):
            self._place_legend()
        return super().eventFilter(watched, event)
