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
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.signals import AccountSignals, portfolio_signals
from graph.workspace import Workspace

SUMMARY_VERSION = 1


def _account_entry(account: Any, sig: AccountSignals, today: dt.date) -> dict[str, Any]:
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


def summarize(
    ws: Workspace, today: dt.date | None = None, account_name: str | None = None
) -> dict[str, Any]:
    today = today or ws.today()
    if account_name is not None:
        accounts = [ws.account_named(account_name)]
    else:
        accounts = ws.accounts()
    signals = portfolio_signals(ws, today, [a.id for a in accounts])
    return {
        "format": "rapport-summary",
        "version": SUMMARY_VERSION,
        "workspace": str(ws.path) if ws.path else None,
        "today": today.isoformat(),
        "accounts": [_account_entry(a, signals[a.id], today) for a in accounts],
    }
