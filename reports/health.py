"""Account health for the QBR, with the reasons behind it.

A stand-in until ``graph.signals`` provides the portfolio-wide health: everything here reads only
the assembled QBR sections, so swapping in ``graph.signals`` later changes one call in
``reports.qbr``. The account's manual override always wins (its reason is shown first).

Rules (a *red* reason makes the account red; otherwise three or more *amber* reasons make it red,
one or two make it amber; none is green):

- red: phase "at risk"; an open sev1 ticket at quarter end; two or more open high risks;
  renewal within 90 days while the economic buyer is against us.
- amber: an open sev2 ticket; one open high risk; headline usage down 10 % or more on last
  quarter; no executive engaged this quarter; an influential detractor (influence 4+, attitude
  below 0); a success-plan goal off track.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph import schema as s
from graph.vocabulary import DealRole, GoalStatus, Health, Phase, RiskLevel, RiskStatus, Severity
from reports.model import (
    GoalRow,
    HealthAssessment,
    LevelEngagement,
    MetricTrend,
    RiskRow,
    StakeholderRow,
    SupportSection,
)

USAGE_DROP = -0.10
RENEWAL_WINDOW_DAYS = 90


def assess_health(
    account: s.Account,
    *,
    days_to_renewal: int | None,
    support: SupportSection,
    risks: Sequence[RiskRow],
    headline: MetricTrend | None,
    engagement: LevelEngagement,
    stakeholders: Sequence[StakeholderRow],
    goals: Sequence[GoalRow],
) -> HealthAssessment:
    red: list[str] = []
    amber: list[str] = []
    if account.phase is Phase.AT_RISK:
        red.append("Account phase is at risk")
    open_by_severity = {stat.severity: stat.open_at_end for stat in support.by_severity}
    if open_by_severity.get(Severity.SEV1):
        red.append(f"{open_by_severity[Severity.SEV1]} sev1 ticket(s) open at quarter end")
    if open_by_severity.get(Severity.SEV2):
        amber.append(f"{open_by_severity[Severity.SEV2]} sev2 ticket(s) open at quarter end")
    high = [r for r in risks if r.level is RiskLevel.HIGH and r.status is RiskStatus.OPEN]
    if len(high) >= 2:
        red.append(f"{len(high)} high risks open")
    elif high:
        amber.append(f"High risk open: {high[0].title}")
    buyers = [p for p in stakeholders if p.role is DealRole.ECONOMIC_BUYER]
    if (
        days_to_renewal is not None
        and 0 <= days_to_renewal <= RENEWAL_WINDOW_DAYS
        and any(p.attitude < 0 for p in buyers)
    ):
        red.append(f"Renewal in {days_to_renewal} days and the economic buyer is opposed")
    if headline is not None and headline.delta_pct is not None and headline.delta_pct <= USAGE_DROP:
        amber.append(f"{headline.name} down {-headline.delta_pct:.0%} on last quarter")
    if engagement.executive == 0:
        amber.append("No executive engaged this quarter")
    detractors = [p for p in stakeholders if p.influence >= 4 and p.attitude < 0]
    if detractors:
        amber.append(f"Influential detractor: {detractors[0].name}")
    off_track = [g for g in goals if g.status is GoalStatus.OFF_TRACK]
    if off_track:
        amber.append(f"Goal off track: {off_track[0].title}")

    if red or len(amber) >= 3:
        computed = Health.RED
    elif amber:
        computed = Health.AMBER
    else:
        computed = Health.GREEN
    reasons = tuple(red + amber)
    if account.health_override is not None:
        why = account.health_override_reason.strip() or "set by the account team"
        return HealthAssessment(
            account.health_override, (f"Override: {why}", *reasons), True, computed
        )
    return HealthAssessment(computed, reasons, False, computed)
