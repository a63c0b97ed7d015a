"""Fiscal quarters: ``Quarter.parse("2026-Q3")``, start and end dates, previous and next.

Convention: a fiscal year is named by the calendar year in which it **ends** (the most common
usage: with a July start, FY2026 runs from 1 July 2025 to 30 June 2026). With the default January
start, fiscal and calendar years are the same, so ``2026-Q3`` is July to September 2026.

``Quarter.label`` ("2026-Q3") round-trips through ``parse``; ``Quarter.title`` is for people
("Q3 2026", or "Q3 FY2026" when the fiscal year does not start in January).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

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

    @property
    def start(self) -> dt.date:
        """First day of the quarter."""
        fy_start_year = self.fiscal_year if self.start_month == 1 else self.fiscal_year - 1
        year, month = _add_months(fy_start_year, self.start_month, 3 * (self.number - 1))
        return dt.date(year, month, 1)

    @property
    def end(self) -> dt.date:
        """Last day of the quarter (inclusive)."""
        return self.next.start - dt.timedelta(days=1)

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
        if isinstance(day, dt.datetime):
            day = day.date()
        return isinstance(day, dt.date) and self.start <= day <= self.end

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
    def months(self) -> str:
        """The calendar span: "Jul–Sep 2026" or "Nov 2025–Jan 2026"."""
        first, last = self.start, self.end
        if first.year == last.year:
            return f"{_MONTHS[first.month - 1]}–{_MONTHS[last.month - 1]} {last.year}"
        return f"{_MONTHS[first.month - 1]} {first.year}–{_MONTHS[last.month - 1]} {last.year}"

    def __str__(self) -> str:
        return self.label
