from __future__ import annotations

import pytest

from graph import schema as s
from graph.imports import ImportFailed, apply, plan_contacts, plan_vcards
from graph.vocabulary import RelationKind
from graph.workspace import Workspace

from . import samples
from .conftest import WriteFile


def people(ws: Workspace, account: s.Account) -> dict[str, s.Person]:
    return {p.name: p for p in ws.people(account.id)}


def test_apple_vcard3_with_photo_company_card_and_manager(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    plan = plan_vcards(ws, write_file("Contacts.vcf", samples.vcard3_apple()), account.id)
    assert plan.ok and plan.counts()["add"] == 2
    assert [(e.row, e.unit, e.reason) for e in plan.skipped] == [
        (2, "card", "an organisation card, not a person")
    ]
    apply(ws, plan)
    found = people(ws, account)
    ana = found["Ana Ruiz"]
    assert (ana.title, ana.department, ana.email, ana.phone) == (
        "CIO",
        "IT",
        "ana.ruiz@northwind.example",
        "+1 206 555 0100",
    )
    assert ana.notes == "Met at re:Invent, likes uptime\nSecond line"
    (line,) = ws.relationships(account.id)
    assert line.kind is RelationKind.REPORTS_TO
    assert (line.source_id, line.target_id) == (ana.id, found["Walter Boss"].id)


def test_vcard4_prefers_the_preferred_work_address(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    plan = plan_vcards(ws, write_file("card.vcf", samples.vcard4()), account.id)
    assert [e.reason for e in plan.skipped] == ["an organisation card, not a person"]
    apply(ws, plan)
    soren = people(ws, account)["Søren Kierkegaard"]
    assert soren.email == "soren.k@northwind.example"
    assert soren.phone == "+45-1234-5678"
    assert soren.department == "Platform Engineering" and soren.title == "Staff Engineer"


def test_outlook_vcard21_quoted_printable_windows_1252(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    ws.add(s.Person(account_id=account.id, name="Ana Ruiz"))
    plan = plan_vcards(ws, write_file("Renée.vcf", samples.vcard21_outlook()), account.id)
    assert plan.ok, plan.problems
    apply(ws, plan)
    renee = people(ws, account)["Renée Lefèvre"]
    assert renee.title == "Contrôleuse de gestion" and renee.department == "Finance"
    assert "Budget owner" in renee.notes
    managers = {r.source_id: r.target_id for r in ws.relationships(account.id)}
    assert managers == {renee.id: people(ws, account)["Ana Ruiz"].id}


def test_vcards_and_contacts_share_matching(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    apply(ws, plan_contacts(ws, write_file("sf.csv", samples.salesforce_csv()), account.id))
    plan = plan_vcards(ws, write_file("Contacts.vcf", samples.vcard3_apple()), account.id)
    ana = next(e for e in plan.entries if e.what.startswith("Ana Ruiz"))
    assert ana.action.value == "update"
    assert {c.field for c in ana.changes} == {"phone", "notes", "reports to"}
    apply(ws, plan)
    assert len(ws.people(account.id)) == 6
    again = plan_vcards(ws, write_file("Contacts.vcf", samples.vcard3_apple()), account.id)
    assert not again.has_changes


def test_a_bad_address_in_a_card_is_located(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    data = (
        samples.vcard4()
        + b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bob\r\nEMAIL:bob(at)x\r\nEND:VCARD\r\n"
    )
    plan = plan_vcards(ws, write_file("c.vcf", data), account.id)
    assert [str(p) for p in plan.problems] == [
        "c.vcf, card 3, column 'EMAIL': 'bob(at)x' is not an email address (Bob)"
    ]
    with pytest.raises(ImportFailed):
        apply(ws, plan)
    assert ws.people(account.id) == []


def test_not_a_vcard_file(ws: Workspace, account: s.Account, write_file: WriteFile) -> None:
    calendar = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    with pytest.raises(ImportFailed, match="no contacts"):
        plan_vcards(ws, write_file("c.vcf", calendar), account.id)
    with pytest.raises(ImportFailed) as failed:
        plan_vcards(ws, write_file("d.vcf", b"hello\r\n"), account.id)
    assert str(failed.value) == "d.vcf: no contacts (vCards) were found in this file"
    unclosed = b"BEGIN:VCARD\r\nFN:x\r\nBEGIN:VCARD\r\n"
    with pytest.raises(ImportFailed) as failed:
        plan_vcards(ws, write_file("e.vcf", unclosed), account.id)
    assert str(failed.value).splitlines() == [
        "e.vcf, card 1: the card (x) is cut off (no END:VCARD)",
        "e.vcf, card 2: the card is cut off (no END:VCARD)",
    ]
