from __future__ import annotations

import pytest

from graph import schema as s
from graph.imports import ImportFailed, guess_kind, plan_file
from graph.workspace import Workspace

from . import samples
from .conftest import WriteFile


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("export.txt", samples.vcard4(), "vcards"),
        ("contacts.vcf", samples.vcard21_outlook(), "vcards"),
        ("calendar.txt", samples.ics(), "calendar"),
        ("sf.csv", samples.salesforce_csv(), "contacts"),
        (
            "unicode.txt",
            samples.excel_unicode_text([["Name", "Email"], ["A", "a@x.example"]]),
            "contacts",
        ),
        (
            "usage.csv",
            samples.european_csv([["Date", "Active users"], ["01.07.2026", "3"]]),
            "usage",
        ),
        ("usage.xlsx", samples.xlsx([["Month", "Hosts"], ["2026-07", 3]]), "usage"),
        (
            "people.xlsx",
            samples.xlsx([["Name", "Email", "Date"], ["A", "a@x.example", "x"]]),
            "contacts",
        ),
    ],
)
def test_guess_kind(write_file: WriteFile, name: str, data: bytes, kind: str) -> None:
    assert guess_kind(write_file(name, data)) == kind


def test_plan_file_uses_the_right_importer(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    plan = plan_file(ws, write_file("cards.txt", samples.vcard4()), account.id)
    assert plan.kind == "vcards" and plan.counts()["add"] == 1
    with pytest.raises(ImportFailed, match="no such file"):
        guess_kind(write_file("x.csv", b"").with_name("missing.csv"))


@pytest.mark.parametrize(
    ("name", "kind"),
    [("teams.csv", "attendance"), ("zoom.csv", "attendance"), ("a.eml", "mail"), ("b.txt", "mail")],
)
def test_guess_attendance_and_mail(write_file: WriteFile, name: str, kind: str) -> None:
    from . import activity_samples

    data = {
        "teams.csv": activity_samples.teams_report(),
        "zoom.csv": activity_samples.zoom_report(),
        "a.eml": activity_samples.eml(),
        "b.txt": activity_samples.mbox([activity_samples.eml()]),
    }[name]
    assert guess_kind(write_file(name, data)) == kind
