"""Checks that a workspace file holds exactly Rapport's schema and values Rapport can read.

A workspace is a plain SQLite file anyone can edit with another tool. Before Rapport trusts one:

- ``schema_problem`` compares the file's tables, columns, indexes, triggers and views with the
  schema this version declares (``graph.schema``): a planted trigger would run on an ordinary
  edit (deleting every interaction, say), an extra or missing column would fail deep inside a
  read. Rapport itself never creates a trigger or a view.
- ``value_problem`` scans every column for a value Rapport could not read back: text that is
  not a date, an unknown enum value, text in a number column, a number out of its range
  (a cadence of 0 days), a negative id, a list of tags that is not a flat list of text. Each
  table is read once, in SQL, so a 30 MB portfolio takes a few dozen milliseconds.
- ``reference_problem`` (the thorough check, at every open in the app) finds a link to a row
  that does not exist.

Both return one sentence naming the table, row and field, or None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    String,
    Table,
    Text,
)

from graph import schema as s

# The ranges graph.validation enforces on every write, for values that come from the file.
RANGES: dict[tuple[str, str], tuple[float, float]] = {
    ("accounts", "arr"): (0, 1e13),
    ("accounts", "it_maturity"): (1, 5),
    ("accounts", "security_maturity"): (1, 5),
    ("accounts", "fiscal_year_start_month"): (1, 12),
    ("people", "influence"): (1, 5),
    ("people", "attitude"): (-2, 2),
    ("people", "interest"): (1, 5),
    ("people", "cadence_days"): (1, 3650),
    ("attitude_changes", "old_attitude"): (-2, 2),
    ("attitude_changes", "new_attitude"): (-2, 2),
    ("relationships", "strength"): (1, 3),
    ("interactions", "duration_minutes"): (0, 24 * 60),
    ("interactions", "sentiment"): (-2, 2),
    ("usage_points", "value"): (-1e15, 1e15),
    ("incidents", "duration_minutes"): (0, 1e7),
    ("requests", "priority"): (1, 5),
    ("goals", "progress"): (0, 100),
    ("cadence_defaults", "ideal_days"): (1, 3650),
    ("cadence_defaults", "max_days"): (1, 3650),
    ("card_positions", "x"): (-1e9, 1e9),
    ("card_positions", "y"): (-1e9, 1e9),
}
# SQLite's own tables, present in any file that used AUTOINCREMENT or ANALYZE.
_INTERNAL = ("sqlite_",)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _objects(conn: Connection) -> list[tuple[str, str, str]]:
    rows = conn.exec_driver_sql("SELECT type, name, tbl_name FROM sqlite_master").all()
    return [(str(t), str(n), str(tbl)) for t, n, tbl in rows]


def _columns(conn: Connection, table: str) -> list[str]:
    rows = conn.exec_driver_sql(f"PRAGMA table_info({_quote(table)})").all()
    return [str(row[1]) for row in rows]


def _expected_indexes(table: Table) -> set[str]:
    return {str(index.name) for index in table.indexes if index.name}


def _listing(names: Iterable[str]) -> str:
    return ", ".join(sorted(names))


def schema_problem(conn: Connection, *, exact: bool) -> str | None:
    """What differs from Rapport's schema, or None.

    ``exact`` (a file of this version): tables, columns and indexes must match exactly. An
    older file (before its migration) may lack what later versions add and keep indexes they
    dropped, but never holds a trigger, a view or a table Rapport does not know.
    """
    tables = s.Base.metadata.tables
    objects = _objects(conn)
    triggers = [name for kind, name, _t in objects if kind == "trigger"]
    if triggers:
        return (
            f"it contains a trigger ({_listing(triggers)}) that Rapport never creates and that "
            "could change data behind your back"
        )
    views = [name for kind, name, _t in objects if kind == "view"]
    if views:
        return f"it contains a view ({_listing(views)}) that Rapport never creates"
    present = {n for kind, n, _t in objects if kind == "table" and not n.startswith(_INTERNAL)}
    extra = present - set(tables)
    if extra:
        return f"it has a table Rapport does not know ({_listing(extra)})"
    missing = set(tables) - present
    if exact and missing:
        return f"the table {_listing(missing)} is missing"
    for name in sorted(present):
        columns = _columns(conn, name)
        declared = [c.name for c in tables[name].columns]
        unknown = [c for c in columns if c not in declared]
        if unknown:
            return f"the table {name} has a column Rapport does not know ({_listing(unknown)})"
        absent = [c for c in declared if c not in columns]
        if exact and absent:
            return f"the table {name} lacks the column {_listing(absent)}"
    if exact:
        indexes: dict[str, str] = {
            n: tbl
            for kind, n, tbl in objects
            if kind == "index" and not n.startswith("sqlite_autoindex_")
        }
        expected = {i: t.name for t in tables.values() for i in _expected_indexes(t)}
        unknown_indexes = set(indexes) - set(expected)
        if unknown_indexes:
            return f"it has an index Rapport does not know ({_listing(unknown_indexes)})"
        lost = set(expected) - set(indexes)
        if lost:
            return f"the index {_listing(lost)} is missing"
    return None


def _enum_values(column: Column[Any]) -> list[str] | None:
    kind = column.type
    if isinstance(kind, Enum) and kind.enum_class is not None:
        return [str(member.value) for member in kind.enum_class]
    return None


def _bad(table: str, column: Column[Any]) -> tuple[str, str] | None:
    """An SQL condition true for a value of ``column`` Rapport cannot read, and what it must be."""
    name = _quote(column.name)
    kind = column.type
    allowed_null = f"{name} IS NULL OR " if column.nullable else ""
    enum_values = _enum_values(column)
    if enum_values is not None:
        listed = ", ".join("'" + v.replace("'", "''") + "'" for v in enum_values)
        return f"NOT ({allowed_null}{name} IN ({listed}))", "one of " + ", ".join(enum_values)
    if isinstance(kind, DateTime | Date):
        # julianday() refuses what is no date at all (cheap), but accepts a 29th to 31st in
        # every month: those are compared with the month's last day.
        shape = (
            f"length({name}) BETWEEN 19 AND 26 AND substr({name}, 11, 1) = ' '"
            if isinstance(kind, DateTime)
            else f"length({name}) = 10"
        )
        return (
            f"NOT ({allowed_null}(typeof({name}) = 'text' AND {shape} "
            f"AND julianday({name}) IS NOT NULL "
            f"AND (substr({name}, 9, 2) <= '28' OR substr({name}, 9, 2) <= "
            f"strftime('%d', substr({name}, 1, 8) || '01', '+1 month', '-1 day'))))",
            "a date and time" if isinstance(kind, DateTime) else "a date like 2026-11-20",
        )
    if isinstance(kind, Boolean):
        return f"NOT ({allowed_null}{name} IN (0, 1))", "true or false"
    if isinstance(kind, Integer):
        low, high = RANGES.get((table, column.name), (None, None))
        if column.primary_key or column.foreign_keys:
            low, high = 1, 2**63 - 1
        limits = f" AND {name} BETWEEN {low} AND {high}" if low is not None else ""
        what = f"a whole number from {low:g} to {high:g}" if low is not None else "a whole number"
        if column.primary_key or column.foreign_keys:
            what = "a positive id"
        return f"NOT ({allowed_null}(typeof({name}) = 'integer'{limits}))", what
    if isinstance(kind, Float):
        low, high = RANGES.get((table, column.name), (-1e300, 1e300))
        return (
            f"NOT ({allowed_null}(typeof({name}) IN ('integer', 'real') "
            f"AND {name} BETWEEN {low!r} AND {high!r}))",
            f"a number from {low:g} to {high:g}",
        )
    if isinstance(kind, JSON):
        # A flat list of text (tags): anything else, deep nesting included, is refused here in
        # SQL, before Python's JSON reader could recurse on it.
        return (
            f"NOT ({allowed_null}(typeof({name}) = 'text' AND json_valid({name}) "
            f"AND json_type({name}) = 'array' AND NOT EXISTS "
            f"(SELECT 1 FROM json_each({name}) WHERE type != 'text')))",
            "a list of text tags",
        )
    if isinstance(kind, String | Text):
        return f"NOT ({allowed_null}typeof({name}) = 'text')", "text"
    return None


def value_problem(conn: Connection) -> str | None:
    """The first value Rapport could not read back, named by table, row and field; or None."""
    tables = s.Base.metadata.tables
    present = {n for kind, n, _t in _objects(conn) if kind == "table" and n in tables}
    for name in sorted(present):
        table = tables[name]
        columns = set(_columns(conn, name))
        checks = [
            (column.name, *rule)
            for column in table.columns
            if column.name in columns and (rule := _bad(name, column)) is not None
        ]
        if not checks:
            continue
        conditions = " OR ".join(f"({condition})" for _c, condition, _w in checks)
        cases = " ".join(
            f"WHEN {condition} THEN {i}" for i, (_c, condition, _w) in enumerate(checks)
        )
        row = conn.exec_driver_sql(
            f"SELECT rowid, CASE {cases} END FROM {_quote(name)} WHERE {conditions} LIMIT 1"
        ).first()
        if row is None:
            continue
        field, _condition, what = checks[int(row[1])]
        return _describe(conn, name, int(row[0]), field, what)
    return None


def _describe(conn: Connection, table: str, rowid: int, field: str, what: str) -> str:
    value = conn.exec_driver_sql(
        f"SELECT {_quote(field)} FROM {_quote(table)} WHERE rowid = ?", (rowid,)
    ).scalar()
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "…"
    return f"table {table}, row {rowid}, field {field}: {shown} is not valid (it must be {what})"


def reference_problem(conn: Connection) -> str | None:
    """The first row pointing at a row that does not exist (a person deleted behind Rapport's
    back with foreign keys off), or None. A full pass over every link: the thorough check."""
    row = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
    if row is None:
        return None
    table, rowid, parent = str(row[0]), row[1], str(row[2])
    return f"table {table}, row {rowid}: refers to a row of {parent} that does not exist"
