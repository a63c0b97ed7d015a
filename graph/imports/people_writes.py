"""The writes of a people import (contacts, vCards), replayed by ``apply`` in one transaction.

People planned but not yet in the workspace are referred to by negative numbers (-1 is the first
person to add); ``write`` swaps them for the ids the database gives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from graph import schema as s
from graph.events import ChangeSet
from graph.imports import bulk
from graph.imports.progress import Monitor
from graph.imports.snapshot import load_people
from graph.vocabulary import CoverageKind, RelationKind, RelationshipLevel


@dataclass
class PeopleWrites:
    account_id: int
    today: dt.date
    adds: list[dict[str, Any]] = field(default_factory=list)
    updates: list[tuple[int, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    managers: dict[int, int] = field(default_factory=dict)
    coverage_adds: list[tuple[int, int]] = field(default_factory=list)
    coverage_updates: list[tuple[int, CoverageKind]] = field(default_factory=list)
    # (member id, person ref): "Known by" in the people CSV, a knows coverage
    knows_adds: list[tuple[int, int]] = field(default_factory=list)

    # --- planning ------------------------------------------------------------------------------

    def add_person(self, values: dict[str, Any]) -> int:
        self.adds.append(values)
        return -len(self.adds)

    def update_person(self, person_id: int, new: dict[str, Any], old: dict[str, Any]) -> None:
        self.updates.append((person_id, new, old))

    def set_manager(self, ref: int, manager_ref: int) -> None:
        self.managers[ref] = manager_ref

    def add_coverage(self, member_id: int, ref: int) -> None:
        self.coverage_adds.append((member_id, ref))

    def add_knower(self, member_id: int, ref: int) -> None:
        self.knows_adds.append((member_id, ref))

    def make_owner(self, coverage_id: int, old_kind: CoverageKind) -> None:
        self.coverage_updates.append((coverage_id, old_kind))

    # --- applying ------------------------------------------------------------------------------

    def fingerprint(self, conn: Connection) -> str:
        return load_people(conn, self.account_id).digest()

    def write(self, conn: Connection, log: bulk.UndoLog, monitor: Monitor) -> ChangeSet:
        changes = ChangeSet()
        ids = bulk.insert_with_ids(conn, s.Person, self.adds, log, changes, monitor.stage(0, 0.8))

        def real(ref: int) -> int:
            return ids[-ref - 1] if ref < 0 else ref

        bulk.update_rows(
            conn, s.Person, [((pid,), new, old) for pid, new, old in self.updates], log, changes
        )
        # As Workspace.update does: keep the history a QBR reads "who moved" from.
        bulk.insert_with_ids(
            conn,
            s.AttitudeChange,
            [
                {
                    "person_id": pid,
                    "changed_on": self.today,
                    "old_attitude": old["attitude"],
                    "new_attitude": new["attitude"],
                }
                for pid, new, old in self.updates
                if "attitude" in new
            ],
            log,
            changes,
        )
        monitor.stage(0, 0.9).report(1.0)
        self._write_managers(conn, log, changes, real)
        bulk.insert_with_ids(
            conn,
            s.Coverage,
            [
                {
                    "member_id": member,
                    "person_id": real(ref),
                    "kind": CoverageKind.OWNS,
                    "current_level": RelationshipLevel.VENDOR,
                    "desired_level": RelationshipLevel.TRUSTED_ADVISOR,
                    "notes": "",
                }
                for member, ref in self.coverage_adds
            ],
            log,
            changes,
        )
        bulk.insert_with_ids(
            conn,
            s.Coverage,
            [
                {
                    "member_id": member,
                    "person_id": real(ref),
                    "kind": CoverageKind.KNOWS,
                    "current_level": RelationshipLevel.VENDOR,
                    "desired_level": RelationshipLevel.TRUSTED_ADVISOR,
                    "notes": "",
                }
                for member, ref in self.knows_adds
            ],
            log,
            changes,
        )
        bulk.update_rows(
            conn,
            s.Coverage,
            [
                ((cid,), {"kind": CoverageKind.OWNS}, {"kind": old})
                for cid, old in self.coverage_updates
            ],
            log,
            changes,
        )
        monitor.report(1.0)
        return changes

    def _write_managers(
        self, conn: Connection, log: bulk.UndoLog, changes: ChangeSet, real: Callable[[int], int]
    ) -> None:
        if not self.managers:
            return
        r = bulk.table_of(s.Relationship)
        sources = [real(ref) for ref in self.managers if ref > 0]
        replaced: list[tuple[Any, ...]] = []
        for start in range(0, len(sources), 500):
            chunk = sources[start : start + 500]
            replaced.extend(
                (rid,)
                for rid in conn.scalars(
                    select(r.c.id).where(
                        r.c.kind == RelationKind.REPORTS_TO, r.c.source_id.in_(chunk)
                    )
                )
            )
        bulk.delete_rows(conn, s.Relationship, replaced, log, changes)
        bulk.insert_with_ids(
            conn,
            s.Relationship,
            [
                {
                    "account_id": self.account_id,
                    "kind": RelationKind.REPORTS_TO,
                    "source_id": real(ref),
                    "target_id": real(manager),
                    "strength": 1,
                    "notes": "",
                }
                for ref, manager in self.managers.items()
            ],
            log,
            changes,
        )
