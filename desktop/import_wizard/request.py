"""What the user chose in the wizard, and the calls into ``graph.imports`` it stands for.

No widgets here: the pages fill an ``ImportRequest`` in and the worker runs its ``plan`` off the
GUI thread. The wizard never calls an importer by name; ``graph.imports.kinds.PLANNERS`` picks it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from desktop.import_wizard.drop import SUFFIXES
from graph.imports import ContactField, ImportPlan
from graph.imports import kinds as import_kinds
from graph.imports.kinds import Kind
from graph.imports.progress import CancelCheck, ProgressCallback
from graph.workspace import Workspace

KINDS: tuple[Kind, ...] = get_args(Kind)

KIND_LABELS: dict[Kind, str] = {
    "contacts": "Contacts (CSV, TSV or Excel)",
    "vcards": "vCards (.vcf)",
    "calendar": "Calendar meetings (.ics)",
    "usage": "Usage figures (CSV or Excel)",
    "attendance": "Meeting attendance (Teams or Zoom report)",
    "mail": "Mail (.eml, .mbox or Outlook .msg; headers only)",
}

# What one entry of a plan of each kind is, for sentences ("5 people to add").
KIND_NOUNS: dict[Kind, tuple[str, str]] = {
    "contacts": ("person", "people"),
    "vcards": ("person", "people"),
    "calendar": ("meeting", "meetings"),
    "usage": ("figure", "figures"),
    "attendance": ("meeting", "meetings"),
    "mail": ("message", "messages"),
}

FILE_FILTER = (
    "Contacts, vCards, calendars, usage, attendance, mail ("
    + " ".join(f"*{s}" for s in SUFFIXES)
    + ");;All files (*)"
)


def plural(count: int, kind: Kind) -> str:
    one, many = KIND_NOUNS[kind]
    return f"{count:,} {one if count == 1 else many}"


@dataclass
class ImportRequest:
    """The file, what it holds, where it goes and the importer's options."""

    path: Path | None = None
    kind: Kind | None = None
    account_id: int | None = None
    # Contacts: the user's choice for every column, {"Column": "field" or "ignore"}.
    mapping: dict[str, str] | None = None
    # Calendar: the meetings wanted, both days included (None: the importer's default).
    since: dt.date | None = None
    until: dt.date | None = None
    # Contacts, vCards: leave bad rows out (each listed) instead of refusing the file; and the
    # one company to import from a file listing several.
    skip_bad: bool = False
    company: str | None = None

    @property
    def file_name(self) -> str:
        return self.path.name if self.path is not None else ""

    def options(self) -> dict[str, Any]:
        """Keyword arguments for the planner of ``kind`` (only the ones it takes)."""
        options: dict[str, Any] = {}
        if self.kind == "contacts" and self.mapping:
            options["mapping"] = dict(self.mapping)
        if self.skip_bad and self.kind in ("contacts", "vcards", "usage", "attendance"):
            options["skip_bad"] = True
        if self.kind in ("contacts", "vcards") and self.company:
            options["company"] = self.company
        if self.kind == "calendar":
            if self.since is not None:
                options["since"] = self.since
            if self.until is not None:
                options["until"] = self.until
        return options

    def plan(self, ws: Workspace, progress: ProgressCallback, cancelled: CancelCheck) -> ImportPlan:
        """The dry run (reads only); call it off the GUI thread."""
        assert self.path is not None and self.kind is not None and self.account_id is not None
        planner = import_kinds.PLANNERS[self.kind]
        return planner(
            ws, self.path, self.account_id, progress=progress, cancelled=cancelled, **self.options()
        )


# How the mapping step names the fields a contacts column can fill.
FIELD_LABELS: dict[ContactField, str] = {
    ContactField.NAME: "Full name",
    ContactField.FIRST_NAME: "First name",
    ContactField.LAST_NAME: "Last name",
    ContactField.TITLE: "Job title",
    ContactField.DEPARTMENT: "Department",
    ContactField.EMAIL: "Email",
    ContactField.PHONE: "Phone",
    ContactField.MOBILE: "Mobile",
    ContactField.COMPANY: "Company",
    ContactField.REPORTS_TO: "Reports to",
    ContactField.OWNER: "Owner (your team)",
    ContactField.KNOWN_BY: "Known by (your team)",
    ContactField.NOTES: "Notes",
    ContactField.LEVEL: "Level",
    ContactField.ROLE: "Deal role",
    ContactField.INFLUENCE: "Influence",
    ContactField.ATTITUDE: "Attitude",
    ContactField.INTEREST: "Interest",
    ContactField.CARES_ABOUT: "Cares about",
    ContactField.CHANNEL: "Preferred channel",
    ContactField.CADENCE_DAYS: "Cadence (days)",
    ContactField.STATUS: "Status",
}
