"""The quick "log an interaction" form: when, what kind, who on both sides, and a summary."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import labels
from desktop.edits import LogInteraction, message_of
from desktop.interactions_model import to_utc
from desktop.palette import colours
from desktop.session import WorkspaceSession
from graph.errors import RapportError
from graph.vocabulary import InteractionKind

ID_ROLE = Qt.ItemDataRole.UserRole + 1


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
    """``logged`` carries a status line after an interaction was logged."""

    logged = Signal(str)

    def __init__(self, session: WorkspaceSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._account_id: int | None = None

        heading = QLabel("Log an interaction")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setWeight(font.Weight.DemiBold)
        heading.setFont(font)

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
        QShortcut(QKeySequence("Ctrl+Return"), self, self.log)

        row = QHBoxLayout()
        row.addWidget(self.kind, 1)
        row.addWidget(self.duration)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&When:", self.when)
        form.addRow(_label("&Kind:", self.kind), row)
        form.addRow("S&entiment:", self.sentiment)
        people = QVBoxLayout()
        people.setSpacing(4)
        people.addWidget(self.people_filter)
        people.addWidget(self.people, 2)
        form.addRow(_label("&Customer:", self.people_filter), people)
        form.addRow("Our &team:", self.team)
        form.addRow("&Summary:", self.summary)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(heading)
        layout.addLayout(form, 1)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit)
        layout.addLayout(buttons)
        self.reset()

    # --- content ------------------------------------------------------------------------------

    def set_account(self, account_id: int | None) -> None:
        self._account_id = account_id
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
            if not m.active and m.id not in on_account:
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
        self.error.hide()

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

    def _fail(self, message: str) -> None:
        self.error.setStyleSheet(f"color: {colours().error_text.name()};")
        self.error.setText(message)
        self.error.show()

    def log(self) -> None:
        if self._account_id is None:
            return
        people, team = _checked(self.people), _checked(self.team)
        if not people:
            self._fail("Tick at least one person from the customer's side.")
            return
        when = self.when.dateTime().toPython()
        assert isinstance(when, dt.datetime)
        kind = InteractionKind(self.kind.currentData())  # combos hand StrEnums back as str
        command = LogInteraction(
            self._session.ws,
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
            self._session.push(command)
        except RapportError as exc:
            self._fail(message_of(exc))
            return
        names = [self.people.item(i).text().split("  ·  ")[0] for i in range(self.people.count())
                 if self.people.item(i).data(ID_ROLE) in people]  # fmt: skip
        self.reset()
        self.logged.emit(f"Logged {kind.label.lower()} with {', '.join(names)}")
