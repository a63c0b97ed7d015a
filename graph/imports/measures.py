"""Reading dates and numbers the way the people who typed them meant them.

Numbers: "1,234.5", "1.234,5", "1 234,5", "1'234.5", "45%", "(12)" and "$1,200" are read; whether a
lone separator ("1,234") groups thousands or marks decimals is decided for the whole column from
the values that are not ambiguous, else from the file's convention (semicolon-separated files come
from locales that write decimal commas).

Dates: ISO (2024-03-05, 2024-03-05T10:00), 2024/03/05, 5 Mar 2024, Mar 5, 2024, March 2024,
2024-03, Excel date cells and serial numbers, and slashed or dotted day/month/year. Whether
03/04/2024 is the 3rd of April or March 4th is decided for the whole column: by a value where
one part is over 12, else by the caller's choice, else day first for dotted dates and
semicolon-separated files and month first otherwise; the plan notes which was taken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from graph.imports.values import strip_accents

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})(?:[T ,].*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            "jan january janv januar enero",
            "feb february fev fevr februar febrero",
            "mar march mars marz marzo",
            "apr april avr avril abril",
            "may mai mayo",
            "jun june juin juni junio",
            "jul july juil juillet juli julio",
            "aug august aout agosto",
            "sep sept september septembre septiembre",
            "oct october octobre oktober octubre okt",
            "nov november novembre noviembre",
            "dec december decembre dezember diciembre dez",
        ),
        start=1,
    )
    for m in names.split()
}
_WORDY = re.compile(r"^(?:(\d{1,2})\.?\s+)?([^\W\d_]+)\.?,?\s+(?:(\d{1,2}),?\s+)?(\d{4})$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class DateOrder:
    day_first: bool
    note: str = ""
    problem: str = ""


def decide_date_order(texts: Iterable[str], day_first: bool | None, european: bool) -> DateOrder:
    """Day/month order for a column of dates, from its values, the caller, or the file."""
    says_day = says_month = dotted = False
    ambiguous = ""
    for text in texts:
        match = _NUMERIC_DATE.match(text.strip())
        if not match:
            continue
        first, second = int(match.group(1)), int(match.group(3))
        dotted = dotted or match.group(2) == "."
        says_day = says_day or first > 12 >= second
        says_month = says_month or second > 12 >= first
        if first <= 12 and second <= 12 and first != second and not ambiguous:
            ambiguous = text.strip()
    if says_day and says_month:
        return DateOrder(
            True, problem="the dates mix day/month/year and month/day/year; use one order"
        )
    if says_day or says_month:
        return DateOrder(says_day)
    if not ambiguous:
        return DateOrder(True if day_first is None else day_first)
    if day_first is None:
        day_first = dotted or european
        reason = "like the rest of the file" if european or dotted else "as US tools write them"
    else:
        reason = "as chosen"
    order = "day/month/year" if day_first else "month/day/year"
    return DateOrder(day_first, note=f"dates such as {ambiguous} were read as {order} ({reason})")


def parse_date(value: object, day_first: bool) -> dt.date | None:
    """A cell as a date, or None if it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _serial(float(value))
    text = str(value).strip()
    try:
        return _parse_text_date(text, day_first)
    except (ValueError, OverflowError):
        return None


def _serial(number: float) -> dt.date | None:
    # Excel stores dates as days since 1899-12-30; accept 1950..2100.
    if 18264 <= number <= 73415:
        return _EXCEL_EPOCH + dt.timedelta(days=int(number))
    return None


def _parse_text_date(text: str, day_first: bool) -> dt.date | None:
    if match := _ISO.match(text):
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := _YEAR_MONTH.match(text):
        return dt.date(int(match.group(1)), int(match.group(2)), 1)
    if match := _COMPACT.match(text):
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := _NUMERIC_DATE.match(text):
        a, b, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if year < 100:
            year += 2000 if year < 70 else 1900
        day, month = (a, b) if day_first else (b, a)
        return dt.date(year, month, day)
    if match := _WORDY.match(text):
        named = _MONTHS.get(strip_accents(match.group(2)).casefold())
        if named is None:
            return None
        return dt.date(int(match.group(4)), named, int(match.group(1) or match.group(3) or 1))
    if text.isdigit() and len(text) == 5:
        return _serial(float(text))
    return None


_CURRENCY = re.compile(r"[$€£¥₹]|\b(?:USD|EUR|GBP|CHF)\b", re.I)
_GROUPED = re.compile(r"^\d{1,3}(?:[,.]\d{3})+$")


@dataclass(frozen=True)
class NumberStyle:
    decimal: str  # "." or ","
    note: str = ""


def _clean_number(text: str) -> tuple[str, bool]:
    """(text with spaces, currency and percent removed, whether it was negative in brackets)."""
    text = _CURRENCY.sub("", text).replace("%", "")
    for space in (" ", "\u00a0", "\u202f", "'", "’"):
        text = text.replace(space, "")
    negative = text.startswith("(") and text.endswith(")")
    return (text[1:-1] if negative else text), negative


def decide_number_style(texts: Iterable[str], european: bool) -> NumberStyle:
    """Which character marks decimals in a column of numbers."""
    votes = {".": 0, ",": 0}
    ambiguous = ""
    for raw in texts:
        text, _neg = _clean_number(raw.strip())
        text = text.lstrip("+-")
        if "," in text and "." in text:
            votes[text[max(text.rfind(","), text.rfind("."))]] += 1
            continue
        for sep in (",", "."):
            if sep not in text:
                continue
            if text.count(sep) > 1:
                votes["," if sep == "." else "."] += 1  # repeated: it groups thousands
            elif _GROUPED.match(text):
                ambiguous = ambiguous or raw.strip()
            else:
                votes[sep] += 1
    if votes["."] or votes[","]:
        return NumberStyle("." if votes["."] >= votes[","] else ",")
    decimal = "," if european else "."
    if ambiguous:
        meaning = "a decimal comma" if decimal == "," else "thousands separators"
        return NumberStyle(decimal, note=f"numbers such as {ambiguous} were read with {meaning}")
    return NumberStyle(decimal)


def parse_number(value: object, style: NumberStyle) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text, negative = _clean_number(str(value).strip())
    grouping = "," if style.decimal == "." else "."
    text = text.replace(grouping, "").replace(style.decimal, ".")
    try:
        number = float(text)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return -number if negative else number
