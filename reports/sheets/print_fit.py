"""Sheets that print at a readable size: no text under 8 pt on the page.

Every sheet prints landscape, fit to one page wide (``reports.xlsx_kit.print_setup``), so a sheet
wider than the paper prints smaller: Excel and LibreOffice shrink the whole page. ``fit_to_print``
is called before ``SheetWriter.finish`` and keeps the printed width within what the narrower of
our papers (Letter, landscape) holds at ``MIN_PRINT_PT``: first the charts beside the tables get
narrower (down to ``MIN_CHART_CM``), then the widest text columns wrap onto more lines (down to
``MIN_TEXT_WIDTH``); the rows grow to their wrapped text in ``finish``.
"""

from __future__ import annotations

from collections.abc import Iterable

from reports.xlsx_kit import SheetWriter

PRINTABLE_IN = 11.0 - 2 * 0.4  # Letter landscape less the side margins (A4 is wider)
BODY_PT = 11.0  # the sheets' text
MIN_PRINT_PT = 8.25  # the smallest text a printed page may show (8 pt, and a margin)
MAX_SHEET_IN = PRINTABLE_IN * BODY_PT / MIN_PRINT_PT
MIN_CHART_CM = 10.0
MIN_TEXT_WIDTH = 14.0
DEFAULT_WIDTH = 8.43


def column_inches(width: float) -> float:
    """A column's width on paper: Excel's pixels for ``width`` characters of Calibri 11."""
    return (int(width * 7) + 5) / 96


def _edge(widths: dict[int, float], col: int) -> float:
    """Inches from the sheet's left edge to the left of ``col``."""
    return sum(column_inches(widths.get(c, DEFAULT_WIDTH)) for c in range(1, col))


def printed_width(w: SheetWriter) -> float:
    """Inches the sheet's columns and charts beside its tables take across."""
    widths = w.column_widths()
    last = max(widths, default=0)
    width = _edge(widths, last + 1)
    if w.beside:
        col = max(table.last_col for _, table in w.beside) + 2
        width = max(width, _edge(widths, col) + max(c.width for c, _ in w.beside) / 2.54)
    return width


def _text_columns(w: SheetWriter) -> Iterable[int]:
    """Columns of the tables that hold only text (numbers and dates never wrap)."""
    kinds: dict[int, bool] = {}
    for table, rows in w.written.items():
        for cells in rows:
            for c, cell in enumerate(cells, start=table.first_col):
                if cell.value is not None:
                    kinds[c] = kinds.get(c, True) and isinstance(cell.value, str)
    return [c for c, text in kinds.items() if text]


def fit_to_print(w: SheetWriter) -> None:
    """Narrow the charts, then wrap the widest text columns, until the sheet prints with its
    text at ``MIN_PRINT_PT`` or more (as far as the floors allow)."""
    over = printed_width(w) - MAX_SHEET_IN
    if over <= 0:
        return
    for chart, _ in w.beside:
        chart.width = max(MIN_CHART_CM, chart.width - over * 2.54)
    text = list(_text_columns(w))
    while (over := printed_width(w) - MAX_SHEET_IN) > 0:
        widths = w.column_widths()
        wide = [c for c in text if widths.get(c, DEFAULT_WIDTH) > MIN_TEXT_WIDTH]
        if not wide:
            return
        col = max(wide, key=lambda c: widths[c])
        w.fixed[col] = max(MIN_TEXT_WIDTH, widths[col] - 1.0)
