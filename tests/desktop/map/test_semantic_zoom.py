"""Semantic zoom: down to the smallest zoom the map view offers, every card shows its name and
its title (our team: name and role) in fonts big enough to read on screen."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from desktop.map.card_item import COMPACT_LINE_PX, COMPACT_NAME_PX, FULL_DETAIL, READABLE_MIN
from desktop.map.map_data import CardData
from desktop.map.view import MIN_ZOOM
from tests.desktop.map.test_card_detail import MEMBER, card_at_zoom, person


def _rows_with_text(image: QImage, *, light: bool = False, left: int = 3) -> list[int]:
    """Rows holding text pixels: dark or grey (a title) on a white card, light on our team's
    tag; the stripe on the left and the border are left out."""
    rows = []
    for y in range(2, image.height() - 2):
        dark = 0
        for x in range(left, image.width() - 3):
            lightness = image.pixelColor(x, y).lightness()
            dark += lightness > 215 if light else lightness < 175
        if dark:
            rows.append(y)
    return rows


def _lines(rows: list[int]) -> int:
    """Separate bands of text rows (one per line of text)."""
    return sum(1 for i, y in enumerate(rows) if i == 0 or y - rows[i - 1] > 1)


def test_the_view_offers_no_zoom_below_readable() -> None:
    assert MIN_ZOOM == READABLE_MIN < FULL_DETAIL


@pytest.mark.parametrize("zoom", [READABLE_MIN, 0.57, FULL_DETAIL - 0.01])
def test_a_person_card_shows_name_and_title(qapp, zoom: float) -> None:
    item, image = card_at_zoom(qapp, person(1), zoom)  # the smallest card
    assert _lines(_rows_with_text(image, left=round(14 * zoom))) >= 2  # name, then title
    name_font, name, line_font, title = item.compact_lines(
        zoom, item.body.width() - 24, "name", "title", "Chief Information Officer"
    )
    assert name_font.pixelSize() * zoom >= COMPACT_NAME_PX - 0.5
    assert line_font.pixelSize() * zoom >= COMPACT_LINE_PX - 0.5
    assert name == "Catherine Ashdown" or name.startswith("C. Ashdown")
    assert title.startswith("Chief")


def test_a_team_tag_shows_name_and_role(qapp) -> None:
    _, image = card_at_zoom(qapp, MEMBER, READABLE_MIN)
    assert _lines(_rows_with_text(image, light=True)) >= 2


def test_an_overdue_card_keeps_its_badge_zoomed_out(qapp) -> None:
    card = CardData(key="p2", kind="person", name="Ann Lee", title="CTO", cadence="overdue")
    _, image = card_at_zoom(qapp, card, READABLE_MIN)
    red = sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if (c := image.pixelColor(x, y)).red() > 170 and c.green() < 90 and c.blue() < 90
    )
    assert red > 10
