"""How the deck and the workbook say things: numbers, and the words only the account team uses.

A percentage metric (unit "%") changes by *points*: adoption going from 12.5 % to 18.8 % is
"+6.3 pts", never "+50.4 %". Impacts of different units are never added together: the wins of
a quarter sum to one total per unit ("$1.15M saved · 40 hours saved per month").

``internal_terms()`` is the account team's own vocabulary about the customer's people: who is
for or against us, how we rank them in the deal, how we cover them, and who we compete with.
The customer edition (``reports.edition``) never says any of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
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


# Words of our signals and of the sales trade that no closed list of the workspace holds. The
# closed lists' own labels (deal roles, attitudes, ...) are added by ``internal_terms``.
TEAM_WORDS = (
    "detractor",
    "attitude",
    "political",
    "politics",
    "politically",
    "influential",
    "influence",
    "allies",
    "in conflict with",
    "single-threaded",
    "single threaded",
    "key-person",
    "key person",
    "only bridge",
    "nobody on our team",
    "no one on our team",
    "no owner",
    "relationship coverage",
    "coverage gap",
    "overdue for contact",
    "never contacted",
    "last contact",
    "lean against",
    "against us",
    "won over",
    "win over",
    "win them over",
    "credibility",
    "competitor",
    "competitive",
    "competition",
    "churn",
    "internal only",
    "internal-only",
    "do not share",
    "don't share",
    "confidential",
    "not for the customer",
)


@cache
def internal_terms() -> tuple[str, ...]:
    """Every word or phrase that marks a text as the account team's own view, lower case.

    From the workspace's closed lists: the deal roles that judge a person (economic buyer,
    champion, technical buyer, coach, influencer, blocker; not the user roles), the attitude
    scale except neutral, the ally link, the top of the relationship ladder (credible source,
    trusted advisor) and "no contact" coverage; then ``TEAM_WORDS``.
    """
    from graph.signals import ContactCoverage
    from graph.vocabulary import DealRole, RelationKind, RelationshipLevel
    from reports.stakeholders import ATTITUDE_LABELS

    benign = (DealRole.PRIMARY_USER, DealRole.SECONDARY_USER, DealRole.OPERATIONS_OWNER)
    roles = [r.label for r in DealRole if r not in (*benign, DealRole.OTHER)]
    attitudes = [label for value, label in ATTITUDE_LABELS.items() if value != 0]
    ladder = [RelationshipLevel.CREDIBLE_SOURCE.label, RelationshipLevel.TRUSTED_ADVISOR.label]
    terms = [*roles, *attitudes, RelationKind.ALLY.label, *ladder, ContactCoverage.NO_CONTACT.label]
    return tuple(dict.fromkeys(t.lower() for t in (*terms, *TEAM_WORDS)))


@cache
def internal_pattern() -> re.Pattern[str]:
    """Matches any of ``internal_terms`` as whole words (plural "s"/"es" included), any case."""
    terms = sorted(internal_terms(), key=len, reverse=True)
    words = "|".join(re.escape(t).replace(r"\ ", r"[\s-]+") for t in terms)
    return re.compile(rf"(?<![\w-])(?:{words})(?:e?s)?(?![\w-])", re.IGNORECASE)


def internal_word(text: str) -> str | None:
    """The first internal word or phrase ``text`` says, as written there; None if none."""
    found = internal_pattern().search(text)
    return found.group(0) if found else None
