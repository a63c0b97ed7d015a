"""Two laptops apart, then together: nothing lost, judgements left to people, one portfolio.

Every test runs against a real PostgreSQL server (the ``cluster`` fixture) with a fresh
database; the replicas are ordinary workspace files with their own fixed clocks.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from graph import schema as s
from graph.erasure import erase_person
from graph.history import record_history
from graph.team import server_schema as t
from graph.team import sync as team
from graph.team.conflicts import open_conflicts, resolve
from graph.team.connection import server
from graph.team.dump import local_dump, server_dump
from graph.team.errors import TeamError
from graph.team.replica import SERVER, meta
from graph.vocabulary import RelationKind
from graph.workspace import Workspace
from tests.graph.team.conftest import PEOPLE, Cluster, clock_at, team_of


@dataclass
class Team:
    cluster: Cluster
    database: str
    alice: Path
    bob: Path

    def url(self, login: str) -> str:
        return self.cluster.url(login, self.database)

    def open(self, who: str, minutes: int) -> Workspace:
        ws = Workspace.open(self.alice if who == "alice" else self.bob, clock=clock_at(minutes))
        ws.author = who.capitalize()
        return ws


@pytest.fixture
def shared(cluster: Cluster, published: tuple[str, Path, Path], tmp_path: Path) -> Team:
    """Alice published the portfolio (her file is a replica); Bob, an editor, cloned it."""
    database, alice, bob = team_of(cluster, published, tmp_path)
    return Team(cluster, database, alice, bob)


def people_by_name(ws: Workspace) -> dict[str, s.Person]:
    return {p.name: p for p in ws.find(s.Person)}


def dumps_agree(shared: Team, *replicas: Workspace) -> None:
    with server(shared.url("alice")) as conn:
        on_server = server_dump(conn)
    for ws in replicas:
        assert local_dump(ws) == on_server


def test_edits_made_apart_all_arrive_and_judgements_wait_for_a_person(
    shared: Team, cluster: Cluster
) -> None:
    a, b = shared.open("alice", 10), shared.open("bob", 20)
    try:
        pa, pb = people_by_name(a), people_by_name(b)
        cluster.stop()  # both laptops on a plane
        try:
            with pytest.raises(TeamError, match="cannot reach the team server"):
                team.sync(a)
            for i in range(5):  # the same judgement, read differently: 5 conflicts
                a.update(s.Person, pa[f"Person {i:02d}"].id, attitude=2)
                b.update(s.Person, pb[f"Person {i:02d}"].id, attitude=-2)
            for i in range(5, 10):  # the same fact: the later change wins
                a.update(s.Person, pa[f"Person {i:02d}"].id, department="Finance (Alice)")
                b.update(s.Person, pb[f"Person {i:02d}"].id, department="Finance (Bob)")
            for i in range(10, PEOPLE):  # 90 each on fields the other leaves alone
                name = f"Person {i:02d}"
                a.update(s.Person, pa[name].id, title=f"VP {i}")
                a.update(s.Person, pa[name].id, phone=f"+1 555 01{i:02d}")
                a.update(s.Person, pa[name].id, notes=f"met at the summit ({i})")
                b.update(s.Person, pb[name].id, email=f"p{i}@cobalt.example")
                b.update(s.Person, pb[name].id, interest=1 + i % 2 * 4)
                b.update(s.Person, pb[name].id, cadence_days=30 + i)
        finally:
            cluster.start()

        first_a, first_b, last_a = team.sync(a), team.sync(b), team.sync(a)
        assert first_a.pushed > 100 and first_a.pulled == 0  # with the attitude log rows
        assert first_b.pulled == first_a.pushed and first_b.conflicts == 5
        assert last_a.pulled == first_b.pushed and last_a.pushed == 0
        assert (team.sync(a).pushed, team.sync(b).pulled) == (0, 0)  # nothing left to move

        for ws in (a, b):
            people = people_by_name(ws)
            for i in range(5, 10):
                assert people[f"Person {i:02d}"].department == "Finance (Bob)"
            for i in range(10, PEOPLE):
                p = people[f"Person {i:02d}"]
                assert (p.title, p.phone, p.notes) == (
                    f"VP {i}",
                    f"+1 555 01{i:02d}",
                    f"met at the summit ({i})",
                )
                assert (p.email, p.interest, p.cadence_days) == (
                    f"p{i}@cobalt.example",
                    1 + i % 2 * 4,
                    30 + i,
                )
            # The plain fact Alice lost is still in everyone's history, with her name.
            lost = record_history(ws, s.Person, people["Person 05"].id)
            assert {(x.author, x.new) for x in lost if x.field == "department"} == {
                ("Alice", "Finance (Alice)"),
                ("Bob", "Finance (Bob)"),
            }
            conflicts = open_conflicts(ws)
            assert len(conflicts) == 5
            assert {c.field for c in conflicts} == {"attitude"}
            assert {c.record for c in conflicts} == {f"Person Person {i:02d}" for i in range(5)}
            for c in conflicts:
                assert {(c.first.author, c.first.value), (c.second.author, c.second.value)} == {
                    ("Alice", "2"),
                    ("Bob", "-2"),
                }
            # Every edit, attributed: 100 field edits by each laptop, in both files.
            h = s.HistoryEntry
            for author, device in (("Alice", a.hlc.device), ("Bob", b.hlc.device)):
                rows = ws.find(h, h.device == device, h.action == "update")
                assert len(rows) == 100
                assert {r.author for r in rows} == {author}
        dumps_agree(shared, a, b)
    finally:
        a.close()
        b.close()


def test_a_decided_judgement_reaches_everyone_and_closes(shared: Team) -> None:
    a, b = shared.open("alice", 10), shared.open("bob", 20)
    try:
        a.update(s.Person, people_by_name(a)["Person 01"].id, influence=5)
        b.update(s.Person, people_by_name(b)["Person 01"].id, influence=1)
        team.sync(a), team.sync(b), team.sync(a)
        [conflict] = open_conflicts(a)
        assert conflict.first.mine and not conflict.second.mine

        said = resolve(a, conflict.id, "mine")  # Alice keeps her reading
        assert "kept the first side" in said
        assert open_conflicts(a)[0].decided == "first"
        assert team.sync(a).conflicts == 0
        assert team.sync(b).conflicts == 0
        for ws in (a, b):
            assert people_by_name(ws)["Person 01"].influence == 5
            assert open_conflicts(ws) == []
        dumps_agree(shared, a, b)
    finally:
        a.close()
        b.close()


def test_a_removal_against_an_edit_is_surfaced_and_the_edit_can_win(shared: Team) -> None:
    a, b = shared.open("alice", 10), shared.open("bob", 20)
    try:
        gone = people_by_name(a)["Person 04"]
        links_before = len(a.find(s.Relationship))
        a.remove(s.Person, gone.id)  # Alice: "she left"
        b.update(s.Person, people_by_name(b)["Person 04"].id, title="Chief Nursing Officer")
        team.sync(a), team.sync(b), team.sync(a)
        for ws in (a, b):
            assert "Person 04" not in people_by_name(ws)
            [conflict] = open_conflicts(ws)
            assert conflict.kind == "delete"
            assert {conflict.first.value, conflict.second.value} == {
                "removed the record",
                "edited the record",
            }
        dumps_agree(shared, a, b)

        [conflict] = open_conflicts(b)
        assert "brought back" in resolve(b, conflict.id, "mine")  # Bob: "she was promoted"
        team.sync(b), team.sync(a)
        for ws in (a, b):
            back = people_by_name(ws)["Person 04"]
            assert back.title == "Chief Nursing Officer" and back.uid == gone.uid
            brought = [x for x in record_history(ws, s.Person, back.id) if x.source == "conflict"]
            assert [(x.action, x.author) for x in brought] == [("insert", "Bob")]
            assert len(ws.find(s.Relationship)) == links_before  # her reporting lines too
            assert open_conflicts(ws) == []
        dumps_agree(shared, a, b)
    finally:
        a.close()
        b.close()


def test_the_same_line_added_on_two_laptops_is_kept_once(shared: Team) -> None:
    a, b = shared.open("alice", 10), shared.open("bob", 20)
    try:
        for ws in (a, b):
            people = people_by_name(ws)
            ws.add(
                s.Relationship(
                    account_id=people["Person 30"].account_id,
                    kind=RelationKind.ALLY,
                    source_id=people["Person 30"].id,
                    target_id=people["Person 31"].id,
                )
            )
        team.sync(a), team.sync(b), team.sync(a)
        for ws in (a, b):
            assert len(ws.find(s.Relationship, kind=RelationKind.ALLY)) == 1
        dumps_agree(shared, a, b)
    finally:
        a.close()
        b.close()


def test_a_viewer_is_refused_by_the_server(shared: Team, tmp_path: Path) -> None:
    team.set_member(shared.url("alice"), "victor", "viewer")
    path = tmp_path / "victor.rapport"
    team.clone(shared.url("victor"), path, clock=clock_at())
    with Workspace.open(path, clock=clock_at(5)) as ws:
        assert team.sync(ws).pushed == 0  # reading is fine
        ws.update(s.Person, people_by_name(ws)["Person 02"].id, title="CEO")
        with pytest.raises(TeamError, match="You are a viewer of this portfolio; ask an owner"):
            team.sync(ws)
    # Not only the app says no: the server refuses the row itself.
    from graph.team import push
    from graph.team.change import Change
    from graph.team.errors import ViewerError

    change = Change(
        device="d" * 32, hlc="0000000000001-0000-" + "d" * 32, op="x", at=clock_at().now(),
        author="Victor", source="edit", table_name="people", key="k", account=None,
        action="update", field="title", old=None, new='"CEO"',
    )  # fmt: skip
    with pytest.raises(ViewerError), server(shared.url("victor")) as conn:
        push.accept(conn, change.device, 0, [change])
    with server(shared.url("alice")) as conn:
        assert conn.scalar(select(func.count()).select_from(t.changes)) == 0


def test_a_stranger_sees_nothing(shared: Team, tmp_path: Path) -> None:
    with pytest.raises(TeamError, match="carol is not a member of the portfolio"):
        team.clone(shared.url("carol"), tmp_path / "carol.rapport")
    with server(shared.url("carol")) as conn:
        assert conn.scalar(select(func.count()).select_from(t.records)) == 0  # row security


def test_the_replica_keeps_its_server_but_never_a_password(shared: Team, tmp_path: Path) -> None:
    url = shared.url("bob").replace("bob@", "bob:s3cret-pw@")
    path = tmp_path / "bob2.rapport"
    team.clone(url, path, clock=clock_at())
    assert b"s3cret-pw" not in path.read_bytes()
    with Workspace.open(path) as ws, ws.reader.connect() as conn:
        stored = meta(conn, SERVER)
    assert stored is not None and "s3cret" not in stored and "sslmode" not in stored
    assert stored.startswith("postgresql://bob@/")
    with Workspace.open(path) as ws:
        assert team.sync(ws).pushed == 0


def test_publishing_twice_and_syncing_a_plain_file_are_refused(
    shared: Team, tmp_path: Path, portfolio: Path
) -> None:
    other = tmp_path / "other.rapport"
    shutil.copyfile(portfolio, other)
    with pytest.raises(TeamError, match="already holds a Rapport portfolio"):
        team.publish(shared.url("alice"), other)
    with pytest.raises(TeamError, match="already shared through"):
        team.publish(shared.url("alice"), shared.alice)
    with Workspace.open(other) as ws, pytest.raises(TeamError, match="not a team replica"):
        team.sync(ws)


def test_history_rows_keep_their_device_author_and_time(shared: Team) -> None:
    a, b = shared.open("alice", 10), shared.open("bob", 20)
    try:
        a.update(s.Account, a.find(s.Account)[0].id, segment="Enterprise")
        team.sync(a), team.sync(b)
        [line] = [x for x in b.find(s.HistoryEntry) if x.field == "segment"]
        assert (line.author, line.device, line.at) == ("Alice", a.hlc.device, clock_at(10).now())
        assert json.loads(line.new_value or "") == "Enterprise"
    finally:
        a.close()
        b.close()


def test_the_same_reading_twice_is_no_conflict_and_map_cards_travel(shared: Team) -> None:
    a, b = shared.open("alice", 10), shared.open("bob", 20)
    try:
        pa, pb = people_by_name(a), people_by_name(b)
        a.update(s.Person, pa["Person 07"].id, attitude=1)
        b.update(s.Person, pb["Person 07"].id, attitude=1)
        account = a.find(s.Account)[0].id
        a.set_positions(account, "org", {f"p{pa['Person 07'].id}": (120.0, -40.5)})
        team.sync(a), team.sync(b), team.sync(a)
        assert open_conflicts(a) == open_conflicts(b) == []
        # The card names Bob's own local id for the person (ids differ between files).
        assert b.positions(b.find(s.Account)[0].id, "org") == {
            f"p{pb['Person 07'].id}": (120.0, -40.5)
        }
        dumps_agree(shared, a, b)
    finally:
        a.close()
        b.close()


def test_a_rename_clashing_with_another_is_kept_once_and_sync_goes_on(shared: Team) -> None:
    a, b = shared.open("alice", 10), shared.open("bob", 20)
    try:
        a.add(s.Account(name="Northwind"))
        team.sync(a), team.sync(b)
        a.update(s.Account, a.account_named("Northwind").id, name="Contoso")
        b.update(s.Account, b.account_named("Cobalt Ridge Health").id, name="Contoso")
        team.sync(a), team.sync(b), team.sync(a)
        for ws in (a, b):
            assert sorted(x.name for x in ws.accounts()) == ["Cobalt Ridge Health", "Contoso"]
        dumps_agree(shared, a, b)
        b.update(s.Account, b.account_named("Cobalt Ridge Health").id, segment="Mid-market")
        assert team.sync(b).pushed == 1 and team.sync(a).pulled == 1
    finally:
        a.close()
        b.close()


def test_a_person_erased_on_one_laptop_leaves_no_trace_anywhere(shared: Team) -> None:
    a, b = shared.open("alice", 10), shared.open("bob", 20)
    try:
        person = people_by_name(a)["Person 20"]
        account = a.find(s.Account)[0].id
        a.set_positions(account, "org", {f"p{person.id}": (10.0, 20.0)})
        a.update(s.Person, person.id, email="person20@private.example")
        team.sync(a), team.sync(b)
        bob_copy = people_by_name(b)["Person 20"]
        b.update(s.Person, bob_copy.id, phone="+44 7700 900123")  # apart, before hearing of it
        erase_person(a, person.id)
        team.sync(a), team.sync(b), team.sync(a)

        secrets = ("Person 20", "person20@private.example", "+44 7700 900123")
        for ws in (a, b):
            assert "Person 20" not in people_by_name(ws)
            assert ws.positions(account if ws is a else ws.find(s.Account)[0].id, "org") == {}
            for row in ws.find(s.HistoryEntry):
                text = f"{row.old_value} {row.new_value}"
                assert not any(secret in text for secret in secrets)
        with server(shared.url("alice")) as conn:
            c = t.changes.c
            for secret in secrets:
                hits = conn.scalar(
                    select(func.count()).where(
                        c.old_value.contains(secret) | c.new_value.contains(secret)
                    )
                )
                assert hits == 0
            r = t.records.c
            [tomb] = conn.execute(select(r.data).where(r.key == person.uid)).scalars()
            assert tomb == {"uid": person.uid}
        dumps_agree(shared, a, b)
    finally:
        a.close()
        b.close()


def test_only_owners_manage_members(shared: Team) -> None:
    with pytest.raises(TeamError, match="only an owner of the portfolio manages its members"):
        team.set_member(shared.url("bob"), "carol", "owner")
    from graph.team.errors import ViewerError

    with pytest.raises(ViewerError), server(shared.url("bob")) as conn:  # the server says no
        conn.execute(t.members.insert().values(login="carol", role="owner"))
    team.set_member(shared.url("alice"), "bob", None)
    assert team.members(shared.url("alice")) == [("alice", "owner")]
    with pytest.raises(TeamError, match="bob is not a member"):
        team.members(shared.url("bob"))


def test_the_history_before_publishing_goes_to_the_team(
    cluster: Cluster, tmp_path: Path, portfolio: Path
) -> None:
    path, bob = tmp_path / "cobalt.rapport", tmp_path / "bob.rapport"
    shutil.copyfile(portfolio, path)
    with Workspace.open(path, clock=clock_at(1)) as ws:
        ws.author = "Ana"
        ws.update(s.Person, ws.find(s.Person, name="Person 03")[0].id, title="COO")
        ws.remove(s.Person, ws.find(s.Person, name="Person 39")[0].id)  # gone before sharing
    database = cluster.new_database()
    team.publish(cluster.url("alice", database), path, clock=clock_at(2))
    team.set_member(cluster.url("alice", database), "bob", "editor")
    team.clone(cluster.url("bob", database), bob, clock=clock_at(3))
    with Workspace.open(bob, clock=clock_at(4)) as ws:
        person = ws.find(s.Person, name="Person 03")[0]
        lines = [x for x in record_history(ws, s.Person, person.id) if x.field]
        assert [(x.field, x.author, x.new) for x in lines] == [("title", "Ana", "COO")]
        h = s.HistoryEntry
        [removed] = ws.find(h, h.table_name == "people", h.action == "delete")
        assert removed.author == "Ana" and "Person 39" in (removed.old_value or "")
        assert str(team.sync(ws)) == "pushed 0, pulled 0, conflicts 0"
    with Workspace.open(path, clock=clock_at(5)) as ws:  # nothing comes back to the publisher
        assert str(team.sync(ws)) == "pushed 0, pulled 0, conflicts 0"
