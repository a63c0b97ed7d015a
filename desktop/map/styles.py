"""Colours, pens and sizes of the map, in a light and a dark variant.

Attitude runs red (opponent) through grey (neutral) to green (supporter); cadence status is a
green, amber or red ring; each relationship kind has its own colour and dash so the kinds stay
apart in print and for colour-blind readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPalette, QPen

ROLE_LABELS: dict[str, str] = {
    "economic_buyer": "Economic buyer",
    "champion": "Champion",
    "technical_buyer": "Technical buyer",
    "primary_user": "Primary user",
    "secondary_user": "Secondary user",
    "coach": "Coach",
    "influencer": "Influencer",
    "blocker": "Blocker",
    "operations_owner": "Ops owner",
    "other": "",
}

TEAM_ROLE_LABELS: dict[str, str] = {
    "tam": "TAM",
    "account_executive": "Account exec",
    "solution_engineer": "Solution eng.",
    "customer_success_manager": "CSM",
    "professional_services": "Services",
    "support": "Support",
    "executive_sponsor": "Exec sponsor",
}

EDGE_LABELS: dict[str, str] = {
    "reports_to": "Reports to",
    "influences": "Influences (width = strength)",
    "ally": "Ally",
    "conflict": "Conflict",
    "owns": "Owns (our team)",
    "knows": "Knows (our team)",
}

CADENCE_LABELS = {"ok": "Contact on time", "due": "Contact due", "overdue": "Contact overdue"}


@dataclass(frozen=True)
class EdgeStyle:
    colour: QColor
    width: float
    # dash and gap lengths in pen widths; empty for a solid line. Long dashes on purpose:
    # every dash is a polygon to stroke, and hundreds of dotted lines cost a frame.
    dashes: tuple[float, ...] = ()
    arrow: bool = False

    @property
    def dashed(self) -> bool:
        return bool(self.dashes)

    def pen(self, width: float | None = None) -> QPen:
        pen = QPen(self.colour, self.width if width is None else width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap if self.dashes else Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if self.dashes:
            pen.setDashPattern(list(self.dashes))
        return pen


@dataclass(frozen=True)
class MapStyle:
    dark: bool
    background: QColor
    dots: QColor
    card: QColor
    card_border: QColor
    card_left: QColor
    text: QColor
    subtext: QColor
    accent: QColor
    handle: QColor
    member: QColor
    member_border: QColor
    member_text: QColor
    attitude: dict[int, QColor]
    cadence: dict[str, QColor]
    roles: dict[str, QColor]
    edges: dict[str, EdgeStyle]
    highlight: QColor
    quadrants: tuple[QColor, QColor, QColor, QColor]
    quadrant_text: QColor
    panel: QColor
    panel_border: QColor
    fonts: dict[str, QFont] = field(default_factory=dict)
    _metrics: dict[str, QFontMetricsF] = field(default_factory=dict, compare=False, repr=False)
    _pens: dict[tuple[str, float, int | None], QPen] = field(
        default_factory=dict, compare=False, repr=False
    )

    def attitude_colour(self, attitude: int) -> QColor:
        return self.attitude.get(max(-2, min(2, int(attitude))), self.attitude[0])

    def cadence_colour(self, status: str | None) -> QColor:
        return self.cadence.get(status or "", self.subtext)

    def role_colour(self, role: str) -> QColor:
        return self.roles.get(role, self.subtext)

    def edge(self, kind: str) -> EdgeStyle:
        return self.edges.get(kind, self.edges["reports_to"])

    def edge_pen(self, kind: str, width: float, colour: QColor | None = None) -> QPen:
        """A (shared, cached) pen for a link; thousands of links use a handful of pens."""
        key = (kind, width, colour.rgba() if colour is not None else None)
        pen = self._pens.get(key)
        if pen is None:
            pen = self.edge(kind).pen(width)
            if colour is not None:
                pen.setColor(colour)
            self._pens[key] = pen
        return pen

    def font(self, name: str) -> QFont:
        return self.fonts[name]

    def metrics(self, name: str) -> QFontMetricsF:
        found = self._metrics.get(name)
        if found is None:
            found = self._metrics[name] = QFontMetricsF(self.fonts[name])
        return found


def _fonts() -> dict[str, QFont]:
    base = QFont(QGuiApplication.font()) if QGuiApplication.instance() else QFont()
    base.setStyleHint(QFont.StyleHint.SansSerif)

    def sized(points: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
        font = QFont(base)
        font.setPointSizeF(points)
        font.setWeight(weight)
        return font

    return {
        "name": sized(10.0, QFont.Weight.DemiBold),
        "title": sized(8.5),
        "badge": sized(7.5, QFont.Weight.DemiBold),
        "initials": sized(8.5, QFont.Weight.Bold),
        "member": sized(9.0, QFont.Weight.DemiBold),
        "quadrant": sized(15.0, QFont.Weight.Bold),
        "axis": sized(10.0, QFont.Weight.DemiBold),
        "legend_title": sized(8.5, QFont.Weight.Bold),
        "legend": sized(8.0),
        "header": sized(13.0, QFont.Weight.Bold),
    }


def _roles(dark: bool) -> dict[str, QColor]:
    light_values = {
        "economic_buyer": "#7b1fa2",
        "champion": "#00796b",
        "technical_buyer": "#1565c0",
        "primary_user": "#2e7d32",
        "secondary_user": "#546e7a",
        "coach": "#0277bd",
        "influencer": "#6a1b9a",
        "blocker": "#c62828",
        "operations_owner": "#8d6e63",
        "other": "#757575",
    }
    dark_values = {
        "economic_buyer": "#ce93d8",
        "champion": "#4db6ac",
        "technical_buyer": "#64b5f6",
        "primary_user": "#81c784",
        "secondary_user": "#90a4ae",
        "coach": "#4fc3f7",
        "influencer": "#b39ddb",
        "blocker": "#ef9a9a",
        "operations_owner": "#bcaaa4",
        "other": "#bdbdbd",
    }
    return {k: QColor(v) for k, v in (dark_values if dark else light_values).items()}


def light_style() -> MapStyle:
    return MapStyle(
        dark=False,
        background=QColor("#f6f7f9"),
        dots=QColor("#dde1e6"),
        card=QColor("#ffffff"),
        card_border=QColor("#c9ced6"),
        card_left=QColor("#eef0f3"),
        text=QColor("#1d2330"),
        subtext=QColor("#5f6877"),
        accent=QColor("#2f6fde"),
        handle=QColor("#2f6fde"),
        member=QColor("#3949ab"),
        member_border=QColor("#283593"),
        member_text=QColor("#ffffff"),
        attitude={
            -2: QColor("#c62828"),
            -1: QColor("#ef8a80"),
            0: QColor("#a3a9b3"),
            1: QColor("#82c48c"),
            2: QColor("#2e8540"),
        },
        cadence={"ok": QColor("#2e8540"), "due": QColor("#e09b00"), "overdue": QColor("#d32f2f")},
        roles=_roles(False),
        edges={
            "reports_to": EdgeStyle(QColor("#7d8796"), 1.6),
            "influences": EdgeStyle(QColor("#7e57c2"), 1.5, (), True),
            "ally": EdgeStyle(QColor("#2e8540"), 2.2),
            "conflict": EdgeStyle(QColor("#d32f2f"), 2.2, (4.0, 2.5)),
            "owns": EdgeStyle(QColor("#3949ab"), 1.9),
            "knows": EdgeStyle(QColor("#7986cb"), 1.3, (5.0, 4.0)),
        },
        highlight=QColor("#ff6d00"),
        quadrants=(
            QColor(255, 152, 0, 26),
            QColor(211, 47, 47, 22),
            QColor(33, 150, 243, 20),
            QColor(120, 144, 156, 18),
        ),
        quadrant_text=QColor(40, 50, 70, 90),
        panel=QColor(255, 255, 255, 236),
        panel_border=QColor("#d3d8df"),
        fonts=_fonts(),
    )


def dark_style() -> MapStyle:
    return MapStyle(
        dark=True,
        background=QColor("#1c1f24"),
        dots=QColor("#2c3038"),
        card=QColor("#2a2e35"),
        card_border=QColor("#454b55"),
        card_left=QColor("#32373f"),
        text=QColor("#e8eaee"),
        subtext=QColor("#a3abb8"),
        accent=QColor("#6ea2ff"),
        handle=QColor("#6ea2ff"),
        member=QColor("#5c6bc0"),
        member_border=QColor("#9fa8da"),
        member_text=QColor("#ffffff"),
        attitude={
            -2: QColor("#f26b6b"),
            -1: QColor("#c98a86"),
            0: QColor("#8a919c"),
            1: QColor("#86c595"),
            2: QColor("#5cc279"),
        },
        cadence={"ok": QColor("#5cc279"), "due": QColor("#f0b042"), "overdue": QColor("#f26b6b")},
        roles=_roles(True),
        edges={
            "reports_to": EdgeStyle(QColor("#8f99a8"), 1.6),
            "influences": EdgeStyle(QColor("#b39ddb"), 1.5, (), True),
            "ally": EdgeStyle(QColor("#5cc279"), 2.2),
            "conflict": EdgeStyle(QColor("#f26b6b"), 2.2, (4.0, 2.5)),
            "owns": EdgeStyle(QColor("#9fa8da"), 1.9),
            "knows": EdgeStyle(QColor("#8c96d4"), 1.3, (5.0, 4.0)),
        },
        highlight=QColor("#ffab40"),
        quadrants=(
            QColor(255, 167, 38, 30),
            QColor(239, 83, 80, 26),
            QColor(66, 165, 245, 24),
            QColor(144, 164, 174, 18),
        ),
        quadrant_text=QColor(230, 235, 245, 80),
        panel=QColor(38, 42, 49, 236),
        panel_border=QColor("#454b55"),
        fonts=_fonts(),
    )


def palette_is_dark(palette: QPalette | None = None) -> bool:
    if palette is None:
        if QGuiApplication.instance() is None:
            return False
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def style_for(palette: QPalette | None = None, dark: bool | None = None) -> MapStyle:
    """The map style matching a widget palette (or forced light/dark)."""
    if dark is None:
        dark = palette_is_dark(palette)
    return dark_style() if dark else light_style()
