"""Writing a generated portfolio in one bulk transaction.

The sample holds about 7,600 records. Written one ``Workspace.add`` at a time (validation,
integrity queries and a flush each) it took 4 to 13 s, which the first start of the app spent
behind a "preparing" window. Generated data needs no per-record queries: ids are handed out
here, every record is still validated (but for the thousands of rows that only pair two ids or
carry a generated number: attendance and usage points), and each table is written with one
``executemany``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, TypeVar, cast

from sqlalchemy import Table, func, insert, select

from graph import schema as s
from graph.integrity import normalise_relationship
from graph.validation import validate
from graph.workspace import Workspace

R = TypeVar("R", bound=s.Base)


class SampleRows:
    """Records waiting to be written; ``add`` gives a record its id at once."""

    def __init__(self, ws: Workspace) -> None:
        self._ws = ws
        self._records: dict[str, list[s.Base]] = defaultdict(list)
        self._next_id: dict[str, int] = {}
        self._rows: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def _new_id(self, table: Table) -> int:
        name = table.name
        if name not in self._next_id:
            with self._ws.engine.connect() as conn:
                highest = conn.execute(select(func.max(table.c.id))).scalar()
            self._next_id[name] = int(highest or 0) + 1
        self._next_id[name] += 1
        return self._next_id[name] - 1

    def add(self, record: R) -> R:
        """Validate ``record``, give it an id if its table has one, and keep it for ``write``."""
        validate(record)
        if isinstance(record, s.Relationship):
            normalise_relationship(record)
        table = cast(Table, record.__table__)
        if "id" in table.c and getattr(record, "id", None) is None:
            record.id = self._new_id(table)  # type: ignore[attr-defined]
        self._records[table.name].append(record)
        return record

    def add_row(self, cls: type[s.Base], **values: Any) -> None:
        """A plain row of a table keyed by its own columns (attendance, usage points)."""
        self._rows[cls.__tablename__].append(values)

    def write(self) -> None:
        """Insert everything in one transaction, parents before children."""
        if self._ws.readonly:
            raise ValueError("the workspace is open read-only")
        with self._ws.engine.begin() as conn:
            for table in s.Base.metadata.sorted_tables:
                records = self._records.get(table.name, [])
                rows: list[dict[str, Any]] = [r.values() for r in records]
                rows += self._rows.get(table.name, [])
                if rows:
                    conn.execute(insert(table), rows)
        self._records.clear()
        self._rows.clear()
