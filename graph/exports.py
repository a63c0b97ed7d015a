"""An account's stakeholder graph and people list, in formats other tools open.

- GraphML (yEd, Cytoscape, Gephi) and GEXF (Gephi): the graph of ``graph.networks.account_graph``
  (people "p<id>", team members "t<id>", one edge per relationship or coverage link), with
  plain attribute values those formats can hold, a ``label`` per node, and, given a map view,
  the card positions (``x``/``y``; GEXF ``viz:position`` so Gephi opens the user's layout).
- JSON: the same graph in networkx node-link form, inside a small versioned envelope.
- CSV: the people list, UTF-8 with a byte-order mark so Excel shows accents right, with the
  column names the contacts import recognises: exporting and importing back changes nothing.
  Cells that Excel would run as formulas are prefixed with a quote (CSV injection).

Every writer writes to a temporary file next to the target and renames it into place, so a
failed export never leaves half a file behind.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import IO, Any, Protocol

import networkx as nx

from graph import graph_files
from graph import schema as s
from graph.errors import RapportError
from graph.files import FileWriteError, atomic_open, clean_stale
from graph.imports.values import guard
from graph.networks import account_graph
from graph.nodes import parse_node
from graph.text import xml_text
from graph.vocabulary import CoverageKind, RelationKind
from graph.workspace import Workspace

JSON_FORMAT = "rapport-account-graph"
JSON_VERSION = 1
PEOPLE_COLUMNS = (
    "Name",
    "Title",
    "Department",
    "Email",
    "Phone",
    "Level",
    "Role",
    "Influence",
    "Attitude",
    "Interest",
    "Cares about",
    "Channel",
    "Cadence days",
    "Status",
    "Reports to",
    "Owner",
    "Known by",
    "Notes",
)


class ExportFailed(RapportError):
    """The export could not be written; no file was left behind."""


def plain(value: Any) -> str | int | float | bool | None:
    """A value GraphML and GEXF can store: enums by value, lists comma-joined, dates in ISO."""
    if isinstance(value, Enum):  # first: a StrEnum is a str, but writers refuse it
        return str(value.value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(plain(v)) for v in value)
    return str(value)


def _plain_attributes(data: dict[str, Any]) -> None:
    for key in list(data):
        value = plain(data[key])
        if value is None:
            del data[key]
        else:
            data[key] = value


def export_graph(ws: Workspace, account_id: int, *, view: str | None = None) -> nx.MultiDiGraph:
    """The account graph as exported: plain attributes, labels, people details, positions."""
    graph = account_graph(ws, account_id)
    account = ws.get(s.Account, account_id)
    graph.graph.update(name=account.name, account_id=account_id, exported_by="Rapport")
    people = {p.id: p for p in ws.people(account_id)}
    positions = ws.positions(account_id, view) if view else {}
    for node, data in graph.nodes(data=True):
        kind, record_id = parse_node(node)
        data["label"] = data.get("name", node)
        person = people.get(record_id) if kind == "person" else None
        if person is not None:
            data.update(email=person.email, cares_about=person.cares_about, channel=person.channel)
        if node in positions:
            x, y = positions[node]
            data.update(x=float(x), y=float(y))
        _plain_attributes(data)
    for _u, _v, data in graph.edges(data=True):
        undirected = data.get("kind") in (RelationKind.ALLY, RelationKind.CONFLICT)
        data.setdefault("directed", not undirected)
        data.setdefault("weight", float(data.get("strength", 1)))
        _plain_attributes(data)
    return graph


@contextmanager
def _atomic(path: Path, mode: str, **open_args: Any) -> Iterator[IO[Any]]:
    """Write ``path`` all at once: a temporary sibling, renamed into place when complete."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportFailed(f"{path}: cannot write there (the folder {path.parent} does not exist)")
    clean_stale(path.parent)
    try:
        with atomic_open(path, mode, "the export", **open_args) as stream:
            yield stream
    except FileWriteError as exc:
        raise ExportFailed(str(exc)) from exc


def _xml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Drop from text attributes what XML 1.0 cannot hold (a form feed from an old import)."""
    attribute_sets = [graph.graph]
    attribute_sets += [data for _n, data in graph.nodes(data=True)]
    attribute_sets += [data for _u, _v, data in graph.edges(data=True)]
    for data in attribute_sets:
        for key, value in data.items():
            if isinstance(value, str):
                data[key] = xml_text(value)
    return graph


def _write_document(path: Path, document: bytes) -> Path:
    """The one place a graph file is written."""
    with _atomic(path, "wb") as stream:
        stream.write(document)
    return path


def write_graphml(
    ws: Workspace, account_id: int, path: str | Path, *, view: str | None = None
) -> Path:
    """GraphML 1.0, valid against its schema (graph.graph_files)."""
    graph = _xml_safe(export_graph(ws, account_id, view=view))
    return _write_document(Path(path), graph_files.graphml_document(graph))


def write_gexf(
    ws: Workspace, account_id: int, path: str | Path, *, view: str | None = None
) -> Path:
    """GEXF 1.3 with the map's positions and colours, valid against its schema."""
    graph = _xml_safe(export_graph(ws, account_id, view=view))
    description = f"{graph.graph['name']}: stakeholder map exported by Rapport"
    return _write_document(Path(path), graph_files.gexf_document(graph, description=description))


def graph_json(ws: Workspace, account_id: int, *, view: str | None = None) -> dict[str, Any]:
    graph = export_graph(ws, account_id, view=view)
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "account": {"id": account_id, "name": graph.graph["name"]},
        "graph": nx.node_link_data(graph, edges="edges"),
    }


def write_graph_json(
    ws: Workspace, account_id: int, path: str | Path, *, view: str | None = None
) -> Path:
    data = graph_json(ws, account_id, view=view)
    with _atomic(Path(path), "w", encoding="utf-8") as stream:
        json.dump(data, stream, ensure_ascii=False, indent=2, default=str)
    return Path(path)


def _label(value: Any) -> str:
    label = getattr(value, "label", None)
    return str(label) if isinstance(label, str) else "" if value is None else str(value)


def people_rows(ws: Workspace, account_id: int) -> list[list[str]]:
    """The people list as text cells, one row per person, under ``PEOPLE_COLUMNS``."""
    people = ws.people(account_id)
    by_id = {p.id: p for p in people}
    managers = {
        r.source_id: by_id[r.target_id]
        for r in ws.relationships(account_id)
        if r.kind is RelationKind.REPORTS_TO and r.target_id in by_id
    }
    members = {m.id: m for m in ws.team()}
    owners: dict[int, list[str]] = {}
    knowers: dict[int, list[str]] = {}
    for c in ws.coverage(account_id):
        name = members[c.member_id].name if c.member_id in members else ""
        target = owners if c.kind is CoverageKind.OWNS else knowers
        target.setdefault(c.person_id, []).append(name)
    rows = []
    for p in sorted(people, key=lambda p: (p.name.casefold(), p.id)):
        manager = managers.get(p.id)
        rows.append(
            [
                p.name,
                p.title,
                p.department,
                p.email,
                p.phone,
                _label(p.level),
                _label(p.role),
                str(p.influence),
                str(p.attitude),
                str(p.interest),
                ", ".join(p.cares_about),
                _label(p.channel),
                "" if p.cadence_days is None else str(p.cadence_days),
                _label(p.status),
                (manager.email or manager.name) if manager else "",
                (owners.get(p.id) or [""])[0],
                ", ".join(sorted(set(owners.get(p.id, [])[1:] + knowers.get(p.id, [])))),
                p.notes,
            ]
        )
    return rows


def write_people_csv(ws: Workspace, account_id: int, path: str | Path) -> Path:
    """The people list as CSV for Excel: UTF-8 with BOM, comma-separated, CRLF lines."""
    rows = people_rows(ws, account_id)
    with _atomic(Path(path), "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(PEOPLE_COLUMNS)
        writer.writerows([guard(cell) for cell in row] for row in rows)
    return Path(path)


def write_people_xlsx(ws: Workspace, account_id: int, path: str | Path) -> Path:
    """The people list as a workbook whose cells are all text: phone numbers stay as typed."""
    from graph.people_workbook import write_people_workbook

    rows = people_rows(ws, account_id)
    title = f"People of {ws.get(s.Account, account_id).name}"
    with _atomic(Path(path), "wb") as stream:
        write_people_workbook(stream, PEOPLE_COLUMNS, rows, title)
    return Path(path)


class GraphWriter(Protocol):
    def __call__(
        self, ws: Workspace, account_id: int, path: str | Path, *, view: str | None = None
    ) -> Path: ...


# Which writer a file's suffix calls for: the graph (with a map view's positions) or the people.
GRAPH_WRITERS: dict[str, GraphWriter] = {
    ".graphml": write_graphml,
    ".gexf": write_gexf,
    ".json": write_graph_json,
}
PEOPLE_WRITERS: dict[str, Callable[[Workspace, int, str | Path], Path]] = {
    ".csv": write_people_csv,
    ".xlsx": write_people_xlsx,
}
WRITERS: dict[str, Callable[[Workspace, int, Path], Path]] = {**GRAPH_WRITERS, **PEOPLE_WRITERS}


def export_account(ws: Workspace, account_id: int, path: str | Path) -> Path:
    """Export by file extension: .graphml, .gexf, .json (the graph) or .csv, .xlsx (the
    people)."""
    path = Path(path)
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise ExportFailed(
            f"{path.name}: cannot export to {path.suffix or 'a file without extension'}; "
            f"use one of {', '.join(WRITERS)}"
        )
    return writer(ws, account_id, path)
