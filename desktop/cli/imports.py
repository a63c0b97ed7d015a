"""``rapport import`` and ``rapport graph``: bring data in and out from the command line.

No Qt here. An import prints a short report (added, updated, unchanged, conflicts, skipped with
reasons); with --dry-run nothing is written. A plan with problems writes nothing and exits 1,
listing each problem with its file, row and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO, cast

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

# Which options each importer takes (the rest are refused with a clear line).
_OPTIONS: dict[str, set[str]] = {
    "contacts": {"mapping", "company", "skip_bad"},
    "vcard": {"company", "skip_bad"},
    "calendar": {"since", "until"},
    "usage": {"skip_bad"},
    "attendance": {"skip_bad"},
    "mail": {"add_new_people"},
}
_FLAGS = {
    "mapping": "--map",
    "company": "--company",
    "skip_bad": "--skip-bad-rows",
    "since": "--since",
    "until": "--until",
    "add_new_people": "--add-new-people",
}


def _planner(kind: str) -> Any:
    from graph.imports.kinds import PLANNERS, Kind

    # The command says "vcard" (one card or many); the importers' table says "vcards".
    return PLANNERS[cast(Kind, "vcards" if kind == "vcard" else kind)]


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
    for question in plan.confirm:
        out.write(f"  to confirm: {question}\n")
    for reason, count in plan.skip_reasons().items():
        if not reason.startswith("bad value"):
            out.write(f"  skipped {count}: {reason}\n")
    for problem in plan.bad_rows[:MAX_LISTED]:
        out.write(f"  skipped (bad value): {problem}\n")
    if len(plan.bad_rows) > MAX_LISTED:
        out.write(f"  ... and {len(plan.bad_rows) - MAX_LISTED} more bad values\n")
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
    file: Path | Sequence[Path],
    *,
    account: str,
    dry_run: bool = False,
    mapping_options: Sequence[str] = (),
    skip_bad_rows: bool = False,
    company: str | None = None,
    confirmed: bool = False,
    add_new_people: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
    out: TextIO,
) -> None:
    from graph.imports import ImportFailed, parse_map_options
    from graph.imports.errors import AccountChanged
    from graph.operations import apply_import, bind, import_source, perform

    files = [file] if isinstance(file, Path) else list(file)
    if len(files) > 1 and kind != "mail":
        raise RapportError(f"import {kind} takes one file; only mail takes several")
    given: dict[str, Any] = {
        "mapping": parse_map_options(mapping_options) if mapping_options else None,
        "company": company,
        "skip_bad": skip_bad_rows or None,
        "since": since,
        "until": until,
        "add_new_people": add_new_people or None,
    }
    if kind in ("calendar", "mail"):
        # These never refuse a file for one bad event or message: they skip it and count it.
        given["skip_bad"] = None
    options = {k: v for k, v in given.items() if v is not None}
    for name in options:
        if name not in _OPTIONS[kind]:
            allowed = [k for k, names in _OPTIONS.items() if name in names]
            raise RapportError(f"{_FLAGS[name]} applies to {' and '.join(allowed)} files only")
    target: Any = files if kind == "mail" else files[0]
    with Workspace.open(workspace, readonly=dry_run) as ws:
        record = ws.account_named(account)
        for attempt in range(1, PREVIEW_TRIES + 1):
            plan = _planner(kind)(ws, target, record.id, **options)
            if plan.problems:
                raise ImportFailed(plan.problems)
            if plan.confirm and not (confirmed or dry_run):
                raise RapportError(
                    f"{plan.file}: {plan.confirm[0]}; nothing was imported. Import them anyway "
                    "with --yes, or pick a company's rows with --company NAME"
                )
            if dry_run or not plan.has_changes:
                break
            try:
                # The same operation the app's import wizard runs (rows tagged as from the file).
                perform(ws, bind(apply_import, plan), import_source(plan))
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

    writer = exports.GRAPH_WRITERS.get(out_path.suffix.lower())
    if writer is None:
        raise RapportError(f"{out_path}: write a .graphml, .gexf or .json file")
    with Workspace.open(workspace, readonly=True) as ws:
        record = ws.account_named(account)
        writer(ws, record.id, out_path, view=view)
    return f"Wrote the graph of {record.name} to {out_path}"


def run_people_export(workspace: Path, *, account: str, out_path: Path) -> str:
    from graph import exports

    writer = exports.PEOPLE_WRITERS.get(out_path.suffix.lower())
    if writer is None:
        raise RapportError(
            f"{out_path}: the people list is written as a .csv file, or .xlsx (phone numbers "
            "stay text in Excel)"
        )
    with Workspace.open(workspace, readonly=True) as ws:
        record = ws.account_named(account)
        writer(ws, record.id, out_path)
    return f"Wrote the people of {record.name} to {out_path}"
