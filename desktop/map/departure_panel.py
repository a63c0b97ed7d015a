"""Side panel answering "what if they leave?": the links, influence paths, coverage and reach an
account loses with one person (graph.departure). Clicking a line selects it on the map.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from graph.departure import DepartureImpact

_VERBS = {
    "reports_to": "reports to",
    "influences": "influences",
    "ally": "ally of",
    "conflict": "in conflict with",
    "owns": "owns",
    "knows": "knows",
}
KEYS_ROLE = Qt.ItemDataRole.UserRole + 1


class DeparturePanel(QWidget):
    """Lists a departure's impact; ``focusRequested`` carries the node keys of a clicked line."""

    focusRequested = Signal(list)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("departurePanel")
        self.setMinimumWidth(260)
        self.impact: DepartureImpact | None = None
        self._title = QLabel()
        self._title.setWordWrap(True)
        font = self._title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self._title.setFont(font)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Close and clear the highlight (Esc)")
        close.clicked.connect(self.closed)
        self._summary = QLabel()
        self._summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemClicked.connect(self._on_clicked)
        header = QHBoxLayout()
        header.addWidget(self._title, 1)
        header.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 6, 8)
        layout.addLayout(header)
        layout.addWidget(self._summary)
        layout.addWidget(self.tree, 1)

    def show_impact(self, impact: DepartureImpact, name_of: Callable[[str], str]) -> None:
        self.impact = impact
        self._title.setText(f"What if {name_of(impact.node)} leaves?")
        lost_reach = impact.reach_before - impact.reach_after
        self._summary.setText(
            f"Our team reaches {impact.reach_before} people today, {impact.reach_after} without "
            f"them ({lost_reach} fewer)."
        )
        self.tree.clear()
        self._group(
            "Relationships lost",
            [
                (f"{name_of(u)} {_VERBS.get(kind, kind)} {name_of(v)}", [u, v])
                for u, v, kind in impact.lost_edges
            ],
        )
        paths = [(f"{name_of(a)} → {name_of(b)}", [a, b]) for a, b in impact.lost_paths]
        more = impact.lost_path_count - len(impact.lost_paths)
        if more > 0:
            paths.append((f"… and {more} more", []))
        self._group("Influence paths lost", paths, count=impact.lost_path_count)
        self._group(
            "No one on our team covers", [(name_of(n), [n]) for n in impact.newly_uncovered]
        )
        self._group("Our team can no longer reach", [(name_of(n), [n]) for n in impact.lost_reach])
        self.tree.expandAll()

    def _group(
        self, title: str, rows: list[tuple[str, list[str]]], count: int | None = None
    ) -> None:
        count = len(rows) if count is None else count
        group = QTreeWidgetItem([f"{title} ({count})"])
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItem(group)
        if not rows:
            none = QTreeWidgetItem(["none"])
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            group.addChild(none)
        for text, keys in rows:
            item = QTreeWidgetItem([text])
            item.setData(0, KEYS_ROLE, keys)
            item.setToolTip(0, text)
            group.addChild(item)

    def rows(self, title_prefix: str) -> list[str]:
        """Texts of one group's lines (for tests and accessibility)."""
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group.text(0).startswith(title_prefix):
                return [
                    group.child(j).text(0)
                    for j in range(group.childCount())
                    if group.child(j).data(0, KEYS_ROLE) is not None
                ]
        return []

    def _on_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        keys = item.data(0, KEYS_ROLE)
        if keys:
            self.focusRequested.emit(list(keys))
