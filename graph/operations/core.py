"""What every operation shares: its result, its inverse, and the journal that builds the inverse.

An operation is a callable ``op(ws) -> OpResult``. It validates first, then writes in one
transaction through a ``Journal``: each write the journal makes remembers the write that takes
it back (an added row is removed again, a removed row is restored with the same ids, a changed
field gets its old value). The inverse of an operation is those writes replayed newest first,
itself an operation whose result carries the redo (like Anki's ``OpChanges`` with undo).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, cast

from graph import schema as s
from graph.events import ChangeKind, ChangeSet
from graph.workspace import Key, Removal, Workspace, key_fields

T = TypeVar("T")
Point = tuple[float, float]


class Operation(Protocol):
    """A change to the workspace, named for the Edit menu and the history."""

    @property
    def title(self) -> str: ...

    def __call__(self, ws: Workspace) -> OpResult: ...


@dataclass(frozen=True)
class OpResult:
    """What an operation changed, the operation that takes it back, and its name."""

    changes: ChangeSet
    inverse: Operation
    title: str

    def added(self, table: str) -> list[tuple[object, ...]]:
        """Keys of the rows of ``table`` this operation added (a new person's id...)."""
        return [
            c.key for c in self.changes.changes if c.kind is ChangeKind.ADDED and c.table == table
        ]

    def new_id(self, table: str) -> int:
        """The id of the one row of ``table`` this operation added."""
        keys = self.added(table)
        if len(keys) != 1 or not isinstance(keys[0][0], int):
            raise LookupError(f"{self.title!r} did not add one row to {table}")
        return keys[0][0]


def key_of(record: s.Base) -> Key:
    """The primary key of a record as ``Workspace.get`` takes it (an int, or a tuple)."""
    values = tuple(getattr(record, name) for name in key_fields(type(record)))
    return values[0] if len(values) == 1 else values


# --- the writes a journal knows how to take back ---------------------------------------------


class Step(Protocol):
    def apply(self, journal: Journal) -> None: ...


@dataclass(frozen=True)
class Delete:
    cls: type[s.Base]
    key: Key

    def apply(self, journal: Journal) -> None:
        journal.remove(self.cls, self.key)


@dataclass(frozen=True)
class Restore:
    removal: Removal
    cls: type[s.Base]
    key: Key

    def apply(self, journal: Journal) -> None:
        journal.restore(self.removal, self.cls, self.key)


@dataclass(frozen=True)
class Change:
    cls: type[s.Base]
    key: Key
    values: Mapping[str, Any]

    def apply(self, journal: Journal) -> None:
        journal.change(self.cls, self.key, self.values, log=False)


@dataclass(frozen=True)
class Place:
    account_id: int
    view: str
    positions: Mapping[str, Point | None]

    def apply(self, journal: Journal) -> None:
        journal.place(self.account_id, self.view, self.positions)


@dataclass(frozen=True)
class Attend:
    interaction_id: int
    people: tuple[int, ...]
    team: tuple[int, ...]

    def apply(self, journal: Journal) -> None:
        journal.attend(self.interaction_id, self.people, self.team)


class Journal:
    """Writes through the workspace API, keeping for each one the write that undoes it."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.undo: list[Step] = []

    def add(self, record: s.Base) -> s.Base:
        added = self.ws.add(record)
        self.undo.append(Delete(type(added), key_of(added)))
        return added

    def update(self, cls: type[s.Base], key: Key, **values: Any) -> s.Base:
        return self.change(cls, key, values, log=True)

    def change(
        self, cls: type[s.Base], key: Key, values: Mapping[str, Any], *, log: bool
    ) -> s.Base:
        """Change fields; ``log`` keeps the attitude-change row the workspace writes for a
        person's new attitude (an undo puts the old attitude back without logging a change)."""
        current = self.ws.get(cls, key).values()
        before = {name: current[name] for name in values}
        if before == dict(values):
            return self.ws.get(cls, key)
        logged = _attitude_log(self.ws, cls, key, values)
        record = self.ws.update(cls, key, **values)
        new_rows = sorted(set(_attitude_log(self.ws, cls, key, values)) - set(logged))
        self.undo.append(Change(cls, key, before))
        for change_id in new_rows:
            if log:
                self.undo.append(Delete(s.AttitudeChange, change_id))
            else:
                self.ws.remove(s.AttitudeChange, change_id)
        return record

    def remove(self, cls: type[s.Base], key: Key) -> Removal:
        removal = self.ws.remove(cls, key)
        self.undo.append(Restore(removal, cls, key))
        return removal

    def restore(self, removal: Removal, cls: type[s.Base], key: Key) -> None:
        self.ws.restore(removal)
        self.undo.append(Delete(cls, key))

    def place(self, account_id: int, view: str, positions: Mapping[str, Point | None]) -> None:
        stored = self.ws.positions(account_id, view)
        before = {node: stored.get(node) for node in positions}
        if before == dict(positions):
            return
        placed = {n: p for n, p in positions.items() if p is not None}
        unplaced = [n for n, p in positions.items() if p is None]
        if placed:
            self.ws.set_positions(account_id, view, placed)
        if unplaced:
            self.ws.clear_positions(account_id, view, unplaced)
        self.undo.append(Place(account_id, view, before))

    def attend(self, interaction_id: int, people: tuple[int, ...], team: tuple[int, ...]) -> None:
        old_people, old_team = self.ws.attendees(interaction_id)
        new = (tuple(sorted(dict.fromkeys(people))), tuple(sorted(dict.fromkeys(team))))
        if (tuple(old_people), tuple(old_team)) == new:
            return
        self.ws.set_attendees(interaction_id, new[0], new[1])
        self.undo.append(Attend(interaction_id, tuple(old_people), tuple(old_team)))


def _attitude_log(
    ws: Workspace, cls: type[s.Base], key: Key, fields: Mapping[str, Any]
) -> list[int]:
    """Ids of the attitude changes logged for a person whose attitude is being set."""
    if cls is not s.Person or "attitude" not in fields:
        return []
    return [c.id for c in ws.find(s.AttitudeChange, person_id=key)]


# --- running and replaying --------------------------------------------------------------------


@dataclass(frozen=True)
class Replay:
    """Writes replayed in order in one transaction; what the inverse of an operation is."""

    title: str
    steps: tuple[Step, ...]
    undone_title: str = ""

    def __call__(self, ws: Workspace) -> OpResult:
        def replay(journal: Journal) -> None:
            for step in self.steps:
                step.apply(journal)

        result, _ = write(ws, self.title, replay)
        inverse = cast(Replay, result.inverse)
        return OpResult(
            result.changes, Replay(self.undone_title, inverse.steps, self.title), self.title
        )


def write(ws: Workspace, title: str, body: Callable[[Journal], T]) -> tuple[OpResult, T]:
    """Run ``body`` in one transaction; returns the result (inverse included) and its value.

    Any error rolls the whole transaction back: the file is as it was, and nothing is returned.
    """
    journal = Journal(ws)
    with ws.batch() as changes:
        value = body(journal)
    undo = Replay(f"Undo {title}", tuple(reversed(journal.undo)), title)
    return OpResult(changes, undo, title), value


def retitled(result: OpResult, title: str) -> OpResult:
    """The same result under another name (its undo and redo named to match)."""
    inverse = result.inverse
    if isinstance(inverse, Replay):
        inverse = Replay(f"Undo {title}", inverse.steps, title)
    return OpResult(result.changes, inverse, title)


@dataclass(frozen=True)
class Titled:
    """An operation under another name (the Edit menu says "Edit title of Ana Ruiz")."""

    operation: Callable[[Workspace], OpResult]
    title: str

    def __call__(self, ws: Workspace) -> OpResult:
        return retitled(self.operation(ws), self.title)


@dataclass(frozen=True)
class Bound:
    """An operation function with its arguments, ready to run: ``Bound(edit_fields, ...)``."""

    function: Callable[..., OpResult]
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    title: str = ""

    def __call__(self, ws: Workspace) -> OpResult:
        result = self.function(ws, *self.args, **self.kwargs)
        return retitled(result, self.title) if self.title else result


def bind(function: Callable[..., OpResult], *args: Any, **kwargs: Any) -> Bound:
    """``bind(edit_fields, s.Person, 7, title="CTO")`` is the operation ``ws -> OpResult``."""
    return Bound(function, args, kwargs)


def perform(ws: Workspace, operation: Callable[[Workspace], OpResult], source: str) -> OpResult:
    """Run an operation with its history rows tagged ``source`` ("edit", "undo", "redo",
    "import:<file>"): the one place that says where a change came from. A viewer's team
    replica takes none (graph.team.role)."""
    from graph.team.role import refuse_if_read_only  # the team machinery only when asked

    refuse_if_read_only(ws)
    with ws.recording(source):
        return operation(ws)
