"""Account > Our Team…: everyone on our side, who works on which account, who is still active.

A tool window beside the main one (not modal), so the map and the forms follow each change as
it is made. Every change is one undo step on the session's stack and is saved at once;
Ctrl+Z works inside the window too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.common import ask
from desktop.common.icons import icon
from desktop.common.palette import colours, secondary_text
from desktop.common.undo_actions import add_undo_buttons, window_undo_actions
from desktop.interactions.log_interaction_form import ID_ROLE, CheckList
from desktop.team.team_model import ACCOUNTS, ACTIVE, EMAIL, NAME, ROLE, TeamModel
from desktop.workspace import edits
from desktop.workspace.operations import undo_hint
from desktop.workspace.session import WorkspaceSession
from graph import schema as s
from graph.errors import NotFoundError
from graph.events import ChangeSet
from graph.vocabulary import TeamRole

Index = QModelIndex | QPersistentModelIndex


class RoleDelegate(QStyledItemDelegate):
    """A combo box for the Role column (one pick, one edit); text editors elsewhere."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() != ROLE:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for role in TeamRole:
            combo.addItem(role.label, role)
        combo.setFrame(False)
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


def _heading(text: str, scale: float = 1.0) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


def _soft(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(label.foregroundRole(), secondary_text(palette))
    label.setPalette(palette)
    return label


class TeamDialog(QDialog):
    """``message`` carries a line for the main window's status bar."""

    message = Signal(str)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._filling = False
        self.setWindowTitle("Our team")
        self.setObjectName("team_dialog")

        self.model = TeamModel(session, self)
        self.model.refused.connect(self._refused)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(RoleDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(ACCOUNTS, QHeaderView.ResizeMode.Stretch)
        em = self.fontMetrics().horizontalAdvance("m")
        for column, width in ((NAME, 11), (ROLE, 12), (EMAIL, 14), (ACTIVE, 7)):
            self.table.setColumnWidth(column, width * em)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_member())
        self.model.modelReset.connect(self._after_reset)

        # Adding someone: name, role, email, and the account on show ticked by default.
        self.new_name = QLineEdit(placeholderText="Name of a new team member")
        self.new_name.setClearButtonEnabled(True)
        self.new_role = QComboBox()
        for role in TeamRole:
            self.new_role.addItem(role.label, role)
        self.new_email = QLineEdit(placeholderText="Email (optional)")
        self.add_button = QPushButton(icon("person-add"), "Add to team")
        self.add_button.setToolTip("Add them to the team (Enter)")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_member)
        self.new_name.returnPressed.connect(self.add_member)
        self.new_email.returnPressed.connect(self.add_member)
        self.new_name.textChanged.connect(self._update_buttons)

        # The selected member's accounts, and what else can be done to them.
        self.member_title = _heading("", 1.1)
        self.member_subtitle = _soft("")
        self.accounts_hint = _soft("")
        self.accounts = CheckList("Tick the accounts this person works on")
        self.accounts.itemChanged.connect(self._account_ticked)
        self.active_button = QPushButton("Deactivate")
        self.active_button.setAutoDefault(False)
        self.active_button.clicked.connect(self.toggle_active)
        self.remove_button = QPushButton(icon("delete"), "Remove…")
        self.remove_button.setAutoDefault(False)
        self.remove_button.setToolTip(
            "Remove them from the portfolio with their coverage and attendance "
            "(deactivating keeps their history)"
        )
        self.remove_button.clicked.connect(self.remove_member)

        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setMinimumHeight(self.fontMetrics().height() + 4)

        # Undo and redo right here: this window has its own shortcuts.
        self.undo_action, self.redo_action = window_undo_actions(self, session.undo_stack)
        self._layout()
        session.signals.changed.connect(self._on_changed)
        self.resize(1120, 560)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._show_member()

    def _layout(self) -> None:
        intro = _soft(
            "Everyone on our side, across the portfolio. Double-click a name, role or email "
            "to change it. Every change is saved at once and can be undone."
        )
        adding = QHBoxLayout()
        adding.setSpacing(6)
        adding.addWidget(self.new_name, 3)
        adding.addWidget(self.new_role, 2)
        adding.addWidget(self.new_email, 3)
        adding.addWidget(self.add_button)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(_heading("Our team", 1.25))
        left.addWidget(intro)
        left.addWidget(self.table, 1)
        left.addLayout(adding)

        side = QFrame()
        side.setFrameShape(QFrame.Shape.StyledPanel)
        side.setMinimumWidth(260)
        side.setMaximumWidth(320)
        right = QVBoxLayout(side)
        right.setContentsMargins(12, 12, 12, 12)
        right.setSpacing(6)
        right.addWidget(self.member_title)
        right.addWidget(self.member_subtitle)
        right.addSpacing(6)
        right.addWidget(_heading("Works on"))
        right.addWidget(self.accounts_hint)
        right.addWidget(self.accounts, 1)
        status = QHBoxLayout()
        status.addWidget(self.active_button, 1)
        status.addWidget(self.remove_button)
        right.addLayout(status)

        body = QHBoxLayout()
        body.setSpacing(12)
        body.addLayout(left, 1)
        body.addWidget(side)

        bottom = QHBoxLayout()
        add_undo_buttons(bottom, (self.undo_action, self.redo_action))
        bottom.addWidget(self.note, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)

    # --- the selected member ------------------------------------------------------------------

    def selected(self) -> s.TeamMember | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.member(rows[0].row()) if rows else None

    def select(self, member_id: int) -> None:
        row = self.model.row_of(member_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, NAME))

    def _after_reset(self) -> None:
        self._show_member()

    def _show_member(self) -> None:
        member = self.selected()
        self._fill_accounts(member)
        if member is None:
            self.member_title.setText("Nobody selected")
            self.member_subtitle.setText("Pick someone to see and change their accounts.")
            self.accounts_hint.setText("")
        else:
            self.member_title.setText(member.name)
            first = member.name.split()[0] if member.name.split() else member.name
            self.accounts_hint.setText(f"Tick the accounts {first} works on.")
            state = "" if member.active else "  ·  inactive"
            self.member_subtitle.setText(f"{member.role.label}{state}")
        self._update_buttons()

    def _fill_accounts(self, member: s.TeamMember | None) -> None:
        ws = self._session.ws
        self._filling = True
        try:
            self.accounts.clear()
            if member is None:
                return
            assigned = {a.account_id for a in ws.find(s.AccountTeam, member_id=member.id)}
            for account in ws.accounts():
                shown = account.id == self._session.account_id
                item = QListWidgetItem(account.name + ("  ·  on show" if shown else ""))
                item.setData(ID_ROLE, account.id)
                on = account.id in assigned
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                if shown:
                    font = item.font()
                    font.setWeight(QFont.Weight.DemiBold)
                    item.setFont(font)
                self.accounts.addItem(item)
        finally:
            self._filling = False

    def _update_buttons(self) -> None:
        member = self.selected()
        self.add_button.setEnabled(bool(self.new_name.text().strip()))
        self.active_button.setEnabled(member is not None)
        self.remove_button.setEnabled(member is not None)
        if member is not None and not member.active:
            self.active_button.setText("Reactivate")
            self.active_button.setToolTip(f"Offer {member.name} again for new interactions")
        else:
            self.active_button.setText("Deactivate")
            self.active_button.setToolTip(
                "They left or moved on: kept in past interactions and coverage, "
                "no longer offered for new ones"
            )

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.touches("team_members", "account_team", "accounts"):
            self._show_member()

    # --- edits --------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        palette = self.note.palette()
        palette.setColor(self.note.foregroundRole(), secondary_text(palette))
        self.note.setPalette(palette)
        self.note.setText(text)
        self.message.emit(text)

    def _refused(self, _field: str, text: str) -> None:
        palette = self.note.palette()
        palette.setColor(self.note.foregroundRole(), colours().error_text)
        self.note.setPalette(palette)
        self.note.setText(text)

    def add_member(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            return
        account = self._session.account()
        role = TeamRole(self.new_role.currentData())
        operation = edits.add_member(name, role, self.new_email.text().strip(), account)
        result = self.model.run(operation, "name")
        if result is None:
            return
        self.new_name.clear()
        self.new_email.clear()
        self.select(result.new_id("team_members"))
        where = f" on {account.name}" if account is not None else ""
        self._say(f"Added {name}{where}; tick the other accounts they work on")

    def _account_ticked(self, item: QListWidgetItem) -> None:
        member = self.selected()
        if self._filling or member is None:
            return
        on = item.checkState() == Qt.CheckState.Checked
        try:
            account = self._session.ws.get(s.Account, item.data(ID_ROLE))
        except NotFoundError:
            self._show_member()
            return
        if self.model.run(edits.assign(member, account, on), "accounts"):
            verb = "Assigned" if on else "Took"
            where = f"to {account.name}" if on else f"off {account.name}"
            self._say(f"{verb} {member.name} {where}")
        else:
            self._show_member()

    def toggle_active(self) -> None:
        member = self.selected()
        if member is None:
            return
        if self.model.run(edits.set_active(member, not member.active)):
            state = "active again" if not member.active else "inactive"
            self._say(f"{member.name} is {state} — {undo_hint()}")

    def remove_member(self) -> None:
        member = self.selected()
        if member is None:
            return
        ws = self._session.ws
        covered = len(ws.find(s.Coverage, member_id=member.id))
        attended = len(ws.find(s.InteractionMember, member_id=member.id))
        lost = []
        if covered:
            lost.append(f"{covered} coverage link{'s' if covered != 1 else ''}")
        if attended:
            lost.append(f"their attendance at {attended} interaction{'s' if attended != 1 else ''}")
        detail = f" This also removes {' and '.join(lost)}." if lost else ""
        text = (
            f"Remove {member.name} from the portfolio?{detail}\n\n"
            "If they left or moved on, Deactivate keeps their history instead."
        )
        if not ask.question(self, "Remove team member", text, yes="Remove", no="Cancel"):
            return
        if self.model.run(edits.remove_member(member)):
            self._say(f"Removed {member.name} — {undo_hint()}")


def open_team_dialog(
    parent: QWidget,
    session: WorkspaceSession,
    on_message: Callable[[str], object] | None = None,
) -> TeamDialog:
    """Show the window's one Our Team dialog (made on first use, raised after that)."""
    dialog = parent.findChild(TeamDialog, "team_dialog")
    if dialog is None or dialog._session is not session:
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        dialog = TeamDialog(session, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_message is not None:
            dialog.message.connect(on_message)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
