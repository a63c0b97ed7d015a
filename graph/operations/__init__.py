"""Every change a user can make, as one function ``op(ws, ...) -> OpResult``.

Each operation validates first, writes in one transaction and returns what changed
(``OpResult.changes``), its name (``title``) and the operation that takes it back
(``inverse``, whose own result carries the redo). The app turns a result into one undo step
(``desktop.workspace.undo_operation``); the command line calls the same functions. ``perform``
runs one
with its change-history rows tagged by where the change came from.
"""

from graph.operations.cards import add_person_at, move_cards
from graph.operations.core import (
    Bound,
    Operation,
    OpResult,
    Replay,
    Titled,
    bind,
    key_of,
    perform,
    retitled,
)
from graph.operations.imports import applied_import, apply_import, import_source
from graph.operations.interactions import edit_interaction, log_interaction
from graph.operations.links import link, set_manager, unlink
from graph.operations.records import (
    add_account,
    add_person,
    add_record,
    delete_records,
    edit_fields,
    replace_record,
)
from graph.operations.selection import delete_selection
from graph.operations.team import add_member, assign, unassign

__all__ = [
    "Bound",
    "OpResult",
    "Operation",
    "Replay",
    "Titled",
    "add_account",
    "add_member",
    "add_person",
    "add_person_at",
    "add_record",
    "applied_import",
    "apply_import",
    "assign",
    "bind",
    "delete_records",
    "delete_selection",
    "edit_fields",
    "edit_interaction",
    "import_source",
    "key_of",
    "link",
    "log_interaction",
    "move_cards",
    "perform",
    "replace_record",
    "retitled",
    "set_manager",
    "unassign",
    "unlink",
]
