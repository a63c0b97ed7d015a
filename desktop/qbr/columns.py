"""The column spec that drives every QBR record table: field, header, editor kind.

One ``ColumnSpec`` says how a field reads (``display``), how typed input becomes a stored
value (``parse``, which raises ``ValueError`` with a message fit to show) and which editor the
delegate opens. One ``TableSpec`` says which records a table holds and how a new one starts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal

from desktop.common import labels
from desktop.inspector.fields import parse_date
from desktop.qbr.scope import Scope
from graph import schema as s
from graph.vocabulary import LabelledEnum
from graph.workspace import Workspace, key_fields
from reports.quarter import Quarter

EditorKind = Literal[
    "text", "int", "float", "percent", "date", "enum", "person", "member", "roadmap", "quarter"
]
# Editor kinds whose values are ids of other records, named through a lookup table.
REFERENCES = ("person", "member", "roadmap")
NUMBERS = ("int", "float", "percent")
NONE_TEXT = "—"

Key = Any  # an int id, or a tuple for composite primary keys


@dataclass(frozen=True)
class ColumnSpec:
    field: str
    header: str
    kind: EditorKind = "text"
    enum: type[LabelledEnum] | None = None
    minimum: int = 0
    maximum: int = 0
    optional: bool = False  # may be left empty (stored as None)
    width: int = 120
    tooltip: str = ""
    stretch: bool = False  # takes the table's spare width (one column per table)

    def display(self, value: Any, names: Mapping[str, Mapping[int, str]]) -> str:
        if value is None or value == "":
            return NONE_TEXT if self.optional or self.kind in REFERENCES else ""
        if self.kind == "date":
            return labels.day(value)
        if self.kind == "enum":
            return str(value.label)
        if self.kind in REFERENCES:
            return names.get(self.kind, {}).get(value, f"#{value}")
        if self.kind == "percent":
            return f"{value:.0f} %"
        if self.kind == "float":
            return _number(value)
        return str(value)

    def parse(self, value: Any) -> Any:
        """The stored value for what an editor gave (typed values pass through)."""
        if isinstance(value, str):
            value = value.strip()
            if value == "" and (self.optional or self.kind in REFERENCES):
                return None
        if self.kind == "text":
            return "" if value is None else str(value)
        if self.kind == "quarter":
            return _quarter(str(value or ""))
        if self.kind == "date":
            return _date(value, self.header, self.optional)
        if self.kind == "enum":
            assert self.enum is not None
            return value if isinstance(value, Enum) else self.enum.parse(str(value))
        if self.kind in REFERENCES:
            return None if value is None else int(value)
        if self.kind in ("float", "percent"):
            return _float(value, self.header, self.optional)
        return _int(value, self.header)

    @property
    def is_number(self) -> bool:
        return self.kind in NUMBERS


@dataclass(frozen=True)
class TableSpec:
    """A table of one record type in the QBR tab."""

    record: type[s.Base]
    title: str  # "Wins"
    noun: str  # "win"
    columns: tuple[ColumnSpec, ...]
    # Every record the table may show, in order; ``parent`` is the master row of a detail table.
    load: Callable[[Workspace, Scope, int | None], list[Any]]
    # A new record with sensible defaults (its title field filled, so it is valid at once).
    new: Callable[[Workspace, Scope, int | None], s.Base]
    # Whether a record belongs to the QBR of the scope's quarter (others are hidden).
    in_scope: Callable[[Any, Scope], bool] = lambda _record, _scope: True
    by_quarter: bool = False  # ``in_scope`` depends on the quarter ("No wins in Q3 2026")
    empty_text: str = ""
    label_field: str = "title"  # names a record in undo texts; the editor opened on add
    shared: bool = False  # shared by every account (roadmap items)
    parent_field: str | None = None  # the field a detail table's records point at the master by

    @property
    def table(self) -> str:
        return str(self.record.__tablename__)

    @property
    def watched(self) -> set[str]:
        """Tables whose changes can alter what this table shows."""
        names = {self.table}
        kinds = {c.kind for c in self.columns}
        if "person" in kinds:
            names.add("people")
        if "member" in kinds:
            names.add("team_members")
        if "roadmap" in kinds:
            names.add("roadmap_items")
        return names

    def key(self, record: s.Base) -> Key:
        values = tuple(getattr(record, name) for name in key_fields(self.record))
        return values[0] if len(values) == 1 else values

    def label(self, record: s.Base) -> str:
        value = getattr(record, self.label_field, "")
        return value.strftime("%d %b %Y") if isinstance(value, dt.date) else str(value)

    @property
    def stretch_column(self) -> int:
        """The column that takes spare width: the one marked, else the last."""
        marked = [i for i, c in enumerate(self.columns) if c.stretch]
        return marked[0] if marked else len(self.columns) - 1

    def column(self, field: str) -> int | None:
        for index, column in enumerate(self.columns):
            if column.field == field:
                return index
        return None


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _float(value: Any, header: str, optional: bool) -> float | None:
    if value is None:
        if optional:
            return None
        raise ValueError(f"{header} needs a number")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value).replace(",", "").replace("\u202f", "").replace(" ", "").rstrip("%")
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{header}: {value!r} is not a number") from None


def _int(value: Any, header: str) -> int:
    try:
        return int(str(value).replace(",", "")) if not isinstance(value, int) else value
    except ValueError:
        raise ValueError(f"{header}: {value!r} is not a whole number") from None


def _date(value: Any, header: str, optional: bool) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None or value == "":
        if optional:
            return None
        raise ValueError(f"{header} needs a date")
    return parse_date(str(value))


def _quarter(text: str) -> str:
    """Roadmap target quarters are stored as "2026-Q4" (empty: no target yet)."""
    if not text:
        return ""
    return Quarter.parse(text).label
