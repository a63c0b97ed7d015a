"""The account as of a day, and the honest signals computed once from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

import pytest

from graph import schema as s
from graph import signals as signals_mod
from graph import snapshot as snapshot_mod
from graph.cadence import CadenceStatus
from graph.errors import NotFoundError, ValidationError
from graph.signals import AMBER_FROM, GREEN_FROM, account_signals, health_from_score
from graph.snapshot import RecordedState, read_account, read_accounts
from graph.summary import summarize
from graph.vocabulary import Health, Level, PersonStatus, Phase
from graph.workspace import Workspace
from tests.conftest import TODAY

D = TODAY


def day(offset: int) -> dt.date:
    return D + dt.timedelta(days=offset)


def at(offset: int) -> dt.datetime:
    return dt.datetime.combine(day(offset), dt.time(10))


def person(ws: Workspace, account: s.Account, name: str, **fields: object) -> s.Person:
    return ws.add(s.Person(account_id=account.id, name=name, **fields))  # type: ignore[arg-type]


@pytest.fixture
def healthy(ws: Workspace, account: s.Account) -> dict[str, s.Person]:
    """An account with nothing to flag as of D: its score is exactly 100."""
    tia = ws.add(s.TeamMember(name="Tia"))
    sam = ws.add(s.TeamMember(name="Sam"))
    people = {
        "exec": person(ws, account, "Eve", level="executive", role="economic_buyer"),
        "c1": person(ws, account, "Cal", level="management", role="champion"),
        "c2": person(ws, account, "Cat", level="management", role="champion"),
        "ops": person(ws, account, "Oli", level="operations", role="operations_owner"),
    }
    ws.add(s.Coverage(member_id=tia.id, person_id=people["c1"].id, kind="owns"))
    ws.add(s.Coverage(member_id=sam.id, person_id=people["ops"].id))
    ws.log_interaction(account.id, at(-10), people=[people["exec"].id])
    ws.log_interaction(account.id, at(-1), people=[people[k].id for k in ("c1", "c2", "ops")])
    return people


# --- health: the score and its thresholds ---------------------------------------------------


def test_health_thresholds_as_the_user_reads_them() -> None:
    assert (GREEN_FROM, AMBER_FROM) == (70, 45)
    assert health_from_score(100) is Health.GREEN
    assert health_from_score(70) is Health.GREEN
    assert health_from_score(69) is Health.AMBER
    assert health_from_score(45) is Health.AMBER
    assert health_from_score(44) is Health.RED
    assert health_from_score(0) is Health.RED
    assert health_from_score(None) is Health.NOT_ENOUGH_DATA


def test_score_deductions(ws: Workspace, account: s.Account, healthy: dict[str, s.Person]) -> None:
    sig = account_signals(ws, account.id, D)
    assert (sig.health, sig.health_score, sig.flags) == (Health.GREEN, 100, [])
    ws.update(s.Account, account.id, phase=Phase.AT_RISK)
    assert account_signals(ws, account.id, D).health_score == 80  # minus 20, not set to 20
    ws.add(s.Ticket(account_id=account.id, title="Down", severity="sev1", opened_on=day(-3)))
    sig = account_signals(ws, account.id, D)
    assert (sig.health_score, sig.health) == (70, Health.GREEN)
    ws.add(s.Ticket(account_id=account.id, title="Down 2", severity="sev1", opened_on=day(-2)))
    ws.add(s.Ticket(account_id=account.id, title="Down 3", severity="sev1", opened_on=day(-1)))
    sig = account_signals(ws, account.id, D)
    assert (sig.health_score, sig.health) == (60, Health.AMBER)  # sev1 tickets cost 20 at most
    assert "3 open severity-1 ticket(s)" in sig.health_reasons


def test_overdue_share_costs_up_to_30(
    ws: Workspace, account: s.Account, healthy: dict[str, s.Person]
) -> None:
    late = person(ws, account, "Lou", level="management", role="champion")
    ws.log_interaction(account.id, at(-15), people=[late.id])  # champion: 15 days is overdue
    sig = account_signals(ws, account.id, D)
    assert sig.overdue == 1 and sig.health_score == 94  # 100 - 30 * 1/5
    assert "1 of 5 people overdue for contact" in sig.health_reasons


# --- not enough data ----------------------------------------------------------------------


def test_an_account_with_nobody_has_not_enough_data(ws: Workspace, account: s.Account) -> None:
    sig = account_signals(ws, account.id, D)
    assert sig.health is Health.NOT_ENOUGH_DATA and sig.health_score is None
    assert sig.health_reasons[0] == "Not enough data: nobody on the account"
    assert sig.health_label == "Not enough data"


def test_not_enough_data_until_the_first_logged_interaction(
    ws: Workspace, account: s.Account
) -> None:
    ana = person(ws, account, "Ana", role="champion")
    assert account_signals(ws, account.id, D).health is Health.NOT_ENOUGH_DATA
    ws.log_interaction(account.id, at(1), people=[ana.id])  # tomorrow: not known on D
    assert account_signals(ws, account.id, D).health_score is None
    scored = account_signals(ws, account.id, day(1))
    assert scored.health_score is not None and scored.health is not Health.NOT_ENOUGH_DATA


def test_a_manual_health_still_wins_over_not_enough_data(ws: Workspace, account: s.Account) -> None:
    ws.update(s.Account, account.id, health_override=Health.AMBER, health_override_reason="new")
    sig = account_signals(ws, account.id, D)
    assert sig.health is Health.AMBER and sig.computed_health is Health.NOT_ENOUGH_DATA
    with pytest.raises(ValidationError):
        ws.update(s.Account, account.id, health_override=Health.NOT_ENOUGH_DATA)


# --- people: new, present, departed -------------------------------------------------------


def test_a_person_joining_today_is_new_not_overdue(
    ws: Workspace, account: s.Account, healthy: dict[str, s.Person]
) -> None:
    newcomer = person(ws, account, "Nia", level="executive", role="economic_buyer", joined_on=D)
    sig = account_signals(ws, account.id, D)
    assert sig.people[newcomer.id].cadence_status is CadenceStatus.NEW
    assert (sig.overdue, sig.new, sig.health_score) == (0, 1, 100)
    assert not [f for f in sig.flags if f.code == "overdue_executive"]
    # after the first interval (90 days for an economic buyer) with no contact: due, then overdue
    assert account_signals(ws, account.id, day(90)).people[newcomer.id].cadence_status in (
        CadenceStatus.NEW,
    )
    assert account_signals(ws, account.id, day(91)).people[newcomer.id].cadence_status is (
        CadenceStatus.DUE
    )
    assert account_signals(ws, account.id, day(121)).people[newcomer.id].cadence_status is (
        CadenceStatus.OVERDUE
    )
    # joining tomorrow: not on the account today
    later = person(ws, account, "Max", joined_on=day(1))
    assert later.id not in account_signals(ws, account.id, D).people


def test_people_who_left_are_listed_apart_and_counted_nowhere(
    ws: Workspace, account: s.Account, healthy: dict[str, s.Person]
) -> None:
    # left on D: gone at the end of D; an unowned influential detractor, never contacted
    gone = person(
        ws,
        account,
        "Gus",
        level="executive",
        role="champion",
        influence=5,
        attitude=-2,
        status="left",
        left_on=D,
    )
    undated = person(ws, account, "Una", level="operations", status="left")
    leaving = person(
        ws, account, "Lea", level="operations", status="left", left_on=day(1), joined_on=day(-400)
    )
    ws.add(s.Coverage(member_id=ws.team()[0].id, person_id=undated.id))
    snap = read_account(ws, account.id, D)
    assert {p.id for p in snap.departed} == {gone.id, undated.id}
    assert all(c.person_id != undated.id for c in snap.present_coverage)
    assert any(c.person_id == undated.id for c in snap.coverage)  # the map of that day shows it
    sig = snap.signals
    assert set(sig.departed) == {gone.id, undated.id}
    assert gone.id not in sig.people and undated.id not in sig.people
    assert sig.levels[Level.EXECUTIVE].people == 1  # Eve only
    assert not {f.code for f in sig.flags} & {"overdue_executive", "unowned_detractor"}
    # leaving tomorrow: still on the account, active, and not yet marked as left
    lea = snap.person[leaving.id]
    assert lea.status is PersonStatus.ACTIVE and lea.left_on is None
    assert sig.people[leaving.id].cadence_status is CadenceStatus.OVERDUE
    assert read_account(ws, account.id, day(1)).person.get(leaving.id) is None


# --- as of a day: dated facts ---------------------------------------------------------------


def test_dated_facts_as_of_a_day(ws: Workspace, account: s.Account) -> None:
    ana = person(ws, account, "Ana", role="champion", attitude=2)
    ws.add(s.AttitudeChange(person_id=ana.id, changed_on=day(-30), old_attitude=0, new_attitude=-1))
    ws.add(s.AttitudeChange(person_id=ana.id, changed_on=day(5), old_attitude=-1, new_attitude=2))
    ws.log_interaction(account.id, at(-3), people=[ana.id])
    ws.log_interaction(account.id, at(2), people=[ana.id])
    ws.add(s.Risk(account_id=account.id, title="Budget", level="high", raised_on=D))
    ws.add(s.Risk(account_id=account.id, title="Reorg", level="high", raised_on=day(1)))
    ws.add(
        s.Ticket(
            account_id=account.id,
            title="Outage",
            severity="sev1",
            status="resolved",
            opened_on=day(-10),
            resolved_on=day(3),
        )
    )
    ws.add(
        s.Ticket(
            account_id=account.id,
            title="Fixed",
            severity="sev1",
            status="resolved",
            opened_on=day(-10),
            resolved_on=D,
        )
    )
    snap = read_account(ws, account.id, D)
    assert snap.person[ana.id].attitude == -1
    assert read_account(ws, account.id, day(-31)).person[ana.id].attitude == 0
    assert read_account(ws, account.id, day(5)).person[ana.id].attitude == 2
    assert snap.contacts[ana.id].last_contact == at(-3)
    assert (snap.open_high_risks, snap.open_sev1) == (1, 1)
    assert snap.signals.people[ana.id].days_since_contact == 3
    later = read_account(ws, account.id, day(3))
    assert (later.open_high_risks, later.open_sev1) == (2, 0)


def test_signals_are_computed_once_per_snapshot(
    ws: Workspace, account: s.Account, healthy: dict[str, s.Person], monkeypatch
) -> None:
    other = ws.add(s.Account(name="Contoso"))
    calls: list[int] = []
    real = signals_mod.compute_signals

    def counting(snap: snapshot_mod.AccountSnapshot) -> signals_mod.AccountSignals:
        calls.append(snap.account.id)
        return real(snap)

    monkeypatch.setattr(signals_mod, "compute_signals", counting)
    snaps = read_accounts(ws, D)
    assert calls == []  # computed when first asked for
    assert snaps[account.id].signals is snaps[account.id].signals
    assert snaps[other.id].signals is snaps[other.id].signals
    assert sorted(calls) == sorted([account.id, other.id])
    with pytest.raises(NotFoundError):
        read_account(ws, 9999, D)


def test_undated_fields_come_through_the_one_history_seam(
    ws: Workspace, account: s.Account, healthy: dict[str, s.Person], monkeypatch
) -> None:
    """Today the seam answers "as stored"; whatever it answers is applied everywhere."""
    exe = healthy["exec"]
    assert read_account(ws, account.id, D).person[exe.id].title == ""
    # Nothing edited since: the log changes no value, and dates the record to the day it was added.
    assert snapshot_mod.recorded_as_of(ws, "people", [exe.id], ("title",), D) == {
        exe.id: RecordedState(recorded_on=D)
    }

    def history(
        _ws: Workspace,
        table: str,
        ids: Collection[int],
        fields: Sequence[str],
        when: dt.date,
        **_: object,
    ) -> dict[int, RecordedState]:
        if table == "people":
            return {
                exe.id: RecordedState({"level": Level.OPERATIONS, "title": "Ops lead"}),
                healthy["c2"].id: RecordedState(existed=False),
            }
        return {}

    monkeypatch.setattr(snapshot_mod, "recorded_as_of", history)
    snap = read_account(ws, account.id, D)
    assert snap.person[exe.id].level is Level.OPERATIONS
    assert snap.person[exe.id].title == "Ops lead"
    assert healthy["c2"].id not in snap.person
    assert {f.code for f in snap.signals.flags} == {"single_champion"}


def test_summary_as_of_a_day(ws: Workspace, account: s.Account, healthy: dict[str, s.Person]):
    person(ws, account, "Gus", status="left", left_on=day(-5))
    person(ws, account, "Nia", joined_on=day(-1))
    person(ws, account, "Max", joined_on=day(1))
    ws.add(s.Account(name="Blank"))
    doc = summarize(ws, D)
    blank, north = doc["accounts"]
    assert blank["health"] == "not_enough_data" and blank["health_score"] is None
    assert blank["enough_data"] is False
    assert (north["people"], north["people_total"], north["people_left"], north["people_new"]) == (
        5,
        6,
        1,
        1,
    )
    assert north["overdue"] == 0 and north["health"] == "green" and north["enough_data"] is True
    assert summarize(ws, day(1))["accounts"][1]["people"] == 6


def test_risks_and_leaning_stakeholders_cost_what_the_rules_say(
    ws: Workspace, account: s.Account, healthy: dict[str, s.Person]
) -> None:
    for n in range(3):
        ws.add(s.Risk(account_id=account.id, title=f"Risk {n}", level="high", raised_on=day(-n)))
        expected = 100 - min(20, 10 * (n + 1))
        assert account_signals(ws, account.id, D).health_score == expected
    ws.add(s.Risk(account_id=account.id, title="Medium", level="medium", raised_on=D))
    assert account_signals(ws, account.id, D).health_score == 80  # only high risks count

    ws.add(s.Account(name="Leaning"))
    other = ws.account_named("Leaning")
    tia = ws.team()[0]
    people = [
        person(ws, other, "Eve", level="executive", role="economic_buyer", influence=4),
        person(ws, other, "Cal", level="management", role="champion", attitude=-2, influence=4),
        person(ws, other, "Cat", level="management", role="champion"),
        person(ws, other, "Oli", level="operations", role="operations_owner"),
    ]
    for p in people:
        ws.add(s.Coverage(member_id=tia.id, person_id=p.id))
    ws.add(s.Coverage(member_id=ws.team()[1].id, person_id=people[3].id))
    ws.log_interaction(other.id, at(-1), people=[p.id for p in people])
    sig = account_signals(ws, other.id, D)
    assert sig.flags == [] and sig.health_score == 90  # mean attitude of influence 4+: -1
    assert "Influential stakeholders lean against us" in sig.health_reasons
    ws.update(s.Person, people[0].id, attitude=2)  # mean 0: no longer leaning against
    assert account_signals(ws, other.id, D).health_score == 100


def test_flags_cost_10_high_and_5_medium_with_caps(ws: Workspace, account: s.Account) -> None:
    # Nobody covered, nobody at operations level, one champion, two never-met executives.
    ws.add(s.TeamMember(name="Tia"))
    # Known for over a year (joined_on): never met is overdue, not new.
    exes = [
        person(ws, account, n, level="executive", role="economic_buyer", joined_on=day(-400))
        for n in "AB"
    ]
    champ = person(ws, account, "Cal", level="management", role="champion")
    ws.log_interaction(account.id, at(-1), people=[champ.id])
    sig = account_signals(ws, account.id, D)
    codes = sorted(f.code for f in sig.flags)
    assert codes == [
        "no_executive_contact",
        "no_operations_relationship",
        "overdue_executive",
        "overdue_executive",
        "single_champion",
    ]
    # 2 of 3 overdue: -20; three high flags: -30; two medium: -10
    assert sig.health_score == 40 and sig.health is Health.RED
    assert {p.id for p in exes} <= set(sig.people)


def test_first_dated_fact_is_the_earliest_of_any_kind(ws: Workspace, account: s.Account) -> None:
    from graph.queries import first_dated_fact

    def first() -> dt.date | None:
        with ws.engine.connect() as conn:
            return first_dated_fact(conn, account.id)

    assert first() is None
    ana = person(ws, account, "Ana")  # no join date: nothing dated yet
    assert first() is None
    ws.log_interaction(account.id, at(-10), people=[ana.id])
    assert first() == day(-10)
    metric = ws.add(s.UsageMetric(account_id=account.id, name="Users"))
    ws.add(s.UsagePoint(metric_id=metric.id, measured_on=day(-20), value=1.0))
    assert first() == day(-20)
    ws.add(s.Ticket(account_id=account.id, title="Old", opened_on=day(-30)))
    assert first() == day(-30)
    person(ws, account, "Bo", joined_on=day(-40))
    assert first() == day(-40)
    other = ws.add(s.Account(name="Other"))
    ws.add(s.Win(account_id=other.id, title="Elsewhere", won_on=day(-99)))
    assert first() == day(-40)  # another account's facts do not count


def test_the_graph_of_a_day(ws: Workspace, account: s.Account, healthy: dict[str, s.Person]):
    from graph.networks import account_graph, snapshot_graph

    later = person(ws, account, "Max", joined_on=day(1))
    leaver = person(ws, account, "Lea", status="left", left_on=day(1))
    gone = person(ws, account, "Gus", status="left", left_on=day(-1))
    G = snapshot_graph(read_account(ws, account.id, D))
    assert f"p{later.id}" not in G and f"p{later.id}" in account_graph(ws, account.id, today=D)
    assert G.nodes[f"p{leaver.id}"]["status"] == "active"
    assert G.nodes[f"p{gone.id}"]["status"] == "left"
    assert G.nodes[f"p{healthy['c1'].id}"]["last_contact"] == at(-1)
    assert {d["kind"] for _, _, d in G.edges(data=True)} == {"owns", "knows"}
    assert {n for n, d in G.nodes(data=True) if d["kind"] == "member"} == {
        f"t{m.id}" for m in ws.team()
    }


def test_the_history_log_gives_each_undated_field_its_value_of_the_day(ws_path) -> None:
    """Edits made after a day (title, level, influence) and a risk closed after it: the snapshot
    of that day shows them as they were; a person added by hand is new from that day."""
    from graph.clock import FixedClock
    from graph.vocabulary import RiskLevel, RiskStatus

    clock = FixedClock(dt.datetime(2026, 9, 1, 9))
    with Workspace.create(ws_path.with_name("log.rapport"), clock=clock) as ws:
        acct = ws.add(s.Account(name="Acme"))
        ana = ws.add(
            s.Person(account_id=acct.id, name="Ana", title="Architect", level=Level.MANAGEMENT)
        )
        risk = ws.add(
            s.Risk(
                account_id=acct.id, title="Budget", level=RiskLevel.HIGH, raised_on=clock.today()
            )
        )
        clock.set(dt.datetime(2026, 10, 15, 9))
        ws.update(s.Person, ana.id, title="CTO", level=Level.EXECUTIVE, influence=5)
        ws.update(s.Risk, risk.id, status=RiskStatus.CLOSED)
        bo = ws.add(s.Person(account_id=acct.id, name="Bo"))

        then = read_account(ws, acct.id, dt.date(2026, 9, 30))
        ana_then = then.person[ana.id]
        assert (ana_then.title, ana_then.level, ana_then.influence) == (
            "Architect",
            Level.MANAGEMENT,
            3,
        )
        assert then.open_high_risks == 1
        now = read_account(ws, acct.id, dt.date(2026, 10, 15))
        assert {p.name: p.level for p in now.people} == {
            "Ana": Level.EXECUTIVE,
            "Bo": Level.OPERATIONS,
        }
        assert now.open_high_risks == 0
        # Added by hand on 15 Oct with no join date: known since the day it was recorded.
        assert now.person[bo.id].known_since == dt.date(2026, 10, 15)
