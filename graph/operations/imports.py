"""An import as an operation: ``graph.imports.apply`` writes a previewed plan in one
transaction with its own undo log; the inverse takes the log back, and its inverse writes the
plan again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.operations.core import OpResult
from graph.workspace import Workspace

if TYPE_CHECKING:  # graph.imports loads every importer: the app's start-up does without them
    from graph.imports.apply import AppliedImport
    from graph.imports.plan import ImportPlan
    from graph.imports.progress import CancelCheck, ProgressCallback


def import_source(plan: ImportPlan) -> str:
    """How the change history names where an import's rows came from."""
    return f"import:{plan.file}"


@dataclass(frozen=True)
class UndoImport:
    applied: AppliedImport

    @property
    def title(self) -> str:
        return f"Undo import {self.applied.plan.file}"

    def __call__(self, ws: Workspace) -> OpResult:
        changes = self.applied.undo(ws)
        return OpResult(changes, RedoImport(self.applied.plan), self.title)


@dataclass(frozen=True)
class RedoImport:
    plan: ImportPlan

    @property
    def title(self) -> str:
        return f"Import {self.plan.file}"

    def __call__(self, ws: Workspace) -> OpResult:
        return apply_import(ws, self.plan)


def apply_import(
    ws: Workspace,
    plan: ImportPlan,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> OpResult:
    """Write a previewed plan (all or nothing; ImportFailed if it has problems or the account
    changed since the preview). Must not run inside ``ws.batch()``."""
    from graph.imports.apply import apply

    applied = apply(ws, plan, progress=progress, cancelled=cancelled)
    return OpResult(applied.changes, UndoImport(applied), f"Import {plan.file}")


def applied_import(result: OpResult) -> AppliedImport:
    """What an ``apply_import`` result wrote (its plan and undo log)."""
    if not isinstance(result.inverse, UndoImport):
        raise TypeError(f"{result.title!r} is not an import")
    return result.inverse.applied
