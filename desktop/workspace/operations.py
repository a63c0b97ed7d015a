"""What the window's actions do to the open workspace, each as one undoable step.

Every function takes the widget to parent its questions to and the session, asks through
``desktop.common.ask`` when it needs to, and returns a line for the status bar (or None if nothing
happened). Errors the user can cause are shown in words, never as a traceback.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.common import ask
from desktop.workspace import edits
from desktop.workspace.session import WorkspaceSession
from graph import schema as s
from graph.errors import NotFoundError, RapportError
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
    try:
        result = session.run(edits.add_account(**details))
    except RapportError as exc:
        _refused(parent, "Account not added", exc)
        return None
    session.set_account(result.new_id("accounts"))
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
        session.run(edits.rename_account(account, name))
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
        session.run(edits.set_archived(account, archive))
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
    try:
        result = session.run(edits.add_person(account_id, name))
    except RapportError as exc:
        _refused(parent, "Person not added", exc)
        return None
    session.selection.set_nodes([person_node(result.new_id("people"))], source=None)
    return f"Added {name} — fill in the details in the inspector"


def delete_selection(parent: QWidget, session: WorkspaceSession) -> str | None:
    """Delete the selected people, links and team members (from this account), as the map's
    Delete does. No confirmation: one undo brings it all back."""
    account_id = session.account_id
    keys = session.selection.nodes()
    if account_id is None or not keys:
        return None
    kinds = {k[0] for k in keys}
    name = None
    if len(keys) == 1 and kinds == {"p"}:
        try:
            name = session.ws.get(s.Person, int(keys[0][1:])).name
        except NotFoundError:
            return None
    try:
        result = session.run(edits.delete_selection(account_id, keys))
    except NotFoundError:
        return None  # nothing selected that can be deleted
    except RapportError as exc:
        _refused(parent, "Nothing deleted", exc)
        return None
    if name is not None:
        what = name
    elif kinds <= {"r", "c"}:
        what = "the link" if len(keys) == 1 else f"{len(keys)} links"
    else:
        what = result.title.removeprefix("Delete ")
    return f"Deleted {what} — {undo_hint()}"
