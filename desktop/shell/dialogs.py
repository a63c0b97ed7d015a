"""The app's own dialogs: a new account's details, and About."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.common.icons import app_icon
from desktop.common.palette import colours
from graph.vocabulary import Phase


class NewAccountDialog(QDialog):
    """Name (required), industry, ARR, renewal date and phase of a new account."""

    def __init__(self, parent: QWidget | None = None, taken: set[str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New account")
        self._taken = {n.casefold() for n in taken or set()}
        self.name = QLineEdit(placeholderText="Customer name")
        self.industry = QLineEdit(placeholderText="e.g. Retail, Banking")
        self.arr = QDoubleSpinBox(decimals=0, maximum=1e12, singleStep=10000)
        self.arr.setGroupSeparatorShown(True)
        self.currency = QLineEdit("USD", maxLength=3)
        self.currency.setFixedWidth(self.currency.fontMetrics().horizontalAdvance("WWWW") + 12)
        self.has_renewal = QCheckBox("Renews on")
        self.renewal = QDateEdit(QDate.currentDate().addYears(1))
        self.renewal.setCalendarPopup(True)
        self.renewal.setDisplayFormat("d MMM yyyy")
        self.renewal.setEnabled(False)
        self.has_renewal.toggled.connect(self.renewal.setEnabled)
        self.phase = QComboBox()
        for phase in Phase:
            self.phase.addItem(phase.label, phase)
        self.phase.setCurrentIndex(self.phase.findData(Phase.ONBOARDING))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {colours().error_text.name()};")

        arr = QHBoxLayout()
        arr.addWidget(self.arr, 1)
        arr.addWidget(self.currency)
        renewal = QHBoxLayout()
        renewal.addWidget(self.has_renewal)
        renewal.addWidget(self.renewal, 1)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Industry:", self.industry)
        arr_label = QLabel("&ARR:")
        arr_label.setBuddy(self.arr)
        form.addRow(arr_label, arr)
        form.addRow("Renewal:", renewal)
        form.addRow("&Phase:", self.phase)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add account")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(380)

    def _check(self) -> None:
        name = self.name.text().strip()
        taken = name.casefold() in self._taken
        self.problem.setText(f"An account named {name!r} already exists." if taken else "")
        self.problem.setVisible(taken)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(name) and not taken)

    def values(self) -> dict[str, Any]:
        renewal = self.renewal.date().toPython() if self.has_renewal.isChecked() else None
        assert renewal is None or isinstance(renewal, dt.date)
        return {
            "name": self.name.text().strip(),
            "industry": self.industry.text().strip(),
            "arr": self.arr.value(),
            "currency": (self.currency.text().strip() or "USD").upper(),
            "renewal_date": renewal,
            "phase": Phase(self.phase.currentData()),
        }


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = f"Version {version('rapport')}"
        except PackageNotFoundError:
            number = "Development version (not installed)"
        self.setWindowTitle("About Rapport")
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        text = QLabel(
            f"<h2>Rapport</h2><p>{number}</p>"
            "<p>Stakeholder maps and QBR preparation for account teams: "
            "who you know at each customer, who is overdue for a call, and what to show at "
            "the next business review.</p>"
            "<p>Local-first: your whole portfolio is one file, saved at every edit.</p>"
            "<p>Open source under the MIT licence.</p>"
        )
        text.setWordWrap(True)
        text.setFixedWidth(340)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        text.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addSpacing(12)
        top.addWidget(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)
