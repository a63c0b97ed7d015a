"""Reading an import file safely: size limits, what kind of file it really is, its encoding.

Files are judged by their content, not their name: an Excel workbook saved as ``.csv`` or a CSV
named ``.xls`` both work. Text is decoded by its byte-order mark (UTF-8, UTF-16, UTF-32); without
one, as UTF-8 and else as Windows-1252 (what Excel and Outlook on Windows write as "CSV").
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from graph.imports.errors import ImportFailed

MAX_FILE_BYTES = 200 * 1024 * 1024
# A contacts or usage CSV is read whole and split into cells (several times its size in
# memory): 64 MB holds far more rows than MAX_ROWS, and stays far from exhausting memory.
MAX_TABLE_TEXT_BYTES = 64_000_000
# Rows of a contacts or usage table (CSV or workbook): no account has more people or figures
# (a 100,000-row workbook already takes half a minute to read on a slow laptop).
MAX_ROWS = 100_000
# No real contact, calendar or vCard line is anywhere near this long; a hostile one may be.
MAX_LINE_CHARS = 1024 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls, .doc, .msg
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 (little-endian, no BOM)",
    "utf-16-be": "UTF-16 (big-endian, no BOM)",
    "utf-32": "UTF-32",
    "cp1252": "Windows-1252",
}


class FileKind(StrEnum):
    TEXT = "text"
    XLSX = "xlsx"


@dataclass(frozen=True)
class TextFile:
    name: str
    text: str
    encoding: str

    @property
    def encoding_label(self) -> str:
        return ENCODING_LABELS.get(self.encoding, self.encoding)


def display_name(path: Path) -> str:
    return path.name or str(path)


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Turn the operating system's complaints about a file into ImportFailed."""
    name = display_name(path)
    try:
        if path.is_dir():
            raise ImportFailed.single(name, "is a folder, not a file")
        yield
    except FileNotFoundError:
        raise ImportFailed.single(name, "no such file") from None
    except PermissionError:
        raise ImportFailed.single(name, "you do not have permission to read this file") from None
    except OSError as exc:
        raise ImportFailed.single(name, f"cannot be read ({exc.strerror or exc})") from None


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The whole file, refusing (before reading a byte) anything bigger than ``limit``."""
    name = display_name(path)
    with _reading(path):
        size = path.stat().st_size
        if size > limit:
            raise ImportFailed.single(
                name,
                f"the file is {size / 1e6:,.0f} MB; imports are limited to {limit / 1e6:,.0f} MB. "
                "Split it into smaller files.",
            )
        with path.open("rb") as f:
            data = f.read(limit + 1)
    if len(data) > limit:  # it grew while we looked
        raise ImportFailed.single(name, f"the file is larger than {limit / 1e6:,.0f} MB")
    return data


def read_head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of a file (to tell what it is)."""
    with _reading(path), path.open("rb") as f:
        return f.read(size)


def sniff_kind(name: str, data: bytes) -> FileKind:
    """Workbook or text. Legacy .xls and other binary files are refused with advice."""
    if data.startswith(_ZIP_MAGIC):
        return FileKind.XLSX
    if data.startswith(_OLE_MAGIC):
        raise ImportFailed.single(
            name,
            "this is an old-style Excel (.xls) or Outlook file; in Excel use "
            "File > Save As > 'Excel Workbook (.xlsx)' or 'CSV UTF-8', then import that",
        )
    return FileKind.TEXT


def _utf16_without_bom(data: bytes) -> str | None:
    # Text in UTF-16 has a zero byte in nearly every other position.
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.4 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.4 and odd < half * 0.05:
        return "utf-16-be"
    return None


def decode(name: str, data: bytes) -> TextFile:
    """Decode text by its BOM, else UTF-8, else Windows-1252; refuse binary data."""
    candidates: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            candidates = [encoding]
            break
    else:
        guessed = _utf16_without_bom(data)
        candidates = [guessed] if guessed else ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, UnicodeError):
            continue
        if "\x00" in text:
            break
        return TextFile(name, text, encoding)
    raise ImportFailed.single(
        name,
        "this is not a text file in an encoding Rapport knows (UTF-8, UTF-16 or Windows-1252); "
        "if it came from Excel, save it as 'CSV UTF-8' and import that",
    )


def _line_end(text: str, start: int) -> int:
    ends = [i for i in (text.find("\n", start), text.find("\r", start)) if i >= 0]
    return min(ends) if ends else len(text)


def _line_start(text: str, end: int) -> int:
    return max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1


def refuse_long_lines(file: TextFile) -> None:
    """Fail fast on a line too long to be real (a hostile or corrupt file).

    A line longer than MAX_LINE_CHARS covers at least one whole aligned window of half that
    size, so looking for a line break in each window finds it in time linear in the file.
    """
    text = file.text
    window = MAX_LINE_CHARS // 2
    for start in range(0, len(text) - window + 1, window):
        end = start + window
        if text.find("\n", start, end) >= 0 or text.find("\r", start, end) >= 0:
            continue
        first = _line_start(text, start)
        if _line_end(text, end) - first > MAX_LINE_CHARS:
            line = len(text[:first].splitlines()) + 1
            raise ImportFailed.single(
                file.name,
                f"line {line} is longer than {MAX_LINE_CHARS // 1024:,} KB; this does not look "
                "like a real export (is it the right file?)",
            )


def read_text(path: Path) -> TextFile:
    """Read and decode a text import file (calendar, vCard), with every safety check."""
    name = display_name(path)
    data = read_bytes(path)
    if sniff_kind(name, data) is FileKind.XLSX:
        raise ImportFailed.single(name, "this is a zip or Excel file, not a text file")
    file = decode(name, data)
    refuse_long_lines(file)
    return file
