"""Who the QBR's map pictures show, and the pictures once drawn, as plain data.

``deck_map.qbr_picture`` draws the pictures from these. They load no Qt: ``rapport export``
(which never loads Qt) passes them to the child process that draws and back
(``desktop.cli.export_pictures``); the export dialog uses them alike (``deck_map.deck_picture``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reports.key_people import KEY_PEOPLE, P, is_big, key_people

if TYPE_CHECKING:
    from reports.deck import MapPicture


@dataclass(frozen=True)
class MapPeople:
    """The account's people as its map pictures rank them: ``order``, most important first
    (``reports.key_people``: a big account's key people only), ``big`` when there are too
    many to draw them all, and ``total``, how many there are."""

    order: tuple[int, ...]
    big: bool
    total: int


def map_people(people: Sequence[P], id_of: Callable[[P], int]) -> MapPeople:
    """``people`` (stored people or the QBR's stakeholder rows, ``id_of`` giving their id)
    as the map pictures rank them."""
    big = is_big(people)
    ranked = key_people(people, KEY_PEOPLE if big else len(people))
    return MapPeople(tuple(id_of(p) for p in ranked), big, len(people))


@dataclass(frozen=True)
class Drawn:
    """A picture drawn and the customer people it shows (None: everyone); ``everyone``, the
    whole map for the deck's appendix, when the picture leaves people out."""

    path: Path
    keep: tuple[int, ...] | None
    everyone: Drawn | None = None
    legend: bool = False  # drawn without the legend: the slide shows it beside the picture

    def picture(self, total: int) -> MapPicture:
        """The deck's picture, of an account of ``total`` people."""
        from reports.deck import MapPicture

        shown = len(self.keep) if self.keep is not None else total
        everyone = self.everyone.picture(total) if self.everyone is not None else None
        return MapPicture(self.path, shown, total, self.keep, everyone, self.legend)
