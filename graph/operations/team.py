"""Our team: adding someone, putting them on an account's team or taking them off it."""

from __future__ import annotations

from graph import schema as s
from graph.operations.core import Journal, OpResult, write
from graph.validation import validate
from graph.vocabulary import TeamRole
from graph.workspace import Workspace


def add_member(
    ws: Workspace,
    name: str,
    role: TeamRole = TeamRole.TAM,
    email: str = "",
    account_id: int | None = None,
) -> OpResult:
    """Add someone to the team, on ``account_id``'s team if given; the inverse removes them."""
    member = s.TeamMember(name=name, role=role, email=email)
    validate(member)

    def body(journal: Journal) -> None:
        added = journal.add(member)
        if account_id is not None:
            journal.add(s.AccountTeam(account_id=account_id, member_id=added.values()["id"]))

    result, _ = write(ws, f"Add {name} to the team", body)
    return result


def assign(ws: Workspace, member_id: int, account_id: int) -> OpResult:
    """Put a team member on an account's team."""
    link = s.AccountTeam(account_id=account_id, member_id=member_id)
    result, _ = write(ws, "Assign to account", lambda j: j.add(link))
    return result


def unassign(ws: Workspace, member_id: int, account_id: int) -> OpResult:
    """Take a team member off an account's team (their coverage of its people stays)."""
    key = (account_id, member_id)
    result, _ = write(ws, "Take off account", lambda j: j.remove(s.AccountTeam, key))
    return result
