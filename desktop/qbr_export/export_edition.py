"""The edition question of File > Export QBR: customer or internal, names or roles.

Asked for the workbook and the deck alike, after the file is chosen. The customer edition is
the default for a deck (slides are what is handed over); the internal edition for a workbook
(the team's own data), as on the command line. The choice reaches both files through
``reports.edition.Sharing`` and is printed on every page and slide.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reports.edition import Edition, Sharing

CUSTOMER_NOTE = (
    "Safe to hand over. People appear by name and job title; no attitudes, deal roles, "
    "coverage gaps, risk register or internal notes. Text that uses the team's own words "
    "is withheld, and listed when the export is done."
)
INTERNAL_NOTE = "For the account team only: attitudes, deal roles, coverage and the risk register."


def default_edition(target: Path) -> Edition:
    """Customer for a deck, internal for a workbook."""
    return Edition.CUSTOMER if target.suffix.lower() == ".pptx" else Edition.INTERNAL


class EditionDialog(QDialog):
    """Which edition of the QBR to write to ``target``; ``sharing()`` once accepted."""

    def __init__(self, target: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        what = "deck" if target.suffix.lower() == ".pptx" else "workbook"
        self.setWindowTitle("Export QBR: edition")
        self.setMinimumWidth(480)
        intro = QLabel(f"Which edition of the QBR {what} “{target.name}”?")
        intro.setWordWrap(True)
        self.customer = QRadioButton("Customer edition")
        self.internal = QRadioButton("Internal edition")
        group = QButtonGroup(self)
        group.addButton(self.customer)
        group.addButton(self.internal)
        chosen = self.customer if default_edition(target) is Edition.CUSTOMER else self.internal
        chosen.setChecked(True)
        self.anonymize = QCheckBox("Replace people's names by their roles")
        self.anonymize.setToolTip("For sharing outside the account team: “Head of Finance”")
        footnote = QLabel("The edition is printed on every page of the workbook and every slide.")
        footnote.setWordWrap(True)
        footnote.setEnabled(False)  # the muted colour of the platform's secondary text
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(intro)
        for button, note in ((self.customer, CUSTOMER_NOTE), (self.internal, INTERNAL_NOTE)):
            layout.addSpacing(4)
            layout.addWidget(button)
            label = QLabel(note)
            label.setWordWrap(True)
            label.setIndent(24)
            label.setBuddy(button)
            layout.addWidget(label)
        layout.addSpacing(8)
        layout.addWidget(self.anonymize)
        layout.addWidget(footnote)
        layout.addStretch(1)  # any spare height below the choices, not between them
        layout.addWidget(self.buttons)
        self.export_button.setDefault(True)

    def sharing(self) -> Sharing:
        edition = Edition.CUSTOMER if self.customer.isChecked() else Edition.INTERNAL
        return Sharing(edition, self.anonymize.isChecked())
