"""What the map marks in its "changes since" mode (no Qt): the people who joined, left or
changed (title, level, attitude, influence, role, owner) and the links added since a date, from
``graph.changes.changes_between``; by default since the account's last QBR, else since the end
of the last fiscal quarter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.labels import ATTITUDE_LABELS
from graph.nodes import person_node
from graph.vocabulary import InteractionKind

if TYPE_CHECKING:
    from graph.changes import AccountChanges, Moved
    from graph.history import HistoryLine
    from graph.workspace import Workspace

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
class ChangeLine:
    """One change to one person, as the map's change list and card tooltips word it."""

    key: str  # the card
    name: str
    what: str  # "title", "joined", "new owner", ...
    old: str = ""  # for a field: its value before and after ("" for an event)
    new: str = ""
    by: str = ""  # who logged it ("" when no one did: a date stored on the record)
    when: dt.datetime | dt.date | None = None

    def change(self) -> str:
        """What changed, without whose card: "title: VP → SVP", "joined 02 Nov 2026"."""
        if self.old or self.new:
            return f"{self.what}: {self.old or '—'} → {self.new or '—'}"
        return self.what

    def logged(self) -> str:
        """Who and when: "by Maya · 02 Nov 2026 14:05"."""
        when = ""
        if isinstance(self.when, dt.datetime):
            when = f"{self.when:%d %b %Y %H:%M}"
        elif isinstance(self.when, dt.date):
            when = f"{self.when:%d %b %Y}"
        return " · ".join(p for p in (f"by {self.by}" if self.by else "", when) if p)


@dataclass(frozen=True)
class ChangeMarks:
    since: dt.date
    people: dict[str, str] = field(default_factory=dict)  # card key -> JOINED, LEFT, CHANGED
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # card key -> what changed
    links: frozenset[str] = frozenset()  # link keys added since: "r<id>", "c<id>"
    removed: tuple[str, ...] = ()  # links taken away since (no longer on the map)
    details: dict[str, tuple[ChangeLine, ...]] = field(default_factory=dict)  # key -> in full

    def lines(self) -> list[ChangeLine]:
        """Every change to a person, newest first (then by name)."""
        every = [line for lines in self.details.values() for line in lines]
        return sorted(every, key=lambda c: (-_ordinal(c.when), c.name, c.what))

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
    from graph import schema as s
    from reports.quarter import Quarter

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
    # The reads here, not at the top: the map's cards draw their marks from ChangeMarks and
    # need no database library (loading it is most of a cold start).
    from graph import schema as s
    from graph.changes import changes_between
    from graph.history import account_history

    start = dt.datetime.combine(since + dt.timedelta(days=1), dt.time()) - dt.timedelta(
        microseconds=1
    )
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time()) - dt.timedelta(
        microseconds=1
    )
    # who logged each change, and when: the log of the same window
    logged = account_history(
        ws, account_id, start + dt.timedelta(microseconds=1), end + dt.timedelta(microseconds=1)
    )
    names = {person_node(p.id): p.name for p in ws.find(s.Person, account_id=account_id)}
    return marks_of(changes_between(ws, account_id, start, end), since, logged, names)


def marks_of(
    changes: AccountChanges,
    since: dt.date,
    logged: list[HistoryLine] | None = None,
    names: dict[str, str] | None = None,
) -> ChangeMarks:
    """The marks of ``changes``; ``logged`` (the log of the same window) says who made each
    change, ``names`` (card key -> name) whose card it is."""
    people: dict[str, str] = {}
    notes: dict[str, list[str]] = {}
    details: dict[str, list[ChangeLine]] = {}
    # (table, record id, field or None for an insert/delete) -> its latest log line
    log: dict[tuple[str, int | None, str | None], HistoryLine] = {}
    for x in logged or []:
        log[(x.table, x.record_id, x.field)] = x

    def note(
        person_id: int | None, m: Moved, text: str, mark: str, line: tuple[str, str, str]
    ) -> None:
        if person_id is None:
            return
        key = person_node(person_id)
        # joined or left says more than a field change of the same person
        if people.get(key) in (None, CHANGED):
            people[key] = mark
        notes.setdefault(key, []).append(text)
        what, old, new = line
        found = log.get((m.table, m.record_id, m.field)) if m.logged else None
        if found is None and m.logged and m.field is None:  # a left: the status changed
            found = log.get((m.table, m.record_id, "status"))
        name = (names or {}).get(key) or (m.label if m.table == "people" else key)
        if mark in (JOINED, LEFT) and found is not None and found.at.date() != m.on:
            what = f"{what} {m.on:%d %b %Y}"  # logged another day than it happened
        details.setdefault(key, []).append(
            ChangeLine(
                key,
                name,
                what,
                old,
                new,
                found.author if found is not None else "",
                found.at if found is not None else m.on,
            )
        )

    for m in changes.joined:
        note(m.record_id, m, f"joined {m.on:%d %b %Y}", JOINED, ("joined", "", ""))
    for m in changes.left:
        note(m.record_id, m, f"left {m.on:%d %b %Y}", LEFT, ("left", "", ""))
    for kind, name in _FIELD_CHANGES.items():
        moved: tuple[Moved, ...] = getattr(changes, kind)
        for m in moved:
            old, new = _text(m.old, name), _text(m.new, name)
            note(m.record_id, m, f"{name}: {old} → {new}", CHANGED, (name, old, new))
    for m in changes.owners_added:
        for person_id in m.people:
            note(person_id, m, f"new owner: {m.label}", CHANGED, (f"new owner: {m.label}", "", ""))
    for m in changes.owners_removed:
        for person_id in m.people:
            note(
                person_id, m, f"owner gone: {m.label}", CHANGED, (f"owner gone: {m.label}", "", "")
            )
    links = {f"r{m.record_id}" for m in changes.links_added if m.record_id is not None}
    links |= {f"c{m.record_id}" for m in changes.owners_added if m.record_id is not None}
    return ChangeMarks(
        since,
        people,
        {k: tuple(v) for k, v in notes.items()},
        frozenset(links),
        tuple(m.label for m in changes.links_removed),
        {k: tuple(v) for k, v in details.items()},
    )


def _ordinal(when: dt.datetime | dt.date | None) -> float:
    if isinstance(when, dt.datetime):
        return when.timestamp() if when.tzinfo else when.replace(tzinfo=dt.UTC).timestamp()
    if isinstance(when, dt.date):
        return dt.datetime.combine(when, dt.time(), dt.UTC).timestamp()
    return 0.0


def _text(value: object, name: str = "") -> str:
    if name == "attitude" and isinstance(value, int):
        return ATTITUDE_LABELS.get(value, str(value))
    if value is None:
        return "—"
    label = getattr(value, "label", None)
    return str(label if label is not None else value)
