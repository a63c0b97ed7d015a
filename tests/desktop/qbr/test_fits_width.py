"""The QBR tab reads whole at every width from the narrowest the window gives it (about 530
pixels: a 1024 px screen with both docks open) to a wide screen: nothing needs sideways
scrolling, every card shows its whole value, Export QBR… stays in view."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

from desktop.qbr import summary_page, tables
from desktop.qbr.qbr_tab import QbrTab
from desktop.qbr.sections import SectionPage
from desktop.qbr.summary_page import Card, SummaryPage
from graph import schema as s
from graph.workspace import Workspace
from tests.desktop.qbr.account import Northwind

NARROWEST = 530
HEIGHT = 640


def _resize(tab: QbrTab, width: int, height: int = HEIGHT) -> None:
    tab.resize(width, height)
    for _ in range(3):  # layouts that change direction settle in a second pass
        QApplication.processEvents()


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, widget.rect().topLeft()), widget.size())


def _whole(card: Card) -> bool:
    label = card.value
    return label.width() >= label.fontMetrics().horizontalAdvance(label.text())


def _assert_reads_whole(tab: QbrTab) -> None:
    width = tab.width()
    assert tab.minimumSizeHint().width() <= width
    assert tab.content.width() <= width
    summary = tab.summary
    assert summary.widget().width() <= summary.viewport().width()
    cards = [*summary.key_cards, *summary.number_cards]
    assert [c.value.text() for c in cards if not _whole(c)] == []
    for card in (*cards, *summary.list_cards):
        assert _rect_in(card, summary.viewport()).right() < summary.viewport().width()
    export = tab.export_button
    assert export.isVisible()
    assert tab.rect().contains(_rect_in(export, tab))


@pytest.mark.parametrize("width", [NARROWEST, 640, 760, 1100, 1600])
def test_every_width_reads_whole(qtbot: Any, tab: QbrTab, width: int) -> None:
    _resize(tab, width)
    _assert_reads_whole(tab)
    for section in ("Wins", "Usage", "Support", "Roadmap", "Plan & risks"):
        tab.show_section(section)
        QApplication.processEvents()
        area = tab.pages.currentWidget()
        page = area.widget()
        assert page.width() <= area.viewport().width(), section
        for table in tab.tables.values():
            if table.isVisible():
                assert _rect_in(table, area.viewport()).right() < area.viewport().width()


def test_narrowest_stacks_everything(qtbot: Any, tab: QbrTab) -> None:
    _resize(tab, NARROWEST)
    # The title above the quarter and Export; the sections above the page, on as many
    # lines as they need, every one in view.
    assert not tab.header.one_row
    assert tab.narrow is True
    nav = tab.nav
    for row in range(nav.count()):
        assert nav.viewport().rect().contains(nav.visualItemRect(nav.item(row))), row
    summary = tab.summary
    assert summary.columns["keys"] in (1, 2) and summary.columns["lists"] == 1
    tops = [_rect_in(card, summary.widget()).top() for card in summary.list_cards]
    assert tops == sorted(set(tops))  # one under the other
    # The usage metrics and their measurements stack too.
    tab.show_section("Usage")
    QApplication.processEvents()
    usage = tab.tables["usage_metrics"].parentWidget()
    assert isinstance(usage, QSplitter) and usage.orientation() == Qt.Orientation.Vertical


def test_wide_keeps_one_row_of_each(qtbot: Any, tab: QbrTab) -> None:
    _resize(tab, 1600, 900)
    assert tab.header.one_row
    assert tab.narrow is False
    assert tab.summary.columns == {"keys": 4, "numbers": 6, "lists": 3, "charts": 2}
    heading, export = _rect_in(tab.heading, tab), _rect_in(tab.export_button, tab)
    assert export.top() < heading.bottom()  # on the title's row
    tab.show_section("Usage")
    QApplication.processEvents()
    usage = tab.tables["usage_metrics"].parentWidget()
    assert isinstance(usage, QSplitter) and usage.orientation() == Qt.Orientation.Horizontal


def _give_summary(tab: QbrTab, room: int) -> None:
    """Resize the tab so that the summary's cards share ``room`` pixels (the section list
    may move above the page on the way, changing what the page gets)."""
    for _ in range(4):
        if tab.summary.room() == room:
            return
        _resize(tab, tab.width() + room - tab.summary.room())
    assert tab.summary.room() == room


def test_key_cards_go_from_four_to_two_to_one_at_their_needed_width(
    qtbot: Any, tab: QbrTab
) -> None:
    _resize(tab, 1280)
    summary: SummaryPage = tab.summary
    need = max(summary_page.KEY_MIN, *(c.minimumSizeHint().width() for c in summary.key_cards))
    assert need >= summary.renewal.value.fontMetrics().horizontalAdvance("1 Feb 2027")
    gap = summary_page.SPACING
    for columns, room in ((4, 4 * need + 3 * gap), (2, 2 * need + gap)):
        _give_summary(tab, room)
        assert summary.columns["keys"] == columns
        assert all(_whole(c) for c in summary.key_cards)
        _give_summary(tab, room - 1)
        assert summary.columns["keys"] == columns // 2
        assert all(_whole(c) for c in summary.key_cards)
        _assert_reads_whole(tab)


def test_a_longer_value_widens_its_cards(
    qtbot: Any, tab: QbrTab, qbr_ws: Workspace, northwind: Northwind
) -> None:
    summary = tab.summary
    _resize(tab, 1280)
    need = max(summary_page.KEY_MIN, *(c.minimumSizeHint().width() for c in summary.key_cards))
    room = 4 * need + 3 * summary_page.SPACING
    _give_summary(tab, room)
    assert summary.columns["keys"] == 4
    # A far larger ARR, edited elsewhere: its card needs more than a quarter of the row, so
    # the key cards go two to a row and show it whole.
    qbr_ws.update(s.Account, northwind.account_id, arr=987_654_321_000)
    qtbot.waitUntil(lambda: summary.arr.value.text() == "USD 987654.3M", timeout=5000)
    QApplication.processEvents()
    assert summary.arr.minimumSizeHint().width() > need
    assert summary.columns["keys"] == 2
    assert _whole(summary.arr)
    _assert_reads_whole(tab)


def test_a_short_window_scrolls_the_section_rather_than_squeeze_it(qtbot: Any, tab: QbrTab) -> None:
    _resize(tab, NARROWEST, 480)
    tab.show_section("Support")
    QApplication.processEvents()
    area = tab.pages.currentWidget()
    page = area.widget()
    assert isinstance(page, SectionPage)
    assert page.height() > area.viewport().height()  # it scrolls up and down...
    assert not area.horizontalScrollBar().isVisible()  # ...never sideways
    tickets, incidents = tab.tables[tables.TICKETS.table], tab.tables[tables.INCIDENTS.table]
    for table in (tickets, incidents):
        assert table.height() >= table.preferred_height(SectionPage.MIN_ROWS) - 1
    assert tab.charts["tickets-by-severity"].height() >= SectionPage.MIN_CHART
    # Tall enough: no scrolling at all, the tables get their rows and the chart the rest.
    _resize(tab, 1280, 1000)
    assert page.height() == area.viewport().height()


def test_the_title_column_keeps_its_width_on_a_narrow_page(qtbot: Any, tab: QbrTab) -> None:
    tab.show_section("Support")
    tickets = tab.tables[tables.TICKETS.table].table
    header = tickets.horizontalHeader()
    title = tables.TICKETS.column("title")
    assert title is not None
    spec_width = tables.TICKETS.columns[title].width
    _resize(tab, NARROWEST)
    assert header.sectionSize(title) == spec_width  # the other columns scroll sideways
    assert tickets.horizontalScrollBar().maximum() > 0
    _resize(tab, 1600, 900)
    assert header.sectionSize(title) > spec_width  # the spare width goes to the title
    assert header.length() == tickets.viewport().width()
