"""The QBR tab: prepare one account's quarterly business review and see it as it will be sent.

Left, the sections of the QBR (Summary, Wins, Usage, Support, Roadmap, Plan & risks); right,
the section's tables, edited in place with undo, and its chart. The summary and the charts are
recomputed off the GUI thread (``preview.PreviewWorker``) a moment after the last change that
touches this account, so typing stays smooth. "Export QBR…" asks the window to write the
workbook or the deck (``export_requested``): the tab never loads the export.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QBoxLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.qbr import section_list, tables
from desktop.qbr.chart_view import ChartView
from desktop.qbr.columns import TableSpec
from desktop.qbr.preview import PreviewWorker
from desktop.qbr.qbr_header import QbrHeader
from desktop.qbr.record_table import RecordTable
from desktop.qbr.scope import Run, Scope, recent_quarters
from desktop.qbr.section_list import SectionList
from desktop.qbr.sections import SECTIONS, SectionPage, scroll_vertically, side_by_side
from desktop.qbr.summary_page import CHARTS as SUMMARY_CHARTS
from desktop.qbr.summary_page import SummaryPage
from desktop.shell.empty_state import EmptyState
from desktop.workspace.undo_operation import run_operation
from desktop.workspace.workspace_signals import WorkspaceSignals
from graph import schema as s
from graph.errors import NotFoundError
from graph.events import ChangeSet
from graph.workspace import Workspace
from reports.model import Qbr
from reports.quarter import Quarter

DEBOUNCE_MS = 300
MARGINS = (12, 10, 12, 10)
NAV_SPACING = 14
# Narrower than this beside the section list, the page gets the whole width and the sections
# wrap above it: the summary's cards and the tables need the room more than the list does.
MIN_PAGE_BESIDE_NAV = 520
MAX_CHART_WIDTH = 1800
SUMMARY = "Summary"
# Tables shared by every account: their changes can move any account's QBR.
SHARED_TABLES = {"roadmap_items", "team_members", "cadence_defaults"}


class QbrTab(QWidget):
    """``message`` carries a line for the status bar; ``qbr_changed`` the newest ``Qbr``;
    ``export_requested`` the account id and ``Quarter`` on show when Export QBR… is clicked."""

    message = Signal(str)
    qbr_changed = Signal(object)
    export_requested = Signal(int, object)

    def __init__(
        self,
        workspace: Workspace,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        signals: WorkspaceSignals | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = workspace
        self._own_signals = signals is None
        self.signals = signals if signals is not None else WorkspaceSignals(workspace)
        self._account_id: int | None = None
        self._scope: Scope | None = None
        self.qbr: Qbr | None = None
        self._qbr_generation = -1
        self._requested: set[str] = set()  # charts asked for the newest generation
        self._stale = False  # changed while hidden: recompute on show
        push: Run = partial(run_operation, undo_stack, workspace)

        self.preview = PreviewWorker(workspace, self)
        self.preview.qbr_ready.connect(self._on_qbr)
        self.preview.chart_ready.connect(self._on_chart)
        self.preview.failed.connect(self._on_preview_failed)
        self.preview.busy_changed.connect(self._on_busy)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._recompute)

        self.header = QbrHeader()
        # The header's parts, as the window and the tests reach them.
        self.heading, self.subtitle = self.header.heading, self.header.subtitle
        self.state = self.header.state
        self.quarter_combo = self.header.quarter_combo
        self.quarter_combo.currentIndexChanged.connect(self._quarter_chosen)
        self.export_button = self.header.export_button
        self.export_button.clicked.connect(self.export)
        self._make_sections(push)

        self.content = QWidget()
        self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._body.setSpacing(NAV_SPACING)
        self._body.addWidget(self.nav)
        self._body.addWidget(self.pages, 1)
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(*MARGINS)
        inner.setSpacing(10)
        inner.addWidget(self.header)
        inner.addLayout(self._body, 1)
        self.empty = EmptyState(
            "No account open", "Pick an account on the left to prepare its quarterly review."
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.content)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.nav.setCurrentRow(0)
        self.signals.changed.connect(self._on_changed)
        if self._own_signals:  # unparented, so still alive when this tab is destroyed
            self.destroyed.connect(self.signals.detach)
        self.set_account(None)

    def _make_sections(self, push: Run) -> None:
        """The section list on the left and a page per section: the summary, then tables."""
        self.nav = SectionList()
        self.pages = QStackedWidget()
        self.summary = SummaryPage()
        self.tables: dict[str, RecordTable] = {}
        self.charts: dict[str, ChartView] = dict(self.summary.charts)
        self._page_charts: dict[str, tuple[str, ...]] = {SUMMARY: SUMMARY_CHARTS}
        self._add_section(SUMMARY, "Health, ARR, renewal, headline wins, risks and asks",
                          self.summary)  # fmt: skip
        self.sections: list[SectionPage] = []
        for section in SECTIONS:
            rows: list[tuple[QWidget, list[RecordTable]]] = []
            for row in section.rows:
                made = [self._make_table(spec, push) for spec in row]
                rows.append((side_by_side(list(made)), made))
            views = [ChartView(name) for name in section.charts]
            self.charts.update({v.name: v for v in views})
            self._page_charts[section.name] = section.charts
            page = SectionPage(rows, views)
            self.sections.append(page)
            self._add_section(section.name, section.tip, scroll_vertically(page))
        self.nav.currentRowChanged.connect(self._show_section)
        self.tables[tables.METRICS.table].current_changed.connect(self._metric_chosen)

    def _make_table(self, spec: TableSpec, push: Run) -> RecordTable:
        table = RecordTable(spec, self._ws, push, self.signals)
        table.message.connect(self.message)
        self.tables[spec.table] = table
        return table

    def _add_section(self, name: str, tip: str, page: QWidget) -> None:
        self.nav.add_section(name, tip)
        self.pages.addWidget(page)

    # --- reflow to the width there is ----------------------------------------------------------

    def _reflow(self) -> None:
        """The section list beside the page, or above it when the page would get too little
        (the header reflows itself)."""
        room = self.width() - MARGINS[0] - MARGINS[2]
        narrow = room - section_list.WIDTH - NAV_SPACING < MIN_PAGE_BESIDE_NAV
        self.nav.place(narrow, room)
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self._body.direction() != direction:
            self._body.setDirection(direction)

    @property
    def narrow(self) -> bool:
        return self.nav.as_row

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    # --- what is shown ------------------------------------------------------------------------

    @property
    def account_id(self) -> int | None:
        return self._account_id

    @property
    def quarter(self) -> Quarter | None:
        return self._scope.quarter if self._scope is not None else None

    @property
    def section(self) -> str:
        item = self.nav.currentItem()
        return item.text() if item is not None else SUMMARY

    def show_section(self, name: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).text() == name:
                self.nav.setCurrentRow(row)
                return
        raise KeyError(name)

    def set_account(self, account_id: int | None) -> None:
        """Show one account's QBR for its current quarter (None: the empty page)."""
        account = self._account(account_id)
        self._account_id = account.id if account is not None else None
        self._debounce.stop()
        if account is None:
            self._scope = None
            self.preview.cancel()
            for table in self.tables.values():
                table.model.set_scope(None)
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.content)
        self._fill_quarters(account, None)

    def _account(self, account_id: int | None) -> s.Account | None:
        if account_id is None:
            return None
        try:
            return self._ws.get(s.Account, account_id)
        except NotFoundError:
            return None

    def _fill_quarters(self, account: s.Account, wanted: Quarter | None) -> None:
        today = self._ws.today()
        quarters = recent_quarters(account, today)
        if wanted is not None and wanted not in quarters:
            quarters = sorted({*quarters, wanted}, reverse=True)
        current = quarters[0] if wanted is None else wanted
        combo = self.quarter_combo
        combo.blockSignals(True)
        combo.clear()
        for quarter in quarters:
            text = f"{quarter.title}  ·  {quarter.months}"
            if today in quarter:
                text += "  (current)"
            combo.addItem(text, quarter)
        combo.setCurrentIndex(quarters.index(current))
        combo.blockSignals(False)
        self._apply_scope(account, current)

    def _quarter_chosen(self, index: int) -> None:
        account = self._account(self._account_id)
        quarter = self.quarter_combo.itemData(index)
        if account is not None and isinstance(quarter, Quarter):
            self._apply_scope(account, quarter)

    def _apply_scope(self, account: s.Account, quarter: Quarter) -> None:
        self._scope = Scope(account.id, quarter, self._ws.today())
        self.header.set_titles(
            account.name, f"Quarterly business review · {quarter.title} · {quarter.months}"
        )
        metrics = self.tables[tables.METRICS.table]
        for name, table in self.tables.items():
            if name != tables.POINTS.table:
                table.model.set_scope(self._scope)
        if metrics.model.rowCount():
            metrics.select_key(metrics.model.key(0))
        self._metric_chosen(metrics.current_key())
        for view in self.charts.values():
            view.set_image(None)
        for page in self.sections:
            page.fit()
        self._recompute()

    def _metric_chosen(self, metric_id: object) -> None:
        points = self.tables[tables.POINTS.table]
        wanted = metric_id if isinstance(metric_id, int) else None
        if points.model.scope != self._scope or points.model.parent_id != wanted:
            points.model.set_scope(self._scope, wanted)

    # --- the preview --------------------------------------------------------------------------

    def _on_changed(self, changes: ChangeSet) -> None:
        if self._scope is None:
            return
        mine = self._scope.account_id in changes.accounts
        if not mine and not changes.touches(*SHARED_TABLES):
            return
        if "accounts" in changes.tables and mine:
            account = self._account(self._account_id)
            if account is None:
                self.set_account(None)
                return
            if account.fiscal_year_start_month != self._scope.quarter.start_month:
                self._fill_quarters(account, None)
                return
            self.header.set_titles(account.name)
        self._debounce.start()

    def _chart_width(self) -> int:
        widest = max(view.pixel_width() for view in self.charts.values())
        return min(widest, MAX_CHART_WIDTH)

    def _recompute(self) -> None:
        self._debounce.stop()
        if self._scope is None:
            return
        if not self.isVisible():  # another tab is on show: catch up when this one is
            self._stale = True
            return
        self._stale = False
        charts = self._page_charts.get(self.section, ())
        self._requested = set(charts)
        self.preview.assemble(self._scope, charts, self._chart_width())

    def _draw_missing(self) -> None:
        if self._scope is None or self.qbr is None:
            return
        if self._qbr_generation != self.preview.generation:
            return  # a newer QBR is being assembled; its arrival draws what is needed
        missing = [c for c in self._page_charts.get(self.section, ()) if c not in self._requested]
        if missing:
            self._requested.update(missing)
            self.preview.draw(self.qbr, self._scope, missing, self._chart_width())

    def _on_qbr(self, qbr: Qbr) -> None:
        self.qbr = qbr
        self._qbr_generation = self.preview.generation
        self.summary.set_qbr(qbr)
        self._draw_missing()
        self.qbr_changed.emit(qbr)

    def _on_chart(self, name: str, image: Any) -> None:
        view = self.charts.get(name)
        if view is not None:
            view.set_image(image)

    def _on_preview_failed(self, message: str) -> None:
        self.header.set_state("Preview failed", message)
        self.message.emit(message)

    def _on_busy(self, busy: bool) -> None:
        self.header.set_state("Updating…" if busy else "")

    def _show_section(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        self._draw_missing()

    # --- the window's Delete action -----------------------------------------------------------

    def has_deletable_focus(self) -> bool:
        """Whether a record table of this tab has focus and a row to delete."""
        return any(table.has_deletable_focus() for table in self.tables.values())

    def delete_selected(self) -> None:
        """Delete the selected rows of the focused record table (one undo step)."""
        for table in self.tables.values():
            if table.has_deletable_focus():
                table.delete_selected()
                return

    # --- export -------------------------------------------------------------------------------

    def export(self) -> None:
        """Ask for this QBR to be exported: the window asks where and writes it."""
        if self._scope is None:
            return
        self.export_requested.emit(self._scope.account_id, self._scope.quarter)

    # --- housekeeping -------------------------------------------------------------------------

    def detach(self) -> None:
        """Stop listening and wait for background work (before the workspace closes)."""
        self._debounce.stop()
        self.preview.cancel()
        self.preview.wait()
        if self._own_signals:
            self.signals.detach()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._recompute()
