"""How the deck and the workbook say numbers: changes, impacts summed per unit, money.

A percentage metric (unit "%") changes by *points*: adoption going from 12.5 % to 18.8 % is
"+6.3 pts", never "+50.4 %". Impacts of different units are never added together: the wins of
a quarter sum to one total per unit ("$1.15M saved · 40 hours saved per month").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥", "INR": "₹", "CAD": "C$"}


class HasImpact(Protocol):
    @property
    def impact_value(self) -> float | None: ...

    @property
    def impact_unit(self) -> str: ...


class HasChange(Protocol):
    @property
    def unit(self) -> str: ...

    @property
    def delta(self) -> float | None: ...

    @property
    def delta_pct(self) -> float | None: ...


def is_percent(unit: str) -> bool:
    return unit.strip() in ("%", "percent", "pct", "points")


def metric_change(metric: HasChange) -> str:
    """ "+6.3 pts" for a percentage metric, "+12%" otherwise; "no change" when flat."""
    if metric.delta is None:
        return "no earlier quarter to compare"
    if is_percent(metric.unit):
        return "no change" if abs(metric.delta) < 0.05 else f"{metric.delta:+.1f} pts"
    if metric.delta_pct is None:
        return f"{metric.delta:+,.0f} {metric.unit}".strip()
    if abs(metric.delta_pct) < 0.005:
        return "no change"
    return f"{metric.delta_pct:+.0%}"


def compact(value: float) -> str:
    """1,150,000 → "1.15M"; 15,000 → "15k"; 40 → "40"."""
    size = abs(value)
    if size >= 1_000_000:
        return f"{value / 1_000_000:.3g}M"
    if size >= 10_000:
        return f"{value / 1_000:.3g}k"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.1f}"


def money(value: float, currency: str) -> str:
    symbol = _SYMBOLS.get(currency.upper())
    return f"{symbol}{compact(value)}" if symbol else f"{compact(value)} {currency.upper()}"


def impact_text(value: float | None, unit: str) -> str:
    """ "$1.15M saved" when the unit starts with a currency code, else "40 hours saved"."""
    if value is None:
        return ""
    head, _, rest = unit.strip().partition(" ")
    if head.upper() in _SYMBOLS:
        return f"{money(value, head)} {rest}".strip()
    return f"{compact(value)} {unit}".strip()


def impact_by_unit(items: Iterable[HasImpact]) -> tuple[tuple[str, float], ...]:
    """Impact summed per unit, biggest count of items first (then by unit)."""
    totals: dict[str, float] = {}
    counts: dict[str, int] = {}
    for item in items:
        if item.impact_value is None:
            continue
        unit = item.impact_unit.strip()
        totals[unit] = totals.get(unit, 0.0) + item.impact_value
        counts[unit] = counts.get(unit, 0) + 1
    return tuple((unit, totals[unit]) for unit in sorted(totals, key=lambda u: (-counts[u], u)))


def impacts_text(items: Iterable[HasImpact]) -> str:
    return " · ".join(impact_text(v, u) for u, v in impact_by_unit(items))
