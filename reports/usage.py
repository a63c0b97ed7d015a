"""Usage and adoption: each metric's points over the history window, quarter over quarter.

A quarter's value of a metric is the **mean** of the points measured in it, so one odd week does
not swing the comparison; the change is this quarter's mean against the previous quarter's.
The last point of the quarter is kept too (``latest``), for levels such as "hosts covered".

While a quarter runs ("to date"), the comparison is like for like: the points of its first N
days against the points of the first N days of the quarter before (``reports.quarter.Period``),
never five weeks against thirteen. Points after the QBR's day are left out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from statistics import fmean

from sqlalchemy import Engine, select

from graph import schema as s
from reports.model import MetricTrend, UsageSection
from reports.quarter import Period, Quarter


def _mean_in(
    points: Sequence[tuple[dt.date, float]], first: dt.date, last: dt.date
) -> float | None:
    values = [v for day, v in points if first <= day <= last]
    return fmean(values) if values else None


def metric_trend(
    metric_id: int,
    name: str,
    unit: str,
    points: Sequence[tuple[dt.date, float]],
    quarter: Quarter,
    period: Period | None = None,
) -> MetricTrend:
    """Summarise one metric's points (in date order) for ``quarter`` (read as of ``period``)."""
    period = period or Period(quarter, quarter.end)
    kept = [(day, v) for day, v in points if day <= period.as_of]
    current = period.comparable(quarter)
    in_quarter = [v for day, v in kept if current[0] <= day <= current[1]]
    return MetricTrend(
        metric_id=metric_id,
        name=name,
        unit=unit,
        points=tuple(kept),
        current=_mean_in(kept, *current),
        previous=_mean_in(kept, *period.comparable(quarter.previous)),
        latest=in_quarter[-1] if in_quarter else None,
    )


def read_usage(
    engine: Engine, account_id: int, window: Sequence[Quarter], period: Period | None = None
) -> UsageSection:
    """Every metric of the account with its points inside ``window`` (quarters, oldest first),
    up to the day of ``period`` (default: the last quarter of the window, complete)."""
    first, last = window[0].start, window[-1].end
    if period is not None:
        last = min(last, period.as_of)
    with engine.connect() as conn:
        metrics = conn.execute(
            select(s.UsageMetric.id, s.UsageMetric.name, s.UsageMetric.unit)
            .where(s.UsageMetric.account_id == account_id)
            .order_by(s.UsageMetric.id)
        ).all()
        rows = conn.execute(
            select(s.UsagePoint.metric_id, s.UsagePoint.measured_on, s.UsagePoint.value)
            .join(s.UsageMetric, s.UsageMetric.id == s.UsagePoint.metric_id)
            .where(
                s.UsageMetric.account_id == account_id,
                s.UsagePoint.measured_on >= first,
                s.UsagePoint.measured_on <= last,
            )
            .order_by(s.UsagePoint.metric_id, s.UsagePoint.measured_on)
        ).all()
    points: dict[int, list[tuple[dt.date, float]]] = defaultdict(list)
    for metric_id, day, value in rows:
        points[metric_id].append((day, float(value)))
    quarter = window[-1]
    return UsageSection(
        tuple(metric_trend(m.id, m.name, m.unit, points[m.id], quarter, period) for m in metrics)
    )


def headline(usage: UsageSection) -> MetricTrend | None:
    """The metric to quote in the summary: the first one with a quarter-over-quarter change."""
    for metric in usage.metrics:
        if metric.delta_pct is not None:
            return metric
    return usage.metrics[0] if usage.metrics else None
