"""Operations: each one writes what it says, its inverse gives back exactly the rows there were
(ids included), and the inverse of the inverse writes the change again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, select, text

from graph import operations as ops
from graph import schema as s
from graph.errors import NotFoundError, ValidationError
from graph.events import ChangeKind
from graph.imports import plan_contacts
from graph.vocabulary import (
    CoverageKind,
    DealRole,
    InteractionKind,
    RelationKind,
    TeamRole,
)
from graph.workspace import Workspace

TODAY = dt.date(2026, 11, 22)
# Tables that only ever grow with each write (the change history, where undo is a change
# too) or hold the file's own bookkeeping, not the data itself.
_LOG_TABLES = {"history", "rapport_meta"}

Dump = dict[str, list[tuple[Any, ...]]]


def dump(ws: Workspace) -> Dump:
    """Every row of every data table, in a canonical order: what "the same content" means."""
    out: Dump = {}
    with ws.engine.connect() as conn:
        for table in s.Base.metadata.sorted_tables:
            if table.name in _LOG_TABLES:
                continue
            rows = conn.execute(select(table)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


class Portfolio:
    """A small account with a bit of everything, and ids to pick from."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.account = ws.add(s.Account(name="Northwind", arr=250_000))
        aid = self.account.id
        self.ana = ws.add(s.Person(account_id=aid, name="Ana Ruiz", title="CIO", attitude=1))
        self.ben = ws.add(s.Person(account_id=aid, name="Ben Ode", role=DealRole.CHAMPION))
        self.cy = ws.add(s.Person(account_id=aid, name="Cy Park"))
        self.tam = ws.add(s.TeamMember(name="Tess Am", role=TeamRole.TAM))
        self.se = ws.add(s.TeamMember(name="Sol Eng", role=TeamRole.SOLUTION_ENGINEER))
        ws.add(s.AccountTeam(account_id=aid, member_id=self.tam.id))
        ws.add(s.AccountTeam(account_id=aid, member_id=self.se.id))
        ws.set_manager(self.ben.id, self.ana.id)
        self.ally = ws.add(
            s.Relationship(
                account_id=aid, kind=RelationKind.ALLY, source_id=self.ben.id, target_id=self.cy.id
            )
        )
        self.owns = ws.add(
            s.Coverage(member_id=self.tam.id, person_id=self.ben.id, kind=CoverageKind.OWNS)
        )
        ws.add(s.Coverage(member_id=self.se.id, person_id=self.cy.id))
        self.call = ws.log_interaction(
            aid,
            dt.datetime(2026, 11, 2, 10),
            kind=InteractionKind.CALL,
            people=[self.ben.id, self.cy.id],
            team=[self.tam.id],
        )
        self.win = ws.add(
            s.Win(account_id=aid, won_on=dt.date(2026, 10, 1), title="Checkout p95 halved")
        )
        self.metric = ws.add(s.UsageMetric(account_id=aid, name="Active users"))
        ws.add(s.UsagePoint(metric_id=self.metric.id, measured_on=dt.date(2026, 9, 30), value=40))
        ws.set_positions(aid, "org", {f"p{self.ana.id}": (10.0, 20.0)})


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "ops.rapport", today=lambda: TODAY)
    yield workspace
    workspace.close()


@pytest.fixture
def p(ws: Workspace) -> Portfolio:
    return Portfolio(ws)


def round_trip(ws: Workspace, operation: Callable[[Workspace], ops.OpResult]) -> ops.OpResult:
    """Do, undo, redo, undo again, checking the file's content at every step."""
    before = dump(ws)
    done = ops.perform(ws, operation, "edit")
    after = dump(ws)
    assert after != before, f"{done.title} changed nothing"
    undone = ops.perform(ws, done.inverse, "undo")
    assert dump(ws) == before
    redone = ops.perform(ws, undone.inverse, "redo")
    assert dump(ws) == after
    ops.perform(ws, redone.inverse, "undo")
    assert dump(ws) == before
    return done


def test_add_person_and_undo(ws: Workspace, p: Portfolio) -> None:
    done = round_trip(ws, ops.bind(ops.add_person, p.account.id, "Dee Vos", title="SRE"))
    assert done.title == "Add Dee Vos"
    assert [c.table for c in done.changes.changes] == ["people"]
    # Redone after undo, the person comes back under the same id.
    again = ops.add_person(ws, p.account.id, "Dee Vos")
    dee = again.new_id("people")
    undone = ops.perform(ws, again.inverse, "undo")
    assert ws.find(s.Person, name="Dee Vos") == []
    ops.perform(ws, undone.inverse, "redo")
    assert ws.get(s.Person, dee).name == "Dee Vos"


def test_add_account(ws: Workspace, p: Portfolio) -> None:
    done = round_trip(ws, ops.bind(ops.add_account, "Contoso", arr=90_000.0))
    assert done.title == "Add account Contoso"
    before = dump(ws)
    with pytest.raises(ValidationError):  # names are unique
        ops.add_account(ws, "Northwind")
    assert dump(ws) == before


def test_perform_tags_the_history_rows_with_their_source(
    ws: Workspace, p: Portfolio, monkeypatch: pytest.MonkeyPatch
) -> None:
    tags: list[tuple[str, str]] = []

    @contextmanager
    def recording(source: str) -> Iterator[None]:
        tags.append(("start", source))
        yield
        tags.append(("end", source))

    monkeypatch.setattr(ws, "recording", recording, raising=False)
    done = ops.perform(ws, ops.bind(ops.edit_fields, s.Person, p.ana.id, title="CTO"), "edit")
    ops.perform(ws, done.inverse, "undo")
    assert tags == [("start", "edit"), ("end", "edit"), ("start", "undo"), ("end", "undo")]


def test_add_refused_before_writing(ws: Workspace, p: Portfolio) -> None:
    before = dump(ws)
    with pytest.raises(ValidationError) as refused:
        ops.add_person(ws, p.account.id, "Dee", email="not an address")
    assert refused.value.field == "email"
    assert dump(ws) == before


def test_edit_fields_of_any_record(ws: Workspace, p: Portfolio) -> None:
    round_trip(ws, ops.bind(ops.edit_fields, s.Person, p.ana.id, title="CTO", influence=5))
    round_trip(ws, ops.bind(ops.edit_fields, s.Account, p.account.id, name="Northwind Ltd"))
    round_trip(ws, ops.bind(ops.edit_fields, s.Win, p.win.id, impact_value=12.5))
    round_trip(ws, ops.bind(ops.edit_fields, s.TeamMember, p.se.id, active=False))


def test_an_attitude_change_and_its_log_row_are_undone_together(
    ws: Workspace, p: Portfolio
) -> None:
    round_trip(ws, ops.bind(ops.edit_fields, s.Person, p.cy.id, attitude=-2))
    assert dump(ws)["attitude_changes"] == []
    done = ops.edit_fields(ws, s.Person, p.cy.id, attitude=-2)
    (logged,) = ws.find(s.AttitudeChange)
    assert (logged.person_id, logged.old_attitude, logged.new_attitude) == (p.cy.id, 0, -2)
    undone = done.inverse(ws)
    assert ws.find(s.AttitudeChange) == []  # undo is no change of mind
    undone.inverse(ws)
    assert [c.id for c in ws.find(s.AttitudeChange)] == [logged.id]


def test_edit_unchanged_value_changes_nothing(ws: Workspace, p: Portfolio) -> None:
    before = dump(ws)
    result = ops.edit_fields(ws, s.Person, p.ana.id, title="CIO")
    assert not result.changes
    assert dump(ws) == before


@pytest.mark.parametrize(
    ("values", "field"),
    [({"email": "nope"}, "email"), ({"name": "  "}, "name"), ({"influence": 9}, "influence")],
)
def test_edit_refused_names_the_field(
    ws: Workspace, p: Portfolio, values: dict[str, Any], field: str
) -> None:
    before = dump(ws)
    with pytest.raises(ValidationError) as refused:
        ops.edit_fields(ws, s.Person, p.ana.id, **values)
    assert refused.value.field == field
    assert dump(ws) == before


def test_edit_refuses_unknown_and_key_fields(ws: Workspace, p: Portfolio) -> None:
    with pytest.raises(ValidationError):
        ops.edit_fields(ws, s.Person, p.ana.id, id=99)
    with pytest.raises(ValidationError):
        ops.edit_fields(ws, s.Person, p.ana.id, shoe_size=44)


def test_delete_selection_one_meaning(ws: Workspace, p: Portfolio) -> None:
    keys = [f"p{p.ben.id}", f"t{p.se.id}", f"r{p.ally.id}"]
    done = round_trip(ws, ops.bind(ops.delete_selection, p.account.id, keys))
    # Ben (the selected ally link goes with him), Sol's coverage of Cy, Sol's assignment.
    assert done.title == "Delete 3 items"
    ops.perform(ws, ops.bind(ops.delete_selection, p.account.id, keys), "edit")
    # Ben went with his manager line, ally link, coverage and attendance.
    assert ws.find(s.Person, name="Ben Ode") == []
    assert ws.find(s.Relationship) == []
    assert ws.attendees(p.call.id) == ([p.cy.id], [p.tam.id])
    # The selected team member left this account, not the team.
    assert ws.find(s.AccountTeam, member_id=p.se.id) == []
    assert ws.find(s.Coverage, member_id=p.se.id) == []
    assert ws.get(s.TeamMember, p.se.id).name == "Sol Eng"


def test_delete_selection_of_nothing_is_refused(ws: Workspace, p: Portfolio) -> None:
    with pytest.raises(NotFoundError):
        ops.delete_selection(ws, p.account.id, ["p9999"])


def test_link_and_unlink(ws: Workspace, p: Portfolio) -> None:
    aid = p.account.id
    round_trip(ws, ops.bind(ops.link, aid, f"p{p.cy.id}", f"p{p.ana.id}", "influences", 3))
    # A new manager line replaces the old one, in one step.
    done = round_trip(ws, ops.bind(ops.link, aid, f"p{p.ben.id}", f"p{p.cy.id}", "reports_to"))
    assert done.title == "Add relationship: reports to"
    # Coverage: a new link, or a change of kind of an existing one.
    round_trip(ws, ops.bind(ops.link, aid, f"t{p.se.id}", f"p{p.ana.id}", "owns"))
    round_trip(ws, ops.bind(ops.link, aid, f"p{p.ben.id}", f"t{p.tam.id}", "knows"))
    round_trip(ws, ops.bind(ops.unlink, s.Relationship, p.ally.id))
    round_trip(ws, ops.bind(ops.unlink, s.Coverage, p.owns.id))


def test_a_duplicate_link_is_refused_and_nothing_changes(ws: Workspace, p: Portfolio) -> None:
    before = dump(ws)
    with pytest.raises(ValidationError):
        ops.link(ws, p.account.id, f"p{p.ben.id}", f"p{p.cy.id}", "ally")
    assert dump(ws) == before


def test_set_manager(ws: Workspace, p: Portfolio) -> None:
    done = round_trip(ws, ops.bind(ops.set_manager, p.cy.id, p.ben.id))
    assert done.title == "Change manager of Cy Park"
    round_trip(ws, ops.bind(ops.set_manager, p.ben.id, None))
    round_trip(ws, ops.bind(ops.set_manager, p.ben.id, p.cy.id))
    before = dump(ws)
    with pytest.raises(ValidationError):  # Ana -> Ben -> Ana would be a cycle
        ops.set_manager(ws, p.ana.id, p.ben.id)
    assert dump(ws) == before


def test_team_operations(ws: Workspace, p: Portfolio) -> None:
    other = ws.add(s.Account(name="Contoso"))
    round_trip(ws, ops.bind(ops.add_member, "Ava Exec", TeamRole.ACCOUNT_EXECUTIVE, "", other.id))
    round_trip(ws, ops.bind(ops.assign, p.se.id, other.id))
    round_trip(ws, ops.bind(ops.unassign, p.tam.id, p.account.id))


def test_log_and_edit_interaction(ws: Workspace, p: Portfolio) -> None:
    when = dt.datetime(2026, 11, 20, 9, 30)
    done = round_trip(
        ws,
        ops.bind(
            ops.log_interaction,
            p.account.id,
            when,
            kind=InteractionKind.QBR,
            people=[p.ana.id],
            team=[p.tam.id, p.se.id],
        ),
    )
    assert done.title == "Log qbr on 20 Nov 2026"
    edit = ops.bind(
        ops.edit_interaction,
        p.call.id,
        {"summary": "Renewal talk", "sentiment": 1},
        [p.ana.id, p.ben.id],
        [p.se.id],
    )
    done = round_trip(ws, edit)
    assert done.title == "Edit call of 02 Nov 2026"
    same = ops.edit_interaction(ws, p.call.id, {"summary": ""}, [p.ben.id, p.cy.id], [p.tam.id])
    assert not same.changes
    with pytest.raises(ValidationError):
        ops.edit_interaction(ws, p.call.id, {"duration_minutes": -5}, [p.ben.id], [])


def test_move_cards_and_add_person_at(ws: Workspace, p: Portfolio) -> None:
    aid = p.account.id
    moves = {f"p{p.ana.id}": (50.0, 60.0), f"p{p.ben.id}": (0.0, 1.5)}
    done = round_trip(ws, ops.bind(ops.move_cards, aid, "org", moves))
    assert done.title == "Move 2 cards"
    round_trip(ws, ops.bind(ops.move_cards, aid, "org", {f"p{p.ana.id}": None}))
    done = round_trip(ws, ops.bind(ops.add_person_at, aid, "force", (5.0, 5.0), "New person"))
    assert done.changes.touches("people", "card_positions")


def test_qbr_records(ws: Workspace, p: Portfolio) -> None:
    aid = p.account.id
    risk = s.Risk(account_id=aid, title="Renewal budget", raised_on=dt.date(2026, 11, 1))
    done = round_trip(ws, ops.bind(ops.add_record, risk))
    assert done.title == "Add Renewal budget"
    round_trip(ws, ops.bind(ops.delete_records, s.Win, [p.win.id]))
    # A measurement moved to another day: its key changes, one step.
    key = (p.metric.id, dt.date(2026, 9, 30))
    round_trip(ws, ops.bind(ops.replace_record, s.UsagePoint, key, measured_on=TODAY))
    round_trip(ws, ops.bind(ops.edit_fields, s.UsagePoint, key, value=44.0))


def test_titles_can_be_set_by_the_caller(ws: Workspace, p: Portfolio) -> None:
    named = ops.Titled(ops.bind(ops.edit_fields, s.Person, p.ana.id, title="CTO"), "Edit title")
    result = named(ws)
    assert result.title == "Edit title"
    assert result.inverse.title == "Undo Edit title"
    assert result.inverse(ws).inverse.title == "Edit title"


def test_apply_import_and_its_inverse(ws: Workspace, p: Portfolio, tmp_path: Path) -> None:
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        "Name,Email,Job Title\nDora Lind,dora@northwind.example,CFO\n"
        "Eli Hart,eli@northwind.example,SRE\n",
        encoding="utf-8",
    )
    plan = plan_contacts(ws, contacts, p.account.id)
    before = dump(ws)
    done = ops.perform(ws, ops.bind(ops.apply_import, plan), ops.import_source(plan))
    after = dump(ws)
    assert len(after["people"]) == len(before["people"]) + 2
    assert ops.applied_import(done).plan is plan
    undone = ops.perform(ws, done.inverse, "undo")
    assert dump(ws) == before
    assert {c.kind for c in undone.changes.changes} == {ChangeKind.REMOVED}
    ops.perform(ws, undone.inverse, "redo")
    assert dump(ws) == after


def test_one_edit_is_one_transaction_with_one_update(ws: Workspace, p: Portfolio) -> None:
    statements: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement.split()[0].upper())

    event.listen(ws.engine, "before_cursor_execute", seen)
    try:
        ops.edit_fields(ws, s.Person, p.ana.id, title="CTO")
    finally:
        event.remove(ws.engine, "before_cursor_execute", seen)
    assert statements.count("UPDATE") == 1
    assert statements.count("BEGIN") == 1
    assert statements.count("INSERT") == 1  # its line in the change log
    assert statements.count("DELETE") == 0


# --- random sequences -------------------------------------------------------------------------


def _choices(ws: Workspace, aid: int) -> dict[str, list[int]]:
    return {
        "people": [x.id for x in ws.people(aid)],
        "team": [x.id for x in ws.team()],
        "relationships": [x.id for x in ws.relationships(aid)],
        "coverage": [x.id for x in ws.coverage(aid)],
        "interactions": [x.id for x in ws.interactions(aid)],
    }


def _operation(ws: Workspace, aid: int, draw: Any) -> Callable[[Workspace], ops.OpResult] | None:
    """One random operation that makes sense in the workspace's current state."""
    have = _choices(ws, aid)
    people, team = have["people"], have["team"]
    kind = draw(
        st.sampled_from(
            [
                "add_person", "edit", "attitude", "delete", "link", "manager", "log",
                "edit_interaction", "move", "member", "unassign", "add_at", "win",
                "ticket", "qbr_edit", "qbr_delete", "measure",
            ]
        )
    )  # fmt: skip
    pick = lambda xs: draw(st.sampled_from(xs))  # noqa: E731
    if kind == "add_person":
        return ops.bind(ops.add_person, aid, draw(st.sampled_from(["Fay", "Gus", "Hal"])))
    if kind == "add_at":
        return ops.bind(ops.add_person_at, aid, "org", (1.0, 2.0), "New person")
    if kind == "member":
        return ops.bind(ops.add_member, "Ivy", TeamRole.SUPPORT, "", aid)
    if kind == "win":
        return ops.bind(ops.add_record, s.Win(account_id=aid, won_on=TODAY, title="A win"))
    wins = [w.id for w in ws.find(s.Win, account_id=aid)]
    if kind == "ticket":
        ticket = s.Ticket(account_id=aid, title="Checkout slow", opened_on=TODAY)
        return ops.bind(ops.add_record, ticket)
    if kind == "qbr_edit" and wins:
        return ops.bind(ops.edit_fields, s.Win, pick(wins), impact_value=pick([1.0, 2.5]))
    if kind == "qbr_delete" and wins:
        return ops.bind(
            ops.delete_records, s.Win, draw(st.lists(st.sampled_from(wins), min_size=1))
        )
    if kind == "measure":
        points = ws.find(s.UsagePoint)
        if points:
            point = pick(points)
            day = pick([TODAY, dt.date(2026, 8, 31)])
            key = (point.metric_id, point.measured_on)
            return ops.bind(ops.replace_record, s.UsagePoint, key, measured_on=day)
    if not people:
        return None
    if kind == "edit":
        return ops.bind(ops.edit_fields, s.Person, pick(people), title=pick(["CIO", "VP", ""]))
    if kind == "attitude":
        return ops.bind(ops.edit_fields, s.Person, pick(people), attitude=pick([-2, 0, 2]))
    if kind == "delete":
        keys = [f"p{pick(people)}"]
        keys += [f"r{x}" for x in have["relationships"][:1]]
        keys += [f"c{x}" for x in have["coverage"][-1:]] + [f"t{x}" for x in team[:1]]
        return ops.bind(ops.delete_selection, aid, draw(st.lists(st.sampled_from(keys))))
    if kind == "link":
        source, target = pick(people), pick(people)
        relation = pick(["ally", "influences", "reports_to"])
        if team and draw(st.booleans()):
            return ops.bind(ops.link, aid, f"t{pick(team)}", f"p{target}", pick(["owns", "knows"]))
        return ops.bind(ops.link, aid, f"p{source}", f"p{target}", relation)
    if kind == "manager":
        return ops.bind(ops.set_manager, pick(people), pick([None, *people]))
    if kind == "log":
        return ops.bind(
            ops.log_interaction, aid, dt.datetime(2026, 11, 3), people=[pick(people)], team=team[:1]
        )
    if kind == "edit_interaction" and have["interactions"]:
        return ops.bind(
            ops.edit_interaction,
            pick(have["interactions"]),
            {"sentiment": pick([-1, 0, 2])},
            [pick(people)],
            team[-1:],
        )
    if kind == "move":
        return ops.bind(ops.move_cards, aid, "org", {f"p{pick(people)}": pick([(3.0, 4.0), None])})
    return None


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_operations_undo_all_and_redo_all(tmp_path_factory: Any, data: Any) -> None:
    path = tmp_path_factory.mktemp("ops") / "random.rapport"
    with Workspace.create(path, today=lambda: TODAY) as ws:
        p = Portfolio(ws)
        initial = dump(ws)
        done: list[ops.OpResult] = []
        for _ in range(data.draw(st.integers(1, 8))):
            operation = _operation(ws, p.account.id, data.draw)
            if operation is None:
                continue
            state = dump(ws)
            try:
                done.append(ops.perform(ws, operation, "edit"))
            except (ValidationError, NotFoundError):
                assert dump(ws) == state  # a refused operation leaves no trace
        final = dump(ws)
        undone = [ops.perform(ws, r.inverse, "undo") for r in reversed(done)]
        assert dump(ws) == initial
        for r in reversed(undone):
            ops.perform(ws, r.inverse, "redo")
        assert dump(ws) == final
        with ws.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
