"""The house colours, shared by the matplotlib charts and the workbook (hex, without "#").

Restrained on purpose: one deep blue carries the message, greys carry the context, and red or
amber appear only where something needs attention.
"""

from __future__ import annotations

from graph.vocabulary import Health, Level, RoadmapStatus, Severity

INK = "1F2933"  # titles and text
MUTED = "6B7785"  # secondary text, axes
GRID = "E3E7EB"
RULE = "C4CCD4"
PRIMARY = "1F4E79"
SECONDARY = "6C9BC7"
TERTIARY = "B7CDE3"
ACCENT = "D9822B"
HEADER_FILL = "1F4E79"
HEADER_TEXT = "FFFFFF"

SERIES = (PRIMARY, ACCENT, "3A8D7E", "8C6BB1", SECONDARY, "B5543C", "7A8B99", "C9A227")

HEALTH = {
    Health.GREEN: "2E7D32",
    Health.AMBER: "E0A100",
    Health.RED: "C62828",
    Health.NOT_ENOUGH_DATA: "9AA5B1",  # a grey: no verdict, not a colour of the traffic light
}
LEVEL = {Level.EXECUTIVE: PRIMARY, Level.MANAGEMENT: SECONDARY, Level.OPERATIONS: TERTIARY}
SEVERITY = {
    Severity.SEV1: "9E2A2B",
    Severity.SEV2: "D9822B",
    Severity.SEV3: "E9C46A",
    Severity.SEV4: "A9B8C6",
}
ROADMAP: dict[RoadmapStatus | None, str] = {
    RoadmapStatus.SHIPPED: PRIMARY,
    RoadmapStatus.IN_PROGRESS: SECONDARY,
    RoadmapStatus.PLANNED: TERTIARY,
    RoadmapStatus.NOT_PLANNED: "9AA5B1",
    None: "D5DBE1",
}
ATTITUDE = {-2: "B2182B", -1: "E58E73", 0: "BDC3C9", 1: "79A8D2", 2: "1F4E79"}


def hex_color(code: str) -> str:
    """For matplotlib: "#1F4E79"."""
    return f"#{code}"


HEALTH_RED = HEALTH[Health.RED]
