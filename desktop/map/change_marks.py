"""What the map marks in its "changes since" mode (no Qt): the people who joined, left or
changed (title, level, attitude, influence, role, owner) and the links added since a date, from
``graph.changes.changes_between``; by default since the account's last QBR, else since the end
of the last fiscal quarter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from graph import schema as s
from graph.changes import AccountChanges, Moved, changes_between
from graph.nodes import person_node
from graph.vocabulary import InteractionKind
from graph.workspace import Workspace
from reports.quarter import Quarter

JOINED, LEFT, CHANGED = "joined", "left", "changed"
MARK_LABELS = {JOINED: "New", LEFT: "Left", CHANGED: "Changed"}
_FIELD_CHANGES = {
    "title_changes": "title",
    "level_changes": "level",
    "attitude_changes": "attitude",
    "influence_changes": "influence",
    "role_changes": "role",
}


@dataclass(frozen=True)
class ChangeMarks:
    since: dt.date
    people: dict[str, str] = field(default_factory=dict)  # card key -> JOINED, LEFT, CHANGED
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # card key -> what changed
    links: frozenset[str] = frozenset()  # link keys added since: "r<id>", "c<id>"
    removed: tuple[str, ...] = ()  # links taken away since (no longer on the map)

    def counts(self) -> dict[str, int]:
        counted = {JOINED: 0, LEFT: 0, CHANGED: 0}
        for mark in self.people.values():
            counted[mark] += 1
        return counted

    def summary(self) -> str:
        """One line for the map: what changed since the date."""
        n = self.counts()
        parts = [
            f"{n[JOINED]} joined" if n[JOINED] else "",
            f"{n[LEFT]} left" if n[LEFT] else "",
            f"{n[CHANGED]} changed" if n[CHANGED] else "",
            f"{len(self.links)} link{'s' * (len(self.links) != 1)} added" if self.links else "",
            f"{len(self.removed)} removed" if self.removed else "",
        ]
        said = ", ".join(p for p in parts if p) or "nothing changed"
        return f"Since {self.since:%d %b %Y}: {said}"


def default_since(ws: Workspace, account_id: int, today: dt.date) -> dt.date:
    """The day of the account's last QBR before today, else the last fiscal quarter's end."""
    qbrs = [
        i.occurred_at.date()
        for i in ws.interactions(account_id)
        if i.kind == InteractionKind.QBR and i.occurred_at.date() < today
    ]
    if qbrs:
        return max(qbrs)
    account = ws.get(s.Account, account_id)
    return Quarter.containing(today, account.fiscal_year_start_month).previous.end


def change_marks(ws: Workspace, account_id: int, since: dt.date, today: dt.date) -> ChangeMarks:
    """The marks for the changes after the day ``since`` up to the end of ``today``."""
    start = dt.datetime.combine(since + dt.timedelta(days=1), dt.time()) - dt.timedelta(
        microseconds=1
    )
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time()) - dt.timedelta(
        microseconds=1
    )
    return marks_of(changes_between(ws, account_id, start, end), since)


def marks_of(changes: AccountChanges, since: dt.date) -> ChangeMarks:
    people: dict[str, str] = {}
    notes: dict[str, list[str]] = {}

    def note(person_id: int | None, text: str, mark: str) -> None:
        if person_id is None:
            return
        key = person_node(person_id)
        # joined or left says more than a field change of the same person
        if people.get(key) in (None, CHANGED):
            people[key] = mark
        notes.setdefault(key, []).append(text)

    for m in changes.joined:
        note(m.record_id, f"joined {m.on:%d %b %Y}", JOINED)
    for m in changes.left:
        note(m.record_id, f"left {m.on:%d %b %Y}", LEFT)
    for kind, name in _FIELD_CHANGES.items():
        moved: tuple[Moved, ...] = getattr(changes, kind)
        for m in moved:
            note(m.record_id, f"{name}: {_text(m.old)} → {_text(m.new)}", CHANGED)
    for m in changes.owners_added:
        for person_id in m.people:
            note(person_id, f"new owner: {m.label}", CHANGED)
    for m in changes.owners_removed:
        for person_id in m.people:
            note(person_id, f"owner gone: {m.label}", CHANGED)
    links = {f"r{m.record_id}" for m in changes.links_added if m.record_id is not None}
    links |= {f"c{m.record_id}" for m in changes.owners_added if m.record_id is not None}
    return ChangeMarks(
        since,
        people,
        {k: tuple(v) for k, v in notes.items()},
        frozenset(links),
        tuple(m.label for m in changes.links_removed),
    )


def _text(value: object) -> str:
    label = getattr(value, "label", None)
    return str(label if label is not None else value)
