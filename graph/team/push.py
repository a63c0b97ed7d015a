"""A push, as the server takes it: one transaction, one at a time, numbered in order.

The push lock makes the sequence numbers the server hands out follow the order in which
pushes commit (a pull reading "after n" never misses one). Changes the server holds already,
by device and stamp, are left out (a re-push after an interrupted sync); the new ones are
logged, merged into the state (graph.team.merge) and announced to the listening laptops
(graph.team.live).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, select, text

from graph.changelog import INSERT
from graph.team import server_schema as t
from graph.team.change import Change, Decision
from graph.team.globalize import references
from graph.team.live import notify_sql
from graph.team.merge import Merge

_CHUNK = 1000


@dataclass
class Accepted:
    pushed: int = 0
    conflicts: int = 0
    decided: int = 0
    seqs: list[int] = field(default_factory=list)


def lock(conn: Connection) -> None:
    """One push at a time per portfolio: sequence numbers follow the order of commits."""
    conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('rapport-push'))"))


def record_changes(
    conn: Connection, changes: Sequence[Change], base_seq: int
) -> list[tuple[int, Change]]:
    """Log the changes the server does not hold yet: (new sequence number, change), in order.
    One already known (by device and stamp) is left out: it was merged when first pushed."""
    c = t.changes.c
    known: set[tuple[str, str]] = set()
    for device in {ch.device for ch in changes}:
        hlcs = [ch.hlc for ch in changes if ch.device == device]
        for i in range(0, len(hlcs), _CHUNK):
            rows = conn.execute(
                select(c.hlc).where(and_(c.device == device, c.hlc.in_(hlcs[i : i + _CHUNK])))
            )
            known.update((device, h) for (h,) in rows)
    fresh = [ch for ch in changes if (ch.device, ch.hlc) not in known]
    if not fresh:
        return []
    # Numbers drawn first, in one statement (under the push lock, in order), then the rows
    # written in one batch: three times faster than an INSERT ... RETURNING in order.
    seqs = sorted(
        conn.execute(
            text("SELECT nextval('rapport_changes_seq_seq') FROM generate_series(1, :n)"),
            {"n": len(fresh)},
        ).scalars()
    )
    conn.execute(
        t.changes.insert(),
        [ch.row(base_seq) | {"seq": seq} for seq, ch in zip(seqs, fresh, strict=True)],
    )
    return list(zip(seqs, fresh, strict=True))


def _merged(
    conn: Connection, device: str, base_seq: int, logged: list[tuple[int, Change]]
) -> Merge:
    merge = Merge(conn, device, base_seq)
    keys = [(ch.table_name, ch.key) for _seq, ch in logged]
    parents = [
        (target, uid)
        for _seq, ch in logged
        if ch.action == INSERT
        for column, target in references(ch.table_name).items()
        if isinstance(uid := json.loads(ch.new or "{}").get(column), str)
    ]
    merge.load([*keys, *parents])
    merge.load_concurrent(list(dict.fromkeys(keys)))
    for seq, change in logged:
        merge.apply(seq, change)
    return merge


def accept(
    conn: Connection,
    device: str,
    base_seq: int,
    changes: Sequence[Change],
    decisions: Sequence[Decision] = (),
) -> Accepted:
    """Accept one push inside the caller's server transaction."""
    lock(conn)
    logged = record_changes(conn, changes, base_seq)
    merge = _merged(conn, device, base_seq, logged)
    result = Accepted(pushed=len(logged), seqs=[seq for seq, _ch in logged])
    restored: list[Change] = []
    for decision in decisions:
        restored += merge.decide(decision)
        result.decided += 1
    result.conflicts = merge.write()
    if restored:
        _merged(conn, device, base_seq, record_changes(conn, restored, base_seq)).write()
    if result.pushed or result.decided:
        # Delivered at commit: the laptops listening (graph.team.live) pull at once.
        conn.execute(text(notify_sql()), {"device": device})
    return result
