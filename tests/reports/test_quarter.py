from __future__ import annotations

import datetime as dt

import pytest

from reports.quarter import Quarter


def test_calendar_quarter() -> None:
    q = Quarter.parse("2026-Q3")
    assert (q.start, q.end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert q.label == "2026-Q3" and q.title == "Q3 2026" and q.months == "Jul–Sep 2026"
    assert q.previous == Quarter(2026, 2) and q.next == Quarter(2026, 4)
    assert Quarter(2026, 4).next == Quarter(2027, 1)
    assert Quarter(2026, 1).previous == Quarter(2025, 4)


@pytest.mark.parametrize(
    "text", ["2026-Q3", "2026q3", "FY2026-Q3", "Q3 2026", "q3 fy2026", " 2026/Q3 "]
)
def test_parse_forms(text: str) -> None:
    assert Quarter.parse(text) == Quarter(2026, 3)


@pytest.mark.parametrize("text", ["2026-Q5", "Q0 2026", "26-Q3", "", "2026"])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="quarter"):
        Quarter.parse(text)


def test_fiscal_year_is_named_by_the_year_it_ends() -> None:
    # A July start: FY2026 runs from July 2025 to June 2026.
    q1 = Quarter.parse("2026-Q1", start_month=7)
    assert q1.start == dt.date(2025, 7, 1) and q1.end == dt.date(2025, 9, 30)
    q4 = Quarter(2026, 4, 7)
    assert q4.start == dt.date(2026, 4, 1) and q4.end == dt.date(2026, 6, 30)
    assert q1.title == "Q1 FY2026" and q1.months == "Jul–Sep 2025"
    assert q4.next == Quarter(2027, 1, 7)


def test_quarter_spanning_new_year() -> None:
    q = Quarter(2026, 1, 11)  # November start: FY2026 starts November 2025
    assert q.start == dt.date(2025, 11, 1) and q.end == dt.date(2026, 1, 31)
    assert q.months == "Nov 2025–Jan 2026"


@pytest.mark.parametrize("start_month", range(1, 13))
def test_containing_round_trips(start_month: int) -> None:
    day = dt.date(2024, 1, 1)
    while day < dt.date(2027, 1, 1):
        q = Quarter.containing(day, start_month)
        assert day in q and q.start <= day <= q.end
        assert q.next.start == q.end + dt.timedelta(days=1)
        day += dt.timedelta(days=17)


def test_history_and_order() -> None:
    q = Quarter(2026, 2)
    assert q.history(3) == (Quarter(2025, 4), Quarter(2026, 1), Quarter(2026, 2))
    assert sorted([Quarter(2026, 1), Quarter(2025, 4)])[0] == Quarter(2025, 4)
    assert dt.datetime(2026, 6, 30, 23, 59) in q
    assert q.end_datetime == dt.datetime(2026, 7, 1)


def test_invalid_values() -> None:
    with pytest.raises(ValueError):
        Quarter(2026, 5)
    with pytest.raises(ValueError):
        Quarter(2026, 1, 13)
