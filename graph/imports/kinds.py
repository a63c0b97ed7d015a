"""Which importer a file is for, so a dropped file or ``rapport import FILE`` needs no flag."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from graph.imports.attendance import plan_attendance
from graph.imports.attendance_reports import is_teams, is_zoom
from graph.imports.calendar import plan_calendar
from graph.imports.contact_columns import looks_like_contacts_header
from graph.imports.contacts import plan_contacts
from graph.imports.mail import plan_mail
from graph.imports.plan import ImportPlan
from graph.imports.sources import read_head
from graph.imports.tabular import read_table
from graph.imports.usage import looks_like_usage_header, plan_usage
from graph.imports.vcards import plan_vcards

Kind = Literal["contacts", "vcards", "calendar", "usage", "attendance", "mail"]
PLANNERS: dict[Kind, Callable[..., ImportPlan]] = {
    "contacts": plan_contacts,
    "vcards": plan_vcards,
    "calendar": plan_calendar,
    "usage": plan_usage,
    "attendance": plan_attendance,
    "mail": plan_mail,
}
_MAIL_SUFFIXES = (".eml", ".mbox", ".msg")
_MAIL_HEADERS = ("RECEIVED:", "RETURN-PATH:", "MESSAGE-ID:", "MIME-VERSION:", "FROM:", "DATE:")
_HEAD_BYTES = 64 * 1024


def guess_kind(path: str | Path) -> Kind:
    """The kind of import a file holds, from its content (its name only breaks ties).

    A spreadsheet is usage figures when its header has a date column and names fewer than two
    contact fields; otherwise contacts. Reading a spreadsheet to tell costs about what
    previewing it does.
    """
    path = Path(path)
    head = read_head(path, _HEAD_BYTES)
    text = head.decode("utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8", "ignore")
    upper = text.upper()
    if "BEGIN:VCALENDAR" in upper:
        return "calendar"
    if "BEGIN:VCARD" in upper:
        return "vcards"
    if path.suffix.lower() in (".ics", ".ical"):
        return "calendar"
    if path.suffix.lower() in (".vcf", ".vcard"):
        return "vcards"
    if is_teams(text) or is_zoom(text.lstrip("\ufeff")):
        return "attendance"
    if path.suffix.lower() in _MAIL_SUFFIXES or head.startswith(b"From "):
        return "mail"
    if upper.lstrip("\ufeff").startswith(_MAIL_HEADERS) and "\n\n" in text.replace("\r", ""):
        return "mail"
    table = read_table(path)
    if looks_like_usage_header(table.headers) and not looks_like_contacts_header(table.headers):
        return "usage"
    return "contacts"


def plan_file(ws: Any, path: str | Path, account_id: int, **options: Any) -> ImportPlan:
    """Plan the import of ``path`` with the importer its content calls for."""
    return PLANNERS[guess_kind(path)](ws, path, account_id, **options)
