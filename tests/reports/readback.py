"""Every text a written deck or workbook shows, read back from the file as a reader would get it.

Charts are read from their XML parts (openpyxl drops charts on reading): titles, series names
and the categories cached for PowerPoint and Excel to draw.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_TEXT = re.compile(r"<(?:a:t|c:v)>([^<]*)</(?:a:t|c:v)>")


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


def chart_texts(path: Path) -> Iterator[tuple[str, str]]:
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if "/charts/chart" in name and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                for found in _TEXT.finditer(xml):
                    yield name, _unescape(found.group(1))


def _shapes(shapes: Any) -> Iterator[Any]:
    for shape in shapes:
        if shape.shape_type == 6:  # a group
            yield from _shapes(shape.shapes)
        else:
            yield shape


def deck_texts(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every text frame, table cell and notes page, then the charts."""
    from pptx import Presentation

    prs = Presentation(str(path))
    for number, slide in enumerate(prs.slides, start=1):
        for shape in _shapes(slide.shapes):
            if shape.has_text_frame:
                yield f"slide {number}", shape.text_frame.text
            if getattr(shape, "has_table", False):
                for row in shape.table.rows:
                    for cell in row.cells:
                        yield f"slide {number} table", cell.text_frame.text
        if slide.has_notes_slide:
            yield f"slide {number} notes", slide.notes_slide.notes_text_frame.text
    yield from chart_texts(path)


def workbook_texts(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text) for every cell, header, footer and sheet name, then the charts."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    for sheet in book:
        yield sheet.title, sheet.title
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield f"{sheet.title}!{cell.coordinate}", str(cell.value)
        for part in (sheet.oddHeader, sheet.oddFooter):
            for side in (part.left, part.center, part.right):
                if side.text:
                    yield f"{sheet.title} header/footer", side.text
    yield from chart_texts(path)
