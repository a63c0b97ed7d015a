"""The selection shared by the map, the people table and the inspector.

A selection is an ordered list of node keys: ``"p<id>"`` a customer person, ``"t<id>"`` a team
member (see ``graph.nodes``), ``"r<id>"`` a Relationship edge and ``"c<id>"`` a Coverage link.
Every view both reads and writes it; ``source`` lets a view ignore the echo of its own change.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QObject, Signal

SelectionKind = Literal["person", "member", "relationship", "coverage"]

_KINDS: dict[str, SelectionKind] = {
    "p": "person",
    "t": "member",
    "r": "relationship",
    "c": "coverage",
}


def parse_key(key: str) -> tuple[SelectionKind, int]:
    """``"r7"`` -> ``("relationship", 7)``; raises ValueError for anything else."""
    if len(key) > 1 and key[0] in _KINDS and key[1:].isdigit():
        return _KINDS[key[0]], int(key[1:])
    raise ValueError(f"not a selection key: {key!r}")


class Selection(QObject):
    """The node keys selected right now, announced on every change.

    ``changed`` carries the new list; ``source`` is whoever set it (``None`` if unknown), so a
    view that set the selection can skip its own echo::

        selection.changed.connect(self._on_selection)
        def _on_selection(self, nodes):
            if self.selection.source is self: return
    """

    changed = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nodes: list[str] = []
        self._source: object | None = None

    def nodes(self) -> list[str]:
        return list(self._nodes)

    @property
    def source(self) -> object | None:
        """Who made the latest change (as passed to ``set_nodes``)."""
        return self._source

    def set_nodes(self, nodes: list[str], source: object | None = None) -> None:
        unique = list(dict.fromkeys(nodes))
        if unique == self._nodes:
            return
        self._nodes = unique
        self._source = source
        self.changed.emit(list(unique))

    def clear(self, source: object | None = None) -> None:
        self.set_nodes([], source)

    def discard(self, keys: set[str], source: object | None = None) -> None:
        """Drop keys that no longer exist (a deleted person), keeping the rest in order."""
        remaining = [n for n in self._nodes if n not in keys]
        if remaining != self._nodes:
            self.set_nodes(remaining, source)

    def of_kind(self, kind: SelectionKind) -> list[int]:
        """Ids of the selected keys of one kind, in selection order."""
        ids = []
        for key in self._nodes:
            try:
                key_kind, key_id = parse_key(key)
            except ValueError:
                continue
            if key_kind == kind:
                ids.append(key_id)
        return ids

    def __repr__(self) -> str:
        return f"Selection({self._nodes!r})"
