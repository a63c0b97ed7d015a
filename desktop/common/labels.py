"""How values read in the app: attitudes, cadences, dates, durations."""

from __future__ import annotations

import datetime as dt
from functools import cache

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from graph.labels import ATTITUDE_LABELS, short_amount

SENTIMENTS = {-2: "Very negative", -1: "Negative", 0: "Neutral", 1: "Positive", 2: "Very positive"}


def signed(value: int) -> str:
    """+2, 0, −1 (with a real minus sign)."""
    if value > 0:
        return f"+{value}"
    return f"\u2212{-value}" if value < 0 else "0"


def attitude(value: int) -> str:
    return f"{signed(value)}  {ATTITUDE_LABELS.get(value, '')}".rstrip()


def sentiment(value: int) -> str:
    return SENTIMENTS.get(value, signed(value))


def day(value: dt.date | None, empty: str = "") -> str:
    """12 Mar 2026."""
    return f"{value.day} {value:%b %Y}" if value else empty


def when(value: dt.datetime) -> str:
    """12 Mar 2026, 14:30."""
    return f"{day(value.date())}, {value:%H:%M}"


def ago(days: int | None) -> str:
    if days is None:
        return "never"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return f"in {-days} days"
    return f"{days} days ago"


def minutes(value: int) -> str:
    if value < 60:
        return f"{value} min"
    hours, rest = divmod(value, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def money(value: float, currency: str) -> str:
    """EUR 1.2M."""
    return f"{currency} {short_amount(value)}"


@cache
def _dot(rgb: int, diameter: int) -> QIcon:
    pixmap = QPixmap(QSize(diameter, diameter) * 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor.fromRgb(rgb))
    painter.drawEllipse(2, 2, diameter * 2 - 4, diameter * 2 - 4)
    painter.end()
    pixmap.setDevicePixelRatio(2.0)
    return QIcon(pixmap)


def dot(colour: QColor, diameter: int = 10) -> QIcon:
    """A filled circle, for status columns (drawn at 2x so it stays round on HiDPI)."""
    return _dot(colour.rgb(), diameter)
