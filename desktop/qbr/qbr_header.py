"""The QBR tab's header: the account and quarter on the left, the quarter to show and
Export QBR… on the right; when that row does not fit, the title above and the controls on a
line of their own, so Export QBR… is always in view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.common.icons import icon
from desktop.common.palette import secondary_text

SPACING = 10


class QbrHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)  # a long account name wraps rather than widen the tab
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setWeight(font.Weight.DemiBold)
        self.heading.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.state = QLabel()
        self.state.hide()
        self.quarter_combo = QComboBox()
        self.quarter_combo.setToolTip("The fiscal quarter this QBR covers")
        self.quarter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.export_button = QPushButton(icon("qbr"), "Export QBR…")
        self.export_button.setToolTip("Write this QBR as an Excel workbook for the customer")

        self.titles = QWidget()
        titles = QVBoxLayout(self.titles)
        titles.setContentsMargins(0, 0, 0, 0)
        titles.setSpacing(0)
        titles.addWidget(self.heading)
        titles.addWidget(self.subtitle)
        self.controls = QWidget()
        controls = QHBoxLayout(self.controls)
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(SPACING)
        controls.addWidget(self.state)
        controls.addWidget(QLabel("Quarter"))
        controls.addWidget(self.quarter_combo)
        controls.addWidget(self.export_button)
        self.rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(SPACING)
        self.rows.addWidget(self.titles, 1)
        self.rows.addWidget(self.controls)
        self._tint()

    @property
    def one_row(self) -> bool:
        return self.rows.direction() == QBoxLayout.Direction.LeftToRight

    def set_titles(self, heading: str, subtitle: str | None = None) -> None:
        self.heading.setText(heading)
        if subtitle is not None:
            self.subtitle.setText(subtitle)
        self.reflow()

    def set_state(self, text: str, tip: str = "") -> None:
        """A short note beside the quarter ("Updating…"); hidden, it takes no room."""
        self.state.setText(text)
        self.state.setToolTip(tip)
        self.state.setVisible(bool(text))
        self.reflow()

    def reflow(self) -> None:
        """One row when the titles and the controls fit side by side, else two."""
        titles = max(
            self.heading.fontMetrics().horizontalAdvance(self.heading.text()),
            self.subtitle.fontMetrics().horizontalAdvance(self.subtitle.text()),
        )
        one_row = titles + SPACING + self.controls.sizeHint().width() <= self.width()
        if one_row == self.one_row:
            return
        self.rows.setDirection(
            QBoxLayout.Direction.LeftToRight if one_row else QBoxLayout.Direction.TopToBottom
        )
        self.rows.setAlignment(
            self.controls, Qt.AlignmentFlag(0) if one_row else Qt.AlignmentFlag.AlignLeft
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reflow()

    def _tint(self) -> None:
        soft = secondary_text(self.palette()).name()
        self.subtitle.setStyleSheet(f"color: {soft};")
        self.state.setStyleSheet(f"color: {soft};")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._tint()
