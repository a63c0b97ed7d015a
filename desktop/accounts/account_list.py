"""The portfolio on the left: every account with its health, overdue contacts and renewal.

Signals come from the analysis (computed off the GUI thread); until they arrive an account
shows a grey badge. Add, rename and archive are window actions shown as buttons under the list.
The window's first look shows the list read with sqlite3 (``FirstList``) before the workspace
loads; ``attach`` gives it the session then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.common import labels
from desktop.common.palette import colours, secondary_text
from graph.events import ChangeSet

if TYPE_CHECKING:
    from desktop.workspace.session import WorkspaceSession
    from graph import schema as s
    from graph.quickread.portfolio import AccountRow

Index = QModelIndex | QPersistentModelIndex
ACCOUNT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SIGNALS_ROLE = Qt.ItemDataRole.UserRole + 2
ACCOUNT_ROLE = Qt.ItemDataRole.UserRole + 3
TODAY_ROLE = Qt.ItemDataRole.UserRole + 4


@dataclass(frozen=True)
class FirstList:
    """The list as the first look shows it: the accounts as stored (graph.quickread: name,
    renewal, archived, as ``graph.schema.Account`` has them), the day, the account shown."""

    accounts: Sequence[AccountRow]
    today: dt.date
    shown: int | None


class AccountListModel(QAbstractListModel):
    def __init__(
        self,
        session: WorkspaceSession | None,
        parent: QObject | None = None,
        *,
        first: FirstList | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._first = first
        self._accounts: list[s.Account | AccountRow] = []
        self.show_archived = False
        if session is not None:
            self.attach(session)
        elif first is not None:
            self._accounts = list(first.accounts)

    def attach(self, session: WorkspaceSession) -> None:
        """Read the list from the session from now on (its rows and its signals)."""
        self._session = session
        session.signals.changed.connect(self._on_changed)
        session.analysis.portfolio_changed.connect(self._signals_arrived)
        self.refresh()

    def refresh(self) -> None:
        if self._session is None:
            return
        self.beginResetModel()
        self._accounts = list(self._session.ws.accounts(include_archived=self.show_archived))
        self.endResetModel()

    def set_show_archived(self, show: bool) -> None:
        self.show_archived = show
        self.refresh()

    def _on_changed(self, changes: ChangeSet) -> None:
        if "accounts" in changes.tables:
            self.refresh()

    def _signals_arrived(self) -> None:
        if self._accounts:
            self.dataChanged.emit(self.index(0), self.index(len(self._accounts) - 1))

    def row_of(self, account_id: int | None) -> int | None:
        for row, account in enumerate(self._accounts):
            if account.id == account_id:
                return row
        return None

    def account(self, row: int) -> s.Account | AccountRow:
        return self._accounts[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._accounts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._accounts):
            return None
        account = self._accounts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return account.name
        if role == ACCOUNT_ID_ROLE:
            return account.id
        if role == ACCOUNT_ROLE:
            return account
        if role == SIGNALS_ROLE:  # none yet on the first look: a grey badge, as before they come
            return self._session.analysis.latest(account.id) if self._session else None
        if role == TODAY_ROLE:
            if self._session is None:
                return self._first.today if self._first else None
            return self._session.ws.today()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(account)
        return None

    def _tooltip(self, account: s.Account | AccountRow) -> str:
        lines = [f"<b>{account.name}</b>"]
        if account.industry:
            lines.append(account.industry)
        lines.append(f"ARR {labels.money(account.arr, account.currency)} · {account.phase.label}")
        if account.renewal_date:
            lines.append(f"Renews {labels.day(account.renewal_date)}")
        signals = self._session.analysis.latest(account.id) if self._session else None
        if signals is not None:
            lines.append(
                f"Health {signals.health_label} · {signals.overdue} overdue, {signals.due} due"
            )
            lines.extend(f"• {f.message}" for f in signals.flags[:4])
        if account.archived:
            lines.append("<i>Archived</i>")
        return "<br>".join(lines)


class AccountDelegate(QStyledItemDelegate):
    """Two lines per account: a health dot and the name; renewal date and an overdue badge."""

    PADDING = 8
    DOT = 10

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = option.fontMetrics.height() * 2 + self.PADDING * 2 + 4
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        account: s.Account = index.data(ACCOUNT_ROLE)
        signals = index.data(SIGNALS_ROLE)
        palette = colours()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        painter.save()
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_colour = (
            opt.palette.highlightedText().color() if selected else opt.palette.text().color()
        )
        soft = text_colour if selected else secondary_text(opt.palette)
        rect = opt.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        metrics = QFontMetrics(opt.font)
        line = metrics.height()

        # health dot
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.health(signals.health if signals else None))
        dot_y = rect.top() + (line - self.DOT) // 2
        painter.drawEllipse(rect.left(), dot_y, self.DOT, self.DOT)

        # overdue badge on the right of the first line
        badge_width = 0
        if signals is not None and signals.overdue:
            badge_font = QFont(opt.font)
            badge_font.setPointSizeF(opt.font.pointSizeF() * 0.85)
            badge_font.setWeight(QFont.Weight.DemiBold)
            text = str(signals.overdue)
            bm = QFontMetrics(badge_font)
            badge_width = max(bm.horizontalAdvance(text) + 12, line)
            badge = QRect(rect.right() - badge_width, rect.top() + 1, badge_width, line - 2)
            painter.setBrush(palette.red)
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setFont(badge_font)
            painter.setPen(palette.badge_text)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)

        # name
        name_font = QFont(opt.font)
        name_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(name_font)
        painter.setPen(text_colour)
        left = rect.left() + self.DOT + 8
        name_rect = QRect(left, rect.top(), rect.right() - left - badge_width - 6, line)
        name = QFontMetrics(name_font).elidedText(
            account.name, Qt.TextElideMode.ElideRight, name_rect.width()
        )
        painter.drawText(
            name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name
        )

        # second line: renewal and contact status
        painter.setFont(opt.font)
        painter.setPen(soft)
        detail_rect = QRect(left, rect.top() + line + 4, rect.right() - left, line)
        detail = metrics.elidedText(
            self._detail(account, signals, index.data(TODAY_ROLE)),
            Qt.TextElideMode.ElideRight,
            detail_rect.width(),
        )
        painter.drawText(
            detail_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail
        )
        painter.restore()

    @staticmethod
    def _detail(account: s.Account, signals: Any, today: dt.date) -> str:
        parts = []
        if account.archived:
            parts.append("Archived")
        if account.renewal_date:
            days = (account.renewal_date - today).days
            soon = f" (in {days} d)" if 0 <= days <= 90 else ""
            parts.append(f"Renews {labels.day(account.renewal_date)}{soon}")
        else:
            parts.append("No renewal date")
        if signals is not None and signals.due:
            parts.append(f"{signals.due} due")
        return " · ".join(parts)


class AccountList(QWidget):
    """``account_chosen`` carries the id of the account the user picked (or None)."""

    account_chosen = Signal(object)

    def __init__(
        self,
        session: WorkspaceSession | None,
        actions: list[QAction],
        parent: QWidget | None = None,
        *,
        first: FirstList | None = None,
    ) -> None:
        """The list of ``session``; or, without one, the first look's ``first`` until
        ``attach``."""
        super().__init__(parent)
        self._session = session
        self._first = first
        self.model = AccountListModel(session, self, first=first)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(AccountDelegate(self.view))
        self.view.setUniformItemSizes(True)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions(actions)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.archived = QCheckBox("Show archived")
        self.archived.setToolTip("List archived accounts too")
        self.archived.toggled.connect(self._show_archived)

        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.archived)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.model.modelReset.connect(self._reselect)
        if session is not None:
            session.account_changed.connect(lambda _a: self._reselect())
        self.setMinimumWidth(200)
        self._reselect()

    def waiting_for_session(self) -> bool:
        return self._session is None

    def attach(self, session: WorkspaceSession) -> None:
        """The workspace has loaded: the list reads it from now on."""
        self._session = session
        self._first = None
        session.account_changed.connect(lambda _a: self._reselect())
        self.model.attach(session)

    def _shown_account(self) -> int | None:
        if self._session is not None:
            return self._session.account_id
        return self._first.shown if self._first is not None else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.account_chosen.emit(current.data(ACCOUNT_ID_ROLE))

    def _show_archived(self, show: bool) -> None:
        self.model.set_show_archived(show)

    def _reselect(self) -> None:
        shown = self._shown_account()
        row = self.model.row_of(shown)
        selection = self.view.selectionModel()
        if row is None:
            if self.model.rowCount() and shown is not None:
                return
            selection.clear()
            return
        index = self.model.index(row)
        if selection.currentIndex() != index:
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def select_account(self, account_id: int) -> None:
        if self._session is None:  # the first look: the workspace is loading
            return
        if self.model.row_of(account_id) is None and not self.archived.isChecked():
            self.archived.setChecked(True)
        self._session.set_account(account_id)
        self._reselect()
