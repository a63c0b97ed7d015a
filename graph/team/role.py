"""What this laptop may do to a team replica: the role the server last gave its login.

The server is the judge (row-level security refuses a viewer's rows), but a viewer who edits
offline would only find out at the next sync, with the edits stuck on the laptop. So each
clone and sync remembers the role in the file (``team_role`` in ``rapport_meta``), and every
edit (graph.operations.perform) is refused up front on a viewer's replica. A role changed on
the server counts here from the next sync on.
"""

from __future__ import annotations

from sqlalchemy import insert, select, update

from graph import schema as s
from graph.team.errors import ViewerError
from graph.workspace import Workspace

ROLE = "team_role"
VIEWER = "viewer"


def replica_role(ws: Workspace) -> str | None:
    """The role the server last gave this replica's login; None for a file of one's own
    (or a replica that never reached its server since it was made)."""
    with ws.reader.connect() as conn:
        return conn.scalar(select(s.Meta.value).where(s.Meta.key == ROLE))


def read_only(ws: Workspace) -> bool:
    return replica_role(ws) == VIEWER


def refuse_if_read_only(ws: Workspace) -> None:
    """Raise ViewerError on a viewer's replica: the one check every edit passes."""
    if read_only(ws):
        raise ViewerError()


def remember_role(ws: Workspace, role: str) -> None:
    if replica_role(ws) == role:
        return  # most syncs: nothing to write
    with ws.writing() as session:
        conn = session.connection()
        done = conn.execute(update(s.Meta).where(s.Meta.key == ROLE).values(value=role))
        if not done.rowcount:
            conn.execute(insert(s.Meta).values(key=ROLE, value=role))
