"""Control characters from imported files: cleaned on the way in, harmless on the way out."""

from __future__ import annotations

import csv
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from graph import schema as s
from graph.exports import write_gexf, write_graphml, write_people_csv
from graph.imports import apply, plan_contacts
from graph.imports.values import guard
from graph.text import clean, printable
from graph.vocabulary import CoverageKind
from graph.workspace import Workspace

HOSTILE = ["Form\x0cFeed", "\x1b[31mRed Alert\x1b[0m", "Bell\x07 Ringer", "Nul\x00 Byte"]


def test_cleaning_keeps_tabs_and_line_breaks_only_where_a_field_allows_them() -> None:
    assert clean("a\tb\nc\x0cd\x1b[0m\x7f\x85") == "a b cd[0m"
    assert clean("a\tb\r\nc\rd\x0c", multiline=True) == "a\tb\nc\nd"
    assert printable("\x1b[31mName\x07\n") == "\\x1b[31mName\\x07\\n"


def test_workspace_stores_text_without_control_characters(
    ws: Workspace, account: s.Account
) -> None:
    person = ws.add(
        s.Person(account_id=account.id, name="Ana\x0c Ruiz", notes="line 1\r\nline\t2\x1b")
    )
    assert (person.name, person.notes) == ("Ana Ruiz", "line 1\nline\t2")
    ws.update(s.Person, person.id, title="CIO\x0b\x1b[2J")
    assert ws.get(s.Person, person.id).title == "CIO[2J"


def test_contacts_import_cleans_names(ws: Workspace, account: s.Account, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Name", "Email", "Title"])
        for i, name in enumerate(HOSTILE[:3]):
            writer.writerow([name, f"p{i}@northwind.example", "Dir\x0cector"])
    plan = plan_contacts(ws, path, account.id)
    assert not plan.problems
    apply(ws, plan)
    names = sorted(p.name for p in ws.people(account.id))
    assert names == sorted(["FormFeed", "[31mRed Alert[0m", "Bell Ringer"])
    assert {p.title for p in ws.people(account.id)} == {"Director"}


@pytest.fixture
def old_file(ws_path: Path, ws: Workspace, account: s.Account) -> Path:
    """A file written before text was cleaned: control characters straight in the tables."""
    tam = ws.add(s.TeamMember(name="Tam"))
    zed = ws.add(s.TeamMember(name="Zed"))
    for i in range(len(HOSTILE)):
        person = ws.add(s.Person(account_id=account.id, name=f"P{i}"))
        owner, knower = (tam, zed) if i % 2 == 0 else (zed, tam)
        ws.add(s.Coverage(member_id=owner.id, person_id=person.id, kind=CoverageKind.OWNS))
        ws.add(s.Coverage(member_id=knower.id, person_id=person.id, kind=CoverageKind.KNOWS))
    ws.close()
    conn = sqlite3.connect(ws_path)
    with conn:
        for i, name in enumerate(HOSTILE, start=1):
            conn.execute(
                "UPDATE people SET name = ?, title = ?, notes = ? WHERE id = ?",
                (name, name, "note\x0c" + name, i),
            )
        conn.execute("UPDATE accounts SET name = 'North\x0cwind'")
        conn.execute("UPDATE team_members SET name = ? WHERE name = 'Tam'", ("\n=1+1",))
    conn.close()
    return ws_path


@pytest.mark.parametrize("writer", [write_graphml, write_gexf])
def test_xml_exports_of_an_old_file_parse(old_file: Path, tmp_path: Path, writer: object) -> None:
    assert callable(writer)
    out = tmp_path / "g.xml"
    with Workspace.open(old_file, readonly=True) as ws:
        writer(ws, 1, out)
    root = ET.parse(out).getroot()  # raises on any character XML 1.0 cannot hold
    text = ET.tostring(root, encoding="unicode")
    assert "FormFeed" in text and "Red Alert" in text


def test_people_csv_guards_team_names_and_arithmetic_phones(old_file: Path, tmp_path: Path) -> None:
    with Workspace.open(old_file) as ws:
        ws.update(s.Person, ws.people(1)[0].id, phone="+1-1")
        out = write_people_csv(ws, 1, tmp_path / "people.csv")
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {row["Owner"] for row in rows} == {"'\n=1+1", "Zed"}
    assert {row["Known by"] for row in rows} == {"'\n=1+1", "Zed"}
    assert "'+1-1" in {row["Phone"] for row in rows}
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), value


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ("+1-1", True),
        ("-2+3", True),
        ("\n=1+1", True),
        ("+1 555 0100", False),
        ("+1 (206) 555-0100", False),
        ("-3", False),
    ],
)
def test_guard(text: str, guarded: bool) -> None:
    assert guard(text).startswith("'") is guarded
