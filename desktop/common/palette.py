"""Colours the views share (health, cadence, attitude), in a light and a dark variant.

The app follows the system colour scheme: Qt switches the widget palette itself, and views
ask ``colours()`` when they paint, so a scheme change needs only a repaint.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from graph.cadence import CadenceStatus
from graph.vocabulary import Health


@dataclass(frozen=True)
class Colours:
    green: QColor
    amber: QColor
    red: QColor
    neutral: QColor
    error_text: QColor
    badge_text: QColor

    def health(self, health: Health | None) -> QColor:
        if health is None or health is Health.NOT_ENOUGH_DATA:
            return self.neutral
        return {Health.GREEN: self.green, Health.AMBER: self.amber, Health.RED: self.red}[health]

    def cadence(self, status: CadenceStatus | None) -> QColor:
        if status is None or status is CadenceStatus.NEW:
            return self.neutral
        return {
            CadenceStatus.OK: self.green,
            CadenceStatus.DUE: self.amber,
            CadenceStatus.OVERDUE: self.red,
        }[status]

    def attitude(self, attitude: int) -> QColor:
        if attitude > 0:
            return self.green
        if attitude < 0:
            return self.red
        return self.neutral


LIGHT = Colours(
    green=QColor("#2e8540"),
    amber=QColor("#c77c02"),
    red=QColor("#c62828"),
    neutral=QColor("#8a8f98"),
    error_text=QColor("#b3261e"),
    badge_text=QColor("#ffffff"),
)

DARK = Colours(
    green=QColor("#5cc279"),
    amber=QColor("#f0b042"),
    red=QColor("#f26b6b"),
    neutral=QColor("#9aa0aa"),
    error_text=QColor("#ff8a80"),
    badge_text=QColor("#1b1b1f"),
)


def is_dark() -> bool:
    """True when the app shows a dark palette (the system scheme, or a dark theme)."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def colours() -> Colours:
    return DARK if is_dark() else LIGHT


def secondary_text(palette: QPalette) -> QColor:
    """A softer text colour for second lines and hints, readable on either scheme."""
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    return QColor(
        (text.red() * 3 + base.red() * 2) // 5,
        (text.green() * 3 + base.green() * 2) // 5,
        (text.blue() * 3 + base.blue() * 2) // 5,
    )
