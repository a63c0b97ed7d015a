"""The map's "changes since" mode: the toolbar's Changes toggle and date, the tags on the cards
of people who joined, left or changed, the links added (highlighted), a line saying what
changed and the legend's entry for the marks. Each change reads in full (field, old → new,
who, when) in the side list (``change_list``) and in its card's tooltip. The facts come from
``change_marks`` (Qt-free)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, Signal

from desktop.map.change_list import ChangeList
from desktop.map.change_marks import ChangeMarks, change_marks, default_since

if TYPE_CHECKING:
    from desktop.map.map_widget import MapWidget


class ChangesMode(QObject):
    shown = Signal(object)  # ChangeMarks, or None when the mode ends

    def __init__(self, widget: MapWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self.marks: ChangeMarks | None = None
        self._since: dict[int, dt.date] = {}  # the day chosen per account, this session
        tb = widget.toolbar
        tb.changes.toggled.connect(self._toggled)
        tb.since.dateChanged.connect(self._date_chosen)
        self.panel = ChangeList()
        self.panel.hide()
        widget.splitter.addWidget(self.panel)
        self._sized = False
        self.panel.cardChosen.connect(self._choose)
        self.panel.closed.connect(lambda: tb.changes.setChecked(False))
        widget.scene.chosenChanged.connect(self._picked)

    @property
    def on(self) -> bool:
        return self.widget.toolbar.changes.isChecked()

    def since(self) -> dt.date | None:
        account_id = self.widget.account_id
        if account_id is None:
            return None
        if account_id not in self._since:
            ws = self.widget.ws
            self._since[account_id] = default_since(ws, account_id, ws.today())
        return self._since[account_id]

    def show_since(self, day: dt.date) -> ChangeMarks | None:
        """Mark what changed after ``day`` (and switch the mode on)."""
        if self.widget.account_id is not None:
            self._since[self.widget.account_id] = day
        tb = self.widget.toolbar
        if not tb.changes.isChecked():
            tb.changes.setChecked(True)  # refreshes through _toggled
        else:
            self.refresh()
        return self.marks

    def _toggled(self, on: bool) -> None:
        if on:
            self.refresh()
        else:
            self.clear()

    def _date_chosen(self, date: QDate) -> None:
        account_id = self.widget.account_id
        if account_id is None or not self.on:
            return
        day = date.toPython()
        assert isinstance(day, dt.date)
        if self._since.get(account_id) != day:
            self._since[account_id] = day
            self.refresh()

    def refresh(self) -> None:
        """Mark again (another account, an edit, another day), when the mode is on."""
        from desktop.map.change_badges import describe  # the marks' drawing: when first shown

        w = self.widget
        day = self.since()
        if not self.on or day is None or w.account_id is None:
            self.clear()
            return
        w.clear_departure()
        tb = w.toolbar
        tb.since.blockSignals(True)
        tb.since.setDate(QDate(day.year, day.month, day.day))
        tb.since.blockSignals(False)
        marks = change_marks(w.ws, w.account_id, day, w.ws.today())
        self.marks = marks
        w.scene.set_change_marks(marks.people)
        for key, lines in marks.details.items():
            if key in w.scene.cards:
                describe(w.scene.cards[key], lines)
        w.scene.set_highlight(set(marks.people), set(marks.links), dim_others=False)
        self.panel.show_marks(marks)
        self._show_panel()
        self._picked()
        w.legend.set_changes(f"since {day:%d %b %Y}")
        w._place_legend()
        w.statusMessage.emit(marks.summary())
        self.shown.emit(marks)

    def clear(self) -> None:
        w = self.widget
        had = self.marks is not None
        self.marks = None
        w.scene.set_change_marks({})
        if had:
            w.scene.set_highlight(set(), set())
        w.legend.set_changes("")
        w._place_legend()
        self.panel.hide()
        if had:
            self.shown.emit(None)

    def _show_panel(self) -> None:
        if not self.panel.isHidden():
            return
        self.panel.show()
        if not self._sized:  # a narrow column first; the user's width after that
            self._sized = True
            splitter = self.widget.splitter
            sizes = splitter.sizes()
            at = splitter.indexOf(self.panel)
            total = sum(sizes)
            want = min(280, max(200, total // 4))
            sizes[at] = want
            sizes[0] = max(0, sizes[0] - want)
            splitter.setSizes(sizes)

    def _choose(self, key: str) -> None:
        """A change clicked in the list: its person selected and in view."""
        self.widget.show_risk([key])

    def _picked(self) -> None:
        if not self.panel.isHidden():
            self.panel.pick(set(self.widget.scene.selected_keys()))
