"""The history in the file: migration of version-3 files, and erasure that leaves no trace."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

import pytest

from graph import schema as s
from graph import store
from graph.clock import FixedClock
from graph.erasure import erase_person
from graph.errors import NotFoundError, ValidationError
from graph.history import person_history
from graph.vocabulary import RelationKind
from graph.workspace import Workspace

from .test_store import downgrade_to_version_3

START = dt.datetime(2026, 5, 4, 10, 0)
UUID4 = re.compile(r"^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$")


def make_version_3(path: Path) -> None:
    with Workspace.create(path) as ws:
        account = ws.add(s.Account(name="Old Co"))
        with ws.batch():
            ola = ws.add(s.Person(account_id=account.id, name="Ola", title="CIO"))
            bo = ws.add(s.Person(account_id=account.id, name="Bo"))
            ws.add(
                s.Relationship(
                    account_id=account.id,
                    kind=RelationKind.REPORTS_TO,
                    source_id=bo.id,
                    target_id=ola.id,
                )
            )
            ws.add(s.Risk(account_id=account.id, title="Budget", raised_on=dt.date(2026, 1, 5)))
        ws.log_interaction(account.id, START, people=[ola.id])
    with sqlite3.connect(path) as conn:
        downgrade_to_version_3(conn)
    conn.close()


def test_version_3_file_migrates_to_uids_a_device_and_an_empty_history(tmp_path: Path) -> None:
    path = tmp_path / "v3.rapport"
    make_version_3(path)
    assert store.check_file(path) == 3
    with Workspace.open(path, clock=FixedClock(START)) as ws:
        assert ws.find(s.HistoryEntry) == []
        for table in s.Base.metadata.sorted_tables:
            if "uid" not in table.c or table.name == "history":
                continue
            with ws.engine.connect() as conn:
                uids = [u for (u,) in conn.execute(table.select().with_only_columns(table.c.uid))]
            assert all(UUID4.match(u) for u in uids), table.name
            assert len(set(uids)) == len(uids)
        with ws.engine.connect() as conn:
            meta = dict(conn.execute(s.Meta.__table__.select()).all())
        assert UUID4.match(meta["device_id"]) and ws.hlc.device == meta["device_id"]
        assert dt.datetime.fromisoformat(meta["history_since"])
        ola = ws.people(ws.account_named("Old Co").id)[0]
        ws.update(s.Person, ola.id, title="CTO")
        assert [(x.action, x.field, x.old, x.new) for x in person_history(ws, ola.id)] == [
            ("update", "title", "CIO", "CTO")
        ]
        ws.add(s.Person(account_id=ola.account_id, name="New"))
    assert store.check_file(path) == store.SCHEMA_VERSION
    with sqlite3.connect(path) as conn:
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    conn.close()
    assert {"ix_people_uid", "ix_history_record", "ix_history_account", "ix_history_hlc"} <= indexes


SECRETS = (
    "Åsa Lindqvist-Moreau",
    "asa.lindqvist@northwind.example",
    "+46 70 123 45 67",
    "Allergic to Mondays; prefers Signal",
)


def test_erasure_leaves_no_personal_value_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "erase.rapport"
    clock = FixedClock(START)
    name, email, phone, notes = SECRETS
    with Workspace.create(path, clock=clock) as ws:
        account = ws.add(s.Account(name="Northwind"))
        with ws.batch():
            tina = ws.add(s.TeamMember(name="Tina"))
            # Enough people that the email index has pages above its leaves.
            crowd = [
                ws.add(
                    s.Person(
                        account_id=account.id,
                        name=f"Person {i:04}",
                        email=f"p{i:04}@northwind.example",
                    )
                )
                for i in range(1500)
            ]
        asa = ws.add(
            s.Person(
                account_id=account.id,
                name=name,
                email=email,
                phone=phone,
                notes=notes,
                title="CISO",
            )
        )
        clock.advance(days=1)
        ws.update(s.Person, asa.id, title="Chief Information Security Officer", attitude=1)
        ws.set_manager(crowd[0].id, asa.id)
        ws.add(
            s.Relationship(
                account_id=account.id,
                kind=RelationKind.ALLY,
                source_id=crowd[1].id,
                target_id=asa.id,
                notes=f"met {name} at re:Invent",
            )
        )
        ws.add(s.Coverage(member_id=tina.id, person_id=asa.id, notes=f"call {phone}"))
        win = ws.add(
            s.Win(
                account_id=account.id, won_on=dt.date(2026, 5, 1), title="SSO", champion_id=asa.id
            )
        )
        ws.add(
            s.CustomerRequest(
                account_id=account.id,
                title="SCIM",
                requested_on=dt.date(2026, 5, 1),
                requester_id=asa.id,
            )
        )
        ws.log_interaction(account.id, START, people=[asa.id, crowd[2].id], team=[tina.id])
        ws.set_positions(account.id, "org", {f"p{asa.id}": (1.0, 2.0)})
        removal = ws.remove(s.Person, asa.id)
        ws.restore(removal)  # her values now sit in delete and insert rows too
        assert len(person_history(ws, asa.id)) > 5

        clock.advance(days=1)
        ws.author = "Tina"
        erasure = erase_person(ws, asa.id)
        with pytest.raises(NotFoundError):
            ws.get(s.Person, asa.id)
        assert ws.get(s.Win, win.id).champion_id is None
        assert ws.positions(account.id, "org") == {}
        (last,) = ws.find(s.HistoryEntry, source="erase")
        assert (last.action, last.table_name, last.record_uid, last.author) == (
            "delete",
            "people",
            asa.uid,
            "Tina",
        )
        assert json.loads(last.old_value or "") == {"id": asa.id, "uid": asa.uid}
        assert [(x.action, x.source, x.old) for x in person_history(ws, asa.id)] == [
            ("delete", "erase", {"id": asa.id, "uid": asa.uid})
        ]
        assert erasure.records_removed >= 6 and erasure.mentions == ()
        for row in ws.find(s.HistoryEntry, table_name="wins"):
            assert (
                str(asa.id) not in (row.old_value or "") + (row.new_value or "")
                or row.field != "champion_id"
            )
        assert len(ws.people(account.id)) == 1500
    data = path.read_bytes()
    for secret in SECRETS:
        assert secret.encode() not in data, secret
    journal = Path(f"{path}-journal")
    assert not journal.exists() or all(v.encode() not in journal.read_bytes() for v in SECRETS)


def test_erasure_lists_free_text_that_still_names_the_person(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "m.rapport", clock=FixedClock(START)) as ws:
        account = ws.add(s.Account(name="Northwind"))
        asa = ws.add(s.Person(account_id=account.id, name="Åsa Lind"))
        meeting = ws.log_interaction(account.id, START, summary="Lunch with Åsa Lind")
        erasure = erase_person(ws, asa.id)
        assert erasure.mentions == (f"interactions {meeting.id} summary",)
        (logged,) = ws.find(s.HistoryEntry, table_name="interactions")
        assert "Åsa Lind" not in (logged.new_value or "") and "[erased]" in (logged.new_value or "")


def test_erasure_is_a_change_of_its_own(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "b.rapport", clock=FixedClock(START)) as ws:
        account = ws.add(s.Account(name="Northwind"))
        asa = ws.add(s.Person(account_id=account.id, name="Åsa Lind"))
        with pytest.raises(ValidationError, match="change of its own"), ws.batch():
            ws.update(s.Person, asa.id, title="CISO")
            erase_person(ws, asa.id)
        assert ws.get(s.Person, asa.id).title == ""
        with ws.batch():
            ws.update(s.Person, asa.id, title="CIO")
            with ws.history_paused():
                ws.update(s.Person, asa.id, notes="not logged")
        assert [x.field for x in person_history(ws, asa.id)] == [None, "title"]
