"""Which column of a contacts file holds what: recognised headers and the user's own mapping.

Recognised out of the box: Salesforce contact reports and Data Loader exports, HubSpot contact
exports, Outlook and Google Contacts CSV, and Rapport's own people export. Headers compare
without case, spaces or punctuation ("E-mail Address" = "email address" = "EmailAddress").
Anything else is mapped by the user: ``{"Column header": "field"}`` in the app's mapping step,
``--map "Column header=field"`` on the command line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from graph.imports.errors import ImportFailed
from graph.imports.values import strip_accents


class ContactField(StrEnum):
    NAME = "name"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    TITLE = "title"
    DEPARTMENT = "department"
    EMAIL = "email"
    PHONE = "phone"
    MOBILE = "mobile"
    COMPANY = "company"
    REPORTS_TO = "reports_to"
    OWNER = "owner"
    KNOWN_BY = "known_by"
    NOTES = "notes"
    LEVEL = "level"
    ROLE = "role"
    INFLUENCE = "influence"
    ATTITUDE = "attitude"
    INTEREST = "interest"
    CARES_ABOUT = "cares_about"
    CHANNEL = "channel"
    CADENCE_DAYS = "cadence_days"
    STATUS = "status"


IGNORE = "ignore"

# Header spellings per field, most specific first. Keys are compared after ``header_key``.
ALIASES: dict[ContactField, tuple[str, ...]] = {
    ContactField.NAME: ("fullname", "name", "contactname", "displayname", "contact"),
    ContactField.FIRST_NAME: ("firstname", "givenname", "first", "forename"),
    ContactField.LAST_NAME: ("lastname", "familyname", "surname", "last"),
    # "Job Title" before "Title": Outlook's "Title" is Mr/Ms, its "Job Title" the job.
    ContactField.TITLE: (
        "jobtitle",
        "title",
        "position",
        "organizationtitle",
        "organization1title",
    ),
    ContactField.DEPARTMENT: (
        "department",
        "dept",
        "organizationdepartment",
        "organization1department",
    ),
    ContactField.EMAIL: (
        "email",
        "emailaddress",
        "workemail",
        "businessemail",
        "primaryemail",
        "email1value",
        "email1",
    ),
    ContactField.PHONE: (
        "phone",
        "phonenumber",
        "businessphone",
        "workphone",
        "officephone",
        "phone1value",
        "telephone",
    ),
    ContactField.MOBILE: ("mobile", "mobilephone", "mobilephonenumber", "cellphone", "cell"),
    ContactField.COMPANY: (
        "accountname",
        "companyname",
        "company",
        "associatedcompany",
        "account",
        "organizationname",
        "organization1name",
        "organization",
        "organisation",
    ),
    ContactField.REPORTS_TO: (
        "reportsto",
        "reportstoname",
        "reportstofullname",
        "reportstoemail",
        "manager",
        "managersname",
        "managername",
        "manageremail",
        "linemanager",
    ),
    ContactField.OWNER: (
        "contactowner",
        "contactownername",
        "owner",
        "ownername",
        "ownerfullname",
        "owneremail",
        "hubspotowner",
        "recordowner",
        "accountowner",
    ),
    ContactField.KNOWN_BY: ("knownby", "knownbyteam"),
    ContactField.NOTES: ("notes", "note", "description", "comments", "comment"),
    ContactField.LEVEL: ("level",),
    ContactField.ROLE: ("role", "dealrole", "buyingrole", "contactrole"),
    ContactField.INFLUENCE: ("influence",),
    ContactField.ATTITUDE: ("attitude",),
    ContactField.INTEREST: ("interest",),
    ContactField.CARES_ABOUT: ("caresabout", "tags"),
    ContactField.CHANNEL: ("channel", "preferredchannel"),
    ContactField.CADENCE_DAYS: ("cadencedays", "cadence", "targetcadencedays"),
    ContactField.STATUS: ("status", "contactstatus"),
}


def header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", strip_accents(header).casefold())


def _field_named(text: str) -> ContactField | None:
    key = text.strip().casefold().replace(" ", "_").replace("-", "_")
    if key in ("", IGNORE, "none", "skip"):
        return None
    for member in ContactField:
        if key == member.value or header_key(text) == header_key(member.value):
            return member
    raise ValueError(text)


@dataclass(frozen=True)
class ColumnMapping:
    """Column header -> contact field, for the columns that are imported."""

    fields: dict[str, ContactField]

    @property
    def has_name(self) -> bool:
        mapped = set(self.fields.values())
        return bool(
            mapped & {ContactField.NAME, ContactField.FIRST_NAME, ContactField.LAST_NAME}
            or ContactField.EMAIL in mapped
        )

    def describe(self) -> list[str]:
        return [f"{column} → {f.value}" for column, f in self.fields.items()]

    def with_overrides(
        self, overrides: Mapping[str, str], headers: list[str], file: str
    ) -> ColumnMapping:
        """Apply the user's choices; a field they assign leaves any column it was guessed for."""
        fields = dict(self.fields)
        problems: list[str] = []
        for column, name in overrides.items():
            header = _find_header(column, headers)
            if header is None:
                problems.append(
                    f"the file has no column {column!r} (columns: {', '.join(headers)})"
                )
                continue
            try:
                wanted = _field_named(name)
            except ValueError:
                problems.append(
                    f"{name!r} is not a contact field; use one of: "
                    f"{', '.join(f.value for f in ContactField)}, or {IGNORE!r}"
                )
                continue
            fields.pop(header, None)
            if wanted is not None:
                for other in [c for c, f in fields.items() if f is wanted]:
                    del fields[other]
                fields[header] = wanted
        if problems:
            raise ImportFailed.single(file, "; ".join(problems))
        ordered = {h: fields[h] for h in headers if h in fields}
        return ColumnMapping(ordered)


def _find_header(column: str, headers: list[str]) -> str | None:
    if column in headers:
        return column
    folded = [h for h in headers if h.casefold() == column.strip().casefold()]
    if folded:
        return folded[0]
    keyed = [h for h in headers if header_key(h) == header_key(column)]
    return keyed[0] if len(keyed) == 1 else None


def recognise(headers: Iterable[str]) -> ColumnMapping:
    """The mapping guessed from the headers alone."""
    columns = list(headers)
    keys = [header_key(h) for h in columns]
    taken: dict[str, ContactField] = {}
    for wanted, aliases in ALIASES.items():
        for alias in aliases:
            column = next(
                (c for c, k in zip(columns, keys, strict=True) if k == alias and c not in taken),
                None,
            )
            if column is not None:
                taken[column] = wanted
                break
    return ColumnMapping({c: taken[c] for c in columns if c in taken})


def looks_like_contacts_header(cells: list[str]) -> bool:
    """True for a row that names at least two contact fields (to skip report title lines)."""
    return len(recognise(cells).fields) >= 2


def parse_map_options(options: Iterable[str]) -> dict[str, str]:
    """``["Work Mail=email", "Boss=reports_to"]`` (the command line's --map) -> a mapping."""
    mapping: dict[str, str] = {}
    for option in options:
        column, sep, name = option.rpartition("=")
        if not sep or not column.strip():
            raise ImportFailed.single(
                "--map", f"{option!r} should look like 'Column header=field', e.g. 'Mail=email'"
            )
        mapping[column.strip()] = name.strip()
    return mapping
