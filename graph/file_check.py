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

Each returns one sentence naming the table, row and field, or None.

The rules are derived here from graph.schema; the checks themselves are plain SQL in
graph.quickread.checks, on the same rules written out as plain data (graph.quickread.expected,
written by ``python -m graph.file_check`` then ``ruff format``, and pinned equal to what this
module derives by tests/graph/test_quickread_expected.py), so a read-only command checks a file
without loading SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
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
    Text,
)

from graph import schema as s
from graph.quickread import checks
from graph.quickread.checks import Query
from graph.quickread.checks import quote as _quote

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


def _query(conn: Connection) -> Query:
    """Runs graph.quickread.checks' SQL on a SQLAlchemy connection (the app, migrations)."""

    def run(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in conn.exec_driver_sql(sql, tuple(params)).all()]

    return run


def schema_problem(conn: Connection, *, exact: bool) -> str | None:
    """What differs from Rapport's schema, or None (graph.quickread.checks.schema_problem)."""
    return checks.schema_problem(_query(conn), exact=exact)


def value_problem(conn: Connection) -> str | None:
    """The first value Rapport could not read back, named by table, row and field; or None."""
    return checks.value_problem(_query(conn))


def reference_problem(conn: Connection) -> str | None:
    """The first row pointing at a row that does not exist, or None (the thorough check)."""
    return checks.reference_problem(_query(conn))


# --- the rules, derived from graph.schema -----------------------------------------------------


def expected_tables() -> dict[str, tuple[str, ...]]:
    """Each table of this version's schema with its columns, in order."""
    return {name: tuple(c.name for c in t.columns) for name, t in s.Base.metadata.tables.items()}


def expected_indexes() -> dict[str, str]:
    """Each named index of this version's schema, with its table."""
    return {
        str(index.name): name
        for name, t in s.Base.metadata.tables.items()
        for index in t.indexes
        if index.name
    }


def value_rules() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Per table, (column, SQL condition true for a value Rapport cannot read, what it must be)."""
    rules: dict[str, tuple[tuple[str, str, str], ...]] = {}
    for name, table in s.Base.metadata.tables.items():
        found = tuple(
            (column.name, *rule) for column in table.columns if (rule := _bad(name, column))
        )
        if found:
            rules[name] = found
    return rules


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


def render_expected() -> str:
    """The source of ``graph/quickread/expected.py``: this version's schema and value rules as
    plain data, for the checks that run without SQLAlchemy. A test pins the module to it;
    after a schema change, write it again with ``python -m graph.file_check``."""
    from graph.store import FORMAT_MARKER, SCHEMA_VERSION

    lines = [
        '"""Rapport\'s file format as plain data: the tables, columns, indexes and value rules of',
        "this version, for graph.quickread.checks.",
        "",
        "Generated from graph.schema and graph.file_check by ``python -m graph.file_check``;",
        "tests/graph/test_quickread_expected.py pins it equal to them. Do not edit by hand.",
        '"""',
        "",
        "# ruff: noqa: E501  (SQL conditions stay whole, one per line)",
        "",
        f"FORMAT_MARKER = {FORMAT_MARKER!r}",
        f"SCHEMA_VERSION = {SCHEMA_VERSION!r}",
        "",
        "TABLES: dict[str, tuple[str, ...]] = {",
    ]
    for name, columns in expected_tables().items():
        lines.append(f"    {name!r}: (")
        lines += [f"        {c!r}," for c in columns]
        lines.append("    ),")
    lines += ["}", "", "INDEXES: dict[str, str] = {"]
    lines += [f"    {i!r}: {t!r}," for i, t in sorted(expected_indexes().items())]
    lines += ["}", "", "VALUE_RULES: dict[str, tuple[tuple[str, str, str], ...]] = {"]
    for name, rules in value_rules().items():
        lines.append(f"    {name!r}: (")
        for column, condition, what in rules:
            lines.append("        (")
            lines += [
                f"            {column!r},",
                f"            {condition!r},",
                f"            {what!r},",
            ]
            lines.append("        ),")
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    Path(__file__).with_name("quickread").joinpath("expected.py").write_text(
        render_expected(), encoding="utf-8"
    )
