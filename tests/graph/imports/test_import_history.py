"""Imports and their undo write history rows, in the import's transaction, fast."""

from __future__ import annotations

import json
from collections import Counter

from graph import schema as s
from graph.changelog import decode_record
from graph.history import person_history
from graph.imports import apply, plan_contacts
from graph.workspace import Workspace

from . import samples
from .conftest import WriteFile


def history(ws: Workspace) -> list[s.HistoryEntry]:
    return ws.find(s.HistoryEntry, order_by=s.HistoryEntry.hlc)


def test_contacts_import_update_and_undo_are_logged(
    ws: Workspace, account: s.Account, team: dict[str, s.TeamMember], write_file: WriteFile
) -> None:
    ws.author = "Tina Tam"
    start = len(history(ws))
    apply(ws, plan_contacts(ws, write_file("v1.csv", samples.salesforce_csv()), account.id))
    imported = history(ws)[start:]
    assert {r.source for r in imported} == {"import:v1.csv"}
    assert {r.author for r in imported} == {"Tina Tam"} and len({r.op for r in imported}) == 1
    assert Counter((r.table_name, r.action) for r in imported) == {
        ("people", "insert"): 5,
        ("relationships", "insert"): 4,
        ("coverage", "insert"): 5,
    }
    assert len(ws.relationships(account.id)) == 4
    people = ws.people(account.id)
    uids = {p.uid for p in people}
    assert len(uids) == 5 and all(len(u) == 32 for u in uids)
    assert {r.record_uid for r in imported if r.table_name == "people"} == uids
    ana = next(p for p in people if p.name == "Ana Ruiz")
    (added,) = [r for r in imported if r.record_uid == ana.uid]
    assert json.loads(added.new_value or "")["email"] == "ana.ruiz@northwind.example"
    # Built by the database for speed, the row holds the record exactly as read back.
    assert decode_record("people", json.loads(added.new_value or "")) == ana.values()
    by_id = sorted(imported, key=lambda r: r.id)
    assert [r.hlc for r in by_id] == [r.hlc for r in imported] and len(
        {r.hlc for r in by_id}
    ) == len(by_id)
    assert all(r.account_id == account.id for r in imported)

    rows = [list(r) for r in samples.SALESFORCE_ROWS]
    rows[1][4] = "VP Platform"  # Bruno promoted
    middle = len(history(ws))
    done = apply(
        ws, plan_contacts(ws, write_file("v2.csv", samples.salesforce_csv(rows)), account.id)
    )
    bruno = next(p for p in ws.people(account.id) if p.name == "Bruno Costa")
    changed = [r for r in history(ws)[middle:] if r.table_name == "people"]
    assert [(r.record_uid, r.field, r.old_value, r.new_value, r.source) for r in changed] == [
        (bruno.uid, "title", '"Director, Platform"', '"VP Platform"', "import:v2.csv")
    ]

    before_undo = len(history(ws))
    done.undo(ws)
    undone = history(ws)[before_undo:]
    assert {r.source for r in undone} == {"undo"}
    assert [(r.field, r.old_value, r.new_value) for r in undone if r.table_name == "people"] == [
        ("title", '"VP Platform"', '"Director, Platform"')
    ]
    assert [(x.source, x.field) for x in person_history(ws, bruno.id) if x.table == "people"] == [
        ("import:v1.csv", None), ("import:v2.csv", "title"), ("undo", "title"),
    ]  # fmt: skip


def test_undo_of_an_import_logs_the_removal_of_every_record_it_added(
    ws: Workspace, account: s.Account, team: dict[str, s.TeamMember], write_file: WriteFile
) -> None:
    done = apply(ws, plan_contacts(ws, write_file("v1.csv", samples.salesforce_csv()), account.id))
    start = len(history(ws))
    with ws.recording("undo", author="Sam"):
        done.undo(ws)
    undone = history(ws)[start:]
    assert Counter((r.table_name, r.action) for r in undone) == {
        ("people", "delete"): 5,
        ("relationships", "delete"): 4,
        ("coverage", "delete"): 5,
    }
    assert {(r.source, r.author) for r in undone} == {("undo", "Sam")}
    assert all(json.loads(r.old_value or "")["uid"] == r.record_uid for r in undone)
