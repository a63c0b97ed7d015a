"""How values read wherever they are shown: in the app, on the command line, in the QBR files.

The names of the attitude scale (-2 to +2) and the short form of an amount of money are
defined here once, so the map, the People tab, the workbook, the deck and ``rapport summary``
cannot drift apart.
"""

from __future__ import annotations

ATTITUDES = (-2, -1, 0, 1, 2)
ATTITUDE_LABELS: dict[int, str] = {
    -2: "Strong opponent",
    -1: "Opponent",
    0: "Neutral",
    1: "Supporter",
    2: "Strong supporter",
}


def short_amount(value: float) -> str:
    """An amount of money at a glance: 1,250,000 → "1.2M"; 48,000 → "48k"; 900 → "900"."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if value >= 1_000:
        return f"{value / 1_000:.0f}k"
    return f"{value:.0f}"
