"""Usage and adoption: each metric's points over the history window, quarter over quarter.

A quarter's value of a metric is the **mean** of the points measured in it, so one odd week does
not swing the comparison; the change is this quarter's mean against the previous quarter's.
The last point of the quarter is kept too (``latest``), for levels such as "hosts covered".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from statistics import fmean

from sqlalchemy import Engine, select

from graph import schema as s
from reports.model import MetricTrend, UsageSection
from reports.quarter import Quarter


def _mean_in(points: Sequence[tuple[dt.date, float]], quarter: Quarter) -> float | None:
    values = [v for day, v in points if quarter.start <= day <= quarter.end]
    return fmean(values) if values else None


def metric_trend(
    metric_id: int,
    name: str,
    unit: str,
    points: Sequence[tuple[dt.date, float]],
    quarter: Quarter,
) -> MetricTrend:
    """Summarise one metric's points (in date order) for ``quarter``."""
    in_quarter = [v for day, v in points if quarter.start <= day <= quarter.end]
    return MetricTrend(
        metric_id=metric_id,
        name=name,
        unit=unit,
        points=tuple(points),
        current=_mean_in(points, quarter),
        previous=_mean_in(points, quarter.previous),
        latest=in_quarter[-1] if in_quarter else None,
    )


def read_usage(engine: Engine, account_id: int, window: Sequence[Quarter]) -> UsageSection:
    """Every metric of the account with its points inside ``window`` (quarters, oldest first)."""
    first, last = window[0].start, window[-1].end
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
        tuple(metric_trend(m.id, m.name, m.unit, points[m.id], quarter) for m in metrics)
    )


def headline(usage: UsageSection) -> MetricTrend | None:
    """The metric to quote in the summary: the first one with a quarter-over-quarter change."""
    for metric in usage.metrics:
        if metric.delta_pct is not None:
            return metric
    return usage.metrics[0] if usage.metrics else None
