"""Step 2: the account the file goes into (the one on show, unless the user picks another)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)
from sqlalchemy import func, select

from desktop.import_wizard import hints
from desktop.import_wizard.context import ImportContext
from desktop.import_wizard.request import plural
from graph import schema as s

_WHERE_TO = {
    "contacts": "The people in the file are added to this account, or update the ones it has. "
    "Rows naming another company are skipped.",
    "vcards": "The people in the file are added to this account, or update the ones it has. "
    "Cards of another company are skipped.",
    "calendar": "Meetings with at least one person of this account (matched by email) become "
    "its interactions; the others are skipped.",
    "usage": "The figures become this account's usage metrics.",
    "attendance": "The meeting becomes one interaction of this account with the people who "
    "attended (matched by email, then name) and the time each spent.",
    "mail": "Each message between your team and this account's people becomes an email "
    "interaction (from its headers only). Unknown addresses at the account's domain are listed.",
}


class AccountPage(QWizardPage):
    def __init__(self, context: ImportContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setTitle("Choose the account")
        self.account = QComboBox()
        self.account.setMinimumContentsLength(24)
        self.about = hints.hint()
        self.explain = hints.hint()
        self.problem = hints.error()
        self.problem.hide()
        self.company = QLineEdit()
        self.company.setPlaceholderText("all, or the one named like the account")
        self.company.setToolTip("Import only the contacts of this company")
        self.skip_bad = QCheckBox("S&kip rows or cards with a bad value (each one is listed)")
        form = QFormLayout()
        form.addRow("&Account:", self.account)
        form.addRow("", self.about)
        form.addRow("&Company:", self.company)
        form.addRow("", self.skip_bad)
        self._form = form
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.explain)
        self.account.currentIndexChanged.connect(self._chosen)
        self.company.textChanged.connect(self._options)
        self.skip_bad.toggled.connect(self._options)

    def _options(self) -> None:
        request = self._context.request
        request.company = self.company.text().strip() or None
        request.skip_bad = self.skip_bad.isChecked()

    def initializePage(self) -> None:
        request = self._context.request
        self.setSubTitle(f"Where the content of {request.file_name} belongs.")
        accounts = self._context.ws.accounts(include_archived=True)
        self.account.blockSignals(True)
        self.account.clear()
        for account in accounts:
            label = f"{account.name} (archived)" if account.archived else account.name
            self.account.addItem(label, account.id)
        index = self.account.findData(request.account_id)
        if index < 0 and accounts:
            active = [i for i, a in enumerate(accounts) if not a.archived]
            index = active[0] if active else 0
        self.account.setCurrentIndex(index)
        self.account.blockSignals(False)
        self.problem.setText(
            "" if accounts else "This workspace has no account yet: add one, then import."
        )
        self.problem.setVisible(not accounts)
        self.explain.setText(_WHERE_TO.get(request.kind or "", ""))
        people_file = request.kind in ("contacts", "vcards")
        self._form.setRowVisible(self.company, people_file)
        self._form.setRowVisible(
            self.skip_bad, people_file or request.kind in ("usage", "attendance")
        )
        self._chosen(index)

    def _chosen(self, index: int) -> None:
        account_id = self.account.itemData(index) if index >= 0 else None
        self._context.request.account_id = account_id
        self.about.setText(self._describe(account_id) if account_id is not None else "")
        self.completeChanged.emit()

    def _describe(self, account_id: int) -> str:
        """'12 people, 40 interactions so far' (two counting queries, fast on any size)."""
        with self._context.ws.reader.connect() as conn:
            people = conn.scalar(
                select(func.count()).select_from(s.Person).where(s.Person.account_id == account_id)
            )
            meetings = conn.scalar(
                select(func.count())
                .select_from(s.Interaction)
                .where(s.Interaction.account_id == account_id)
            )
        people_text = plural(people or 0, "contacts")
        return f"{people_text} and {meetings or 0:,} interactions so far."

    def isComplete(self) -> bool:
        return self._context.request.account_id is not None
