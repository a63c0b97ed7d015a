"""Contacts from vCard files (.vcf, versions 2.1, 3 and 4: phones, Outlook, Apple, Google).

Read: FN (or N), TITLE (ROLE when there is no title), ORG (company; its second part is the
department), EMAIL and TEL (the preferred, else the work one, else the first), NOTE, and the
manager where the exporter records one (Outlook's X-MS-MANAGER, Apple's related name labelled
"Manager"). Organisation cards (KIND:org, Apple's company cards) are skipped. People are matched
exactly as in a contacts CSV (``graph.imports.people``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from graph.imports.bad_rows import bad_row_numbers, set_aside, skipped_entries
from graph.imports.collection import bulk_work
from graph.imports.companies import choose_company, company_key, other_company
from graph.imports.errors import ImportFailed, ImportProblem
from graph.imports.people import PersonDraft, plan_people
from graph.imports.plan import Action, ImportPlan, PlanEntry
from graph.imports.progress import CancelCheck, Monitor, ProgressCallback
from graph.imports.snapshot import load_people, require_account
from graph.imports.sources import TextFile, read_text
from graph.imports.values import clean_email, is_email, name_from_email
from graph.imports.vcard_text import split_cards
from graph.workspace import Workspace

UNIT = "card"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value).strip()
    return str(value).replace("\r\n", "\n").strip()


def _lines(card: Any, name: str) -> list[Any]:
    found = card.contents.get(name.lower(), [])
    return list(found) if isinstance(found, list) else []


def _types(line: Any) -> set[str]:
    params = getattr(line, "params", {}) or {}
    found: set[str] = set()
    for key in ("TYPE", "PREF"):
        for value in params.get(key, []):
            found.update(v.strip().lower() for v in str(value).split(","))
            if key == "PREF":
                found.add("pref")
    return found


def _best(lines: list[Any]) -> str:
    """The preferred value, else the work one, else the first."""
    if not lines:
        return ""
    ranked = sorted(lines, key=lambda ln: ("pref" not in _types(ln), "work" not in _types(ln)))
    return _text(ranked[0].value)


def _name(card: Any) -> str:
    full = _text(_lines(card, "fn")[0].value) if _lines(card, "fn") else ""
    if full:
        return full
    for line in _lines(card, "n"):
        value = line.value
        parts = [getattr(value, a, "") for a in ("given", "additional", "family")]
        text = " ".join(_text(p) for p in parts if _text(p))
        if text:
            return text
    return ""


def _manager(card: Any) -> str:
    for line in _lines(card, "x-ms-manager"):
        return _text(line.value)
    labels = {ln.group: _text(ln.value).lower() for ln in _lines(card, "x-ablabel") if ln.group}
    for line in _lines(card, "x-abrelatednames"):
        if "manager" in labels.get(line.group, "") or "manager" in _types(line):
            return _text(line.value)
    return ""


def _is_person(card: Any) -> bool:
    kinds = [
        _text(ln.value).lower()
        for ln in _lines(card, "kind") + _lines(card, "x-addressbookserver-kind")
    ]
    shown_as = [_text(ln.value).lower() for ln in _lines(card, "x-abshowas")]
    return not any(k in ("org", "group", "location") for k in kinds) and "company" not in shown_as


def read_cards(
    file: TextFile,
) -> tuple[list[tuple[int, Any]], list[ImportProblem], set[str]]:
    """Every readable vCard of the file as (card number, card), and a problem per card that
    cannot be read (named by its number and name), and the properties left unread; ImportFailed
    if the file holds no vCard."""
    import vobject  # heavy: imported only when a vCard file is read

    texts = split_cards(file.text)
    if not texts:
        raise ImportFailed.single(file.name, "no contacts (vCards) were found in this file")
    cards: list[tuple[int, Any]] = []
    problems: list[ImportProblem] = []
    for text in texts:
        who = f" ({text.name})" if text.name else ""
        if not text.complete:
            problems.append(
                ImportProblem(
                    file.name, f"the card{who} is cut off (no END:VCARD)", text.number, unit=UNIT
                )
            )
            continue
        try:
            card = vobject.readOne(text.text, allowQP=False)
        except Exception as exc:  # vobject raises many kinds for malformed input
            reason = re.sub(r"^At line \d+: ", "", str(exc)) or type(exc).__name__
            problems.append(
                ImportProblem(
                    file.name,
                    f"the card{who}, from line {text.line}, cannot be read ({reason})",
                    text.number,
                    unit=UNIT,
                )
            )
            continue
        cards.append((text.number, card))
    return cards, problems, {name for text in texts for name in text.skipped}


def _draft(file: str, number: int, card: Any, problems: list[ImportProblem]) -> PersonDraft | str:
    """A draft, or the reason the card is skipped."""
    if not _is_person(card):
        return "an organisation card, not a person"
    values: dict[str, Any] = {}
    columns: dict[str, str] = {"name": "FN"}
    raw_email = _best(_lines(card, "email"))
    if raw_email:
        email = clean_email(raw_email)
        if is_email(email):
            values["email"], columns["email"] = email, "EMAIL"
        else:
            who = _name(card)
            message = f"{raw_email!r} is not an email address" + (f" ({who})" if who else "")
            problems.append(ImportProblem(file, message, number, "EMAIL", UNIT))
    name = _name(card)
    if not name and "email" not in values:
        return "no name or email"
    phone = _best(_lines(card, "tel"))
    if phone.lower().startswith("tel:"):
        phone = phone[4:]
    org = _lines(card, "org")
    org_parts = (
        org[0].value
        if org and isinstance(org[0].value, list)
        else [_text(org[0].value)]
        if org
        else []
    )
    title = _best(_lines(card, "title")) or _best(_lines(card, "role"))
    for key, value, source in (
        ("title", title, "TITLE"),
        ("department", _text(org_parts[1:2]), "ORG"),
        ("phone", phone.strip(), "TEL"),
        ("notes", "\n".join(_text(ln.value) for ln in _lines(card, "note")).strip(), "NOTE"),
    ):
        if value:
            values[key], columns[key] = value, source
    return PersonDraft(
        number,
        name or name_from_email(values["email"]),
        values,
        columns,
        manager=_manager(card),
        name_from_email=not name,
    )


def _company(card: Any) -> str:
    org = _lines(card, "org")
    if not org:
        return ""
    value = org[0].value
    return _text(value[0] if isinstance(value, list) and value else value)


@bulk_work
def plan_vcards(
    ws: Workspace,
    path: str | Path,
    account_id: int,
    *,
    company: str | None = None,
    skip_bad: bool = False,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportPlan:
    """Dry run of a vCard import into ``account_id``. Nothing is written; see ``apply``.

    ``skip_bad`` leaves each card with a bad value (or that cannot be read) out and reports
    it, instead of refusing the file."""
    path = Path(path)
    monitor = Monitor(path.name, progress, cancelled)
    account = require_account(ws, account_id, path.name)
    file = read_text(path)
    cards, problems, unread = read_cards(file)
    if not cards and not skip_bad:
        raise ImportFailed(problems)
    monitor.report(0.4)
    companies: list[str] = [_company(c) for _n, c in cards]
    wanted, problem = choose_company(companies, account, company)
    if problem:
        raise ImportFailed.single(file.name, problem)
    drafts: list[PersonDraft] = []
    skipped: list[PlanEntry] = []
    labels: dict[int, str] = {}
    for number, card in cards:
        firm = _company(card)
        labels[number] = _name(card)
        if wanted is not None and firm and company_key(firm) not in wanted:
            skipped.append(
                PlanEntry(Action.SKIP, firm, number, reason="another company", unit=UNIT)
            )
            continue
        try:
            draft = _draft(file.name, number, card, problems)
        except Exception as exc:  # a card vobject parsed into an unexpected shape
            problems.append(ImportProblem(file.name, f"cannot be read ({exc})", number, unit=UNIT))
            continue
        if isinstance(draft, str):
            skipped.append(PlanEntry(Action.SKIP, _name(card), number, reason=draft, unit=UNIT))
        else:
            drafts.append(draft)
    bad: list[ImportProblem] = []
    if skip_bad:
        bad, problems = (
            [p for p in problems if p.row is not None],
            [p for p in problems if p.row is None],
        )
        rows = bad_row_numbers(bad)
        drafts = [d for d in drafts if d.row not in rows]
        skipped.extend(skipped_entries(bad, labels))
    with ws.engine.connect() as conn:
        snapshot = load_people(conn, account_id)
    plan = plan_people(
        file.name,
        account_id,
        snapshot,
        drafts,
        kind="vcards",
        unit=UNIT,
        skipped=skipped,
        problems=problems,
        notes=[f"read as vCards, {file.encoding_label}"],
        monitor=monitor.stage(0.5, 1.0),
        total=len(drafts),
        today=ws.today(),
    )
    plan.bad_rows.extend(bad)
    if skip_bad:
        set_aside(plan)
    confirm = other_company(companies, account, company)
    if confirm:
        plan.confirm.append(confirm)
    if unread:
        listed = sorted(unread)
        more = f" and {len(listed) - 8} more" if len(listed) > 8 else ""
        plan.notes.append(f"left unread (not used): {', '.join(listed[:8])}{more}")
    monitor.done()
    return plan
