"""The internal edition's map legend as native slide shapes: small swatches and labels in a
column beside the map's picture, editable and printing at ``LEGEND_PT`` or more.

Drawn into the picture (``desktop.map.legend``), the legend took a fifth of the picture's width
and shrank with it: on a slide its labels printed at 5 pt and the cards' names under 9 pt.
Here it keeps its size whatever the map's, and the picture gets the rest of the room.

The entries are the picture's legend's (attitude, contact cadence, links, cards and their
marks), in the map's light colours; ``tests/desktop/qbr_export/test_slide_legend.py`` holds
them to ``desktop.map.legend`` and ``desktop.map.styles`` (this package never loads Qt).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from reports import palette
from reports.deck.shapes import INCH, PT, rgb, wrapped
from reports.deck.template import Box
from reports.map_slide_room import LEGEND_GAP, LEGEND_WIDTH
from reports.xlsx_safety import clean_text

LEGEND_PT = 9.0  # every word of the legend, the swatches' own included
_ROW = int(0.18 * INCH)  # a line of 9 pt and a little air
_HEAD = int(0.22 * INCH)
_PAD = int(0.06 * INCH)
# the swatches' widths, left of their labels: a card or a tag, an attitude's chip, a cadence
# ring, a link
_SWATCH, _CHIP, _RING, _LINE = (int(f * INCH) for f in (0.42, 0.11, 0.16, 0.4))
# a character's average width, in ems: generous (LibreOffice shows the deck in DejaVu Sans,
# wider than PowerPoint's Calibri: 0.48 to 0.61 em over the legend's labels)
_EM = 0.62
_LABEL_PAD = int(0.04 * INCH)  # the label's left margin

Mark = Literal["chip", "ring", "line", "card", "member", "badge", "dots", "tag", "faded", "bar"]


@dataclass(frozen=True)
class Swatch:
    mark: Mark
    fill: str = ""  # hex, no "#"
    line: str = ""
    text: str = ""  # a tag's or a badge's word
    ink: str = ""  # its colour
    dashed: bool = False
    arrow: bool = False


@dataclass(frozen=True)
class Entry:
    label: str
    swatches: tuple[Swatch, ...]


@dataclass(frozen=True)
class Section:
    heading: str
    entries: tuple[Entry, ...]
    columns: int = 1  # more than one: side by side in a row, when they fit


# desktop.map.styles' light colours
_ATTITUDE = ("C62828", "EF8A80", "A3A9B3", "82C48C", "2E8540")
_CADENCE = {"ok": "2E8540", "due": "E09B00", "overdue": "D32F2F"}
_ALERT, _DUE = _CADENCE["overdue"], _CADENCE["due"]
_CARD, _CARD_BORDER, _CARD_LEFT, _WHITE = "FFFFFF", "C9CED6", "EEF0F3", "FFFFFF"
_MEMBER, _MEMBER_BORDER = "3949AB", "283593"
_ROLE, _ROLE_FILL = "00796B", "E0EFED"  # the champion's colour, its chip's fill at 30/255
_TEXT, _SUBTEXT, _PANEL_BORDER = "1D2330", "5F6877", "D3D8DF"


def _link(colour: str, *, dashed: bool = False, arrow: bool = False) -> tuple[Swatch, ...]:
    return (Swatch("line", line=colour, dashed=dashed, arrow=arrow),)


SECTIONS = (
    Section(
        "Attitude",
        (Entry("Opponent → supporter", tuple(Swatch("chip", fill=c) for c in _ATTITUDE)),),
    ),
    Section(
        "Contact cadence",
        (
            Entry("On time", (Swatch("ring", fill=_CARD_LEFT, line=_CADENCE["ok"]),)),
            Entry("Due", (Swatch("ring", fill=_CARD_LEFT, line=_CADENCE["due"]),)),
            Entry("Overdue", (Swatch("ring", fill=_CARD_LEFT, line=_CADENCE["overdue"]),)),
        ),
        columns=3,
    ),
    Section(
        "Links",
        (
            Entry("Reports to", _link("7D8796")),
            Entry("Influences", _link("7E57C2", arrow=True)),
            Entry("Ally", _link("2E8540")),
            Entry("Conflict", _link("D32F2F", dashed=True)),
            Entry("Owns", _link("3949AB")),
            Entry("Knows", _link("7986CB", dashed=True)),
        ),
    ),
    Section(
        "Cards",
        (
            Entry("Customer person", (Swatch("card", fill=_CARD, line=_CARD_BORDER),)),
            Entry("Our team", (Swatch("member", fill=_MEMBER, line=_MEMBER_BORDER),)),
            Entry(
                "Contact overdue",
                (Swatch("badge", fill=_CADENCE["overdue"], text="!", ink="FFFFFF"),),
            ),
            Entry("Influence 1-5", (Swatch("dots", fill=_TEXT, line=_CARD_BORDER),)),
            Entry(
                "Role in the deal",
                (Swatch("tag", fill=_ROLE_FILL, line=_ROLE_FILL, text="Role", ink=_ROLE),),
            ),
            Entry("Left the company", (Swatch("faded", fill=_CARD, line=_CARD_BORDER),)),
            Entry(
                "Act now: overdue exec, unowned detractor",
                (Swatch("tag", fill=_CADENCE["overdue"], line=_CARD, text="Risk", ink="FFFFFF"),),
            ),
            Entry(
                "Watch: single thread, level uncovered",
                (
                    Swatch(
                        "tag", fill=_CARD, line=_CADENCE["due"], text="Risk", ink=_CADENCE["due"]
                    ),
                ),
            ),
            Entry(
                "Our owner (initials)",
                (Swatch("tag", fill=_MEMBER, line=_CARD, text="PR", ink="FFFFFF"),),
            ),
            Entry("Zoomed out: cadence", (Swatch("bar", fill=_CADENCE["due"]),)),
        ),
    ),
)


def _label_chars(width: int) -> int:
    """Characters of a label that fit ``width`` EMU, at a generous average width (a wide
    font's: LibreOffice shows the deck in DejaVu Sans)."""
    return max(4, int(width / PT / (LEGEND_PT * _EM)))


def _swatch_width(entry: Entry) -> int:
    """The room the entry's swatches take left of its label."""
    mark = entry.swatches[0].mark
    if mark == "chip":  # the five attitudes
        return len(entry.swatches) * _CHIP
    if mark == "ring":
        return _RING
    if mark == "line":
        return _LINE
    return _SWATCH


def _lines(entry: Entry, width: int) -> int:
    """Lines the entry's label takes beside its swatches in a column ``width`` wide."""
    return len(wrapped(entry.label, _label_chars(width - _swatch_width(entry) - _LABEL_PAD)))


def _entry_widths(section: Section, width: int) -> list[int] | None:
    """A section's entries side by side in one row (``Section.columns``), each as wide as
    its swatch and label need; None when they do not fit ``width``."""
    widths = [
        _swatch_width(e) + _LABEL_PAD + int((len(e.label) + 1) * LEGEND_PT * _EM * PT)
        for e in section.entries
    ]
    return widths if sum(widths) <= width else None


def _section_height(section: Section, width: int) -> int:
    if section.columns > 1 and _entry_widths(section, width) is not None:
        return _ROW
    return sum(_ROW * _lines(e, width) for e in section.entries)


def legend_height() -> int:
    """The column's height (EMU)."""
    inner = LEGEND_WIDTH - 2 * _PAD
    return 2 * _PAD + sum(_HEAD + _section_height(s, inner) for s in SECTIONS)


def picture_room(room: Box) -> Box:
    """The part of the map's ``room`` the picture takes: all but the legend's column."""
    return Box(room.left, room.top, room.width - LEGEND_WIDTH - LEGEND_GAP, room.height)


def draw_legend(slide: Any, room: Box) -> Any:
    """The legend as one group of shapes at the right of the map's ``room``, from its top."""
    group = _Shapes(slide.shapes)
    left, top = room.right - LEGEND_WIDTH, room.top
    panel = _shape(group, "ROUNDED_RECTANGLE", Box(left, top, LEGEND_WIDTH, legend_height()))
    panel.adjustments[0] = 0.04
    _fill(panel, _CARD, _PANEL_BORDER)
    x, y = left + _PAD, top + _PAD
    inner = LEGEND_WIDTH - 2 * _PAD
    for section in SECTIONS:
        _label(group, Box(x, y, inner, _HEAD), section.heading.upper(), bold=True, colour=_SUBTEXT)
        y += _HEAD
        widths = _entry_widths(section, inner) if section.columns > 1 else None
        if widths is not None:
            at = x
            for entry, width in zip(section.entries, widths, strict=True):
                _entry(group, Box(at, y, width, _ROW), entry)
                at += width
            y += _ROW
            continue
        for entry in section.entries:
            tall = _ROW * _lines(entry, inner)
            _entry(group, Box(x, y, inner, tall), entry)
            y += tall
    # grouped once drawn: python-pptx measures a group again at each shape added to it
    legend = slide.shapes.add_group_shape(group.made)
    legend.name = "Map legend"
    return legend


class _Shapes:
    """The slide's shapes, noting the ones the legend adds (to group them at the end)."""

    def __init__(self, shapes: Any) -> None:
        self.shapes = shapes
        self.made: list[Any] = []

    def add(self, shape: Any) -> Any:
        self.made.append(shape)
        return shape


def _entry(group: _Shapes, box: Box, entry: Entry) -> None:
    """The swatches level with the label's first line, the label right of them."""
    width = _swatch_width(entry)
    each = width // len(entry.swatches)
    for i, swatch in enumerate(entry.swatches):
        _swatch(group, Box(box.left + i * each, box.top, each, _ROW), swatch)
    _label(group, Box(box.left + width, box.top, box.width - width, box.height), entry.label)


def _swatch(group: _Shapes, cell: Box, swatch: Swatch) -> None:
    """One mark, centred in the first line of ``cell`` (a row's height)."""
    mid = cell.top + cell.height // 2
    pad = int(0.03 * INCH)
    mark = swatch.mark
    if mark == "chip":
        box = Box(cell.left, mid - int(0.05 * INCH), cell.width - pad, int(0.1 * INCH))
        shape = _shape(group, "ROUNDED_RECTANGLE", box)
        _fill(shape, swatch.fill, None)
    elif mark == "ring":
        d = int(0.12 * INCH)
        shape = _shape(group, "OVAL", Box(cell.left, mid - d // 2, d, d))
        _fill(shape, swatch.fill, swatch.line, width=2.0)
    elif mark == "line":
        _connector(group, cell.left, mid, cell.left + cell.width - 2 * pad, swatch)
    elif mark in ("card", "faded"):
        box = Box(cell.left, mid - int(0.06 * INCH), int(0.3 * INCH), int(0.12 * INCH))
        shape = _shape(group, "ROUNDED_RECTANGLE", box)
        _fill(shape, swatch.fill, swatch.line, dashed=mark == "faded")
        if mark == "faded":
            _transparent(shape, 55)
    elif mark == "member":
        box = Box(cell.left, mid - int(0.06 * INCH), int(0.3 * INCH), int(0.12 * INCH))
        _fill(_shape(group, "HEXAGON", box), swatch.fill, swatch.line)
    elif mark == "badge":
        d = int(0.13 * INCH)
        shape = _shape(group, "OVAL", Box(cell.left, mid - d // 2, d, d))
        _fill(shape, swatch.fill, None)
        _word(shape, swatch.text, swatch.ink)
    elif mark == "dots":
        d = int(0.05 * INCH)
        for i in range(5):
            dot = Box(cell.left + i * int(0.07 * INCH), mid - d // 2, d, d)
            _fill(_shape(group, "OVAL", dot), swatch.fill if i < 3 else swatch.line, None)
    elif mark == "tag":
        box = Box(cell.left, mid - int(0.085 * INCH), cell.width - pad, int(0.17 * INCH))
        shape = _shape(group, "ROUNDED_RECTANGLE", box)
        shape.adjustments[0] = 0.5
        _fill(shape, swatch.fill, swatch.line)
        _word(shape, swatch.text, swatch.ink)
    elif mark == "bar":
        box = Box(cell.left, mid - int(0.025 * INCH), int(0.3 * INCH), int(0.05 * INCH))
        _fill(_shape(group, "RECTANGLE", box), swatch.fill, None)


def _shape(group: _Shapes, kind: str, box: Box) -> Any:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu

    shape = group.add(
        group.shapes.add_shape(
            getattr(MSO_SHAPE, kind), Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)
        )
    )
    shape.shadow.inherit = False
    if shape.has_text_frame:
        shape.text_frame.text = ""
    return shape


def _fill(
    shape: Any, fill: str, line: str | None, *, width: float = 0.75, dashed: bool = False
) -> None:
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.util import Pt

    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(fill)
    if line is None:
        shape.line.fill.background()
        return
    shape.line.color.rgb = rgb(line)
    shape.line.width = Pt(width)
    if dashed:
        shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH


def _transparent(shape: Any, percent: int) -> None:
    """The fill at ``percent`` % opacity (a faded card, as the map draws one who left)."""
    from pptx.oxml.ns import qn

    colour = shape.fill._xPr.find(qn("a:solidFill"))[0]
    alpha = colour.makeelement(qn("a:alpha"), {"val": str(percent * 1000)})
    colour.append(alpha)


def _word(shape: Any, text: str, colour: str) -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Emu, Pt

    frame = shape.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(0)
    frame.word_wrap = False
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.CENTER
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(LEGEND_PT)
    run.font.bold = True
    run.font.color.rgb = rgb(colour)


def _connector(group: _Shapes, x0: int, y: int, x1: int, swatch: Swatch) -> None:
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.oxml.ns import qn
    from pptx.util import Emu, Pt

    line = group.add(
        group.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(x0), Emu(y), Emu(x1), Emu(y))
    )
    line.line.color.rgb = rgb(swatch.line)
    line.line.width = Pt(2.0 if swatch.arrow else 1.5)
    if swatch.dashed:
        line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    if swatch.arrow:
        ln = line.line._get_or_add_ln()
        ln.append(ln.makeelement(qn("a:tailEnd"), {"type": "triangle", "w": "med", "len": "med"}))


def _label(
    group: _Shapes, box: Box, text: str, *, bold: bool = False, colour: str = palette.INK
) -> None:
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Emu, Pt

    shape = group.add(
        group.shapes.add_textbox(Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height))
    )
    frame = shape.text_frame
    frame.word_wrap = True
    frame.margin_left = Emu(_LABEL_PAD)
    frame.margin_right = frame.margin_bottom = Emu(0)
    frame.margin_top = Emu(PT * 2)  # the first line level with its swatches
    frame.vertical_anchor = MSO_ANCHOR.TOP
    run = frame.paragraphs[0].add_run()
    run.text = clean_text(text)
    run.font.size = Pt(LEGEND_PT)
    run.font.bold = bold
    run.font.color.rgb = rgb(colour)
