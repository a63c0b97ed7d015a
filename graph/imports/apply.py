"""Carrying out a plan, all or nothing, as one undoable step.

    plan = plan_contacts(ws, path, account.id)      # dry run: nothing written
    show(plan.summary(), plan.entries, plan.problems)
    done = apply(ws, plan, progress=bar.setValue, cancelled=button.isChecked)
    ...
    done.undo(ws)                                   # the Edit > Undo of the import

``apply`` refuses a plan with problems, and a plan made against data that changed since (for
example an edit in another window between the preview and the click on Import): the user is
asked to preview again rather than get an import that no longer matches what they saw.
It must not be called inside ``with ws.batch():`` (the batch holds the write lock it needs).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.events import ChangeSet
from graph.imports import bulk
from graph.imports.collection import bulk_work
from graph.imports.errors import AccountChanged, ImportFailed
from graph.imports.plan import ImportPlan
from graph.imports.progress import CancelCheck, Monitor, ProgressCallback
from graph.workspace import Workspace


@dataclass
class AppliedImport:
    """An import that was written; ``undo`` takes it back, ``redo`` writes it again."""

    plan: ImportPlan
    log: bulk.UndoLog
    changes: ChangeSet

    def undo(self, ws: Workspace) -> ChangeSet:
        with bulk.transaction(ws, self.plan.file, source="undo") as conn:
            changes = bulk.undo(conn, self.log)
        if changes:
            ws.changed.emit(changes)
        return changes

    def redo(self, ws: Workspace) -> AppliedImport:
        return apply(ws, self.plan)


@bulk_work
def apply(
    ws: Workspace,
    plan: ImportPlan,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> AppliedImport:
    """Write what ``plan`` lists in one transaction. Raises ImportFailed (nothing written)."""
    if plan.problems:
        raise ImportFailed(plan.problems)
    if plan.writes is None:
        raise ImportFailed.single(plan.file, "this plan has nothing to write")
    monitor = Monitor(plan.file, progress, cancelled)
    log = bulk.UndoLog(plan.account_id)
    with bulk.transaction(ws, plan.file) as conn:
        if plan.writes.fingerprint(conn) != plan.basis:
            raise AccountChanged.single(
                plan.file,
                "the account changed after this import was previewed; preview it again",
            )
        changes = plan.writes.write(conn, log, monitor.stage(0.0, 0.99))
        monitor.report(1.0)  # last chance to cancel: nothing is committed yet
    if changes:
        ws.changed.emit(changes)
    return AppliedImport(plan, log, changes)
