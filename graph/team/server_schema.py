"""The tables of a team portfolio on its PostgreSQL server, and who may write them.

- ``rapport_records``: the current state, one row per record, keyed by (table, global name);
  ``data`` is the record in global form (graph.team.globalize), ``field_hlc`` the stamp of
  the change each field's value comes from (the later stamp wins). A removed record stays as
  a tombstone (``deleted_seq``), so a delete a person overrules can be undone with every
  field it held.
- ``rapport_changes``: the change log, one row per history row a replica pushed, numbered by
  the server (``seq``) in the order it accepted them: the order of record. ``(device, hlc)``
  is unique, so pushing the same change twice (a sync killed after the server committed)
  adds nothing.
- ``rapport_conflicts``: the same judgement changed on two laptops while apart, or a record
  removed on one and edited on another: listed until someone decides.
- ``rapport_members``: PostgreSQL logins and their role (viewer, editor, owner).

Row-level security (forced, so even the tables' owner is checked) lets members read, editors
and owners write, and only owners change the member list; a login outside the list sees
nothing of the portfolio (the member list itself is readable). The check reads
``rapport_members`` through a SECURITY DEFINER function keyed on ``session_user``, so it holds
whatever the client sends.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    DateTime,
    Index,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

FORMAT_MARKER = "rapport-team-portfolio"
FORMAT_VERSION = 1
ROLES = ("viewer", "editor", "owner")
WRITERS = ("editor", "owner")

metadata = MetaData()

portfolio = Table(
    "rapport_portfolio",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

members = Table(
    "rapport_members",
    metadata,
    Column("login", String(63), primary_key=True),
    Column("role", String(16), nullable=False),
)

records = Table(
    "rapport_records",
    metadata,
    Column("table_name", String(64), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("data", JSONB, nullable=False),
    Column("field_hlc", JSONB, nullable=False),
    Column("deleted_seq", BigInteger),
    Column("seq", BigInteger, nullable=False),
)

changes = Table(
    "rapport_changes",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=True),
    Column("device", String(32), nullable=False),
    Column("hlc", String(80), nullable=False),
    Column("op", String(32), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("author", String(200), nullable=False),
    Column("source", String(300), nullable=False),
    Column("table_name", String(64), nullable=False),
    Column("key", Text, nullable=False),
    Column("account", String(32)),
    Column("action", String(8), nullable=False),
    Column("field", String(64)),
    Column("old_value", Text),
    Column("new_value", Text),
    Column("base_seq", BigInteger, nullable=False),
    Column("pushed_by", String(63), nullable=False, server_default=text("session_user")),
    UniqueConstraint("device", "hlc", name="uq_rapport_change"),
    Index("ix_rapport_changes_record", "table_name", "key"),
)

conflicts = Table(
    "rapport_conflicts",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # "judgement" or "delete"
    Column("table_name", String(64), nullable=False),
    Column("key", Text, nullable=False),
    Column("field", String(64)),
    Column("first_seq", BigInteger, nullable=False),
    Column("second_seq", BigInteger, nullable=False),
    Column("resolution", String(16)),  # None while open; "first" or "second"
    Column("resolved_by", String(63)),
    Index("ix_rapport_conflicts_record", "table_name", "key"),
)

_ROLE_FUNCTION = """
CREATE FUNCTION rapport_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS
$$ SELECT role FROM public.rapport_members WHERE login = session_user $$
"""


def _policies() -> list[str]:
    writers = "rapport_role() IN ('editor', 'owner')"
    statements = []
    for name in ("rapport_portfolio", "rapport_records", "rapport_changes", "rapport_conflicts"):
        statements += [
            f"CREATE POLICY members_read ON {name} FOR SELECT USING (rapport_role() IS NOT NULL)",
            f"CREATE POLICY editors_write ON {name} FOR ALL USING ({writers}) "
            f"WITH CHECK ({writers})",
        ]
    statements += [
        # Reading the list asks nothing (the role check itself reads it, as the tables'
        # owner, to whom forced security applies too): logins and roles are no secret.
        "CREATE POLICY members_read ON rapport_members FOR SELECT USING (true)",
        "CREATE POLICY owners_manage ON rapport_members FOR ALL "
        "USING (rapport_role() = 'owner') WITH CHECK (rapport_role() = 'owner')",
    ]
    for name in metadata.tables:
        statements += [
            f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {name} FORCE ROW LEVEL SECURITY",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO PUBLIC",
        ]
    statements += [
        "GRANT USAGE ON SEQUENCE rapport_changes_seq_seq, rapport_conflicts_id_seq TO PUBLIC",
        "ALTER TABLE rapport_members ADD CONSTRAINT ck_rapport_role "
        "CHECK (role IN ('viewer', 'editor', 'owner'))",
    ]
    return statements


def create(conn: Connection, owner: str) -> None:
    """Create the portfolio's tables in an empty database, ``owner`` its first owner. The
    rules come with ``secure``, in the same transaction, once the records are in (PostgreSQL
    takes no COPY into a table under row-level security)."""
    metadata.create_all(conn)
    conn.execute(members.insert().values(login=owner, role="owner"))
    conn.execute(
        portfolio.insert(),
        [
            {"key": "format", "value": FORMAT_MARKER},
            {"key": "version", "value": str(FORMAT_VERSION)},
        ],
    )


def secure(conn: Connection) -> None:
    """Switch on who may read and write (see the module's text)."""
    conn.execute(text(_ROLE_FUNCTION))
    for statement in _policies():
        conn.execute(text(statement))
