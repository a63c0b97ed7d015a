"""Benchmark of the imports (issue 5 targets).

    python benchmarks/bench_imports.py [--rows 50000] [--events 10000] [--keep DIR]

Generates a 50,000-row Salesforce-style contacts CSV (UTF-8 with BOM, managers and owners) and a
10,000-event Outlook-style calendar (VTIMEZONE, weekly series with EXDATE and a cancelled
instance, meetings with this account and with others) into a temporary folder, imports each
into a fresh workspace, and prints the times: plan (the dry run), apply, and a re-import of the
same file (which must change nothing). Targets: each import under 5 s. Then a 20,000-message
Thunderbird mbox (30% with the account) imported by the whole ``rapport import mail`` process
(target under 10 s; the suite checks only what that run imports).
Wall and CPU time are both printed: on a busy machine the CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph import schema as s  # noqa: E402
from graph.imports import apply, plan_calendar, plan_contacts  # noqa: E402
from graph.workspace import Workspace  # noqa: E402

TODAY = dt.date(2026, 6, 30)
FIRST = ["Ana", "José", "Zoë", "Lars", "Mei", "Omar", "Priya", "Chloé", "Tom", "Ngozi"]
LAST = ["Ruiz", "García", "Müller", "Okafor", "Chen", "Dubois", "Smith", "Kowalski", "Sato"]


def write_contacts(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_ALL)
        writer.writerow(
            [
                "Contact Owner",
                "First Name",
                "Last Name",
                "Title",
                "Department",
                "Email",
                "Phone",
                "Account Name",
                "Reports To",
                "Description",
            ]
        )
        for i in range(rows):
            manager = f"p{(i - 1) // 10}@acme.example" if i else ""
            writer.writerow(
                [
                    "Tina Tam" if i % 3 else "sam@vendor.example",
                    FIRST[i % len(FIRST)],
                    f"{LAST[i % len(LAST)]} {i}",
                    "Engineer" if i % 10 else "Manager",
                    ["IT", "Ops", "Finance"][i % 3],
                    f"p{i}@acme.example",
                    f"+1 555 01{i % 100:02d}",
                    "Acme Corp.",
                    manager,
                    "Met at kickoff,\nlikes uptime" if i % 7 == 0 else "",
                ]
            )
        writer.writerow([])
        writer.writerow(["Confidential Information - Do Not Distribute"])


VTIMEZONE = """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
"""


def write_calendar(path: Path, events: int, people: int, share: int = 3) -> None:
    """``events`` entries: one in ``share`` with Acme people, the rest with other customers;
    one in 50 is a weekly series over three months with an EXDATE and a cancelled instance."""
    start = dt.datetime.combine(TODAY - dt.timedelta(days=540), dt.time(9))
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        "VERSION:2.0",
        "METHOD:PUBLISH",
        VTIMEZONE.strip(),
    ]
    for i in range(events):
        when = start + dt.timedelta(hours=(i * 13) % (540 * 24))
        domain = "acme.example" if i % share == 0 else f"other{i % 40}.example"
        attendee = f"p{i % people}@{domain}"
        fmt = "%Y%m%dT%H%M%S"
        lines += [
            "BEGIN:VEVENT",
            f"UID:040000008200E00074C5B7101A82E008000000{i:08d}",
            "DTSTAMP:20260101T000000Z",
            f"SUMMARY:{'QBR' if i % 97 == 0 else 'Sync'} {i}",
            f"DTSTART;TZID=W. Europe Standard Time:{when:{fmt}}",
            f"DTEND;TZID=W. Europe Standard Time:{when + dt.timedelta(minutes=45):{fmt}}",
            "ORGANIZER;CN=Tina Tam:mailto:tina@vendor.example",
            f"ATTENDEE;CN=Guest;PARTSTAT=ACCEPTED;RSVP=TRUE:mailto:{attendee}",
            f"ATTENDEE;CN=Guest 2;PARTSTAT=TENTATIVE:mailto:p{(i + 1) % people}@{domain}",
        ]
        if i % 50 == 0:
            lines += [
                "RRULE:FREQ=WEEKLY;COUNT=12",
                f"EXDATE;TZID=W. Europe Standard Time:{when + dt.timedelta(days=14):{fmt}}",
            ]
        lines.append("END:VEVENT")
        if i % 50 == 0:
            moved = when + dt.timedelta(days=21)
            lines += [
                "BEGIN:VEVENT",
                f"UID:040000008200E00074C5B7101A82E008000000{i:08d}",
                f"RECURRENCE-ID;TZID=W. Europe Standard Time:{moved:{fmt}}",
                "STATUS:CANCELLED",
                f"SUMMARY:Canceled: Sync {i}",
                f"DTSTART;TZID=W. Europe Standard Time:{moved:{fmt}}",
                f"DTEND;TZID=W. Europe Standard Time:{moved + dt.timedelta(minutes=45):{fmt}}",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def fresh(folder: Path, name: str) -> tuple[Workspace, int]:
    ws = Workspace.create(folder / name, today=lambda: TODAY)
    account = ws.add(s.Account(name="Acme Corp"))
    with ws.batch():
        ws.add(s.TeamMember(name="Tina Tam", email="tina@vendor.example"))
        ws.add(s.TeamMember(name="Sam Support", email="sam@vendor.example"))
    return ws, account.id


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:40} {wall:7.2f} s   (CPU {cpu:.2f} s)")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="write the files here instead of a temp dir")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)

    contacts = folder / "contacts.csv"
    timed(f"generate {args.rows:,}-row contacts CSV", lambda: write_contacts(contacts, args.rows))
    ws, account = fresh(folder, "contacts.rapport")
    start = time.perf_counter()
    plan = timed("  plan (dry run)", lambda: plan_contacts(ws, contacts, account))
    timed("  apply", lambda: apply(ws, plan))
    total = time.perf_counter() - start
    print(f"{'contacts import (plan + apply)':40} {total:7.2f} s   target < 5 s   {plan.summary()}")
    again = timed("  re-import (plan)", lambda: plan_contacts(ws, contacts, account))
    assert not again.has_changes, again.summary()
    ws.close()

    for share, label in ((3, "a third"), (1, "every")):
        calendar = folder / f"calendar-{share}.ics"
        ws, account = fresh(folder, f"calendar-{share}.rapport")
        with ws.batch():
            for i in range(500):
                ws.add(s.Person(account_id=account, name=f"Person {i}", email=f"p{i}@acme.example"))
        timed(
            f"generate {args.events:,}-event calendar",
            lambda: write_calendar(calendar, args.events, 500, share),  # noqa: B023
        )
        print(f"  ({label} event with the account)")
        start = time.perf_counter()
        plan = timed("  plan (dry run)", lambda: plan_calendar(ws, calendar, account))  # noqa: B023
        timed("  apply", lambda: apply(ws, plan))  # noqa: B023
        total = time.perf_counter() - start
        label = "calendar import (plan + apply)"
        print(f"{label:40} {total:7.2f} s   target < 5 s   {plan.summary()}")
        print(f"{'':40} skipped: {plan.skip_reasons()}")
        again = timed("  re-import (plan)", lambda: plan_calendar(ws, calendar, account))  # noqa: B023
        assert not again.has_changes, again.summary()
        ws.close()

    mail_whole_process(folder, args.messages)


def mail_whole_process(folder: Path, messages: int) -> None:
    from tests.graph.imports import activity_samples as files

    portfolio = folder / "mail.rapport"
    with Workspace.create(portfolio, today=lambda: TODAY) as ws:
        account = ws.add(s.Account(name="Northwind"))
        ws.add(s.TeamMember(name="Tina Tam", email="tina@vendor.example"))
        with ws.batch():
            for i in range(50):
                email = f"p{i}@northwind.example"
                ws.add(s.Person(account_id=account.id, name=f"P {i}", email=email))
    box = folder / "big.mbox"
    box.write_bytes(files.busy_mailbox(messages))
    command = [sys.executable, "-m", "desktop.cli", "import", "mail", str(portfolio), str(box)]
    done = timed(
        f"{messages:,}-message mbox, whole process",
        lambda: subprocess.run(
            [*command, "--account", "Northwind"],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        ),
    )
    assert done.returncode == 0, done.stderr
    print(f"{'':40} target < 10 s   {done.stdout.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
