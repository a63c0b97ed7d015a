"""The people list as an Excel workbook: what the CSV holds, with every cell kept as text.

Opened in Excel, a CSV's "+15550100" becomes the number 15550100 and "0207 946 0000" loses its
zero; a workbook says what each cell is. Every cell here is a text cell, so phone numbers,
cadences and attitudes read back exactly, and text that looks like a formula is flagged with
Excel's quote prefix (shown as typed, never run). The header row is frozen and filtered; the
contacts import reads the file back unchanged, like the CSV.
"""

from __future__ import annotations

import re
from typing import IO, Any

from graph.graph_files import xml_text

MAX_CELL_TEXT = 32_767
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_WIDTHS = {"Name": 24, "Title": 28, "Email": 30, "Notes": 40, "Known by": 24, "Reports to": 28}
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value: str) -> str:
    text = xml_text(_ILLEGAL.sub("", value)).replace("\r\n", "\n").replace("\r", "\n")
    return text if len(text) <= MAX_CELL_TEXT else text[: MAX_CELL_TEXT - 1] + "…"


def write_people_workbook(
    stream: IO[bytes], columns: tuple[str, ...], rows: list[list[str]], title: str
) -> None:
    from openpyxl import Workbook  # heavy: imported only when a workbook is written
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet: Any = book.active
    sheet.title = "People"
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        cells = []
        for value in values:
            cell = Cell(sheet, value=_text(value))
            cell.data_type = "s"  # text, whatever it looks like
            if cell.value and str(cell.value).startswith(_FORMULA_STARTS):
                cell.quotePrefix = True
            cells.append(cell)
        sheet.append(cells)
    for i, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(name, 14)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    book.properties.title = title
    book.save(stream)
