"""The workbook prints clean: row heights, alignment, units, page breaks, paper, footers, axes,
points, big accounts, and the customer edition."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from graph import schema as s
from graph.vocabulary import DealRole, Level
from reports.briefing import with_briefing
from reports.edition import Edition, Sharing
from reports.model import Qbr
from reports.qbr import assemble_qbr
from reports.sheets.people import PRINTED_COLUMNS
from reports.workbook import export_workbook
from reports.xlsx_kit import lines_needed, paper_for
from tests.reports.conftest import Q3, TODAY, Acme, d

INTERNAL = re.compile(
    r"opponent|supporter|detractor|blocker|nobody on our team|single-threaded|attitude"
    r"|influence|owner on our team|mitigation",
    re.IGNORECASE,
)


def _qbr(acme: Acme) -> Qbr:
    return with_briefing(acme.ws, assemble_qbr(acme.ws, acme.account_id, Q3, TODAY))


def _book(qbr: Qbr, tmp_path: Path, **kw: Any) -> Any:
    path = export_workbook(qbr, tmp_path / "qbr.xlsx", **kw)
    return openpyxl.load_workbook(path)


def _table_rows(ws: Any, name: str) -> list[list[Any]]:
    ref = ws.tables[name].ref
    return [[c.value for c in row] for row in ws[ref]]


def _row_of(ws: Any, text: str) -> int:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return int(cell.row)
    raise AssertionError(f"{text!r} not on {ws.title}")


def test_rows_are_as_tall_as_their_wrapped_text(acme: Acme, tmp_path: Path) -> None:
    long = "Checkout latency halved for every region, " * 4
    acme.ws.add(
        s.Win(
            account_id=acme.account_id,
            won_on=d("2026-09-20"),
            title="Long story",
            impact_value=1,
            impact_unit="hours saved",
            impact_description=long,
        )
    )
    wb = _book(_qbr(acme), tmp_path)
    wins = wb["Wins"]
    row = _row_of(wins, "Long story")
    width = wins.column_dimensions["E"].width
    assert wins.cell(row=row, column=5).alignment.wrap_text
    assert wins.row_dimensions[row].height >= 15 * lines_needed(long.strip(), width)
    assert wins.row_dimensions[row].height >= 45


def test_lines_needed_moves_whole_words() -> None:
    assert lines_needed("short", 10) == 1
    assert lines_needed("aaaa bbbb cccc", 10) == 2
    assert lines_needed("one\ntwo", 30) == 2


def test_headline_win_impact_is_words_not_a_number_too_wide_for_its_column(
    acme: Acme, tmp_path: Path
) -> None:
    wb = _book(_qbr(acme), tmp_path)
    summary = wb["Summary"]
    row = _row_of(summary, "Payments recovered")
    impact = summary.cell(row=row, column=4)
    assert impact.value == "€15k" and impact.alignment.wrap_text
    heading = next(
        c.value
        for r in summary.iter_rows()
        for c in r
        if isinstance(c.value, str) and c.value.startswith("Headline wins")
    )
    assert heading == "Headline wins · impact this quarter: €15k · 40 hours saved"


def test_headers_stand_over_their_numbers(acme: Acme, tmp_path: Path) -> None:
    wb = _book(_qbr(acme), tmp_path)
    support = wb["Support"]
    ref = support.tables["TicketsBySeverity"].ref
    header = next(iter(support[ref]))
    aligns = [c.alignment.horizontal for c in header]
    assert aligns == [None, "right", "right", "right", "right", "right"]
    body = list(support[ref])[1]
    assert [c.alignment.horizontal for c in body][1:] == ["right"] * 5
    tickets = support[support.tables["Tickets"].ref]
    assert [c.alignment.horizontal for c in next(iter(tickets))][4:6] == ["center", "center"]


def test_impact_is_summed_per_unit(acme: Acme, tmp_path: Path) -> None:
    wb = _book(_qbr(acme), tmp_path)
    rows = _table_rows(wb["Wins"], "WinsByQuarter")
    assert rows[0] == ["Quarter", "Wins", "Impact: hours saved", "Impact: EUR"]
    assert rows[-2][1:] == [1, 20, None]  # Q2: one win of 20 hours
    assert rows[-1][1:] == [2, 40, 15000]  # Q3: 40 hours and €15,000, never added together


def test_no_impact_header_without_wins(acme: Acme, tmp_path: Path) -> None:
    for win in acme.ws.find(s.Win, account_id=acme.account_id):
        acme.ws.remove(s.Win, win.id)
    wb = _book(_qbr(acme), tmp_path)
    assert _table_rows(wb["Wins"], "WinsByQuarter")[0] == ["Quarter", "Wins"]
    assert "Impact (impact)" not in str([c.value for r in wb["Wins"].iter_rows() for c in r])


def test_short_or_empty_tables_force_no_page_break(acme: Acme, tmp_path: Path) -> None:
    wb = _book(_qbr(acme), tmp_path)
    # Usage: a 2-row table with its charts; Wins, Support, Roadmap: short tables
    for name in ("Usage", "Wins", "Support", "Roadmap", "Plan & Actions"):
        breaks = [b.id for b in wb[name].row_breaks.brk]
        if name == "Usage":  # only before the long series table, after the charts
            assert len(breaks) == 1 and breaks[0] > 20, breaks
        else:
            assert breaks == [], name


def _header_row(ws: Any, name: str) -> int:
    return int(re.sub(r"\D", "", ws.tables[name].ref.split(":")[0]))


def test_every_table_sheet_repeats_its_header_on_each_printed_page(
    acme: Acme, tmp_path: Path
) -> None:
    wb = _book(_qbr(acme), tmp_path)
    sheets = [ws for ws in wb.worksheets if ws.tables]
    assert len(sheets) >= 8
    for ws in sheets:
        longest = max(ws.tables.values(), key=lambda table: _height(table.ref))
        row = _header_row(ws, longest.displayName)
        assert ws.print_title_rows == f"${row}:${row}", ws.title
    # The table a page break cuts: Usage's weekly series, not its short quarter table.
    usage = wb["Usage"]
    series = _header_row(usage, "UsageSeries")
    assert series > _header_row(usage, "Usage")
    assert usage.print_title_rows == f"${series}:${series}"
    # A table that fits its page repeats its header all the same: rows grow with wrapped text.
    assert wb["Stakeholders"].print_title_rows == "$4:$4"
    # No table, nothing to repeat: the Summary prints on one page.
    assert wb["Summary"].print_title_rows is None


def _height(ref: str) -> int:
    first, last = (int(re.sub(r"\D", "", cell)) for cell in ref.split(":"))
    return last - first


@pytest.mark.parametrize(
    ("currency", "setting", "paper"),
    [("EUR", None, 9), ("GBP", None, 9), ("USD", None, 1), ("CAD", None, 1), ("USD", "A4", 9)],
)
def test_paper_from_currency_or_setting(
    currency: str, setting: str | None, paper: int, acme: Acme, tmp_path: Path
) -> None:
    acme.ws.update(s.Account, acme.account_id, currency=currency)
    wb = _book(_qbr(acme), tmp_path, paper=setting)
    assert {ws.page_setup.paperSize for ws in wb} == {paper}


def test_paper_setting_must_be_known() -> None:
    assert paper_for("JPY") == "a4" and paper_for("usd") == "letter"
    with pytest.raises(ValueError, match="A4 or Letter"):
        paper_for("USD", "tabloid")


def test_footers_inside_the_printable_area_with_the_edition(acme: Acme, tmp_path: Path) -> None:
    wb = _book(_qbr(acme), tmp_path, sharing=Sharing(Edition.CUSTOMER))
    for ws in wb:
        margins = ws.page_margins
        assert margins.footer >= 0.3 and margins.bottom >= margins.footer + 0.4, ws.title
        assert ws.oddFooter.center.text == "Customer edition"
        assert ws.oddFooter.right.text == "Page &P of &N"


def test_excel_charts_start_at_zero(acme: Acme, tmp_path: Path) -> None:
    wb = _book(_qbr(acme), tmp_path)
    charts = [c for ws in wb for c in ws._charts]
    assert len(charts) >= 6
    for chart in charts:
        assert chart.y_axis.scaling.min == 0


def test_percentage_metrics_change_in_points(acme: Acme, tmp_path: Path) -> None:
    adoption = acme.ws.add(s.UsageMetric(account_id=acme.account_id, name="Adoption", unit="%"))
    for day, value in (("2026-05-15", 12.5), ("2026-08-15", 18.8)):
        acme.ws.add(s.UsagePoint(metric_id=adoption.id, measured_on=d(day), value=value))
    wb = _book(_qbr(acme), tmp_path)
    usage = wb["Usage"]
    ref = usage.tables["Usage"].ref
    row = next(r for r in usage[ref] if r[0].value == "Adoption")
    change, change_pct = row[4], row[5]
    assert change.value == pytest.approx(6.3) and '"pts"' in change.number_format
    assert change_pct.value is None  # never +50.4 %
    titles = [c.title.tx.rich.p[0].r[0].t for c in usage._charts]
    assert "Adoption: +6.3 pts on last quarter" in titles


def test_a_big_account_prints_the_people_who_matter(acme: Acme, tmp_path: Path) -> None:
    for i in range(60):
        acme.ws.add(
            s.Person(
                account_id=acme.account_id,
                name=f"Engineer {i:02d}",
                level=Level.OPERATIONS,
                role=DealRole.SECONDARY_USER,
                influence=1,
            )
        )
    wb = _book(_qbr(acme), tmp_path)
    ws = wb["Stakeholders"]
    key = _table_rows(ws, "KeyStakeholders")
    everyone = _table_rows(ws, "Stakeholders")
    assert len(key) == 31 and len(everyone) == 67  # headers + 30 and headers + 66
    assert key[1][0] == "Erin Exec"
    key_last = int(re.sub(r"\D", "", ws.tables["KeyStakeholders"].ref.split(":")[1]))
    # the key columns print, first; the others stay in both tables, right of the print area
    assert ws.print_area == f"'Stakeholders'!$A$1:$J${key_last}"
    assert key[0][:10] == list(PRINTED_COLUMNS)
    assert key[0][10:] == ["Influence", "Attitude", "Interest"] == everyone[0][10:]
    assert ws.tables["Stakeholders"].autoFilter is not None


def test_the_customer_workbook_says_nothing_internal(acme: Acme, tmp_path: Path) -> None:
    qbr = _qbr(acme)
    names = [p.name for p in qbr.people.stakeholders] + ["Tara TAM", "Alex AE"]

    def said(wb: Any) -> list[str]:
        found = []
        for ws in wb:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        text = cell.value
                        for name in names:
                            text = text.replace(name, "")
                        found += [f"{ws.title}!{cell.coordinate}: {text}"] * bool(
                            INTERNAL.search(text)
                        )
        return found

    assert said(_book(qbr, tmp_path, sharing=Sharing(Edition.INTERNAL)))
    customer = _book(qbr, tmp_path, sharing=Sharing(Edition.CUSTOMER))
    assert said(customer) == []
    assert customer["Stakeholders"]["A4"].value == "Name"
    assert "Engagement" in customer.sheetnames
    assert "AttitudeDistribution" not in customer["Engagement"].tables
