"""The deck's template: Rapport's own (``resources/deck/rapport.pptx``) or the team's ``.pptx``.

What a template must have, and what Rapport takes from it (docs/DECK_TEMPLATE.md):

- a *title slide* layout: a layout with a centred-title placeholder (PowerPoint's "Title
  Slide"); its subtitle placeholder, if any, gets the period and the edition;
- a layout with a *title* placeholder for the content slides: "Title Only" is preferred, else
  "Title and Content" (its body placeholder is removed from each slide; its area is where the
  tables and charts go);
- optional: date, footer and slide-number placeholders on the master: the edition footer and
  the slide number are written where they are.

Named tokens are filled wherever they appear in the master, the layouts and the slides:
``{{account}}``, ``{{quarter}}`` (Q3 2026), ``{{period}}`` (Jul–Sep 2026), ``{{edition}}``
(Customer edition), ``{{date}}`` (the day the deck was prepared). Slides already in the
template are dropped: the deck is built from its layouts.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.errors import RapportError

DEFAULT = Path(__file__).resolve().parents[2] / "resources" / "deck" / "rapport.pptx"
TOKENS = ("account", "quarter", "period", "edition", "date")
EMU_PER_INCH = 914400


class TemplateError(RapportError):
    """A template Rapport cannot build a deck from; the message says what is missing."""


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def columns(self, count: int, gap: int) -> list[Box]:
        width = (self.width - gap * (count - 1)) // count
        return [
            Box(self.left + i * (width + gap), self.top, width, self.height) for i in range(count)
        ]

    def split(self, *shares: float, gap: int = 0, vertical: bool = False) -> list[Box]:
        """Boxes side by side (or stacked) in proportion to ``shares``."""
        total = sum(shares)
        room = (self.height if vertical else self.width) - gap * (len(shares) - 1)
        out: list[Box] = []
        at = self.top if vertical else self.left
        for share in shares:
            size = int(room * share / total)
            if vertical:
                out.append(Box(self.left, at, self.width, size))
            else:
                out.append(Box(at, self.top, size, self.height))
            at += size + gap
        return out

    def below(self, offset: int) -> Box:
        return Box(self.left, self.top + offset, self.width, max(0, self.height - offset))


def _kind(ph: Any) -> str:
    return str(ph.placeholder_format.type).split(" ")[0]


def _kinds(layout: Any) -> set[str]:
    return {_kind(ph) for ph in layout.placeholders}


_FOOTER_KINDS = {"DATE", "FOOTER", "SLIDE_NUMBER"}
_BODY_KINDS = {"BODY", "OBJECT"}


class DeckTemplate:
    """An opened template: its presentation, the layouts to use and the areas to fill."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else DEFAULT
        self.prs = _open(self.path)
        self.title_layout = self._title_layout()
        self.content_layout = self._content_layout()
        self._drop_slides()
        self.width = int(self.prs.slide_width)
        self.height = int(self.prs.slide_height)
        self.body = self._body_box()
        self.footer, self.number = self._footer_boxes()

    # --- checks -----------------------------------------------------------------------------

    def _title_layout(self) -> Any:
        layouts = list(self.prs.slide_layouts)
        for layout in layouts:
            if "CENTER_TITLE" in _kinds(layout):
                return layout
        for layout in layouts:
            if layout.name.strip().lower() == "title slide" and "TITLE" in _kinds(layout):
                return layout
        raise TemplateError(
            f"{self.path.name}: the template has no title slide layout "
            "(a layout with a centred title placeholder, like PowerPoint's “Title Slide”)"
        )

    def _content_layout(self) -> Any:
        usable = [
            layout
            for layout in self.prs.slide_layouts
            if "TITLE" in _kinds(layout) and layout is not self.title_layout
        ]
        if not usable:
            raise TemplateError(
                f"{self.path.name}: the template has no layout with a title placeholder for "
                "the content slides (like PowerPoint's “Title Only” or “Title and Content”)"
            )
        only = [layout for layout in usable if not (_kinds(layout) - _FOOTER_KINDS - {"TITLE"})]
        named = [layout for layout in only if layout.name.strip().lower() == "title only"]
        with_body = [
            layout
            for layout in usable
            if len([ph for ph in layout.placeholders if _kind(ph) in _BODY_KINDS]) == 1
        ]
        return (named or only or with_body or usable)[0]

    def _drop_slides(self) -> None:
        ids = self.prs.slides._sldIdLst
        for slide_id in list(ids):
            self.prs.part.drop_rel(slide_id.rId)
            ids.remove(slide_id)

    # --- areas ------------------------------------------------------------------------------

    def _placeholder(self, layout: Any, kinds: set[str]) -> Any | None:
        for ph in layout.placeholders:
            if _kind(ph) in kinds:
                return ph
        for ph in layout.slide_master.placeholders:
            if _kind(ph) in kinds:
                return ph
        return None

    def title_box(self) -> Box:
        ph = self._placeholder(self.content_layout, {"TITLE"})
        if ph is None or ph.width is None:
            return Box(self.width // 26, self.height // 25, self.width * 24 // 26, self.height // 9)
        return Box(int(ph.left), int(ph.top), int(ph.width), int(ph.height))

    def _body_box(self) -> Box:
        title = self.title_box()
        margin = self.width // 26
        top = title.bottom + self.height // 50
        bottom = self.height - self.height // 12
        body = self._placeholder(self.content_layout, _BODY_KINDS)
        if body is not None and body.width is not None and body.top > title.top:
            left, width = int(body.left), int(body.width)
            top = max(top, int(body.top))
            bottom = min(bottom, int(body.top + body.height))
        else:
            left, width = margin, self.width - 2 * margin
        footer = self._placeholder(self.content_layout, _FOOTER_KINDS)
        if footer is not None and footer.top is not None and footer.top > top:
            bottom = min(bottom, int(footer.top) - self.height // 100)
        return Box(left, top, width, bottom - top)

    def _footer_boxes(self) -> tuple[Box, Box]:
        foot = self._placeholder(self.content_layout, {"FOOTER"})
        number = self._placeholder(self.content_layout, {"SLIDE_NUMBER"})
        low = self.height - self.height // 15
        tall = self.height // 22
        if foot is not None and foot.width is not None:
            footer_box = Box(
                self.body.left, int(foot.top), self.body.width * 3 // 4, int(foot.height)
            )
        else:
            footer_box = Box(self.body.left, low, self.body.width * 3 // 4, tall)
        if number is not None and number.width is not None:
            number_box = Box(
                int(number.left), int(number.top), int(number.width), int(number.height)
            )
        else:
            number_box = Box(self.body.right - self.width // 8, low, self.width // 8, tall)
        return footer_box, number_box

    # --- tokens -----------------------------------------------------------------------------

    def fill_tokens(self, values: dict[str, str]) -> None:
        """Replace ``{{token}}`` in the master's and the layouts' shapes."""
        for master in self.prs.slide_masters:
            fill_shapes(master.shapes, values)
            for layout in master.slide_layouts:
                fill_shapes(layout.shapes, values)


def fill_shapes(shapes: Any, values: dict[str, str]) -> None:
    for shape in shapes:
        if shape.shape_type is not None and int(shape.shape_type) == 6:  # a group
            fill_shapes(shape.shapes, values)
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            fill_text(shape.text_frame, values)
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                for cell in row.cells:
                    fill_text(cell.text_frame, values)


def fill_text(frame: Any, values: dict[str, str]) -> None:
    for paragraph in frame.paragraphs:
        runs = list(paragraph.runs)
        text = "".join(r.text for r in runs)
        if "{{" not in text:
            continue
        for token in TOKENS:
            text = text.replace("{{" + token + "}}", values.get(token, ""))
        # a token split over several runs: keep the first run's formatting for the whole text
        runs[0].text = text
        for run in runs[1:]:
            run._r.getparent().remove(run._r)


def _open(path: Path) -> Any:
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    if not path.is_file():
        raise TemplateError(f"{path}: no such template file")
    if path.suffix.lower() == ".potx":
        raise TemplateError(
            f"{path.name}: a .potx template cannot be read directly; "
            "open it in PowerPoint and save it as a .pptx presentation"
        )
    try:
        return Presentation(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(
            f"{path.name}: not a PowerPoint .pptx file ({type(exc).__name__})"
        ) from exc
    except OSError as exc:
        raise TemplateError(f"{path}: cannot read the template ({exc.strerror})") from exc
