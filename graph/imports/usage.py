"""Usage figures from CSV or XLSX: active users, hosts covered, adoption %... over time.

Two layouts are recognised:
- long: one row per figure, with a date, a metric and a value column (and optionally a unit);
- wide: a date column and one column per metric ("Active users", "Coverage (%)": the unit in
  brackets is taken as the metric's unit).
Metrics are matched by name (any case) and created when new; a point (metric, date) already in the
workspace is updated when its value differs. Dates and numbers are read as ``measures`` explains.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from graph.imports.bad_rows import bad_row_numbers, set_aside
from graph.imports.collection import bulk_work
from graph.imports.contact_columns import header_key
from graph.imports.errors import ImportFailed, ImportProblem
from graph.imports.measures import (
    NumberStyle,
    decide_date_order,
    decide_number_style,
    parse_date,
    parse_number,
)
from graph.imports.plan import Action, Change, ImportPlan, PlanEntry
from graph.imports.progress import CancelCheck, Monitor, ProgressCallback
from graph.imports.snapshot import require_account
from graph.imports.tabular import Table, cell_text, read_table
from graph.imports.usage_writes import UsageSnapshot, UsageWrites, load_usage
from graph.workspace import Workspace

Layout = Literal["long", "wide"]
_DATE = (
    "date",
    "day",
    "week",
    "month",
    "period",
    "measuredon",
    "asof",
    "reportdate",
    "weekstarting",
    "weekof",
    "timestamp",
    "time",
)
_METRIC = ("metric", "metricname", "kpi", "measure", "indicator", "series", "name")
_VALUE = ("value", "count", "amount", "total", "number", "quantity")
_UNIT = ("unit", "units")
_UNIT_IN_HEADER = re.compile(r"^(.*?)\s*[(\[]([^()\[\]]{1,20})[)\]]\s*$")
_MAX_VALUE = 1e15


@dataclass(frozen=True)
class _Columns:
    date: int
    metric: int | None = None
    value: int | None = None
    unit: int | None = None
    metrics: tuple[int, ...] = ()  # wide layout


def _find(table: Table, names: tuple[str, ...]) -> int | None:
    keys = [header_key(h) for h in table.headers]
    for name in names:
        if name in keys:
            return keys.index(name)
    return None


def looks_like_usage_header(cells: list[str]) -> bool:
    """True for a row with a date column and at least one other named column."""
    keys = {header_key(c) for c in cells}
    return bool(keys & set(_DATE)) and len([c for c in cells if c]) >= 2


def _columns(table: Table, layout: Layout | None) -> _Columns:
    date = _find(table, _DATE)
    if date is None and table.rows and parse_date(table.rows[0][0], False) is not None:
        date = 0
    if date is None:
        raise ImportFailed.single(
            table.file,
            f"no column holds dates (columns: {', '.join(table.headers)}); name it 'Date'",
        )
    metric, value = _find(table, _METRIC), _find(table, _VALUE)
    long = metric is not None and value is not None and metric != date and value != date
    if layout == "long" and not long:
        raise ImportFailed.single(
            table.file, "a long layout needs 'Date', 'Metric' and 'Value' columns"
        )
    if long and layout != "wide":
        return _Columns(date, metric, value, _find(table, _UNIT))
    others = tuple(i for i in range(len(table.headers)) if i != date)
    if not others:
        raise ImportFailed.single(table.file, "besides the dates, the file has no metric column")
    return _Columns(date, metrics=others)


def _metric_name(header: str) -> tuple[str, str]:
    match = _UNIT_IN_HEADER.match(header)
    if match and match.group(1).strip():
        return match.group(1).strip(), match.group(2).strip()
    return header.strip(), ""


@dataclass(frozen=True)
class _Figure:
    row: int
    column: str
    metric: str
    unit: str
    day: dt.date
    value: float


def _figures(
    table: Table, cols: _Columns, day_first: bool | None
) -> tuple[list[_Figure], list[ImportProblem], list[str]]:
    european = table.delimiter == ";"
    problems: list[ImportProblem] = []
    notes: list[str] = []
    date_header = table.headers[cols.date]
    order = decide_date_order(
        (cell_text(r[cols.date]) for r in table.rows if isinstance(r[cols.date], str)),
        day_first,
        european,
    )
    if order.problem:
        problems.append(ImportProblem(table.file, order.problem, column=date_header))
    if order.note:
        notes.append(order.note)
    value_columns = [cols.value] if cols.value is not None else list(cols.metrics)
    styles: dict[int, NumberStyle] = {}
    for i in value_columns:
        texts = [cell for r in table.rows if isinstance(cell := r[i], str) and cell]
        style = decide_number_style(texts, european)
        styles[i] = style
        if style.note:
            notes.append(f"{table.headers[i]}: {style.note}")
    figures: list[_Figure] = []
    for row in table.rows:
        day = parse_date(row[cols.date], order.day_first)
        if day is None:
            problems.append(
                ImportProblem(
                    table.file,
                    f"{cell_text(row[cols.date])!r} is not a date",
                    row.number,
                    date_header,
                )
            )
            continue
        if cols.value is not None and cols.metric is not None:
            name = cell_text(row[cols.metric])
            unit = cell_text(row[cols.unit]) if cols.unit is not None else ""
            if not name:
                problems.append(
                    ImportProblem(
                        table.file, "the metric is missing", row.number, table.headers[cols.metric]
                    )
                )
                continue
            pairs = [(cols.value, name, unit)]
        else:
            pairs = [(i, *_metric_name(table.headers[i])) for i in cols.metrics]
        for i, name, unit in pairs:
            raw = row[i]
            if cell_text(raw) == "":
                continue
            value = parse_number(raw, styles[i])
            if value is None or abs(value) > _MAX_VALUE:
                problems.append(
                    ImportProblem(
                        table.file,
                        f"{cell_text(raw)!r} is not a number",
                        row.number,
                        table.headers[i],
                    )
                )
                continue
            figures.append(_Figure(row.number, table.headers[i], name, unit, day, value))
    return figures, problems, notes


class _UsagePlanner:
    def __init__(self, account_id: int, snapshot: UsageSnapshot) -> None:
        self.snapshot = snapshot
        self.writes = UsageWrites(account_id)
        self.metric_refs = {name.casefold(): mid for mid, (name, _u) in snapshot.metrics.items()}
        self.entries: list[PlanEntry] = []
        self.seen: dict[tuple[int, dt.date], _Figure] = {}

    def add(self, figure: _Figure) -> None:
        what = f"{figure.metric} on {figure.day}: {figure.value:g}"
        ref = self.metric_refs.get(figure.metric.casefold())
        if ref is None:
            ref = self.writes.new_metric(figure.metric, figure.unit)
            self.metric_refs[figure.metric.casefold()] = ref
            self.entries.append(
                PlanEntry(Action.ADD, f"metric {figure.metric}", figure.row, reason="new metric")
            )
        key = (ref, figure.day)
        if key in self.seen:
            earlier = self.seen[key]
            same = earlier.value == figure.value
            self.entries.append(
                PlanEntry(
                    Action.SKIP if same else Action.CONFLICT,
                    what,
                    figure.row,
                    reason=f"repeats row {earlier.row}"
                    if same
                    else f"row {earlier.row} gives {earlier.value:g} for the same date; it is kept",
                )
            )
            return
        self.seen[key] = figure
        old = self.snapshot.points.get(key) if ref > 0 else None
        if old is None:
            self.writes.adds.append((ref, figure.day, figure.value))
            self.entries.append(PlanEntry(Action.ADD, what, figure.row))
        elif old == figure.value:
            self.entries.append(PlanEntry(Action.UNCHANGED, what, figure.row))
        else:
            self.writes.updates.append((ref, figure.day, figure.value, old))
            self.entries.append(
                PlanEntry(
                    Action.UPDATE,
                    what,
                    figure.row,
                    (Change("value", f"{old:g}", f"{figure.value:g}"),),
                )
            )


@bulk_work
def plan_usage(
    ws: Workspace,
    path: str | Path,
    account_id: int,
    *,
    layout: Layout | None = None,
    day_first: bool | None = None,
    sheet: str | None = None,
    skip_bad: bool = False,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportPlan:
    """Dry run of a usage import into ``account_id``. Nothing is written; see ``apply``.

    ``skip_bad`` leaves each row with a bad value out (all its figures) and reports it."""
    path = Path(path)
    monitor = Monitor(path.name, progress, cancelled)
    require_account(ws, account_id, path.name)
    table = read_table(
        path, is_header=looks_like_usage_header, sheet=sheet, monitor=monitor.stage(0, 0.5)
    )
    cols = _columns(table, layout)
    figures, problems, notes = _figures(table, cols, day_first)
    if skip_bad:
        bad = bad_row_numbers(problems)
        figures = [f for f in figures if f.row not in bad]
    with ws.engine.connect() as conn:
        snapshot = load_usage(conn, account_id)
    planner = _UsagePlanner(account_id, snapshot)
    stage = monitor.stage(0.6, 1.0)
    for i, figure in enumerate(figures, start=1):
        stage.tick(i, len(figures))
        planner.add(figure)
    layout_used = "long (date, metric, value)" if cols.value is not None else "wide"
    monitor.done()
    plan = ImportPlan(
        "usage",
        table.file,
        account_id,
        entries=planner.entries,
        problems=[*table.problems, *problems],
        notes=[f"read as {table.source}", f"layout: {layout_used}", *table.notes, *notes],
        writes=planner.writes,
        basis=snapshot.digest(),
    )
    return set_aside(plan) if skip_bad else plan
