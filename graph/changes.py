"""What changed in an account between two instants ("since the last QBR").

Built from the history log (graph.history), and from the records' own dates for what the log
cannot know: a person's ``joined_on``/``left_on``, a risk's ``raised_on``, an action's
``created_on`` and the ``AttitudeChange`` rows (the log of a migrated file or of the sample
starts empty). A stored date wins over the log's instant: a person typed in today with
``joined_on`` two years ago did not join this quarter.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graph import schema as s
from graph.changelog import DELETE, INSERT, UPDATE
from graph.history import H, HistoryLine, lines, values_as_of
from graph.vocabulary import ActionStatus, CoverageKind, PersonStatus, RiskStatus
from graph.workspace import Workspace

PERSON_FIELDS = ("title", "level", "attitude", "influence", "role")
_OPEN_ACTIONS = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True)
class Moved:
    """One thing that changed: who or what (``label``), on which day, and for a field change
    the field with its old and new value. ``logged`` is False when known from stored dates.
    ``people``: the customer people a link or an owner change concerns (for the map)."""

    table: str
    record_id: int | None
    label: str
    on: dt.date
    field: str | None = None
    old: Any = None
    new: Any = None
    logged: bool = True
    people: tuple[int, ...] = ()


@dataclass(frozen=True)
class AccountChanges:
    account_id: int
    start: dt.datetime
    end: dt.datetime
    joined: tuple[Moved, ...] = ()
    left: tuple[Moved, ...] = ()
    title_changes: tuple[Moved, ...] = ()
    level_changes: tuple[Moved, ...] = ()
    attitude_changes: tuple[Moved, ...] = ()
    influence_changes: tuple[Moved, ...] = ()
    role_changes: tuple[Moved, ...] = ()
    owners_added: tuple[Moved, ...] = ()
    owners_removed: tuple[Moved, ...] = ()
    links_added: tuple[Moved, ...] = ()
    links_removed: tuple[Moved, ...] = ()
    risks_opened: tuple[Moved, ...] = ()
    risks_closed: tuple[Moved, ...] = ()
    goals_moved: tuple[Moved, ...] = ()
    actions_completed: tuple[Moved, ...] = ()
    actions_new: tuple[Moved, ...] = ()
    actions_still_open: tuple[Moved, ...] = ()


@dataclass
class _Collector:
    names: dict[int, str]
    members: dict[int, str]
    titles: dict[tuple[str, int | None], str]
    start: dt.date
    end: dt.date
    found: dict[str, list[Moved]] = field(default_factory=lambda: defaultdict(list))

    def within(self, day: Any) -> bool:
        return isinstance(day, dt.date) and self.start < day <= self.end

    def add(self, kind: str, moved: Moved) -> None:
        if not any(
            m.table == moved.table and m.record_id == moved.record_id and m.field == moved.field
            for m in self.found[kind]
        ):
            self.found[kind].append(moved)

    def person(self, person_id: Any) -> str:
        return self.names.get(person_id, f"person {person_id}")

    def title(self, x: HistoryLine) -> str:
        return self.titles.get((x.table, x.record_id), f"{x.table} {x.record_id}")

    def line(self, x: HistoryLine) -> None:
        record = x.new if x.action == INSERT else x.old if x.action == DELETE else None
        day = x.at.date()
        handler = getattr(self, f"_{x.table}", None)
        if handler is not None:
            handler(x, record if isinstance(record, dict) else {}, day)

    def _people(self, x: HistoryLine, record: dict[str, Any], day: dt.date) -> None:
        label = record.get("name") or self.person(x.record_id)
        if x.action == INSERT and (
            record.get("joined_on") is None or self.within(record["joined_on"])
        ):
            self.add("joined", Moved("people", x.record_id, label, record.get("joined_on") or day))
        elif (x.action == DELETE and record.get("status") != PersonStatus.LEFT) or (
            x.action == UPDATE and x.field == "status" and x.new == PersonStatus.LEFT
        ):
            self.add("left", Moved("people", x.record_id, label, day))
        elif x.action == UPDATE and x.field in PERSON_FIELDS:
            self.found[f"{x.field}_changes"].append(
                Moved("people", x.record_id, label, day, x.field, x.old, x.new)
            )

    def _coverage(self, x: HistoryLine, record: dict[str, Any], day: dt.date) -> None:
        if x.action == UPDATE:
            if x.field != "kind":
                return
            kind = "owners_added" if x.new == CoverageKind.OWNS else "owners_removed"
            self.found[kind].append(Moved("coverage", x.record_id, self.title(x), day))
        elif record.get("kind") == CoverageKind.OWNS:
            member = self.members.get(record["member_id"], "someone")
            label = f"{member} owns {self.person(record['person_id'])}"
            kind = "owners_added" if x.action == INSERT else "owners_removed"
            concerned = (record["person_id"],)
            self.found[kind].append(Moved("coverage", x.record_id, label, day, people=concerned))

    def _relationships(self, x: HistoryLine, record: dict[str, Any], day: dt.date) -> None:
        if x.action == UPDATE:
            return
        kind = record["kind"].label.lower()
        label = f"{self.person(record['source_id'])} {kind} {self.person(record['target_id'])}"
        ends = (record["source_id"], record["target_id"])
        self.found["links_added" if x.action == INSERT else "links_removed"].append(
            Moved("relationships", x.record_id, label, day, people=ends)
        )

    def _risks(self, x: HistoryLine, record: dict[str, Any], day: dt.date) -> None:
        if x.action == INSERT and self.within(record.get("raised_on")):
            self.add(
                "risks_opened", Moved("risks", x.record_id, record["title"], record["raised_on"])
            )
        elif x.action == UPDATE and x.field == "status" and x.old == RiskStatus.OPEN:
            self.add(
                "risks_closed",
                Moved("risks", x.record_id, self.title(x), day, "status", x.old, x.new),
            )

    def _goals(self, x: HistoryLine, record: dict[str, Any], day: dt.date) -> None:
        if x.action == UPDATE and x.field in ("status", "progress"):
            self.found["goals_moved"].append(
                Moved("goals", x.record_id, self.title(x), day, x.field, x.old, x.new)
            )

    def _action_items(self, x: HistoryLine, record: dict[str, Any], day: dt.date) -> None:
        if x.action == INSERT and self.within(record.get("created_on")):
            self.add(
                "actions_new",
                Moved("action_items", x.record_id, record["title"], record["created_on"]),
            )
        elif x.action == UPDATE and x.field == "status" and x.new == ActionStatus.DONE:
            self.add(
                "actions_completed",
                Moved("action_items", x.record_id, self.title(x), day),
            )


def changes_between(
    ws: Workspace, account_id: int, start: dt.datetime, end: dt.datetime
) -> AccountChanges:
    """What changed in the account after ``start`` up to and including ``end``."""
    people = ws.find(s.Person, account_id=account_id)
    logged = lines(ws, H.account_id == account_id, H.at > start, H.at <= end)
    names = {p.id: p.name for p in people}
    for x in logged:
        for record in (x.old, x.new):
            if x.table == "people" and isinstance(record, dict) and x.record_id is not None:
                names.setdefault(x.record_id, record.get("name", ""))
    members = {m.id: m.name for m in ws.find(s.TeamMember)}
    titled: list[s.Risk | s.Goal | s.ActionItem] = [
        *ws.find(s.Risk, account_id=account_id),
        *ws.find(s.Goal, account_id=account_id),
        *ws.find(s.ActionItem, account_id=account_id),
    ]
    titles: dict[tuple[str, int | None], str] = {(r.__tablename__, r.id): r.title for r in titled}
    c = _Collector(names, members, titles, start.date(), end.date())
    for x in logged:
        c.line(x)
    _from_stored_dates(ws, c, account_id, people, end)
    found = {kind: tuple(moved) for kind, moved in c.found.items()}
    return AccountChanges(account_id, start, end, **found)


def _from_stored_dates(
    ws: Workspace, c: _Collector, account_id: int, people: list[s.Person], end: dt.datetime
) -> None:
    for p in people:
        if c.within(p.joined_on) and p.joined_on is not None:
            c.add("joined", Moved("people", p.id, p.name, p.joined_on, logged=False))
        if c.within(p.left_on) and p.left_on is not None:
            c.add("left", Moved("people", p.id, p.name, p.left_on, logged=False))
    moved_by_log = {m.record_id for m in c.found["attitude_changes"]}
    ids = [p.id for p in people if p.id not in moved_by_log]
    for ac in ws.find(
        s.AttitudeChange, s.AttitudeChange.person_id.in_(ids), order_by=s.AttitudeChange.changed_on
    ):
        if c.within(ac.changed_on):
            moved = Moved(
                "people",
                ac.person_id,
                c.person(ac.person_id),
                ac.changed_on,
                "attitude",
                ac.old_attitude,
                ac.new_attitude,
                logged=False,
            )
            c.found["attitude_changes"].append(moved)
    for r in ws.find(s.Risk, account_id=account_id):
        if c.within(r.raised_on):
            c.add("risks_opened", Moved("risks", r.id, r.title, r.raised_on, logged=False))
    actions = ws.find(s.ActionItem, account_id=account_id)
    for a in actions:
        if c.within(a.created_on):
            c.add("actions_new", Moved("action_items", a.id, a.title, a.created_on, logged=False))
    then = values_as_of(
        ws, s.ActionItem, [a.id for a in actions], ["status", "title", "created_on"], end
    )
    for action_id, values in then.items():
        if values["status"] in _OPEN_ACTIONS and values["created_on"] <= end.date():
            c.add(
                "actions_still_open",
                Moved("action_items", action_id, values["title"], values["created_on"]),
            )
