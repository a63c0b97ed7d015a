"""Node keys shared by the graphs, the map and the stored card positions.

A customer person is ``"p<id>"`` and a member of our team ``"t<id>"``: strings, so they survive
GraphML/JSON export and fit the ``card_positions.node`` column unchanged.
"""

from __future__ import annotations

from typing import Literal

NodeKind = Literal["person", "member"]


def person_node(person_id: int) -> str:
    return f"p{person_id}"


def member_node(member_id: int) -> str:
    return f"t{member_id}"


def parse_node(node: str) -> tuple[NodeKind, int]:
    """``"p12"`` -> ``("person", 12)``; raises ValueError for anything else."""
    if len(node) > 1 and node[0] in "pt" and node[1:].isdigit():
        return ("person" if node[0] == "p" else "member"), int(node[1:])
    raise ValueError(f"not a map node key: {node!r}")
