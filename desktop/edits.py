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
from graph.vocabulary import InteractionKind, TeamRole
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


# --- our team ---------------------------------------------------------------------------------


class AddMember(QUndoCommand):
    """Add someone to the team, on the account on show if there is one; undo removes them."""

    def __init__(
        self,
        ws: Workspace,
        name: str,
        role: TeamRole = TeamRole.TAM,
        email: str = "",
        account: s.Account | None = None,
    ) -> None:
        super().__init__(f"Add {name} to the team")
        self._ws = ws
        self._member = s.TeamMember(name=name, role=role, email=email)
        self._account_id = account.id if account is not None else None
        self.member_id: int | None = None
        self._removal: Removal | None = None

    def redo(self) -> None:
        if self._removal is not None:
            self._ws.restore(self._removal)
            self._removal = None
            return
        with self._ws.batch():
            values = {k: v for k, v in self._member.values().items() if v is not None}
            member = self._ws.add(s.TeamMember(**values))
            if self._account_id is not None:
                self._ws.add(s.AccountTeam(account_id=self._account_id, member_id=member.id))
        self.member_id = member.id

    def undo(self) -> None:
        assert self.member_id is not None
        self._removal = self._ws.remove(s.TeamMember, self.member_id)


def set_active(ws: Workspace, member: s.TeamMember, active: bool) -> UpdateRecord:
    verb = "Reactivate" if active else "Deactivate"
    return UpdateRecord(ws, s.TeamMember, member.id, {"active": active}, f"{verb} {member.name}")


def assign(
    ws: Workspace, member: s.TeamMember, account: s.Account, on: bool
) -> AddRecord | RemoveRecord:
    """Put a team member on an account's team, or take them off it."""
    if on:
        link = s.AccountTeam(account_id=account.id, member_id=member.id)
        return AddRecord(ws, link, f"Assign {member.name} to {account.name}")
    return RemoveRecord(
        ws, s.AccountTeam, (account.id, member.id), f"Take {member.name} off {account.name}"
    )


def remove_member(ws: Workspace, member: s.TeamMember) -> RemoveRecord:
    """Remove someone from the team with their coverage, assignments and attendance; one undo
    brings all of it back."""
    return RemoveRecord(ws, s.TeamMember, member.id, f"Remove {member.name} from the team")


# --- interactions -----------------------------------------------------------------------------


def edit_interaction(
    ws: Workspace,
    interaction: s.Interaction,
    fields: dict[str, object],
    people: Sequence[int],
    team: Sequence[int],
) -> Macro | None:
    """Change a logged interaction's fields and attendees as one undo step (None: no change)."""
    current = interaction.values()
    changed = {k: v for k, v in fields.items() if current[k] != v}
    old_people, old_team = ws.attendees(interaction.id)
    new_people, new_team = sorted(dict.fromkeys(people)), sorted(dict.fromkeys(team))
    if not changed and (old_people, old_team) == (new_people, new_team):
        return None
    kind = InteractionKind(str(fields.get("kind", interaction.kind)))
    macro = Macro(f"Edit {kind.label.lower()} of {interaction.occurred_at:%d %b %Y}", ws)
    if changed:
        macro.adopt(UpdateRecord(ws, s.Interaction, interaction.id, changed, macro.text()))
    if (old_people, old_team) != (new_people, new_team):
        key = interaction.id
        macro.adopt(
            CallbackCommand(
                lambda: ws.set_attendees(key, new_people, new_team),
                lambda: ws.set_attendees(key, old_people, old_team),
                "Change attendees",
            )
        )
    return macro
