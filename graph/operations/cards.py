"""Where cards sit on an account's map views, and a person added at a chosen place."""

from __future__ import annotations

from collections.abc import Mapping

from graph import schema as s
from graph.nodes import person_node
from graph.operations.core import Journal, OpResult, Point, write
from graph.validation import validate
from graph.workspace import Workspace


def move_cards(
    ws: Workspace, account_id: int, view: str, positions: Mapping[str, Point | None]
) -> OpResult:
    """Put cards at ``positions`` on one view (None: back to the layout's place). A drag of
    several cards is one step; the inverse puts each where it was, or unplaces it."""
    title = "Move card" if len(positions) == 1 else f"Move {len(positions)} cards"
    result, _ = write(ws, title, lambda j: j.place(account_id, view, positions))
    return result


def add_person_at(ws: Workspace, account_id: int, view: str, at: Point, name: str) -> OpResult:
    """A new person with their card placed where the user asked."""
    person = s.Person(account_id=account_id, name=name)
    validate(person)

    def body(journal: Journal) -> None:
        added = journal.add(person)
        journal.place(account_id, view, {person_node(added.values()["id"]): at})

    result, _ = write(ws, f"Add {name}", body)
    return result
