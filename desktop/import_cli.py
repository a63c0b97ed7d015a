"""``rapport import`` and ``rapport graph``: bring data in and out from the command line.

No Qt here. An import prints a short report (added, updated, unchanged, conflicts, skipped with
reasons); with --dry-run nothing is written. A plan with problems writes nothing and exits 1,
listing each problem with its file, row and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from graph.errors import RapportError
from graph.workspace import Workspace


class _Escaped:
    """Writes each line with the control characters of file content escaped."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> None:
        from graph.text import printable

        lines = text.split("\n")
        self._stream.write("\n".join(printable(line, 100_000) for line in lines))


# Listing more than this many conflicts or skips buries the summary; the counts stay exact.
MAX_LISTED = 20

# How many times an import previews again when the account changed under it.
PREVIEW_TRIES = 3

KINDS = ("contacts", "calendar", "vcard", "usage")


def _planner(kind: str) -> Any:
    from graph import imports

    return {
        "contacts": imports.plan_contacts,
        "calendar": imports.plan_calendar,
        "vcard": imports.plan_vcards,
        "usage": imports.plan_usage,
    }[kind]


def _report(plan: Any, stream: TextIO, dry_run: bool) -> None:
    out = _Escaped(stream)
    counts = plan.counts()
    verb = "Would import" if dry_run else "Imported"
    out.write(
        f"{verb} {plan.file} ({plan.kind}): {counts['add']} added, {counts['update']} updated, "
        f"{counts['unchanged']} unchanged, {counts['conflict']} conflicts, "
        f"{counts['skip']} skipped\n"
    )
    for note in plan.notes:
        out.write(f"  note: {note}\n")
    for reason, count in plan.skip_reasons().items():
        out.write(f"  skipped {count}: {reason}\n")
    for entry in plan.conflicts[:MAX_LISTED]:
        out.write(f"  conflict: {entry}\n")
    if len(plan.conflicts) > MAX_LISTED:
        out.write(f"  ... and {len(plan.conflicts) - MAX_LISTED} more conflicts\n")
    if dry_run:
        for entry in (plan.added + plan.updated)[:MAX_LISTED]:
            out.write(f"  {entry}\n")


def run_import(
    kind: str,
    workspace: Path,
    file: Path,
    *,
    account: str,
    dry_run: bool = False,
    mapping_options: Sequence[str] = (),
    out: TextIO,
) -> None:
    from graph.imports import ImportFailed, apply, parse_map_options
    from graph.imports.errors import AccountChanged

    if mapping_options and kind != "contacts":
        raise RapportError("--map applies to contacts files only")
    options: dict[str, Any] = {}
    if mapping_options:
        options["mapping"] = parse_map_options(mapping_options)
    with Workspace.open(workspace, readonly=dry_run) as ws:
        record = ws.account_named(account)
        for attempt in range(1, PREVIEW_TRIES + 1):
            plan = _planner(kind)(ws, file, record.id, **options)
            if plan.problems:
                raise ImportFailed(plan.problems)
            if dry_run or not plan.has_changes:
                break
            try:
                apply(ws, plan)
                break
            except AccountChanged:
                # Someone edited the account between our preview and our write (the app is
                # open on the same file): preview again against what is there now.
                if attempt == PREVIEW_TRIES:
                    raise AccountChanged.single(
                        plan.file,
                        f"the account kept changing while importing ({PREVIEW_TRIES} previews); "
                        "try again when nobody else is editing it",
                    ) from None
    _report(plan, out, dry_run)


def run_graph_export(workspace: Path, *, account: str, out_path: Path, view: str | None) -> str:
    from graph import exports

    writers = {
        ".graphml": exports.write_graphml,
        ".gexf": exports.write_gexf,
        ".json": exports.write_graph_json,
    }
    writer = writers.get(out_path.suffix.lower())
    if writer is None:
        raise RapportError(f"{out_path}: write a .graphml, .gexf or .json file")
    with Workspace.open(workspace, readonly=True) as ws:
        record = ws.account_named(account)
        writer(ws, record.id, out_path, view=view)
    return f"Wrote the graph of {record.name} to {out_path}"


def run_people_export(workspace: Path, *, account: str, out_path: Path) -> str:
    from graph import exports

    if out_path.suffix.lower() != ".csv":
        raise RapportError(f"{out_path}: the people list is written as a .csv file")
    with Workspace.open(workspace, readonly=True) as ws:
        record = ws.account_named(account)
        exports.write_people_csv(ws, record.id, out_path)
    return f"Wrote the people of {record.name} to {out_path}"
