"""Undoable edits: every change a user makes in the GUI is one of these on the QUndoStack.

Each command calls the workspace API in ``redo``/``undo``, so the file always holds the current
state and undo, redo and reopening the file agree.

None of them takes a Qt parent command: when the stack is cleared, Qt deletes child commands
in C++ and PySide then frees the Python objects a second time. Group steps in a Python-side
macro instead (desktop.edits).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtGui import QUndoCommand

from graph import schema as s
from graph.workspace import Key, Removal, Workspace, key_fields


class AddRecord(QUndoCommand):
    """Add one record; undo removes it (and anything later attached to it)."""

    def __init__(self, ws: Workspace, record: s.Base, text: str):
        super().__init__(text)
        self._ws = ws
        self._values = {k: v for k, v in record.values().items() if v is not None}
        self._type = type(record)
        self.record: s.Base | None = None
        self._removal: Removal | None = None

    def redo(self) -> None:
        if self._removal is not None:
            self._ws.restore(self._removal)
            self._removal = None
        else:
            self.record = self._ws.add(self._type(**self._values))
            # Redo after undo must bring back the same id, so keep it from the first insert.
            self._values = self.record.values()
        super().redo()

    def undo(self) -> None:
        super().undo()
        assert self.record is not None
        key = tuple(self.record.values()[n] for n in key_fields(self._type))
        self._removal = self._ws.remove(self._type, key if len(key) > 1 else key[0])


class UpdateRecord(QUndoCommand):
    """Change fields of one record; consecutive edits of the same field merge into one step."""

    MERGE_ID = 4201

    def __init__(
        self,
        ws: Workspace,
        cls: type[s.Base],
        key: Key,
        values: Mapping[str, Any],
        text: str,
    ):
        super().__init__(text)
        self._ws = ws
        self._cls = cls
        self._key = key
        current = ws.get(cls, key).values()
        self._before = {name: current[name] for name in values}
        self._after = dict(values)

    def redo(self) -> None:
        self._ws.update(self._cls, self._key, **self._after)
        super().redo()

    def undo(self) -> None:
        super().undo()
        self._ws.update(self._cls, self._key, **self._before)

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UpdateRecord):
            return False
        same_target = (other._cls, other._key) == (self._cls, self._key)
        if not same_target or set(other._after) != set(self._after):
            return False
        # Typing in a text field commits per keystroke: one undo step per field edit session.
        if not all(isinstance(v, str) for v in self._after.values()):
            return False
        self._after = dict(other._after)
        return True


class RemoveRecord(QUndoCommand):
    """Delete a record and everything that hangs on it; one undo brings it all back."""

    def __init__(
        self,
        ws: Workspace,
        cls: type[s.Base],
        key: Key,
        text: str,
    ):
        super().__init__(text)
        self._ws = ws
        self._cls = cls
        self._key = key
        self._removal: Removal | None = None

    def redo(self) -> None:
        self._removal = self._ws.remove(self._cls, self._key)
        super().redo()

    def undo(self) -> None:
        super().undo()
        assert self._removal is not None
        self._ws.restore(self._removal)
        self._removal = None


class MoveCards(QUndoCommand):
    """Cards dragged to new places on one map view: one step per drag, pushed on release."""

    def __init__(
        self,
        ws: Workspace,
        account_id: int,
        view: str,
        before: Mapping[str, tuple[float, float] | None],
        after: Mapping[str, tuple[float, float]],
        text: str = "Move cards",
    ):
        super().__init__(text)
        self._ws = ws
        self._account_id = account_id
        self._view = view
        self._before = dict(before)
        self._after = dict(after)

    def redo(self) -> None:
        self._ws.set_positions(self._account_id, self._view, self._after)
        super().redo()

    def undo(self) -> None:
        super().undo()
        with self._ws.batch():
            placed = {n: p for n, p in self._before.items() if p is not None}
            unplaced = [n for n, p in self._before.items() if p is None]
            if placed:
                self._ws.set_positions(self._account_id, self._view, placed)
            if unplaced:
                self._ws.clear_positions(self._account_id, self._view, unplaced)


class CallbackCommand(QUndoCommand):
    """An edit expressed as two workspace calls, for operations with no record of their own
    (set a manager, set attendees)."""

    def __init__(
        self,
        redo: Callable[[], None],
        undo: Callable[[], None],
        text: str,
    ):
        super().__init__(text)
        self._redo = redo
        self._undo = undo

    def redo(self) -> None:
        self._redo()
        super().redo()

    def undo(self) -> None:
        super().undo()
        self._undo()
