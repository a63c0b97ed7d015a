"""A portfolio in canonical form, the same wherever it is held: a replica's file or the
server. Two holders agree exactly when their dumps are equal (what the sync tests compare)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from graph import schema as s
from graph.team import server_schema as t
from graph.team.globalize import Ids, has_uid, normalized, row_data
from graph.workspace import Workspace

Dump = dict[str, dict[str, dict[str, Any]]]
PORTFOLIO_TABLES = tuple(cls.__tablename__ for cls in s.RECORD_TYPES)


def local_dump(ws: Workspace) -> Dump:
    """Every record of the file in global form, by table and global name."""
    dump: Dump = {}
    with ws.reader.connect() as conn, conn.begin():
        ids = Ids(conn)
        for name in PORTFOLIO_TABLES:
            if has_uid(name):
                ids.preload(name)
        for name in PORTFOLIO_TABLES:
            records = dump.setdefault(name, {})
            for row in conn.execute(select(s.Base.metadata.tables[name])):
                data = row_data(name, dict(row._mapping))
                key = ids.global_key(name, data)
                if key is not None:
                    records[key] = normalized(name, ids.global_record(name, data))
    return dump


def server_dump(conn: Connection) -> Dump:
    """Every live record the server holds, as ``local_dump`` gives it."""
    dump: Dump = {name: {} for name in PORTFOLIO_TABLES}
    r = t.records.c
    rows = conn.execute(select(r.table_name, r.key, r.data).where(r.deleted_seq.is_(None)))
    for name, key, data in rows:
        dump.setdefault(name, {})[key] = normalized(name, data)
    return dump
