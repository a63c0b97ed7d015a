"""Files as Android, Lotus Notes, Google, LinkedIn and calendars write them, with their flaws:
bad cards and rows are named, skipped on request, and never sink the whole file silently."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from graph import schema as s
from graph.imports import ImportFailed, apply, plan_calendar, plan_contacts, plan_vcards
from graph.workspace import Workspace

from . import samples
from .conftest import WriteFile

ANDROID = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Ruiz;Ana;;;\r\nFN:Ana Ruiz\r\n"
    "TEL;CELL:+34600111222\r\nEMAIL;WORK:ana.ruiz@northwind.example\r\n"
    "ORG:Northwind Traders\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=42=C3=B8;Li;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Li =42=C3=B8\r\n"
    "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkS\r\n"
    "  Ew8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBD$$DAMAGED\r\n"
    "  ###not base64 at all\r\n"
    "\r\n"
    "EMAIL;HOME:bo.li@northwind.example\r\nORG:Northwind Traders\r\nEND:VCARD\r\n"
)

LOTUS_NOTES = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nPROFILE:VCard\r\nPRODID:-//IBM Lotus Notes//EN\r\n"
    "N:Varga;Stefan\r\nFN:Stefan Varga\r\nTITLE:VP Engineering\r\n"
    "ORG:Northwind Traders\r\nEMAIL;TYPE=INTERNET,WORK:stefan.varga@northwind.example\r\n"
    "END:VCARD\r\n"
)

GOOGLE = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mr. John Richter, James Doe Sr.\r\n"
    "N:Doe;James;;Mr.;Sr.\r\nEMAIL;TYPE=INTERNET:john.richter@northwind.example\r\n"
    "ORG:Northwind Traders\r\nEND:VCARD\r\n"
)


def test_android_card_with_a_damaged_photo(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    plan = plan_vcards(ws, write_file("contacts.vcf", ANDROID.encode()), account.id)
    assert plan.ok, [str(p) for p in plan.problems]
    assert "PHOTO" in " ".join(plan.notes)
    apply(ws, plan)
    names = {p.name: p for p in ws.people(account.id)}
    assert names["Li Bø"].email == "bo.li@northwind.example"
    assert names["Ana Ruiz"].phone == "+34600111222"


def test_lotus_notes_profile_line_is_allowed(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    plan = plan_vcards(ws, write_file("notes.vcf", LOTUS_NOTES.encode()), account.id)
    assert plan.ok and plan.counts()["add"] == 1


def test_google_name_with_a_comma_kept_whole(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    apply(ws, plan_vcards(ws, write_file("google.vcf", GOOGLE.encode()), account.id))
    assert [p.name for p in ws.people(account.id)] == ["Mr. John Richter, James Doe Sr."]


def test_an_unreadable_card_is_named_and_can_be_skipped(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    bad = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve Evans\r\nEMAIL:eve(at)northwind\r\n"
        "ORG:Northwind Traders\r\nEND:VCARD\r\n"
    )
    path = write_file("mixed.vcf", (LOTUS_NOTES + bad + GOOGLE).encode())
    plan = plan_vcards(ws, path, account.id)
    assert [str(p) for p in plan.problems] == [
        "mixed.vcf, card 2, column 'EMAIL': 'eve(at)northwind' is not an email address (Eve Evans)"
    ]
    with pytest.raises(ImportFailed):
        apply(ws, plan)
    assert ws.people(account.id) == []
    skipping = plan_vcards(ws, path, account.id, skip_bad=True)
    assert skipping.ok and skipping.counts()["add"] == 2
    (entry,) = [e for e in skipping.skipped if e.row == 2]
    assert entry.what == "Eve Evans" and "eve(at)northwind" in entry.reason
    done = apply(ws, skipping)
    assert len(ws.people(account.id)) == 2
    done.undo(ws)
    assert ws.people(account.id) == []


def test_cards_of_another_company_ask_for_confirmation(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    ibm = LOTUS_NOTES.replace("Northwind Traders", "IBM")
    plan = plan_vcards(ws, write_file("ibm.vcf", ibm.encode()), account.id)
    assert plan.confirm == ["every contact in the file is at 'IBM', not 'Northwind'"]
    assert (
        plan_vcards(ws, write_file("ibm.vcf", ibm.encode()), account.id, company="IBM").confirm
        == []
    )


def test_linkedin_hidden_emails_and_bad_rows(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    linkedin = (
        "Notes:\r\n"
        '"When exporting your connection data, you may notice that some of the email addresses '
        'are missing."\r\n'
        "\r\n"
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Ana,Ruiz,https://www.linkedin.com/in/anaruiz,ana.ruiz@northwind.example,"
        "Northwind,CIO,03 Nov 2026\r\n"
        "Bo,Li,https://www.linkedin.com/in/boli,urn:li:member:123456789,Northwind,SRE,"
        "01 Oct 2026\r\n"
        "Cy,Diaz,https://www.linkedin.com/in/cydiaz,cy@@northwind,Northwind,SRE,01 Oct 2026\r\n"
    )
    path = write_file("Connections.csv", linkedin.encode())
    plan = plan_contacts(ws, path, account.id)
    assert [str(p) for p in plan.problems] == [
        "Connections.csv, row 7, column 'Email Address': 'cy@@northwind' is not an email address"
    ]
    skipping = plan_contacts(ws, path, account.id, skip_bad=True)
    assert skipping.ok and skipping.counts()["add"] == 2
    assert any("urn:li:member" in n and "rows 6" in n for n in skipping.notes)
    apply(ws, skipping)
    assert {p.name: p.email for p in ws.people(account.id)} == {
        "Ana Ruiz": "ana.ruiz@northwind.example",
        "Bo Li": "",
    }


@pytest.mark.parametrize(
    ("name", "data", "advice"),
    [
        ("card.vcf", LOTUS_NOTES.encode(), "use 'rapport import vcard'"),
        ("mail.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "import mail"),
        ("mail.eml", b"From: a@b.example\r\nTo: c@d.example\r\n\r\nhi", "import mail"),
    ],
)
def test_wrong_importer_points_to_the_right_one(
    ws: Workspace, account: s.Account, write_file: WriteFile, name: str, data: bytes, advice: str
) -> None:
    with pytest.raises(ImportFailed, match=advice):
        plan_contacts(ws, write_file(name, data), account.id)


def test_budgets_huge_photo_and_quoted_printable(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    photo = base64.b64encode(bytes(range(256)) * 60_000).decode()  # about 20 MB
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    big_photo = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Ruiz\r\nEMAIL:ana@northwind.example\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\nEND:VCARD\r\n"
    )
    note = "=\r\n".join(["=C3=A9t=C3=A9 long note " * 3] * 16_000)  # about 1.2 MB
    quoted = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bo Li\r\nEMAIL:bo@northwind.example\r\n"
        f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{note}\r\nEND:VCARD\r\n"
    )
    for name, text in (("photo.vcf", big_photo), ("qp.vcf", quoted)):
        path = write_file(name, text.encode())
        plan = plan_vcards(ws, path, account.id)
        assert plan.ok and plan.counts()["add"] == 1, name


def test_calendar_without_uid_and_meetings_outside_the_period(
    ws: Workspace, account: s.Account, team: dict, write_file: WriteFile
) -> None:
    ws.add(s.Person(account_id=account.id, name="Ana", email="ana@northwind.example"))
    no_uid = samples.vevent(
        "", "20261104T090000", "20261104T100000", "Sync", ["ana@northwind.example"]
    )
    no_uid = no_uid.replace("UID:\r\n", "")
    old = samples.vevent(
        "old@x", "20240104T090000", "20240104T100000", "Old", ["ana@northwind.example"]
    )
    path = write_file("cal.ics", samples.ics(no_uid, old))
    plan = plan_calendar(ws, path, account.id, default_tz=dt.UTC)
    assert plan.counts()["add"] == 1
    assert any("1 meeting(s) with account attendees fall outside" in n for n in plan.notes)
    apply(ws, plan)
    again = plan_calendar(ws, path, account.id, default_tz=dt.UTC)
    assert not again.has_changes  # the synthesised id is stable
    wide = plan_calendar(ws, path, account.id, since=dt.date(2024, 1, 1), default_tz=dt.UTC)
    assert wide.counts()["add"] == 1


def test_usage_rows_with_a_bad_value_can_be_skipped(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    from graph.imports import plan_usage

    data = (
        b"Date,Active users,Hosts\r\n2026-10-01,120,30\r\n2026-10-08,lots,31\r\n"
        b"2026-10-15,130,32\r\n"
    )
    path = write_file("usage.csv", data)
    assert [str(p) for p in plan_usage(ws, path, account.id).problems] == [
        "usage.csv, row 3, column 'Active users': 'lots' is not a number"
    ]
    plan = plan_usage(ws, path, account.id, skip_bad=True)
    assert plan.ok and [e.row for e in plan.skipped] == [3]
    assert not any(e.row == 3 for e in plan.added)  # the whole row, Hosts too
    apply(ws, plan)
