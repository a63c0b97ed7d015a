"""The sections of the QBR tab after the summary: record tables with their chart previews.

Each section is a vertical splitter of its tables and, where the QBR has one, its chart, in
the order of DOMAIN.md's QBR: wins; usage; support and incidents; roadmap fit; success plan,
risks and actions.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

from desktop.qbr import tables
from desktop.qbr.chart_view import ChartView
from desktop.qbr.columns import TableSpec
from desktop.qbr.record_table import RecordTable


@dataclass(frozen=True)
class SectionSpec:
    name: str  # shown in the section list
    tip: str
    rows: tuple[tuple[TableSpec, ...], ...]  # tables side by side in one row
    charts: tuple[str, ...] = ()


SECTIONS = (
    SectionSpec("Wins", "Wins with their business impact", ((tables.WINS,),),
                ("wins-per-quarter",)),
    SectionSpec("Usage", "Usage and adoption metrics, with their measurements",
                ((tables.METRICS, tables.POINTS),), ("usage-trends",)),
    SectionSpec("Support", "Support tickets and incidents",
                ((tables.TICKETS,), (tables.INCIDENTS,)), ("tickets-by-severity",)),
    SectionSpec("Roadmap", "The customer's requests against the product roadmap",
                ((tables.REQUESTS,), (tables.ROADMAP,)), ("roadmap-fit",)),
    SectionSpec("Plan & risks", "Success plan goals, risks and action items",
                ((tables.GOALS,), (tables.RISKS,), (tables.ACTIONS,))),
)  # fmt: skip


class SectionPage(QSplitter):
    """Tables on top, the chart under them. Until the user moves a divider, each table gets
    the height its rows need (up to ``MAX_ROWS``) and the chart the rest. Tables that sit side
    by side are stacked when the page is too narrow for each to keep ``MIN_TABLE_WIDTH``."""

    MAX_ROWS = 9
    MIN_ROWS = 4
    MIN_CHART = 300
    MIN_TABLE_WIDTH = 340

    def __init__(
        self,
        rows: list[tuple[QWidget, list[RecordTable]]],
        charts: list[ChartView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setChildrenCollapsible(False)
        self.setHandleWidth(12)
        self._rows = rows
        self._charts = charts
        self._moved = False
        for widget, _tables in rows:
            self.addWidget(widget)
        for chart in charts:
            self.addWidget(chart)
        self.splitterMoved.connect(self._user_moved)

    def _user_moved(self, *_args: object) -> None:
        self._moved = True

    def _heights(self, rows: int) -> list[int]:
        return [
            max(widget.minimumSizeHint().height(), _wanted_height(widget, tables, rows))
            for widget, tables in self._rows
        ]

    def fit(self) -> None:
        """Share the height out by content (does nothing once the user moved a divider).

        The page is never shorter than each table with ``MIN_ROWS`` rows (or its whole empty
        state) and the chart ``MIN_CHART`` high: on a short screen it scrolls up and down
        rather than squeeze a table to a row or the chart past reading."""
        floors = self._heights(self.MIN_ROWS)
        handles = self.handleWidth() * (self.count() - 1)
        self.setMinimumHeight(sum(floors) + self.MIN_CHART * len(self._charts) + handles)
        total = self.height() - handles
        if self._moved or total <= 0:
            return
        wanted = self._heights(self.MAX_ROWS)
        if not self._charts:
            spare = max(0, total - sum(wanted))
            sizes = [w + spare // len(wanted) for w in wanted]
        else:
            room = max(0, total - self.MIN_CHART * len(self._charts))
            if sum(wanted) > room:  # each table its floor, then the rest by what they want
                extra = [w - f for w, f in zip(wanted, floors, strict=True)]
                spare = max(0, room - sum(floors))
                wanted = [
                    f + e * spare // max(1, sum(extra)) for f, e in zip(floors, extra, strict=True)
                ]
            chart = (total - sum(wanted)) // len(self._charts)
            sizes = wanted + [chart] * len(self._charts)
        self.setSizes(sizes)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._stack_when_narrow()
        self.fit()

    def _stack_when_narrow(self) -> None:
        for widget, row in self._rows:
            if not isinstance(widget, QSplitter) or len(row) < 2:
                continue
            room = self.width() - widget.handleWidth() * (len(row) - 1)
            wide = room // len(row) >= self.MIN_TABLE_WIDTH
            orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
            if widget.orientation() != orientation:
                widget.setOrientation(orientation)
                widget.setSizes([1] * len(row))  # share the room evenly again


def _wanted_height(row: QWidget, tables: list[RecordTable], max_rows: int) -> int:
    """The height a row of tables wants: the tallest side by side, the sum when stacked."""
    heights = [t.preferred_height(max_rows) for t in tables]
    if isinstance(row, QSplitter) and row.orientation() == Qt.Orientation.Vertical:
        return sum(heights) + row.handleWidth() * (len(heights) - 1)
    return max(heights)


def scroll_vertically(page: QWidget) -> QScrollArea:
    """A page that fills the width it is given and scrolls up and down when the window is
    too short for its tables and chart (never sideways: the page reflows instead)."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(page)
    return area


def side_by_side(widgets: list[QWidget]) -> QWidget:
    if len(widgets) == 1:
        return widgets[0]
    row = QSplitter(Qt.Orientation.Horizontal)
    row.setChildrenCollapsible(False)
    row.setHandleWidth(12)
    for widget in widgets:
        row.addWidget(widget)
    for index in range(len(widgets)):
        row.setStretchFactor(index, 1)
    return row
