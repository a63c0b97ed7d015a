"""``rapport import``, ``rapport graph`` and ``rapport people`` from the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest

from desktop.cli import main
from graph import schema as s
from graph.workspace import Workspace

CSV = (
    "First Name,Last Name,Title,Department,Email,Phone,Account Name,Reports To\n"
    "Ana,Ruiz,VP Engineering,Engineering,ana.ruiz@acme.example,555-0101,Acme,\n"
    "Bo,Chen,SRE Lead,Engineering,bo.chen@acme.example,555-0102,Acme,Ana Ruiz\n"
    "Cy,Diaz,SRE,Engineering,{cy},555-0103,Acme,Bo Chen\n"
)


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    path = tmp_path / "p.rapport"
    with Workspace.create(path) as ws:
        ws.add(s.Account(name="Acme", renewal_date=dt.date(2027, 1, 31)))
    return path


def people(path: Path) -> dict[str, str]:
    with Workspace.open(path, readonly=True) as ws:
        account = ws.account_named("Acme")
        return {p.name: p.title for p in ws.people(account.id)}


def test_import_contacts_then_reimport_changes_nothing(portfolio, tmp_path, capsys) -> None:
    csv = tmp_path / "contacts.csv"
    csv.write_text(CSV.format(cy="cy.diaz@acme.example"), encoding="utf-8-sig")
    args = ["import", "contacts", str(portfolio), str(csv), "--account", "acme"]
    assert main([*args, "--dry-run"]) == 0
    assert "Would import contacts.csv (contacts): 3 added" in capsys.readouterr().out
    assert people(portfolio) == {}
    assert main(args) == 0
    assert "3 added" in capsys.readouterr().out
    assert people(portfolio) == {
        "Ana Ruiz": "VP Engineering",
        "Bo Chen": "SRE Lead",
        "Cy Diaz": "SRE",
    }
    assert main(args) == 0
    assert "0 added, 0 updated, 3 unchanged" in capsys.readouterr().out


def test_bad_row_names_file_row_and_column_and_writes_nothing(portfolio, tmp_path, capsys) -> None:
    csv = tmp_path / "contacts.csv"
    csv.write_text(CSV.format(cy="cy@acme"), encoding="utf-8")
    code = main(["import", "contacts", str(portfolio), str(csv), "--account", "Acme"])
    err = capsys.readouterr().err
    assert code == 1
    assert "contacts.csv, row 4, column 'Email': 'cy@acme' is not an email address" in err
    assert "Traceback" not in err
    assert people(portfolio) == {}


def test_map_option(portfolio, tmp_path, capsys) -> None:
    csv = tmp_path / "odd.csv"
    csv.write_text("Who,Job,Mail\nDee Park,CTO,dee@acme.example\n", encoding="utf-8")
    args = [
        "import",
        "contacts",
        str(portfolio),
        str(csv),
        "--account",
        "Acme",
        "--map",
        "Who=name",
        "--map",
        "Job=title",
        "--map",
        "Mail=email",
    ]
    assert main(args) == 0, capsys.readouterr().err
    assert people(portfolio) == {"Dee Park": "CTO"}
    assert (
        main(
            ["import", "usage", str(portfolio), str(csv), "--account", "Acme", "--map", "Who=name"]
        )
        == 1
    )
    assert "contacts files only" in capsys.readouterr().err


def test_graph_and_people_exports(portfolio, tmp_path, capsys) -> None:
    csv = tmp_path / "contacts.csv"
    csv.write_text(CSV.format(cy="cy.diaz@acme.example"), encoding="utf-8")
    main(["import", "contacts", str(portfolio), str(csv), "--account", "Acme"])
    graphml, gexf, js, listing = (tmp_path / f"g.{x}" for x in ("graphml", "gexf", "json", "csv"))
    for out in (graphml, gexf, js):
        assert main(["graph", str(portfolio), "--account", "Acme", "--out", str(out)]) == 0
    G = nx.read_graphml(graphml)
    assert sorted(d["name"] for _, d in G.nodes(data=True)) == ["Ana Ruiz", "Bo Chen", "Cy Diaz"]
    assert G.number_of_edges() == 2
    assert nx.read_gexf(gexf).number_of_nodes() == 3
    doc = json.loads(js.read_text(encoding="utf-8"))
    assert len(doc["graph"]["nodes"]) == 3 and doc["account"]["name"] == "Acme"
    assert main(["people", str(portfolio), "--account", "Acme", "--out", str(listing)]) == 0
    assert listing.read_bytes().startswith(b"\xef\xbb\xbfName,")
    assert (
        main(["graph", str(portfolio), "--account", "Acme", "--out", str(tmp_path / "g.png")]) == 1
    )
    assert ".graphml, .gexf or .json" in capsys.readouterr().err
