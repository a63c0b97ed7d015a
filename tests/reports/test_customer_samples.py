"""The customer edition of every sample account, read back from the written files: no text of
the deck (frames, tables, charts, notes) or the workbook (cells, headers, footers, charts) says
a word of the team's own vocabulary (``reports.wording.internal_terms``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.workspace import Workspace
from reports.briefing import with_briefing
from reports.deck import export_deck
from reports.edition import Edition, Sharing, withheld
from reports.model import Qbr
from reports.qbr import assemble_qbr
from reports.quarter import choose_quarter
from reports.wording import internal_pattern
from reports.workbook import export_workbook
from tests.reports.readback import deck_texts, workbook_texts

samples = pytest.importorskip("graph.samples")
TODAY = dt.date(2026, 12, 2)
ACCOUNTS = (
    "Cobalt Ridge Health",
    "Harbourline Retail Group",
    "Kestrel Freight Systems",
    "Tidewater Payments",
)


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("samples") / "sample.rapport"
    with Workspace.create(path, today=lambda: TODAY) as ws:
        samples.write_sample(ws, today=TODAY)
    with Workspace.open(path, readonly=True, today=lambda: TODAY) as ws:
        yield ws


def _qbr(ws: Workspace, name: str) -> Qbr:
    account = ws.account_named(name)
    quarter = choose_quarter("last", account.fiscal_year_start_month, TODAY)
    return with_briefing(ws, assemble_qbr(ws, account.id, quarter, TODAY))


def _said(qbr: Qbr, texts: Iterator[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(where, word, text) for each internal word said; people's names are not words."""
    assert qbr.briefing is not None
    names = sorted((name for name, _ in qbr.briefing.roles), key=len, reverse=True)
    found = []
    for where, text in texts:
        bare = text
        for name in names:
            bare = bare.replace(name, " ")
        found += [(where, m.group(0), text) for m in internal_pattern().finditer(bare)]
    return found


def _write(qbr: Qbr, folder: Path, sharing: Sharing) -> tuple[Path, Path]:
    stem = f"{qbr.account.id}-{sharing.edition.value}"
    book = export_workbook(qbr, folder / f"{stem}.xlsx", sharing=sharing)
    deck = export_deck(qbr, folder / f"{stem}.pptx", sharing=sharing)
    return book, deck


@pytest.mark.parametrize("name", ACCOUNTS)
def test_the_customer_edition_says_nothing_internal(
    portfolio: Workspace, name: str, tmp_path: Path
) -> None:
    qbr = _qbr(portfolio, name)
    book, deck = _write(qbr, tmp_path, Sharing(Edition.CUSTOMER))
    assert _said(qbr, workbook_texts(book)) == []
    assert _said(qbr, deck_texts(deck)) == []
    # The read-back sees what the files say: the edition on every page and slide.
    footers = [t for w, t in workbook_texts(book) if w.endswith("header/footer")]
    assert "Customer edition" in footers
    assert any(t.endswith("· Customer edition") for _, t in deck_texts(deck))


def test_the_internal_edition_does_say_it_and_the_log_tells_what_was_withheld(
    portfolio: Workspace, tmp_path: Path
) -> None:
    qbr = _qbr(portfolio, "Harbourline Retail Group")
    book, deck = _write(qbr, tmp_path, Sharing(Edition.INTERNAL))
    words = {word.lower() for _, word, _ in _said(qbr, workbook_texts(book))}
    assert {"detractor", "strong opponent", "champion"} <= words
    assert {"competitor"} <= {word.lower() for _, word, _ in _said(qbr, deck_texts(deck))}
    # The sample's incident report names the competitor evaluation: the customer edition
    # keeps the incident, withholds its business impact, and says so.
    assert withheld(qbr, Sharing(Edition.CUSTOMER)) == (
        "Customer edition: withheld the business impact of the incident “Checkout latency "
        "during the weekend flash sale”: it says “competitor”.",
    )
    assert withheld(qbr, Sharing(Edition.INTERNAL)) == ()
