"""The item models of the wizard pass Qt's model tester and show what the pages promise."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop.import_wizard.contacts_preview_model import ContactsPreviewModel
from desktop.import_wizard.entries_model import EntryFilter, PlanEntriesModel
from graph.imports import Action, Change, ColumnMapping, ContactField, PlanEntry

ENTRIES = [
    PlanEntry(Action.ADD, "Ana Ruiz <ana@northwind.example>", 2),
    PlanEntry(
        Action.UPDATE, "Bruno Costa", 3, changes=(Change("title", "SRE", "Director, Platform"),)
    ),
    PlanEntry(Action.SKIP, "Contoso Ltd", 7, reason="another company"),
    PlanEntry(Action.CONFLICT, "Chloé Dubois", 4, reason="owner is not in your team"),
    PlanEntry(Action.SKIP, "calendar entry", reason="no attendee from the account"),
]


def test_entries_and_their_filter(qtmodeltester: Any) -> None:
    model = PlanEntriesModel()
    model.set_entries(ENTRIES)
    qtmodeltester.check(model)
    assert model.index(1, 3).data() == "title: SRE → Director, Platform"
    assert model.index(2, 1).data() == "row 7" and model.index(4, 1).data() == ""
    entries = EntryFilter()
    entries.setSourceModel(model)
    qtmodeltester.check(entries)
    entries.set_action(Action.SKIP)
    assert [entries.index(r, 2).data() for r in range(entries.rowCount())] == [
        "Contoso Ltd",
        "calendar entry",
    ]
    entries.set_text("attendee")
    assert entries.rowCount() == 1
    entries.set_action(None)
    entries.set_text("DIRECTOR")
    assert entries.rowCount() == 1 and entries.index(0, 0).data() == "Update"
    qtmodeltester.check(entries)


def test_preview_reads_rows_as_the_importer_would(qtmodeltester: Any) -> None:
    headers = ["First", "Last", "Mail", "Job"]
    sample = [
        ["Ana", "Ruiz", "Ana Ruiz <ana.ruiz@northwind.example>", "CIO"],
        ["", "", "jose.garcia@northwind.example", "SRE"],
        ["Eve", "", "eve at northwind", ""],
        ["", "", "", "Intern"],
    ]
    mapping = ColumnMapping(
        {
            "First": ContactField.FIRST_NAME,
            "Last": ContactField.LAST_NAME,
            "Mail": ContactField.EMAIL,
            "Job": ContactField.TITLE,
        }
    )
    model = ContactsPreviewModel()
    model.set_rows(headers, sample, mapping)
    qtmodeltester.check(model)
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert columns == ["Name", "Job title", "Email"]
    rows = [[model.index(r, c).data() for c in range(3)] for r in range(4)]
    assert rows[0] == ["Ana Ruiz", "CIO", "ana.ruiz@northwind.example"]
    assert rows[1][0] == "Jose Garcia"  # named from the address, as the importer does
    assert model.cell(2, 2).problem and model.index(2, 2).data(Qt.ItemDataRole.ForegroundRole)
    assert rows[3][0] == "skipped: no name or email"


def test_request_passes_skip_bad_and_company_to_people_importers() -> None:
    from desktop.import_wizard.request import ImportRequest

    request = ImportRequest(kind="contacts", skip_bad=True, company="IBM")
    assert request.options() == {"skip_bad": True, "company": "IBM"}
    request.kind = "calendar"
    assert request.options() == {}
