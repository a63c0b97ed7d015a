"""The built-in sample portfolio tells its four stories, and the large generator stays valid."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from sqlalchemy import select

from graph import schema as s
from graph.cadence import CadenceStatus
from graph.departure import departure_impact
from graph.errors import ValidationError
from graph.networks import account_graph, org_chart
from graph.nodes import person_node
from graph.samples import ACCOUNT_FILES, load_json, write_large, write_sample
from graph.signals import AccountSignals, portfolio_signals
from graph.validation import validate
from graph.vocabulary import (
    CoverageKind,
    Health,
    InteractionKind,
    Level,
    PersonStatus,
    RoadmapStatus,
    TeamRole,
)
from graph.workspace import Workspace
from tests.conftest import TODAY

# A Sunday at the start of a quarter: weekday snapping and quarter edges must not break anything.
OTHER_DAY = dt.date(2027, 4, 4)

# Which signals each account is meant to show (the module docstring of graph.samples).
STORIES: dict[str, tuple[Health, set[str]]] = {
    "Cobalt Ridge Health": (
        Health.AMBER,
        {"no_operations_relationship", "single_champion", "single_threaded_team"},
    ),
    "Kestrel Freight Systems": (Health.GREEN, {"single_champion"}),
    "Harbourline Retail Group": (
        Health.RED,
        {"overdue_executive", "no_executive_contact", "no_champion", "unowned_detractor"},
    ),
    "Tidewater Payments": (Health.GREEN, set()),
}


def _write(path: Path, today: dt.date) -> None:
    with Workspace.create(path, today=lambda: today) as ws:
        write_sample(ws, today)


@pytest.fixture(scope="module")
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.rapport"
    _write(path, TODAY)
    return path


@pytest.fixture
def ws(sample_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(sample_path, readonly=True, today=lambda: TODAY)
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def signals(sample_path: Path) -> dict[str, AccountSignals]:
    with Workspace.open(sample_path, readonly=True) as ws:
        by_id = portfolio_signals(ws, TODAY)
        return {a.name: by_id[a.id] for a in ws.accounts()}


def dump(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row of every table, in key order (raw SQL: fast enough for large files),
    without the global uids and device id, which are drawn at random for any new file."""
    with ws.engine.connect() as conn:
        meta = s.Meta.__table__
        return {
            table.name: list(
                conn.execute(
                    select(*(c for c in table.columns if c.name != "uid")).order_by(
                        *table.primary_key.columns
                    )
                )
            )
            for table in s.Base.metadata.sorted_tables
            if table is not meta
        } | {"meta": list(conn.execute(select(meta).where(meta.c.key != "device_id")))}


def quarter_of(day: dt.date, back: int = 0) -> tuple[int, int]:
    index = day.year * 4 + (day.month - 1) // 3 - back
    return index // 4, index % 4 + 1


def account_data() -> dict[str, dict[str, Any]]:
    data = [load_json(name) for name in ACCOUNT_FILES]
    return {d["account"]["name"]: d for d in data}


# --- the sample: shape ----------------------------------------------------------------------


def test_sample_writes_and_reopens(sample_path: Path) -> None:
    with Workspace.open(sample_path) as ws:
        assert len(ws.accounts()) == 4
        assert len(ws.find(s.TeamMember)) == 5
        assert len(ws.find(s.Interaction)) > 800


def test_four_accounts_in_different_phases_with_15_to_40_people(ws: Workspace) -> None:
    accounts = ws.accounts()
    assert {a.phase.value for a in accounts} == {
        "onboarding",
        "steady_state",
        "renewal",
        "adoption",
    }
    for account in accounts:
        assert 15 <= len(ws.people(account.id)) <= 40, account.name
        assert account.arr > 0 and account.industry and account.segment and account.scope
        assert account.it_maturity is not None and account.security_maturity is not None
        assert account.renewal_date is not None and account.renewal_date > TODAY
    renewal = ws.account_named("Harbourline Retail Group").renewal_date
    assert renewal is not None and (renewal - TODAY).days <= 92


def test_people_are_believable_and_varied(ws: Workspace) -> None:
    for account in ws.accounts():
        people = ws.people(account.id)
        assert {p.level for p in people} == set(Level)
        assert len({p.role for p in people}) >= 6
        assert all(p.email.endswith(".example") and "@" in p.email for p in people)
        assert all(p.phone and p.title and p.department and p.cares_about for p in people)
        assert any(p.cadence_days is not None for p in ws.find(s.Person))
        left = [p for p in people if p.status is PersonStatus.LEFT]
        assert 1 <= len(left) <= 2 and all(p.left_on and p.left_on < TODAY for p in left)
        joined = [p for p in people if p.joined_on and (TODAY - p.joined_on).days <= 92]
        assert joined, f"{account.name}: nobody joined in the last quarter"
    changes = ws.find(s.AttitudeChange)
    assert len({quarter_of(c.changed_on) for c in changes}) >= 3


def test_reports_to_forms_a_forest_with_one_manager_each(ws: Workspace) -> None:
    for account in ws.accounts():
        chart = org_chart(account_graph(ws, account.id, include_team=False, today=TODAY))
        assert nx.is_directed_acyclic_graph(chart), account.name
        assert max(d for _, d in chart.out_degree()) == 1, account.name
        roots = [n for n, d in chart.out_degree() if d == 0]
        assert 1 <= len(roots) <= 2, account.name
        assert 2 <= nx.dag_longest_path_length(chart) <= 4, account.name


def test_every_link_stays_within_one_account(ws: Workspace) -> None:
    account_of = {p.id: p.account_id for p in ws.find(s.Person)}
    relationships = ws.find(s.Relationship)
    for r in relationships:
        assert account_of[r.source_id] == account_of[r.target_id] == r.account_id
    kinds = Counter(r.kind.value for r in relationships)
    people = len(account_of)
    assert people <= kinds["influences"] <= 2 * people
    assert kinds["ally"] >= 4 and kinds["conflict"] >= 4
    strengths = {r.strength for r in relationships if r.kind.value == "influences"}
    assert strengths == {1, 2, 3}
    interaction_account = {i.id: i.account_id for i in ws.find(s.Interaction)}
    for a in ws.find(s.InteractionPerson):
        assert account_of[a.person_id] == interaction_account[a.interaction_id]
    for w in ws.find(s.Win):
        assert w.champion_id is None or account_of[w.champion_id] == w.account_id
    for q in ws.find(s.CustomerRequest):
        assert q.requester_id is None or account_of[q.requester_id] == q.account_id


def test_our_team_is_assigned_and_covers_people(ws: Workspace) -> None:
    team = ws.find(s.TeamMember)
    assert {m.role for m in team} == {
        TeamRole.TAM,
        TeamRole.ACCOUNT_EXECUTIVE,
        TeamRole.SOLUTION_ENGINEER,
        TeamRole.CUSTOMER_SUCCESS_MANAGER,
        TeamRole.EXECUTIVE_SPONSOR,
    }
    coverage = ws.find(s.Coverage)
    assert {c.kind for c in coverage} == set(CoverageKind)
    assert any(c.desired_level.rank > c.current_level.rank for c in coverage)
    for account in ws.accounts():
        assigned = ws.find(s.AccountTeam, account_id=account.id)
        assert len(assigned) >= 4, account.name


# --- the sample: history and QBR facts --------------------------------------------------------


def test_interactions_cover_six_quarters_with_both_sides(ws: Workspace) -> None:
    wanted = {quarter_of(TODAY, back) for back in range(6)}
    kinds: set[InteractionKind] = set()
    people = {p.id: p for p in ws.find(s.Person)}
    customer: dict[int, list[int]] = {}
    for a in ws.find(s.InteractionPerson):
        customer.setdefault(a.interaction_id, []).append(a.person_id)
    team = {m.interaction_id for m in ws.find(s.InteractionMember)}
    for account in ws.accounts():
        interactions = ws.interactions(account.id)
        assert wanted <= {quarter_of(i.occurred_at.date()) for i in interactions}, account.name
        kinds |= {i.kind for i in interactions}
        for i in interactions:
            assert i.occurred_at.date() < TODAY
            assert i.summary and i.duration_minutes > 0
            assert i.id in customer and i.id in team, i.summary
            for pid in customer[i.id]:
                person = people[pid]
                assert person.left_on is None or i.occurred_at.date() < person.left_on
                assert person.joined_on is None or i.occurred_at.date() >= person.joined_on
    assert kinds == set(InteractionKind)
    onboarding = ws.account_named("Cobalt Ridge Health")
    assert InteractionKind.KICKOFF in {i.kind for i in ws.interactions(onboarding.id)}


def test_summaries_vary(ws: Workspace) -> None:
    summaries = [i.summary for i in ws.find(s.Interaction)]
    assert len(set(summaries)) > 0.9 * len(summaries)


def test_qbr_facts_for_the_last_four_quarters(ws: Workspace) -> None:
    quarters = [quarter_of(TODAY, back) for back in range(4)]
    for account in ws.accounts():
        wins = ws.find(s.Win, account_id=account.id)
        assert set(quarters) <= {quarter_of(w.won_on) for w in wins}, account.name
        assert all(w.impact_value is not None and w.impact_unit for w in wins)
        assert ws.find(s.Goal, account_id=account.id)
        assert ws.find(s.Risk, account_id=account.id)
        assert ws.find(s.ActionItem, account_id=account.id)
        assert len(ws.find(s.UsageMetric, account_id=account.id)) == 4
    for record_type, field in (
        (s.Ticket, "opened_on"),
        (s.Incident, "occurred_on"),
        (s.CustomerRequest, "requested_on"),
        (s.UsagePoint, "measured_on"),
    ):
        seen = {quarter_of(getattr(r, field)) for r in ws.find(record_type)}
        assert set(quarters) <= seen, record_type.__name__
    tickets = ws.find(s.Ticket)
    assert all(t.resolved_on is None or t.opened_on <= t.resolved_on <= TODAY for t in tickets)
    assert {t.status.value for t in tickets} >= {"open", "in_progress", "resolved", "closed"}


def test_usage_is_weekly_over_two_years(ws: Workspace) -> None:
    steady = ws.account_named("Kestrel Freight Systems")
    for metric in ws.find(s.UsageMetric, account_id=steady.id):
        days = sorted(p.measured_on for p in ws.find(s.UsagePoint, metric_id=metric.id))
        assert (days[-1] - days[0]).days >= 700
        assert {(b - a).days for a, b in itertools.pairwise(days)} == {7}
    expanding = ws.account_named("Tidewater Payments")
    users = ws.find(s.UsageMetric, account_id=expanding.id, name="Active users")[0]
    points = sorted(ws.find(s.UsagePoint, metric_id=users.id), key=lambda p: p.measured_on)
    assert points[-1].value > 1.5 * points[-20].value


def test_requests_map_to_a_shared_roadmap(ws: Workspace) -> None:
    items = ws.find(s.RoadmapItem)
    assert 10 <= len(items) <= 16
    assert {i.status for i in items} == set(RoadmapStatus)
    requests = ws.find(s.CustomerRequest)
    assert any(r.roadmap_item_id is None for r in requests)
    linked = {r.roadmap_item_id for r in requests if r.roadmap_item_id is not None}
    assert len(linked) >= 8


# --- the sample: signals ---------------------------------------------------------------------


def test_every_flag_shows_up_in_the_documented_account(signals: dict[str, AccountSignals]) -> None:
    for name, (health, codes) in STORIES.items():
        assert {f.code for f in signals[name].flags} == codes, name
        assert signals[name].health is health, (name, signals[name].health_reasons)
    every = {f.code for sig in signals.values() for f in sig.flags}
    assert every >= {
        "overdue_executive",
        "no_executive_contact",
        "no_operations_relationship",
        "single_champion",
        "no_champion",
        "single_threaded_team",
        "unowned_detractor",
    }


@pytest.mark.parametrize("today", [TODAY, OTHER_DAY])
def test_contact_patterns_match_the_computed_cadence(
    sample_path: Path, tmp_path: Path, today: dt.date
) -> None:
    path = sample_path
    if today != TODAY:
        path = tmp_path / "sample.rapport"
        _write(path, today)
    data = account_data()
    statuses: Counter[str] = Counter()
    with Workspace.open(path, readonly=True) as ws:
        by_id = portfolio_signals(ws, today)
        for account in ws.accounts():
            wanted = {p["name"]: p for p in data[account.name]["people"]}
            sig = by_id[account.id]
            for person in ws.people(account.id):
                if person.id in sig.departed:  # people who left are listed apart, not signalled
                    assert person.id not in sig.people, person.name
                    continue
                got = sig.people[person.id]
                if not got.active:
                    continue
                pattern = wanted[person.name].get("contact", "ok")
                if pattern == "never":
                    assert got.last_contact is None, person.name
                    statuses["never"] += 1
                elif isinstance(pattern, int):
                    assert got.days_since_contact == pattern or (
                        got.last_contact is not None and got.last_contact.weekday() == 4
                    ), person.name
                else:
                    assert got.cadence_status.value == pattern, (person.name, got)
                statuses[got.cadence_status.value] += 1
            assert {f.code for f in sig.flags} == STORIES[account.name][1], account.name
    assert statuses[CadenceStatus.OK] > statuses[CadenceStatus.OVERDUE] > statuses["never"] > 0
    assert statuses[CadenceStatus.DUE] >= 8


def test_the_broker_departure_cuts_influence_paths(ws: Workspace) -> None:
    data = account_data()["Tidewater Payments"]
    account = ws.account_named("Tidewater Payments")
    broker = next(p for p in ws.people(account.id) if p.name == data["broker"])
    G = account_graph(ws, account.id, today=TODAY)
    impact = departure_impact(G, person_node(broker.id))
    assert impact.lost_path_count >= 20
    across = [
        (a, b)
        for a, b in impact.lost_paths
        if G.nodes[a]["department"] == "Technology"
        and G.nodes[b]["department"] == "Risk & Compliance"
    ]
    assert across, "the broker should be the only bridge from platform to risk"


def test_the_sample_is_deterministic_for_a_given_day(sample_path: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.rapport"
    _write(again, TODAY)
    with Workspace.open(sample_path, readonly=True) as a, Workspace.open(again) as b:
        assert dump(a) == dump(b)
        # The sample is a made-up past: it writes no history (see graph.samples).
        assert dump(a)["history"] == []


def test_the_sample_needs_an_empty_workspace(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "w.rapport") as ws:
        ws.add(s.Account(name="Existing"))
        with pytest.raises(ValidationError, match="empty workspace"):
            write_sample(ws, TODAY)
        assert len(ws.accounts()) == 1


# --- the large generator ---------------------------------------------------------------------

SMALL = {"accounts": 5, "people": 300, "interactions": 3000}


def _large(path: Path, seed: int = 0) -> Path:
    with Workspace.create(path) as ws:
        fractions: list[float] = []
        write_large(ws, **SMALL, seed=seed, today=TODAY, progress=fractions.append)
        assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)
    return path


@pytest.fixture(scope="module")
def large_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _large(tmp_path_factory.mktemp("large") / "large.rapport")


def test_large_has_the_requested_size(large_path: Path) -> None:
    with Workspace.open(large_path, readonly=True) as ws:
        accounts = ws.accounts()
        assert len(accounts) == SMALL["accounts"]
        sizes = sorted((len(ws.people(a.id)) for a in accounts), reverse=True)
        assert sum(sizes) == SMALL["people"]
        # One huge account (2,000 people at the default size; 40% of everyone when smaller).
        assert sizes[0] == SMALL["people"] * 2 // 5 > sizes[1]
        assert len(ws.find(s.Interaction)) == SMALL["interactions"]
        assert len(ws.find(s.TeamMember)) == 12
        for record_type in (s.Win, s.Ticket, s.UsagePoint, s.CustomerRequest, s.Goal, s.Coverage):
            assert ws.find(record_type), record_type.__name__


def test_large_is_deterministic(large_path: Path, tmp_path: Path) -> None:
    again = _large(tmp_path / "again.rapport")
    other = _large(tmp_path / "other.rapport", seed=1)
    with (
        Workspace.open(large_path, readonly=True) as a,
        Workspace.open(again) as b,
        Workspace.open(other) as c,
    ):
        assert dump(a) == dump(b)
        assert dump(a)["people"] != dump(c)["people"]


def test_large_is_consistent(large_path: Path) -> None:
    with Workspace.open(large_path, readonly=True) as ws:
        people = {p.id: p for p in ws.find(s.Person)}
        relationships = ws.find(s.Relationship)
        for r in relationships:
            assert people[r.source_id].account_id == people[r.target_id].account_id
            assert r.account_id == people[r.source_id].account_id
            if not r.kind.directed:
                assert r.source_id < r.target_id
        triples = [(r.kind, r.source_id, r.target_id) for r in relationships]
        assert len(triples) == len(set(triples))
        influences = sum(1 for r in relationships if r.kind.value == "influences")
        assert len(people) <= influences <= 2 * len(people)
        pairs = [(c.member_id, c.person_id) for c in ws.find(s.Coverage)]
        assert len(pairs) == len(set(pairs))
        for account in ws.accounts():
            chart = org_chart(account_graph(ws, account.id, include_team=False, today=TODAY))
            assert nx.is_directed_acyclic_graph(chart)
            assert max((d for _, d in chart.out_degree()), default=0) <= 1
        interactions = {i.id: i for i in ws.find(s.Interaction)}
        attendance = Counter[int]()
        for a in ws.find(s.InteractionPerson):
            interaction, person = interactions[a.interaction_id], people[a.person_id]
            assert person.account_id == interaction.account_id
            day = interaction.occurred_at.date()
            assert person.left_on is None or day < person.left_on
            assert person.joined_on is None or day >= person.joined_on
            attendance[a.interaction_id] += 1
        assert set(attendance) == set(interactions)
        assert max(attendance.values()) <= 4
        teams = Counter(m.interaction_id for m in ws.find(s.InteractionMember))
        assert set(teams) == set(interactions) and max(teams.values()) <= 2
        assigned = {(t.account_id, t.member_id) for t in ws.find(s.AccountTeam)}
        for m in ws.find(s.InteractionMember):
            assert (interactions[m.interaction_id].account_id, m.member_id) in assigned
        span = {quarter_of(i.occurred_at.date()) for i in interactions.values()}
        assert {quarter_of(TODAY, back) for back in range(6)} <= span


def test_large_records_pass_validation(large_path: Path) -> None:
    with Workspace.open(large_path, readonly=True) as ws:
        for record_type in s.RECORD_TYPES:
            for record in ws.find(record_type):
                validate(record)


def test_large_refuses_impossible_sizes(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "w.rapport") as ws:
        with pytest.raises(ValueError):
            write_large(ws, accounts=10, people=20, interactions=10, today=TODAY)
        assert ws.accounts() == []
