"""What an import would do, shown before it is done: the plan (dry run) and its result.

Every importer has a ``plan_...`` function that reads the file and the workspace and writes
nothing. The plan lists, per row or event, what would be added, updated, left unchanged or
skipped, and what conflicts (a row the importer cannot reconcile with the workspace: that row or
link is left out and the rest goes ahead). Problems (a bad email address, an unreadable date)
block the whole import: ``apply`` refuses a plan that has any, so an import is all or nothing.
Asked to (``skip_bad=True``, the command line's ``--skip-bad-rows``), an importer instead leaves
each row or card with a bad value out, lists it in ``bad_rows`` and as a skipped entry, and
imports the rest: still one transaction and one undo step.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from graph.events import ChangeSet
from graph.imports.errors import ImportProblem

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from graph.imports.bulk import UndoLog
    from graph.imports.progress import Monitor


class Action(StrEnum):
    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    SKIP = "skip"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class Change:
    """One field a row would change, as text for a preview table: label, before, after."""

    field: str
    old: str
    new: str


@dataclass(slots=True)
class PlanEntry:
    action: Action
    what: str
    row: int | None = None
    changes: tuple[Change, ...] = ()
    reason: str = ""
    unit: str = "row"

    def __str__(self) -> str:
        where = f"{self.unit} {self.row}: " if self.row is not None else ""
        detail = "; ".join(f"{c.field}: {c.old or '—'} → {c.new or '—'}" for c in self.changes)
        tail = " — ".join(t for t in (detail, self.reason) if t)
        return f"{self.action.value:9} {where}{self.what}" + (f" ({tail})" if tail else "")


class Writes(Protocol):
    """The writes a plan stands for, replayed by ``apply`` inside one transaction."""

    def fingerprint(self, conn: Connection) -> str:
        """A digest of the workspace data the plan was made against."""
        ...

    def write(self, conn: Connection, log: UndoLog, monitor: Monitor) -> ChangeSet: ...


@dataclass
class ImportPlan:
    kind: str
    file: str
    account_id: int
    entries: list[PlanEntry] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    # Decisions the importer took that the user should know (date order, delimiter, footers).
    notes: list[str] = field(default_factory=list)
    writes: Writes | None = field(default=None, repr=False)
    basis: str = field(default="", repr=False)
    # Rows or cards left out because of a bad value (only when asked: --skip-bad-rows), each
    # with its file, row, column and reason; the rest imports.
    bad_rows: list[ImportProblem] = field(default_factory=list)
    # What the user must confirm before this plan is applied (a file naming another company).
    confirm: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when ``apply`` may run (there may still be conflicts, which are left out)."""
        return not self.problems

    def of(self, action: Action) -> list[PlanEntry]:
        return [e for e in self.entries if e.action is action]

    @property
    def added(self) -> list[PlanEntry]:
        return self.of(Action.ADD)

    @property
    def updated(self) -> list[PlanEntry]:
        return self.of(Action.UPDATE)

    @property
    def unchanged(self) -> list[PlanEntry]:
        return self.of(Action.UNCHANGED)

    @property
    def skipped(self) -> list[PlanEntry]:
        return self.of(Action.SKIP)

    @property
    def conflicts(self) -> list[PlanEntry]:
        return self.of(Action.CONFLICT)

    @property
    def has_changes(self) -> bool:
        return any(e.action in (Action.ADD, Action.UPDATE) for e in self.entries)

    def counts(self) -> dict[str, int]:
        counted = Counter(e.action.value for e in self.entries)
        return {a.value: counted.get(a.value, 0) for a in Action}

    def skip_reasons(self) -> dict[str, int]:
        """How many entries were skipped for each reason, most common first."""
        return dict(Counter(e.reason for e in self.skipped).most_common())

    def summary(self) -> str:
        c = self.counts()
        text = (
            f"{self.file}: {c['add']} to add, {c['update']} to update, "
            f"{c['unchanged']} unchanged, {c['conflict']} in conflict, {c['skip']} skipped"
        )
        if self.problems:
            text += f"; {len(self.problems)} problem(s) to fix before importing"
        if self.bad_rows:
            text += f"; {len(self.bad_rows)} bad value(s) left out"
        return text

    def as_dict(self) -> dict[str, Any]:
        """Plain data for ``--json`` output and tests."""
        return {
            "kind": self.kind,
            "file": self.file,
            "account_id": self.account_id,
            "counts": self.counts(),
            "notes": list(self.notes),
            "problems": [str(p) for p in self.problems],
            "bad_rows": [str(p) for p in self.bad_rows],
            "confirm": list(self.confirm),
            "entries": [
                {
                    "action": e.action.value,
                    "row": e.row,
                    "what": e.what,
                    "changes": [[c.field, c.old, c.new] for c in e.changes],
                    "reason": e.reason,
                }
                for e in self.entries
            ],
        }
