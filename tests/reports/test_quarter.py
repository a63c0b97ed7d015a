from __future__ import annotations

import datetime as dt

import pytest

from reports.quarter import (
    Period,
    Quarter,
    QuarterRefused,
    calendar_quarter,
    choose_quarter,
    quarter_index_of,
    quarter_of,
)


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


def test_a_day_is_placed_in_its_quarter_of_the_window_by_position() -> None:
    window = Quarter(2026, 2, 11).history(3)  # Nov-start quarters, across a new year
    index_of, quarter_in = quarter_index_of(window), quarter_of(window)
    for q_index, q in enumerate(window):
        for day in (q.start, q.end):
            assert index_of(day) == q_index and quarter_in(day) == q
        # contacts are times: the last minute of a quarter's last day is still in it
        assert index_of(dt.datetime.combine(q.end, dt.time(23, 59))) == q_index
    for outside in (window[0].start - dt.timedelta(days=1), window[-1].end + dt.timedelta(days=1)):
        assert index_of(outside) is None and quarter_in(outside) is None
    assert quarter_index_of(())(dt.date(2026, 1, 1)) is None


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


# --- periods: what an export covers ---------------------------------------------------------


def test_period_labels_state_the_dates() -> None:
    feb = Quarter(2027, 4, 2)  # FY2027 starts in February 2026
    assert Period.of(feb, dt.date(2027, 3, 1)).label == "Q4 FY2027, 1 Nov 2026 – 31 Jan 2027"
    assert Period.of(Quarter(2026, 3), dt.date(2027, 1, 1)).label == (
        "Q3 2026, 1 Jul 2026 – 30 Sep 2026"
    )
    running = Period.of(feb, dt.date(2026, 12, 2))
    assert running.to_date and running.days == 32
    assert running.label == (
        "Q4 FY2027 to date, 1 Nov 2026 – 2 Dec 2026 (the quarter ends 31 Jan 2027)"
    )
    assert Period.of(feb, dt.date(2026, 10, 31)).label == (
        "Q4 FY2027, 1 Nov 2026 – 31 Jan 2027 (not started)"
    )
    last_day = Period.of(feb, feb.end)
    assert not last_day.to_date and last_day.label == "Q4 FY2027, 1 Nov 2026 – 31 Jan 2027"


def test_a_running_quarter_compares_like_for_like() -> None:
    q3 = Quarter(2026, 3)
    running = Period.of(q3, dt.date(2026, 8, 4))  # day 35
    assert running.comparable(q3) == (dt.date(2026, 7, 1), dt.date(2026, 8, 4))
    assert running.comparable(q3.previous) == (dt.date(2026, 4, 1), dt.date(2026, 5, 5))
    # day 91 of a 92-day quarter: the previous one has 91 days, all of them
    almost = Period.of(q3, dt.date(2026, 9, 29))
    assert almost.comparable(q3.previous) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    done = Period.of(q3, dt.date(2026, 9, 30))
    assert done.comparable(q3.previous) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))


def test_choose_last_current_or_a_label() -> None:
    today = dt.date(2026, 12, 2)
    assert choose_quarter("last", 2, today) == Quarter(2027, 3, 2)  # Aug-Oct 2026
    assert choose_quarter("current", 2, today) == Quarter(2027, 4, 2)
    assert choose_quarter("LAST", 1, dt.date(2026, 10, 1)) == Quarter(2026, 3)  # ended yesterday
    assert choose_quarter("current", 1, dt.date(2026, 10, 1)) == Quarter(2026, 4)
    assert choose_quarter("2026-Q1", 2, today) == Quarter(2026, 1, 2)
    with pytest.raises(QuarterRefused, match="'last' or 'current'"):
        choose_quarter("next", 1, today)


def test_exports_refuse_future_quarters_and_quarters_before_the_data() -> None:
    q = Quarter(2026, 4)  # Oct-Dec 2026
    first = dt.date(2026, 12, 31)
    assert Period.for_export(q, q.start, first, "Acme").to_date  # its first day: to date
    with pytest.raises(QuarterRefused, match=r"^Q4 2026 \(1 Oct 2026 – 31 Dec 2026\) has not"):
        Period.for_export(q, q.start - dt.timedelta(days=1), first, "Acme")
    assert Period.for_export(q, dt.date(2027, 2, 1), first, "Acme").as_of == q.end
    with pytest.raises(QuarterRefused, match="ends before Acme has any data"):
        Period.for_export(q, dt.date(2027, 2, 1), first + dt.timedelta(days=1), "Acme")
    with pytest.raises(QuarterRefused, match="Acme has no dated facts yet"):
        Period.for_export(q, dt.date(2027, 2, 1), None, "Acme")


def test_roadmap_targets_are_calendar_quarters() -> None:
    assert calendar_quarter("2027-Q2") == Quarter(2027, 2, 1)
    assert calendar_quarter("2027-Q2").end == dt.date(2027, 6, 30)  # type: ignore[union-attr]
    assert calendar_quarter("") is None and calendar_quarter("soon") is None
