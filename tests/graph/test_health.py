"""The account health a VP reads, and the flags and coverage behind it, at their boundaries.

Every figure here is what ``account_signals`` returns for a small account built as of TODAY:
the score, its colour, the reasons in order, the flags with their wording, the coverage of
each person and of each level.
"""

from __future__ import annotations

import datetime as dt

import pytest

from graph import schema as s
from graph.cadence import Cadence, CadenceStatus
from graph.signals import AccountSignals, ContactCoverage, account_signals
from graph.vocabulary import DealRole, Health, Level, Phase, RelationKind
from graph.workspace import Workspace
from tests.conftest import TODAY


def at(days_ago: int) -> dt.datetime:
    return dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(10))


def person(ws: Workspace, account: s.Account, name: str, **fields: object) -> s.Person:
    return ws.add(s.Person(account_id=account.id, name=name, **fields))  # type: ignore[arg-type]


def meet(ws: Workspace, account: s.Account, days_ago: int, *people: s.Person, minutes: int = 30):
    ws.log_interaction(
        account.id, at(days_ago), people=[p.id for p in people], duration_minutes=minutes
    )


def signals(ws: Workspace, account: s.Account) -> AccountSignals:
    return account_signals(ws, account.id, TODAY)


def codes(sig: AccountSignals) -> list[str]:
    return sorted(f.code for f in sig.flags)


@pytest.fixture
def team(ws: Workspace) -> tuple[s.TeamMember, s.TeamMember]:
    return ws.add(s.TeamMember(name="Tia")), ws.add(s.TeamMember(name="Sam"))


@pytest.fixture
def healthy(
    ws: Workspace, account: s.Account, team: tuple[s.TeamMember, s.TeamMember]
) -> dict[str, s.Person]:
    """Nothing to flag: an executive met 10 days ago, two champions and the operations owner
    met yesterday, two of our team holding the relationships. Its score is exactly 100."""
    tia, sam = team
    people = {
        "exec": person(ws, account, "Eve", level="executive", role="economic_buyer"),
        "c1": person(ws, account, "Cal", level="management", role="champion"),
        "c2": person(ws, account, "Cat", level="management", role="champion"),
        "ops": person(ws, account, "Oli", level="operations", role="operations_owner"),
    }
    ws.add(s.Coverage(member_id=tia.id, person_id=people["c1"].id, kind="owns"))
    ws.add(s.Coverage(member_id=sam.id, person_id=people["ops"].id))
    meet(ws, account, 10, people["exec"])
    meet(ws, account, 1, people["c1"], people["c2"], people["ops"])
    return people


def test_the_healthy_account_reads_green_100(ws, account, healthy) -> None:
    sig = signals(ws, account)
    assert (sig.health, sig.computed_health, sig.health_score) == (Health.GREEN, Health.GREEN, 100)
    assert (sig.flags, sig.health_reasons, sig.health_label) == ([], [], "Green (100/100)")
    assert sig.enough_data and (sig.overdue, sig.due, sig.new) == (0, 0, 0)


# --- the score -------------------------------------------------------------------------------


def test_at_risk_subtracts_20_and_says_so(ws, account, healthy) -> None:
    ws.update(s.Account, account.id, phase=Phase.AT_RISK)
    sig = signals(ws, account)
    assert (sig.health_score, sig.health) == (80, Health.GREEN)
    assert sig.health_reasons == ["Account phase is at risk"]
    assert sig.health_label == "Green (80/100)"


def test_the_share_overdue_is_rounded_once_at_the_end(ws, account, healthy) -> None:
    late = [person(ws, account, f"Late {n}", level="management", role="champion") for n in "AB"]
    meet(ws, account, 15, *late)  # champions: 15 days is overdue
    sig = signals(ws, account)
    # 2 of 6 overdue: 30 x 2/6 = 10
    assert (sig.overdue, sig.health_score) == (2, 90)
    assert sig.health_reasons == ["2 of 6 people overdue for contact"]
    more = [person(ws, account, f"Fine {n}", level="management", role="primary_user") for n in "C"]
    meet(ws, account, 2, *more)
    # 2 of 7: 100 - 8.57 = 91.43, read as 91
    assert signals(ws, account).health_score == 91


def test_one_overdue_of_seven_is_96_not_95(ws, account, healthy) -> None:
    extra = [person(ws, account, f"P{n}", level="management", role="primary_user") for n in "AB"]
    late = person(ws, account, "Lou", level="management", role="champion")
    meet(ws, account, 2, *extra)
    meet(ws, account, 15, late)
    sig = signals(ws, account)
    assert (sig.overdue, sig.health_score) == (1, 96)  # 100 - 30/7 = 95.7


def test_high_flags_cost_10_each_capped_at_30(ws, account) -> None:
    # Two executives known for a year and never met, no champion, operations met yesterday.
    execs = [
        person(ws, account, n, level="executive", role="economic_buyer", joined_on=at(400).date())
        for n in ("Ann", "Ben")
    ]
    ops = person(ws, account, "Oli", level="operations", role="operations_owner")
    meet(ws, account, 1, ops)
    sig = signals(ws, account)
    assert codes(sig) == [
        "no_champion",
        "no_executive_contact",
        "overdue_executive",
        "overdue_executive",
    ]
    assert all(f.severity == "high" for f in sig.flags)
    # 2 of 3 overdue: -20; four high flags: -30, not -40
    assert (sig.health_score, sig.health) == (50, Health.AMBER)
    assert sig.health_reasons[0] == "2 of 3 people overdue for contact"
    assert {f.nodes for f in sig.flags if f.code == "overdue_executive"} == {
        (f"p{execs[0].id}",),
        (f"p{execs[1].id}",),
    }


def test_the_score_never_goes_below_zero(ws, account) -> None:
    ws.update(s.Account, account.id, phase=Phase.AT_RISK)
    boss = person(
        ws,
        account,
        "Boss",
        level="executive",
        role="economic_buyer",
        influence=5,
        attitude=-2,
        joined_on=at(400).date(),
    )
    ops = person(ws, account, "Oli", level="operations", role="operations_owner")
    meet(ws, account, 1, ops)
    for n in range(2):
        ws.add(s.Ticket(account_id=account.id, title=f"Down {n}", severity="sev1", opened_on=TODAY))
        ws.add(s.Risk(account_id=account.id, title=f"Risk {n}", level="high", raised_on=TODAY))
    sig = signals(ws, account)
    assert {"no_champion", "overdue_executive", "unowned_detractor"} <= set(codes(sig))
    assert (sig.health_score, sig.health, sig.health_label) == (0, Health.RED, "Red (0/100)")
    assert sig.health_reasons[-4:] == [
        "Account phase is at risk",
        "Influential stakeholders lean against us",
        "2 open severity-1 ticket(s)",
        "2 open high risk(s)",
    ]
    assert sig.people[boss.id].cadence_status is CadenceStatus.OVERDUE


def test_one_ticket_and_one_risk_cost_10_each(ws, account, healthy) -> None:
    ws.add(s.Ticket(account_id=account.id, title="Down", severity="sev1", opened_on=TODAY))
    sig = signals(ws, account)
    assert (sig.health_score, sig.health_reasons) == (90, ["1 open severity-1 ticket(s)"])
    ws.add(s.Risk(account_id=account.id, title="Churn", level="high", raised_on=TODAY))
    sig = signals(ws, account)
    assert sig.health_score == 80
    assert sig.health_reasons == ["1 open severity-1 ticket(s)", "1 open high risk(s)"]


def test_only_the_influential_present_lean_against_us(ws, account, healthy) -> None:
    # influence 3 or on leave: not counted, however negative
    grumpy = person(ws, account, "Grumpy", influence=3, attitude=-2, level="management")
    person(ws, account, "Away", influence=5, attitude=-2, status="on_leave")
    assert signals(ws, account).health_score == 100
    ws.add(s.Coverage(member_id=ws.team()[0].id, person_id=grumpy.id))  # no detractor flag
    ws.update(s.Person, grumpy.id, influence=4)
    sig = signals(ws, account)
    assert (sig.health_score, sig.flags) == (90, [])
    assert sig.health_reasons == ["Influential stakeholders lean against us"]


def test_an_influential_detractor_outweighing_a_supporter(ws, account, healthy) -> None:
    tia = ws.team()[0]
    critic = person(ws, account, "Critic", influence=4, attitude=-1, level="management")
    ws.add(s.Coverage(member_id=tia.id, person_id=critic.id))  # covered: no detractor flag
    meet(ws, account, 1, critic)
    assert signals(ws, account).health_score == 90  # mean attitude of influence 4+: -1
    ws.update(s.Person, healthy["exec"].id, influence=4, attitude=1)
    assert signals(ws, account).health_score == 100  # mean 0 is not leaning against us


# --- the colours and the override --------------------------------------------------------------


def test_a_score_of_70_is_green_and_69_amber(ws, account, healthy) -> None:
    ws.update(s.Account, account.id, phase=Phase.AT_RISK)
    ws.add(s.Ticket(account_id=account.id, title="Down", severity="sev1", opened_on=TODAY))
    sig = signals(ws, account)
    assert (sig.health_score, sig.health) == (70, Health.GREEN)
    late = person(ws, account, "Lou", level="management", role="primary_user")
    meet(ws, account, 100, late)  # 1 of 5 overdue: -6
    sig = signals(ws, account)
    assert (sig.health_score, sig.health) == (64, Health.AMBER)


def test_a_score_of_45_is_amber_and_44_red(ws, account, healthy) -> None:
    ws.update(s.Account, account.id, phase=Phase.AT_RISK)
    for n in range(2):
        ws.add(s.Ticket(account_id=account.id, title=f"T{n}", severity="sev1", opened_on=TODAY))
        ws.add(s.Risk(account_id=account.id, title=f"R{n}", level="high", raised_on=TODAY))
    sig = signals(ws, account)
    assert (sig.health_score, sig.health) == (40, Health.RED)
    ws.remove(s.Risk, ws.find(s.Risk, title="R1")[0].id)
    sig = signals(ws, account)
    assert (sig.health_score, sig.health) == (50, Health.AMBER)
    late = person(ws, account, "Lou", level="management", role="primary_user")
    meet(ws, account, 100, late)  # 1 of 5 overdue: -6
    assert signals(ws, account).health_score == 44
    assert signals(ws, account).health is Health.RED
    meet(ws, account, 1, late)
    more = person(ws, account, "Max", level="management", role="primary_user")
    meet(ws, account, 100, more)  # 1 of 6 overdue: -5
    sig = signals(ws, account)
    assert (sig.health_score, sig.health) == (45, Health.AMBER)


def test_a_manual_health_comes_first_with_its_reason(ws, account, healthy) -> None:
    ws.update(s.Account, account.id, phase=Phase.AT_RISK, health_override=Health.RED)
    sig = signals(ws, account)
    assert (sig.health, sig.computed_health, sig.health_score) == (Health.RED, Health.GREEN, 80)
    assert sig.health_reasons == [
        "Health set by hand to Red (no reason given)",
        "Account phase is at risk",
    ]
    assert sig.health_label == "Red (80/100)"
    ws.update(s.Account, account.id, health_override_reason="renewal lost")
    assert signals(ws, account).health_reasons[0] == "Health set by hand to Red (renewal lost)"


# --- not enough data ---------------------------------------------------------------------------


def test_not_enough_data_still_lists_the_flags(ws, account) -> None:
    person(ws, account, "Cal", level="management", role="champion")
    sig = signals(ws, account)
    assert (sig.health, sig.health_score, sig.enough_data) == (Health.NOT_ENOUGH_DATA, None, False)
    assert sig.health_label == "Not enough data"
    assert sig.health_reasons[0] == (
        "Not enough data: no interaction logged with anyone on the account"
    )
    assert sig.health_reasons[1:] == [f.message for f in sig.flags]
    assert codes(sig) == ["no_operations_relationship", "single_champion"]


# --- people: cadence counts and coverage -----------------------------------------------------


def test_only_active_people_count_as_due_overdue_or_new(ws, account, healthy) -> None:
    due = person(ws, account, "Dee", role="champion", level="management")
    meet(ws, account, 10, due)
    person(ws, account, "Neo", role="champion", level="management", joined_on=TODAY)
    away = person(ws, account, "Ava", role="champion", level="management", status="on_leave")
    meet(ws, account, 100, away)
    sig = signals(ws, account)
    assert (sig.due, sig.new, sig.overdue) == (1, 1, 0)
    assert sig.people[away.id].cadence_status is CadenceStatus.OVERDUE
    assert not sig.people[away.id].active
    ws.update(s.Person, away.id, status="active")
    assert signals(ws, account).overdue == 1


@pytest.mark.parametrize(
    ("meetings", "minutes", "coverage"),
    [
        (1, 600, ContactCoverage.BRIEF),
        (2, 30, ContactCoverage.MULTIPLE),
        (3, 90, ContactCoverage.MULTIPLE),  # 270 minutes but three meetings
        (4, 44, ContactCoverage.MULTIPLE),  # four meetings, 176 minutes
        (4, 45, ContactCoverage.IN_DEPTH),  # four meetings, 180 minutes
    ],
)
def test_contact_coverage_boundaries(ws, account, meetings, minutes, coverage) -> None:
    who = person(ws, account, "Pat")
    for n in range(meetings):
        meet(ws, account, 5 + n, who, minutes=minutes)
    sig = signals(ws, account).people[who.id]
    assert (sig.coverage, sig.recent_interactions) == (coverage, meetings)
    assert coverage.label == coverage.value.replace("_", " ").capitalize()


def test_unknown_until_met_or_covered(ws, account, team) -> None:
    stranger = person(ws, account, "Stranger")
    covered = person(ws, account, "Covered")
    ws.add(s.Coverage(member_id=team[0].id, person_id=covered.id))
    people = signals(ws, account).people
    assert people[stranger.id].coverage is ContactCoverage.UNKNOWN
    assert people[stranger.id].owners == ()  # nobody: an empty tuple, not None
    assert people[covered.id].coverage is ContactCoverage.NO_CONTACT
    assert people[covered.id].owners == (team[0].id,)
    assert ContactCoverage.NO_CONTACT.label == "No contact"


# --- levels and flags ----------------------------------------------------------------------------


def test_an_executive_met_90_days_ago_was_met_last_quarter(ws, account, healthy) -> None:
    ws.update(s.Person, healthy["exec"].id, cadence_days=200)  # not overdue either way
    ws.remove(s.Interaction, ws.find(s.Interaction, occurred_at=at(10))[0].id)
    meet(ws, account, 90, healthy["exec"])
    sig = signals(ws, account)
    assert sig.levels[Level.EXECUTIVE].contacted_last_quarter == 1
    assert sig.flags == []
    meet(ws, account, 91, person(ws, account, "Old", level="executive", cadence_days=200))
    ws.remove(s.Interaction, ws.find(s.Interaction, occurred_at=at(90))[0].id)
    meet(ws, account, 91, healthy["exec"])
    sig = signals(ws, account)
    assert sig.levels[Level.EXECUTIVE] == (
        sig.levels[Level.EXECUTIVE].__class__(Level.EXECUTIVE, 2, 0, 0)
    )
    assert codes(sig) == ["no_executive_contact"]
    assert sig.flags[0].message == "No executive contact in the last quarter"


def test_levels_count_active_people_covered_and_met(ws, account, healthy) -> None:
    person(ws, account, "Away", level="management", status="on_leave")
    sig = signals(ws, account)
    got = {lv: (c.people, c.covered, c.contacted_last_quarter) for lv, c in sig.levels.items()}
    assert got == {
        Level.EXECUTIVE: (1, 0, 1),
        Level.MANAGEMENT: (2, 1, 2),
        Level.OPERATIONS: (1, 1, 1),
    }


def test_operations_are_a_relationship_when_covered_or_met(ws, account, team) -> None:
    champs = [person(ws, account, n, level="management", role="champion") for n in "AB"]
    meet(ws, account, 1, *champs)
    assert "no_operations_relationship" in codes(signals(ws, account))  # nobody at operations
    ops = person(ws, account, "Oli", level="operations")
    assert "no_operations_relationship" in codes(signals(ws, account))  # there, neither
    ws.add(s.Coverage(member_id=team[0].id, person_id=ops.id))
    assert "no_operations_relationship" not in codes(signals(ws, account))  # covered
    ws.remove(s.Coverage, ws.find(s.Coverage, person_id=ops.id)[0].id)
    meet(ws, account, 2, ops)
    sig = signals(ws, account)
    assert "no_operations_relationship" not in codes(sig)  # met this quarter
    flag = "No relationship at operations level: incidents may come as a surprise"
    ws.remove(s.Interaction, ws.find(s.Interaction, occurred_at=at(2))[0].id)
    medium = [f for f in signals(ws, account).flags if f.code == "no_operations_relationship"]
    assert [(f.severity, f.message) for f in medium] == [("medium", flag)]


def test_overdue_executive_says_never_contacted_and_names_the_title(ws, account) -> None:
    ceo = person(ws, account, "Cee", level="executive", title="CEO", joined_on=at(400).date())
    cfo = person(ws, account, "Cf", level="executive", title="  ", joined_on=at(400).date())
    meet(ws, account, 130, cfo)
    messages = sorted(
        f.message for f in signals(ws, account).flags if f.code == "overdue_executive"
    )
    assert messages == [
        "Cee (CEO) is overdue: never contacted",
        "Cf is overdue: last contact 130 days ago",
    ]
    ws.update(s.Person, ceo.id, status="on_leave")  # only present people are flagged
    messages = [f.message for f in signals(ws, account).flags if f.code == "overdue_executive"]
    assert messages == ["Cf is overdue: last contact 130 days ago"]


def test_champions_one_is_single_threaded_none_is_high(ws, account) -> None:
    cal = person(ws, account, "Cal", level="management", role="champion")
    meet(ws, account, 1, cal)
    flags = {f.code: f for f in signals(ws, account).flags}
    single = flags["single_champion"]
    assert (single.severity, single.message, single.nodes) == (
        "medium",
        "Single-threaded: Cal is the only champion",
        (f"p{cal.id}",),
    )
    ws.update(s.Person, cal.id, status="on_leave")
    flags = {f.code: f for f in signals(ws, account).flags}
    assert "single_champion" not in flags
    assert (flags["no_champion"].severity, flags["no_champion"].message) == (
        "high",
        "No active champion",
    )


def test_single_threaded_team_needs_two_relationships(ws, account, team) -> None:
    tia, sam = team
    a, b = person(ws, account, "A"), person(ws, account, "B")
    ws.add(s.Coverage(member_id=tia.id, person_id=a.id))
    assert "single_threaded_team" not in codes(signals(ws, account))  # one relationship
    ws.add(s.Coverage(member_id=tia.id, person_id=b.id, kind="owns"))
    flag = next(f for f in signals(ws, account).flags if f.code == "single_threaded_team")
    assert (flag.severity, flag.nodes) == ("medium", (f"t{tia.id}",))
    assert flag.message == "Single-threaded: one member of our team holds every relationship"
    ws.add(s.Coverage(member_id=sam.id, person_id=b.id))
    assert "single_threaded_team" not in codes(signals(ws, account))
    assert signals(ws, account).people[b.id].owners == tuple(sorted((tia.id, sam.id)))


@pytest.mark.parametrize(
    ("influence", "attitude", "flagged"),
    [
        (4, -1, True),
        (5, -2, True),
        (4, 0, False),  # neutral
        (3, -2, False),  # not influential (and nobody sways anyone)
    ],
)
def test_unowned_detractor_boundaries(ws, account, influence, attitude, flagged) -> None:
    loud = person(ws, account, "Loud", influence=influence, attitude=attitude, title="CISO")
    quiet = person(ws, account, "Quiet")
    link = s.Relationship(
        account_id=account.id, kind=RelationKind.ALLY, source_id=loud.id, target_id=quiet.id
    )
    ws.add(link)
    found = [f for f in signals(ws, account).flags if f.code == "unowned_detractor"]
    if flagged:
        assert [(f.severity, f.nodes, f.message) for f in found] == [
            (
                "high",
                (f"p{loud.id}",),
                "Loud (CISO) is an influential detractor nobody on our team covers",
            )
        ]
    else:
        assert found == []


def test_a_detractor_central_to_the_network_is_influential(ws, account) -> None:
    hub = person(ws, account, "Hub", influence=2, attitude=-1)
    for n in range(3):
        swayed = person(ws, account, f"S{n}", influence=2)
        ws.add(
            s.Relationship(
                account_id=account.id,
                kind=RelationKind.INFLUENCES,
                source_id=hub.id,
                target_id=swayed.id,
                strength=3,
            )
        )
    sig = signals(ws, account)
    assert sig.people[hub.id].centrality == 1.0
    assert [f.nodes for f in sig.flags if f.code == "unowned_detractor"] == [(f"p{hub.id}",)]
    swayed_ids = [p for p in sig.people if p != hub.id]
    assert all(sig.people[p].centrality < 0.5 for p in swayed_ids)
    ws.update(s.Person, swayed_ids[0], attitude=-2)  # low influence, low centrality
    sig = signals(ws, account)
    assert [f.nodes for f in sig.flags if f.code == "unowned_detractor"] == [(f"p{hub.id}",)]


def test_a_lone_overdue_champion_costs_the_full_30(ws, account) -> None:
    cal = person(ws, account, "Cal", level="management", role="champion")
    meet(ws, account, 15, cal)
    sig = signals(ws, account)
    # all overdue: -30; no operations and a single champion: two medium flags, -10
    assert (sig.health_score, sig.health) == (60, Health.AMBER)
    assert sig.health_reasons == [
        "1 of 1 people overdue for contact",
        "No relationship at operations level: incidents may come as a surprise",
        "Single-threaded: Cal is the only champion",
    ]


def test_high_and_medium_flags_add_up(ws, account) -> None:
    for n in ("Ann", "Ben"):
        person(ws, account, n, level="executive", role="economic_buyer", joined_on=at(400).date())
    cal = person(ws, account, "Cal", level="management", role="champion")
    meet(ws, account, 1, cal)
    sig = signals(ws, account)
    assert [f.severity for f in sig.flags].count("high") == 3
    assert [f.severity for f in sig.flags].count("medium") == 2
    # 2 of 3 overdue: -20; three high: -30; two medium: -10
    assert (sig.health_score, sig.health) == (40, Health.RED)


def test_one_high_flag_costs_10(ws, account, healthy) -> None:
    person(ws, account, "Loud", level="management", influence=5, attitude=-2)
    sig = signals(ws, account)
    assert codes(sig) == ["unowned_detractor"]
    # the detractor -10, and the influential lean against us on average -10
    assert sig.health_score == 80
    assert sig.health_reasons == [
        "Loud is an influential detractor nobody on our team covers",
        "Influential stakeholders lean against us",
    ]


def test_tickets_and_risks_cost_at_most_20_each(ws, account, healthy) -> None:
    for n in range(3):
        ws.add(s.Ticket(account_id=account.id, title=f"T{n}", severity="sev1", opened_on=TODAY))
        ws.add(s.Risk(account_id=account.id, title=f"R{n}", level="high", raised_on=TODAY))
    sig = signals(ws, account)
    assert (sig.health_score, sig.health) == (60, Health.AMBER)
    assert sig.health_reasons == ["3 open severity-1 ticket(s)", "3 open high risk(s)"]


# --- the account, the day and who is counted ------------------------------------------------


def test_signals_are_of_the_day_asked_not_the_clock(ws, account, healthy) -> None:
    from graph.signals import portfolio_signals

    later = TODAY + dt.timedelta(days=20)  # the champions met 21 days before: overdue
    other = ws.add(s.Account(name="Contoso"))
    sig = account_signals(ws, account.id, later)
    assert (sig.account_id, sig.today) == (account.id, later)
    assert sig.overdue == 2 and sig.people[healthy["c1"].id].days_since_contact == 21
    assert account_signals(ws, account.id).today == TODAY  # no day: the workspace's today
    every = portfolio_signals(ws, later)
    assert set(every) == {account.id, other.id} and every[account.id] == sig
    assert set(portfolio_signals(ws, later, [other.id])) == {other.id}
    assert portfolio_signals(ws)[account.id].today == TODAY


def test_people_who_left_are_listed_apart(ws, account, healthy) -> None:
    gone = person(ws, account, "Gil", level="management", role="champion", status="left")
    sig = signals(ws, account)
    assert sig.departed == (gone.id,) and gone.id not in sig.people
    assert sig.health_score == 100


def test_owners_are_listed_in_order(ws, account, team) -> None:
    tia, sam = team
    who = person(ws, account, "Pat")
    ws.add(s.Coverage(member_id=sam.id, person_id=who.id, kind="owns"))
    ws.add(s.Coverage(member_id=tia.id, person_id=who.id, kind="knows"))
    assert signals(ws, account).people[who.id].owners == (tia.id, sam.id)


def test_what_each_person_shows_follows_the_workspace_cadence(ws, account, healthy) -> None:
    pia = person(ws, account, "Pia", level="management", role="champion")
    meet(ws, account, 5, pia)
    sig = signals(ws, account).people[pia.id]
    assert (sig.person_id, sig.active, sig.last_contact, sig.days_since_contact) == (
        pia.id,
        True,
        TODAY - dt.timedelta(days=5),
        5,
    )
    assert (sig.cadence, sig.cadence_status) == (Cadence(7, 14), CadenceStatus.OK)
    # the workspace asks champions for contact every 3 days, 4 at most
    ws.update(s.CadenceDefault, DealRole.CHAMPION, ideal_days=3, max_days=4)
    sig = signals(ws, account).people[pia.id]
    assert (sig.cadence, sig.cadence_status) == (Cadence(3, 4), CadenceStatus.OVERDUE)
