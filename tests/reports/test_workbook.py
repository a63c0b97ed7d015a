"""The exported workbook, read back with openpyxl: sheets, tables, native charts, cell types."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from reports.qbr import assemble_qbr
from reports.workbook import SHEETS, default_filename, export_workbook, export_workbook_steps
from tests.reports.conftest import EVIL, Q3, TODAY, Acme


@pytest.fixture
def book(acme: Acme, tmp_path: Path) -> tuple[Path, Any]:
    qbr = assemble_qbr(acme.ws, acme.account_id, Q3, TODAY)
    path = export_workbook(qbr, tmp_path / default_filename(qbr))
    return path, openpyxl.load_workbook(path)


def _refs(chart: Any) -> list[tuple[str, str]]:
    return [(s.val.numRef.f, (s.cat.numRef or s.cat.strRef).f) for s in chart.series]


def _range(ws: Any, table: str, column: int, header: bool = False) -> str:
    """The absolute reference of a table's column, as a chart series would hold it."""
    first, last = ws.tables[table].ref.split(":")
    col_letter = openpyxl.utils.get_column_letter(
        openpyxl.utils.column_index_from_string(re.sub(r"\d", "", first)) + column
    )
    top = int(re.sub(r"\D", "", first)) + (0 if header else 1)
    bottom = int(re.sub(r"\D", "", last))
    return f"'{ws.title}'!${col_letter}${top}:${col_letter}${bottom}"


def test_sheet_names_and_file_name(book: tuple[Path, Any]) -> None:
    path, wb = book
    assert wb.sheetnames == list(SHEETS)
    assert path.name == "Acme Retail QBR 2026-Q3.xlsx"


def test_tables(book: tuple[Path, Any]) -> None:
    _, wb = book
    tables = {name: (ws.title, ref) for ws in wb for name, ref in ws.tables.items()}
    assert tables["Stakeholders"] == ("Stakeholders", "A4:M10")  # header and 6 people
    assert tables["Tickets"] == ("Support", "A4:G8")
    assert tables["Requests"][1] == "A4:K9"
    for name in (
        "Wins",
        "WinsByQuarter",
        "Usage",
        "UsageSeries",
        "TicketsBySeverity",
        "TicketsByQuarter",
        "Incidents",
        "RoadmapFitByStatus",
        "Goals",
        "Risks",
        "Actions",
        "NextQuarter",
        "EngagementByLevel",
        "AttitudeDistribution",
        "PeopleChanges",
    ):
        assert name in tables
    stakeholders = wb["Stakeholders"].tables["Stakeholders"]
    assert stakeholders.autoFilter is not None
    headers = [c.name for c in stakeholders.tableColumns]
    assert headers[:3] == ["Name", "Title", "Department"] and "Last contact" in headers


def test_usage_line_charts_point_at_the_series_table(book: tuple[Path, Any]) -> None:
    _, wb = book
    ws = wb["Usage"]
    charts = ws._charts
    assert [type(c).__name__ for c in charts] == ["LineChart", "LineChart"]
    for i, chart in enumerate(charts, start=1):
        assert _refs(chart) == [(_range(ws, "UsageSeries", i), _range(ws, "UsageSeries", 0))]
    first = ws[_range(ws, "UsageSeries", 1).split("!")[1].split(":")[0].replace("$", "")]
    assert first.value == 100 and first.data_type == "n"


def test_wins_chart_bars_and_impact_line(book: tuple[Path, Any]) -> None:
    path, wb = book
    ws = wb["Wins"]
    (chart,) = ws._charts
    assert type(chart).__name__ == "BarChart"
    assert _refs(chart) == [(_range(ws, "WinsByQuarter", 1), _range(ws, "WinsByQuarter", 0))]
    # openpyxl reads back only the first plot of a combined chart: check the line in the XML.
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart"))
    assert "lineChart" in xml and _range(ws, "WinsByQuarter", 2) in xml


def test_tickets_chart_is_stacked_by_severity(book: tuple[Path, Any]) -> None:
    _, wb = book
    ws = wb["Support"]
    (chart,) = ws._charts
    assert chart.grouping == "stacked"
    assert _refs(chart) == [
        (_range(ws, "TicketsByQuarter", i), _range(ws, "TicketsByQuarter", 0)) for i in (1, 2, 3, 4)
    ]
    header_row = int(ws.tables["TicketsByQuarter"].ref.split(":")[0][1:])
    assert [s.tx.strRef.f for s in chart.series] == [f"'Support'!{c}{header_row}" for c in "BCDE"]


def test_roadmap_fit_chart(book: tuple[Path, Any]) -> None:
    _, wb = book
    ws = wb["Roadmap"]
    (chart,) = ws._charts
    assert chart.type == "bar"
    assert _refs(chart) == [
        (_range(ws, "RoadmapFitByStatus", 2), _range(ws, "RoadmapFitByStatus", 0))
    ]
    values = [ws.cell(row=r, column=3).value for r in range(16, 21)]
    assert values == [25, 16, 9, 8, 2]


def test_numbers_and_dates_are_typed(book: tuple[Path, Any]) -> None:
    _, wb = book
    ws = wb["Stakeholders"]
    erin = next(row for row in ws.iter_rows(min_row=5) if row[0].value == "Erin Exec")
    assert erin[5].value == 5 and erin[5].data_type == "n"
    assert erin[12].value == dt.datetime(2026, 7, 10) and erin[12].is_date
    assert erin[12].number_format == "d mmm yyyy"
    tickets = wb["Support"]
    assert tickets["E5"].is_date and tickets["G5"].value == 3
    summary = wb["Summary"]
    arr = next(r[1] for r in summary.iter_rows(min_row=4, max_col=2) if r[0].value == "ARR")
    assert arr.value == 250_000 and "€" in arr.number_format
    fit = next(
        r[4]
        for r in summary.iter_rows(min_row=4, max_col=5)
        if r[3].value and "fit" in str(r[3].value)
    )
    assert fit.value == pytest.approx(69.2)
    usage = wb["Usage"]
    assert usage["F5"].value == pytest.approx(30 / 110) and "%" in usage["F5"].number_format
    goals = wb["Plan & Actions"]
    assert goals["E6"].value == 1.0 and goals["E6"].number_format == "0%"


def test_formula_injection_is_written_as_text(book: tuple[Path, Any]) -> None:
    path, wb = book
    ws = wb["Stakeholders"]
    evil = next(row for row in ws.iter_rows(min_row=5) if row[0].value == EVIL)
    assert evil[0].data_type == "s" and evil[0].quotePrefix
    assert evil[1].value == "+cmd|' /C calc'!A0" and evil[1].data_type == "s"
    assert evil[2].value == "-2+3" and evil[2].data_type == "s"
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(name).decode(), name


def test_layout_and_print_setup(book: tuple[Path, Any]) -> None:
    _, wb = book
    for ws in wb:
        # the Agenda is a portrait page; the Summary one page, whichever way shows it larger
        portrait = ws.title in ("Agenda", "Summary")
        assert ws.page_setup.orientation == ("portrait" if portrait else "landscape"), ws.title
        one_page = ws.title == "Summary"  # the page an executive reads on its own
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == int(one_page)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert wb["Stakeholders"].freeze_panes == "B5"
    assert wb["Support"].freeze_panes == "A5"
    assert wb["Stakeholders"].print_title_rows == "$4:$4"
    assert wb["Stakeholders"].column_dimensions["A"].width >= len("Manny Manager")


def test_document_properties(book: tuple[Path, Any]) -> None:
    _, wb = book
    props = wb.properties
    assert props.title == "Acme Retail QBR Q3 2026"
    assert props.subject == "Acme Retail"
    assert "2026-Q3" in props.keywords and "Q3 2026" in props.description


def test_summary_stands_on_its_own(book: tuple[Path, Any]) -> None:
    _, wb = book
    text = " ".join(str(c.value) for row in wb["Summary"].iter_rows() for c in row if c.value)
    for expected in (
        "Acme Retail",
        "Health",
        "ARR",
        "Renewal date",
        "Headline wins",
        "Payments recovered",
        "Top risks",
        "Budget freeze",
        "Our asks",
        "Roadmap fit score",
    ):
        assert expected in text
    health = next(
        r[1] for r in wb["Summary"].iter_rows(min_row=4, max_col=2) if r[0].value == "Health"
    )
    assert health.fill.fgColor.rgb.endswith(("2E7D32", "E0A100", "C62828"))


def test_map_sheet_embeds_the_image(acme: Acme, tmp_path: Path) -> None:
    from PIL import Image

    picture = tmp_path / "map.png"
    Image.new("RGB", (1600, 900), "white").save(picture)
    qbr = assemble_qbr(acme.ws, acme.account_id, Q3, TODAY)
    path = export_workbook(qbr, tmp_path / "q.xlsx", map_image=picture)
    ws = openpyxl.load_workbook(path)["Map"]
    (image,) = ws._images
    width_cm = image.anchor.ext.width / 360_000  # EMU
    assert 24 <= width_cm <= 25.1 and image.anchor._from.row == 3


def test_progress_is_reported(acme: Acme, tmp_path: Path) -> None:
    qbr = assemble_qbr(acme.ws, acme.account_id, Q3, TODAY)
    seen = list(export_workbook_steps(qbr, tmp_path / "q.xlsx"))
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) == len(SHEETS) + 1
