"""The legend the internal edition's map slide shows as slide shapes (``reports.deck.map_legend``,
which never loads Qt) says what the map's own legend says (``desktop.map.legend``, drawn into
the workbook's and the appendix's pictures), in the map's light colours."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter

from desktop.map.legend import paint_legend
from desktop.map.styles import style_for
from reports.deck.map_legend import SECTIONS


class _Reading(QPainter):
    """A painter that notes every text it draws."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.said: list[str] = []

    def drawText(self, *args: Any) -> None:  # Qt's name: paint_legend calls it
        self.said.append(next(a for a in args if isinstance(a, str)))
        super().drawText(*args)


def _drawn(team: bool) -> list[str]:
    image = QImage(400, 400, QImage.Format.Format_ARGB32)
    painter = _Reading(image)
    try:
        paint_legend(painter, QPointF(0, 0), style_for(dark=False), team=team)
    finally:
        painter.end()
    return painter.said


def _hex(colour: Any) -> str:
    return str(colour.name()).lstrip("#").upper()


def test_the_slide_legend_says_what_the_pictures_legend_says(qapp: Any) -> None:
    """Every heading and label, in the same order; the tags' words ("Role", "Risk", "PR")
    too. The internal edition's legend is the one with our team (owns, knows, our owner)."""
    slide = []
    for section in SECTIONS:
        slide.append(section.heading.upper())
        for entry in section.entries:
            words = [s.text for s in entry.swatches if s.text and s.mark == "tag"]
            slide.extend([*words, entry.label])
    drawn = _drawn(team=True)
    assert slide == drawn
    assert set(drawn) > set(_drawn(team=False))  # not the customer's, without our team


def test_the_slide_legend_has_the_maps_light_colours(qapp: Any) -> None:
    style = style_for(dark=False)
    attitude, cadence, links, cards = SECTIONS
    chips = [s.fill for s in attitude.entries[0].swatches]
    assert chips == [_hex(style.attitude_colour(v)) for v in range(-2, 3)]
    assert [e.swatches[0].line for e in cadence.entries] == [
        _hex(style.cadence_colour(s)) for s in ("ok", "due", "overdue")
    ]
    kinds = ["reports_to", "influences", "ally", "conflict", "owns", "knows"]
    for entry, kind in zip(links.entries, kinds, strict=True):
        edge = style.edge(kind)
        swatch = entry.swatches[0]
        assert swatch.line == _hex(edge.colour), kind
        assert swatch.arrow is edge.arrow, kind
        dashed = edge.pen(edge.width).style().name != "SolidLine"
        assert swatch.dashed is dashed, kind
    card, member = cards.entries[0].swatches[0], cards.entries[1].swatches[0]
    assert (card.fill, card.line) == (_hex(style.card), _hex(style.card_border))
    assert (member.fill, member.line) == (_hex(style.member), _hex(style.member_border))
    owner = cards.entries[8].swatches[0]
    assert (owner.fill, owner.ink) == (_hex(style.member), _hex(style.member_text))
    role = cards.entries[4].swatches[0]
    assert role.ink == _hex(style.role_colour("champion"))
