"""Printed text is 8 pt or more: every sheet of every sample account's workbook, in both
editions and on both papers, read back from the file as a printer would take it (fit to one
page wide: the columns in the print area and the charts beside them against the paper's
printable width; fit to so many pages down: the rows against the pages' printable height)."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter

from graph.workspace import Workspace
from reports.edition import Edition, Sharing
from reports.workbook import export_workbook
from tests.reports.test_customer_samples import ACCOUNTS, _qbr, portfolio  # noqa: F401

PAPER_IN = {1: (8.5, 11.0), 9: (8.27, 11.69)}  # Letter, A4: (short, long) side
EMU_PER_IN = 914400


def _column_in(width: float) -> float:
    return (int(width * 7) + 5) / 96


def _charts(path: Path) -> dict[str, list[tuple[int, int]]]:
    """(first column, width in EMU) of each drawing anchored on each sheet."""
    out: dict[str, list[tuple[int, int]]] = {}
    with zipfile.ZipFile(path) as archive:
        book = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        target = {i: t for t, i in re.findall(r'Target="([^"]+)"[^>]*Id="([^"]+)"', rels)}
        for name, rid in re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', book):
            sheet = target[rid].lstrip("/")
            sheet = sheet if sheet.startswith("xl/") else f"xl/{sheet}"
            folder, base = posixpath.split(sheet)
            sheet_rels = f"{folder}/_rels/{base}.rels"
            found: list[tuple[int, int]] = []
            if sheet_rels in archive.namelist():
                text = archive.read(sheet_rels).decode()
                for drawing in re.findall(r'Target="([^"]*drawings/[^"]+)"', text):
                    drawing = drawing.lstrip("/")
                    if not drawing.startswith("xl/"):
                        drawing = posixpath.normpath(posixpath.join(folder, drawing))
                    xml = archive.read(drawing).decode()
                    found += [
                        (int(col), int(cx))
                        for col, cx in re.findall(
                            r"<from><col>(\d+)</col>.*?<ext cx=\"(\d+)\"", xml, re.S
                        )
                    ]
            out[name.replace("&amp;", "&")] = found
    return out


def effective_points(path: Path) -> Iterator[tuple[str, float]]:
    """(sheet, the size 11 pt text prints at) for each sheet of the workbook at ``path``."""
    book = openpyxl.load_workbook(path)
    charts = _charts(path)
    for ws in book:
        setup = ws.page_setup
        assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1
        short, long = PAPER_IN[int(setup.paperSize)]
        paper = long if setup.orientation == "landscape" else short
        printable = paper - ws.page_margins.left - ws.page_margins.right
        last = ws.max_column
        if ws.print_area:
            area = ws.print_area if isinstance(ws.print_area, str) else ws.print_area[0]
            last = column_index_from_string(re.findall(r"\$?([A-Z]+)\$?\d+", area)[-1])

        edges = [0.0]
        for col in range(1, max(last, 64) + 1):
            dim = ws.column_dimensions.get(get_column_letter(col))
            edges.append(edges[-1] + _column_in(dim.width if dim and dim.width else 8.43))
        across = edges[last]
        if not ws.print_area:  # a print area leaves what lies right of it off the page
            for col, cx in charts.get(ws.title, []):
                across = max(across, edges[col] + cx / EMU_PER_IN)
        scale = min(1.0, printable / across)
        if setup.fitToHeight:  # so many pages down: the rows and charts must fit them
            tall = (short if setup.orientation == "landscape" else long) * 72
            room = (tall - (ws.page_margins.top + ws.page_margins.bottom) * 72) * setup.fitToHeight
            rows = sum(
                (ws.row_dimensions[r].height or 15.0) if r in ws.row_dimensions else 15.0
                for r in range(1, ws.max_row + 1)
            )
            scale = min(scale, room / rows)
        yield ws.title, 11.0 * scale


@pytest.mark.parametrize("edition", list(Edition))
@pytest.mark.parametrize("name", ACCOUNTS)
def test_every_sheet_prints_at_8_points_or_more(
    portfolio: Workspace,  # noqa: F811
    name: str,
    edition: Edition,
    tmp_path: Path,
) -> None:
    qbr = _qbr(portfolio, name)
    for paper in ("letter", "a4"):
        path = tmp_path / f"{paper}.xlsx"
        export_workbook(qbr, path, sharing=Sharing(edition), paper=paper)
        small = [(sheet, round(pt, 1)) for sheet, pt in effective_points(path) if pt < 8.0]
        assert small == [], (paper, small)
