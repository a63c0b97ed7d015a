"""The QBR's executive summary as the tab shows it: cards with the big numbers, the headline
wins, top risks and asks, and the stakeholder charts. Filled from an assembled ``Qbr``."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.common import labels
from desktop.common.palette import colours, secondary_text
from desktop.qbr.chart_view import ChartView
from desktop.qbr.reflow import columns_that_fit, place_in_grid
from graph.vocabulary import RiskLevel
from reports.model import Qbr

CHARTS = ("engagement-per-level", "attitude-distribution")
SPACING = 10
MARGINS = (2, 2, 8, 8)
# The narrowest a card may get, whatever its text: below it the detail lines wrap word by word.
KEY_MIN = 170
NUMBER_MIN = 130
LIST_MIN = 250  # a headline win or a risk reads in three lines, not eight
CHART_MIN = 480  # two charts side by side only when each stays this wide: their text stays legible
CARD_STYLE = (
    "QFrame#qbr_card { background: palette(base); border: 1px solid palette(midlight);"
    " border-radius: 8px; }"
)


class Card(QFrame):
    """A caption, a big value and a line of detail."""

    def __init__(self, caption: str, big: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qbr_card")
        self.setStyleSheet(CARD_STYLE)
        self.caption = QLabel(caption.upper())
        small = self.caption.font()
        small.setPointSizeF(small.pointSizeF() * 0.82)
        small.setWeight(small.Weight.DemiBold)
        small.setLetterSpacing(small.SpacingType.PercentageSpacing, 106)
        self.caption.setFont(small)
        self.value = QLabel("…")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * (1.9 if big else 1.45))
        font.setWeight(font.Weight.DemiBold)
        self.value.setFont(font)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._tint()

    def set(self, value: str, detail: str = "", colour: str | None = None) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.detail.setToolTip(detail if len(detail) > 60 else "")
        self.value.setStyleSheet(f"color: {colour};" if colour else "")

    def _tint(self) -> None:
        soft = secondary_text(self.palette()).name()
        self.caption.setStyleSheet(f"color: {soft};")
        self.detail.setStyleSheet(f"color: {soft};")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._tint()


class ListCard(Card):
    """A card whose body is a short list (headline wins, top risks, asks)."""

    def __init__(
        self, caption: str, empty: str, bullets: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(caption, parent=parent)
        self.value.hide()
        self.empty = empty
        self.bullets = bullets
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setStyleSheet("")

    def set_items(self, items: Sequence[str]) -> None:
        if not items:
            soft = secondary_text(self.palette()).name()
            self.detail.setText(f"<span style='color:{soft}'>{html.escape(self.empty)}</span>")
            return
        if not self.bullets:
            paragraphs = (f"<p style='margin:0 0 5px 0'>{item}</p>" for item in items)
            self.detail.setText("".join(paragraphs))
            return
        rows = "".join(f"<li style='margin-bottom:4px'>{item}</li>" for item in items)
        self.detail.setText(f"<ul style='margin-left:-24px'>{rows}</ul>")

    def _tint(self) -> None:
        soft = secondary_text(self.palette()).name()
        self.caption.setStyleSheet(f"color: {soft};")


class SummaryPage(QScrollArea):
    """The summary reflows to its width: the four key cards in 4, 2 or 1 columns and the six
    numbers in 6, 3, 2 or 1, never narrower than their text needs; the three lists side by side
    or stacked; the two charts side by side or one under the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.health = Card("Health")
        self.arr = Card("ARR")
        self.renewal = Card("Renewal")
        self.fit = Card("Roadmap fit")
        self.engaged = Card("People engaged", big=False)
        self.wins = Card("Wins", big=False)
        self.usage = Card("Usage", big=False)
        self.support = Card("Open Sev1/Sev2", big=False)
        self.resolve = Card("Time to resolve", big=False)
        self.goals = Card("Goals on track", big=False)
        self.headline_wins = ListCard("Headline wins", "No wins recorded this quarter yet.")
        self.top_risks = ListCard("Top risks", "No open risks.", bullets=False)
        self.asks = ListCard("Our asks", "Nothing to ask this quarter.")
        self.charts = {name: ChartView(name) for name in CHARTS}
        self.key_cards = (self.health, self.arr, self.renewal, self.fit)
        self.number_cards = (
            self.engaged, self.wins, self.usage, self.support, self.resolve, self.goals
        )  # fmt: skip
        self.list_cards = (self.headline_wins, self.top_risks, self.asks)

        body = QWidget()
        self._keys = _grid()
        self._numbers = _grid()
        self._lists = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._lists.setSpacing(SPACING)
        for card in self.list_cards:
            self._lists.addWidget(card, 1)
        self._charts = _grid()
        self.columns: dict[str, int] = {}  # how many columns each group has now
        layout = QVBoxLayout(body)
        layout.setContentsMargins(*MARGINS)
        layout.setSpacing(SPACING)
        layout.addLayout(self._keys)
        layout.addLayout(self._numbers)
        layout.addLayout(self._lists)
        layout.addLayout(self._charts)
        layout.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._arrange()

    def room(self) -> int:
        """The width the cards share. The vertical scroll bar's width is always kept aside, so
        the layout does not flip when it comes and goes."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return max(0, self.width() - bar - MARGINS[0] - MARGINS[2])

    def _arrange(self) -> None:
        room = self.room()
        keys = columns_that_fit(room, _need(self.key_cards, KEY_MIN), SPACING, (4, 2, 1))
        numbers = columns_that_fit(
            room, _need(self.number_cards, NUMBER_MIN), SPACING, (6, 3, 2, 1)
        )
        lists = columns_that_fit(room, LIST_MIN, SPACING, (3, 1))
        charts = columns_that_fit(room, CHART_MIN, SPACING, (2, 1))
        wanted = {"keys": keys, "numbers": numbers, "lists": lists, "charts": charts}
        if wanted == self.columns:
            return
        self.columns = wanted
        _fill(self._keys, self.key_cards, keys)
        _fill(self._numbers, self.number_cards, numbers)
        _fill(self._charts, tuple(self.charts.values()), charts)
        self._lists.setDirection(
            QBoxLayout.Direction.LeftToRight if lists > 1 else QBoxLayout.Direction.TopToBottom
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def set_qbr(self, qbr: Qbr) -> None:
        summary, account, numbers = qbr.summary, qbr.account, qbr.summary.numbers
        health = summary.health
        palette = colours()
        colour = palette.health(health.health).name()
        how = "set by hand" if health.overridden else (
            f"score {health.score}/100" if health.score is not None else "computed"
        )  # fmt: skip
        reason = health.reasons[0] if health.reasons else ""
        self.health.set(health.health.label, f"{how}. {reason}".strip(), colour)
        self.health.setToolTip("\n".join(health.reasons))
        self.arr.set(labels.money(account.arr, account.currency), account.phase.label)
        if account.renewal_date is None:
            self.renewal.set("Not set", "Set the renewal date on the account")
        else:
            days = account.days_to_renewal or 0
            when = f"in {days} days" if days >= 0 else f"{-days} days ago"
            near = days <= 90
            self.renewal.set(
                labels.day(account.renewal_date), when, palette.amber.name() if near else None
            )
        if numbers.fit_score is None:
            self.fit.set("—", "No customer requests yet")
        else:
            shipped = qbr.roadmap.by_status[0].requests
            self.fit.set(
                f"{numbers.fit_score:.0f}/100",
                f"{len(qbr.roadmap.requests)} requests, {shipped} shipped",
            )
        self.engaged.set(
            str(numbers.people_engaged),
            f"{numbers.executives_engaged} executive"
            + ("s" if numbers.executives_engaged != 1 else ""),
            palette.red.name() if numbers.executives_engaged == 0 else None,
        )
        impact, unit = qbr.wins.by_quarter[-1].impact, qbr.wins.impact_unit
        same_unit = all(w.impact_unit == unit for w in qbr.wins.this_quarter)
        detail = _amount(impact, unit) if unit and impact and same_unit else "this quarter"
        self.wins.set(str(numbers.wins), detail)
        if numbers.headline_delta_pct is None:
            self.usage.set("—", numbers.headline_metric or "No usage measured")
        else:
            delta = numbers.headline_delta_pct
            self.usage.set(
                f"{delta:+.0%}",
                numbers.headline_metric,
                palette.green.name() if delta >= 0 else palette.red.name(),
            )
        self.support.set(
            str(numbers.open_sev1_sev2),
            "open at quarter end",
            palette.red.name() if numbers.open_sev1_sev2 else None,
        )
        mean = numbers.mean_days_to_resolve
        self.resolve.set("—" if mean is None else f"{mean:.1f} d", "mean, tickets resolved")
        self.goals.set(
            f"{numbers.goals_on_track}/{numbers.goals_total}" if numbers.goals_total else "—",
            "on track or done" if numbers.goals_total else "No success plan yet",
        )
        self.headline_wins.set_items([_win(w.title, w.impact_value, w.impact_unit, w.champion)
                                      for w in summary.headline_wins])  # fmt: skip
        self.top_risks.set_items([_risk(r.title, r.level, r.owner) for r in summary.top_risks])
        self.asks.set_items([html.escape(ask) for ask in summary.asks])
        self._arrange()  # new values may need wider cards


def _win(title: str, value: float | None, unit: str, champion: str) -> str:
    text = f"<b>{html.escape(title)}</b>"
    if value is not None:
        text += f" — {_amount(value, unit)}"
    if champion:
        text += f" <i>({html.escape(champion)})</i>"
    return text


def _amount(value: float, unit: str) -> str:
    """40 hours saved, 38% faster logins, 1,200 EUR."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    if unit.startswith("%"):
        return html.escape(f"{number}{unit}")
    return html.escape(f"{number} {unit}".rstrip())


def _risk(title: str, level: RiskLevel, owner: str) -> str:
    palette = colours()
    colour = {RiskLevel.HIGH: palette.red, RiskLevel.MEDIUM: palette.amber}.get(
        level, palette.neutral
    )
    who = f" — {html.escape(owner)}" if owner else " — <i>no owner</i>"
    return (
        f"<span style='color:{colour.name()}'>●</span> <b>{html.escape(title)}</b> "
        f"({level.label.lower()}){who}"
    )


def _grid() -> QGridLayout:
    grid = QGridLayout()
    grid.setSpacing(SPACING)
    return grid


def _need(cards: Sequence[QWidget], floor: int) -> int:
    """The width every card of a row needs to show its caption and value whole."""
    return max(floor, *(card.minimumSizeHint().width() for card in cards))


def _fill(grid: QGridLayout, widgets: Sequence[QWidget], columns: int) -> None:
    """Lay ``widgets`` out row by row, ``columns`` to a row, the columns sharing the width."""
    for widget in widgets:
        grid.removeWidget(widget)
    for widget, (row, column) in zip(widgets, place_in_grid(len(widgets), columns), strict=True):
        grid.addWidget(widget, row, column)
    for column in range(max(grid.columnCount(), len(widgets))):
        grid.setColumnStretch(column, 1 if column < columns else 0)
