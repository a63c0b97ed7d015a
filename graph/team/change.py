"""What a replica sends the server: changes in global form, and decisions on conflicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

# The judgements of the portfolio: a person's reading of someone, not a fact anyone can
# check. Two different readings made apart are both kept for the team to decide.
JUDGEMENTS: frozenset[tuple[str, str]] = frozenset(
    {
        ("people", "attitude"),
        ("people", "influence"),
        ("coverage", "current_level"),
        ("coverage", "desired_level"),
        ("accounts", "health_override"),
    }
)


@dataclass(frozen=True)
class Change:
    """One history row of a replica, in global form (graph.team.globalize): ``key`` names the
    record, ``account`` is its account's uid, ``old``/``new`` are JSON text."""

    device: str
    hlc: str
    op: str
    at: dt.datetime
    author: str
    source: str
    table_name: str
    key: str
    account: str | None
    action: str
    field: str | None
    old: str | None
    new: str | None

    def row(self, base_seq: int) -> dict[str, Any]:
        return {
            "device": self.device,
            "hlc": self.hlc,
            "op": self.op,
            "at": self.at,
            "author": self.author,
            "source": self.source,
            "table_name": self.table_name,
            "key": self.key,
            "account": self.account,
            "action": self.action,
            "field": self.field,
            "old_value": self.old,
            "new_value": self.new,
            "base_seq": base_seq,
        }


@dataclass(frozen=True)
class Decision:
    """A conflict decided on a replica: ``keep`` is ``"first"`` or ``"second"``; ``hlc`` and
    ``at`` stamp the records a kept edit brings back from a delete."""

    conflict_id: int
    keep: str
    hlc: str
    at: dt.datetime
    author: str
    device: str
