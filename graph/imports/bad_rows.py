"""Leaving bad rows or cards out of an import, when the user asks for it, and saying which.

By default an import is all or nothing: one bad value (an email that is not one, an unknown
role) is a problem, and ``apply`` refuses the plan. With ``skip_bad`` the rows or cards with a
problem are left out instead, each reported with its file, number, column and reason, and the
rest goes ahead. Problems that are not about one row (an unreadable file) still block.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.imports.errors import ImportProblem
from graph.imports.plan import Action, ImportPlan, PlanEntry


def bad_row_numbers(problems: Iterable[ImportProblem]) -> set[int]:
    return {p.row for p in problems if p.row is not None}


def reason(problem: ImportProblem) -> str:
    where = f"{problem.column}: " if problem.column else ""
    return f"bad value ({where}{problem.message})"


def skipped_entries(problems: Iterable[ImportProblem], labels: dict[int, str]) -> list[PlanEntry]:
    """One skipped entry per bad row or card (its first problem names it)."""
    entries: dict[int, PlanEntry] = {}
    for problem in problems:
        if problem.row is None or problem.row in entries:
            continue
        entries[problem.row] = PlanEntry(
            Action.SKIP,
            labels.get(problem.row, ""),
            problem.row,
            reason=reason(problem),
            unit=problem.unit,
        )
    return list(entries.values())


def set_aside(plan: ImportPlan) -> ImportPlan:
    """Turn the per-row problems of a finished plan into skipped rows (their writes were never
    planned: a row fails validation before it is written down)."""
    rows = bad_row_numbers(plan.problems)
    if not rows:
        return plan
    plan.bad_rows.extend(p for p in plan.problems if p.row is not None)
    plan.problems = [p for p in plan.problems if p.row is None]
    kept: list[PlanEntry] = []
    explained: set[int] = set()
    for entry in plan.entries:
        if entry.row in rows and entry.action is Action.CONFLICT:
            problem = next(p for p in plan.bad_rows if p.row == entry.row)
            entry.action, entry.reason = Action.SKIP, reason(problem)
            explained.add(entry.row)
        kept.append(entry)
    missing = [p for p in plan.bad_rows if p.row in rows - explained]
    kept.extend(e for e in skipped_entries(missing, {}) if e.row not in explained)
    plan.entries = sorted(kept, key=lambda e: e.row or 0)
    return plan
