"""The edits the shell makes, each built as one undoable command over the workspace API.

Commands come from ``desktop.commands``; this module adds the ones that span several records
(logging an interaction with its attendees, deleting several people) and names every step the
way the Edit menu and the history dock show it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from desktop.commands import AddRecord, CallbackCommand, RemoveRecord, UpdateRecord
from graph import schema as s
from graph.errors import ValidationError
from graph.vocabulary import InteractionKind
from graph.workspace import Removal, Workspace, key_fields

_OVERRIDE_PREFIX = re.compile(r"^Error calling Python override of [\w:]+\(\): ")


class _Rollback(Exception):
    pass


def dry_run(ws: Workspace, command: QUndoCommand) -> None:
    """Run ``command`` in a transaction that is always rolled back: raises what it would raise.

    An exception escaping ``redo`` inside ``QUndoStack.push`` leaves a broken step on the stack,
    so every command is tried this way first; the real push then cannot fail on validation.
    """
    try:
        with ws.batch():
            command.redo()
            raise _Rollback
    except _Rollback:
        pass


def message_of(exc: BaseException, *, detail: bool = False) -> str:
    """The message of an error as a user should read it."""
    if detail and isinstance(exc, ValidationError):
        text = exc.detail
    else:
        text = str(exc)
    text = _OVERRIDE_PREFIX.sub("", text)
    return text[:1].upper() + text[1:]


class Macro(QUndoCommand):
    """One undo step made of several commands: done in order, undone in reverse, in one
    workspace transaction (so views hear of it once).

    The steps are kept as plain Python children rather than Qt child commands: a Python
    subclass given a Qt parent is deleted twice by PySide6 when the stack clears (a crash).
    """

    def __init__(self, text: str, ws: Workspace) -> None:
        super().__init__(text)
        self._ws = ws
        self._steps: list[QUndoCommand] = []

    def adopt(self, step: QUndoCommand) -> QUndoCommand:
        self._steps.append(step)
        return step

    def redo(self) -> None:
        with self._ws.batch():
            for step in self._steps:
                step.redo()

    def undo(self) -> None:
        with self._ws.batch():
            for step in reversed(self._steps):
                step.undo()


def add_account(ws: Workspace, name: str, **fields: object) -> AddRecord:
    return AddRecord(ws, s.Account(name=name, **fields), f"Add account {name}")  # type: ignore[arg-type]


def rename_account(ws: Workspace, account: s.Account, name: str) -> UpdateRecord:
    return UpdateRecord(
        ws, s.Account, account.id, {"name": name}, f"Rename {account.name} to {name}"
    )


def set_archived(ws: Workspace, account: s.Account, archived: bool) -> UpdateRecord:
    verb = "Archive" if archived else "Restore"
    return UpdateRecord(ws, s.Account, account.id, {"archived": archived}, f"{verb} {account.name}")


def add_person(ws: Workspace, account_id: int, name: str, **fields: object) -> AddRecord:
    person = s.Person(account_id=account_id, name=name, **fields)  # type: ignore[arg-type]
    return AddRecord(ws, person, f"Add {name}")


def edit(ws: Workspace, record: s.Base, field: str, value: object, label: str) -> UpdateRecord:
    """Change one field of one record, named for the history: "Edit title of Ana Ruiz"."""
    keys = tuple(getattr(record, k) for k in key_fields(type(record)))
    who = getattr(record, "name", None) or type(record).__name__.lower()
    return UpdateRecord(
        ws,
        type(record),
        keys[0] if len(keys) == 1 else keys,
        {field: value},
        f"Edit {label} of {who}",
    )


def remove_people(ws: Workspace, people: Sequence[s.Person]) -> QUndoCommand:
    """Delete people with their relationships, coverage and attendance; one undo restores all."""
    if len(people) == 1:
        p = people[0]
        return RemoveRecord(ws, s.Person, p.id, f"Delete {p.name}")
    macro = Macro(f"Delete {len(people)} people", ws)
    for p in people:
        macro.adopt(RemoveRecord(ws, s.Person, p.id, f"Delete {p.name}"))
    return macro


def remove_record(ws: Workspace, cls: type[s.Base], key: int, text: str) -> RemoveRecord:
    return RemoveRecord(ws, cls, key, text)


def set_manager(ws: Workspace, person: s.Person, manager_id: int | None) -> CallbackCommand:
    lines = ws.find(s.Relationship, kind="reports_to", source_id=person.id)
    before = lines[0].target_id if lines else None
    return CallbackCommand(
        lambda: ws.set_manager(person.id, manager_id),
        lambda: ws.set_manager(person.id, before),
        f"Change manager of {person.name}",
    )


class LogInteraction(QUndoCommand):
    """Log an interaction with its attendees on both sides; undo removes all of it."""

    def __init__(
        self,
        ws: Workspace,
        account_id: int,
        occurred_at: dt.datetime,
        *,
        kind: InteractionKind,
        duration_minutes: int,
        summary: str,
        sentiment: int,
        people: Sequence[int],
        team: Sequence[int],
    ) -> None:
        super().__init__(f"Log {kind.label.lower()} on {occurred_at:%d %b %Y}")
        self._ws = ws
        self._args = dict(
            kind=kind,
            duration_minutes=duration_minutes,
            summary=summary,
            sentiment=sentiment,
            people=list(people),
            team=list(team),
        )
        self._account_id = account_id
        self._occurred_at = occurred_at
        self.interaction_id: int | None = None
        self._removal: Removal | None = None

    def redo(self) -> None:
        if self._removal is not None:
            self._ws.restore(self._removal)
            self._removal = None
            return
        interaction = self._ws.log_interaction(
            self._account_id,
            self._occurred_at,
            **self._args,  # type: ignore[arg-type]
        )
        self.interaction_id = interaction.id

    def undo(self) -> None:
        assert self.interaction_id is not None
        self._removal = self._ws.remove(s.Interaction, self.interaction_id)
