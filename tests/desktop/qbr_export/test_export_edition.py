"""Export QBR… asks for the edition of the workbook and the deck alike; the choice reaches every
printed page and slide, and what the customer edition withholds is listed when it is done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.qbr.qbr_tab import QbrTab
from desktop.qbr_export import export_dialog
from desktop.qbr_export.export_dialog import QbrExport
from desktop.qbr_export.export_edition import EditionDialog
from graph import schema as s
from graph.vocabulary import ActionStatus, Severity
from graph.workspace import Workspace
from reports.edition import Edition, Sharing
from reports.wording import internal_pattern
from tests.desktop.conftest import Dialogs
from tests.desktop.qbr.account import Northwind
from tests.desktop.qbr_export.edition import EditionAnswer, on_label
from tests.desktop.qbr_export.outside import Outside, run_export

REAL_CHOOSER = export_dialog.choose_edition
NAMES = ("Ana Ruiz", "Ben Okafor", "Chen Wei", "Sam Patel", "Kim Jones")


def _dialog(qtbot: Any, name: str) -> EditionDialog:
    dialog = EditionDialog(Path(name))
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_customer_is_the_default_for_a_deck_internal_for_a_workbook(qtbot: Any) -> None:
    deck = _dialog(qtbot, "Northwind QBR.pptx")
    assert deck.customer.isChecked() and not deck.internal.isChecked()
    assert not deck.anonymize.isChecked()
    assert deck.export_button.text() == "Export" and deck.export_button.isDefault()
    book = _dialog(qtbot, "Northwind QBR.xlsx")
    assert book.internal.isChecked() and not book.customer.isChecked()


def test_the_dialog_gives_what_was_clicked(qtbot: Any) -> None:
    dialog = _dialog(qtbot, "Northwind QBR.pptx")
    qtbot.mouseClick(dialog.internal, Qt.MouseButton.LeftButton, pos=on_label(dialog.internal))
    qtbot.mouseClick(dialog.anonymize, Qt.MouseButton.LeftButton, pos=on_label(dialog.anonymize))
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.sharing() == Sharing(Edition.INTERNAL, anonymize=True)
    assert dialog.sharing().label == "Internal edition · names replaced by roles"


def test_escape_asks_for_nothing_more(qtbot: Any, parent: Any) -> None:
    answer = EditionAnswer(cancel=True).arm()
    assert REAL_CHOOSER(parent, Path("Northwind QBR.xlsx")) is None
    assert answer.shown_default == [Edition.INTERNAL]


def _plant_internal_wording(ws: Workspace, northwind: Northwind) -> None:
    """Free text a TAM typed in the team's own words, on records the Q3 QBR shows."""
    a = northwind.account_id
    ws.add(
        s.Incident(
            account_id=a,
            occurred_on=dt.date(2026, 8, 20),
            title="Scanner outage at the Antwerp hub",
            severity=Severity.SEV2,
            duration_minutes=30,
            impact_value=120,
            impact_unit="parcels delayed",
            business_impact="Ben Okafor raised it in the competitor evaluation",
        )
    )
    ws.add(
        s.ActionItem(
            account_id=a,
            title="Win over Ana Ruiz, our blocker in finance",
            due_on=dt.date(2026, 10, 20),
            status=ActionStatus.OPEN,
            created_on=dt.date(2026, 9, 5),
        )
    )


def _cells(book: Any) -> list[tuple[str, str]]:
    return [
        (f"{sheet.title}!{cell.coordinate}", cell.value)
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


@pytest.mark.usefixtures("export_from_the_tab")
def test_a_customer_workbook_chosen_in_the_dialog(
    qtbot: Any,
    tab: QbrTab,
    qbr_ws: Workspace,
    northwind: Northwind,
    outside: Outside,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(export_dialog, "choose_edition", REAL_CHOOSER)
    _plant_internal_wording(qbr_ws, northwind)
    answer = EditionAnswer(Edition.CUSTOMER, roles=True).arm()
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    export = tab.findChild(QbrExport)
    assert isinstance(export, QbrExport)
    messages: list[str] = []
    export.message.connect(messages.append)
    run_export(qtbot, export)

    assert answer.shown_default == [Edition.INTERNAL]  # a workbook's default
    assert dialogs.errors == [] and export.outcome == "finished"
    target = outside.target
    assert target is not None
    book = openpyxl.load_workbook(target)
    label = "Customer edition · names replaced by roles"
    assert [sheet.oddFooter.center.text for sheet in book] == [label] * len(book.sheetnames)
    cells = _cells(book)
    said = [(where, text) for where, text in cells if internal_pattern().search(text)]
    assert said == []
    named = [(where, text) for where, text in cells if any(n in text for n in NAMES)]
    assert named == []
    everything = "\n".join(text for _, text in cells)
    assert "CIO" in everything and "Our TAM" in everything  # roles stand for the names
    assert "Scanner outage at the Antwerp hub" in everything  # the incident stays, its
    assert "competitor" not in everything  # business impact does not
    assert "Win over" not in everything and "Book the executive sponsor meeting" in everything
    assert len(book["Map"]._images) == 1  # drawn in the customer edition's cut
    # What was withheld is told when it is done, with the word that marked it.
    # (the action is also an ask and a plan line: said once)
    action, incident = outside.withheld[0]
    assert action == (
        "Customer edition: left out the action “Win over Ana Ruiz, our blocker in finance”: "
        "it says “Win over”."
    )
    assert incident == (
        "Customer edition: withheld the business impact of the incident “Scanner outage at "
        "the Antwerp hub”: it says “competitor”."
    )
    assert messages[-1] == f"Exported {target.name}, {label} (2 withheld)"


@pytest.mark.usefixtures("export_from_the_tab")
def test_a_deck_in_the_default_edition_says_it_on_every_slide(
    qtbot: Any,
    tab: QbrTab,
    outside: Outside,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pptx import Presentation

    monkeypatch.setattr(export_dialog, "choose_edition", REAL_CHOOSER)
    assert outside.target is not None
    outside.target = outside.target.with_suffix(".pptx")
    answer = EditionAnswer().arm()  # Export at once: the default
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    export = tab.findChild(QbrExport)
    run_export(qtbot, export)

    assert answer.shown_default == [Edition.CUSTOMER] and dialogs.errors == []
    prs = Presentation(str(outside.target))
    footer = "Northwind Logistics · QBR Q3 2026 · Customer edition"
    for number, slide in enumerate(prs.slides, start=1):
        words = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert footer in words, number
    titles = [s.shapes.title.text_frame.text for s in prs.slides if s.shapes.title is not None]
    assert "Relationship coverage (internal)" not in titles
    assert outside.withheld == [()]  # nothing in the team's own words on this account


@pytest.mark.usefixtures("export_from_the_tab")
def test_cancelling_the_edition_writes_nothing(
    qtbot: Any, tab: QbrTab, outside: Outside, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_dialog, "choose_edition", REAL_CHOOSER)
    answer = EditionAnswer(cancel=True).arm()
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert answer.shown_default == [Edition.INTERNAL]
    assert tab.findChild(QbrExport) is None
    assert outside.target is not None and list(outside.target.parent.iterdir()) == []


def test_the_customer_map_cards_say_nothing_of_ours(
    qbr_ws: Workspace, northwind: Northwind
) -> None:
    from desktop.map.map_data import load_map_data
    from desktop.qbr_export.deck_map import deck_map_data

    full = load_map_data(qbr_ws, northwind.account_id, qbr_ws.today())
    people = [c for c in full.cards.values() if not c.is_member]
    assert any(c.owned_by for c in people) and any(c.role for c in people)
    assert len({c.influence for c in people}) > 1
    neutral = deck_map_data(full, neutral=True)
    assert all(not c.is_member for c in neutral.cards.values())
    assert {
        (c.attitude, c.role, c.influence, c.cadence, c.risks, c.owned_by, c.owners)
        for c in neutral.cards.values()
    } == {(0, "", 3, None, (), (), ())}
    assert neutral.risks == []
    assert {link.kind for link in neutral.links.values()} <= {"reports_to"}


def test_a_big_accounts_cut_map_spreads_its_loose_people_across_the_slide() -> None:
    from desktop.map.map_data import CardData, LinkData, MapData
    from desktop.qbr_export.deck_map import SLIDE_ASPECT, spread_loose

    cards = {f"p{i}": CardData(f"p{i}", "person", f"Person {i}") for i in range(1, 25)}
    links = {"r1": LinkData("r1", "p2", "p1", "reports_to")}  # p2 reports to p1
    data = MapData(1, "Big account", cards, links)
    sizes = {key: (190.0, 67.0) for key in cards}
    # as the org layout leaves them: the tree on top, the others in a narrow block
    column = {key: (float(i % 4) * 214, 300.0 + (i // 4) * 150) for i, key in enumerate(cards)}
    column.update({"p1": (0.0, 0.0), "p2": (0.0, 150.0)})
    spread = spread_loose(data, column, sizes)
    assert spread["p1"] == (0.0, 0.0) and spread["p2"] == (0.0, 150.0)  # the tree stays
    xs = [x for x, _ in spread.values()]
    ys = [y for _, y in spread.values()]
    width = max(xs) - min(xs) + 190
    height = max(ys) - min(ys) + 67
    assert width >= 0.8 * SLIDE_ASPECT * height, (width, height)
    assert min(y for k, (_, y) in spread.items() if k not in ("p1", "p2")) > 150 + 67
    assert len(set(spread.values())) == len(cards)  # no two cards on one spot
