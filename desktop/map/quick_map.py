"""The first account's map before the workspace loads: ``MapData`` from a read-only ``sqlite3``
connection (graph.quickread.account_snapshot and graph.quickread.account_rows), with no
SQLAlchemy, networkx or numpy, so a window can paint it while the full workspace loads behind.

Equal, field by field, to what ``desktop.map.map_data.load_map_data`` gives on the workspace for
the same account and day (pinned by tests/desktop/map/test_quick_map.py): the same cards and
links (the account's people and links as stored) with the signals of the account's snapshot of
that day. None when the file's history log holds changes made after the day, which only the
full read can undo.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping
from functools import partial

from desktop.map.map_data import GraphLater, MapData, from_graph
from graph.networks import build_graph
from graph.plain_graph import PlainMultiDiGraph
from graph.quickread.account_rows import MapRows, account_contacts, emails, map_rows
from graph.quickread.account_snapshot import account_snapshot
from graph.quickread.portfolio import changed_after
from graph.snapshot_states import AccountSnapshot


def quick_map_data(conn: sqlite3.Connection, account_id: int, today: dt.date) -> MapData | None:
    """The map of account ``account_id`` as of ``today``, read from ``conn`` (a checked
    connection: graph.quickread.opening.open_checked); None when the log holds changes made
    after ``today`` (read the map from the workspace then: ``load_map_data``). Raises
    NotFoundError for an account that does not exist."""
    if changed_after(conn, today):  # before counting anything
        return None
    contacts = account_contacts(conn, account_id, today)  # both reads need them: counted once
    snapshot = account_snapshot(conn, account_id, today, contacts)
    if snapshot is None:
        return None
    rows = map_rows(conn, account_id, today, contacts)
    return map_of(snapshot, rows, emails(conn, account_id))


def map_of(snapshot: AccountSnapshot, rows: MapRows, emails: Mapping[int, str]) -> MapData:
    """The map of the snapshot's account: cards and links of ``rows``, the signals of the
    snapshot's day, each person's email (the map's search reads it). The networkx graph is
    built from the same rows when first asked for: the cards paint from a plain copy."""
    account = snapshot.account
    signals = snapshot.signals
    plain = build_graph(*rows, into=PlainMultiDiGraph())
    data = from_graph(
        plain, signals.people, account.id, account.name, snapshot.as_of, signals.flags
    )
    data.graph_source = GraphLater(partial(build_graph, *rows))
    for person_id, email in emails.items():
        card = data.cards.get(f"p{person_id}")
        if card is not None:
            card.email = email
    return data
