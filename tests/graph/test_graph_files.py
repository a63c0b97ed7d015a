"""Every GraphML and GEXF export of every sample account validates against the published
schemas (GraphML 1.0, GEXF 1.3), and export files are as readable as any file the user makes."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from graph import schema as s
from graph.exports import write_gexf, write_graphml, write_people_csv
from graph.samples import write_sample
from graph.workspace import Workspace

# The published schemas, kept with the tests (as published; see schemas/README.md).
SCHEMAS = Path(__file__).parent / "schemas"
VIEWS = (None, "org", "network")


def _schema(env: str, relative: str) -> etree.XMLSchema:
    path = Path(os.environ.get(env, SCHEMAS)) / relative
    return etree.XMLSchema(etree.parse(str(path)))


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    folder = tmp_path_factory.mktemp("sample")
    ws = Workspace.create(folder / "sample.rapport", today=lambda: dt.date(2026, 11, 22))
    write_sample(ws)
    yield ws
    ws.close()


@pytest.mark.parametrize("view", VIEWS)
def test_every_sample_export_validates(sample: Workspace, view: str | None, tmp_path: Path) -> None:
    graphml = _schema("RAPPORT_SCHEMAS", "graphml/graphml.xsd")
    gexf = _schema("RAPPORT_SCHEMAS", "gexf13/gexf.xsd")
    accounts = sample.accounts()
    assert len(accounts) == 4
    for account in accounts:
        for suffix, writer, schema in (
            (".graphml", write_graphml, graphml),
            (".gexf", write_gexf, gexf),
        ):
            path = writer(sample, account.id, tmp_path / f"{account.id}{suffix}", view=view)
            document = etree.parse(str(path))
            assert schema.validate(document), (account.name, suffix, schema.error_log)


def test_edge_ids_unique_and_undirected_kinds(sample: Workspace, tmp_path: Path) -> None:
    account = next(a for a in sample.accounts() if a.name.startswith("Tidewater"))
    path = write_graphml(sample, account.id, tmp_path / "t.graphml")
    root = etree.parse(str(path)).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    edges = root.findall("g:graph/g:edge", ns)
    assert len(edges) > 30
    assert len({e.get("id") for e in edges}) == len(edges)
    relationships = sample.relationships(account.id)
    undirected = {f"r{r.id}" for r in relationships if not r.kind.directed}
    assert undirected
    assert {e.get("id") for e in edges if e.get("directed") == "false"} == undirected


def test_control_characters_never_reach_the_xml(
    ws: Workspace, account: s.Account, tmp_path: Path
) -> None:
    from graph.graph_files import xml_text

    assert xml_text("A\x0cB\x00C\tD\nE") == "ABC\tD\nE"
    ws.add(s.Person(account_id=account.id, name="Ana Ruiz"))
    for writer, suffix in ((write_graphml, ".graphml"), (write_gexf, ".gexf")):
        etree.parse(str(writer(ws, account.id, tmp_path / f"g{suffix}")))


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_export_files_follow_the_umask(
    ws: Workspace, account: s.Account, tmp_path: Path, umask: int
) -> None:
    previous = os.umask(umask)
    try:
        paths = [
            write_graphml(ws, account.id, tmp_path / "g.graphml"),
            write_gexf(ws, account.id, tmp_path / "g.gexf"),
            write_people_csv(ws, account.id, tmp_path / "p.csv"),
        ]
    finally:
        os.umask(previous)
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path
