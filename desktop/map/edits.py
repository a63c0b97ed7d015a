"""The map's undoable edits, built from the shared commands in ``desktop.commands``.

``push_edit`` applies a command once inside a workspace batch before pushing it, so an edit
the workspace refuses (a reporting cycle, a duplicate link) is reported in words and never
lands on the undo stack half done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.commands import AddRecord, RemoveRecord, UpdateRecord
from graph import schema as s
from graph.errors import RapportError
from graph.nodes import parse_node
from graph.vocabulary import CoverageKind, InteractionKind, RelationKind, TeamRole
from graph.workspace import Removal, Workspace

Point = tuple[float, float]


class MapEdit(QUndoCommand):
    """A parent command whose children run in one workspace batch (one change announcement)."""

    def __init__(self, ws: Workspace, text: str) -> None:
        super().__init__(text)
        self._ws = ws
        self.applied = False
        # Steps are plain commands this edit owns and runs itself (not Qt child commands,
        # whose Python wrappers PySide may drop while Qt still holds them).
        self.steps: list[QUndoCommand] = []

    def keep(self, step: QUndoCommand) -> QUndoCommand:
        self.steps.append(step)
        return step

    def redo(self) -> None:
        if self.applied:  # already done by push_edit
            self.applied = False
            return
        with self._ws.batch():
            self.do()

    def undo(self) -> None:
        with self._ws.batch():
            self.undo_children()

    def do(self) -> None:
        for step in self.steps:
            step.redo()

    def undo_children(self) -> None:
        for step in reversed(self.steps):
            step.undo()


def push_edit(stack: QUndoStack, ws: Workspace, edit: MapEdit) -> str | None:
    """Apply ``edit`` and push it; returns the reason in words if the workspace refused it."""
    try:
        with ws.batch():
            edit.do()
    except RapportError as exc:
        return str(exc)
    edit.applied = True
    stack.push(edit)
    return None


class AddPersonAt(MapEdit):
    """A new person placed where the user asked (their card position stored with them)."""

    def __init__(self, ws: Workspace, account_id: int, view: str, at: Point, name: str) -> None:
        super().__init__(ws, f"Add {name}")
        self._account_id, self._view, self._at = account_id, view, at
        self._add = AddRecord(ws, s.Person(account_id=account_id, name=name), f"Add {name}")
        self.keep(self._add)

    @property
    def node(self) -> str:
        assert self._add.record is not None
        return f"p{self._add.record.values()['id']}"

    def do(self) -> None:
        super().do()
        self._ws.set_positions(self._account_id, self._view, {self.node: self._at})

    def undo_children(self) -> None:
        self._ws.clear_positions(self._account_id, self._view, [self.node])
        super().undo_children()


class LogContact(MapEdit):
    """A short interaction with some people, logged by the account's TAM ("contacted today")."""

    def __init__(
        self,
        ws: Workspace,
        account_id: int,
        people: Sequence[int],
        team: Sequence[int],
        when: dt.datetime,
        summary: str,
    ) -> None:
        who = "1 person" if len(people) == 1 else f"{len(people)} people"
        super().__init__(ws, f"Mark {who} contacted today")
        self._args = (account_id, when, list(people), list(team), summary)
        self._id: int | None = None
        self._removal: Removal | None = None

    def do(self) -> None:
        if self._removal is not None:
            self._ws.restore(self._removal)
            self._removal = None
            return
        account_id, when, people, team, summary = self._args
        interaction = self._ws.log_interaction(
            account_id,
            when,
            kind=InteractionKind.CALL,
            duration_minutes=15,
            summary=summary,
            people=people,
            team=team,
        )
        self._id = interaction.id

    def undo_children(self) -> None:
        assert self._id is not None
        self._removal = self._ws.remove(s.Interaction, self._id)


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


def contacted_today(ws: Workspace, account_id: int, nodes: Sequence[str]) -> LogContact | None:
    people = [int(n[1:]) for n in nodes if n.startswith("p")]
    if not people:
        return None
    now = ws.clock.now().replace(microsecond=0)
    today = ws.today()
    when = now if now.date() == today else dt.datetime.combine(today, dt.time(12, 0))
    team = contact_owner(ws, account_id, people)
    return LogContact(ws, account_id, people, team, when, "Contacted (marked on the map)")


def link_edit(
    ws: Workspace, account_id: int, source: str, target: str, kind: str, strength: int = 2
) -> MapEdit:
    """The edit that links two cards with ``kind`` (a relationship or our team's coverage)."""
    (source_kind, source_id), (_, target_id) = parse_node(source), parse_node(target)
    if kind in (CoverageKind.OWNS.value, CoverageKind.KNOWS.value):
        member, person = (
            (source_id, target_id) if source_kind == "member" else (target_id, source_id)
        )
        edit = MapEdit(ws, f"Link: {kind}")
        existing = ws.find(s.Coverage, member_id=member, person_id=person)
        if existing:
            edit.keep(
                UpdateRecord(ws, s.Coverage, existing[0].id, {"kind": CoverageKind(kind)}, "")
            )
        else:
            record = s.Coverage(member_id=member, person_id=person, kind=CoverageKind(kind))
            edit.keep(AddRecord(ws, record, ""))
        return edit
    relation = RelationKind(kind)
    edit = MapEdit(ws, f"Add relationship: {relation.label.lower()}")
    if relation is RelationKind.REPORTS_TO:
        for line in ws.find(s.Relationship, kind=RelationKind.REPORTS_TO, source_id=source_id):
            edit.keep(RemoveRecord(ws, s.Relationship, line.id, ""))
    record = s.Relationship(
        account_id=account_id,
        kind=relation,
        source_id=source_id,
        target_id=target_id,
        strength=strength if relation is RelationKind.INFLUENCES else 1,
    )
    edit.keep(AddRecord(ws, record, ""))
    return edit


def delete_edit(ws: Workspace, account_id: int, keys: Sequence[str]) -> MapEdit | None:
    """Delete what is selected: people (with their links and attendances), links, and our
    team members' ties to this account (a member stays in the portfolio's team)."""
    people = {int(k[1:]) for k in keys if k.startswith("p")}
    members = {int(k[1:]) for k in keys if k.startswith("t")}
    relationships = {int(k[1:]) for k in keys if k.startswith("r")}
    coverage = {int(k[1:]) for k in keys if k.startswith("c")}
    for c in ws.coverage(account_id):
        if c.member_id in members:
            coverage.add(c.id)
    count = len(people) + len(relationships) + len(coverage) + len(members)
    if not count:
        return None
    what = "1 item" if count == 1 else f"{count} items"
    edit = MapEdit(ws, f"Delete {what}")
    for r in ws.relationships(account_id):
        if r.id in relationships and not {r.source_id, r.target_id} & people:
            edit.keep(RemoveRecord(ws, s.Relationship, r.id, ""))
    for c in ws.coverage(account_id):
        if c.id in coverage and c.person_id not in people:
            edit.keep(RemoveRecord(ws, s.Coverage, c.id, ""))
    for member in members:
        if ws.find(s.AccountTeam, account_id=account_id, member_id=member):
            edit.keep(RemoveRecord(ws, s.AccountTeam, (account_id, member), ""))
    for person in sorted(people):
        edit.keep(RemoveRecord(ws, s.Person, person, ""))
    return edit
