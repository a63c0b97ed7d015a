"""Big org charts fold: a collapsed manager hides their team and shows how many; a click on
the badge expands or collapses it; a big account opens folded to fit."""

from __future__ import annotations

import networkx as nx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.map.map_widget import MapWidget
from desktop.map.org_folding import depths, fold_to_fit, hidden_under, team_sizes
from desktop.map.person_card import PersonCard
from graph.workspace import Workspace
from tests.desktop.map.conftest import open_map


def chart(spans: list[int]) -> nx.DiGraph:
    """A tree: one head, then each level with ``span`` reports per person above."""
    g = nx.DiGraph()
    g.add_node("p0")
    level, n = ["p0"], 1
    for span in spans:
        below = []
        for manager in level:
            for _ in range(span):
                g.add_edge(f"p{n}", manager)  # report -> manager
                below.append(f"p{n}")
                n += 1
        level = below
    return g


def test_team_sizes_count_everyone_under_a_manager() -> None:
    g = chart([3, 2])  # 1 + 3 + 6
    sizes = team_sizes(g)
    assert sizes["p0"] == 9
    assert sizes["p1"] == 2
    assert "p4" not in sizes  # nobody's manager


def test_a_collapsed_manager_hides_their_whole_team() -> None:
    g = chart([3, 2])
    assert hidden_under(g, {"p1"}) == {"p4", "p5"}
    assert hidden_under(g, {"p0", "p1"}) == set(g) - {"p0"}
    assert depths(g)["p9"] == 2


def test_fold_to_fit_keeps_the_top_levels_whole() -> None:
    g = chart([5, 5, 5])  # 1 + 5 + 25 + 125 = 156
    assert fold_to_fit(g, limit=200) == set()
    folded = fold_to_fit(g, limit=40)  # 31 people in the top three levels
    assert folded == {n for n, d in depths(g).items() if d == 2}
    assert len(g) - len(hidden_under(g, folded)) == 31
    # even when the heads' reports alone are too many, they show
    wide = chart([60, 3])
    assert fold_to_fit(wide, limit=20) == {n for n, d in depths(wide).items() if d == 1}


@pytest.fixture
def widget(qtbot, map_ws: Workspace, ids: dict[str, int]) -> MapWidget:
    return open_map(qtbot, map_ws, ids["account"], (1100, 760))


def test_clicking_the_badge_folds_and_unfolds_a_team(qtbot, widget: MapWidget, ids) -> None:
    cto = f"p{ids['tomas']}"
    team = {f"p{ids[k]}" for k in ("victor", "olga", "ethan")}  # under the CTO
    card = widget.scene.cards[cto]
    assert isinstance(card, PersonCard) and card.team == 3 and not card.collapsed
    widget.view.set_zoom(1.0)
    widget.view.centerOn(card)
    badge = card.fold_badge(widget.view.zoom())
    assert badge is not None
    at = widget.view.mapFromScene(card.mapToScene(badge.center()))
    before = widget.view.mapFromScene(card.pos())
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        QTest.mouseClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert card.collapsed and widget.collapsed() == {cto}
    assert not any(widget.scene.cards[k].isVisible() for k in team)
    assert widget.view.mapFromScene(card.pos()) == before  # the manager stays put
    widget.toggle_team(cto)
    widget.wait_for_layout()
    qtbot.waitUntil(lambda: all(widget.scene.cards[k].isVisible() for k in team), timeout=3000)
    assert not card.collapsed


def test_folding_is_the_org_charts_alone(qtbot, widget: MapWidget, ids) -> None:
    widget.toggle_team(f"p{ids['tomas']}")
    widget.wait_for_layout()
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        widget.set_view("network")
    assert all(c.isVisible() for k, c in widget.scene.cards.items() if k.startswith("p"))
    assert widget.scene.cards[f"p{ids['tomas']}"].team == 0  # no badge in the network
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        widget.set_view("org")
    assert not widget.scene.cards[f"p{ids['victor']}"].isVisible()


def test_an_unfolded_team_never_overlaps(qtbot, widget: MapWidget, ids) -> None:
    widget.toggle_team(f"p{ids['tomas']}")
    widget.wait_for_layout()
    widget.toggle_team(f"p{ids['tomas']}")
    widget.wait_for_layout()
    qtbot.wait(50)
    shown = [c for c in widget.scene.cards.values() if c.isVisible()]
    boxes = [c.mapRectToScene(c.body) for c in shown]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.intersects(b)


def test_finding_or_choosing_a_folded_person_opens_their_teams(qtbot, widget: MapWidget, ids):
    cto, olga, ethan = (f"p{ids[k]}" for k in ("tomas", "olga", "ethan"))
    widget.toggle_team(cto)
    widget.wait_for_layout()
    qtbot.wait(20)
    assert not widget.scene.cards[olga].isVisible()
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        assert widget.find_person("Olga") == olga  # a search opens the teams above her
    assert widget.collapsed() == frozenset() and widget.scene.cards[olga].isVisible()
    assert widget.selection.nodes() == [olga]
    widget.toggle_team(cto)
    widget.wait_for_layout()
    qtbot.wait(20)
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        widget.selection.set_nodes([ethan], source=object())  # chosen in the people table
    assert widget.scene.cards[ethan].isVisible() and widget.scene.cards[ethan].isSelected()


def test_folds_are_remembered_per_account_across_switches_and_restarts(
    qtbot, widget: MapWidget, map_ws: Workspace, ids
) -> None:
    from graph import schema as s

    cto = f"p{ids['tomas']}"
    victor = f"p{ids['victor']}"
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        widget.toggle_team(cto)
    other = map_ws.add(s.Account(name="Initrode"))
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        widget.set_account(other.id)
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        widget.set_account(ids["account"])
    assert widget.collapsed() == {cto} and not widget.scene.cards[victor].isVisible()
    # the app restarted: a new map on the same file opens folded as it was left
    again = open_map(qtbot, map_ws, ids["account"], (1100, 760))
    assert again.collapsed() == {cto} and not again.scene.cards[victor].isVisible()
    with qtbot.waitSignal(again.layoutApplied, timeout=5000):
        again.toggle_team(cto)
    third = open_map(qtbot, map_ws, ids["account"], (1100, 760))
    assert third.collapsed() == frozenset() and third.scene.cards[victor].isVisible()
