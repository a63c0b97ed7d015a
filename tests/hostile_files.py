"""Small files that used to cost minutes or gigabytes (issue 16), for tests and the benchmark.

Each writer produces the file the way a hostile or broken tool would, in the real format.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

CUSTOMER = "ana@acme.example"


def _calendar(*lines: str) -> bytes:
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hostile//EN", *lines, "END:VCALENDAR"]
    return ("\r\n".join(body) + "\r\n").encode()


def hourly_since_year_one() -> bytes:
    """The 238-byte calendar: one event repeating every hour since 1 January of year 1."""
    return _calendar(
        "BEGIN:VEVENT",
        "UID:flood@hostile.example",
        "DTSTART:00010101T000000Z",
        "DTEND:00010101T003000Z",
        "RRULE:FREQ=HOURLY",
        "SUMMARY:Flood",
        f"ATTENDEE:mailto:{CUSTOMER}",
        "END:VEVENT",
    )


def since_year_one(rule: str, start: str = "00010101T090000Z") -> bytes:
    """A meeting repeating by ``rule`` since year 1 (a real rule, an absurd start)."""
    end = start[:9] + "10" + start[11:]
    return _calendar(
        "BEGIN:VEVENT",
        "UID:ancient@hostile.example",
        f"DTSTART:{start}",
        f"DTEND:{end}",
        f"RRULE:{rule}",
        "SUMMARY:Ancient sync",
        f"ATTENDEE:mailto:{CUSTOMER}",
        "END:VEVENT",
    )


def many_timezone_rules(rules: int = 300) -> bytes:
    """A VTIMEZONE of an unknown zone with hundreds of yearly rules (about 34 KB)."""
    lines = ["BEGIN:VTIMEZONE", "TZID:Hostile Standard Time"]
    for i in range(rules):
        kind = "STANDARD" if i % 2 == 0 else "DAYLIGHT"
        lines += [
            f"BEGIN:{kind}",
            f"DTSTART:16010101T{i % 24:02d}0000",
            f"TZOFFSETFROM:+0{i % 9}00",
            f"TZOFFSETTO:+0{(i + 1) % 9}00",
            f"RRULE:FREQ=YEARLY;BYMONTH={i % 12 + 1};BYDAY={1 + i % 4}SU",
            f"END:{kind}",
        ]
    lines += [
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        "UID:zone@hostile.example",
        "DTSTART;TZID=Hostile Standard Time:20260301T100000",
        "DTEND;TZID=Hostile Standard Time:20260301T110000",
        "SUMMARY:Zone",
        f"ATTENDEE:mailto:{CUSTOMER}",
        "END:VEVENT",
    ]
    return _calendar(*lines)


def big_csv(path: Path, size: int) -> Path:
    """A contacts CSV of about ``size`` bytes, as a CRM export writes it."""
    row = (
        "Ana Ruiz,ana.ruiz@acme.example,VP Engineering,Engineering,+1 555 0100,Acme,"
        "Met at the kickoff; prefers short updates\r\n"
    )
    chunk = row * 10_000
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("Name,Email,Title,Department,Phone,Account,Notes\r\n")
        while f.tell() < size:
            f.write(chunk)
    return path


def many_rows_xlsx(path: Path, rows: int) -> Path:
    """A workbook of ``rows`` one-person rows (3 million: about 39 MB), streamed as Excel
    writes it, with an honest dimension."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Contacts" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                + f'<dimension ref="A1:B{rows}"/><sheetData>'.encode()
                + b'<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c>'
                b'<c r="B1" t="inlineStr"><is><t>Email</t></is></c></row>'
            )
            batch: list[bytes] = []
            for r in range(2, rows + 1):
                cells = (
                    f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>P{r}</t></is></c>'
                    f'<c r="B{r}" t="inlineStr"><is><t>p{r}@acme.example</t></is></c></row>'
                )
                batch.append(cells.encode())
                if len(batch) == 10_000:
                    sheet.write(b"".join(batch))
                    batch.clear()
            sheet.write(b"".join(batch) + b"</sheetData></worksheet>")
    return path


def reporting_chain_csv(path: Path, people: int) -> Path:
    """An org chart ``people`` levels deep: each row reports to the row above it."""
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("Name,Email,Title,Reports To\r\n")
        for i in range(people):
            manager = f"p{i - 1}@acme.example" if i else ""
            f.write(f"Person {i},p{i}@acme.example,Engineer,{manager}\r\n")
    return path
