"""``rapport export --pptx``: the deck and its edition from the command line, and the one-line
messages for what cannot be done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from desktop.cli import main
from graph import schema as s
from graph.workspace import Workspace


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    path = tmp_path / "p.rapport"
    with Workspace.create(path, today=lambda: dt.date(2026, 11, 22)) as ws:
        acme = ws.add(s.Account(name="Acme", arr=1_200_000, currency="GBP"))
        boss = ws.add(s.Person(account_id=acme.id, name="Cee Oh", level="executive", title="CEO"))
        grump = ws.add(
            s.Person(
                account_id=acme.id,
                name="Gus Grump",
                title="Head of Finance",
                role="blocker",
                attitude=-2,
                influence=5,
            )
        )
        ws.set_manager(grump.id, boss.id)
        ws.log_interaction(acme.id, dt.datetime(2026, 11, 2, 9), people=[boss.id, grump.id])
    return path


def run(args: list[str], capsys: Any) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _export(portfolio: Path, *extra: str) -> list[str]:
    return ["export", str(portfolio), "--account", "Acme", "--quarter", "2026-Q4", *extra]


def _everything(path: Path) -> str:
    prs = Presentation(str(path))
    texts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text_frame.text for r in shape.table.rows for c in r.cells]
        texts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(texts)


def test_deck_alone_is_the_customer_edition(portfolio: Path, tmp_path: Path, capsys: Any) -> None:
    deck = tmp_path / "qbr.pptx"
    code, out, err = run(_export(portfolio, "--pptx", str(deck), "--today", "2026-11-22"), capsys)
    assert code == 0, err
    assert out.splitlines()[1:] == [f"Wrote deck: {deck} (Customer edition)"]
    assert out.startswith("Exported the QBR of Acme for Q4 2026 to date, 1 Oct 2026 – 22 Nov")
    text = _everything(deck)
    assert "Acme · QBR Q4 2026 · Customer edition" in text
    assert "Gus Grump" in text  # by name and title
    for word in ("detractor", "Blocker", "opponent"):
        assert word not in text


def test_both_files_in_one_edition_with_names_replaced(
    portfolio: Path, tmp_path: Path, capsys: Any
) -> None:
    from openpyxl import load_workbook

    deck, book = tmp_path / "qbr.pptx", tmp_path / "qbr.xlsx"
    args = _export(portfolio, "--pptx", str(deck), "--xlsx", str(book), "--edition", "internal")
    code, out, err = run([*args, "--anonymize", "--today", "2026-11-22"], capsys)
    assert code == 0, err
    assert "(Internal edition · names replaced by roles)" in out
    text = _everything(deck)
    assert "Gus Grump" not in text and "Head of Finance" in text
    assert "Relationship coverage (internal)" in text
    cells = [c.value for ws in load_workbook(book) for r in ws.iter_rows() for c in r]
    assert "Gus Grump" not in cells and "Cee Oh" not in cells
    assert load_workbook(book)["Summary"].page_setup.paperSize == 9  # GBP: A4


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "nothing to export: give --xlsx"),
        (["--pptx", "{out}.ppt"], "must be a .pptx file"),
        (["--pptx", "{out}.pptx", "--template", "{out}-missing.pptx"], "no such template file"),
        (["--pptx", "{out}.pptx", "--template", "{bad}"], "not a PowerPoint .pptx file"),
    ],
)
def test_export_deck_errors_are_one_line(
    extra: list[str], message: str, portfolio: Path, tmp_path: Path, capsys: Any
) -> None:
    bad = tmp_path / "bad.pptx"
    bad.write_text("a text file")
    args = _export(portfolio, *[a.format(out=tmp_path / "out", bad=bad) for a in extra])
    code, _, err = run(args, capsys)
    assert code == 1 and message in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert list(tmp_path.glob("out*")) == []
