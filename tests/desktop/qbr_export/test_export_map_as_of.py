"""Export QBR… draws a past quarter's map as the account stood then, as ``rapport export`` does:
from the QBR's own reading of that day, its people ranked as the QBR's stakeholders. (It once
drew today's people under the quarter's "As of" title: someone who joined after the quarter
was on its map.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from desktop.qbr_export import deck_map
from desktop.qbr_export.export_dialog import start_qbr_export
from desktop.qbr_export.export_job import MapOrder
from graph import schema as s
from graph.vocabulary import DealRole, Level
from graph.workspace import Workspace
from reports.deck import MapPicture
from tests.desktop.qbr.account import Q2, Northwind
from tests.desktop.qbr_export.outside import Outside, run_export


@pytest.mark.parametrize("suffix", [".pptx", ".xlsx"])
def test_a_past_quarters_map_shows_the_people_of_that_quarter(
    qtbot: Any,
    parent: QWidget,
    qbr_ws: Workspace,
    northwind: Northwind,
    outside: Outside,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
) -> None:
    # joined in August, after Q2 2026 ended (30 Jun), as an executive: the first person any
    # ranking would put on the map
    late = qbr_ws.add(
        s.Person(
            account_id=northwind.account_id,
            name="Late Joiner",
            title="Chief Executive Officer",
            level=Level.EXECUTIVE,
            role=DealRole.ECONOMIC_BUYER,
            influence=5,
            joined_on=dt.date(2026, 8, 3),
        )
    )
    drawn: list[tuple[MapOrder, MapPicture]] = []
    real = deck_map.deck_picture

    def watched(ws: Workspace, snapshot: Any, qbr: Any, path: Path, **kw: Any) -> MapPicture:
        picture = real(ws, snapshot, qbr, path, **kw)
        drawn.append((MapOrder(None, qbr, snapshot), picture))  # type: ignore[arg-type]
        return picture

    monkeypatch.setattr(deck_map, "deck_picture", watched)
    assert outside.target is not None
    outside.target = outside.target.with_suffix(suffix)
    run_export(qtbot, start_qbr_export(parent, qbr_ws, northwind.account_id, Q2))

    assert outside.target.is_file()
    [(order, picture)] = drawn
    assert order.snapshot.as_of == Q2.end
    on_map = {p.id for p in order.snapshot.people}
    assert late.id not in on_map
    assert on_map == set(northwind.people.values())
    stakeholders = [p.person_id for p in order.qbr.people.stakeholders]
    assert late.id not in stakeholders
    assert picture.total == len(stakeholders)
    assert picture.people is None or late.id not in picture.people
