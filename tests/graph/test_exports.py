from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from graph import schema as s
from graph.exports import (
    PEOPLE_COLUMNS,
    ExportFailed,
    export_account,
    export_graph,
    write_gexf,
    write_graph_json,
    write_graphml,
    write_people_csv,
)
from graph.imports import apply, plan_contacts
from graph.vocabulary import CoverageKind, DealRole, Level, RelationKind
from graph.workspace import Workspace


@pytest.fixture
def mapped(ws: Workspace, account: s.Account) -> dict[str, int]:
    with ws.batch():
        ana = ws.add(
            s.Person(
                account_id=account.id,
                name="Ana Ruiz",
                title="CIO",
                email="ana@northwind.example",
                level=Level.EXECUTIVE,
                role=DealRole.ECONOMIC_BUYER,
                influence=5,
                cares_about=["roi", "uptime"],
                notes="Prefers short updates,\nquarterly.",
            )
        )
        bo = ws.add(
            s.Person(
                account_id=account.id,
                name="Bo Li",
                title="SRE",
                phone="+1 555 0100",
                role=DealRole.CHAMPION,
                attitude=2,
                cadence_days=7,
            )
        )
        eve = ws.add(s.Person(account_id=account.id, name='=HYPERLINK("x")', attitude=-1))
        tina = ws.add(s.TeamMember(name="Tina Tam", email="tina@vendor.example"))
        sam = ws.add(s.TeamMember(name="Sam Support"))
        ws.set_manager(bo.id, ana.id)
        ws.add(
            s.Relationship(
                account_id=account.id,
                kind=RelationKind.INFLUENCES,
                source_id=bo.id,
                target_id=ana.id,
                strength=3,
            )
        )
        ws.add(
            s.Relationship(
                account_id=account.id, kind=RelationKind.CONFLICT, source_id=eve.id, target_id=bo.id
            )
        )
        ws.add(s.Coverage(member_id=tina.id, person_id=ana.id, kind=CoverageKind.OWNS))
        ws.add(s.Coverage(member_id=sam.id, person_id=ana.id, kind=CoverageKind.KNOWS))
        ws.log_interaction(account.id, dt.datetime(2026, 11, 1, 9), people=[ana.id], team=[tina.id])
    ws.set_positions(account.id, "map", {f"p{ana.id}": (10.0, 20.0), f"t{tina.id}": (-5, 3)})
    return {"ana": ana.id, "bo": bo.id, "eve": eve.id, "tina": tina.id, "sam": sam.id}


def test_export_graph_has_plain_attributes(
    ws: Workspace, account: s.Account, mapped: dict[str, int]
) -> None:
    graph = export_graph(ws, account.id, view="map")
    ana = graph.nodes[f"p{mapped['ana']}"]
    assert ana["label"] == "Ana Ruiz" and ana["level"] == "executive"
    assert ana["cares_about"] == "roi, uptime" and ana["x"] == 10.0
    assert ana["last_contact"] == "2026-11-01T09:00:00"
    for _node, data in graph.nodes(data=True):
        assert all(type(v) in (str, int, float, bool) for v in data.values()), data
    for _u, _v, data in graph.edges(data=True):
        assert all(type(v) in (str, int, float, bool) for v in data.values()), data
    kinds = sorted(d["kind"] for _u, _v, d in graph.edges(data=True))
    assert kinds == ["conflict", "influences", "knows", "owns", "reports_to"]


def test_graphml_round_trip(
    ws: Workspace, account: s.Account, mapped: dict[str, int], tmp_path: Path
) -> None:
    path = write_graphml(ws, account.id, tmp_path / "northwind.graphml", view="map")
    root = etree.parse(str(path)).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {k.get("id"): k.get("attr.name") for k in root.iterfind("g:key", ns)}
    edges = root.findall("g:graph/g:edge", ns)
    ids = [e.get("id") for e in edges]
    assert len(ids) == 5 and len(set(ids)) == 5
    bo, ana, eve = (f"p{mapped[n]}" for n in ("bo", "ana", "eve"))

    def data(element: etree._Element) -> dict[str, str]:
        return {keys[d.get("key")]: d.text or "" for d in element.iterfind("g:data", ns)}

    by_kind = {data(e)["kind"]: e for e in edges}
    influence = by_kind["influences"]
    assert (influence.get("source"), influence.get("target")) == (bo, ana)
    assert influence.get("directed") is None and data(influence)["strength"] == "3"
    conflict = by_kind["conflict"]
    assert conflict.get("directed") == "false"  # ally and conflict links have no direction
    assert {conflict.get("source"), conflict.get("target")} == {bo, eve}
    bo_node = next(n for n in root.iterfind("g:graph/g:node", ns) if n.get("id") == bo)
    assert data(bo_node)["role"] == "champion"


def test_gexf_round_trip_with_positions(
    ws: Workspace, account: s.Account, mapped: dict[str, int], tmp_path: Path
) -> None:
    path = write_gexf(ws, account.id, tmp_path / "northwind.gexf", view="map")
    root = etree.parse(str(path)).getroot()
    ns = {"x": "http://gexf.net/1.3"}
    assert root.get("version") == "1.3"
    ana = next(n for n in root.iterfind(".//x:node", ns) if n.get("id") == f"p{mapped['ana']}")
    position = ana.find("x:position", ns)
    assert (position.get("x"), position.get("y")) == ("10.0", "-20.0")  # Gephi's y points up
    colour = ana.find("x:color", ns)
    assert (colour.get("r"), colour.get("g"), colour.get("b")) == ("163", "169", "179")
    edges = root.findall(".//x:edge", ns)
    assert sorted(e.get("type") for e in edges).count("undirected") == 1
    assert ana.get("label") == "Ana Ruiz" and len(edges) == 5
    assert len({e.get("id") for e in edges}) == 5


def test_json_export(
    ws: Workspace, account: s.Account, mapped: dict[str, int], tmp_path: Path
) -> None:
    path = write_graph_json(ws, account.id, tmp_path / "northwind.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "rapport-account-graph" and data["version"] == 1
    assert data["account"] == {"id": account.id, "name": "Northwind"}
    graph = nx.node_link_graph(data["graph"], edges="edges")
    assert graph.is_multigraph() and graph.number_of_nodes() == 5


def test_people_csv_opens_in_excel_and_imports_back_unchanged(
    ws: Workspace, account: s.Account, mapped: dict[str, int], tmp_path: Path
) -> None:
    path = write_people_csv(ws, account.id, tmp_path / "people.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert rows[0] == list(PEOPLE_COLUMNS)
    by_name = {r[0]: dict(zip(PEOPLE_COLUMNS, r, strict=True)) for r in rows[1:]}
    ana = by_name["Ana Ruiz"]
    assert (ana["Level"], ana["Role"], ana["Cares about"], ana["Owner"], ana["Known by"]) == (
        "Executive",
        "Economic buyer",
        "roi, uptime",
        "Tina Tam",
        "Sam Support",
    )
    assert by_name["Bo Li"]["Reports to"] == "ana@northwind.example"
    assert by_name["Bo Li"]["Phone"] == "+1 555 0100"  # a phone number is not a formula
    assert '\'=HYPERLINK("x")' in by_name  # a formula is neutralised

    plan = plan_contacts(ws, path, account.id)
    assert plan.ok and not plan.has_changes, [str(e) for e in plan.entries]
    assert plan.counts()["unchanged"] == 3


def test_people_csv_round_trip_into_a_new_account(
    ws: Workspace, account: s.Account, mapped: dict[str, int], tmp_path: Path
) -> None:
    path = write_people_csv(ws, account.id, tmp_path / "people.csv")
    copy = ws.add(s.Account(name="Northwind (copy)"))
    apply(ws, plan_contacts(ws, path, copy.id))
    original = {p.name: p for p in ws.people(account.id)}
    for person in ws.people(copy.id):
        before = original[person.name]
        for field in (
            "title",
            "email",
            "phone",
            "level",
            "role",
            "influence",
            "attitude",
            "cares_about",
            "cadence_days",
            "notes",
        ):
            assert getattr(person, field) == getattr(before, field), field


def test_export_by_extension_and_failures(
    ws: Workspace, account: s.Account, mapped: dict[str, int], tmp_path: Path
) -> None:
    for suffix in (".graphml", ".gexf", ".json", ".csv"):
        assert export_account(ws, account.id, tmp_path / f"out{suffix}").stat().st_size > 100
    with pytest.raises(ExportFailed, match=r"use one of \.graphml, \.gexf, \.json, \.csv, \.xlsx"):
        export_account(ws, account.id, tmp_path / "out.pdf")
    with pytest.raises(ExportFailed, match="cannot write there"):
        export_account(ws, account.id, tmp_path / "missing" / "out.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "out.csv",
        "out.gexf",
        "out.graphml",
        "out.json",
        "portfolio.rapport",
    ]


def test_people_workbook_keeps_phones_as_text_and_imports_back(
    ws: Workspace, account: s.Account, mapped: dict[str, int], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from graph.exports import write_people_xlsx

    ws.update(s.Person, mapped["bo"], phone="+15550100")
    path = write_people_xlsx(ws, account.id, tmp_path / "people.xlsx")
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert header == list(PEOPLE_COLUMNS)
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    phone = rows["Bo Li"][header.index("Phone")]
    assert phone.value == "+15550100" and phone.data_type == "s"
    formula = rows['=HYPERLINK("x")'][0]
    assert formula.data_type == "s" and formula.quotePrefix  # shown as typed, never run
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    plan = plan_contacts(ws, path, account.id)
    assert plan.ok and not plan.has_changes, [str(e) for e in plan.entries]


def test_known_by_round_trips_into_a_new_workspace(
    ws: Workspace, account: s.Account, mapped: dict[str, int], tmp_path: Path
) -> None:
    path = write_people_csv(ws, account.id, tmp_path / "people.csv")
    fresh = Workspace.create(tmp_path / "fresh.rapport", today=lambda: dt.date(2026, 11, 22))
    try:
        copy = fresh.add(s.Account(name="Northwind"))
        with fresh.batch():
            tina = fresh.add(s.TeamMember(name="Tina Tam", email="tina@vendor.example"))
            sam = fresh.add(s.TeamMember(name="Sam Support"))
        plan = plan_contacts(fresh, path, copy.id)
        assert plan.ok
        apply(fresh, plan)
        ana = next(p for p in fresh.people(copy.id) if p.name == "Ana Ruiz")
        kinds = {(c.member_id, c.kind) for c in fresh.coverage(copy.id) if c.person_id == ana.id}
        assert kinds == {(tina.id, CoverageKind.OWNS), (sam.id, CoverageKind.KNOWS)}
        again = plan_contacts(fresh, path, copy.id)
        assert not again.has_changes
    finally:
        fresh.close()
