"""Imports into an account: contacts (CSV/XLSX), vCards, calendars (.ics), usage figures,
meeting attendance reports (Teams, Zoom) and mail (.eml, .mbox, .msg headers).

Every import is two steps, so the desktop wizard and the command line stay thin:

1. ``plan_contacts`` / ``plan_vcards`` / ``plan_calendar`` / ``plan_usage`` read the file and
   the workspace and return an ``ImportPlan`` (the dry run): per row what would be added,
   updated, left unchanged, skipped or is in conflict, the problems that block the import, and
   notes on what was decided (encoding, delimiter, date order). Nothing is written.
2. ``apply(ws, plan)`` writes it all in one transaction (all or nothing) and returns an
   ``AppliedImport`` whose ``undo(ws)`` takes it back: one undoable step.

Both steps accept ``progress(fraction)`` and ``cancelled() -> bool`` callbacks. Every error a
user can cause is an ``ImportFailed`` (a ``RapportError``) listing ``ImportProblem``s with file,
row and column; ``ImportCancelled`` is the one raised when the user stops an import.
``guess_kind(path)`` tells which importer a file is for (``plan_file`` picks it).
Contacts files with unknown headers go through ``preview_contacts`` (columns, guessed mapping,
first rows) and a ``mapping={"Column": "field"}`` (``parse_map_options`` reads ``--map``).
"""

from graph.imports.apply import AppliedImport, apply
from graph.imports.attendance import plan_attendance
from graph.imports.calendar import plan_calendar
from graph.imports.contact_columns import ColumnMapping, ContactField, parse_map_options
from graph.imports.contacts import ContactsPreview, plan_contacts, preview_contacts
from graph.imports.errors import ImportCancelled, ImportFailed, ImportProblem
from graph.imports.kinds import PLANNERS, guess_kind, plan_file
from graph.imports.mail import plan_mail
from graph.imports.plan import Action, Change, ImportPlan, PlanEntry
from graph.imports.usage import plan_usage
from graph.imports.vcards import plan_vcards

__all__ = [
    "PLANNERS",
    "Action",
    "AppliedImport",
    "Change",
    "ColumnMapping",
    "ContactField",
    "ContactsPreview",
    "ImportCancelled",
    "ImportFailed",
    "ImportPlan",
    "ImportProblem",
    "PlanEntry",
    "apply",
    "guess_kind",
    "parse_map_options",
    "plan_attendance",
    "plan_calendar",
    "plan_contacts",
    "plan_file",
    "plan_mail",
    "plan_usage",
    "plan_vcards",
    "preview_contacts",
]
