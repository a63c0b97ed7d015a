"""What a card shows as the map zooms out: everything, then the name alone in a font big
enough to read, then (too small on screen for ~6 px text) plain shapes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter

from desktop.map.card_item import NAME_DETAIL, CardItem, fitted_name
from desktop.map.map_data import CardData
from desktop.map.scene import MapScene
from desktop.map.styles import light_style


def card_at_zoom(qapp, card: CardData, zoom: float) -> tuple[CardItem, QImage]:
    """The card drawn as a view at ``zoom`` would draw it."""
    scene = MapScene(light_style())
    scene.set_data(_data(card))
    item = scene.cards[card.key]
    body = item.mapRectToScene(item.body)
    image = QImage(
        max(1, round(body.width() * zoom)),
        max(1, round(body.height() * zoom)),
        QImage.Format.Format_ARGB32,
    )
    image.fill(QColor("#808080"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), body, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    return item, image


def _data(card: CardData):
    from desktop.map.map_data import MapData

    data = MapData(1, "Test")
    data.cards[card.key] = card
    return data


def text_pixels(image: QImage, *, light: bool = False) -> int:
    """Pixels of text: dark ones on a white card, or light ones on our team's dark tag. The
    card's border, stripe and fill are all far from both."""
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            lightness = image.pixelColor(x, y).lightness()
            count += lightness > 215 if light else lightness < 110
    return count


def person(influence: int = 3) -> CardData:
    return CardData(
        key="p1",
        kind="person",
        name="Catherine Ashdown",
        title="Chief Information Officer",
        influence=influence,
    )


MEMBER = CardData(key="t1", kind="member", name="Maya Lindqvist", role="tam")


@pytest.mark.parametrize("zoom", [0.27, 0.35, 0.6, 1.0])
def test_a_person_card_shows_a_name_down_to_about_a_quarter(qapp, zoom: float) -> None:
    _, image = card_at_zoom(qapp, person(), zoom)
    assert text_pixels(image) > 12


def test_far_out_cards_are_plain_shapes(qapp) -> None:
    item, image = card_at_zoom(qapp, person(5), NAME_DETAIL * 0.9)
    assert text_pixels(image) == 0
    assert not item.text_ready  # the fast path laid out no text


def test_the_name_needs_room_on_screen(qapp) -> None:
    # at 20 % an influential person's bigger card still holds a readable name; a small one not
    _, big = card_at_zoom(qapp, person(5), 0.2)
    _, small = card_at_zoom(qapp, person(1), 0.2)
    assert text_pixels(big) > 8
    assert text_pixels(small) == 0


def test_our_team_tags_show_their_names_zoomed_out(qapp) -> None:
    _, readable = card_at_zoom(qapp, MEMBER, 0.3)
    _, tiny = card_at_zoom(qapp, MEMBER, 0.2)
    assert text_pixels(readable, light=True) > 8
    assert text_pixels(tiny, light=True) == 0


def test_the_zoomed_out_name_is_big_enough_to_read(qapp) -> None:
    item, _ = card_at_zoom(qapp, person(3), 0.3)
    font, text = item.compact_name(0.3, 120.0, "name", 0.45)
    assert font.pixelSize() * 0.3 >= 6.0
    assert text  # something to show, fitted to the width
    assert QFontMetricsF(font).horizontalAdvance(text) <= 120.0


def test_a_long_name_keeps_the_surname(qapp) -> None:
    font = QFont(light_style().font("name"))
    font.setPixelSize(24)
    metrics = QFontMetricsF(font)
    full = "Catherine Ashdown"
    assert fitted_name(full, metrics, metrics.horizontalAdvance(full) + 1) == full
    short = fitted_name(full, metrics, metrics.horizontalAdvance("C. Ashdown") + 1)
    assert short == "C. Ashdown"
    assert fitted_name(full, metrics, 60).startswith("C.")
