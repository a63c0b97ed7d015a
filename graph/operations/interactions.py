"""Interactions: logging one with its attendees on both sides, and changing a logged one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from graph import schema as s
from graph.operations.core import Journal, OpResult, write
from graph.validation import validate
from graph.vocabulary import InteractionKind
from graph.workspace import Workspace


def log_interaction(
    ws: Workspace,
    account_id: int,
    occurred_at: dt.datetime,
    *,
    kind: InteractionKind = InteractionKind.MEETING,
    duration_minutes: int = 30,
    summary: str = "",
    sentiment: int = 0,
    people: Sequence[int] = (),
    team: Sequence[int] = (),
) -> OpResult:
    """Log an interaction with its attendees; the inverse removes all of it."""
    interaction = s.Interaction(
        account_id=account_id,
        occurred_at=occurred_at,
        kind=kind,
        duration_minutes=duration_minutes,
        summary=summary,
        sentiment=sentiment,
    )
    validate(interaction)

    def body(journal: Journal) -> None:
        added = journal.add(interaction)
        journal.attend(added.values()["id"], tuple(people), tuple(team))

    kind = InteractionKind(str(interaction.kind))
    result, _ = write(ws, f"Log {kind.label.lower()} on {occurred_at:%d %b %Y}", body)
    return result


def edit_interaction(
    ws: Workspace,
    interaction_id: int,
    fields: Mapping[str, Any],
    people: Sequence[int],
    team: Sequence[int],
) -> OpResult:
    """Change a logged interaction's fields and attendees as one step (an empty change set
    when nothing differs)."""

    def body(journal: Journal) -> str:
        current = ws.get(s.Interaction, interaction_id)
        changed = {k: v for k, v in fields.items() if current.values()[k] != v}
        if changed:
            validate(s.Interaction(**(current.values() | changed)))
            journal.update(s.Interaction, interaction_id, **changed)
        journal.attend(interaction_id, tuple(people), tuple(team))
        kind = InteractionKind(str(fields.get("kind", current.kind)))
        when = fields.get("occurred_at", current.occurred_at)
        return f"Edit {kind.label.lower()} of {when:%d %b %Y}"

    result, title = write(ws, "Edit interaction", body)
    return OpResult(result.changes, result.inverse, title)
