"""Matching imported contacts to the people of an account: shared by CSV/XLSX and vCard imports.

Rules (the same for every source):
- A contact is the person with the same email address (any case), else the one person with the
  same normalised name ("Dr. José García" = "garcia, jose") whose email is empty or equal.
- Two people with that name, or a namesake with another email, is a *conflict*: the row is left
  out (and listed) rather than guessed.
- Empty cells never erase: a file without titles does not blank the titles already typed in.
- A new person whose row gives no level or no deal role (no such column, or an empty cell) gets
  the ones their title suggests (``graph.titles``), named in the preview; people already in the
  account keep theirs.
- A row repeating an earlier row is skipped; one contradicting it is a conflict.
- "Reports to" (a name or an email, of someone in the file or already in the account) sets the
  person's manager, replacing the old line. A line that is ambiguous, unknown, to oneself or
  that would close a reporting cycle is a conflict: that line is left out, the person is not.
- "Owner" (a team member's name or email) gives that member an *owns* coverage of the person.
  An owner who is not in the team is a conflict (add them to the team first).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, cast

from graph import schema as s
from graph.errors import ValidationError
from graph.imports.errors import ImportProblem
from graph.imports.people_writes import PeopleWrites
from graph.imports.plan import Action, Change, ImportPlan, PlanEntry
from graph.imports.progress import Monitor
from graph.imports.snapshot import PeopleSnapshot
from graph.imports.values import email_key, normalise_name
from graph.titles import suggest
from graph.validation import RULES
from graph.vocabulary import (
    Channel,
    CoverageKind,
    DealRole,
    LabelledEnum,
    Level,
    PersonStatus,
)

_PERSON_RULE = RULES[s.Person]

# Person fields an import may set, with the words a user reads.
FIELD_LABELS: dict[str, str] = {
    "name": "name",
    "title": "title",
    "department": "department",
    "email": "email",
    "phone": "phone",
    "level": "level",
    "role": "role",
    "influence": "influence",
    "attitude": "attitude",
    "interest": "interest",
    "cares_about": "cares about",
    "channel": "channel",
    "cadence_days": "cadence (days)",
    "status": "status",
    "notes": "notes",
}


@dataclass
class PersonDraft:
    """One contact as read from a file, before it is matched."""

    row: int
    name: str
    fields: dict[str, Any] = field(default_factory=dict)
    # field -> the column (or vCard property) it came from, for messages
    columns: dict[str, str] = field(default_factory=dict)
    manager: str = ""
    owner: str = ""
    name_from_email: bool = False
    # Team members who know this person (the people CSV's "Known by"), names or emails.
    known_by: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        email = self.fields.get("email")
        return f"{self.name} <{email}>" if email else self.name


@dataclass
class _Outcome:
    draft: PersonDraft
    ref: int | None = None  # existing person id (> 0) or new person (< 0)
    action: Action = Action.ADD
    changes: list[Change] = field(default_factory=list)
    reason: str = ""


_ENUM_FIELDS: dict[str, type[LabelledEnum]] = {
    "level": Level,
    "role": DealRole,
    "channel": Channel,
    "status": PersonStatus,
}


def _text(value: Any, field: str = "") -> str:
    """A value as the preview shows it (enum labels, tags comma-joined)."""
    if value is None:
        return ""
    enum = _ENUM_FIELDS.get(field)
    if enum is not None and isinstance(value, str) and not isinstance(value, enum):
        try:
            value = enum(value)
        except ValueError:
            return value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    label = getattr(value, "label", None)
    return str(label if isinstance(label, str) else value)


def _differs(name: str, old: Any, new: Any) -> bool:
    if name == "email":
        return email_key(str(old or "")) != email_key(str(new or ""))
    if name == "name":
        return normalise_name(str(old)) != normalise_name(str(new))
    return bool(old != new)


def _suggested(draft: PersonDraft) -> dict[str, Any]:
    """Level and role suggested from the title (graph.titles) for what the row leaves blank."""
    title = str(draft.fields.get("title") or "")
    if not title or ("level" in draft.fields and "role" in draft.fields):
        return {}
    guess = suggest(title)
    found: dict[str, Any] = {}
    if "level" not in draft.fields and guess.level is not None:
        found["level"] = guess.level
    if "role" not in draft.fields and guess.role is not None:
        found["role"] = guess.role
    return found


class PeoplePlanner:
    """Plans the people part of a contacts or vCard import against one snapshot."""

    def __init__(
        self,
        file: str,
        account_id: int,
        snapshot: PeopleSnapshot,
        *,
        kind: str,
        unit: str = "row",
        today: dt.date,
    ) -> None:
        self.file = file
        self.account_id = account_id
        self.snapshot = snapshot
        self.kind = kind
        self.unit = unit
        self.final: dict[int, dict[str, Any]] = {pid: dict(v) for pid, v in snapshot.people.items()}
        self.by_email: dict[str, list[int]] = defaultdict(list)
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for pid, values in self.final.items():
            self._index(pid, values)
        self.claimed: dict[int, _Outcome] = {}
        self.outcomes: list[_Outcome] = []
        self.link_conflicts: list[PlanEntry] = []
        self.problems: list[ImportProblem] = []
        self.writes = PeopleWrites(account_id, today)
        self.defaults = s.Person(account_id=account_id, name="").values()
        del self.defaults["id"], self.defaults["uid"]  # each new person gets their own

    # --- indexes -------------------------------------------------------------------------------

    def _index(self, ref: int, values: dict[str, Any]) -> None:
        email = email_key(values.get("email") or "")
        if email:
            self.by_email[email].append(ref)
        name = normalise_name(values["name"])
        if name:
            self.by_name[name].append(ref)

    def _unindex(self, ref: int, values: dict[str, Any]) -> None:
        email = email_key(values.get("email") or "")
        if email and ref in self.by_email.get(email, []):
            self.by_email[email].remove(ref)
        name = normalise_name(values["name"])
        if name and ref in self.by_name.get(name, []):
            self.by_name[name].remove(ref)

    def _who(self, ref: int | None) -> str:
        return "" if ref is None else str(self.final[ref]["name"])

    # --- matching ------------------------------------------------------------------------------

    def _match(self, draft: PersonDraft) -> tuple[int | None, str]:
        """(person ref or None for a new person, conflict reason or '')."""
        email = email_key(draft.fields.get("email") or "")
        if email:
            hits = self.by_email.get(email, [])
            if len(hits) > 1:
                names = ", ".join(self._who(h) for h in hits)
                return None, f"{len(hits)} people share the email {email} ({names})"
            if hits:
                return self._check_renamed(draft, hits[0])
        hits = self.by_name.get(normalise_name(draft.name), [])
        if not email:
            compatible = hits
        else:
            compatible = [h for h in hits if not email_key(self.final[h].get("email") or "")]
            # A namesake added earlier from this same file with another email is someone else.
            hits = [h for h in hits if h > 0]
        if len(compatible) == 1:
            return compatible[0], ""
        if len(compatible) > 1:
            return None, (
                f"{len(compatible)} people are named {draft.name!r}; add an email address "
                "to tell them apart"
            )
        if hits:
            other = self.final[hits[0]]
            return None, (
                f"{other['name']} is already in the account with the email {other['email']}; "
                "if this is the same person, correct the email in the file or in Rapport"
            )
        return None, ""

    def _check_renamed(self, draft: PersonDraft, ref: int) -> tuple[int | None, str]:
        """A match by email, unless the row's name is someone else's: then the row is stale."""
        name = normalise_name(draft.name)
        if draft.name_from_email or name == normalise_name(self.final[ref]["name"]):
            return ref, ""
        others = [h for h in self.by_name.get(name, []) if h != ref]
        if others:
            return None, (
                f"the email is {self._who(ref)}'s, but the name is {self._who(others[0])}'s; "
                "correct the file or Rapport"
            )
        return ref, ""

    def _validated(self, outcome: _Outcome, values: dict[str, Any]) -> dict[str, Any] | None:
        """The record's values as the workspace would store them, or None (a problem).

        The workspace's own rule for people checks them, run on a plain object: building
        50,000 ORM records only to validate them would cost more than the rest of the import.
        Enum fields are already enum members here (parsed with the row).
        """
        draft = outcome.draft
        record = SimpleNamespace(**values)
        try:
            _PERSON_RULE(cast(Any, record))
        except ValidationError as exc:
            column = draft.columns.get(exc.field or "", exc.field)
            self.problems.append(
                ImportProblem(self.file, exc.detail, draft.row, column, unit=self.unit)
            )
            outcome.action, outcome.reason = Action.CONFLICT, exc.detail
            return None
        return vars(record)

    def _same_as(self, earlier: _Outcome, draft: PersonDraft) -> bool:
        before = earlier.draft
        return not _differs("name", before.name, draft.name) and all(
            not _differs(k, before.fields.get(k), v) for k, v in draft.fields.items()
        )

    def add_draft(self, draft: PersonDraft) -> None:
        outcome = _Outcome(draft)
        self.outcomes.append(outcome)
        ref, conflict = self._match(draft)
        if conflict:
            outcome.action, outcome.reason = Action.CONFLICT, conflict
            return
        if ref is not None and ref in self.claimed:
            earlier = self.claimed[ref]
            outcome.ref = ref
            if self._same_as(earlier, draft):
                outcome.action = Action.SKIP
                outcome.reason = f"repeats {self.unit} {earlier.draft.row}"
            else:
                outcome.ref = None
                outcome.action = Action.CONFLICT
                outcome.reason = (
                    f"{self.unit} {earlier.draft.row} already describes {self._who(ref)} "
                    "with different values"
                )
            return
        if ref is None:
            self._add(outcome)
        else:
            self._update(outcome, ref)

    def _add(self, outcome: _Outcome) -> None:
        draft = outcome.draft
        values = {**self.defaults, "cares_about": [], **draft.fields, "name": draft.name}
        suggested = _suggested(draft)
        values.update(suggested)
        checked = self._validated(outcome, values)
        if checked is None:
            return
        ref = self.writes.add_person(checked)
        self.final[ref] = checked
        self._index(ref, checked)
        self.claimed[ref] = outcome
        outcome.ref, outcome.action = ref, Action.ADD
        notes = []
        if draft.name_from_email:
            notes.append("name made from the email address")
        if suggested:
            what = " and ".join(f"{k} {_text(v, k)}" for k, v in suggested.items())
            notes.append(f"{what} suggested from the title")
        outcome.reason = "; ".join(notes)

    def _update(self, outcome: _Outcome, ref: int) -> None:
        draft = outcome.draft
        old = self.final[ref]
        new = {k: v for k, v in draft.fields.items() if _differs(k, old.get(k), v)}
        if not draft.name_from_email and _differs("name", old["name"], draft.name):
            new["name"] = draft.name
        self.claimed[ref] = outcome
        outcome.ref = ref
        if not new:
            outcome.action = Action.UNCHANGED
            return
        checked = self._validated(outcome, {**old, **new})
        if checked is None:
            return
        new = {k: checked[k] for k in new}
        if not any(old[k] != v for k, v in new.items()):
            outcome.action = Action.UNCHANGED
            return
        self.writes.update_person(ref, new, {k: old[k] for k in new})
        self._unindex(ref, old)
        self.final[ref] = checked
        self._index(ref, checked)
        outcome.action = Action.UPDATE
        outcome.changes.extend(
            Change(FIELD_LABELS.get(k, k), _text(old[k], k), _text(v, k)) for k, v in new.items()
        )

    # --- links ---------------------------------------------------------------------------------

    def _link_conflict(self, outcome: _Outcome, what: str, reason: str) -> None:
        self.link_conflicts.append(
            PlanEntry(
                Action.CONFLICT,
                f"{outcome.draft.name}: {what}",
                outcome.draft.row,
                reason=reason,
                unit=self.unit,
            )
        )

    def _changed(self, outcome: _Outcome, change: Change) -> None:
        outcome.changes.append(change)
        if outcome.action is Action.UNCHANGED:
            outcome.action = Action.UPDATE

    def plan_managers(self) -> None:
        managers = {pid: target for pid, (_rid, target) in self.snapshot.managers.items()}
        reports = _Reports(managers)
        for outcome in self.outcomes:
            text = outcome.draft.manager.strip()
            ref = outcome.ref
            if not text or ref is None or outcome.action in (Action.CONFLICT, Action.SKIP):
                continue
            what = f"reports to {text!r}"
            hits = (
                self.by_email.get(email_key(text), [])
                if "@" in text
                else self.by_name.get(normalise_name(text), [])
            )
            if not hits:
                self._link_conflict(
                    outcome, what, "nobody of that name or email is in the file or the account"
                )
                continue
            if len(hits) > 1:
                self._link_conflict(outcome, what, f"{len(hits)} people match; use an email")
                continue
            target = hits[0]
            if target == ref:
                self._link_conflict(outcome, what, "a person cannot report to themselves")
                continue
            if managers.get(ref) == target:
                continue
            cycle = [self._who(r) for r in reports.cycle(ref, target)]
            if cycle:
                self._link_conflict(
                    outcome, what, "that would make a reporting cycle: " + " → ".join(cycle)
                )
                continue
            self._changed(
                outcome, Change("reports to", self._who(managers.get(ref)), self._who(target))
            )
            reports.set(ref, target)
            self.writes.set_manager(ref, target)

    def plan_owners(self) -> None:
        team_email: dict[str, list[int]] = defaultdict(list)
        team_name: dict[str, list[int]] = defaultdict(list)
        for mid, (name, email) in self.snapshot.team.items():
            if email:
                team_email[email_key(email)].append(mid)
            team_name[normalise_name(name)].append(mid)
        planned: set[tuple[int, int]] = set()
        for outcome in self.outcomes:
            text = outcome.draft.owner.strip()
            ref = outcome.ref
            if not text or ref is None or outcome.action in (Action.CONFLICT, Action.SKIP):
                continue
            what = f"owner {text!r}"
            hits = (
                team_email.get(email_key(text), [])
                if "@" in text
                else team_name.get(normalise_name(text), [])
            )
            if len(hits) != 1:
                reason = (
                    "is not a member of your team in Rapport; add them to the team, then "
                    "import again to record who owns this contact"
                    if not hits
                    else f"{len(hits)} team members match; use an email"
                )
                self._link_conflict(outcome, what, reason)
                continue
            member = hits[0]
            if (member, ref) in planned:
                continue
            planned.add((member, ref))
            existing = self.snapshot.coverage.get((member, ref))
            member_name = self.snapshot.team[member][0]
            if existing is None:
                self.writes.add_coverage(member, ref)
            elif existing[1] is not CoverageKind.OWNS:
                self.writes.make_owner(existing[0], existing[1])
            else:
                continue
            self._changed(outcome, Change("owner", "", member_name))

    def plan_knowers(self) -> None:
        """ "Known by": a knows coverage for each named team member who has none yet."""
        team: dict[str, list[int]] = defaultdict(list)
        for mid, (name, email) in self.snapshot.team.items():
            if email:
                team[email_key(email)].append(mid)
            team[normalise_name(name)].append(mid)
        planned = {(m, r) for m, r in self.writes.coverage_adds}
        for outcome in self.outcomes:
            ref = outcome.ref
            if ref is None or outcome.action in (Action.CONFLICT, Action.SKIP):
                continue
            for text in outcome.draft.known_by:
                key = email_key(text) if "@" in text else normalise_name(text)
                hits = team.get(key, [])
                if len(hits) != 1:
                    reason = (
                        "is not a member of your team in Rapport; add them to the team, then "
                        "import again to record who knows this contact"
                        if not hits
                        else f"{len(hits)} team members match; use an email"
                    )
                    self._link_conflict(outcome, f"known by {text!r}", reason)
                    continue
                member = hits[0]
                if (member, ref) in planned or (member, ref) in self.snapshot.coverage:
                    continue
                planned.add((member, ref))
                self.writes.add_knower(member, ref)
                self._changed(outcome, Change("known by", "", self.snapshot.team[member][0]))

    # --- result --------------------------------------------------------------------------------

    def plan(self, basis: str, notes: Iterable[str] = ()) -> ImportPlan:
        self.plan_managers()
        self.plan_owners()
        self.plan_knowers()
        entries = [
            PlanEntry(
                o.action,
                o.draft.label,
                o.draft.row,
                tuple(o.changes),
                o.reason,
                unit=self.unit,
            )
            for o in self.outcomes
        ]
        entries.extend(self.link_conflicts)
        entries.sort(key=lambda e: e.row or 0)
        return ImportPlan(
            self.kind,
            self.file,
            self.account_id,
            entries=entries,
            problems=self.problems,
            notes=list(notes),
            writes=self.writes,
            basis=basis,
        )


def plan_people(
    file: str,
    account_id: int,
    snapshot: PeopleSnapshot,
    drafts: Iterable[PersonDraft],
    *,
    kind: str,
    unit: str = "row",
    skipped: Iterable[PlanEntry] = (),
    problems: Iterable[ImportProblem] = (),
    notes: Iterable[str] = (),
    monitor: Monitor | None = None,
    total: int = 0,
    today: dt.date,
) -> ImportPlan:
    """Match ``drafts`` against ``snapshot`` and plan the writes; nothing is written."""
    planner = PeoplePlanner(file, account_id, snapshot, kind=kind, unit=unit, today=today)
    planner.problems.extend(problems)
    tick: Callable[[int], None] = (
        (lambda i: monitor.tick(i, total)) if monitor else (lambda i: None)
    )
    for i, draft in enumerate(drafts, start=1):
        planner.add_draft(draft)
        tick(i)
    plan = planner.plan(snapshot.digest(), notes)
    plan.entries.extend(skipped)
    plan.entries.sort(key=lambda e: e.row or 0)
    return plan


class _Reports:
    """The reporting lines as they are planned, answering "would this line close a cycle?"
    in time bounded by the smaller side: the chain above the new manager, or the people below
    the person. A 20,000-row org chart imported top-down or bottom-up costs linear time (one
    side is always short), where walking up the chain for every row cost quadratic time.
    """

    def __init__(self, managers: dict[int, int]) -> None:
        self.managers = managers
        self.reports: dict[int, set[int]] = defaultdict(set)
        for person, manager in managers.items():
            self.reports[manager].add(person)

    def set(self, person: int, manager: int) -> None:
        old = self.managers.get(person)
        if old is not None:
            self.reports[old].discard(person)
        self.managers[person] = manager
        self.reports[manager].add(person)

    def cycle(self, person: int, manager: int) -> list[int]:
        """[person, manager, ..., person] if ``person`` would report to ``manager`` in a
        cycle (``manager`` already reports to ``person``, directly or not); else []."""
        up: int | None = manager
        seen_up: set[int] = set()
        below: list[int] = [person]
        seen_below = {person}
        while True:
            # One step up from the manager...
            if up is None or up in seen_up:
                return []
            if up == person:
                return self._path(person, manager)
            seen_up.add(up)
            up = self.managers.get(up)
            # ...and one step down from the person, whichever runs out first decides.
            if not below:
                return []
            current = below.pop()
            for report in self.reports.get(current, ()):
                if report == manager:
                    return self._path(person, manager)
                if report not in seen_below:
                    seen_below.add(report)
                    below.append(report)

    def _path(self, person: int, manager: int) -> list[int]:
        chain = [person, manager]
        step = self.managers.get(manager)
        while step is not None and step != person and len(chain) <= len(self.managers) + 1:
            chain.append(step)
            step = self.managers.get(step)
        chain.append(person)
        return chain
