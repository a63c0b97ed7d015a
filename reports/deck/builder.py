"""A deck being built: the template, the QBR of its edition, and one call per new slide."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

from reports.deck import shapes
from reports.deck.template import Box, DeckTemplate
from reports.edition import Sharing
from reports.model import Qbr


@dataclass(frozen=True)
class MapPicture:
    """The stakeholder map drawn for the deck, and what it shows."""

    path: Path
    shown: int  # people drawn
    total: int  # people on the account
    # the customer people drawn, when not everyone: the speaker notes name who is left out
    people: tuple[int, ...] | None = None
    # the whole map (a big account's key people), for the appendix slide when this picture
    # leaves people out
    everyone: MapPicture | None = None
    # the map's legend goes on the slide beside the picture (``reports.deck.map_legend``):
    # the picture was drawn without it (the internal edition's map slide)
    legend: bool = False


# The map's picture, or what gives it when the map slide is built: the picture may still be
# being drawn elsewhere when the deck begins (``rapport export``).
PictureSource: TypeAlias = MapPicture | Callable[[], MapPicture | None] | None


class Deck:
    def __init__(
        self, template: DeckTemplate, qbr: Qbr, sharing: Sharing, picture: PictureSource
    ) -> None:
        self.template = template
        self.prs: Any = template.prs
        self.qbr = qbr
        self.sharing = sharing
        self._picture = picture
        self.body: Box = template.body
        self.titles: list[str] = []

    @property
    def picture(self) -> MapPicture | None:
        """The map's picture, asked for (once) when first needed."""
        if callable(self._picture):
            self._picture = self._picture()
        return self._picture

    @property
    def currency(self) -> str:
        return self.qbr.account.currency

    def title_slide(self, title: str, subtitle: str) -> Any:
        slide = self.prs.slides.add_slide(self.template.title_layout)
        for ph in list(slide.placeholders):
            kind = str(ph.placeholder_format.type).split(" ")[0]
            if kind in ("CENTER_TITLE", "TITLE"):
                ph.text_frame.text = title
            elif kind == "SUBTITLE":
                ph.text_frame.text = subtitle
            else:
                ph._element.getparent().remove(ph._element)
        self.titles.append(title)
        return slide

    def slide(self, title: str) -> tuple[Any, Box]:
        """A content slide with ``title``; returns it and the box its content may fill."""
        slide = self.prs.slides.add_slide(self.template.content_layout)
        for ph in list(slide.placeholders):
            kind = str(ph.placeholder_format.type).split(" ")[0]
            if kind == "TITLE":
                ph.text_frame.text = title
            else:  # the body (we draw our own) and footers (we write the edition there)
                ph._element.getparent().remove(ph._element)
        self.titles.append(title)
        return slide, self.body

    def finish(self) -> None:
        """The edition and the slide number on every slide."""
        words = self.sharing.footer(self.qbr)
        total = len(self.prs.slides)
        for number, slide in enumerate(self.prs.slides, start=1):
            shapes.footer(
                slide, self.template.footer, self.template.number, words, f"{number} / {total}"
            )
