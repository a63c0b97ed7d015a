"""Fiscal quarters: ``Quarter.parse("2026-Q3")``, start and end dates, previous and next.

Convention: a fiscal year is named by the calendar year in which it **ends** (the most common
usage: with a July start, FY2026 runs from 1 July 2025 to 30 June 2026). With the default January
start, fiscal and calendar years are the same, so ``2026-Q3`` is July to September 2026.

``Quarter.label`` ("2026-Q3") round-trips through ``parse``; ``Quarter.title`` is for people
("Q3 2026", or "Q3 FY2026" when the fiscal year does not start in January); ``Quarter.dates``
spells out the days it covers ("1 Nov 2026 – 31 Jan 2027").

``Period`` is what a QBR reports on: a quarter read as of a day, its last day for a quarter that
is over, today for the current one, which is then "to date" and compared like for like: with the
same number of days at the start of the quarter before (``Period.comparable``).
``choose_quarter`` reads "last" (the last complete quarter: the default), "current" or a label,
and ``Period.for_export`` refuses, with one line, a quarter that has not started or that ends
before the account's first dated fact.

Roadmap target quarters ("2027-Q1" on a roadmap item) are **calendar** quarters, whatever the
account's fiscal year: read them with ``calendar_quarter``, never with the account's start month.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from graph.errors import RapportError

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FORMS = (
    re.compile(r"^(?:FY)?\s*(?P<year>\d{4})\s*[-/ ]?\s*Q(?P<q>[1-4])$"),
    re.compile(r"^Q(?P<q>[1-4])\s*[-/ ]?\s*(?:FY)?\s*(?P<year>\d{4})$"),
)


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


@dataclass(frozen=True, order=True)
class Quarter:
    """Quarter ``number`` (1-4) of ``fiscal_year``, a fiscal year starting in ``start_month``."""

    fiscal_year: int
    number: int
    start_month: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4:
            raise ValueError(f"a quarter number is 1 to 4 (got {self.number})")
        if not 1 <= self.start_month <= 12:
            raise ValueError(f"a fiscal year starts in month 1 to 12 (got {self.start_month})")
        if not 1900 <= self.fiscal_year <= 9998:
            raise ValueError(f"fiscal year {self.fiscal_year} is out of range")

    @classmethod
    def parse(cls, text: str, start_month: int = 1) -> Quarter:
        """Read "2026-Q3", "2026Q3", "FY2026-Q3", "Q3 2026" or "Q3 FY2026" (any case)."""
        cleaned = text.strip().upper()
        for form in _FORMS:
            match = form.match(cleaned)
            if match:
                return cls(int(match["year"]), int(match["q"]), start_month)
        raise ValueError(f"{text!r} is not a quarter; write it like 2026-Q3")

    @classmethod
    def containing(cls, day: dt.date, start_month: int = 1) -> Quarter:
        """The fiscal quarter that contains ``day``."""
        months_in = (day.month - start_month) % 12
        fy_start_year = day.year if day.month >= start_month else day.year - 1
        fiscal_year = fy_start_year if start_month == 1 else fy_start_year + 1
        return cls(fiscal_year, months_in // 3 + 1, start_month)

    # Cached: a QBR asks a quarter its dates hundreds of thousands of times (one per contact).
    # cached_property writes the instance's __dict__, which a frozen dataclass allows.
    @cached_property
    def start(self) -> dt.date:
        """First day of the quarter."""
        fy_start_year = self.fiscal_year if self.start_month == 1 else self.fiscal_year - 1
        year, month = _add_months(fy_start_year, self.start_month, 3 * (self.number - 1))
        return dt.date(year, month, 1)

    @cached_property
    def end(self) -> dt.date:
        """Last day of the quarter (inclusive)."""
        return self.next.start - dt.timedelta(days=1)

    @cached_property
    def ordinals(self) -> tuple[int, int]:
        """First and last day as ``date.toordinal()``: range tests on plain integers."""
        return self.start.toordinal(), self.end.toordinal()

    @property
    def start_datetime(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time())

    @property
    def end_datetime(self) -> dt.datetime:
        """Midnight after the last day: use ``< end_datetime`` for naive UTC timestamps."""
        return dt.datetime.combine(self.next.start, dt.time())

    def shifted(self, quarters: int) -> Quarter:
        index = self.fiscal_year * 4 + (self.number - 1) + quarters
        return Quarter(index // 4, index % 4 + 1, self.start_month)

    @property
    def previous(self) -> Quarter:
        return self.shifted(-1)

    @property
    def next(self) -> Quarter:
        return self.shifted(1)

    def history(self, count: int) -> tuple[Quarter, ...]:
        """The ``count`` quarters ending with this one, oldest first."""
        return tuple(self.shifted(-i) for i in range(count - 1, -1, -1))

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date):  # a datetime is a date too: its day counts
            return False
        first, last = self.ordinals
        return first <= day.toordinal() <= last

    @property
    def label(self) -> str:
        """Machine-friendly and parseable: "2026-Q3"."""
        return f"{self.fiscal_year}-Q{self.number}"

    @property
    def short(self) -> str:
        """For chart axes: "Q3 26" (or "Q3 FY26")."""
        fy = "FY" if self.start_month != 1 else ""
        return f"Q{self.number} {fy}{self.fiscal_year % 100:02d}"

    @property
    def title(self) -> str:
        """For people: "Q3 2026", or "Q3 FY2026" when the fiscal year starts later."""
        fy = "FY" if self.start_month != 1 else ""
        return f"Q{self.number} {fy}{self.fiscal_year}"

    @property
    def dates(self) -> str:
        """The days covered: "1 Nov 2026 – 31 Jan 2027"."""
        return span(self.start, self.end)

    @property
    def months(self) -> str:
        """The calendar span: "Jul–Sep 2026" or "Nov 2025–Jan 2026"."""
        first, last = self.start, self.end
        if first.year == last.year:
            return f"{_MONTHS[first.month - 1]}–{_MONTHS[last.month - 1]} {last.year}"
        return f"{_MONTHS[first.month - 1]} {first.year}–{_MONTHS[last.month - 1]} {last.year}"

    def __str__(self) -> str:
        return self.label


def quarter_of(window: Sequence[Quarter]) -> Callable[[dt.date], Quarter | None]:
    """A lookup of the quarter of ``window`` (consecutive, oldest first) holding a day."""
    index_of = quarter_index_of(window)

    def find(day: dt.date) -> Quarter | None:
        index = index_of(day)
        return None if index is None else window[index]

    return find


def quarter_index_of(window: Sequence[Quarter]) -> Callable[[dt.date], int | None]:
    """A lookup of the position in ``window`` (consecutive, oldest first) of the quarter
    holding a day: tens of thousands of contacts are counted by position, not hashed as
    quarters."""
    starts = [q.ordinals[0] for q in window]
    last = window[-1].ordinals[1] if window else 0

    def find(day: dt.date) -> int | None:
        ordinal = day.toordinal()
        index = bisect_right(starts, ordinal) - 1
        return index if index >= 0 and ordinal <= last else None

    return find


def day_text(day: dt.date) -> str:
    """ "1 Nov 2026": the day as people read it, in every label."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def span(first: dt.date, last: dt.date) -> str:
    return f"{day_text(first)} – {day_text(last)}"


def calendar_quarter(text: str) -> Quarter | None:
    """A roadmap target ("2027-Q1"): a calendar quarter, None when the text is not a quarter."""
    try:
        return Quarter.parse(text, 1) if text.strip() else None
    except ValueError:
        return None


class QuarterRefused(RapportError):
    """A quarter that cannot be reported on (not started, or before the account has data)."""


LAST = "last"
CURRENT = "current"


def choose_quarter(text: str, start_month: int, today: dt.date) -> Quarter:
    """ "last" (the last complete quarter), "current" (the one containing today) or a label."""
    key = text.strip().lower()
    if key == LAST:
        return Quarter.containing(today, start_month).previous
    if key == CURRENT:
        return Quarter.containing(today, start_month)
    try:
        return Quarter.parse(text, start_month)
    except ValueError as exc:
        raise QuarterRefused(f"{exc}, or write 'last' or 'current'") from exc


@dataclass(frozen=True)
class Period:
    """A quarter as a QBR reads it: as of its last day, or as of today while it runs."""

    quarter: Quarter
    as_of: dt.date

    @classmethod
    def of(cls, quarter: Quarter, today: dt.date) -> Period:
        return cls(quarter, min(today, quarter.end))

    @classmethod
    def for_export(
        cls, quarter: Quarter, today: dt.date, first_fact: dt.date | None, account: str
    ) -> Period:
        """The period to export, or ``QuarterRefused`` with the reason in one line."""
        if quarter.start > today:
            raise QuarterRefused(
                f"{quarter.title} ({quarter.dates}) has not started yet: today is "
                f"{day_text(today)}; export 'current' or an earlier quarter"
            )
        if first_fact is None:
            raise QuarterRefused(
                f"{account} has no dated facts yet (people joining, interactions, tickets, "
                f"wins, usage, risks): there is nothing to report for {quarter.title}"
            )
        if quarter.end < first_fact:
            raise QuarterRefused(
                f"{quarter.title} ({quarter.dates}) ends before {account} has any data "
                f"(the first is dated {day_text(first_fact)})"
            )
        return cls.of(quarter, today)

    @property
    def to_date(self) -> bool:
        """True while the quarter is not over: its figures cover only ``days`` days so far."""
        return self.as_of < self.quarter.end

    @property
    def days(self) -> int:
        return (self.as_of - self.quarter.start).days + 1

    def comparable(self, quarter: Quarter) -> tuple[dt.date, dt.date]:
        """The days of ``quarter`` to compare with: all of it, or as many days as have run."""
        if not self.to_date:
            return quarter.start, quarter.end
        return quarter.start, min(quarter.end, quarter.start + dt.timedelta(days=self.days - 1))

    @property
    def label(self) -> str:
        """ "Q4 FY2027, 1 Nov 2026 – 31 Jan 2027", or "... to date, 1 Nov 2026 – 2 Dec 2026"."""
        if self.as_of < self.quarter.start:
            return f"{self.quarter.title}, {self.quarter.dates} (not started)"
        if self.to_date:
            return (
                f"{self.quarter.title} to date, {span(self.quarter.start, self.as_of)} "
                f"(the quarter ends {day_text(self.quarter.end)})"
            )
        return f"{self.quarter.title}, {self.quarter.dates}"
