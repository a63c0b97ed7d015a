"""The edits the shell makes, as operations (``graph.operations``) named the way the Edit menu
and the history dock show them ("Edit title of Ana Ruiz"), and how their refusals read."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from graph import operations as ops
from graph import schema as s
from graph.errors import ValidationError
from graph.operations import Titled, bind
from graph.vocabulary import TeamRole

_OVERRIDE_PREFIX = re.compile(r"^Error calling Python override of [\w:]+\(\): ")


def message_of(exc: BaseException, *, detail: bool = False) -> str:
    """The message of an error as a user should read it."""
    if detail and isinstance(exc, ValidationError):
        text = exc.detail
    else:
        text = str(exc)
    text = _OVERRIDE_PREFIX.sub("", text)
    return text[:1].upper() + text[1:]


def add_account(name: str, **fields: object) -> Titled:
    return Titled(bind(ops.add_account, name, **fields), f"Add account {name}")


def rename_account(account: s.Account, name: str) -> Titled:
    operation = bind(ops.edit_fields, s.Account, account.id, name=name)
    return Titled(operation, f"Rename {account.name} to {name}")


def set_archived(account: s.Account, archived: bool) -> Titled:
    verb = "Archive" if archived else "Restore"
    operation = bind(ops.edit_fields, s.Account, account.id, archived=archived)
    return Titled(operation, f"{verb} {account.name}")


def add_person(account_id: int, name: str) -> Titled:
    return Titled(bind(ops.add_person, account_id, name), f"Add {name}")


def edit(record: s.Base, field: str, value: object, label: str) -> Titled:
    """Change one field of one record, named for the history: "Edit title of Ana Ruiz"."""
    who = getattr(record, "name", None) or type(record).__name__.lower()
    operation = bind(ops.edit_fields, type(record), ops.key_of(record), **{field: value})
    return Titled(operation, f"Edit {label} of {who}")


def set_manager(person: s.Person, manager_id: int | None) -> Titled:
    return Titled(bind(ops.set_manager, person.id, manager_id), f"Change manager of {person.name}")


def delete_selection(account_id: int, keys: Sequence[str]) -> ops.Bound:
    return bind(ops.delete_selection, account_id, list(keys))


def delete_interactions(interactions: Sequence[s.Interaction]) -> Titled:
    if len(interactions) == 1:
        i = interactions[0]
        title = f"Delete {i.kind.label.lower()} of {i.occurred_at:%d %b %Y}"
    else:
        title = f"Delete {len(interactions)} interactions"
    return Titled(bind(ops.delete_records, s.Interaction, [i.id for i in interactions]), title)


def edit_interaction(
    interaction_id: int,
    fields: Mapping[str, object],
    people: Sequence[int],
    team: Sequence[int],
) -> ops.Bound:
    """A logged interaction's fields and attendees changed as one step."""
    return bind(ops.edit_interaction, interaction_id, dict(fields), list(people), list(team))


# --- our team ---------------------------------------------------------------------------------


def add_member(
    name: str, role: TeamRole = TeamRole.TAM, email: str = "", account: s.Account | None = None
) -> ops.Bound:
    """Add someone to the team, on the account on show if there is one."""
    account_id = account.id if account is not None else None
    return bind(ops.add_member, name, role, email, account_id)


def set_active(member: s.TeamMember, active: bool) -> Titled:
    verb = "Reactivate" if active else "Deactivate"
    operation = bind(ops.edit_fields, s.TeamMember, member.id, active=active)
    return Titled(operation, f"{verb} {member.name}")


def assign(member: s.TeamMember, account: s.Account, on: bool) -> Titled:
    """Put a team member on an account's team, or take them off it."""
    if on:
        return Titled(
            bind(ops.assign, member.id, account.id), f"Assign {member.name} to {account.name}"
        )
    return Titled(
        bind(ops.unassign, member.id, account.id), f"Take {member.name} off {account.name}"
    )


def remove_member(member: s.TeamMember) -> Titled:
    """Remove someone from the team with their coverage, assignments and attendance; one undo
    brings all of it back."""
    operation = bind(ops.delete_records, s.TeamMember, [member.id])
    return Titled(operation, f"Remove {member.name} from the team")
