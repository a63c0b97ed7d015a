"""A plan line the customer edition withholds is withheld from every count too: the customer's
deck and workbook read exactly as if the line had never been written (text frames, tables,
charts, speaker notes, cells and their number formats)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graph import schema as s
from graph.vocabulary import ActionStatus, GoalStatus
from reports.briefing import with_briefing
from reports.deck import export_deck
from reports.edition import Sharing, edition_copy
from reports.model import Qbr
from reports.qbr import assemble_qbr
from reports.workbook import export_workbook
from tests.reports.conftest import Q3, TODAY, Acme, d
from tests.reports.readback import deck_texts, workbook_texts


def _qbr(acme: Acme) -> Qbr:
    return with_briefing(acme.ws, assemble_qbr(acme.ws, acme.account_id, Q3, TODAY))


def _cells(path: Path) -> Iterator[tuple[str, str]]:
    """Every cell's text, and its number format (Excel shows "2 of 3" from 2 and '0 "of 3"')."""
    import openpyxl

    yield from workbook_texts(path)
    for sheet in openpyxl.load_workbook(path):
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None and cell.number_format != "General":
                    yield f"{sheet.title}!{cell.coordinate} format", cell.number_format


def _customer_files(qbr: Qbr, folder: Path) -> tuple[list[tuple[str, str]], ...]:
    folder.mkdir()
    deck = export_deck(qbr, folder / "qbr.pptx", sharing=Sharing())
    book = export_workbook(qbr, folder / "qbr.xlsx", sharing=Sharing())
    return list(deck_texts(deck)), list(_cells(book))


def _withheld_lines(acme: Acme) -> None:
    """One open action and one success-plan goal in the team's own words (both left out)."""
    acme.ws.add(
        s.ActionItem(
            account_id=acme.account_id,
            title="Coffee with our coach in finance",
            due_on=d("2026-10-20"),
            status=ActionStatus.OPEN,
            created_on=d("2026-09-10"),
        )
    )
    acme.ws.add(
        s.Goal(
            account_id=acme.account_id,
            title="Keep finance on side",
            target="The influential CFO signs the renewal",
            due_on=d("2026-11-30"),
            status=GoalStatus.ON_TRACK,
            progress=40,
        )
    )


def test_a_withheld_line_is_counted_nowhere(acme: Acme, tmp_path: Path) -> None:
    never_written = _customer_files(_qbr(acme), tmp_path / "before")
    _withheld_lines(acme)
    qbr = _qbr(acme)
    copy = edition_copy(qbr, Sharing())
    assert len(copy.withheld) == 2, copy.withheld
    assert len(copy.qbr.actions) == len(qbr.actions) - 1
    assert len(copy.qbr.goals) == len(qbr.goals) - 1
    withheld = _customer_files(qbr, tmp_path / "after")
    for before, after in zip(never_written, withheld, strict=True):
        assert [x for x in after if x not in before] == []
        assert [x for x in before if x not in after] == []


def test_the_key_numbers_count_the_kept_goals(acme: Acme) -> None:
    _withheld_lines(acme)
    qbr = _qbr(acme)
    shown = edition_copy(qbr, Sharing()).qbr.summary
    n = qbr.summary.numbers
    assert (shown.numbers.goals_on_track, shown.numbers.goals_total) == (
        n.goals_on_track - 1,
        n.goals_total - 1,
    )
    said = f"{shown.numbers.goals_on_track} of {shown.numbers.goals_total} success-plan goals"
    assert any(r.startswith(said) for r in shown.health.reasons), shown.health.reasons
