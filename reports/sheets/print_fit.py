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
from typing import Any

from reports.xlsx_kit import SheetWriter

PRINTABLE_IN = 11.0 - 2 * 0.4  # Letter landscape less the side margins (A4 is wider)
# A4 landscape less the side margins: printed at its larger scale, a page holds the fewest rows
WIDEST_IN = 11.69 - 2 * 0.4
BODY_PT = 11.0  # the sheets' text
MIN_PRINT_PT = 8.25  # the smallest text a printed page may show (8 pt, and a margin)
MAX_SHEET_IN = PRINTABLE_IN * BODY_PT / MIN_PRINT_PT
MIN_CHART_CM = 10.0
MIN_TEXT_WIDTH = 14.0
DEFAULT_WIDTH = 8.43
PRINTABLE_PT = (8.27 - 0.6 - 0.8) * 72  # A4 landscape less the top and bottom margins
DEFAULT_ROW_PT = 15.0


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


def _printed_height(ws: Any) -> float:
    """Points the sheet's rows and charts take down the page at full size."""
    return sum(_row_heights(ws))


def fit_pages(w: SheetWriter) -> None:
    """A sheet that runs a little onto one more page prints on one page fewer, when its text
    stays at ``MIN_PRINT_PT`` or more: no page holding the last two rows of a table. Called
    after ``finish`` (the rows have their heights then); a sheet with a page break of its own,
    or a print area, keeps its pages."""
    ws = w.ws
    if ws.row_breaks.brk or ws.print_area:
        return
    _fewer_pages(ws, printed_width(w), _printed_height(ws))


def fit_print_area(w: SheetWriter, last_col: int, last_row: int) -> None:
    """``fit_pages`` for a sheet printing only its columns and rows up to ``last_col`` and
    ``last_row`` (a big account's key people above the full, unprinted list)."""
    widths = w.column_widths()
    _fewer_pages(w.ws, _edge(widths, last_col + 1), sum(_row_heights(w.ws)[: last_row + 1]))


def _fewer_pages(ws: Any, width: float, height: float) -> None:
    # pages counted on the paper that holds the fewest rows (A4, printed at its larger scale)
    across = min(1.0, WIDEST_IN / max(width, 0.1))
    pages = -(-height * across // PRINTABLE_PT)
    if pages < 2:
        return
    # a row never splits: each page but the last may end a row short, and the pages after
    # the first repeat the title row (a single page needs neither)
    tallest = max((d.height or DEFAULT_ROW_PT for d in ws.row_dimensions.values()), default=0.0)
    needed = height + (pages - 2) * (max(tallest, DEFAULT_ROW_PT) + 2 * DEFAULT_ROW_PT)
    fewer = PRINTABLE_PT * (pages - 1) / needed  # the scale that fits one page fewer
    if fewer * BODY_PT >= MIN_PRINT_PT:
        ws.page_setup.fitToHeight = int(pages - 1)


def balance_pages(w: SheetWriter) -> None:
    """After ``fit_pages``, for a sheet that still runs onto a second page: a page break that
    shares its rows evenly between the two pages, so the second does not hold the last row or
    two of a table alone. Breaks fall between a table's rows or before a section (a row after
    an empty one), never inside a chart or above a table's second row. Worked out for the
    paper that holds the fewest rows, so no automatic break comes first; an office suite that
    prints smaller (LibreOffice without Calibri) only leaves more room at the foot of a page.
    """
    from openpyxl.worksheet.pagebreak import Break

    ws = w.ws
    if ws.page_setup.fitToHeight or ws.row_breaks.brk or ws.print_area:
        return  # printed on fewer pages already, or its pages are set
    scale = min(1.0, WIDEST_IN / max(printed_width(w), 0.1))
    room = PRINTABLE_PT / scale  # sheet points a printed page holds
    heights = _row_heights(ws)
    last = len(heights) - 1
    title = _title_row(ws)
    repeat = heights[title] if title else 0.0
    allowed = _break_points(w, last)
    # the fewest pages, then the tallest page as short as can be: over the allowed breaks
    prefix = [0.0]
    for r in range(1, last + 1):
        prefix.append(prefix[-1] + heights[r])

    def page(start: int, end: int) -> float:  # rows start..end-1 on one page
        return prefix[end - 1] - prefix[start - 1] + (repeat if title and start > title else 0)

    # cost[r] = (pages, tallest) to print rows 1..r-1, with a page starting at r
    cost: dict[int, tuple[int, float, list[int]]] = {1: (0, 0.0, [])}
    for end in [*allowed, last + 1]:
        for start, (pages, tallest, breaks) in list(cost.items()):
            if start >= end:
                continue
            height = page(start, end)
            if height > room:
                continue
            option = (pages + 1, max(tallest, height), [*breaks, end] if end <= last else breaks)
            known = cost.get(end)
            if known is None or option[:2] < known[:2]:
                cost[end] = option
    best = cost.get(last + 1)
    if best is None or best[0] != 2:
        # one page needs no break; a sheet of three pages or more is a long table whose
        # pages the office suite fills (a balanced share would print more, emptier pages
        # where the suite prints smaller)
        return
    for row in best[2]:
        ws.row_breaks.append(Break(id=row - 1))


def _chart_rows(ws: Any) -> list[tuple[int, int]]:
    """The first and last row each chart covers."""
    from openpyxl.utils.cell import coordinate_from_string

    spans = []
    for chart in getattr(ws, "_charts", []):
        anchor = chart.anchor if isinstance(chart.anchor, str) else None
        if anchor is None:
            continue
        row = coordinate_from_string(anchor)[1]
        spans.append((row, row + int(chart.height / 2.54 * 72 // DEFAULT_ROW_PT) + 1))
    return spans


def _row_heights(ws: Any) -> list[float]:
    """Each row's height in points (index 0 unused), down to the last row a chart covers."""
    rows = max([ws.max_row, *(end for _, end in _chart_rows(ws))])
    sized = ws.row_dimensions
    return [0.0] + [
        ((sized[r].height or DEFAULT_ROW_PT) if r in sized else DEFAULT_ROW_PT)
        for r in range(1, rows + 1)
    ]


def _title_row(ws: Any) -> int:
    """The row repeated atop each printed page (0 for none)."""
    rows = ws.print_title_rows
    if not rows:
        return 0
    return int(str(rows).split(":")[0].strip("$"))


def _break_points(w: SheetWriter, last: int) -> list[int]:
    """Rows a page may start at: a table's second data row or later, or a section (a row
    after an empty one), never inside a chart."""
    ws = w.ws
    within = {r for table in w.tables for r in range(table.first_row + 1, table.last_row + 1)}
    filled = {cell.row for row in ws.iter_rows(max_row=last) for cell in row if cell.value}
    first = min((table.header_row for table in w.tables), default=last + 1)
    charts = _chart_rows(ws)
    points = []
    for r in range(first + 2, last + 1):
        section = r in filled and r - 1 not in filled
        if not (r in within or section):
            continue
        if any(top < r <= end for top, end in charts):
            continue
        points.append(r)
    return points


# (printable width in inches, printable height in points) of the smaller of A4 and Letter
LANDSCAPE = (PRINTABLE_IN, PRINTABLE_PT)
PORTRAIT = (8.27 - 2 * 0.4, (11.0 - 0.6 - 0.8) * 72)


def fit_one_page(w: SheetWriter) -> None:
    """A sheet meant to print on one page (the Summary): portrait or landscape, whichever
    shows it larger; when even that would print its text under ``MIN_PRINT_PT``, it runs on
    to a second page instead. Called after ``finish``."""
    ws = w.ws
    width, height = printed_width(w), _printed_height(ws)

    def scale(paper: tuple[float, float]) -> float:
        return min(1.0, paper[0] / max(width, 0.1), paper[1] / max(height, 1.0))

    portrait = scale(PORTRAIT) > scale(LANDSCAPE)
    ws.page_setup.orientation = "portrait" if portrait else "landscape"
    best = max(scale(PORTRAIT), scale(LANDSCAPE))
    ws.page_setup.fitToHeight = 1 if best * BODY_PT >= MIN_PRINT_PT else 0
