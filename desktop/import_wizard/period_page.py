"""Step 3 for calendars: the period whose meetings are imported (``plan_calendar``'s
``since``/``until``; by default the last 18 months up to today)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop.import_wizard import hints
from desktop.import_wizard.context import ImportContext
from graph.imports.calendar import DEFAULT_MONTHS, default_window

PRESETS = (("Last 3 months", 3), ("Last 12 months", 12), (f"Last {DEFAULT_MONTHS} months", 18))


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class PeriodPage(QWizardPage):
    def __init__(self, context: ImportContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setTitle("Choose the period")
        self.since = self._date_edit()
        self.until = self._date_edit()
        dates = QHBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.until)
        dates.addStretch(1)
        presets = QHBoxLayout()
        for text, months in PRESETS:
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, m=months: self.use_last(m))
            presets.addWidget(button)
        presets.addStretch(1)
        form = QFormLayout()
        form.addRow("&Meetings from:", dates)
        form.addRow("", presets)
        self.problem = hints.error()
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(
            hints.hint(
                "Both days are included. Cancelled meetings and meetings with nobody from "
                "the account are skipped; meetings imported before are updated, never doubled."
            )
        )
        self.since.dateChanged.connect(self._changed)
        self.until.dateChanged.connect(self._changed)

    @staticmethod
    def _date_edit() -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        return edit

    def initializePage(self) -> None:
        request = self._context.request
        self.setSubTitle(f"Which meetings of {request.file_name} to import.")
        if request.since is None or request.until is None:
            self.use_last(DEFAULT_MONTHS)
        self._changed()

    def use_last(self, months: int) -> None:
        first, last = default_window(self._context.ws.today(), months)
        self.since.setDate(_qdate(first))
        self.until.setDate(_qdate(last))

    def _changed(self) -> None:
        request = self._context.request
        request.since = _date(self.since.date())
        request.until = _date(self.until.date())
        wrong = request.since > request.until
        self.problem.setText("The period starts after it ends." if wrong else "")
        self.problem.setVisible(wrong)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        request = self._context.request
        return (
            request.since is not None
            and request.until is not None
            and (request.since <= request.until)
        )
