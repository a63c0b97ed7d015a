"""What changed between two instants, from the log and from the records' own dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graph import schema as s
from graph.changes import changes_between
from graph.clock import FixedClock
from graph.vocabulary import (
    ActionStatus,
    CoverageKind,
    DealRole,
    Level,
    PersonStatus,
    RelationKind,
    RiskLevel,
    RiskStatus,
)
from graph.workspace import Workspace

T0 = dt.datetime(2026, 7, 1, 9, 0)


def labels(moved: tuple[object, ...]) -> list[str]:
    return [m.label for m in moved]  # type: ignore[attr-defined]


def test_changes_between_two_qbrs(tmp_path: Path) -> None:
    clock = FixedClock(T0)
    with Workspace.create(tmp_path / "c.rapport", clock=clock) as ws:
        account = ws.add(s.Account(name="Northwind"))
        with ws.batch():
            ola = ws.add(s.Person(account_id=account.id, name="Ola", title="Engineer"))
            bo = ws.add(s.Person(account_id=account.id, name="Bo"))
            dee = ws.add(
                s.Person(account_id=account.id, name="Dee", joined_on=dt.date(2026, 7, 20))
            )
            tina = ws.add(s.TeamMember(name="Tina"))
            old_link = ws.add(
                s.Relationship(
                    account_id=account.id,
                    kind=RelationKind.INFLUENCES,
                    source_id=bo.id,
                    target_id=ola.id,
                )
            )
            goal = ws.add(s.Goal(account_id=account.id, title="Adopt tracing"))
            budget = ws.add(
                s.Risk(
                    account_id=account.id,
                    title="Budget",
                    level=RiskLevel.HIGH,
                    raised_on=dt.date(2026, 6, 1),
                )
            )
            done = ws.add(
                s.ActionItem(
                    account_id=account.id, title="Send plan", created_on=dt.date(2026, 6, 2)
                )
            )
            carried = ws.add(
                s.ActionItem(
                    account_id=account.id, title="Book QBR", created_on=dt.date(2026, 6, 3)
                )
            )
        start = clock.advance(days=1)

        clock.advance(days=2)
        cy = ws.add(s.Person(account_id=account.id, name="Cy"))
        ws.add(s.Person(account_id=account.id, name="Old Hand", joined_on=dt.date(2020, 1, 1)))
        ws.update(
            s.Person,
            ola.id,
            title="Manager",
            level=Level.MANAGEMENT,
            attitude=2,
            influence=5,
            role=DealRole.CHAMPION,
        )
        ws.update(s.Person, bo.id, status=PersonStatus.LEFT)
        ws.add(s.Coverage(member_id=tina.id, person_id=ola.id, kind=CoverageKind.OWNS))
        ws.set_manager(cy.id, ola.id)
        ws.remove(s.Relationship, old_link.id)
        ws.add(
            s.Risk(account_id=account.id, title="Champion leaving", raised_on=dt.date(2026, 7, 10))
        )
        ws.update(s.Risk, budget.id, status=RiskStatus.CLOSED)
        ws.update(s.Goal, goal.id, progress=0.5)
        ws.update(s.ActionItem, done.id, status=ActionStatus.DONE)
        ws.add(
            s.ActionItem(account_id=account.id, title="Train ops", created_on=dt.date(2026, 7, 15))
        )
        end = clock.advance(days=60)

        clock.advance(days=1)
        ws.update(s.Person, ola.id, title="Director")
        ws.update(s.ActionItem, carried.id, status=ActionStatus.DONE)

        moved = changes_between(ws, account.id, start, end)
        assert labels(moved.joined) == ["Cy", "Dee"]
        assert [m.logged for m in moved.joined] == [True, False] and dee.joined_on == moved.joined[
            1
        ].on
        assert labels(moved.left) == ["Bo"]
        assert [(m.label, m.old, m.new) for m in moved.title_changes] == [
            ("Ola", "Engineer", "Manager")
        ]
        assert [(m.old, m.new) for m in moved.level_changes] == [
            (Level.OPERATIONS, Level.MANAGEMENT)
        ]
        assert [(m.old, m.new) for m in moved.attitude_changes] == [(0, 2)]
        assert [(m.old, m.new) for m in moved.influence_changes] == [(3, 5)]
        assert [(m.old, m.new) for m in moved.role_changes] == [(DealRole.OTHER, DealRole.CHAMPION)]
        assert labels(moved.owners_added) == ["Tina owns Ola"] and moved.owners_removed == ()
        assert labels(moved.links_added) == ["Cy reports to Ola"]
        assert labels(moved.links_removed) == ["Bo influences Ola"]
        assert labels(moved.risks_opened) == ["Champion leaving"]
        assert [(m.label, m.new) for m in moved.risks_closed] == [("Budget", RiskStatus.CLOSED)]
        assert [(m.label, m.field, m.old, m.new) for m in moved.goals_moved] == [
            ("Adopt tracing", "progress", 0.0, 0.5)
        ]
        assert labels(moved.actions_completed) == ["Send plan"]
        assert labels(moved.actions_new) == ["Train ops"]
        assert sorted(labels(moved.actions_still_open)) == ["Book QBR", "Train ops"]

        later = changes_between(ws, account.id, end, clock.now())
        assert [(m.old, m.new) for m in later.title_changes] == [("Manager", "Director")]
        assert labels(later.actions_completed) == ["Book QBR"] and later.joined == ()


def test_before_the_log_the_stored_dates_tell(tmp_path: Path) -> None:
    clock = FixedClock(T0)
    with Workspace.create(tmp_path / "d.rapport", clock=clock) as ws:
        account = ws.add(s.Account(name="Northwind"))
        with ws.history_paused():  # as in the sample or a migrated file
            ada = ws.add(s.Person(account_id=account.id, name="Ada", joined_on=dt.date(2026, 2, 3)))
            ws.add(
                s.Person(
                    account_id=account.id,
                    name="Gus",
                    left_on=dt.date(2026, 3, 9),
                    status=PersonStatus.LEFT,
                )
            )
            ws.add(
                s.AttitudeChange(
                    person_id=ada.id,
                    changed_on=dt.date(2026, 3, 1),
                    old_attitude=-1,
                    new_attitude=1,
                )
            )
            ws.add(s.Risk(account_id=account.id, title="Outage", raised_on=dt.date(2026, 2, 20)))
        moved = changes_between(ws, account.id, dt.datetime(2026, 1, 1), dt.datetime(2026, 3, 31))
        assert labels(moved.joined) == ["Ada"] and labels(moved.left) == ["Gus"]
        assert [(m.label, m.old, m.new, m.logged) for m in moved.attitude_changes] == [
            ("Ada", -1, 1, False)
        ]
        assert labels(moved.risks_opened) == ["Outage"]
        assert changes_between(ws, account.id, dt.datetime(2026, 4, 1), T0).joined == ()
