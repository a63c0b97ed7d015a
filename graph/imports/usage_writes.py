"""What a usage import reads from the workspace, and the writes it plans."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from graph import schema as s
from graph.events import ChangeSet
from graph.imports import bulk
from graph.imports.progress import Monitor
from graph.imports.snapshot import digest


@dataclass
class UsageSnapshot:
    metrics: dict[int, tuple[str, str]]  # id -> (name, unit)
    points: dict[tuple[int, dt.date], float]

    def digest(self) -> str:
        return digest(sorted(self.metrics.items()), sorted(self.points.items()))


def load_usage(conn: Connection, account_id: int) -> UsageSnapshot:
    m, p = bulk.table_of(s.UsageMetric), bulk.table_of(s.UsagePoint)
    metrics = {
        mid: (name, unit)
        for mid, name, unit in conn.execute(
            select(m.c.id, m.c.name, m.c.unit).where(m.c.account_id == account_id)
        )
    }
    points = {
        (mid, day): value
        for mid, day, value in conn.execute(
            select(p.c.metric_id, p.c.measured_on, p.c.value).where(
                p.c.metric_id.in_(select(m.c.id).where(m.c.account_id == account_id))
            )
        )
    }
    return UsageSnapshot(metrics, points)


@dataclass
class UsageWrites:
    account_id: int
    metrics: list[tuple[str, str]] = field(default_factory=list)  # new (name, unit); ref -1, -2..
    adds: list[tuple[int, dt.date, float]] = field(default_factory=list)  # (metric ref, day, value)
    updates: list[tuple[int, dt.date, float, float]] = field(default_factory=list)

    def new_metric(self, name: str, unit: str) -> int:
        self.metrics.append((name, unit))
        return -len(self.metrics)

    def fingerprint(self, conn: Connection) -> str:
        return load_usage(conn, self.account_id).digest()

    def write(self, conn: Connection, log: bulk.UndoLog, monitor: Monitor) -> ChangeSet:
        changes = ChangeSet()
        ids = bulk.insert_with_ids(
            conn,
            s.UsageMetric,
            [{"account_id": self.account_id, "name": n, "unit": u} for n, u in self.metrics],
            log,
            changes,
        )

        def real(ref: int) -> int:
            return ids[-ref - 1] if ref < 0 else ref

        bulk.insert_rows(
            conn,
            s.UsagePoint,
            [{"metric_id": real(m), "measured_on": d, "value": v} for m, d, v in self.adds],
            log,
            changes,
        )
        monitor.report(0.7)
        bulk.update_rows(
            conn,
            s.UsagePoint,
            [((m, d), {"value": new}, {"value": old}) for m, d, new, old in self.updates],
            log,
            changes,
        )
        monitor.report(1.0)
        return changes
