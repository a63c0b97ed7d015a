"""Contacts from CSV, TSV or XLSX files: CRM exports and hand-made lists.

    preview = preview_contacts(path)                  # headers, guessed mapping, first rows
    plan = plan_contacts(ws, path, account_id, mapping={"Boss": "reports_to"})
    apply(ws, plan)

Each row becomes a person of the account (matched as ``graph.imports.people`` explains);
"Reports to" builds the org chart, "Owner" records which team member owns the contact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.imports.attendance_reports import is_teams
from graph.imports.bad_rows import bad_row_numbers, set_aside, skipped_entries
from graph.imports.collection import bulk_work
from graph.imports.companies import choose_company, company_key, other_company
from graph.imports.contact_columns import (
    ColumnMapping,
    ContactField,
    looks_like_contacts_header,
    recognise,
)
from graph.imports.errors import ImportFailed, ImportProblem
from graph.imports.people import PersonDraft, plan_people
from graph.imports.plan import Action, ImportPlan, PlanEntry
from graph.imports.progress import CancelCheck, Monitor, ProgressCallback
from graph.imports.snapshot import load_people, require_account
from graph.imports.sources import display_name, read_head
from graph.imports.tabular import Row, Table, cell_text, read_table
from graph.imports.values import clean_email, is_email, name_from_email, split_tags, unguard
from graph.vocabulary import Channel, DealRole, LabelledEnum, Level, PersonStatus
from graph.workspace import Workspace

F = ContactField
# What LinkedIn's connections export writes in "Email Address" for a member who hides it.
_HIDDEN_EMAIL = "urn:li:"
_TEXT_FIELDS = (F.TITLE, F.DEPARTMENT, F.NOTES)
_NUMBER_FIELDS = (F.INFLUENCE, F.ATTITUDE, F.INTEREST, F.CADENCE_DAYS)
_ENUMS: dict[ContactField, type[LabelledEnum]] = {
    F.LEVEL: Level,
    F.ROLE: DealRole,
    F.CHANNEL: Channel,
    F.STATUS: PersonStatus,
}
# Words CRMs use for the same ideas (Salesforce opportunity contact roles among them).
_SYNONYMS: dict[str, LabelledEnum] = {
    "decision maker": DealRole.ECONOMIC_BUYER,
    "executive sponsor": DealRole.ECONOMIC_BUYER,
    "key business contact": DealRole.ECONOMIC_BUYER,
    "evaluator": DealRole.TECHNICAL_BUYER,
    "business user": DealRole.PRIMARY_USER,
    "detractor": DealRole.BLOCKER,
    "exec": Level.EXECUTIVE,
    "manager": Level.MANAGEMENT,
    "practitioner": Level.OPERATIONS,
    "left the company": PersonStatus.LEFT,
}


@dataclass(frozen=True)
class ContactsPreview:
    """What the mapping step shows: the file's columns, the guess, and the first rows."""

    file: str
    source: str
    headers: list[str]
    mapping: ColumnMapping
    sample: list[list[str]]
    notes: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def unmapped(self) -> list[str]:
        return [h for h in self.headers if h not in self.mapping.fields]


def _wrong_importer(path: Path) -> None:
    """Point to the right importer for a file that is not a contacts list."""
    head = read_head(path, 4096)
    text = head.decode("utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8", "ignore")
    upper = text.lstrip("\ufeff \r\n\t").upper()
    suffix = path.suffix.lower()
    advice = ""
    if upper.startswith("BEGIN:VCARD"):
        advice = (
            "this is a vCard file: use 'rapport import vcard' (or drop it on the import window)"
        )
    elif upper.startswith("BEGIN:VCALENDAR"):
        advice = "this is a calendar: use 'rapport import calendar'"
    elif (
        suffix in (".msg", ".eml", ".mbox")
        or upper.startswith("FROM ")
        or (
            head.startswith(b"\xd0\xcf\x11\xe0") and b"_\x00_\x00s\x00u\x00b\x00s\x00t\x00g" in head
        )
    ):
        advice = "this is mail, not a contacts list: use 'rapport import mail'"
    elif is_teams(text) or upper.startswith(("MEETING ID,", "NAME (ORIGINAL NAME),")):
        advice = "this is a meeting attendance report: use 'rapport import attendance'"
    if advice:
        raise ImportFailed.single(display_name(path), advice)


def _read(path: Path, sheet: str | None, monitor: Monitor | None) -> Table:
    _wrong_importer(path)
    return read_table(path, is_header=looks_like_contacts_header, sheet=sheet, monitor=monitor)


def _mapping(table: Table, overrides: Mapping[str, str] | None) -> ColumnMapping:
    mapping = recognise(table.headers)
    if overrides:
        mapping = mapping.with_overrides(overrides, table.headers, table.file)
    return mapping


def _missing(table: Table, mapping: ColumnMapping) -> list[ImportProblem]:
    if mapping.has_name:
        return []
    return [
        ImportProblem(
            table.file,
            "no column holds names or email addresses (columns: "
            f"{', '.join(table.headers)}); map one, e.g. --map 'Contact=name'",
        )
    ]


def preview_contacts(
    path: str | Path,
    mapping: Mapping[str, str] | None = None,
    *,
    rows: int = 20,
    sheet: str | None = None,
) -> ContactsPreview:
    """Read a contacts file for the mapping step; the workspace is not involved."""
    table = _read(Path(path), sheet, None)
    chosen = _mapping(table, mapping)
    sample = [[cell_text(c) for c in row.cells] for row in table.rows[:rows]]
    return ContactsPreview(
        table.file,
        table.source,
        table.headers,
        chosen,
        sample,
        notes=list(table.notes),
        problems=[*table.problems, *_missing(table, chosen)],
    )


class _RowReader:
    def __init__(self, table: Table, mapping: ColumnMapping) -> None:
        self.file = table.file
        self.index = {f: table.column(c) for c, f in mapping.fields.items()}
        self.header = {f: c for c, f in mapping.fields.items()}
        self.problems: list[ImportProblem] = []
        self.hidden_emails: list[int] = []

    def text(self, row: Row, wanted: ContactField) -> str:
        i = self.index.get(wanted)
        return unguard(cell_text(row[i])) if i is not None else ""

    def texts(self, row: Row) -> dict[ContactField, str]:
        """The mapped cells of a row as text (empty cells left out)."""
        found = {}
        for wanted, i in self.index.items():
            text = cell_text(row[i])
            if text:
                found[wanted] = unguard(text)
        return found

    def problem(self, row: Row, wanted: ContactField, message: str) -> None:
        self.problems.append(ImportProblem(self.file, message, row.number, self.header[wanted]))

    def draft(self, row: Row) -> PersonDraft | None:
        cells = self.texts(row)
        name = cells.get(F.NAME) or " ".join(
            t for t in (cells.get(F.FIRST_NAME), cells.get(F.LAST_NAME)) if t
        )
        values: dict[str, Any] = {}
        columns: dict[str, str] = {
            "name": self.header.get(F.NAME) or self.header.get(F.LAST_NAME, "")
        }
        raw_email = cells.get(F.EMAIL)
        if raw_email and raw_email.strip().lower().startswith(_HIDDEN_EMAIL):
            self.hidden_emails.append(row.number)
            raw_email = None
        if raw_email:
            email = clean_email(raw_email)
            if is_email(email):
                values["email"] = email
                columns["email"] = self.header[F.EMAIL]
            else:
                self.problem(row, F.EMAIL, f"{raw_email!r} is not an email address")
        if not name and not values.get("email"):
            return None
        for wanted in _TEXT_FIELDS:
            self._set(values, columns, wanted, cells.get(wanted))
        phone_field = F.PHONE if cells.get(F.PHONE) else F.MOBILE
        if text := cells.get(phone_field):
            values["phone"] = text
            columns["phone"] = self.header[phone_field]
        for wanted, enum in _ENUMS.items():
            if text := cells.get(wanted):
                self._set(values, columns, wanted, self._enum(row, wanted, enum, text))
        for wanted in _NUMBER_FIELDS:
            if text := cells.get(wanted):
                self._set(values, columns, wanted, self._number(row, wanted, text))
        if text := cells.get(F.CARES_ABOUT):
            tags = sorted({t.lower() for t in split_tags(text)})
            self._set(values, columns, F.CARES_ABOUT, tags)
        return PersonDraft(
            row.number,
            name or name_from_email(values["email"]),
            values,
            columns,
            manager=cells.get(F.REPORTS_TO, ""),
            owner=cells.get(F.OWNER, ""),
            name_from_email=not name,
            known_by=[t.strip() for t in cells.get(F.KNOWN_BY, "").split(",") if t.strip()],
        )

    def _set(self, values: dict[str, Any], columns: dict[str, str], wanted: F, value: Any) -> None:
        if value is None or value == "":
            return
        values[wanted.value] = value
        columns[wanted.value] = self.header[wanted]

    def _enum(self, row: Row, wanted: F, enum: type[LabelledEnum], text: str) -> Any:
        synonym = _SYNONYMS.get(" ".join(text.casefold().split()))
        if isinstance(synonym, enum):
            return synonym
        try:
            return enum.parse(text)
        except ValueError as exc:
            self.problem(row, wanted, str(exc))
            return None

    def _number(self, row: Row, wanted: F, text: str) -> int | None:
        try:
            number = float(text.replace(",", ".").replace("+", ""))
        except ValueError:
            number = float("nan")
        if number != number or not number.is_integer():
            self.problem(row, wanted, f"{text!r} is not a whole number")
            return None
        return int(number)


@bulk_work
def plan_contacts(
    ws: Workspace,
    path: str | Path,
    account_id: int,
    mapping: Mapping[str, str] | None = None,
    *,
    company: str | None = None,
    sheet: str | None = None,
    skip_bad: bool = False,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportPlan:
    """Dry run of a contacts import into ``account_id``: what would be added, updated, skipped,
    and what conflicts. Nothing is written; pass the plan to ``apply``.

    ``skip_bad`` leaves each row with a bad value out and reports it, instead of refusing the
    file (``graph.imports.bad_rows``)."""
    path = Path(path)
    monitor = Monitor(path.name, progress, cancelled)
    account = require_account(ws, account_id, path.name)
    table = _read(path, sheet, monitor.stage(0.0, 0.4))
    chosen = _mapping(table, mapping)
    missing = _missing(table, chosen)
    if missing:
        raise ImportFailed(missing)
    with ws.engine.connect() as conn:
        snapshot = load_people(conn, account_id)
    reader = _RowReader(table, chosen)
    wanted, company_problem = choose_company(
        (reader.text(r, F.COMPANY) for r in table.rows), account, company
    )
    if company_problem:
        raise ImportFailed.single(table.file, company_problem)
    drafts: list[PersonDraft] = []
    skipped: list[PlanEntry] = []
    companies: list[str] = []
    stage = monitor.stage(0.4, 0.6)
    for i, row in enumerate(table.rows, start=1):
        stage.tick(i, len(table.rows))
        firm = reader.text(row, F.COMPANY)
        companies.append(firm)
        if wanted is not None and firm and company_key(firm) not in wanted:
            skipped.append(PlanEntry(Action.SKIP, firm, row.number, reason="another company"))
            continue
        draft = reader.draft(row)
        if draft is None:
            skipped.append(PlanEntry(Action.SKIP, "", row.number, reason="no name or email"))
        else:
            drafts.append(draft)
    problems = [*table.problems, *reader.problems]
    bad: list[ImportProblem] = []
    if skip_bad:
        bad = [p for p in problems if p.row is not None]
        problems = [p for p in problems if p.row is None]
        rows = bad_row_numbers(bad)
        labels = {d.row: d.label for d in drafts if d.row in rows}
        drafts = [d for d in drafts if d.row not in rows]
        skipped.extend(skipped_entries(bad, labels))
    notes = [f"read as {table.source}", *table.notes]
    if reader.hidden_emails:
        rows_text = ", ".join(str(r) for r in reader.hidden_emails[:10])
        notes.append(
            f"{len(reader.hidden_emails)} LinkedIn member(s) hide their email address "
            f"(urn:li:member:… in its place, rows {rows_text}"
            f"{', …' if len(reader.hidden_emails) > 10 else ''}): matched and imported by name"
        )
    notes.append("columns: " + ", ".join(chosen.describe()))
    plan = plan_people(
        table.file,
        account_id,
        snapshot,
        drafts,
        kind="contacts",
        skipped=skipped,
        problems=problems,
        notes=notes,
        monitor=monitor.stage(0.6, 1.0),
        total=len(drafts),
        today=ws.today(),
    )
    plan.bad_rows.extend(bad)
    if skip_bad:
        set_aside(plan)
    confirm = other_company(companies, account, company)
    if confirm:
        plan.confirm.append(confirm)
    monitor.done()
    return plan
