"""Side panel answering "what if they leave?" as advice first (graph.departure_advice): who we
lose contact with, which decision makers lose their only path to us, and whom to build a
relationship with instead. The links, influence paths and reach lost are details on request.
Clicking a name or a line selects the people on the map.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from graph.departure import DepartureAdvice, DepartureImpact

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
        self.advice = QLabel()
        self.advice.setObjectName("departureAdvice")
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.RichText)
        self.advice.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.advice.linkActivated.connect(self._on_link)
        self.details = QCheckBox("Show what is lost, link by link")
        self.details.setToolTip("The relationships, influence paths and reach lost with them")
        self.details.toggled.connect(self._show_details)
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
        layout.addWidget(self.advice)
        layout.addWidget(self.details)
        layout.addWidget(self._summary)
        layout.addWidget(self.tree, 1)
        self._filler = QWidget()  # takes the room the details leave while they are hidden
        layout.addWidget(self._filler, 1)
        self._show_details(False)

    def show_advice(self, advice: DepartureAdvice, name_of: Callable[[str], str]) -> None:
        """The three answers first; the details below them, on request."""
        self.advice.setText(advice_html(advice, name_of))
        self.show_impact(advice.impact, name_of)

    def _show_details(self, shown: bool) -> None:
        self._summary.setVisible(shown)
        self.tree.setVisible(shown)
        self._filler.setVisible(not shown)

    def _on_link(self, href: str) -> None:
        keys = [k for k in href.removeprefix("keys:").split(",") if k]
        if keys:
            self.focusRequested.emit(keys)

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
            if group is not None and group.text(0).startswith(title_prefix):
                lines = (group.child(j) for j in range(group.childCount()))
                return [
                    line.text(0)
                    for line in lines
                    if line is not None and line.data(0, KEYS_ROLE) is not None
                ]
        return []

    def _on_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        keys = item.data(0, KEYS_ROLE)
        if keys:
            self.focusRequested.emit(list(keys))


def _names(keys: list[str], name_of: Callable[[str], str], limit: int = 6) -> str:
    """Names as links that select those people; beyond ``limit``, a count."""
    shown = [f'<a href="keys:{k}">{escape(name_of(k))}</a>' for k in keys[:limit]]
    if len(keys) > limit:
        rest = ",".join(keys[limit:])
        shown.append(f'<a href="keys:{rest}">{len(keys) - limit} more</a>')
    return ", ".join(shown)


def advice_html(advice: DepartureAdvice, name_of: Callable[[str], str]) -> str:
    """The three lines: contact lost, decision makers cut off, bridges to build."""
    lost, deciders = advice.lose_contact, advice.cut_off_decision_makers
    lines = []
    if lost:
        lines.append(
            f"<b>We lose contact with {len(lost)}:</b> {_names(lost, name_of)}"
            f' <a href="keys:{",".join(lost)}">(select all)</a>'
        )
    else:
        lines.append("<b>We keep contact</b> with everyone our team reaches today.")
    if deciders:
        lines.append(
            f"<b>Decision makers cut off from us:</b> {_names(deciders, name_of)}"
            " (no other path to them)"
        )
    else:
        lines.append("<b>No decision maker</b> loses their only path to us.")
    if advice.bridges:
        items = []
        for bridge in advice.bridges[:3]:
            gives = _names(bridge.restores, name_of, limit=3)
            who = name_of(bridge.best_placed) if bridge.best_placed else None
            if who and bridge.already_known:
                placed = f"{escape(who)} already knows them"
            elif who and bridge.near:
                placed = f"{escape(who)} is best placed (knows people around them)"
            elif who:
                placed = f"nobody on our team is close yet: {escape(who)}, by role"
            else:
                placed = "nobody on our team is close yet"
            target = _names([bridge.person], name_of)
            back = "themselves" if bridge.restores == [bridge.person] else gives
            items.append(f"<li>{target}: gives back {back}; {placed}</li>")
        lines.append(
            "<b>Build a relationship with:</b>"
            f"<ol style='margin-top:2px; margin-left:-20px'>{''.join(items)}</ol>"
        )
    elif lost:
        lines.append("<b>No one left on the map</b> can give these people back: meet them.")
    else:
        lines.append("<b>Nothing to rebuild:</b> every path to us stays open.")
    return "<p style='margin:0'>" + "</p><p style='margin:4px 0 0 0'>".join(lines) + "</p>"
