"""The QBR tab, until QBR preparation lands: says so plainly, and what it will hold."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.icons import icon
from desktop.palette import secondary_text

COMING = (
    "Executive summary: health, ARR, renewal, headline wins, top risks and asks",
    "Stakeholders engaged this quarter, and who joined, left or changed their stance",
    "Wins with their business impact, usage and adoption quarter over quarter",
    "Support tickets and incidents, roadmap fit of the customer's requests",
    "Success plan, risks, action items, and an Excel workbook to send",
)


class QbrPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        picture = QLabel()
        picture.setPixmap(icon("qbr").pixmap(48, 48))
        picture.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        title = QLabel("QBR preparation arrives in a later version")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(font.Weight.DemiBold)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        title.setWordWrap(True)
        self.text = text = QLabel()
        self._fill()
        text.setWordWrap(True)
        text.setMaximumWidth(560)
        text.setMinimumWidth(360)
        column = QWidget()
        column.setMaximumWidth(560)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(picture)
        inner.addSpacing(8)
        inner.addWidget(title)
        inner.addSpacing(8)
        inner.addWidget(text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)

    def _fill(self) -> None:
        soft = secondary_text(self.palette()).name()
        items = "".join(f"<li>{item}</li>" for item in COMING)
        self.text.setText(
            f"<p>This tab will prepare each account's quarterly business review:</p>"
            f"<ul style='margin-left: -20px'>{items}</ul>"
            f"<p style='color:{soft}'>Everything you record today (people, relationships, "
            "interactions) will feed it.</p>"
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "text"):
            self._fill()
