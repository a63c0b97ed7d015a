"""Signals on the map: the account's risks above it (each one selects its people), marks on the
cards concerned, a "Risks only" filter, and our team's ownership on every card."""

from __future__ import annotations

from types import SimpleNamespace

import networkx as nx
import pytest

from desktop.map.card_risks import (
    card_marks,
    every_owner_initials,
    map_risks,
    owner_initials,
    single_threaded,
)
from desktop.map.map_data import MapFilter
from desktop.map.map_widget import MapWidget
from graph import schema as s
from graph.vocabulary import CoverageKind
from graph.workspace import Workspace
from tests.desktop.map.conftest import open_map


def _graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("t1", kind="member", name="Priya Raman")
    G.add_node("t2", kind="member", name="Maya Lindqvist")
    G.add_node("p1", kind="person", name="Ceo", level="executive", influence=5)
    G.add_node("p2", kind="person", name="Ops", level="operations", influence=2)
    G.add_node("p3", kind="person", name="Gone", level="operations", status="left")
    G.add_node("p4", kind="person", name="Cto", level="executive", influence=4)
    G.add_edge("t1", "p1", key="owns", kind="owns")
    G.add_edge("t2", "p4", key="knows", kind="knows")
    G.add_edge("t1", "p4", key="owns", kind="owns")
    return G


def flag(code: str, nodes: tuple[str, ...] = (), severity: str = "high") -> SimpleNamespace:
    return SimpleNamespace(code=code, severity=severity, message=code, nodes=nodes)


def test_level_flags_mark_that_levels_active_people() -> None:
    risks = map_risks(_graph(), [flag("no_operations_relationship", severity="medium")])
    ops = next(r for r in risks if r.code == "no_operations_relationship")
    assert ops.nodes == ("p2",)  # not the person who left
    assert card_marks(risks)["p2"] == ("uncovered_level",)


def test_single_threaded_decision_makers_are_the_maps_own_mark() -> None:
    G = _graph()
    assert single_threaded(G) == ["p1"]  # the CTO has two teammates
    risks = map_risks(G, [flag("overdue_executive", ("p1",))])
    assert [r.code for r in risks] == ["overdue_executive", "single_threaded"]  # high first
    assert card_marks(risks)["p1"] == ("overdue_executive", "single_threaded")


def test_owner_initials_put_owners_before_knowers() -> None:
    G = _graph()
    assert owner_initials(G, "p4") == ("PR", "ML")
    assert owner_initials(G, "p2") == ()
    # both ties of one teammate (owns and knows) count once, as an owner
    G.add_edge("t2", "p1", key="knows", kind="knows")
    G.add_edge("t1", "p1", key="knows", kind="knows")
    G.add_edge("p2", "p1", key="reports_to", kind="reports_to")
    assert owner_initials(G, "p1") == ("PR", "ML")
    # the whole map's at once (the map's cards): the same, person by person
    every = every_owner_initials(G)
    assert every == {"p1": ("PR", "ML"), "p4": ("PR", "ML")}
    assert all(every.get(p, ()) == owner_initials(G, p) for p in G if p.startswith("p"))


@pytest.fixture
def widget(qtbot, map_ws: Workspace, ids: dict[str, int]) -> MapWidget:
    return open_map(qtbot, map_ws, ids["account"], (1100, 760))


def test_the_banner_lists_the_risks_and_selects_their_people(widget: MapWidget) -> None:
    banner = widget.risk_banner
    assert banner.isVisible() and banner.risks == widget.scene.data.risks
    with_people = next(i for i, r in enumerate(banner.risks) if r.nodes)
    risk = banner.risks[with_people]
    assert risk.message in banner.text.text()
    banner.text.linkActivated.emit(f"risk:{with_people}")
    assert set(widget.selection.nodes()) == {n for n in risk.nodes if n in widget.scene.cards}


def test_cards_carry_their_marks_and_owners(widget: MapWidget, ids) -> None:
    marked = {k for k, c in widget.scene.data.cards.items() if c.risks}
    expected = {n for r in widget.scene.data.risks for n in r.nodes if n.startswith("p")}
    assert marked == expected and marked
    # our account executive owns the CEO: their initials on the CEO's card
    ceo = widget.scene.data.cards[f"p{ids['carla']}"]
    assert ceo.owned_by[:1] == ("AR",)  # Alex Romero


def test_risks_only_shows_the_marked_people_and_refits(widget: MapWidget) -> None:
    widget.view.set_zoom(3.0)
    widget.risk_banner.only.click()
    assert widget.scene.filter.at_risk and widget.toolbar.at_risk.isChecked()
    shown = {k for k, c in widget.scene.cards.items() if k[0] == "p" and c.isVisible()}
    assert shown == {k for k, c in widget.scene.data.cards.items() if c.risks}
    assert widget.view.zoom() < 3.0  # fitted again: the matches are in view
    widget.set_filter(MapFilter())
    assert not widget.toolbar.at_risk.isChecked()


def test_a_new_owner_shows_on_the_card_at_once(widget: MapWidget, map_ws: Workspace, ids) -> None:
    person = next(
        k for k, c in widget.scene.data.cards.items() if not c.is_member and not c.owned_by
    )
    member = map_ws.add(s.TeamMember(name="Zoe Quinn", role="support"))
    map_ws.add(s.Coverage(member_id=member.id, person_id=int(person[1:]), kind=CoverageKind.OWNS))
    widget.wait_for_layout()
    assert "ZQ" in widget.scene.data.cards[person].owned_by
