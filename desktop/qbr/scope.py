"""What the QBR tab shows (one account, one quarter) and how its edits reach the undo stack."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from graph import schema as s
from graph.operations import OpResult
from graph.workspace import Workspace
from reports.quarter import Quarter

# Runs an edit as one undo step (``desktop.workspace.undo_operation.run_operation`` on the window's
# stack); raises RapportError, with nothing written or pushed, if the edit is refused.
Run = Callable[[Callable[[Workspace], OpResult]], OpResult]
RECENT_QUARTERS = 8


@dataclass(frozen=True)
class Scope:
    """One account's QBR for one fiscal quarter, as of ``today``."""

    account_id: int
    quarter: Quarter
    today: dt.date

    @property
    def default_day(self) -> dt.date:
        """The date a new record gets: today, or the nearest day of the quarter."""
        return min(max(self.today, self.quarter.start), self.quarter.end)


def current_quarter(account: s.Account, today: dt.date) -> Quarter:
    return Quarter.containing(today, account.fiscal_year_start_month)


def recent_quarters(
    account: s.Account, today: dt.date, count: int = RECENT_QUARTERS
) -> list[Quarter]:
    """The account's fiscal quarters, the current one first, then the ``count - 1`` before."""
    current = current_quarter(account, today)
    return [current.shifted(-i) for i in range(count)]
