from __future__ import annotations

from pathlib import Path

import pytest

from graph import schema as s
from graph.events import ChangeSet
from graph.imports import (
    Action,
    ImportCancelled,
    ImportFailed,
    apply,
    parse_map_options,
    plan_contacts,
    preview_contacts,
)
from graph.imports.people_writes import PeopleWrites
from graph.vocabulary import CoverageKind, DealRole, Level, RelationKind
from graph.workspace import Workspace

from . import samples
from .conftest import WriteFile, table_rows


def by_email(ws: Workspace, account: s.Account) -> dict[str, s.Person]:
    return {p.email.lower(): p for p in ws.people(account.id)}


def managers(ws: Workspace, account: s.Account) -> dict[str, str]:
    people = {p.id: p.name for p in ws.people(account.id)}
    return {
        people[r.source_id]: people[r.target_id]
        for r in ws.relationships(account.id)
        if r.kind is RelationKind.REPORTS_TO
    }


def owners(ws: Workspace, account: s.Account) -> dict[str, str]:
    people = {p.id: p.name for p in ws.people(account.id)}
    members = {m.id: m.name for m in ws.team()}
    return {
        people[c.person_id]: members[c.member_id]
        for c in ws.coverage(account.id)
        if c.kind is CoverageKind.OWNS
    }


def test_salesforce_report_builds_people_org_chart_and_owners(
    ws: Workspace, account: s.Account, team: dict[str, s.TeamMember], write_file: WriteFile
) -> None:
    path = write_file("Northwind contacts.csv", samples.salesforce_csv())
    plan = plan_contacts(ws, path, account.id)
    assert plan.ok and plan.counts()["add"] == 5 and not plan.conflicts
    assert any("footer" in n for n in plan.notes)
    assert any("UTF-8 with BOM" in n for n in plan.notes)
    assert ws.people(account.id) == []  # a plan writes nothing

    apply(ws, plan)
    people = by_email(ws, account)
    assert set(people) == {
        "ana.ruiz@northwind.example",
        "bruno.costa@northwind.example",
        "chloe.dubois@northwind.example",
        "dmitri.ivanov@northwind.example",
        "eve.okafor@northwind.example",
    }
    chloe = people["chloe.dubois@northwind.example"]
    assert chloe.name == "Chloé Dubois" and chloe.title == "Senior SRE"
    assert chloe.phone == "+33 6 12 34 56 78"  # no work phone: the mobile one
    assert people["ana.ruiz@northwind.example"].notes == (
        "Economic buyer.\nPrefers short, ROI-focused updates."
    )
    assert managers(ws, account) == {
        "Bruno Costa": "Ana Ruiz",
        "Chloé Dubois": "Bruno Costa",  # by email, any case
        "Dmitri Ivanov": "Bruno Costa",  # by name
        "Eve Okafor": "Ana Ruiz",
    }
    assert owners(ws, account) == {
        "Ana Ruiz": "Tina Tam",
        "Bruno Costa": "Tina Tam",
        "Chloé Dubois": "Sam Support",  # owner given by email
        "Dmitri Ivanov": "Tina Tam",
        "Eve Okafor": "Tina Tam",
    }


def test_importing_the_same_file_twice_changes_nothing(
    ws: Workspace, account: s.Account, team: dict[str, s.TeamMember], write_file: WriteFile
) -> None:
    path = write_file("contacts.csv", samples.salesforce_csv())
    apply(ws, plan_contacts(ws, path, account.id))
    before = table_rows(ws)
    again = plan_contacts(ws, path, account.id)
    assert again.counts()["unchanged"] == 5 and not again.has_changes
    heard: list[ChangeSet] = []
    ws.changed.connect(heard.append)
    apply(ws, again)
    assert table_rows(ws) == before
    assert heard == []


def test_an_updated_file_updates_people_instead_of_duplicating_them(
    ws: Workspace, account: s.Account, team: dict[str, s.TeamMember], write_file: WriteFile
) -> None:
    apply(ws, plan_contacts(ws, write_file("v1.csv", samples.salesforce_csv()), account.id))
    rows = [list(r) for r in samples.SALESFORCE_ROWS]
    rows[0][7] = ""  # Ana's phone left empty: must not erase it
    rows[1][4] = "VP Platform"  # Bruno promoted
    rows[3][11] = "Ana Ruiz"  # Dmitri now reports to Ana
    rows.append(
        [
            "Tina Tam",
            "",
            "Femi",
            "Adeyemi",
            "Data Engineer",
            "Northwind Traders, Inc.",
            "",
            "",
            "",
            "femi@northwind.example",
            "Data",
            "dmitri.ivanov@northwind.example",
            "",
            "",
            "",
        ]
    )
    plan = plan_contacts(ws, write_file("v2.csv", samples.salesforce_csv(rows)), account.id)
    assert plan.counts() == {"add": 1, "update": 2, "unchanged": 3, "skip": 0, "conflict": 0}
    bruno = next(e for e in plan.updated if "Bruno" in e.what)
    assert [(c.field, c.old, c.new) for c in bruno.changes] == [
        ("title", "Director, Platform", "VP Platform")
    ]
    dmitri = next(e for e in plan.updated if "Dmitri" in e.what)
    assert [(c.field, c.old, c.new) for c in dmitri.changes] == [
        ("reports to", "Bruno Costa", "Ana Ruiz")
    ]
    apply(ws, plan)
    people = by_email(ws, account)
    assert len(people) == 6
    assert people["ana.ruiz@northwind.example"].phone == "+1 (206) 555-0100"
    assert people["bruno.costa@northwind.example"].title == "VP Platform"
    assert managers(ws, account)["Dmitri Ivanov"] == "Ana Ruiz"
    assert managers(ws, account)["Femi Adeyemi"] == "Dmitri Ivanov"


def test_hubspot_export_matches_by_email_and_names_contacts_without_one(
    ws: Workspace, account: s.Account, team: dict[str, s.TeamMember], write_file: WriteFile
) -> None:
    apply(ws, plan_contacts(ws, write_file("sf.csv", samples.salesforce_csv()), account.id))
    plan = plan_contacts(ws, write_file("hubspot.csv", samples.hubspot_csv()), account.id)
    assert plan.counts()["add"] == 2 and plan.counts()["update"] == 1
    ana = plan.updated[0]
    assert [c.field for c in ana.changes] == ["phone"]  # ANA.RUIZ@ is the same address
    oncall = next(e for e in plan.added if "ops-oncall" in e.what)
    assert oncall.reason == "name made from the email address"
    apply(ws, plan)
    people = by_email(ws, account)
    assert people["ops-oncall@northwind.example"].name == "Ops Oncall"
    assert people["femi.adeyemi@northwind.example"].title == "Data Engineer"
    assert owners(ws, account)["Femi Adeyemi"] == "Tina Tam"


def test_excel_unicode_text_utf16_tabs_and_multiline_notes(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    data = samples.excel_unicode_text(
        [
            ["Name", "Job Title", "E-mail Address", "Notes"],
            ["Zoë Ångström", "Head of Ops", "zoe@northwind.example", "Line one\nLine two\tend"],
            ["Łukasz Żuk", "SRE", "lukasz@northwind.example", ""],
        ]
    )
    assert data[:2] == b"\xff\xfe"
    plan = plan_contacts(ws, write_file("contacts.txt", data), account.id)
    assert any("tab-separated" in n and "UTF-16" in n for n in plan.notes)
    apply(ws, plan)
    zoe = by_email(ws, account)["zoe@northwind.example"]
    assert (zoe.name, zoe.title, zoe.notes) == (
        "Zoë Ångström",
        "Head of Ops",
        "Line one\nLine two\tend",
    )


def test_windows_1252_names_match_their_unaccented_spelling(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    rows = [["Full Name", "Title"], ["Renée Lefèvre", "Contrôleuse"], ["Jürgen Müller", "CFO"]]
    plan = plan_contacts(ws, write_file("legacy.csv", samples.cp1252_csv(rows)), account.id)
    assert any("Windows-1252" in n for n in plan.notes)
    apply(ws, plan)
    assert {p.name for p in ws.people(account.id)} == {"Renée Lefèvre", "Jürgen Müller"}
    later = [["Name", "Email"], ["LEFEVRE, Renee", "renee@northwind.example"]]
    plan = plan_contacts(ws, write_file("later.csv", samples.csv_text(later).encode()), account.id)
    assert plan.counts()["update"] == 1 and plan.counts()["add"] == 0
    apply(ws, plan)
    renee = next(p for p in ws.people(account.id) if p.email)
    assert renee.name == "Renée Lefèvre"  # same person: the stored spelling stays


def test_semicolon_separated_european_file(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    rows = [
        ["Vorname", "Nachname", "First Name", "Last Name", "Position", "E-Mail", "Abteilung"],
        ["", "", "Jürgen", "Müller", "Leiter IT; Betrieb", "juergen@northwind.example", "IT"],
    ]
    plan = plan_contacts(ws, write_file("kontakte.csv", samples.european_csv(rows)), account.id)
    apply(ws, plan)
    (person,) = ws.people(account.id)
    assert (person.name, person.title, person.email) == (
        "Jürgen Müller",
        "Leiter IT; Betrieb",
        "juergen@northwind.example",
    )


def test_formatted_xlsx_report_with_title_rows(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    data = samples.xlsx(
        [
            ["First Name", "Last Name", "Title", "Email", "Phone", "Level", "Role", "Influence"],
            [
                "Ana",
                "Ruiz",
                "CIO",
                "ana@northwind.example",
                12065550100,
                "Executive",
                "Decision Maker",
                5,
            ],
            ["Bo", "Li", "SRE", "bo@northwind.example", None, "practitioner", "Champion", 3.0],
        ],
        title_rows=[["Contacts & Accounts"], ["As of 11/20/2026"], [], ["Filtered By:"], []],
    )
    plan = plan_contacts(ws, write_file("report.xlsx", data), account.id)
    assert plan.ok, plan.problems
    assert any("Excel workbook" in n for n in plan.notes)
    assert any("above the header" in n for n in plan.notes)
    apply(ws, plan)
    people = by_email(ws, account)
    ana, bo = people["ana@northwind.example"], people["bo@northwind.example"]
    assert ana.phone == "12065550100" and ana.level is Level.EXECUTIVE
    assert ana.role is DealRole.ECONOMIC_BUYER and ana.influence == 5
    assert bo.level is Level.OPERATIONS and bo.role is DealRole.CHAMPION


def test_an_xlsx_file_named_csv_is_read_as_a_workbook(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    data = samples.xlsx([["Name", "Email"], ["Ana Ruiz", "ana@northwind.example"]])
    apply(ws, plan_contacts(ws, write_file("export.csv", data), account.id))
    assert [p.name for p in ws.people(account.id)] == ["Ana Ruiz"]


def test_unknown_headers_go_through_a_mapping(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    rows = [
        ["Contact person", "Work mail", "Boss", "Tel"],
        ["Ana Ruiz", "ana@northwind.example", "", "+1 555"],
        ["Bo Li", "bo@northwind.example", "Ana Ruiz", ""],
    ]
    path = write_file("custom.csv", samples.csv_text(rows).encode())
    preview = preview_contacts(path)
    assert preview.unmapped == ["Contact person", "Work mail", "Boss", "Tel"]
    assert preview.sample[1] == ["Bo Li", "bo@northwind.example", "Ana Ruiz", ""]
    assert preview.problems and "no column holds names" in preview.problems[0].message
    with pytest.raises(ImportFailed, match="no column holds names"):
        plan_contacts(ws, path, account.id)

    mapping = parse_map_options(
        ["Contact person=name", "work mail=email", "Boss=reports_to", "Tel=ignore"]
    )
    assert preview_contacts(path, mapping).mapping.describe() == [
        "Contact person → name",
        "Work mail → email",
        "Boss → reports_to",
    ]
    apply(ws, plan_contacts(ws, path, account.id, mapping))
    assert managers(ws, account) == {"Bo Li": "Ana Ruiz"}
    assert {p.phone for p in ws.people(account.id)} == {""}


def test_mapping_mistakes_are_explained(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    path = write_file("c.csv", samples.csv_text([["Name", "Email"], ["A", "a@x.example"]]).encode())
    with pytest.raises(ImportFailed) as failed:
        plan_contacts(ws, path, account.id, {"Mail": "email", "Name": "nickname"})
    message = str(failed.value)
    assert "no column 'Mail' (columns: Name, Email)" in message
    assert "'nickname' is not a contact field" in message and "reports_to" in message
    with pytest.raises(ImportFailed, match="should look like"):
        parse_map_options(["Name"])


def test_a_user_mapping_overrides_the_guess(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    rows = [
        ["Name", "Email", "Private email"],
        ["Ana", "ana@home.example", "ana@northwind.example"],
    ]
    path = write_file("c.csv", samples.csv_text(rows).encode())
    apply(ws, plan_contacts(ws, path, account.id, {"Private email": "email"}))
    assert [p.email for p in ws.people(account.id)] == ["ana@northwind.example"]


def test_bad_values_are_located_by_row_and_column(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    rows = [["Name", "Email", "Influence", "Level"]]
    rows += [[f"Person {i}", f"p{i}@northwind.example", "3", ""] for i in range(2, 14)]
    rows += [["Bob", "bob@", "3", ""], ["Carl", "carl@northwind.example", "9", "boss"]]
    path = write_file("contacts.csv", samples.csv_text(rows).encode())
    plan = plan_contacts(ws, path, account.id)
    assert not plan.ok
    messages = [str(p) for p in plan.problems]
    assert messages[0] == "contacts.csv, row 14, column 'Email': 'bob@' is not an email address"
    assert any(
        m.startswith("contacts.csv, row 15, column 'Level': 'boss' is not one of") for m in messages
    )
    assert (
        "contacts.csv, row 15, column 'Influence': influence must be between 1 and 5 (got 9)"
        in messages
    )
    with pytest.raises(ImportFailed) as failed:
        apply(ws, plan)
    assert str(failed.value).splitlines()[0] == messages[0]
    assert ws.people(account.id) == []


def test_an_import_is_all_or_nothing(
    ws: Workspace, account: s.Account, team: dict[str, s.TeamMember], write_file: WriteFile
) -> None:
    apply(ws, plan_contacts(ws, write_file("v1.csv", samples.salesforce_csv()), account.id))
    before = table_rows(ws)
    rows = [["Name", "Email", "Reports To"]]
    rows += [[f"Person {i}", f"p{i}@northwind.example", "Ana Ruiz"] for i in range(2, 700)]
    rows[499][1] = "person 500 at northwind"  # spreadsheet row 500
    plan = plan_contacts(ws, write_file("big.csv", samples.csv_text(rows).encode()), account.id)
    assert [(p.row, p.column) for p in plan.problems] == [(500, "Email")]
    with pytest.raises(ImportFailed, match="row 500"):
        apply(ws, plan)
    assert table_rows(ws) == before


def test_a_failure_while_writing_leaves_the_workspace_as_it_was(
    ws: Workspace,
    account: s.Account,
    team: dict[str, s.TeamMember],
    write_file: WriteFile,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = table_rows(ws)
    plan = plan_contacts(ws, write_file("c.csv", samples.salesforce_csv()), account.id)

    def broken(*_args: object) -> None:
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(PeopleWrites, "_write_managers", broken)
    with pytest.raises(RuntimeError):
        apply(ws, plan)
    assert table_rows(ws) == before


def test_cancelling_stops_and_changes_nothing(
    ws: Workspace, account: s.Account, team: dict[str, s.TeamMember], write_file: WriteFile
) -> None:
    rows = [["Name", "Email"]] + [[f"P {i}", f"p{i}@northwind.example"] for i in range(3000)]
    path = write_file("c.csv", samples.csv_text(rows).encode())
    before = table_rows(ws)
    calls = 0

    def cancel_soon() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    with pytest.raises(ImportCancelled, match="cancelled; nothing was changed"):
        plan_contacts(ws, path, account.id, cancelled=cancel_soon)
    plan = plan_contacts(ws, path, account.id)
    calls = 0
    with pytest.raises(ImportCancelled):
        apply(ws, plan, cancelled=cancel_soon)
    assert table_rows(ws) == before


def test_progress_goes_up_to_one(ws: Workspace, account: s.Account, write_file: WriteFile) -> None:
    rows = [["Name", "Email"]] + [[f"P {i}", f"p{i}@northwind.example"] for i in range(5000)]
    path = write_file("c.csv", samples.csv_text(rows).encode())
    seen: list[float] = []
    plan = plan_contacts(ws, path, account.id, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 3
    seen.clear()
    apply(ws, plan, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0


def test_a_plan_made_before_an_edit_is_refused(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    path = write_file("c.csv", samples.salesforce_csv())
    apply(ws, plan_contacts(ws, path, account.id))
    stale = plan_contacts(ws, write_file("c2.csv", samples.hubspot_csv()), account.id)
    ana = by_email(ws, account)["ana.ruiz@northwind.example"]
    ws.update(s.Person, ana.id, title="Chief Information Officer")
    with pytest.raises(ImportFailed, match="changed after this import was previewed"):
        apply(ws, stale)


def test_undo_takes_the_whole_import_back_and_redo_brings_it_again(
    ws: Workspace, account: s.Account, team: dict[str, s.TeamMember], write_file: WriteFile
) -> None:
    apply(ws, plan_contacts(ws, write_file("v1.csv", samples.salesforce_csv()), account.id))
    before = table_rows(ws)
    rows = [list(r) for r in samples.SALESFORCE_ROWS]
    rows[1][4] = "VP Platform"
    rows[3][11] = "Ana Ruiz"
    rows.append(
        [
            "Sam Support",
            "",
            "New",
            "Person",
            "",
            "Northwind",
            "",
            "",
            "",
            "new@northwind.example",
            "",
            "Eve Okafor",
            "",
            "",
            "",
        ]
    )
    done = apply(
        ws, plan_contacts(ws, write_file("v2.csv", samples.salesforce_csv(rows)), account.id)
    )
    after = table_rows(ws)
    assert after != before
    heard: list[ChangeSet] = []
    ws.changed.connect(heard.append)
    done.undo(ws)
    before.pop("history")
    assert table_rows(ws, history=False) == before
    assert len(heard) == 1 and heard[0].accounts == {account.id}
    done.redo(ws)
    assert managers(ws, account)["Dmitri Ivanov"] == "Ana Ruiz"
    assert by_email(ws, account)["new@northwind.example"].name == "New Person"


def test_apply_announces_one_change_set(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    heard: list[ChangeSet] = []
    ws.changed.connect(heard.append)
    done = apply(ws, plan_contacts(ws, write_file("c.csv", samples.salesforce_csv()), account.id))
    assert len(heard) == 1 and heard[0] is done.changes
    assert heard[0].touches("people", "relationships") and heard[0].accounts == {account.id}


def test_read_only_workspace_refuses_the_import(
    ws: Workspace, account: s.Account, write_file: WriteFile, ws_path
) -> None:
    plan = plan_contacts(ws, write_file("c.csv", samples.salesforce_csv()), account.id)
    ws.close()
    with (
        Workspace.open(ws_path, readonly=True) as readonly,
        pytest.raises(ImportFailed, match="read-only"),
    ):
        apply(readonly, plan)


# --- conflicts -------------------------------------------------------------------------------


def test_conflicts_are_listed_and_left_out(
    ws: Workspace, account: s.Account, team: dict[str, s.TeamMember], write_file: WriteFile
) -> None:
    with ws.batch():
        for email in ("john.smith@northwind.example", "j.smith@northwind.example"):
            ws.add(s.Person(account_id=account.id, name="John Smith", email=email))
        ws.add(s.Person(account_id=account.id, name="Mary Major", email="mary@northwind.example"))
    rows = [
        ["Name", "Email", "Title", "Reports To", "Owner"],
        ["John Smith", "", "Engineer", "", ""],  # two John Smiths: which one?
        ["Mary Major", "mary.major@northwind.example", "", "", ""],  # namesake, other email
        ["Ann Lee", "ann@northwind.example", "VP", "Bob Ray", "Tina Tam"],
        ["Bob Ray", "bob@northwind.example", "Director", "Ann Lee", "Dana Nobody"],
        ["Ann Lee", "ann@northwind.example", "VP", "Bob Ray", "Tina Tam"],  # repeated row
        ["Ann Lee", "ann@northwind.example", "CTO", "", ""],  # contradicts row 4
        ["Cy Twist", "cy@northwind.example", "", "Cy Twist", ""],
        ["Di Gone", "di@northwind.example", "", "Nobody Known", ""],
    ]
    plan = plan_contacts(ws, write_file("c.csv", samples.csv_text(rows).encode()), account.id)
    assert plan.ok
    conflicts = {(e.row, e.reason.split(";")[0]) for e in plan.conflicts}
    assert (2, "2 people are named 'John Smith'") in conflicts
    assert (
        3,
        "Mary Major is already in the account with the email mary@northwind.example",
    ) in conflicts
    assert any(
        row == 5 and "reporting cycle: Bob Ray → Ann Lee → Bob Ray" in r for row, r in conflicts
    )
    assert any(row == 5 and r.startswith("is not a member of your team") for row, r in conflicts)
    assert (7, "row 4 already describes Ann Lee with different values") in conflicts
    assert (8, "a person cannot report to themselves") in conflicts
    assert (9, "nobody of that name or email is in the file or the account") in conflicts
    assert [(e.row, e.reason) for e in plan.skipped] == [(6, "repeats row 4")]
    apply(ws, plan)
    names = sorted(p.name for p in ws.people(account.id))
    assert names == [
        "Ann Lee",
        "Bob Ray",
        "Cy Twist",
        "Di Gone",
        "John Smith",
        "John Smith",
        "Mary Major",
    ]
    assert managers(ws, account) == {"Ann Lee": "Bob Ray"}  # the line closing the cycle is out
    assert owners(ws, account) == {"Ann Lee": "Tina Tam"}
    assert by_email(ws, account)["ann@northwind.example"].title == "VP"


def test_contacts_of_other_companies_are_skipped(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    rows = [
        ["Name", "Email", "Company"],
        ["Ana Ruiz", "ana@northwind.example", "NORTHWIND, Inc."],
        ["Gil Globex", "gil@globex.example", "Globex Corporation"],
        ["No Company", "nc@northwind.example", ""],
    ]
    path = write_file("all.csv", samples.csv_text(rows).encode())
    plan = plan_contacts(ws, path, account.id)
    assert [(e.row, e.reason) for e in plan.skipped] == [(3, "another company")]
    assert plan.counts()["add"] == 2
    other = ws.add(s.Account(name="Initech"))
    with pytest.raises(ImportFailed, match="lists contacts of 2 companies"):
        plan_contacts(ws, path, other.id)
    chosen = plan_contacts(ws, path, other.id, company="Globex")
    assert [e.what for e in chosen.added] == [
        "Gil Globex <gil@globex.example>",
        "No Company <nc@northwind.example>",
    ]


def test_people_of_another_account_are_never_matched(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    other = ws.add(s.Account(name="Initech"))
    ws.add(s.Person(account_id=other.id, name="Ana Ruiz", email="ana@northwind.example"))
    rows = [["Name", "Email"], ["Ana Ruiz", "ana@northwind.example"]]
    plan = plan_contacts(ws, write_file("c.csv", samples.csv_text(rows).encode()), account.id)
    assert plan.counts()["add"] == 1


def test_rows_without_name_or_email_are_skipped(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    rows = [["Name", "Email", "Title"], ["", "", "Engineer"], ["Ana", "", ""]]
    plan = plan_contacts(ws, write_file("c.csv", samples.csv_text(rows).encode()), account.id)
    assert [(e.row, e.reason) for e in plan.skipped] == [(2, "no name or email")]


def test_missing_account_and_file_are_clear_errors(
    ws: Workspace, account: s.Account, tmp_path
) -> None:
    with pytest.raises(ImportFailed, match=r"nowhere\.csv: no such file"):
        plan_contacts(ws, tmp_path / "nowhere.csv", account.id)
    with pytest.raises(ImportFailed, match="account 999 does not exist"):
        plan_contacts(ws, tmp_path / "nowhere.csv", 999)


def test_plan_as_dict_and_summary(ws: Workspace, account: s.Account, write_file: WriteFile) -> None:
    plan = plan_contacts(ws, write_file("c.csv", samples.salesforce_csv()), account.id)
    data = plan.as_dict()
    assert data["counts"]["add"] == 5 and data["entries"][0]["action"] == "add"
    assert plan.summary().startswith("c.csv: 5 to add, 0 to update")
    assert str(plan.entries[0]).startswith("add       row 2: Ana Ruiz <ana.ruiz@northwind.example>")
    assert Action.ADD.value == "add"


def test_attitude_changes_keep_their_history(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    from tests.conftest import TODAY

    ana = ws.add(s.Person(account_id=account.id, name="Ana Ruiz", email="ana@northwind.example"))
    rows = [["Email", "Attitude", "Level"], ["ana@northwind.example", "+2", "Executive"]]
    plan = plan_contacts(ws, write_file("c.csv", samples.csv_text(rows).encode()), account.id)
    (update,) = plan.updated
    assert [(c.field, c.old, c.new) for c in update.changes] == [
        ("level", "Operations", "Executive"),
        ("attitude", "0", "2"),
    ]
    done = apply(ws, plan)
    (history,) = ws.find(s.AttitudeChange, person_id=ana.id)
    assert (history.changed_on, history.old_attitude, history.new_attitude) == (TODAY, 0, 2)
    assert ws.get(s.Person, ana.id).name == "Ana Ruiz"  # no name column: kept
    done.undo(ws)
    assert ws.find(s.AttitudeChange, person_id=ana.id) == []
    assert ws.get(s.Person, ana.id).attitude == 0


def test_updating_someone_with_join_and_leave_dates(tmp_path: Path) -> None:
    """People with joined_on/left_on (stored as ISO text) update like anyone else."""
    import datetime as dt

    from graph import schema as s
    from graph.imports import apply, plan_contacts
    from graph.workspace import Workspace

    with Workspace.create(tmp_path / "w.rapport") as ws:
        account = ws.add(s.Account(name="Acme"))
        ws.add(
            s.Person(
                account_id=account.id,
                name="Ana Ruiz",
                email="ana@acme.example",
                joined_on=dt.date(2026, 10, 3),
                left_on=dt.date(2026, 11, 1),
            )
        )
        csv = tmp_path / "c.csv"
        csv.write_text("Name,Title,Email\nAna Ruiz,CTO,ana@acme.example\n", encoding="utf-8")
        plan = plan_contacts(ws, csv, account.id)
        assert not plan.problems, [str(p) for p in plan.problems]
        assert len(plan.updated) == 1
        apply(ws, plan)
        person = ws.people(account.id)[0]
        assert person.title == "CTO" and person.joined_on == dt.date(2026, 10, 3)
