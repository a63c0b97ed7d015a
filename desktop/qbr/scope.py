"""What the QBR tab shows (one account, one quarter) and how its edits reach the undo stack."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.edits import dry_run
from graph import schema as s
from graph.workspace import Workspace
from reports.quarter import Quarter

Push = Callable[[QUndoCommand], None]
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


def pusher(ws: Workspace, stack: QUndoStack) -> Push:
    """Push an edit as one undo step, as the rest of the app does (``WorkspaceSession.push``).

    The command is tried in a rolled-back transaction first, so a refused value raises
    ``RapportError`` here and never leaves a broken step on the stack. Steps never merge.
    """

    def push(command: QUndoCommand) -> None:
        dry_run(ws, command)
        stack.setClean()
        stack.push(command)

    return push
