"""Mail between our team and the account's people becomes email interactions, offline.

    plan = plan_mail(ws, ["Sent.mbox", "thread.eml", "Re_ pricing.msg"], account_id)
    apply(ws, plan)

Cloud tools log email by reading mailboxes; Rapport reads the files the user already has
(``graph.imports.mail_files``: headers only, never a body). A message is logged when it is
between at least one member of our team and at least one person of the account (both matched
by email address), dated by its own Date header, with its subject as the summary. Each message
is imported once, by its Message-ID, whichever file it comes from and however often.

Addresses at the account's own domains (the domains of its people's addresses, less public mail
services and our team's domains) that match nobody are listed in the dry run as new people; they
are added only with ``add_new_people=True`` (the command line's ``--add-new-people``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graph import schema as s
from graph.imports.activity import ActivityPlanner, Directory, external_id, load_activity_snapshot
from graph.imports.collection import bulk_work
from graph.imports.mail_files import MailHeaders, read_mail_file
from graph.imports.plan import Action, ImportPlan, PlanEntry
from graph.imports.progress import CancelCheck, Monitor, ProgressCallback
from graph.imports.snapshot import require_account
from graph.imports.sources import display_name
from graph.imports.values import name_from_email
from graph.validation import validate
from graph.vocabulary import InteractionKind
from graph.workspace import Workspace

PUBLIC_DOMAINS = frozenset(
    {
        *("gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com"),
        *("yahoo.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me"),
        *("protonmail.com", "gmx.de", "gmx.net", "web.de", "yandex.ru", "mail.ru", "qq.com"),
    }
)


def _domain(email: str) -> str:
    return email.rpartition("@")[2]


def account_domains(directory: Directory) -> set[str]:
    """The domains the account's people write from, less public services and our own."""
    ours = {_domain(e) for e in directory.member_email}
    theirs = {_domain(e) for e in directory.person_email}
    return theirs - ours - PUBLIC_DOMAINS


def _new_person(account_id: int, name: str, email: str) -> dict[str, Any]:
    record = s.Person(account_id=account_id, name=name, email=email)
    validate(record)
    values = record.values()
    values.pop("id")
    return values


def _what(message: MailHeaders, several_files: bool) -> str:
    when = f"{message.date:%Y-%m-%d %H:%M} UTC" if message.date else "undated"
    where = f" [{message.file}]" if several_files else ""
    return f"{message.subject or '(no subject)'}, {when}{where}"


@bulk_work
def plan_mail(
    ws: Workspace,
    paths: Sequence[str | Path] | str | Path,
    account_id: int,
    *,
    add_new_people: bool = False,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportPlan:
    """Dry run of a mail import (.eml, .mbox, .msg files) into ``account_id``."""
    files = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    label = display_name(files[0]) if len(files) == 1 else f"{len(files)} mail files"
    monitor = Monitor(label, progress, cancelled)
    require_account(ws, account_id, label)
    with ws.engine.connect() as conn:
        snapshot = load_activity_snapshot(conn, account_id)
    directory = Directory(snapshot)
    domains = account_domains(directory)
    wanted = [f"@{d}".encode() for d in domains] + [
        e.encode() for e in directory.person_email if _domain(e) not in domains
    ]
    planner = ActivityPlanner(label, account_id, snapshot, unit="message")
    newcomers: dict[str, int] = {}  # email -> person ref, in order of first sight
    seen_in: Counter[str] = Counter()
    passed_over = 0
    messages: list[MailHeaders] = []
    for done, path in enumerate(files, start=1):
        for item in read_mail_file(path, wanted):
            if isinstance(item, int):
                passed_over += 1
            else:
                messages.append(item)
        monitor.report(0.7 * done / len(files))
    several = len(files) > 1
    for message in messages:
        what = _what(message, several)
        if message.date is None:
            planner.skip(what, "no readable date", message.number)
            continue
        people = [p for a in message.addresses if (p := directory.person(a)) is not None]
        team = [m for a in message.addresses if (m := directory.member(a)) is not None]
        strangers = [
            a
            for a in sorted(message.addresses)
            if _domain(a) in domains and directory.person(a) is None and directory.member(a) is None
        ]
        for address in strangers:
            seen_in[address] += 1
            if add_new_people and address not in newcomers:
                name = message.names.get(address) or name_from_email(address)
                newcomers[address] = planner.writes.add_person(
                    _new_person(account_id, name, address)
                )
        if add_new_people:
            people += [newcomers[a] for a in strangers]
        if not people:
            planner.skip(what, "nobody from the account", message.number)
            continue
        if not team:
            planner.skip(what, "nobody from your team", message.number)
            continue
        planner.log(
            external_id("mail", message.message_id),
            when=message.date,
            minutes=0,
            kind=InteractionKind.EMAIL,
            summary=message.subject,
            people=people,
            team=team,
            what=what,
            row=message.number,
        )
    for address, count in seen_in.items():
        times = f"in {count} message{'s' if count > 1 else ''}"
        if add_new_people:
            entry = PlanEntry(Action.ADD, f"new person {address}", reason=times, unit="message")
        else:
            entry = PlanEntry(
                Action.SKIP,
                f"new person {address}",
                reason=f"not in the account ({times}); add with --add-new-people",
                unit="message",
            )
        planner.entries.append(entry)
    if passed_over:
        planner.entries.extend(
            PlanEntry(Action.SKIP, "message", reason="nobody from the account", unit="message")
            for _ in range(passed_over)
        )
    notes = [
        f"{len(messages) + passed_over} message(s) read (headers only), from "
        f"{', '.join(display_name(p) for p in files[:5])}{' …' if len(files) > 5 else ''}",
    ]
    if domains:
        notes.append("the account's domains: " + ", ".join(sorted(domains)))
    if not directory.member_email:
        notes.append("nobody in your team has an email address in Rapport: add them first")
    monitor.done()
    return ImportPlan(
        "mail",
        label,
        account_id,
        entries=planner.entries,
        notes=notes,
        writes=planner.writes,
        basis=snapshot.digest(),
    )
