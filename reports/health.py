"""Account health for the QBR, from the account's snapshot (the same health the portfolio shows).

The QBR reads the account as of the end of the quarter, or today when the quarter is not over,
so the QBR of the current quarter agrees with the rest of the app. The manual override on the
account wins (``graph.signals`` applies it and gives its reason first); ``computed`` keeps the
health the rules alone give: from the 0-100 score (green from 70, amber from 45, red below), or
"not enough data" with no score (``graph.signals`` defines the rule and the thresholds).
"""

from __future__ import annotations

from graph.snapshot import AccountSnapshot
from reports.model import HealthAssessment


def assess_health(snapshot: AccountSnapshot) -> HealthAssessment:
    signals = snapshot.signals
    return HealthAssessment(
        health=signals.health,
        reasons=tuple(signals.health_reasons),
        overridden=snapshot.account.health_override is not None,
        computed=signals.computed_health,
        score=signals.health_score,
    )
