"""What the window's actions do to the open workspace, each as one undoable step.

Every function takes the widget to parent its questions to and the session, asks through
``desktop.ask`` when it needs to, and returns a line for the status bar (or None if nothing
happened). Errors the user can cause are shown in words, never as a traceback.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from desktop import ask, edits
from desktop.selection import parse_key
from desktop.session import WorkspaceSession
from graph import schema as s
from graph.errors import RapportError
from graph.nodes import person_node


def undo_hint() -> str:
    """ "Undo with Ctrl+Z", with the platform's own shortcut."""
    keys = QKeySequence(QKeySequence.StandardKey.Undo).toString(
        QKeySequence.SequenceFormat.NativeText
    )
    return f"Undo with {keys}" if keys else "Undo from the Edit menu"


def _refused(parent: QWidget, what: str, exc: RapportError) -> None:
    ask.error(parent, what, edits.message_of(exc))


# --- accounts ---------------------------------------------------------------------------------


def add_account(parent: QWidget, session: WorkspaceSession) -> str | None:
    taken = {a.name for a in session.ws.accounts(include_archived=True)}
    details = ask.account_details(parent, taken)
    if not details:
        return None
    command = edits.add_account(session.ws, **details)
    try:
        session.push(command)
    except RapportError as exc:
        _refused(parent, "Account not added", exc)
        return None
    assert command.record is not None
    session.set_account(command.record.values()["id"])
    return f"Added account {details['name']}"


def rename_account(parent: QWidget, session: WorkspaceSession) -> str | None:
    account = session.account()
    if account is None:
        return None
    name = ask.text(parent, "Rename account", "New name:", account.name)
    if not name or name == account.name:
        return None
    others = session.ws.accounts(include_archived=True)
    if any(a.name.casefold() == name.casefold() and a.id != account.id for a in others):
        ask.error(parent, "Account not renamed", f"An account named {name} already exists.")
        return None
    try:
        session.push(edits.rename_account(session.ws, account, name))
    except RapportError as exc:
        _refused(parent, "Account not renamed", exc)
        return None
    return f"Renamed {account.name} to {name} — {undo_hint()}"


def toggle_archived(parent: QWidget, session: WorkspaceSession) -> str | None:
    """Archive the account on show (or bring an archived one back)."""
    account = session.account()
    if account is None:
        return None
    archive = not account.archived
    try:
        session.push(edits.set_archived(session.ws, account, archive))
    except RapportError as exc:
        _refused(parent, "Account not changed", exc)
        return None
    if archive:
        remaining = session.ws.accounts()
        session.set_account(remaining[0].id if remaining else None)
        return f"Archived {account.name} — {undo_hint()}, or tick Show archived to see it"
    return f"Restored {account.name} from the archive"


# --- people -----------------------------------------------------------------------------------


def add_person(parent: QWidget, session: WorkspaceSession) -> str | None:
    account_id = session.account_id
    if account_id is None:
        ask.error(parent, "No account", "Add or pick an account first, then add its people.")
        return None
    name = ask.text(parent, "Add person", "Name of the new person:")
    if not name:
        return None
    command = edits.add_person(session.ws, account_id, name)
    try:
        session.push(command)
    except RapportError as exc:
        _refused(parent, "Person not added", exc)
        return None
    assert command.record is not None
    session.selection.set_nodes([person_node(command.record.values()["id"])], source=None)
    return f"Added {name} — fill in the details in the inspector"


def delete_selection(parent: QWidget, session: WorkspaceSession) -> str | None:
    """Delete the selected people and links. No confirmation: one undo brings it all back."""
    ws = session.ws
    people: list[s.Person] = []
    links: list[tuple[type[s.Base], int, str]] = []
    for key in session.selection.nodes():
        kind, key_id = parse_key(key)
        try:
            if kind == "person":
                people.append(ws.get(s.Person, key_id))
            elif kind == "relationship":
                links.append((s.Relationship, key_id, "Delete relationship"))
            elif kind == "coverage":
                links.append((s.Coverage, key_id, "Delete coverage link"))
        except RapportError:
            continue
    if not people and not links:
        return None
    if people and not links:
        command = edits.remove_people(ws, people)
    else:
        command = edits.Macro(f"Delete {len(people) + len(links)} items", ws)
        for cls, key_id, text in links:
            command.adopt(edits.remove_record(ws, cls, key_id, text))
        if people:
            command.adopt(edits.remove_people(ws, people))
    try:
        session.push(command)
    except RapportError as exc:
        _refused(parent, "Nothing deleted", exc)
        return None
    if len(people) == 1 and not links:
        what = people[0].name
    elif links and not people:
        what = "the link" if len(links) == 1 else f"{len(links)} links"
    else:
        what = f"{len(people) + len(links)} items"
    return f"Deleted {what} — {undo_hint()}"
