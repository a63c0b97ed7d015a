"""Adding, editing and deleting records of any kind: accounts, people, and the QBR's records
(wins, tickets, incidents, risks, goals, actions, requests, usage measurements...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graph import schema as s
from graph.errors import NotFoundError, ValidationError
from graph.operations.core import Journal, OpResult, retitled, write
from graph.validation import describe, validate
from graph.workspace import Key, Workspace, key_fields


def _name(record: s.Base) -> str:
    return str(getattr(record, "name", None) or getattr(record, "title", None) or "")


def _checked_copy(cls: type[s.Base], values: dict[str, Any]) -> s.Base:
    """A new, unsaved record with ``values``, checked by the record's own rules (raises
    ValidationError naming the field); the workspace is not touched."""
    copy = cls(**values)
    validate(copy)
    return copy


def _editable(cls: type[s.Base], values: dict[str, Any]) -> None:
    columns = {c.key for c in cls.__mapper__.column_attrs}
    primary = set(key_fields(cls))
    for name in values:
        if name not in columns or name in primary:
            raise ValidationError(f"{cls.__name__} has no editable field {name!r}", field=name)


def add_record(ws: Workspace, record: s.Base) -> OpResult:
    """Add one record (its id is chosen by the file); the inverse removes it again."""
    values = {k: v for k, v in record.values().items() if v is not None}
    _checked_copy(type(record), values)
    title = f"Add {_name(record) or describe(record)}"
    result, _ = write(ws, title, lambda j: j.add(type(record)(**values)))
    return result


def add_account(ws: Workspace, name: str, **fields: Any) -> OpResult:
    return retitled(add_record(ws, s.Account(name=name, **fields)), f"Add account {name}")


def add_person(ws: Workspace, account_id: int, name: str, **fields: Any) -> OpResult:
    return add_record(ws, s.Person(account_id=account_id, name=name, **fields))


def edit_fields(ws: Workspace, cls: type[s.Base], key: Key, **values: Any) -> OpResult:
    """Change some fields of one record; fields that already hold the value are left alone.

    The new values are checked on a copy before anything is written."""
    _editable(cls, values)

    def body(journal: Journal) -> None:
        # Held while the transaction runs, so later reads of it come from the session.
        record = ws.get(cls, key)
        current = record.values()
        changed = {k: v for k, v in values.items() if current[k] != v}
        if changed:
            _checked_copy(cls, current | changed)
            journal.update(cls, key, **changed)

    label = ", ".join(name.replace("_", " ") for name in values)
    result, _ = write(ws, f"Edit {label}", body)
    return result


def delete_records(ws: Workspace, cls: type[s.Base], keys: Sequence[Key]) -> OpResult:
    """Delete records with everything that hangs on them; the inverse brings all of it back
    with the same ids."""
    if not keys:
        raise NotFoundError(f"no {cls.__name__} to delete")
    noun = cls.__name__.lower()
    title = f"Delete {noun}" if len(keys) == 1 else f"Delete {len(keys)} {noun}s"

    def body(journal: Journal) -> None:
        for key in dict.fromkeys(keys):
            journal.remove(cls, key)

    result, _ = write(ws, title, body)
    return result


def replace_record(ws: Workspace, cls: type[s.Base], key: Key, **values: Any) -> OpResult:
    """Change fields of a record including its key (a measurement moved to another day): the
    record is replaced in one step."""

    def body(journal: Journal) -> None:
        current = ws.get(cls, key).values()
        replacement = _checked_copy(cls, current | values)
        journal.remove(cls, key)
        journal.add(replacement)

    result, _ = write(ws, f"Edit {cls.__name__.lower()}", body)
    return result
