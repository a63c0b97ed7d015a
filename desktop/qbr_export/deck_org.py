"""Geometry of the org chart on a slide (no Qt): our team's row over the chart, and the room
the cards take. The chart's own shape for the slide comes from ``graph.layout.org_chart_layout``
(its ``aspect``), the same compact shapes the map uses on a screen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Point = tuple[float, float]
Size = tuple[float, float]


def team_row(
    members: Sequence[str], sizes: Mapping[str, Size], people: Mapping[str, Point], gap: float
) -> dict[str, Point]:
    """Our team in a row ``gap`` above the chart, centred over it (as the map draws it)."""
    if not members:
        return {}
    if people:
        left = min(x - sizes[k][0] / 2 for k, (x, _) in people.items())
        right = max(x + sizes[k][0] / 2 for k, (x, _) in people.items())
        top = min(y - sizes[k][1] / 2 for k, (_, y) in people.items())
    else:
        left = right = top = 0.0
    widths = [sizes[m][0] for m in members]
    between = 36.0
    x = (left + right) / 2 - (sum(widths) + between * (len(members) - 1)) / 2
    y = top - gap - max(sizes[m][1] for m in members) / 2
    out: dict[str, Point] = {}
    for member, width in zip(members, widths, strict=True):
        out[member] = (x + width / 2, y)
        x += width + between
    return out


def extent(positions: Mapping[str, Point], sizes: Mapping[str, Size]) -> Size:
    """Width and height the cards take."""
    if not positions:
        return 0.0, 0.0
    left = min(x - sizes[k][0] / 2 for k, (x, _) in positions.items())
    right = max(x + sizes[k][0] / 2 for k, (x, _) in positions.items())
    top = min(y - sizes[k][1] / 2 for k, (_, y) in positions.items())
    bottom = max(y + sizes[k][1] / 2 for k, (_, y) in positions.items())
    return right - left, bottom - top
