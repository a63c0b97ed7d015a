"""An account graph's nodes and links in plain Python, read as a networkx ``MultiDiGraph``.

The first map the app paints reads its cards, links, risk marks and owners from the account
graph; networkx takes longer to load than the window takes to build. ``graph.networks.
build_graph(..., into=PlainMultiDiGraph())`` fills this instead, with the same calls, and it
answers the reads the map's cards make (``nodes``, ``edges``, ``in_edges``) in the orders
networkx gives. The networkx graph itself (departure impact, exports) is built from the same
rows when first asked for.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

Attrs = dict[str, Any]


class _NodeView:
    """``G.nodes``: iterable, ``G.nodes[n]`` gives n's attributes, ``G.nodes(data=True)``."""

    def __init__(self, nodes: dict[Hashable, Attrs]) -> None:
        self._nodes = nodes

    def __call__(self, data: bool = False) -> list[Any]:
        return list(self._nodes.items()) if data else list(self._nodes)

    def __getitem__(self, node: Hashable) -> Attrs:
        return self._nodes[node]

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, node: object) -> bool:
        return node in self._nodes


class PlainMultiDiGraph:
    """A directed multigraph keyed like networkx's (u, v, key), with its iteration orders:
    nodes as first added; a node's out-links by target in the order first linked, then by key;
    its in-links by source in the order first linked."""

    def __init__(self) -> None:
        self._nodes: dict[Hashable, Attrs] = {}
        self._succ: dict[Hashable, dict[Hashable, dict[Hashable, Attrs]]] = {}
        self._pred: dict[Hashable, dict[Hashable, dict[Hashable, Attrs]]] = {}
        self.nodes = _NodeView(self._nodes)

    def add_node(self, node: Hashable, **attrs: Any) -> None:
        if node not in self._nodes:
            self._nodes[node] = {}
            self._succ[node] = {}
            self._pred[node] = {}
        self._nodes[node].update(attrs)

    def add_edge(self, u: Hashable, v: Hashable, key: Hashable, **attrs: Any) -> None:
        self.add_node(u)
        self.add_node(v)
        keys = self._succ[u].get(v)
        if keys is None:
            keys = self._succ[u][v] = {}
            self._pred[v][u] = keys  # one dict of keys per pair, seen from both ends
        keys.setdefault(key, {}).update(attrs)

    def __contains__(self, node: object) -> bool:
        return node in self._nodes

    def __len__(self) -> int:
        return len(self._nodes)

    def edges(self, keys: bool = False, data: bool | str = False) -> list[tuple[Any, ...]]:
        out: list[tuple[Any, ...]] = []
        for u, targets in self._succ.items():
            for v, by_key in targets.items():
                for key, attrs in by_key.items():
                    out.append((u, v) + ((key,) if keys else ()) + _data(attrs, data))
        return out

    def in_edges(self, node: Hashable, data: bool | str = False) -> list[tuple[Any, ...]]:
        out: list[tuple[Any, ...]] = []
        for u, by_key in self._pred[node].items():
            for attrs in by_key.values():
                out.append((u, node, *_data(attrs, data)))
        return out


def _data(attrs: Attrs, data: bool | str) -> tuple[Any, ...]:
    """What networkx adds to an edge for ``data``: all its attributes (True), one of them by
    name (its value, None where unset), or nothing (False). A name read as True would hand
    a caller a dict where it expects a value, and no error to say so."""
    if isinstance(data, str):
        return (attrs.get(data),)
    return (attrs,) if data else ()
