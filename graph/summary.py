"""The portfolio summary behind ``rapport summary``: a stable, documented JSON-ready document.

Shape (version 1; fields are only ever added)::

    {
      "format": "rapport-summary", "version": 1,
      "workspace": "<path>", "today": "YYYY-MM-DD",
      "accounts": [
        {
          "name": str, "industry": str, "segment": str, "phase": str,
          "arr": float, "currency": str,
          "renewal_date": "YYYY-MM-DD" | null, "days_to_renewal": int | null,
          "health": "green" | "amber" | "red" | "not_enough_data",
          "health_score": int (0-100) | null,
          "health_overridden": bool,
          "enough_data": bool,
          "people": int (active), "people_total": int (everyone on record that day, left too),
          "people_left": int, "people_new": int,
          "overdue": int, "due": int,
          "levels": {"executive" | "management" | "operations":
                       {"people": int, "covered": int, "contacted_last_quarter": int}},
          "risks": [{"code": str, "severity": "high" | "medium", "message": str}]
        }, ...
      ]
    }

Everything is as of ``today`` (``rapport summary --today D``): each account is read as it stood at
the end of that day (``graph.snapshot``): people who joined later are not there, people who had
left are counted apart in ``people_left`` and nowhere else, risks and tickets are those open then,
interactions those logged up to then.

Added in version 1 without breaking readers: ``health`` may be ``"not_enough_data"`` (nobody on
the account, or no interaction ever logged with its people: see ``graph.signals``), and then
``health_score`` is null and ``enough_data`` false; ``people_left`` and ``people_new`` (people
who arrived recently and wait for a first contact, never counted overdue).

Accounts are sorted by name; archived accounts are left out unless asked for by name.

Two ways in, one document: ``summarize(ws)`` on an open workspace (the app, the tests), and
``summarize_file(path)`` for ``rapport summary``, which reads the file with ``sqlite3`` alone
(graph.quickread: the same refusals, no SQLAlchemy) and falls back to the workspace only for a
day the history log has changed since. Both compute each account's signals once, with the rules
of graph.signals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.signals import AccountSignals, compute_signals
from graph.vocabulary import Health, Phase

if TYPE_CHECKING:
    from graph.workspace import Workspace

SUMMARY_VERSION = 1


if TYPE_CHECKING:
    from typing import Protocol

    class SummaryAccount(Protocol):
        """The stored fields of an account the summary shows (``s.Account`` or a quick read's
        ``graph.quickread.portfolio.AccountRow``)."""

        @property
        def id(self) -> int: ...
        @property
        def name(self) -> str: ...
        @property
        def industry(self) -> str: ...
        @property
        def segment(self) -> str: ...
        @property
        def phase(self) -> Phase: ...
        @property
        def arr(self) -> float: ...
        @property
        def currency(self) -> str: ...
        @property
        def renewal_date(self) -> dt.date | None: ...
        @property
        def health_override(self) -> Health | None: ...


def _account_entry(account: SummaryAccount, sig: AccountSignals, today: dt.date) -> dict[str, Any]:
    renewal = account.renewal_date
    return {
        "name": account.name,
        "industry": account.industry,
        "segment": account.segment,
        "phase": account.phase.value,
        "arr": float(account.arr),
        "currency": account.currency,
        "renewal_date": renewal.isoformat() if renewal else None,
        "days_to_renewal": (renewal - today).days if renewal else None,
        "health": sig.health.value,
        "health_score": sig.health_score,
        "health_overridden": account.health_override is not None,
        "enough_data": sig.enough_data,
        "people": sum(1 for p in sig.people.values() if p.active),
        "people_total": len(sig.people) + len(sig.departed),
        "people_left": len(sig.departed),
        "people_new": sig.new,
        "overdue": sig.overdue,
        "due": sig.due,
        "levels": {
            level.value: {
                "people": cov.people,
                "covered": cov.covered,
                "contacted_last_quarter": cov.contacted_last_quarter,
            }
            for level, cov in sig.levels.items()
        },
        "risks": [
            {"code": f.code, "severity": f.severity, "message": f.message} for f in sig.flags
        ],
    }


def _document(
    path: Path | None,
    today: dt.date,
    accounts: Sequence[SummaryAccount],
    signals: Mapping[int, AccountSignals],
) -> dict[str, Any]:
    return {
        "format": "rapport-summary",
        "version": SUMMARY_VERSION,
        "workspace": str(path) if path else None,
        "today": today.isoformat(),
        "accounts": [_account_entry(a, signals[a.id], today) for a in accounts],
    }


def summarize(
    ws: Workspace, today: dt.date | None = None, account_name: str | None = None
) -> dict[str, Any]:
    from graph.signals import portfolio_signals

    today = today or ws.today()
    if account_name is not None:
        accounts = [ws.account_named(account_name)]
    else:
        accounts = ws.accounts()
    signals = portfolio_signals(ws, today, [a.id for a in accounts])
    return _document(ws.path, today, accounts, signals)


def summarize_file(
    path: Path, today: dt.date | None = None, account_name: str | None = None
) -> dict[str, Any]:
    """``summarize`` of the workspace file ``path``, opened read-only and checked as the app
    checks it (graph.quickread.opening), read in one aggregate query per table."""
    from graph.account_lookup import account_named
    from graph.clock import default_clock
    from graph.quickread import portfolio
    from graph.quickread.opening import open_checked, read_errors

    path = Path(path)
    today = today or default_clock().today()
    conn = open_checked(path)
    try:
        with read_errors(path):
            if portfolio.changed_after(conn, today):
                facts = None
            else:
                every = portfolio.accounts(conn)
                if account_name is not None:
                    chosen = [account_named(every, account_name)]
                else:
                    chosen = [a for a in every if not a.archived]
                facts = portfolio.facts_as_of(conn, today, chosen)
    finally:
        conn.close()
    if facts is None:
        # Changed since that day: only the log tells that day (graph.snapshot reads it).
        from graph.workspace import Workspace

        with Workspace.open(path, readonly=True) as ws:
            return summarize(ws, today, account_name)
    signals = {aid: compute_signals(f) for aid, f in facts.items()}
    return _document(path, today, chosen, signals)
