"""Excel workbooks (.xlsx), read defensively.

The zip directory is checked before openpyxl sees the file, so a zip bomb (a few kilobytes that
inflate to gigabytes) is refused at once. openpyxl parses the XML with defusedxml (installed with
Rapport), which refuses entity expansion ("billion laughs") and external entities.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from graph.imports.csvfile import RawRow
from graph.imports.errors import ImportFailed
from graph.imports.progress import Monitor
from graph.imports.sources import MAX_LINE_CHARS, MAX_ROWS

MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
MAX_COMPRESSION_RATIO = 1000  # real sheets compress 5-100x; bombs far more
_RATIO_CHECKED_ABOVE = 1024 * 1024
MAX_MEMBERS = 10_000
MAX_CELLS = 10_000_000
MAX_COLUMNS = 16_384  # Excel's own limit


@dataclass(frozen=True)
class Sheet:
    rows: list[RawRow]
    name: str


def check_zip(name: str, data: bytes) -> None:
    """Refuse damaged zips and zip bombs from the directory alone, before inflating anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ImportFailed.single(
            name, "the file looks like an Excel workbook but is damaged or incomplete"
        ) from None
    if len(members) > MAX_MEMBERS:
        raise ImportFailed.single(name, "the workbook has too many parts to be a real export")
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_CHECKED_ABOVE and ratio > MAX_COMPRESSION_RATIO:
            raise ImportFailed.single(
                name,
                f"the workbook part {member.filename!r} would inflate {ratio:,.0f} times; "
                "this looks like a zip bomb, not an export, and was not opened",
            )
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ImportFailed.single(
            name,
            f"the workbook would take {total / 1e6:,.0f} MB once unpacked; the limit is "
            f"{MAX_UNCOMPRESSED_BYTES / 1e6:,.0f} MB. Split it into smaller files.",
        )


def _trimmed(values: Iterable[object]) -> list[object]:
    cells = list(values)
    while cells and (cells[-1] is None or cells[-1] == ""):
        cells.pop()
    return cells


def read_sheet(
    name: str, data: bytes, sheet: str | None = None, monitor: Monitor | None = None
) -> Sheet:
    """The rows of one worksheet (the first one unless ``sheet`` names another)."""
    check_zip(name, data)
    from openpyxl import load_workbook  # heavy: imported only when a workbook is read

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds; all mean "cannot read it"
        raise ImportFailed.single(name, _unreadable(exc)) from None
    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise ImportFailed.single(
                name, f"the workbook has no sheet {sheet!r} (sheets: {', '.join(names)})"
            )
        if not names:
            raise ImportFailed.single(name, "the workbook has no worksheet")
        chosen = sheet or names[0]
        return Sheet(_rows(name, book[chosen], monitor), chosen)
    except ImportFailed:
        raise
    except Exception as exc:
        raise ImportFailed.single(name, _unreadable(exc)) from None
    finally:
        book.close()


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


def _more_rows_than(worksheet: object, limit: int) -> bool:
    """Whether the sheet's XML holds more than ``limit`` rows, counted on the raw bytes (a
    hundred times faster than reading the cells, so 3 million rows are refused in a second)."""
    source = getattr(worksheet, "_get_source", None)
    if source is None:
        return False
    count, tail = 0, b""
    with source() as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            count += len(_ROW_TAG.findall(data))
            if count > limit:
                return True
            # A tag cut at the chunk's end is counted with the next chunk.
            cut = data.rfind(b"<", max(len(data) - 64, 0))
            tail = data[cut:] if cut >= 0 else b""
            if tail:
                count -= len(_ROW_TAG.findall(tail))
    return False


def _rows(name: str, worksheet: object, monitor: Monitor | None) -> list[RawRow]:
    if _more_rows_than(worksheet, MAX_ROWS):
        raise ImportFailed.single(
            name, f"the sheet has more than {MAX_ROWS:,} rows; split it into smaller files"
        )
    reset = getattr(worksheet, "reset_dimensions", None)
    if reset is not None:
        reset()  # never trust the stored size: some writers claim a million empty rows
    rows: list[RawRow] = []
    cells = 0
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):  # type: ignore[attr-defined]
        if number > MAX_ROWS:  # counted as read: the stored size cannot be trusted
            raise ImportFailed.single(
                name, f"the sheet has more than {MAX_ROWS:,} rows; split it into smaller files"
            )
        row = _trimmed(values)
        if len(row) > MAX_COLUMNS:
            raise ImportFailed.single(
                name, "the row has more columns than Excel allows", row=number
            )
        for value in row:
            if isinstance(value, str) and len(value) > MAX_LINE_CHARS:
                raise ImportFailed.single(
                    name,
                    f"a cell holds more than {MAX_LINE_CHARS // 1024:,} KB of text; this does "
                    "not look like a real export",
                    row=number,
                )
        cells += len(row)
        if cells > MAX_CELLS:
            raise ImportFailed.single(
                name, f"the sheet has more than {MAX_CELLS:,} cells; split it into smaller files"
            )
        rows.append(RawRow(number, row))
        if monitor is not None and number % 2000 == 0:
            monitor.check()
    return rows


def _unreadable(exc: Exception) -> str:
    kind = type(exc).__name__
    chain: BaseException | None = exc
    while chain is not None:  # openpyxl wraps defusedxml's refusals in a ValueError
        if type(chain).__name__ in (
            "EntitiesForbidden",
            "DTDForbidden",
            "ExternalReferenceForbidden",
        ):
            break
        chain = chain.__cause__ or chain.__context__
    if chain is not None:
        return (
            "the workbook contains unsafe XML (entity definitions) that no spreadsheet program "
            "writes; it was not read"
        )
    return f"this is not an Excel workbook Rapport can read ({kind}: {exc})"
