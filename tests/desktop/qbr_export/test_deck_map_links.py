"""The map the deck and the workbook show crosses no card with a line: every path drawn in the
exported scene (reporting lines into stacked teams, our team's ownership lines, knows lines)
is checked against every card, as the interactive map's links are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6

from desktop.qbr_export.deck_map import DeckScene, deck_map_scene
from graph.samples import write_sample
from graph.workspace import Workspace
from tests.desktop.map.big_account import big_map_data
from tests.desktop.map.test_big_map_links import crossing_links

TODAY = dt.date(2026, 11, 22)
ACCOUNTS = (
    "Cobalt Ridge Health",
    "Harbourline Retail Group",
    "Kestrel Freight Systems",
    "Tidewater Payments",
)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path = tmp_path_factory.mktemp("deck_map") / "sample.rapport"
    ws = Workspace.create(path, today=lambda: TODAY)
    write_sample(ws, TODAY)
    yield ws
    ws.close()


@pytest.fixture
def laid_out() -> Iterator[list[DeckScene]]:
    scenes: list[DeckScene] = []
    yield scenes
    for laid in scenes:
        shiboken6.delete(laid.scene)


def _drawn_paths(laid: DeckScene) -> int:
    return sum(
        1
        for edge in laid.scene.edges.values()
        if edge.isVisible() and edge.opacity() > 0.0 and not edge.path().isEmpty()
    )


@pytest.mark.parametrize(
    ("internal", "slide_legend"),
    [(True, False), (True, True), (False, False)],
    ids=["internal", "internal map slide", "customer"],
)
@pytest.mark.parametrize("account", ACCOUNTS)
def test_no_line_of_a_sample_accounts_exported_map_crosses_a_card(
    qtbot,
    sample: Workspace,
    laid_out: list[DeckScene],
    account: str,
    internal: bool,
    slide_legend: bool,
) -> None:
    """The workbook's and the appendix's map, and the internal edition's map slide (its
    legend on the slide: our team's row closer, people with no manager beside the tree)."""
    record = sample.account_named(account)
    laid = deck_map_scene(
        sample, record.id, neutral=not internal, today=TODAY, slide_legend=slide_legend
    )
    assert laid.legend is (internal and not slide_legend)
    laid_out.append(laid)
    kinds = {e.link.kind for e in laid.scene.edges.values() if e.isVisible() and e.opacity()}
    # the lines the picture shows: the org chart, and in the internal edition our team's
    assert "reports_to" in kinds
    assert ("owns" in kinds) is internal
    assert _drawn_paths(laid) >= 15
    assert not any(e.blocked for e in laid.scene.edges.values())
    assert crossing_links(laid.scene) == {}


def test_a_reporting_line_into_a_stacked_team_runs_beside_the_cards_above_it(
    qtbot, sample: Workspace, laid_out: list[DeckScene]
) -> None:
    """Cobalt's chart on a slide stacks teams in columns: the line to a lower report turns
    above the first row and runs down the gutter, never down through a teammate's card (which
    would read as reporting to that teammate)."""
    record = sample.account_named("Cobalt Ridge Health")
    laid = deck_map_scene(sample, record.id, neutral=True, today=TODAY)
    laid_out.append(laid)
    scene = laid.scene
    stacked = [
        e
        for e in scene.edges.values()
        if e.elbow and e.source.y() > scene.first_report_row(e.target)[1] + 20
    ]
    assert len(stacked) >= 3
    for edge in stacked:
        points = [edge.mapToScene(p) for p in edge.path().toFillPolygon()]
        report = edge.source
        # ends on the report's side, at its middle
        assert any(
            abs(p.x() - (report.x() - report.half_w)) < 1 and abs(p.y() - report.y()) < 1
            for p in points
        )
    assert crossing_links(scene) == {}


def test_no_line_of_a_big_accounts_key_people_crosses_a_card(
    qtbot, laid_out: list[DeckScene], tmp_path: Path
) -> None:
    """A 2,000-person account: the slide's cut of 30 people, with our team, drawn through
    the same scene and routing."""
    full = big_map_data(2000)
    ws = Workspace.create(tmp_path / "empty.rapport", today=lambda: TODAY)
    try:
        laid = deck_map_scene(ws, 1, keep=range(1, 31), full=full, positions={})
        # the internal edition's map slide: its cut (10 of them print their names at 9 pt)
        cut = deck_map_scene(ws, 1, keep=range(1, 11), full=full, positions={}, slide_legend=True)
    finally:
        ws.close()
    laid_out.extend([laid, cut])
    people = [c for c in laid.scene.cards.values() if not c.data_.is_member]
    assert len(people) == 30
    assert _drawn_paths(laid) >= 20
    assert crossing_links(laid.scene) == {}
    assert _drawn_paths(cut) >= 5
    assert crossing_links(cut.scene) == {}
