"""Assemble the quarterly business review of one account: ``assemble_qbr(ws, account_id, q)``.

Everything the workbook, the charts and the desktop QBR tab show is computed here once, into the
frozen values of ``reports.model``. The sections follow DOMAIN.md ("The QBR"); the rules of each
computation are documented in its module (``usage``, ``support``, ``roadmap_fit``,
``stakeholders``, ``health``). Reads are plain selects; nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence

from graph import schema as s
from graph.vocabulary import (
    ActionStatus,
    CoverageKind,
    GoalStatus,
    Level,
    RiskLevel,
    RiskStatus,
    RoadmapStatus,
)
from graph.workspace import Workspace
from reports import usage as usage_mod
from reports.health import assess_health
from reports.model import (
    AccountFacts,
    ActionRow,
    ExecutiveSummary,
    GoalRow,
    KeyNumbers,
    PeopleSection,
    PlanItem,
    Qbr,
    QuarterWins,
    RiskRow,
    RoadmapFit,
    WinRow,
    WinsSection,
)
from reports.quarter import Quarter
from reports.roadmap_fit import Requester, roadmap_fit
from reports.stakeholders import people_section, read_contacts
from reports.support import support_section

HISTORY_QUARTERS = 4
_RISK_ORDER = {RiskLevel.HIGH: 0, RiskLevel.MEDIUM: 1, RiskLevel.LOW: 2}
_LIVE_ACTIONS = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def assemble_qbr(
    ws: Workspace,
    account_id: int,
    quarter: Quarter,
    today: dt.date | None = None,
    *,
    history: int = HISTORY_QUARTERS,
) -> Qbr:
    """The QBR of ``account_id`` for ``quarter``, with ``history`` quarters of trends.

    ``quarter`` is re-based on the account's fiscal year start month, so "2026-Q3" always means
    the account's own third fiscal quarter. ``today`` (default: the workspace's today) sets the
    days to renewal and which actions are overdue.
    """
    account = ws.get(s.Account, account_id)
    quarter = Quarter(quarter.fiscal_year, quarter.number, account.fiscal_year_start_month)
    today = today or ws.today()
    window = quarter.history(max(2, history))
    as_of = min(today, quarter.end)

    members = {m.id: m.name for m in ws.team()}
    people = ws.people(account_id)
    names = {p.id: p.name for p in people}
    owners: dict[int, str] = {}
    for c in ws.coverage(account_id):
        if c.kind is CoverageKind.OWNS:
            owners.setdefault(c.person_id, members.get(c.member_id, ""))
    changes = ws.find(s.AttitudeChange, s.AttitudeChange.person_id.in_(list(names)))
    contacts = read_contacts(ws.engine, account_id, window)
    people_part = people_section(people, changes, owners, contacts, quarter, window)

    wins = _wins(ws.find(s.Win, account_id=account_id), names, quarter, window)
    usage = usage_mod.read_usage(ws.engine, account_id, window)
    support = support_section(
        ws.find(s.Ticket, account_id=account_id),
        ws.find(s.Incident, account_id=account_id),
        quarter,
        window,
    )
    requests = ws.find(
        s.CustomerRequest,
        s.CustomerRequest.requested_on <= quarter.end,
        account_id=account_id,
    )
    items = {i.id: i for i in ws.find(s.RoadmapItem)}
    requesters = {p.id: Requester(p.name, p.influence) for p in people}
    fit = roadmap_fit(requests, requesters, items)
    goals = tuple(
        GoalRow(g.title, g.owner, g.target, g.due_on, g.progress / 100.0, g.status)
        for g in sorted(
            ws.find(s.Goal, account_id=account_id), key=lambda g: (g.due_on or dt.date.max, g.id)
        )
    )
    risks = _risks(ws.find(s.Risk, account_id=account_id), members, quarter)
    actions = _actions(ws.find(s.ActionItem, account_id=account_id), members, quarter, as_of)

    days_to_renewal = (account.renewal_date - today).days if account.renewal_date else None
    facts = AccountFacts(
        id=account.id,
        name=account.name,
        industry=account.industry,
        segment=account.segment,
        arr=account.arr,
        currency=account.currency,
        renewal_date=account.renewal_date,
        days_to_renewal=days_to_renewal,
        phase=account.phase,
        it_maturity=account.it_maturity,
        security_maturity=account.security_maturity,
        team=tuple(f"{m.name} ({m.role.label})" for m in ws.team(account_id)),
    )
    headline = usage_mod.headline(usage)
    health = assess_health(ws, account, as_of)
    current = people_part.engagement[-1]
    numbers = KeyNumbers(
        people_engaged=len(people_part.engaged),
        executives_engaged=current.executive,
        wins=len(wins.this_quarter),
        headline_metric=headline.name if headline else "",
        headline_delta_pct=headline.delta_pct if headline else None,
        open_sev1_sev2=support.open_sev1_sev2,
        mean_days_to_resolve=support.mean_days_to_resolve,
        fit_score=fit.score,
        goals_on_track=sum(1 for g in goals if g.status in (GoalStatus.ON_TRACK, GoalStatus.DONE)),
        goals_total=len(goals),
    )
    headline_wins = tuple(
        sorted(wins.this_quarter, key=lambda w: (w.impact_value is None, -(w.impact_value or 0)))[
            :3
        ]
    )
    summary = ExecutiveSummary(
        health=health,
        headline_wins=headline_wins,
        top_risks=tuple(r for r in risks if r.status is RiskStatus.OPEN)[:3],
        asks=_asks(people_part, fit, actions, days_to_renewal, facts),
        numbers=numbers,
    )
    return Qbr(
        account=facts,
        quarter=quarter,
        generated_on=today,
        quarters=window,
        summary=summary,
        people=people_part,
        wins=wins,
        usage=usage,
        support=support,
        roadmap=fit,
        goals=goals,
        risks=risks,
        actions=actions,
        next_quarter=_next_quarter(goals, actions, fit, items, account, quarter),
    )


def _wins(
    wins: Sequence[s.Win], names: Mapping[int, str], quarter: Quarter, window: Sequence[Quarter]
) -> WinsSection:
    rows = [
        WinRow(
            w.won_on,
            w.title,
            w.impact_value,
            w.impact_unit,
            w.impact_description,
            names.get(w.champion_id, "") if w.champion_id is not None else "",
        )
        for w in sorted(wins, key=lambda w: (w.won_on, w.id))
    ]
    in_window = [w for w in rows if window[0].start <= w.won_on <= window[-1].end]
    units = Counter(w.impact_unit for w in in_window if w.impact_value is not None)
    unit = units.most_common(1)[0][0] if units else ""
    by_quarter = tuple(
        QuarterWins(
            q,
            sum(1 for w in rows if w.won_on in q),
            sum(w.impact_value or 0.0 for w in rows if w.won_on in q and w.impact_unit == unit),
        )
        for q in window
    )
    return WinsSection(tuple(w for w in rows if w.won_on in quarter), by_quarter, unit)


def _risks(
    risks: Sequence[s.Risk], members: Mapping[int, str], quarter: Quarter
) -> tuple[RiskRow, ...]:
    kept = [
        r
        for r in risks
        if r.raised_on <= quarter.end
        and (r.status is not RiskStatus.CLOSED or r.raised_on in quarter)
    ]
    kept.sort(key=lambda r: (r.status is not RiskStatus.OPEN, _RISK_ORDER[r.level], r.raised_on))
    return tuple(
        RiskRow(
            r.title,
            r.level,
            r.status,
            members.get(r.owner_id, "") if r.owner_id is not None else "",
            r.raised_on,
            r.mitigation,
        )
        for r in kept
    )


def _actions(
    actions: Sequence[s.ActionItem], members: Mapping[int, str], quarter: Quarter, as_of: dt.date
) -> tuple[ActionRow, ...]:
    kept = [
        a
        for a in actions
        if a.created_on <= quarter.end
        and (
            a.status in _LIVE_ACTIONS
            or a.created_on in quarter
            or (a.due_on and a.due_on in quarter)
        )
    ]
    kept.sort(key=lambda a: (a.status not in _LIVE_ACTIONS, a.due_on or dt.date.max, a.id))
    return tuple(
        ActionRow(
            a.title,
            members.get(a.owner_id, "") if a.owner_id is not None else "",
            a.due_on,
            a.status,
            a.created_on,
            a.status in _LIVE_ACTIONS and a.due_on is not None and a.due_on < as_of,
        )
        for a in kept
    )


def _asks(
    people: PeopleSection,
    fit: RoadmapFit,
    actions: Sequence[ActionRow],
    days_to_renewal: int | None,
    account: AccountFacts,
) -> tuple[str, ...]:
    """What we ask of the customer's executives, derived from the gaps this QBR shows."""
    asks: list[str] = []
    current = people.engagement[-1]
    if current.executive == 0:
        asks.append("An executive sponsor meeting next quarter (no executive engaged this quarter)")
    if not any(p.level is Level.OPERATIONS for p in people.stakeholders):
        asks.append("An introduction to the operations team that runs the service day to day")
    elif current.operations == 0:
        asks.append("Time with the operations team next quarter (none engaged this quarter)")
    if days_to_renewal is not None and 0 <= days_to_renewal <= 180 and account.renewal_date:
        renewal = f"{account.renewal_date:%d %b %Y}"
        asks.append(f"Confirm the renewal timeline and decision process (renewal {renewal})")
    unplanned = [r for r in fit.requests if r.roadmap_status in (None, RoadmapStatus.NOT_PLANNED)]
    if unplanned:
        asks.append(
            f"Confirm priorities for requests not yet planned, starting with “{unplanned[0].title}”"
        )
    for action in actions:
        if not action.owner and action.status in _LIVE_ACTIONS:
            due = f" by {action.due_on:%d %b %Y}" if action.due_on else ""
            asks.append(f"{action.title}{due}")
    return tuple(asks[:5])


def _next_quarter(
    goals: Sequence[GoalRow],
    actions: Sequence[ActionRow],
    fit: RoadmapFit,
    items: Mapping[int, s.RoadmapItem],
    account: s.Account,
    quarter: Quarter,
) -> tuple[PlanItem, ...]:
    nxt = quarter.next
    plan: list[PlanItem] = []
    if account.renewal_date is not None and account.renewal_date in nxt:
        plan.append(PlanItem("Renewal", f"Renewal of {account.name}", "", account.renewal_date, ""))
    for g in goals:
        if g.status is not GoalStatus.DONE and (g.due_on is None or g.due_on <= nxt.end):
            detail = (
                f"{g.progress:.0%} done, target: {g.target}"
                if g.target
                else f"{g.progress:.0%} done"
            )
            plan.append(PlanItem("Goal", g.title, g.owner, g.due_on, detail))
    for a in actions:
        if a.status in _LIVE_ACTIONS and (a.due_on is None or a.due_on <= nxt.end):
            plan.append(
                PlanItem("Action", a.title, a.owner, a.due_on, "Overdue" if a.overdue else "")
            )
    delivered: set[str] = set()
    for r in fit.requests:
        if r.roadmap_status not in (RoadmapStatus.PLANNED, RoadmapStatus.IN_PROGRESS):
            continue
        if _quarter_of(r.target_quarter, account.fiscal_year_start_month) != nxt:
            continue
        if r.roadmap_item not in delivered:
            delivered.add(r.roadmap_item)
            plan.append(PlanItem("Roadmap", r.roadmap_item, "", nxt.end, f"Answers “{r.title}”"))
    return tuple(plan)


def _quarter_of(text: str, start_month: int) -> Quarter | None:
    try:
        return Quarter.parse(text, start_month) if text else None
    except ValueError:
        return None
