"""A contacts file with no level or role column: both are suggested from each title."""

from __future__ import annotations

from graph import schema as s
from graph.imports import apply, plan_contacts
from graph.vocabulary import DealRole, Level
from graph.workspace import Workspace

from . import samples
from .conftest import WriteFile


def test_hubspot_export_gets_level_and_role_from_the_title(
    ws: Workspace, account: s.Account, team: dict[str, s.TeamMember], write_file: WriteFile
) -> None:
    plan = plan_contacts(ws, write_file("hubspot.csv", samples.hubspot_csv()), account.id)
    femi = next(e for e in plan.added if "Femi" in e.what)
    assert femi.reason == "level Operations and role Primary user suggested from the title"
    apply(ws, plan)
    people = {p.email.lower(): p for p in ws.people(account.id)}
    ana = people["ana.ruiz@northwind.example"]
    femi_p = people["femi.adeyemi@northwind.example"]
    assert (femi_p.level, femi_p.role) == (Level.OPERATIONS, DealRole.PRIMARY_USER)
    oncall = people["ops-oncall@northwind.example"]  # no title: the defaults stay
    assert (oncall.level, oncall.role) == (Level.OPERATIONS, DealRole.OTHER)
    assert (ana.level, ana.role) == (Level.EXECUTIVE, DealRole.TECHNICAL_BUYER)  # "CIO"


def test_a_level_in_the_file_wins_and_the_role_is_still_suggested(
    ws: Workspace, account: s.Account, write_file: WriteFile
) -> None:
    rows = [
        ["Vorname", "Nachname", "E-Mail", "Position", "Level"],
        ["Jonas", "Becker", "jonas.becker@example.de", "Leiter IT", "Operations"],
        ["Claire", "Martin", "claire.martin@example.fr", "Directeur financier", ""],
    ]
    plan = plan_contacts(ws, write_file("kontakte.csv", samples.european_csv(rows)), account.id)
    apply(ws, plan)
    people = {p.name: p for p in ws.people(account.id)}
    assert people["Jonas Becker"].level is Level.OPERATIONS  # as the file says
    assert people["Jonas Becker"].role is DealRole.TECHNICAL_BUYER
    assert (people["Claire Martin"].level, people["Claire Martin"].role) == (
        Level.EXECUTIVE,
        DealRole.ECONOMIC_BUYER,
    )
