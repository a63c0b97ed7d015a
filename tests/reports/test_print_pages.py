"""No printed page of the people sheets holds a table's last row or two alone: read back from
the file as a printer takes it (one page wide, then the rows against the page's height), the
Stakeholders and Engagement sheets of every sample account print on one page, or on two pages
shared evenly by a page break, each within its paper."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from graph.workspace import Workspace
from reports.edition import Edition, Sharing
from reports.workbook import export_workbook
from tests.reports.test_customer_samples import ACCOUNTS, _qbr, portfolio  # noqa: F401
from tests.reports.test_print_scale import PAPER_IN, effective_points

SHEETS = ("Stakeholders", "Engagement")


def _pages(ws: Any, scale: float) -> list[float]:
    """Points each printed page's rows take, pages cut at the sheet's own breaks; the pages
    after the repeated title row carry it again."""
    title = 0
    if ws.print_title_rows:
        title = int(re.findall(r"\d+", str(ws.print_title_rows))[0])

    def height(r: int) -> float:
        found = ws.row_dimensions[r].height if r in ws.row_dimensions else None
        return found or 15.0

    cuts = [0, *sorted(b.id for b in ws.row_breaks.brk), ws.max_row]
    pages = []
    for start, end in itertools.pairwise(cuts):
        rows = sum(height(r) for r in range(start + 1, end + 1))
        if title and start + 1 > title:
            rows += height(title)
        pages.append(rows * scale)
    return pages


@pytest.mark.parametrize("edition", list(Edition))
@pytest.mark.parametrize("name", ACCOUNTS)
def test_the_people_sheets_print_on_full_pages(
    portfolio: Workspace,  # noqa: F811
    name: str,
    edition: Edition,
    tmp_path: Path,
) -> None:
    qbr = _qbr(portfolio, name)
    for paper in ("letter", "a4"):
        path = tmp_path / f"{paper}.xlsx"
        export_workbook(qbr, path, sharing=Sharing(edition), paper=paper)
        points = dict(effective_points(path))
        book = openpyxl.load_workbook(path)
        for sheet in SHEETS:
            ws = book[sheet]
            setup = ws.page_setup
            short, _ = PAPER_IN[int(setup.paperSize)]
            room = (short - ws.page_margins.top - ws.page_margins.bottom) * 72
            if setup.fitToHeight:  # shrunk to so many pages, no smaller than 8 pt
                assert setup.fitToHeight == 1 and not ws.row_breaks.brk, sheet
                assert points[sheet] >= 8.0, (paper, sheet)
                continue
            pages = _pages(ws, points[sheet] / 11.0)
            assert len(pages) <= 2, (paper, sheet, pages)
            # every page within its paper: no automatic break adds a page
            assert all(page <= room + 0.5 for page in pages), (paper, sheet, pages, room)
            if len(pages) == 2:  # shared evenly, not a full page and the last rows alone
                assert min(pages) >= 0.4 * max(pages), (paper, sheet, pages)


def test_harbourlines_people_sheets_no_longer_leave_two_rows_on_a_page(
    portfolio: Workspace,  # noqa: F811
    tmp_path: Path,
) -> None:
    """The case seen printed: 23 stakeholders on A4 (a GBP account) ran two rows onto a second
    page; they now print as two even pages with the header on each, and Engagement (its two
    charts kept low) on one page at 8 pt or more."""
    qbr = _qbr(portfolio, "Harbourline Retail Group")
    path = tmp_path / "book.xlsx"
    export_workbook(qbr, path, sharing=Sharing(Edition.INTERNAL))
    book = openpyxl.load_workbook(path)
    people = book["Stakeholders"]
    assert int(people.page_setup.paperSize) == 9  # A4
    (cut,) = [b.id for b in people.row_breaks.brk]
    table = people.tables["Stakeholders"]
    first, last = (int(re.sub(r"\D", "", c)) for c in table.ref.split(":"))
    above, below = cut - first, last - cut  # rows of the table on each page
    assert above >= 8 and below >= 8, (above, below)
    assert people.print_title_rows == "$4:$4"
    engagement = book["Engagement"]
    assert engagement.page_setup.fitToHeight == 1 and not engagement.row_breaks.brk
    assert dict(effective_points(path))["Engagement"] >= 8.0
