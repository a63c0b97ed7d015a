from __future__ import annotations

import datetime as dt

import pytest

from graph import schema as s
from graph.errors import NotFoundError, ValidationError, WorkspaceFileError
from graph.events import ChangeSet
from graph.vocabulary import DealRole, Level, RelationKind
from graph.workspace import Workspace


def person(account: s.Account, name: str, **fields: object) -> s.Person:
    return s.Person(account_id=account.id, name=name, **fields)  # type: ignore[arg-type]


def test_add_and_reopen_keeps_every_field(ws: Workspace, account: s.Account, ws_path) -> None:
    added = ws.add(
        person(
            account,
            "Ana Ruiz",
            title="VP Engineering",
            email="ana@northwind.example",
            level="executive",
            role="Economic buyer",
            influence=5,
            attitude=-1,
            interest=4,
            cares_about=["Uptime", "cost", "uptime"],
            cadence_days=60,
        )
    )
    assert added.id is not None
    assert added.level is Level.EXECUTIVE and added.role is DealRole.ECONOMIC_BUYER
    assert added.cares_about == ["cost", "uptime"]
    ws.close()
    with Workspace.open(ws_path) as again:
        assert again.get(s.Person, added.id) == added


def test_every_edit_is_committed_without_save(ws: Workspace, account: s.Account, ws_path) -> None:
    p = ws.add(person(account, "Bo"))
    ws.update(s.Person, p.id, title="SRE lead")
    # A second, independent connection sees the edit: it is in the file, not in a buffer.
    with Workspace.open(ws_path, readonly=True) as reader:
        assert reader.get(s.Person, p.id).title == "SRE lead"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("influence", 0),
        ("influence", 6),
        ("attitude", 3),
        ("attitude", -3),
        ("interest", 9),
        ("name", "  "),
        ("email", "not-an-email"),
        ("level", "janitor"),
        ("cadence_days", 0),
    ],
)
def test_out_of_range_values_are_refused_with_the_field(
    ws: Workspace, account: s.Account, field: str, value: object
) -> None:
    record = person(account, "Cy")
    setattr(record, field, value)
    with pytest.raises(ValidationError) as caught:
        ws.add(record)
    assert caught.value.field == field
    assert ws.people(account.id) == []


def test_dates_must_be_dates(ws: Workspace, account: s.Account) -> None:
    with pytest.raises(ValidationError, match="must be a date") as caught:
        ws.add(s.Win(account_id=account.id, won_on="2026-01-01", title="x"))  # type: ignore[arg-type]
    assert caught.value.field == "won_on"


def test_failed_update_changes_nothing(ws: Workspace, account: s.Account) -> None:
    p = ws.add(person(account, "Di", influence=2))
    with pytest.raises(ValidationError):
        ws.update(s.Person, p.id, influence=7, title="changed")
    assert ws.get(s.Person, p.id) == p


def test_update_refuses_unknown_fields_and_keys(ws: Workspace, account: s.Account) -> None:
    p = ws.add(person(account, "Ed"))
    with pytest.raises(ValidationError):
        ws.update(s.Person, p.id, colour="blue")
    with pytest.raises(ValidationError):
        ws.update(s.Person, p.id, id=99)
    with pytest.raises(NotFoundError):
        ws.update(s.Person, 999, title="x")


def test_account_names_are_unique(ws: Workspace, account: s.Account) -> None:
    with pytest.raises(ValidationError, match="already exists"):
        ws.add(s.Account(name=" Northwind "))


def test_reports_to_has_one_manager_and_no_cycles(ws: Workspace, account: s.Account) -> None:
    a, b, c = (ws.add(person(account, n)) for n in ("A", "B", "C"))
    ws.set_manager(a.id, b.id)
    ws.set_manager(b.id, c.id)
    with pytest.raises(ValidationError, match="cycle: C → A → B → C"):
        ws.set_manager(c.id, a.id)
    with pytest.raises(ValidationError, match="at most one manager"):
        ws.add(
            s.Relationship(
                account_id=account.id, kind=RelationKind.REPORTS_TO, source_id=a.id, target_id=c.id
            )
        )
    ws.set_manager(a.id, c.id)  # replacing the line is fine
    lines = ws.find(s.Relationship, kind=RelationKind.REPORTS_TO)
    assert {(r.source_id, r.target_id) for r in lines} == {(a.id, c.id), (b.id, c.id)}


def test_people_link_only_within_their_account(ws: Workspace, account: s.Account) -> None:
    other = ws.add(s.Account(name="Contoso"))
    a = ws.add(person(account, "A"))
    b = ws.add(s.Person(account_id=other.id, name="B"))
    with pytest.raises(ValidationError, match="different accounts"):
        ws.set_manager(a.id, b.id)
    i = ws.log_interaction(account.id, dt.datetime(2026, 11, 1, 9))
    with pytest.raises(ValidationError, match="another account"):
        ws.set_attendees(i.id, [b.id], [])
    assert ws.attendees(i.id) == ([], [])


def test_several_kinds_between_two_people(ws: Workspace, account: s.Account) -> None:
    a, b = ws.add(person(account, "A")), ws.add(person(account, "B"))
    ws.add(
        s.Relationship(
            account_id=account.id, kind=RelationKind.REPORTS_TO, source_id=a.id, target_id=b.id
        )
    )
    ws.add(
        s.Relationship(
            account_id=account.id,
            kind=RelationKind.INFLUENCES,
            source_id=b.id,
            target_id=a.id,
            strength=3,
        )
    )
    ally = ws.add(
        s.Relationship(
            account_id=account.id, kind=RelationKind.ALLY, source_id=b.id, target_id=a.id
        )
    )
    assert (ally.source_id, ally.target_id) == (a.id, b.id)  # undirected: stored in order
    with pytest.raises(ValidationError, match="already linked"):
        ws.add(
            s.Relationship(
                account_id=account.id, kind=RelationKind.ALLY, source_id=a.id, target_id=b.id
            )
        )
    with pytest.raises(ValidationError, match="themselves"):
        ws.add(
            s.Relationship(
                account_id=account.id, kind=RelationKind.ALLY, source_id=a.id, target_id=a.id
            )
        )
    assert len(ws.relationships(account.id)) == 3


def test_remove_person_takes_links_and_restore_brings_all_back(
    ws: Workspace, account: s.Account
) -> None:
    a, b = ws.add(person(account, "A")), ws.add(person(account, "B"))
    tam = ws.add(s.TeamMember(name="Tia"))
    ws.set_manager(a.id, b.id)
    ws.add(s.Coverage(member_id=tam.id, person_id=a.id, kind="owns"))
    meeting = ws.log_interaction(
        account.id, dt.datetime(2026, 11, 2, 10), people=[a.id, b.id], team=[tam.id]
    )
    win = ws.add(
        s.Win(account_id=account.id, won_on=dt.date(2026, 10, 1), title="Win", champion_id=a.id)
    )
    ws.update(s.Person, a.id, attitude=2)
    before = {cls: ws.find(cls) for cls in s.RECORD_TYPES}

    removal = ws.remove(s.Person, a.id)
    assert ws.relationships(account.id) == []
    assert ws.attendees(meeting.id) == ([b.id], [tam.id])
    assert ws.get(s.Win, win.id).champion_id is None
    assert ws.find(s.AttitudeChange) == []

    ws.restore(removal)
    assert {cls: ws.find(cls) for cls in s.RECORD_TYPES} == before


def test_batch_is_all_or_nothing(ws: Workspace, account: s.Account, ws_path) -> None:
    with pytest.raises(ValidationError), ws.batch():
        ws.add(person(account, "Kept?"))
        ws.add(person(account, "Bad", influence=11))
    assert ws.people(account.id) == []


def test_changes_are_announced_once_per_unit(ws: Workspace, account: s.Account) -> None:
    seen: list[ChangeSet] = []
    ws.changed.connect(seen.append)
    with ws.batch():
        p = ws.add(person(account, "A"))
        ws.update(s.Person, p.id, title="CTO")
    assert len(seen) == 1
    assert seen[0].tables == {"people"} and seen[0].accounts == {account.id}
    ws.remove(s.Person, p.id)
    assert seen[-1].touches("people")


def test_attitude_changes_are_logged(ws: Workspace, account: s.Account) -> None:
    p = ws.add(person(account, "A", attitude=0))
    ws.update(s.Person, p.id, attitude=-2)
    ws.update(s.Person, p.id, title="no attitude change")
    log = ws.find(s.AttitudeChange)
    assert [(c.old_attitude, c.new_attitude, c.changed_on) for c in log] == [
        (0, -2, dt.date(2026, 11, 22))
    ]


def test_positions_per_account_and_view(ws: Workspace, account: s.Account) -> None:
    ws.set_positions(account.id, "org", {"p1": (10.0, 20.0), "t1": (5.0, 5.0)})
    ws.set_positions(account.id, "org", {"p1": (11.0, 21.0)})
    ws.set_positions(account.id, "network", {"p1": (0.0, 0.0)})
    assert ws.positions(account.id, "org") == {"p1": (11.0, 21.0), "t1": (5.0, 5.0)}
    ws.clear_positions(account.id, "org", ["t1"])
    assert ws.positions(account.id, "org") == {"p1": (11.0, 21.0)}


def test_readonly_workspace_refuses_writes(ws_path, ws: Workspace, account: s.Account) -> None:
    with Workspace.open(ws_path, readonly=True) as reader:
        with pytest.raises(WorkspaceFileError, match="read-only"):
            reader.add(s.Account(name="Nope"))
        assert [a.name for a in reader.accounts()] == ["Northwind"]


def test_account_named_is_case_insensitive_and_lists_names(
    ws: Workspace, account: s.Account
) -> None:
    assert ws.account_named("northwind").id == account.id
    with pytest.raises(NotFoundError, match="accounts: Northwind"):
        ws.account_named("Fabrikam")


def test_cadence_defaults_are_seeded_and_editable(ws: Workspace, account: s.Account) -> None:
    assert ws.cadence_defaults()[DealRole.CHAMPION] == (7, 14)
    ws.update(s.CadenceDefault, "champion", ideal_days=10, max_days=20)
    champ = ws.add(person(account, "C", role="champion"))
    assert (ws.cadence_of(champ).ideal_days, ws.cadence_of(champ).max_days) == (10, 20)
    with pytest.raises(ValidationError, match="shorter"):
        ws.update(s.CadenceDefault, "champion", ideal_days=30, max_days=20)
