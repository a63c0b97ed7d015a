"""Write Rapport's default QBR deck template: ``resources/deck/rapport.pptx``.

Run from the repository root: ``python tools/make_deck_template.py``. It starts from
python-pptx's own template (the eleven standard layouts, with their standard names), makes it
16:9, places the title top-left over a wide body area with a footer row at the bottom, and gives
it the house colours. Any company template with a title slide layout and a layout with a title
placeholder works in its place (see docs/DECK_TEMPLATE.md).
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.util import Emu, Inches, Pt

from reports import palette

OUT = Path(__file__).resolve().parents[1] / "resources" / "deck" / "rapport.pptx"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE = (MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.8))
BODY_TOP, BODY_BOTTOM = Inches(1.3), Inches(6.8)
FOOTER_TOP, FOOTER_H = Inches(6.95), Inches(0.35)
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
_FOOTERS = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)


def _place(shape: object, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = (  # type: ignore[attr-defined]
        Emu(left),
        Emu(top),
        Emu(width),
        Emu(height),
    )


def _restyle_layout(layout: object, old_width: int) -> None:
    scale = WIDTH / old_width
    for ph in layout.placeholders:  # type: ignore[attr-defined]
        kind = ph.placeholder_format.type
        if kind in _FOOTERS:
            continue
        if kind == PP_PLACEHOLDER.TITLE and ph.top < Inches(1):
            _place(ph, *TITLE)
            continue
        if kind == PP_PLACEHOLDER.CENTER_TITLE:
            _place(ph, Inches(0.9), Inches(2.2), Inches(11.5), Inches(1.5))
            continue
        if kind == PP_PLACEHOLDER.SUBTITLE:
            _place(ph, Inches(0.9), Inches(3.9), Inches(11.5), Inches(1.6))
            continue
        left, width = int(ph.left * scale), int(ph.width * scale)
        top = ph.top
        if top >= Inches(1.3) and top < Inches(2.2):  # the body under the title
            bottom = ph.top + ph.height
            top = BODY_TOP + (top - Inches(1.6) if top > Inches(1.6) else 0)
            _place(ph, left, top, width, min(bottom, BODY_BOTTOM) - top)
        else:
            _place(ph, left, ph.top, width, ph.height)
    _place_footers(layout.placeholders)  # type: ignore[attr-defined]


def _place_footers(placeholders: object) -> None:
    for ph in placeholders:  # type: ignore[attr-defined]
        kind = ph.placeholder_format.type
        if kind == PP_PLACEHOLDER.DATE:
            _place(ph, MARGIN, FOOTER_TOP, Inches(2.5), FOOTER_H)
        elif kind == PP_PLACEHOLDER.FOOTER:
            _place(ph, Inches(3.3), FOOTER_TOP, Inches(6.7), FOOTER_H)
        elif kind == PP_PLACEHOLDER.SLIDE_NUMBER:
            _place(ph, WIDTH - MARGIN - Inches(2.5), FOOTER_TOP, Inches(2.5), FOOTER_H)


def _text_styles(master: object) -> None:
    """Title: left, 28 pt bold ink; body: ink, a little smaller than PowerPoint's default."""
    styles = master._element.find(  # type: ignore[attr-defined]
        "{http://schemas.openxmlformats.org/presentationml/2006/main}txStyles"
    )
    title = styles[0].find("a:lvl1pPr", NS)
    title.set("algn", "l")
    run = title.find("a:defRPr", NS)
    run.set("sz", "2800")
    run.set("b", "1")
    _solid(run, palette.INK)
    for level, size in zip(range(1, 6), (2000, 1800, 1600, 1400, 1400), strict=True):
        props = styles[1].find(f"a:lvl{level}pPr", NS)
        if props is None:
            continue
        run = props.find("a:defRPr", NS)
        run.set("sz", str(size))
        _solid(run, palette.INK)


def _solid(run: etree._Element, color: str) -> None:
    for old in run.findall("a:solidFill", NS):
        run.remove(old)
    fill = etree.SubElement(run, f"{{{NS['a']}}}solidFill")
    etree.SubElement(fill, f"{{{NS['a']}}}srgbClr", val=color)
    # solidFill must come before the font elements in a:defRPr
    run.remove(fill)
    run.insert(0, fill)


def _accent(scratch: object, target: object, box: tuple[int, int, int, int]) -> None:
    """A house-blue bar, drawn on a scratch slide (masters and layouts cannot add shapes)."""
    bar = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, *box)  # type: ignore[attr-defined]
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor.from_string(palette.PRIMARY)
    bar.line.fill.background()
    bar.shadow.inherit = False
    # behind the placeholders: just after the group properties of the shape tree
    target._element.cSld.spTree.insert(2, copy.deepcopy(bar._element))  # type: ignore[attr-defined]


def _rule(scratch: object, target: object) -> None:
    line = scratch.shapes.add_connector(1, MARGIN, Inches(6.88), WIDTH - MARGIN, Inches(6.88))  # type: ignore[attr-defined]
    line.line.color.rgb = RGBColor.from_string(palette.RULE)
    line.line.width = Pt(0.75)
    target._element.cSld.spTree.insert(2, copy.deepcopy(line._element))  # type: ignore[attr-defined]


def build(out: Path = OUT) -> Path:
    prs = Presentation()
    old_width = prs.slide_width
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    master = prs.slide_master
    for ph in master.placeholders:
        kind = ph.placeholder_format.type
        if kind == PP_PLACEHOLDER.TITLE:
            _place(ph, *TITLE)
        elif kind == PP_PLACEHOLDER.BODY:
            _place(ph, MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, BODY_BOTTOM - BODY_TOP)
    _place_footers(master.placeholders)
    _text_styles(master)
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    _accent(scratch, master, (0, Inches(0.38), Inches(0.18), Inches(0.64)))
    _rule(scratch, master)
    for layout in prs.slide_layouts:
        _restyle_layout(layout, old_width)
    title_layout = prs.slide_layouts[0]
    _accent(scratch, title_layout, (0, 0, Inches(0.35), HEIGHT))
    # the title slide hides the master's bar and rule: a clean cover
    title_layout._element.set("showMasterSp", "0")
    slide_ids = prs.slides._sldIdLst
    prs.part.drop_rel(slide_ids[0].rId)
    slide_ids.remove(slide_ids[0])
    out.parent.mkdir(parents=True, exist_ok=True)
    prs.core_properties.title = "Rapport QBR template"
    prs.core_properties.author = "Rapport"
    prs.save(str(out))
    return out


if __name__ == "__main__":
    print(f"Wrote {build()}")
