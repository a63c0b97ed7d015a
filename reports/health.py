"""Account health for the QBR, from ``graph.signals`` (the same health the portfolio shows).

The signals are computed as of the end of the quarter, or today when the quarter is not over,
so the QBR of the current quarter agrees with the rest of the app. The manual override on the
account wins (``graph.signals`` applies it and gives its reason first); ``computed`` keeps the
health the rules alone give, from the 0-100 score (green from 70, amber from 45, red below).
"""

from __future__ import annotations

import datetime as dt

from graph import schema as s
from graph.signals import account_signals
from graph.vocabulary import Health
from graph.workspace import Workspace
from reports.model import HealthAssessment

GREEN_FROM = 70
AMBER_FROM = 45


def health_from_score(score: int) -> Health:
    if score >= GREEN_FROM:
        return Health.GREEN
    return Health.AMBER if score >= AMBER_FROM else Health.RED


def assess_health(ws: Workspace, account: s.Account, as_of: dt.date) -> HealthAssessment:
    signals = account_signals(ws, account.id, as_of)
    return HealthAssessment(
        health=signals.health,
        reasons=tuple(r.replace(" ()", "") for r in signals.health_reasons),
        overridden=account.health_override is not None,
        computed=health_from_score(signals.health_score),
        score=signals.health_score,
    )
