"""The map's edits, as operations (``graph.operations``) named for the Edit menu.

The map widget runs them as undo steps through ``desktop.workspace.undo_operation.run_operation``,
so an
edit the workspace refuses (a reporting cycle, a duplicate link) is reported in words and never
lands on the undo stack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from graph import operations as ops
from graph.operations import Bound, Titled, bind
from graph.vocabulary import CoverageKind, InteractionKind, TeamRole
from graph.workspace import Workspace

Point = tuple[float, float]


def add_person_at(account_id: int, view: str, at: Point, name: str) -> Bound:
    """A new person placed where the user asked (their card position stored with them)."""
    return bind(ops.add_person_at, account_id, view, at, name)


def move_cards(account_id: int, view: str, after: Mapping[str, Point]) -> Bound:
    """Cards dragged to new places: one step per drag, pushed on release."""
    return bind(ops.move_cards, account_id, view, dict(after))


def contact_owner(ws: Workspace, account_id: int, person_ids: Sequence[int]) -> list[int]:
    """Who on our team logs a quick contact: the TAM who owns these people, else the
    account's TAM, else whoever owns them, else nobody."""
    team = ws.team(account_id)
    tams = [m.id for m in team if m.role is TeamRole.TAM and m.active]
    owners = [
        c.member_id
        for c in ws.coverage(account_id)
        if c.person_id in person_ids and c.kind is CoverageKind.OWNS
    ]
    for member in owners:
        if member in tams:
            return [member]
    if tams:
        return [tams[0]]
    return owners[:1]


def contacted_today(ws: Workspace, account_id: int, nodes: Sequence[str]) -> Titled | None:
    """A short call with some people, logged by the account's TAM ("contacted today")."""
    people = [int(n[1:]) for n in nodes if n.startswith("p")]
    if not people:
        return None
    now = ws.clock.now().replace(microsecond=0)
    today = ws.today()
    when = now if now.date() == today else dt.datetime.combine(today, dt.time(12, 0))
    team = contact_owner(ws, account_id, people)
    operation = bind(
        ops.log_interaction,
        account_id,
        when,
        kind=InteractionKind.CALL,
        duration_minutes=15,
        summary="Contacted (marked on the map)",
        people=people,
        team=team,
    )
    who = "1 person" if len(people) == 1 else f"{len(people)} people"
    return Titled(operation, f"Mark {who} contacted today")


def link_edit(account_id: int, source: str, target: str, kind: str, strength: int = 2) -> Bound:
    """Link two cards with ``kind`` (a relationship or our team's coverage)."""
    return bind(ops.link, account_id, source, target, kind, strength)


def delete_edit(account_id: int, keys: Sequence[str]) -> Bound | None:
    """Delete what is selected: people (with their links and attendances), links, and our
    team members' ties to this account (a member stays in the portfolio's team). The same
    operation as Edit > Delete."""
    if not keys:
        return None
    return bind(ops.delete_selection, account_id, list(keys))
