"""The checks of a workspace's schema and values, run as plain SQL on any connection.

The rules are plain data (``graph.quickread.expected``, generated from ``graph.schema`` and
``graph.file_check``), so the same checks serve the app (through SQLAlchemy, graph.store and
its migrations) and the quick read-only commands (stdlib ``sqlite3``, graph.quickread.opening).
Each returns one sentence naming the table, row and field, or None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from graph.quickread import expected

# Runs one SQL statement with its parameters and returns every row.
Query = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]

# SQLite's own tables, present in any file that used AUTOINCREMENT or ANALYZE.
_INTERNAL = ("sqlite_",)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _objects(query: Query) -> list[tuple[str, str, str]]:
    rows = query("SELECT type, name, tbl_name FROM sqlite_master", ())
    return [(str(t), str(n), str(tbl)) for t, n, tbl in rows]


def _columns(query: Query, table: str) -> list[str]:
    return [str(row[1]) for row in query(f"PRAGMA table_info({quote(table)})", ())]


def _listing(names: Iterable[str]) -> str:
    return ", ".join(sorted(names))


def schema_problem(query: Query, *, exact: bool) -> str | None:
    """What differs from Rapport's schema, or None.

    ``exact`` (a file of this version): tables, columns and indexes must match exactly. An
    older file (before its migration) may lack what later versions add and keep indexes they
    dropped, but never holds a trigger, a view or a table Rapport does not know.
    """
    tables = expected.TABLES
    objects = _objects(query)
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
        columns = _columns(query, name)
        declared = tables[name]
        unknown = [c for c in columns if c not in declared]
        if unknown:
            return f"the table {name} has a column Rapport does not know ({_listing(unknown)})"
        absent = [c for c in declared if c not in columns]
        if exact and absent:
            return f"the table {name} lacks the column {_listing(absent)}"
    if exact:
        indexes = {
            n
            for kind, n, _t in objects
            if kind == "index" and not n.startswith("sqlite_autoindex_")
        }
        unknown_indexes = indexes - set(expected.INDEXES)
        if unknown_indexes:
            return f"it has an index Rapport does not know ({_listing(unknown_indexes)})"
        lost = set(expected.INDEXES) - indexes
        if lost:
            return f"the index {_listing(lost)} is missing"
    return None


def value_problem(query: Query) -> str | None:
    """The first value Rapport could not read back, named by table, row and field; or None.
    Each table is read once, in SQL, with every rule of its columns at once."""
    present = {n for kind, n, _t in _objects(query) if kind == "table" and n in expected.TABLES}
    for name in sorted(present):
        columns = set(_columns(query, name))
        checks = [rule for rule in expected.VALUE_RULES.get(name, ()) if rule[0] in columns]
        if not checks:
            continue
        conditions = " OR ".join(f"({condition})" for _c, condition, _w in checks)
        cases = " ".join(
            f"WHEN {condition} THEN {i}" for i, (_c, condition, _w) in enumerate(checks)
        )
        rows = query(
            f"SELECT rowid, CASE {cases} END FROM {quote(name)} WHERE {conditions} LIMIT 1", ()
        )
        if not rows:
            continue
        field, _condition, what = checks[int(rows[0][1])]
        return _describe(query, name, int(rows[0][0]), field, what)
    return None


def _describe(query: Query, table: str, rowid: int, field: str, what: str) -> str:
    rows = query(f"SELECT {quote(field)} FROM {quote(table)} WHERE rowid = ?", (rowid,))
    shown = repr(rows[0][0] if rows else None)
    if len(shown) > 60:
        shown = shown[:57] + "…"
    return f"table {table}, row {rowid}, field {field}: {shown} is not valid (it must be {what})"


def reference_problem(query: Query) -> str | None:
    """The first row pointing at a row that does not exist (a person deleted behind Rapport's
    back with foreign keys off), or None. A full pass over every link: the thorough check."""
    rows = query("PRAGMA foreign_key_check", ())
    if not rows:
        return None
    table, rowid, parent = str(rows[0][0]), rows[0][1], str(rows[0][2])
    return f"table {table}, row {rowid}: refers to a row of {parent} that does not exist"
