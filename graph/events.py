"""What a change to the workspace touched, and a tiny callback group to announce it.

Every mutation of the workspace produces a ``ChangeSet``; the workspace announces it once through
``Workspace.changed`` so each view refreshes only what it shows (like Anki's ``OpChanges``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class ChangeKind(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    REMOVED = "removed"


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    table: str
    key: tuple[object, ...]
    account_id: int | None = None


@dataclass
class ChangeSet:
    changes: list[Change] = field(default_factory=list)

    def add(self, change: Change) -> None:
        self.changes.append(change)

    @property
    def tables(self) -> set[str]:
        return {c.table for c in self.changes}

    @property
    def accounts(self) -> set[int]:
        return {c.account_id for c in self.changes if c.account_id is not None}

    def touches(self, *tables: str) -> bool:
        return not self.tables.isdisjoint(tables)

    def __bool__(self) -> bool:
        return bool(self.changes)


class Callbacks(Generic[T]):
    """A plain-Python signal: views connect a callable, the model emits a value."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[T], None]] = []

    def connect(self, callback: Callable[[T], None]) -> None:
        if callback not in self._callbacks:
            self._callbacks.append(callback)

    def disconnect(self, callback: Callable[[T], None]) -> None:
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def emit(self, value: T) -> None:
        for callback in list(self._callbacks):
            callback(value)

    def connected(self) -> Iterable[Callable[[T], None]]:
        return tuple(self._callbacks)
