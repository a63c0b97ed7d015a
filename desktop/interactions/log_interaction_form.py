"""The quick "log an interaction" form: when, what kind, who on both sides, and a summary.

The same form edits a logged interaction (``edit``): prefilled, "Save changes" applies the
field and attendee changes as one undo step, Cancel (or Esc) leaves everything as it was.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.common import labels
from desktop.common.palette import colours, secondary_text
from desktop.interactions.interactions_model import to_local, to_utc
from desktop.workspace.edits import edit_interaction, message_of
from desktop.workspace.operations import undo_hint
from desktop.workspace.session import WorkspaceSession
from graph import schema as s
from graph.errors import NotFoundError, RapportError, ValidationError
from graph.operations import bind, log_interaction
from graph.vocabulary import InteractionKind

ID_ROLE = Qt.ItemDataRole.UserRole + 1
LOG_TITLE = "Log an interaction"
EDIT_TITLE = "Edit interaction"


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class CheckList(QListWidget):
    """A list of checkable names where a click anywhere on a row toggles it."""

    def __init__(self, tooltip: str) -> None:
        super().__init__()
        self.setUniformItemSizes(True)
        self.setSpacing(1)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setToolTip(tooltip)
        self.setMinimumHeight(90)
        self._toggled: QListWidgetItem | None = None
        self.itemChanged.connect(self._remember)
        self.itemClicked.connect(self._toggle)

    def _remember(self, item: QListWidgetItem) -> None:
        self._toggled = item

    def _toggle(self, item: QListWidgetItem) -> None:
        # A click on the box itself already toggled it (itemChanged came first).
        if self._toggled is not item:
            item.setCheckState(_tick(item.checkState() != Qt.CheckState.Checked))
        self._toggled = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._toggled = None
        super().mousePressEvent(event)


def _tick(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked


def _checked(checklist: QListWidget) -> list[int]:
    return [
        checklist.item(i).data(ID_ROLE)
        for i in range(checklist.count())
        if checklist.item(i).checkState() == Qt.CheckState.Checked
    ]


class LogInteractionForm(QWidget):
    """``logged`` carries a status line after an interaction was logged or changed."""

    logged = Signal(str)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._account_id: int | None = None
        self.editing: int | None = None  # the interaction being edited, if any
        self._keep_team: set[int] = set()  # its attendees, offered even if inactive

        self.heading = heading = QLabel(LOG_TITLE)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setWeight(font.Weight.DemiBold)
        heading.setFont(font)
        self.subheading = QLabel()
        self.subheading.setWordWrap(True)
        palette = self.subheading.palette()
        palette.setColor(self.subheading.foregroundRole(), secondary_text(palette))
        self.subheading.setPalette(palette)
        self.subheading.hide()

        self.when = QDateTimeEdit(calendarPopup=True)
        self.when.setDisplayFormat("d MMM yyyy  HH:mm")
        self.kind = QComboBox()
        for kind in InteractionKind:
            self.kind.addItem(kind.label, kind)
        self.duration = QSpinBox(suffix=" min", singleStep=15)
        self.duration.setRange(0, 24 * 60)
        self.duration.setValue(30)
        self.sentiment = QComboBox()
        for value in sorted(labels.SENTIMENTS, reverse=True):
            self.sentiment.addItem(labels.sentiment(value), value)
        self.sentiment.setCurrentIndex(self.sentiment.findData(0))
        self.people_filter = QLineEdit(placeholderText="Filter people")
        self.people_filter.setClearButtonEnabled(True)
        self.people_filter.textChanged.connect(self._filter_people)
        self.people = CheckList("Who took part on the customer's side")
        self.team = CheckList("Who took part on our side")
        self.summary = QPlainTextEdit(placeholderText="What was discussed, decided, promised")
        self.summary.setTabChangesFocus(True)
        self.summary.setMinimumHeight(70)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        self.submit = QPushButton("Log interaction")
        self.submit.setToolTip("Log it (Ctrl+Enter)")
        self.submit.setDefault(True)
        self.submit.clicked.connect(self.log)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Leave the interaction as it was (Esc)")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        QShortcut(QKeySequence("Ctrl+Return"), self, self.log)
        QShortcut(
            QKeySequence("Escape"),
            self,
            self.cancel,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

        # A refused value shows its message under the field it names.
        self.field_errors: dict[str, QLabel] = {}
        row = QHBoxLayout()
        row.addWidget(self.kind, 1)
        row.addWidget(self.duration)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_label("&When:", self.when), self._with_error(self.when, "occurred_at"))
        form.addRow(_label("&Kind:", self.kind), self._with_error(row, "kind", "duration_minutes"))
        form.addRow(
            _label("S&entiment:", self.sentiment), self._with_error(self.sentiment, "sentiment")
        )
        people = QVBoxLayout()
        people.setSpacing(4)
        people.addWidget(self.people_filter)
        people.addWidget(self.people, 2)
        form.addRow(_label("&Customer:", self.people_filter), self._with_error(people, "people"))
        form.addRow(_label("Our &team:", self.team), self._with_error(self.team, "team"))
        form.addRow(_label("&Summary:", self.summary), self._with_error(self.summary, "summary"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(heading)
        layout.addWidget(self.subheading)
        layout.addLayout(form, 1)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.submit)
        layout.addLayout(buttons)
        self.reset()

    def _with_error(self, field: QWidget | QLayout, *names: str) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(2)
        if isinstance(field, QWidget):
            box.addWidget(field)
        else:
            box.addLayout(field)
        message = QLabel()
        message.setWordWrap(True)
        message.setObjectName(f"error_{names[0]}")
        message.hide()
        box.addWidget(message)
        for name in names:
            self.field_errors[name] = message
        return box

    # --- content ------------------------------------------------------------------------------

    def set_account(self, account_id: int | None) -> None:
        self._account_id = account_id
        self._leave_edit()
        self.reload_people()
        self.reset()

    def reload_people(self) -> None:
        """Refill both lists, keeping the ticks of people still there."""
        ws = self._session.ws
        ticked_people, ticked_team = set(_checked(self.people)), set(_checked(self.team))
        self.people.clear()
        self.team.clear()
        if self._account_id is None:
            return
        for p in sorted(ws.people(self._account_id), key=lambda p: p.name.casefold()):
            item = QListWidgetItem(f"{p.name}  ·  {p.title}" if p.title else p.name)
            item.setData(ID_ROLE, p.id)
            item.setCheckState(_tick(p.id in ticked_people))
            self.people.addItem(item)
        on_account = {m.id for m in ws.team(self._account_id)}
        members = sorted(ws.team(), key=lambda m: (m.id not in on_account, m.name.casefold()))
        for m in members:
            # Someone who left is offered only on an interaction they attended.
            if not m.active and m.id not in self._keep_team:
                continue
            item = QListWidgetItem(f"{m.name}  ·  {m.role.label}")
            item.setData(ID_ROLE, m.id)
            item.setCheckState(_tick(m.id in ticked_team))
            self.team.addItem(item)
        self._filter_people(self.people_filter.text())

    def reset(self) -> None:
        now = QDateTime.currentDateTime()
        minute = 0 if now.time().minute() < 30 else 30
        self.when.setDateTime(QDateTime(now.date(), QTime(now.time().hour(), minute)))
        self.summary.clear()
        self.people_filter.clear()
        for checklist in (self.people, self.team):
            for i in range(checklist.count()):
                checklist.item(i).setCheckState(Qt.CheckState.Unchecked)
        self._clear_errors()

    def _clear_errors(self) -> None:
        self.error.hide()
        for message in self.field_errors.values():
            message.hide()

    def _filter_people(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.people.count()):
            item = self.people.item(i)
            item.setHidden(not all(w in item.text().casefold() for w in words))

    def check(self, checklist: QListWidget, ids: list[int]) -> None:
        for i in range(checklist.count()):
            item = checklist.item(i)
            if item.data(ID_ROLE) in ids:
                item.setCheckState(Qt.CheckState.Checked)

    # --- logging ------------------------------------------------------------------------------

    def _fail(self, message: str, field: str | None = None) -> None:
        self._clear_errors()
        label = self.field_errors.get(field or "", self.error)
        label.setStyleSheet(f"color: {colours().error_text.name()};")
        label.setText(message)
        label.show()

    def _refused(self, exc: RapportError) -> None:
        field = exc.field if isinstance(exc, ValidationError) else None
        detail = field in self.field_errors
        self._fail(message_of(exc, detail=detail), field)

    def log(self) -> None:
        if self._account_id is None:
            return
        people, team = _checked(self.people), _checked(self.team)
        if not people:
            self._fail("Tick at least one person from the customer's side.", "people")
            return
        if self.editing is not None:
            self._save(people, team)
            return
        when = self.when.dateTime().toPython()
        assert isinstance(when, dt.datetime)
        kind = InteractionKind(self.kind.currentData())  # combos hand StrEnums back as str
        operation = bind(
            log_interaction,
            self._account_id,
            to_utc(when),
            kind=kind,
            duration_minutes=self.duration.value(),
            summary=self.summary.toPlainText().strip(),
            sentiment=self.sentiment.currentData(),
            people=people,
            team=team,
        )
        try:
            self._session.run(operation)
        except RapportError as exc:
            self._refused(exc)
            return
        names = [self.people.item(i).text().split("  ·  ")[0] for i in range(self.people.count())
                 if self.people.item(i).data(ID_ROLE) in people]  # fmt: skip
        self.reset()
        self.logged.emit(f"Logged {kind.label.lower()} with {', '.join(names)}")

    # --- editing a logged interaction ---------------------------------------------------------

    def _fields(self) -> dict[str, object]:
        when = self.when.dateTime().toPython()
        assert isinstance(when, dt.datetime)
        return {
            "occurred_at": to_utc(when),
            "kind": InteractionKind(self.kind.currentData()),
            "duration_minutes": self.duration.value(),
            "sentiment": self.sentiment.currentData(),
            "summary": self.summary.toPlainText().strip(),
        }

    def edit(self, interaction_id: int) -> None:
        """Fill the form with a logged interaction; saving changes it (one undo step)."""
        ws = self._session.ws
        try:
            interaction = ws.get(s.Interaction, interaction_id)
        except NotFoundError:
            return
        if interaction.account_id != self._account_id:
            self.set_account(interaction.account_id)
        people, team = ws.attendees(interaction_id)
        self.editing = interaction_id
        self._keep_team = set(team)
        self.reload_people()
        self.reset()
        local = to_local(interaction.occurred_at)
        self.when.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        self.kind.setCurrentIndex(self.kind.findData(interaction.kind))
        self.duration.setValue(interaction.duration_minutes)
        self.sentiment.setCurrentIndex(self.sentiment.findData(interaction.sentiment))
        self.summary.setPlainText(interaction.summary)
        self.check(self.people, people)
        self.check(self.team, team)
        for checklist in (self.people, self.team):
            ticked = [checklist.item(i) for i in range(checklist.count())]
            ticked = [i for i in ticked if i.checkState() == Qt.CheckState.Checked]
            if ticked:
                checklist.scrollToItem(ticked[0], QListWidget.ScrollHint.PositionAtTop)
        self.heading.setText(EDIT_TITLE)
        self.subheading.setText(
            f"{interaction.kind.label} of {labels.when(local)}. "
            "Save applies the changes as one step; Esc leaves it as it was."
        )
        self.subheading.show()
        self.submit.setText("Save changes")
        self.submit.setToolTip("Save the changes (Ctrl+Enter)")
        self.cancel_button.show()
        self.when.setFocus(Qt.FocusReason.OtherFocusReason)

    def cancel(self) -> None:
        """Leave the interaction being edited as it is and go back to logging new ones."""
        if self.editing is None:
            return
        self._leave_edit()
        self.reload_people()
        self.reset()

    def _leave_edit(self) -> None:
        self.editing = None
        self._keep_team = set()
        self.heading.setText(LOG_TITLE)
        self.subheading.hide()
        self.submit.setText("Log interaction")
        self.submit.setToolTip("Log it (Ctrl+Enter)")
        self.cancel_button.hide()

    def forget(self, interaction_ids: set[object]) -> None:
        """Interactions were deleted: stop editing if one of them was on the form."""
        if self.editing in interaction_ids:
            self.cancel()
            self.logged.emit("The interaction being edited was deleted")

    def _save(self, people: list[int], team: list[int]) -> None:
        assert self.editing is not None
        try:
            result = self._session.run(edit_interaction(self.editing, self._fields(), people, team))
        except RapportError as exc:
            self._refused(exc)
            return
        self.cancel()
        if not result.changes:
            self.logged.emit("Nothing changed")
        else:
            self.logged.emit(f"Saved changes to the {result.title[5:]} — {undo_hint()}")
