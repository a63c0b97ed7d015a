"""Departure rules at their edges, on account graphs built in memory (the layout of
``graph.networks.account_graph``: people "p…", team members "t…", one edge per link kind)."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.departure import (
    MAX_BRIDGES,
    MAX_LISTED_PATHS,
    departure_advice,
    departure_impact,
    is_decision_maker,
    present,
)


class Account:
    """A small account graph, written the way a TAM would draw it."""

    def __init__(self) -> None:
        self.G = nx.MultiDiGraph()

    def person(self, node: str, **data: object) -> str:
        fields = {"kind": "person", "name": node.upper(), "status": "active", "influence": 3}
        self.G.add_node(node, **{**fields, **data})
        return node

    def member(self, node: str, role: str = "tam") -> str:
        self.G.add_node(node, kind="member", name=node.upper(), role=role)
        return node

    def link(self, source: str, target: str, kind: str, strength: int = 1) -> None:
        self.G.add_edge(source, target, key=kind, kind=kind, strength=strength)

    def cover(self, member: str, person: str, kind: str = "knows", level: str = "vendor") -> None:
        self.G.add_edge(member, person, key=kind, kind=kind, current_level=level)


# --- impact --------------------------------------------------------------------------------


def test_every_link_of_the_leaver_is_lost_once_except_conflicts() -> None:
    a = Account()
    for n in ("pa", "pb", "pc", "pd"):
        a.person(n)
    a.member("t1")
    a.link("pa", "pb", "influences", 2)
    a.link("pa", "pb", "reports_to")  # a second kind between the same two people
    a.link("pc", "pa", "influences")
    a.link("pa", "pd", "ally")
    a.link("pa", "pc", "conflict")
    a.cover("t1", "pa", "owns")
    impact = departure_impact(a.G, "pa")
    assert impact.node == "pa"
    assert impact.lost_edges == [
        ("pa", "pb", "influences"),
        ("pa", "pb", "reports_to"),
        ("pa", "pd", "ally"),
        ("pc", "pa", "influences"),
        ("t1", "pa", "owns"),
    ]


def test_lost_paths_run_only_through_the_leaver() -> None:
    a = Account()
    for n in ("pa", "pb", "pm", "px", "py", "pz"):
        a.person(n)
    # pa and pb sway pm, who sways px and py; pb also sways py directly; px sways pa back
    for u, v in (("pa", "pm"), ("pb", "pm"), ("pm", "px"), ("pm", "py"), ("pb", "py")):
        a.link(u, v, "influences")
    a.link("px", "pa", "influences")
    a.link("pz", "pz", "ally")
    impact = departure_impact(a.G, "pm")
    # pb keeps py (direct) but loses px and pa (via px); px keeps pa but loses py;
    # nobody loses a path to themselves (pa -> pm -> px -> pa)
    assert impact.lost_paths == [
        ("pa", "px"),
        ("pa", "py"),
        ("pb", "pa"),
        ("pb", "px"),
        ("px", "py"),
    ]
    assert impact.lost_path_count == 5
    assert (impact.newly_uncovered, impact.lost_reach) == ([], [])
    assert (impact.reach_before, impact.reach_after) == (0, 0)


def test_a_manager_leaving_cuts_the_line_to_their_reports() -> None:
    a = Account()
    for n in ("pboss", "pmid", "pdev"):
        a.person(n)
    a.link("pmid", "pboss", "reports_to")  # the boss sways mid
    a.link("pdev", "pmid", "reports_to")  # mid sways dev
    impact = departure_impact(a.G, "pmid")
    assert impact.lost_paths == [("pboss", "pdev")]


def test_the_list_of_lost_paths_is_capped_but_the_count_is_not() -> None:
    a = Account()
    a.person("pbroker")
    for n in range(23):  # 23 above, 23 below: 529 pairs
        a.person(f"pu{n:02}")
        a.person(f"pd{n:02}")
        a.link(f"pu{n:02}", "pbroker", "influences")
        a.link("pbroker", f"pd{n:02}", "influences")
    impact = departure_impact(a.G, "pbroker")
    assert impact.lost_path_count == 23 * 23
    assert len(impact.lost_paths) == MAX_LISTED_PATHS == 500
    assert impact.lost_paths[0] == ("pu00", "pd00")
    assert impact.lost_paths[-1] == ("pu21", "pd16")  # in order, the first 500


def test_reach_before_and_after_through_the_team() -> None:
    a = Account()
    for n in ("pa", "pb", "pc", "pd"):
        a.person(n)
    a.member("t1")
    a.member("t2")
    a.cover("t1", "pa", "owns")
    a.link("pa", "pb", "influences")  # through pa, our team reaches pb
    a.link("pc", "pb", "reports_to")  # and pc, who reports to pb
    a.cover("t2", "pd")
    impact = departure_impact(a.G, "pa")
    assert (impact.reach_before, impact.reach_after) == (3, 1)  # pb, pc, pd -> pd
    assert impact.lost_reach == ["pb", "pc"]
    assert impact.newly_uncovered == []


def test_a_teammate_leaving_uncovers_only_the_people_they_alone_cover() -> None:
    a = Account()
    for n in ("pa", "pb", "pc"):
        a.person(n)
    a.member("t1")
    a.member("t2")
    a.cover("t1", "pa", "owns")
    a.cover("t1", "pb")
    a.cover("t2", "pb", "owns")
    a.link("pa", "pc", "influences")
    a.link("pb", "pa", "ally")  # an alliance is no coverage and no reach
    impact = departure_impact(a.G, "t1")
    assert impact.newly_uncovered == ["pa"]
    assert impact.lost_reach == ["pa", "pc"]
    assert (impact.reach_before, impact.reach_after) == (3, 1)
    assert impact.lost_paths == [] and impact.lost_path_count == 0
    assert impact.lost_edges == [("t1", "pa", "owns"), ("t1", "pb", "knows")]


def test_people_who_left_are_no_path_and_no_reach_but_can_be_asked_about() -> None:
    a = Account()
    a.person("pa")
    a.person("pgone", status="left")
    a.person("pb")
    a.member("t1")
    a.cover("t1", "pa")
    a.link("pa", "pgone", "influences")
    a.link("pgone", "pb", "influences")
    a.link("pa", "pb", "ally")
    G = a.G
    assert set(present(G)) == {"pa", "pb", "t1"}
    assert set(present(G, keep="pgone")) == set(G)
    impact = departure_impact(G, "pa")
    assert impact.lost_edges == [("pa", "pb", "ally"), ("t1", "pa", "knows")]
    assert (impact.lost_paths, impact.lost_reach, impact.reach_before) == ([], [], 0)
    gone = departure_impact(G, "pgone")  # their own card: the links they had
    assert gone.lost_edges == [("pa", "pgone", "influences"), ("pgone", "pb", "influences")]
    assert gone.lost_paths == [("pa", "pb")]


def test_a_graph_without_departed_people_is_used_as_is() -> None:
    a = Account()
    a.person("pa")
    assert present(a.G) is a.G


def test_an_unknown_node_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="p42 is not in this account"):
        departure_impact(Account().G, "p42")


# --- advice ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "decides"),
    [
        ({"role": "economic_buyer"}, True),
        ({"role": "technical_buyer"}, True),
        ({"role": "champion", "level": "executive"}, True),
        ({"influence": 4}, True),
        ({"influence": 5, "role": "primary_user"}, True),
        ({"influence": 3, "role": "champion", "level": "management"}, False),
        ({"influence": "5"}, False),  # not a rating
        ({}, False),
    ],
)
def test_who_decides(data: dict[str, object], decides: bool) -> None:
    assert is_decision_maker(data) is decides


def test_advice_for_a_teammate_includes_people_only_they_covered() -> None:
    a = Account()
    a.person("pa")
    a.person("pb", influence=5)
    a.person("pcfo", level="executive")
    a.member("t1")
    a.member("t2")
    a.cover("t1", "pa")
    a.cover("t1", "pcfo", "owns")
    a.cover("t2", "pb")
    a.link("pb", "pa", "influences")  # t2 still reaches pa through pb
    advice = departure_advice(a.G, "t1")
    assert advice.node == "t1" and advice.impact.newly_uncovered == ["pa", "pcfo"]
    # pa is still reached through pb, but nobody covers pa any more: both are listed
    assert advice.lose_contact == ["pa", "pcfo"]
    assert advice.cut_off_decision_makers == ["pcfo"]
    assert [b.person for b in advice.bridges] == ["pcfo", "pb"]


def test_nothing_lost_no_advice() -> None:
    a = Account()
    a.person("pa")
    a.person("pb")
    a.member("t1")
    a.cover("t1", "pa")
    a.cover("t1", "pb")
    advice = departure_advice(a.G, "pa")
    assert (advice.lose_contact, advice.cut_off_decision_makers, advice.bridges) == ([], [], [])


def test_bridges_rank_decision_makers_then_reach_then_influence_then_name() -> None:
    a = Account()
    a.member("t1")
    a.person("pbroker")
    a.cover("t1", "pbroker")
    for n, fields in {
        "pcfo": {"level": "executive", "influence": 2},
        "pe1": {"influence": 1},
        "pe2": {"influence": 1},
        "pe3": {"influence": 1},
        "pe4": {"influence": 1},
        "ploud": {"influence": 3},  # sways pe1 only, but influence 3
        "pquiet": {"influence": 1},  # sways pe2 and pe3
        "pz": {"influence": 1, "name": "Zed"},  # sways pe4, named after...
        "py": {"influence": 1, "name": "Ann"},  # ...the other who sways pe4: by name
    }.items():
        a.person(n, **fields)
    for target in ("pcfo", "pe1", "pe2", "pe3", "pe4"):
        a.link("pbroker", target, "influences")
    a.link("ploud", "pe1", "influences")
    a.link("pquiet", "pe2", "influences")
    a.link("pquiet", "pe3", "influences")
    a.link("pz", "pe4", "influences")
    a.link("py", "pe4", "influences")
    advice = departure_advice(a.G, "pbroker")
    assert advice.lose_contact == ["pcfo", "pe1", "pe2", "pe3", "pe4"]
    assert advice.cut_off_decision_makers == ["pcfo"]
    got = [(b.person, b.restores, b.decision_makers) for b in advice.bridges]
    assert got == [
        ("pcfo", ["pcfo"], ["pcfo"]),  # gives back a decision maker
        ("pquiet", ["pe2", "pe3"], []),  # gives back two
        ("ploud", ["pe1"], []),  # one, with influence 3
        ("py", ["pe4"], []),  # one, influence 1, "Ann" before "Zed"
    ]
    assert len(advice.bridges) < MAX_BRIDGES  # stops once everyone lost is given back


def test_bridges_stop_at_five() -> None:
    a = Account()
    a.member("t1")
    a.person("pbroker")
    a.cover("t1", "pbroker")
    for n in range(MAX_BRIDGES + 1):
        a.person(f"p{n}")
        a.link("pbroker", f"p{n}", "influences")
    advice = departure_advice(a.G, "pbroker")
    assert len(advice.lose_contact) == 6
    assert [b.person for b in advice.bridges] == ["p0", "p1", "p2", "p3", "p4"]


def test_a_bridge_adding_nothing_new_is_skipped() -> None:
    a = Account()
    a.member("t1")
    a.person("pbroker")
    a.cover("t1", "pbroker")
    for n, influence in (("pa", 1), ("pb", 1), ("pc", 2), ("pd", 1)):
        a.person(n, influence=influence)
        a.link("pbroker", n, "influences")
    for n, influence in (("pboth", 3), ("ptwin", 2)):  # each gives back pa and pb
        a.person(n, influence=influence)
        a.link(n, "pa", "influences")
        a.link(n, "pb", "influences")
    advice = departure_advice(a.G, "pbroker")
    # pboth first (two back); ptwin gives back the same two; pc is needed, then pa and pb
    # alone add nothing to what pboth gives; pd is needed still
    assert [b.person for b in advice.bridges] == ["pboth", "pc", "pd"]
    assert [b.restores for b in advice.bridges] == [["pa", "pb"], ["pc"], ["pd"]]


# --- who is best placed ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cover", "best"),
    [
        # owns beats knows, whatever the level
        ({"t1": ("knows", "trusted_advisor"), "t2": ("owns", "vendor")}, "t2"),
        ({"t1": ("owns", "none"), "t2": ("knows", "trusted_advisor")}, "t1"),
        # same kind: the deeper level
        ({"t1": ("knows", "credible_source"), "t2": ("knows", "vendor")}, "t1"),
        ({"t1": ("knows", "vendor"), "t2": ("knows", "none")}, "t1"),
        ({"t1": ("knows", "trusted_advisor"), "t2": ("knows", "problem_solver")}, "t1"),
        ({"t1": ("knows", "credible_source"), "t2": ("knows", "problem_solver")}, "t2"),
        # same kind and level: the later one
        ({"t1": ("knows", "vendor"), "t2": ("knows", "vendor")}, "t2"),
    ],
)
def test_the_teammate_who_knows_the_bridge_best(
    cover: dict[str, tuple[str, str]], best: str
) -> None:
    """t0 alone covered pa; pb (influence 5) still sways pa, and t1 and t2 know pb."""
    a = Account()
    a.member("t0")
    a.person("pa", influence=1)
    a.person("pb", influence=5)
    a.cover("t0", "pa")
    a.link("pb", "pa", "influences")
    for member, (kind, level) in cover.items():
        a.member(member)
        a.cover(member, "pb", kind, level)
    advice = departure_advice(a.G, "t0")
    assert advice.lose_contact == ["pa"]
    bridge = advice.bridges[0]
    assert (bridge.person, bridge.restores) == ("pb", ["pa"])
    assert (bridge.best_placed, bridge.already_known, bridge.near) == (best, True, True)


def test_else_the_teammate_covering_most_people_around_them() -> None:
    a = Account()
    for m in ("t0", "t1", "t2", "t3"):
        a.member(m)
    for n in ("pa", "pb", "pc", "pd"):
        a.person(n)
    a.cover("t0", "pa")
    a.link("pa", "pb", "ally")  # around pa: pb (ally) and pc (reports to pa)
    a.link("pc", "pa", "reports_to")
    a.link("pd", "pd", "ally")
    a.cover("t1", "pb")
    a.cover("t2", "pb")
    a.cover("t2", "pc", "owns")
    a.cover("t3", "pd")  # covers someone, but not around pa
    bridge = departure_advice(a.G, "t0").bridges[0]
    assert bridge.person == "pa"
    assert (bridge.best_placed, bridge.already_known, bridge.near) == ("t2", False, True)
    a.cover("t1", "pc")  # a tie: the later one
    bridge = departure_advice(a.G, "t0").bridges[0]
    assert bridge.best_placed == "t2"


@pytest.mark.parametrize(
    ("roles", "level", "best"),
    [
        ({"t1": "tam", "t2": "account_executive"}, "executive", "t2"),
        ({"t1": "executive_sponsor", "t2": "tam"}, "executive", "t1"),
        ({"t1": "customer_success_manager", "t2": "tam"}, "executive", "t2"),
        ({"t1": "account_executive", "t2": "tam"}, "management", "t2"),
        ({"t1": "solution_engineer", "t2": "customer_success_manager"}, "management", "t2"),
        ({"t1": "account_executive", "t2": "solution_engineer"}, "management", "t2"),
        ({"t1": "tam", "t2": "tam"}, "management", "t1"),  # same role: the first
        ({"t2": "support", "t1": "professional_services"}, "management", "t1"),  # no fit
    ],
)
def test_with_nobody_around_the_role_decides(roles: dict[str, str], level: str, best: str) -> None:
    a = Account()
    a.member("t0")
    for member, role in roles.items():
        a.member(member, role)
    a.person("pa", level=level, influence=1)
    a.cover("t0", "pa")
    bridge = departure_advice(a.G, "t0").bridges[0]
    assert (bridge.person, bridge.best_placed, bridge.already_known, bridge.near) == (
        "pa",
        best,
        False,
        False,
    )


def test_with_no_team_left_nobody_is_best_placed() -> None:
    a = Account()
    a.member("t0")
    a.person("pa")
    a.cover("t0", "pa")
    bridge = departure_advice(a.G, "t0").bridges[0]
    assert (bridge.person, bridge.best_placed, bridge.near) == ("pa", None, False)
