"""Building blocks of the workbook's sheets: titles, real Excel tables, notes, print setup.

A ``SheetWriter`` lays content out from the top down, records how wide each column's content
is, and finishes the sheet with column widths, frozen panes and a landscape, fit-to-width print
setup. Every value goes through ``xlsx_safety.put``, so no text ever becomes a formula.
openpyxl is imported inside the functions that use it, to keep start-up fast.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reports import palette
from reports.text_width import PADDING, WIDE, wrapped_lines
from reports.xlsx_safety import put

DATE = "d mmm yyyy"
INT = "#,##0"
DEC1 = "#,##0.0"
PCT = "0%"
SIGNED_PCT = "+0.0%;-0.0%;0.0%"
SIGNED = "+#,##0.0;-#,##0.0;0"
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥", "INR": "₹"}
MIN_WIDTH, MAX_WIDTH, WRAP_WIDTH = 6.0, 32.0, 30.0
LONG_TABLE = 15  # rows after which what follows a table starts on a new printed page
LINE_HEIGHT = 15.0  # points per line of 11 pt text
CHART_ROWS = 16  # rows a 7.5 cm chart covers at the default row height


def money_format(currency: str) -> str:
    symbol = _SYMBOLS.get(currency.upper())
    if symbol:
        return f'"{symbol}"#,##0'
    code = "".join(ch for ch in currency.upper() if ch.isalpha())[:3] or "USD"
    return f'#,##0 "{code}"'


@dataclass(frozen=True)
class Column:
    header: str
    fmt: str | None = None
    wrap: bool = False
    width: float | None = None


@dataclass(frozen=True)
class TableRef:
    """Where a table landed: for chart references and tests."""

    name: str
    header_row: int
    first_row: int
    last_row: int
    first_col: int
    last_col: int

    def col(self, index: int) -> int:
        """Sheet column of the table's ``index``-th column (0-based)."""
        return self.first_col + index


_ALIGN: dict[str, dict[str, Any]] = {
    "text": {},
    "date": {"horizontal": "center"},
    "number": {"horizontal": "right", "indent": 1},
}
_PLAIN_ALIGN: dict[str, dict[str, Any]] = {
    "text": {},
    "date": {"horizontal": "right"},
    "number": {"horizontal": "right"},
}
STYLED_ROWS = 300  # tables longer than this keep their cells' default alignment


def _kind(fmt: str | None) -> str:
    if fmt is None:
        return "text"
    return "date" if fmt == DATE else "number"


def _display_length(value: object, fmt: str | None) -> float:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 11
    if isinstance(value, float | int) and not isinstance(value, bool):
        text = f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
        return len(text) + (3 if fmt and ('"' in fmt or "%" in fmt) else 1)
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_length(values: Sequence[object], fmt: str | None) -> float:
    """The longest ``_display_length`` of ``values``, worked out per type over the column: a
    text's length (its longest line when it has several); a number's from the column's
    largest and smallest, since its shown length grows with its size."""
    best = 0.0
    texts = [v for v in values if type(v) is str]
    if texts:
        several = _LINE_BREAK.search("".join(texts)) is not None
        best = float(max(map(_text_length if several else len, texts)))
    ints = [v for v in values if type(v) is int]
    floats = [v for v in values if type(v) is float]
    rest = [v for v in values if v is not None and type(v) not in (str, int, float)]
    if not all(map(math.isfinite, floats)):  # "nan" and "inf" have no place in an order
        rest, floats = rest + floats, []
    for some in (ints, floats):
        if some:
            best = max(best, _display_length(max(some), fmt), _display_length(min(some), fmt))
    return max(best, *(_display_length(v, fmt) for v in rest)) if rest else best


# what str.splitlines splits at
_LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _text_length(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def lines_needed(text: str, width: float, bold: bool = False) -> int:
    """Lines ``text`` takes when wrapped in a column ``width`` characters wide (measured per
    character: ``reports.text_width``)."""
    return wrapped_lines(text, width, bold)


def repeat_header(table: TableRef | None) -> str | None:
    """Print rows to repeat on every page: the header of ``table`` when it runs long."""
    if table is None or table.last_row - table.header_row <= LONG_TABLE:
        return None
    return f"{table.header_row}:{table.header_row}"


class SheetWriter:
    def __init__(self, ws: Any) -> None:
        from openpyxl import styles

        self.ws = ws
        self.styles: Any = styles
        self.row = 1
        self.widths: dict[int, float] = {}
        self.fixed: dict[int, float] = {}
        self.wraps: set[int] = set()
        self.tables: list[TableRef] = []
        self.beside: list[tuple[Any, TableRef]] = []
        self.header_rows: set[int] = set()
        # Each table's data cells as written, row by row: finishing a sheet reads them back
        # without asking the worksheet for each cell again.
        self.written: dict[TableRef, list[list[Any]]] = {}

    # --- content ------------------------------------------------------------------------------

    def cell(self, row: int, col: int, value: object, fmt: str | None = None) -> Any:
        cell = put(self.ws.cell(row=row, column=col), value)
        if fmt:
            cell.number_format = fmt
        return cell

    def title(self, title: str, subtitle: str) -> None:
        f = self.styles
        self.cell(1, 1, title).font = f.Font(name="Calibri", size=16, bold=True, color=palette.INK)
        self.cell(2, 1, subtitle).font = f.Font(name="Calibri", size=10, color=palette.MUTED)
        self.ws.row_dimensions[1].height = 24
        self.row = 4

    def heading(self, text: str, note: str = "") -> None:
        f = self.styles
        cell = self.cell(self.row, 1, text)
        cell.font = f.Font(name="Calibri", size=12, bold=True, color=palette.PRIMARY)
        self.row += 1
        if note:
            self.note(note)

    def note(self, text: str, col: int = 1) -> Any:
        cell = self.cell(self.row, col, text)
        cell.font = self.styles.Font(name="Calibri", size=10, italic=True, color=palette.MUTED)
        self.row += 1
        return cell

    def gap(self, rows: int = 1) -> None:
        self.row += rows

    def table(
        self,
        name: str,
        columns: Sequence[Column],
        rows: Sequence[Sequence[object]],
        *,
        empty: str,
        col: int = 1,
        advance: bool = True,
    ) -> TableRef | None:
        """Write a real Excel table (with filters) at the current row; ``empty`` if no rows."""
        if not rows:
            self.note(empty, col)
            self.row += 1
            return None
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.filters import AutoFilter
        from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

        f = self.styles
        top = self.row
        header_font = f.Font(name="Calibri", bold=True, color=palette.HEADER_TEXT)
        header_fill = f.PatternFill("solid", fgColor=palette.HEADER_FILL)
        # A header stands over its figures: numbers right-aligned (indented one space from the
        # text column to their right), dates centred, text left. A long table (the everyone
        # list of a big account) keeps the default alignment of its cells: a style on each of
        # thousands of cells costs seconds, and numbers and dates are right-aligned anyway.
        spec_of = _ALIGN if len(rows) <= STYLED_ROWS else _PLAIN_ALIGN
        header_align = {
            kind: f.Alignment(vertical="center", wrap_text=True, **spec)
            for kind, spec in spec_of.items()
        }
        cell_align = {
            (kind, wrapped): f.Alignment(vertical="top", wrap_text=wrapped, **spec)
            for kind, spec in spec_of.items()
            for wrapped in (False, True)
        }
        header_cells = []
        for i, column in enumerate(columns):
            c = col + i
            cell = self.cell(top, c, column.header)
            header_cells.append(cell)
            cell.font, cell.fill = header_font, header_fill
            cell.alignment = header_align[_kind(column.fmt)]
            self._measure(c, column.header, None, header=True)
            if column.width is not None:
                self.fixed[c] = column.width
            if column.wrap:
                self.wraps.add(c)
        styled = len(rows) <= STYLED_ROWS
        aligns = [cell_align[(_kind(c.fmt), c.wrap)] if styled or c.wrap else None for c in columns]
        written = self._write_rows(top + 1, col, columns, aligns, rows)
        for i, column in enumerate(columns):
            length = column_length([values[i] for values in rows], column.fmt)
            self.widths[col + i] = max(self.widths.get(col + i, 0.0), length)
        last_row = top + len(rows)
        ref = f"{get_column_letter(col)}{top}:{get_column_letter(col + len(columns) - 1)}{last_row}"
        # The columns named here, from the headers as written: left unnamed, openpyxl names
        # them at save by reading the whole table's range back, cell by cell.
        headers = [TableColumn(id=col + i, name=str(h.value)) for i, h in enumerate(header_cells)]
        table = Table(
            displayName=name, ref=ref, tableColumns=headers, autoFilter=AutoFilter(ref=ref)
        )
        table.tableStyleInfo = TableStyleInfo(
            name="TableStyleLight9", showRowStripes=True, showColumnStripes=False
        )
        self.ws.add_table(table)
        placed = TableRef(name, top, top + 1, last_row, col, col + len(columns) - 1)
        self.tables.append(placed)
        self.written[placed] = written
        if advance:
            self.row = last_row + 2
        return placed

    def _write_rows(
        self,
        first_row: int,
        col: int,
        columns: Sequence[Column],
        aligns: Sequence[Any],
        rows: Sequence[Sequence[object]],
    ) -> list[list[Any]]:
        """A table's data cells, row by row. A column's cells share one style: the first is
        styled through openpyxl, the others take a copy of its style (openpyxl's own way of
        copying a cell's style), not a look-up of the format and alignment per cell."""
        from copy import copy

        ws = self.ws
        styles: list[Any] = [None] * len(columns)
        written: list[list[Any]] = []
        for r, values in enumerate(rows, start=first_row):
            cells = []
            for i, value in enumerate(values):
                cell = ws.cell(row=r, column=col + i)
                style = styles[i]
                if style is not None:
                    cell._style = copy(style)
                else:
                    # the format before the value: a date given a format needs no default one
                    fmt, align = columns[i].fmt, aligns[i]
                    if fmt:
                        cell.number_format = fmt
                    if align is not None:
                        cell.alignment = align
                    styles[i] = copy(cell._style)
                put(cell, value)
                cells.append(cell)
            if len(cells) != len(columns):
                raise ValueError(f"row {r} has {len(cells)} values for {len(columns)} columns")
            written.append(cells)
        return written

    def page_break(self, after: TableRef | None = None, *, always: bool = False) -> None:
        """Start what follows on a new printed page: after a long table, or ``always``.

        A short or missing table never forces a break: a 4-row table alone on a page, or an
        empty section followed by a blank page, is what the printout must not show.
        """
        from openpyxl.worksheet.pagebreak import Break

        long_table = after is not None and after.last_row - after.header_row > LONG_TABLE
        if always or long_table:
            self.ws.row_breaks.append(Break(id=self.row - 1))

    def chart_beside(self, chart: Any, table: TableRef | None, rows: int = CHART_ROWS) -> None:
        """Put ``chart`` right of ``table``, top-aligned; skip it without data.

        Every chart placed this way on a sheet lines up in one column, two columns right of the
        widest of their tables (placed by ``finish``).
        """
        if table is None:
            return
        self.beside.append((chart, table))
        self.row = max(self.row, table.last_row + 2, table.header_row + rows + 1)

    def chart_at(self, chart: Any, row: int, col: int) -> None:
        from openpyxl.utils import get_column_letter

        self.ws.add_chart(chart, f"{get_column_letter(col)}{row}")

    def _wrap_overflow(self, table: TableRef, widths: dict[int, float]) -> None:
        """Wrap what does not fit its column and give each row the height of its wrapped text.

        Neither Excel nor LibreOffice grows a row for wrapped text written by a program: a row
        left at the default height shows one line and cuts (or overlaps) the rest.
        """
        ws, f = self.ws, self.styles
        wrap = f.Alignment(wrap_text=True, vertical="top")
        header_lines = 1
        for c in range(table.first_col, table.last_col + 1):
            header = str(ws.cell(row=table.header_row, column=c).value or "")
            room = widths.get(c, MIN_WIDTH) - 3  # the filter button
            header_lines = max(header_lines, lines_needed(header, room, bold=True))
        if header_lines > 1:
            ws.row_dimensions[table.header_row].height = LINE_HEIGHT * header_lines + 3
        columns = range(table.first_col, table.last_col + 1)
        written = self.written.get(table) or [
            [ws.cell(row=r, column=c) for c in columns]
            for r in range(table.first_row, table.last_row + 1)
        ]
        # Column by column, only the texts that may not fit one line are measured: longer
        # than a line holds, or broken into lines (most of a big table's cells fit).
        long: dict[int, list[tuple[int, int]]] = defaultdict(list)  # row: (column, lines)
        top_aligned: dict[tuple[Any, ...], Any] = {}
        for i, c in enumerate(columns):
            width = widths.get(c, MIN_WIDTH)
            # no character is wider than WIDE digits: a shorter text surely fits one line
            per_line = max(1, int((width - PADDING) / WIDE))
            measured: dict[str, int] = {}  # a column repeats its texts (titles, departments)
            for n, cells in enumerate(written):
                value = cells[i].value
                if isinstance(value, str) and (len(value) > per_line or "\n" in value):
                    needed = measured.get(value)
                    if needed is None:
                        needed = measured[value] = lines_needed(value, width)
                    long[n].append((i, needed))
        for n in sorted(long):
            r, cells, lines = table.first_row + n, written[n], 1
            for i, needed in sorted(long[n]):
                if needed > 1 and columns[i] not in self.wraps:
                    cells[i].alignment = wrap
                lines = max(lines, needed)
            if lines > 1:
                ws.row_dimensions[r].height = LINE_HEIGHT * lines + 3
                for cell in cells:
                    old = cell.alignment
                    if old.vertical != "top":  # a tall row reads from its top
                        key = (old.horizontal, old.indent, old.wrap_text)
                        if key not in top_aligned:
                            top_aligned[key] = f.Alignment(
                                horizontal=old.horizontal,
                                indent=old.indent,
                                wrap_text=old.wrap_text,
                                vertical="top",
                            )
                        cell.alignment = top_aligned[key]

    def column_widths(self) -> dict[int, float]:
        """The widths ``finish`` will give, by column number."""
        widths: dict[int, float] = {}
        for col, length in self.widths.items():
            cap = WRAP_WIDTH if col in self.wraps else MAX_WIDTH
            widths[col] = self.fixed.get(col, min(cap, max(MIN_WIDTH, length + 2)))
        return widths

    def column_at(self, cm: float) -> int:
        """The first column that starts at least ``cm`` from the left edge of the sheet."""
        widths = self.column_widths()
        col, edge = 1, 0.0
        while edge < cm:
            edge += (int(widths.get(col, 8.43) * 7) + 5) / 96 * 2.54
            col += 1
        return col

    def _measure(self, col: int, value: object, fmt: str | None, header: bool = False) -> None:
        if header:
            # Long headers wrap onto two lines: room for the longest word and the filter button.
            text = str(value)
            longest = max((len(word) for word in text.split()), default=0)
            length = float(len(text) if len(text) <= 12 else max(longest, (len(text) + 1) // 2))
            length += 2
        else:
            length = _display_length(value, fmt)
        self.widths[col] = max(self.widths.get(col, 0.0), length)

    # --- finishing ----------------------------------------------------------------------------

    def finish(self, *, freeze: str | None, print_rows: str | None, landscape: bool = True) -> None:
        from openpyxl.utils import get_column_letter

        ws = self.ws
        widths = self.column_widths()
        for col, width in widths.items():
            ws.column_dimensions[get_column_letter(col)].width = width
        if self.beside:
            col = max(table.last_col for _, table in self.beside) + 2
            for chart, table in self.beside:
                ws.add_chart(chart, f"{get_column_letter(col)}{table.header_row}")
        for table in self.tables:
            self._wrap_overflow(table, widths)
        if freeze:
            ws.freeze_panes = freeze
        print_setup(ws, print_rows or self.print_titles(), landscape)

    def print_titles(self) -> str | None:
        """The header row of the sheet's longest table, to repeat atop every printed page it
        runs on: rows print after a page break (wrapped text, charts, the paper's length) even
        when a table looks short. Only one range may repeat, and the longest table is the one
        a break most likely cuts; a page that starts above that row shows no title (Excel and
        LibreOffice repeat it only from the page that holds it)."""
        if not self.tables:
            return None
        longest = max(self.tables, key=lambda table: table.last_row - table.header_row)
        return f"{longest.header_row}:{longest.header_row}"


def print_setup(ws: Any, title_rows: str | None, landscape: bool = True) -> None:
    """Landscape, every column on one page width, any number of pages down.

    The footer sits 0.3" above the paper's edge, well inside any printer's printable area,
    with the page margin leaving room above it (a footer at the edge loses its descenders).
    """
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = 0.6
    ws.page_margins.bottom = 0.8
    ws.page_margins.header = 0.3
    ws.page_margins.footer = 0.35
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = "Page &P of &N"
    ws.oddFooter.left.size = ws.oddFooter.right.size = 8


LETTER_CURRENCIES = ("USD", "CAD")
PAPER = {"letter": 1, "a4": 9}


def paper_for(currency: str, setting: str | None = None) -> str:
    """ "a4" or "letter": the setting if given, else Letter for US and Canadian dollars."""
    if setting:
        choice = setting.strip().lower()
        if choice not in PAPER:
            raise ValueError(f"unknown paper size {setting!r}: choose A4 or Letter")
        return choice
    return "letter" if currency.upper() in LETTER_CURRENCIES else "a4"


def set_paper(ws: Any, paper: str) -> None:
    ws.page_setup.paperSize = PAPER[paper]


def edition_footer(ws: Any, label: str) -> None:
    """The edition in the middle of every printed page's footer."""
    ws.oddFooter.center.text = label
    ws.oddFooter.center.size = 8
