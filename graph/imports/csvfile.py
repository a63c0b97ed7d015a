"""Delimited text (CSV and Excel's "Unicode text"): which delimiter, and the raw rows.

Handles comma, semicolon (European Excel), tab (Excel "Unicode text") and pipe delimiters,
Excel's ``sep=;`` first line, quoted fields with delimiters, quotes and line breaks inside, and
any line ending (Windows, Unix, classic Mac).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from graph.imports.errors import ImportFailed
from graph.imports.progress import Monitor
from graph.imports.sources import MAX_LINE_CHARS, MAX_ROWS, TextFile

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_SAMPLE_CHARS = 64 * 1024
_SAMPLE_ROWS = 50
_SEP_LINE = re.compile(r"\A\s*sep=(.)\s*?(\r\n|\n|\r)", re.IGNORECASE)


@dataclass(frozen=True)
class RawRow:
    """One record, numbered as a spreadsheet shows it (the first record is row 1)."""

    number: int
    cells: list[object]


@dataclass(frozen=True)
class DelimitedText:
    rows: list[RawRow]
    delimiter: str


def _reader(text: str, delimiter: str) -> Iterator[list[str]]:
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)


def _score(sample: str, delimiter: str, truncated: bool) -> tuple[float, int]:
    rows: list[list[str]] = []
    try:
        for row in _reader(sample, delimiter):
            if any(cell.strip() for cell in row):
                rows.append(row)
            if len(rows) > _SAMPLE_ROWS:
                break
    except csv.Error:
        return (0.0, 0)
    if truncated and len(rows) > 1:
        rows.pop()  # probably cut in the middle
    if not rows or len(rows[0]) < 2:
        return (0.0, 0)
    width = len(rows[0])
    consistent = sum(len(r) == width for r in rows) / len(rows)
    return (consistent, width)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first rows into the most consistent number of columns."""
    truncated = len(text) > _SAMPLE_CHARS
    sample = text[:_SAMPLE_CHARS]
    scores = {d: _score(sample, d, truncated) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: scores[d])
    return best if scores[best][1] >= 2 else ","


def parse(file: TextFile, monitor: Monitor | None = None) -> DelimitedText:
    """Every record of the file, blank ones included so row numbers match a spreadsheet."""
    text = file.text
    declared = _SEP_LINE.match(text)
    if declared:
        delimiter = declared.group(1)
        text = text[declared.end() :]
    else:
        delimiter = sniff_delimiter(text)
    # Process-wide setting of the csv module; Rapport reads CSV only here.
    csv.field_size_limit(MAX_LINE_CHARS)
    rows: list[RawRow] = []
    total = max(len(text), 1)
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=delimiter, strict=False)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise ImportFailed.single(
                    file.name,
                    f"the file has more than {MAX_ROWS:,} rows; split it into smaller files",
                )
            rows.append(RawRow(number, list(cells)))
            if monitor is not None and number % 2000 == 0:
                monitor.report(stream.tell() / total)
    except csv.Error as exc:
        message = str(exc)
        if "field larger than field limit" in message:
            message = (
                f"a value is longer than {MAX_LINE_CHARS // 1024:,} KB; this does not look like "
                "a real export (an unbalanced quote can also cause this)"
            )
        raise ImportFailed.single(file.name, message, row=number + 1) from None
    return DelimitedText(rows, delimiter)
