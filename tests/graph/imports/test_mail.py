"""Mail files (.eml, .mbox, .msg) log email interactions between our team and the account."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph import schema as s
from graph.imports import ImportFailed, apply, plan_mail
from graph.workspace import Workspace

from . import activity_samples as files
from . import msg_file
from .conftest import WriteFile, table_rows


@pytest.fixture
def ana(ws: Workspace, account: s.Account, team: dict[str, s.TeamMember]) -> s.Person:
    return ws.add(
        s.Person(account_id=account.id, name="Ana Ruiz", email="ana.ruiz@northwind.example")
    )


def test_eml_headers_only_dated_by_the_message(
    ws: Workspace, account: s.Account, ana: s.Person, team: dict, write_file: WriteFile
) -> None:
    path = write_file("Renewal.eml", files.eml())
    plan = plan_mail(ws, [path], account.id)
    assert plan.ok and plan.counts()["add"] == 1
    apply(ws, plan)
    (mail,) = ws.interactions(account.id)
    assert mail.kind.value == "email" and mail.summary == "Renewal — next steps"
    assert mail.occurred_at == dt.datetime(2026, 11, 3, 13, 5, 9)  # +0100 -> UTC
    assert mail.external_id == "mail:CAF=abc123@mail.gmail.com"
    assert "secret" not in repr(ws.interactions(account.id))  # never the body
    assert ws.attendees(mail.id) == ([ana.id], [team["tina"].id])


def test_mbox_idempotent_by_message_id_and_new_people_offered(
    ws: Workspace, account: s.Account, ana: s.Person, team: dict, write_file: WriteFile
) -> None:
    archive = files.mbox(
        [
            files.eml(),
            files.eml(  # the same message again (from Sent and Inbox)
                body="From here on\r\n",
            ),
            files.eml(
                "<2@vendor.example>",
                sender="Ana Ruiz <ana.ruiz@northwind.example>",
                to="tina@vendor.example",
                cc='"Chen, Wei" <wei.chen@northwind.example>',
                subject="Re: outage",
            ),
            files.eml("<3@vendor.example>", to="someone@othercorp.example", subject="Other"),
            files.eml("<4@vendor.example>", date="not a date", subject="Undated"),
        ]
    )
    path = write_file("Sent.mbox", archive)
    plan = plan_mail(ws, [path], account.id)
    assert plan.counts()["add"] == 2
    reasons = plan.skip_reasons()
    assert reasons["listed twice"] == 1 and reasons["no readable date"] == 1
    assert reasons["nobody from the account"] == 1
    (offer,) = [e for e in plan.skipped if e.what.startswith("new person")]
    assert offer.what == "new person wei.chen@northwind.example"
    assert "--add-new-people" in offer.reason
    apply(ws, plan)
    assert [p.name for p in ws.people(account.id)] == ["Ana Ruiz"]  # never silently
    before = table_rows(ws)
    again = plan_mail(ws, [path], account.id)
    assert not again.has_changes
    assert table_rows(ws) == before

    adding = plan_mail(ws, [path], account.id, add_new_people=True)
    assert [e.what for e in adding.added] == ["new person wei.chen@northwind.example"]
    assert adding.counts()["update"] == 1  # the outage thread gains Wei
    done = apply(ws, adding)
    wei = next(p for p in ws.people(account.id) if p.email == "wei.chen@northwind.example")
    assert wei.name == "Chen, Wei"
    done.undo(ws)
    assert table_rows(ws, history=False) == {
        name: rows for name, rows in before.items() if name != "history"
    }


def test_not_mail(ws: Workspace, account: s.Account, write_file: WriteFile) -> None:
    with pytest.raises(ImportFailed, match="not a mail message"):
        plan_mail(ws, [write_file("x.eml", b"\x00\x01binary")], account.id)
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(ImportFailed, match="Outlook message cannot be read"):
        plan_mail(ws, [write_file("x.msg", ole)], account.id)


def test_outlook_msg(
    ws: Workspace, account: s.Account, ana: s.Person, team: dict, write_file: WriteFile
) -> None:
    """A .msg as Outlook saves it (a compound file with MAPI streams), read by extract-msg."""
    data = msg_file.outlook_msg(
        subject="Pricing for 2027",
        sender=("Tina Tam", "tina@vendor.example"),
        to=[("Ana Ruiz", "ana.ruiz@northwind.example")],
        cc=[("Wei Chen", "wei.chen@northwind.example")],
        sent=dt.datetime(2026, 11, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        message_id="<AM0PR01MB1234@EURPRD01.PROD.OUTLOOK.COM>",
    )
    path = write_file("Pricing for 2027.msg", data)
    plan = plan_mail(ws, [path], account.id)
    assert [e.what for e in plan.skipped] == ["new person wei.chen@northwind.example"]
    apply(ws, plan)
    (mail,) = ws.interactions(account.id)
    assert mail.occurred_at == dt.datetime(2026, 11, 4, 14, 30)
    assert mail.summary == "Pricing for 2027"
    assert mail.external_id == "mail:AM0PR01MB1234@EURPRD01.PROD.OUTLOOK.COM"
    assert ws.attendees(mail.id) == ([ana.id], [team["tina"].id])


@pytest.mark.slow
def test_benchmark_20000_message_mbox(
    ws: Workspace, account: s.Account, team: dict, tmp_path: Path
) -> None:
    """20,000 messages, 30% with the account: every one planned and applied. The time (target
    under 10 s for the whole process) is measured by benchmarks/bench_imports.py, not here."""
    with ws.batch():
        for i in range(50):
            ws.add(s.Person(account_id=account.id, name=f"P {i}", email=f"p{i}@northwind.example"))
    path = tmp_path / "big.mbox"
    path.write_bytes(files.busy_mailbox(20_000))
    plan = plan_mail(ws, [path], account.id)
    apply(ws, plan)
    assert plan.counts()["add"] == 6000
