"""Reading import files: encodings, delimiters, spreadsheet quirks, and hostile files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from graph import schema as s
from graph.imports import ImportFailed, csvfile, plan_contacts, sources, xlsx
from graph.imports.tabular import read_table
from graph.workspace import Workspace

from . import samples
from .conftest import WriteFile, table_rows

ROWS = [
    ["Name", "Title", "Notes"],
    ["Renée Lefèvre", "Contrôleuse, Finance", 'Said "budget is tight"\nCall in Q3'],
    ["Jürgen Müller", "CFO", ""],
]


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8 with BOM"),
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16 (little-endian, no BOM)"),
        ("utf-16-be", "UTF-16 (big-endian, no BOM)"),
        ("cp1252", "Windows-1252"),
    ],
)
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_every_encoding_and_delimiter_reads_the_same_table(
    tmp_path: Path, encoding: str, label: str, delimiter: str
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(samples.csv_text(ROWS, delimiter=delimiter).encode(encoding))
    table = read_table(path)
    assert table.headers == ROWS[0]
    assert [list(r.cells) for r in table.rows] == ROWS[1:]
    assert label in table.source and table.delimiter == delimiter
    assert [r.number for r in table.rows] == [2, 3]


def test_line_endings_of_every_platform(tmp_path: Path) -> None:
    for ending in ("\r\n", "\n", "\r"):
        path = tmp_path / "people.csv"
        path.write_bytes(samples.csv_text(ROWS, line_end=ending).encode())
        table = read_table(path)
        assert table.rows[0].cells[2] == 'Said "budget is tight"\nCall in Q3'


def test_excel_sep_line_sets_the_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(b"sep=|\r\nName|Title\r\nA, B|C; D\r\n")
    table = read_table(path)
    assert table.headers == ["Name", "Title"] and table.rows[0].cells == ("A, B", "C; D")


def test_header_quirks_duplicate_empty_and_trailing_columns(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(b"\xef\xbb\xbf Name ,Email,,Email,,\r\nAna,a@x.example,x,b@x.example,,\r\n")
    table = read_table(path)
    assert table.headers == ["Name", "Email", "Column C", "Email (2)"]
    assert table.rows[0].cells == ("Ana", "a@x.example", "x", "b@x.example")


def test_a_row_with_too_many_values_is_a_located_problem(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(b"Name,Title\r\nAna Ruiz,CIO\r\nSmith, John,CTO\r\n")
    table = read_table(path)
    (problem,) = table.problems
    assert str(problem) == (
        "people.csv, row 3: this row has 3 values but the header has 2 columns; "
        "a value probably contains an unquoted delimiter"
    )


def test_old_excel_and_binary_files_are_refused_with_advice(tmp_path: Path) -> None:
    xls = tmp_path / "contacts.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ImportFailed, match=r"old-style Excel \(.xls\)"):
        read_table(xls)
    binary = tmp_path / "photo.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ImportFailed, match="not a text file"):
        read_table(binary)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"\xef\xbb\xbf\r\n\r\n")
    with pytest.raises(ImportFailed, match=r"empty\.csv: the file is empty"):
        read_table(path)


def test_workbook_sheets_and_cells(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(samples.xlsx([["Name", "Joined"], ["Ana", 3.0]], sheet="People"))
    table = read_table(path)
    assert table.source == "Excel workbook, sheet 'People'"
    assert table.rows[0].cells == ("Ana", 3)
    with pytest.raises(ImportFailed, match=r"no sheet 'Other' \(sheets: People\)"):
        read_table(path, sheet="Other")


def test_damaged_workbook(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(samples.xlsx([["Name"], ["Ana"]])[:300])
    with pytest.raises(ImportFailed, match="damaged or incomplete"):
        read_table(path)
    other = tmp_path / "other.xlsx"
    buffer = other.open("wb")
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    buffer.close()
    with pytest.raises(ImportFailed, match="not an Excel workbook Rapport can read"):
        read_table(other)


# --- hostile files ---------------------------------------------------------------------------


def test_zip_bomb_workbook_is_refused_without_inflating_it(
    ws: Workspace, account: s.Account, write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_file("bomb.xlsx", samples.zip_bomb_xlsx(inflated_mb=64))
    assert path.stat().st_size < 1_000_000
    before = table_rows(ws)
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy_open(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        opened.append(getattr(name, "filename", str(name)))
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy_open)
    with pytest.raises(ImportFailed, match="zip bomb"):
        plan_contacts(ws, path, account.id)
    # Refused from the zip directory alone: not one part was opened, so nothing was inflated.
    assert opened == []
    assert table_rows(ws) == before


def test_workbook_inflating_past_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx, "MAX_UNCOMPRESSED_BYTES", 1000)
    path = tmp_path / "big.xlsx"
    path.write_bytes(samples.xlsx([["Name"], *[[f"Person {i}"] for i in range(200)]]))
    with pytest.raises(ImportFailed, match="once unpacked; the limit is"):
        read_table(path)


def test_xml_entity_bomb_in_a_workbook_is_refused(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    path = write_file("laughs.xlsx", samples.entity_bomb_xlsx())
    # This message comes only from the XML parser refusing the entity declarations
    # (xlsx._unreadable finds defusedxml's EntitiesForbidden): refused before "&lol9;" is
    # expanded into 3 GB of "lol", so the outcome, not a stopwatch, pins the property.
    with pytest.raises(ImportFailed, match="unsafe XML"):
        plan_contacts(ws, path, account.id)


def test_a_file_over_the_size_limit_is_refused_without_reading_it(
    ws: Workspace, account: s.Account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:  # sparse: 1 GB on paper, nothing on disk
        f.seek(1024**3)
        f.write(b"\n")
    read: list[int] = []
    real_open = Path.open

    def counting_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, *args, **kwargs)
        if self != path:
            return handle
        real_read = handle.read

        def counted(*read_args: Any) -> Any:
            data = real_read(*read_args)
            read.append(len(data))
            return data

        handle.read = counted
        return handle

    monkeypatch.setattr(Path, "open", counting_open)
    with pytest.raises(ImportFailed, match=r"huge\.csv: the file is 1,074 MB; imports are limited"):
        plan_contacts(ws, path, account.id)
    # Only the first bytes are looked at (to tell a workbook from text); the size comes from
    # the file system, so the gigabyte is never read.
    assert sum(read) <= 64 * 1024, read


def test_a_huge_single_line_fails_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "line.csv"
    path.write_bytes(b"Name,Email\r\n" + b"x" * (sources.MAX_LINE_CHARS * 3) + b"\r\n")
    parsed: list[object] = []
    monkeypatch.setattr(csvfile, "parse", lambda *args: parsed.append(args))
    with pytest.raises(ImportFailed, match="line 2 is longer than 1,024 KB"):
        read_table(path)
    # Refused by the linear scan for line breaks, before the CSV parser sees a character.
    assert parsed == []


def test_a_huge_quoted_field_fails_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # short lines, but one quoted value running over all of them (an unbalanced quote)
    path = tmp_path / "quote.csv"
    path.write_bytes(b'Name,Notes\r\nAna,"' + b"word \r\n" * 400_000 + b"\r\n")
    streams: list[tuple[io.StringIO, int]] = []
    real_stringio = io.StringIO

    def watched(text: str = "", newline: str | None = "\n") -> io.StringIO:
        stream = real_stringio(text, newline=newline)
        streams.append((stream, len(text)))
        return stream

    monkeypatch.setattr(csvfile.io, "StringIO", watched)
    with pytest.raises(ImportFailed, match="row 2: a value is longer than 1,024 KB"):
        read_table(path)
    # The parser (the one stream over the whole text) gave up at the field limit: it read
    # about 1 MB past the quote, not the whole 2.8 MB value.
    [(stream, size)] = [(st, n) for st, n in streams if n > 2_000_000]
    assert stream.tell() < sources.MAX_LINE_CHARS + 64 * 1024 < size, (stream.tell(), size)


def test_permission_denied_is_explained(tmp_path: Path) -> None:
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(ImportFailed, match="is a folder, not a file"):
        read_table(folder)
