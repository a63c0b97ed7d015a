"""GraphML 1.0 and GEXF 1.3 documents of an exported account graph, valid against their schemas.

Written by hand rather than with networkx's writers, which give every edge its multigraph key
as id (``id="influences"`` thirty times: invalid GraphML, and Gephi drops each edge whose id it
has seen), write every edge of a directed graph as directed, and only know GEXF 1.2draft.

- Edge ids are the records': ``r<id>`` for a relationship, ``c<id>`` for a coverage link.
- Ally and conflict links are undirected: GraphML ``directed="false"``, GEXF ``type="undirected"``.
- GEXF carries the map: card positions (``position``, y pointing up as Gephi draws it) and a
  colour per card (attitude for customer people, one colour for our team), so Gephi opens the
  user's layout. The 1.3 schema puts these elements in the GEXF namespace itself.
- Text XML cannot hold (control characters other than tab and newline) is dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph.vocabulary import RelationKind

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
UNDIRECTED_KINDS = frozenset({RelationKind.ALLY.value, RelationKind.CONFLICT.value})
# Card colours of the light map style (desktop/map/styles.py), as GEXF wants them: r, g, b.
ATTITUDE_COLOURS: dict[int, tuple[int, int, int]] = {
    -2: (0xC6, 0x28, 0x28),
    -1: (0xEF, 0x8A, 0x80),
    0: (0xA3, 0xA9, 0xB3),
    1: (0x82, 0xC4, 0x8C),
    2: (0x2E, 0x85, 0x40),
}
MEMBER_COLOUR = (0x39, 0x49, 0xAB)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Attributes that are the element itself rather than data about it.
_NODE_OWN = frozenset({"label", "x", "y"})
_EDGE_OWN = frozenset({"directed", "weight"})


def xml_text(value: Any) -> str:
    return _NOT_XML.sub("", str(value))


def edge_id(source: str, data: dict[str, Any]) -> str:
    """A stable id unique in the file: relationships and coverage links number apart."""
    prefix = "c" if source.startswith("t") else "r"
    return f"{prefix}{data.get('record_id', '')}"


def is_undirected(data: dict[str, Any]) -> bool:
    return data.get("kind") in UNDIRECTED_KINDS


def _type_of(values: Iterable[Any], names: dict[type, str]) -> str:
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return names[bool]
    if kinds == {int}:
        return names[int]
    if kinds and kinds <= {int, float}:
        return names[float]
    return names[str]


def _columns(
    items: Iterable[dict[str, Any]], skip: frozenset[str], names: dict[type, str]
) -> dict[str, str]:
    """Attribute name -> type name, in first-seen order."""
    seen: dict[str, list[Any]] = {}
    for data in items:
        for key, value in data.items():
            if key not in skip:
                seen.setdefault(key, []).append(value)
    return {key: _type_of(values, names) for key, values in seen.items()}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return xml_text(value)


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def graphml_document(graph: nx.MultiDiGraph) -> bytes:
    ET.register_namespace("", GRAPHML_NS)
    ET.register_namespace("xsi", _XSI)
    q = f"{{{GRAPHML_NS}}}"
    root = ET.Element(
        f"{q}graphml",
        {
            f"{{{_XSI}}}schemaLocation": f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd",
        },
    )
    graph_columns = _columns([graph.graph], frozenset(), _GRAPHML_TYPES)
    node_columns = _columns((d for _n, d in graph.nodes(data=True)), frozenset(), _GRAPHML_TYPES)
    # "directed" stays as data too: Cytoscape reads it, not the edge's own attribute.
    edge_columns = _columns(
        (d for _u, _v, d in graph.edges(data=True)), frozenset(), _GRAPHML_TYPES
    )
    keys: dict[tuple[str, str], str] = {}
    for where, columns in (
        ("graph", graph_columns),
        ("node", node_columns),
        ("edge", edge_columns),
    ):
        for name, kind in columns.items():
            key = f"{where[0]}{len(keys)}"
            keys[(where, name)] = key
            ET.SubElement(
                root,
                f"{q}key",
                {"id": key, "for": where, "attr.name": name, "attr.type": kind},
            )
    body = ET.SubElement(root, f"{q}graph", {"id": "G", "edgedefault": "directed"})

    def data(parent: ET.Element, where: str, values: dict[str, Any]) -> None:
        for name, value in values.items():
            key = keys.get((where, name))
            if key is not None:
                ET.SubElement(parent, f"{q}data", {"key": key}).text = _text(value)

    data(body, "graph", graph.graph)
    for node, values in graph.nodes(data=True):
        data(ET.SubElement(body, f"{q}node", {"id": str(node)}), "node", values)
    for source, target, values in graph.edges(data=True):
        attributes = {"id": edge_id(source, values), "source": source, "target": target}
        if is_undirected(values):
            attributes["directed"] = "false"
        data(ET.SubElement(body, f"{q}edge", attributes), "edge", values)
    return _serialise(root)


_GEXF_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _colour(values: dict[str, Any]) -> tuple[int, int, int]:
    if values.get("kind") == "member":
        return MEMBER_COLOUR
    attitude = values.get("attitude", 0)
    attitude = attitude if isinstance(attitude, int) else 0
    return ATTITUDE_COLOURS[max(-2, min(2, attitude))]


def gexf_document(graph: nx.MultiDiGraph, *, description: str = "") -> bytes:
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("xsi", _XSI)
    q = f"{{{GEXF_NS}}}"
    root = ET.Element(
        f"{q}gexf",
        {"version": "1.3", f"{{{_XSI}}}schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd"},
    )
    meta = ET.SubElement(root, f"{q}meta")
    ET.SubElement(meta, f"{q}creator").text = "Rapport"
    if description:
        ET.SubElement(meta, f"{q}description").text = xml_text(description)
    body = ET.SubElement(root, f"{q}graph", {"mode": "static", "defaultedgetype": "directed"})
    node_columns = _columns((d for _n, d in graph.nodes(data=True)), _NODE_OWN, _GEXF_TYPES)
    edge_columns = _columns((d for _u, _v, d in graph.edges(data=True)), _EDGE_OWN, _GEXF_TYPES)
    ids: dict[tuple[str, str], str] = {}
    for where, columns in (("node", node_columns), ("edge", edge_columns)):
        declared = ET.SubElement(body, f"{q}attributes", {"class": where, "mode": "static"})
        for name, kind in columns.items():
            ids[(where, name)] = str(len(ids))
            ET.SubElement(
                declared,
                f"{q}attribute",
                {"id": ids[(where, name)], "title": name, "type": kind},
            )

    def attvalues(parent: ET.Element, where: str, values: dict[str, Any]) -> None:
        listed = ET.SubElement(parent, f"{q}attvalues")
        for name, value in values.items():
            if (where, name) in ids:
                ET.SubElement(
                    listed, f"{q}attvalue", {"for": ids[(where, name)], "value": _text(value)}
                )

    nodes = ET.SubElement(body, f"{q}nodes", {"count": str(graph.number_of_nodes())})
    for node, values in graph.nodes(data=True):
        element = ET.SubElement(
            nodes, f"{q}node", {"id": str(node), "label": xml_text(values.get("label", node))}
        )
        attvalues(element, "node", values)
        r, g, b = _colour(values)
        ET.SubElement(element, f"{q}color", {"r": str(r), "g": str(g), "b": str(b)})
        if "x" in values and "y" in values:
            ET.SubElement(
                element,
                f"{q}position",
                # Gephi's y axis points up, the map's down.
                {"x": repr(float(values["x"])), "y": repr(-float(values["y"])), "z": "0.0"},
            )
    edges = ET.SubElement(body, f"{q}edges", {"count": str(graph.number_of_edges())})
    for source, target, values in graph.edges(data=True):
        attributes = {
            "id": edge_id(source, values),
            "source": source,
            "target": target,
            "type": "undirected" if is_undirected(values) else "directed",
            "kind": xml_text(values.get("kind", "")),
            "weight": repr(float(values.get("weight", 1.0))),
        }
        attvalues(ET.SubElement(edges, f"{q}edge", attributes), "edge", values)
    return _serialise(root)
