"""Assemble the quarterly business review of one account: ``assemble_qbr(ws, account_id, q)``.

Everything the workbook, the charts and the desktop QBR tab show is computed here once, into the
frozen values of ``reports.model``. The sections follow DOMAIN.md ("The QBR"); the rules of each
computation are documented in its module (``usage``, ``support``, ``roadmap_fit``,
``stakeholders``, ``health``). Reads are plain selects; nothing is written.

A QBR states how the account stood on the quarter's last day (today, for the quarter that is
running, then labelled "to date"): it reads the account's snapshot as of that day
(``graph.snapshot.read_account``) and leaves out every fact dated after it: people who joined
later, risks raised later, tickets opened later (and a ticket resolved later is still open),
interactions, wins, incidents, requests, actions and usage points after that day. Health,
reasons and people engaged all come from that one snapshot. Fields the history log will date
(goal status, risk closing, titles...) are read through ``graph.snapshot`` (as stored until then).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TypeVar

from graph import schema as s
from graph.snapshot import (
    AccountSnapshot,
    AccountState,
    changed_tables,
    read_account,
    revised_as_of,
)
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
from reports.quarter import Period, Quarter, calendar_quarter
from reports.roadmap_fit import Requester, roadmap_fit
from reports.stakeholders import people_section, read_contacts
from reports.support import support_section

HISTORY_QUARTERS = 4
_RISK_ORDER = {RiskLevel.HIGH: 0, RiskLevel.MEDIUM: 1, RiskLevel.LOW: 2}
_LIVE_ACTIONS = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
R = TypeVar("R", bound=s.Base)
Revised = TypeVar("Revised", s.Goal, s.Risk, s.ActionItem)  # what revised_as_of revises


def assemble_qbr(
    ws: Workspace,
    account_id: int,
    quarter: Quarter,
    today: dt.date | None = None,
    *,
    history: int = HISTORY_QUARTERS,
    snapshot: AccountSnapshot | None = None,
) -> Qbr:
    """The QBR of ``account_id`` for ``quarter``, with ``history`` quarters of trends.

    ``quarter`` is re-based on the account's fiscal year start month, so "2026-Q3" always means
    the account's own third fiscal quarter. ``today`` (default: the workspace's today) decides
    whether the quarter is over; the QBR reads the account as of the quarter's last day, or as
    of ``today`` while it runs. ``snapshot``: that reading, when the caller already has it.
    """
    start_month = (
        snapshot.account.fiscal_year_start_month
        if snapshot is not None and snapshot.account.id == account_id
        else ws.get(s.Account, account_id).fiscal_year_start_month
    )
    quarter = Quarter(quarter.fiscal_year, quarter.number, start_month)
    today = today or ws.today()
    period = Period.of(quarter, today)
    as_of = period.as_of
    window = quarter.history(max(2, history))
    if snapshot is None or snapshot.as_of != as_of or snapshot.account.id != account_id:
        snapshot = read_account(ws, account_id, as_of)
    state = snapshot.account

    members = {m.id: m.name for m in ws.team()}
    known = (*snapshot.people, *snapshot.departed)
    names = {p.id: p.name for p in known}
    owners: dict[int, str] = {}
    for c in snapshot.coverage:
        if c.kind is CoverageKind.OWNS:
            owners.setdefault(c.person_id, members.get(c.member_id, ""))
    gone = snapshot.deleted  # records deleted since the day, as they stood on it
    changes = ws.find(
        s.AttitudeChange,
        s.AttitudeChange.person_id.in_(list(names)),
        s.AttitudeChange.changed_on <= as_of,
    ) + [
        c for c in gone.records(s.AttitudeChange, account_id, "changed_on") if c.person_id in names
    ]
    # the last contacts as the snapshot counted them (up to the day, deleted ones included)
    last = {p: c.last_contact for p, c in snapshot.contacts.items() if c.last_contact}
    contacts = read_contacts(
        ws.engine, account_id, window, as_of, gone, last, snapshot.contact_spans
    )
    people_part = people_section(known, changes, owners, contacts, quarter, window)

    def dated(cls: type[R], dated_by: str) -> list[R]:
        """The account's ``cls`` records dated by the end of ``as_of``, those deleted since
        included."""
        stored = ws.find(cls, getattr(cls, dated_by) <= as_of, account_id=account_id)
        return _with(stored, gone.records(cls, account_id, dated_by))

    wins = _wins(dated(s.Win, "won_on"), names, quarter, window)
    usage = usage_mod.read_usage(ws.engine, account_id, window, period)
    support = support_section(
        dated(s.Ticket, "opened_on"),
        dated(s.Incident, "occurred_on"),
        quarter,
        window,
        as_of,
    )
    requests = dated(s.CustomerRequest, "requested_on")
    items = {i.id: i for i in ws.find(s.RoadmapItem)}
    requesters = {p.id: Requester(p.name, p.influence) for p in known}
    fit = roadmap_fit(requests, requesters, items)
    changed = changed_tables(ws, as_of)  # asked once for the goals, risks and actions

    def then(cls: type[Revised], dated_by: str | None = None) -> list[Revised]:
        """The account's ``cls`` records as they stood at the end of ``as_of``: today's rows
        dated by then, revised through the log, and those deleted since."""
        where = () if dated_by is None else (getattr(cls, dated_by) <= as_of,)
        stored = ws.find(cls, *where, account_id=account_id)
        revised = revised_as_of(ws, stored, as_of, changed=changed)
        return _with(revised, gone.records(cls, account_id, dated_by))

    goals = tuple(
        GoalRow(g.title, g.owner, g.target, g.due_on, g.progress / 100.0, g.status)
        for g in sorted(then(s.Goal), key=lambda g: (g.due_on or dt.date.max, g.id))
    )
    risks = _risks(then(s.Risk, "raised_on"), members, quarter)
    actions = _actions(then(s.ActionItem, "created_on"), members, quarter, as_of)

    days_to_renewal = (state.renewal_date - as_of).days if state.renewal_date else None
    facts = AccountFacts(
        id=state.id,
        name=state.name,
        industry=state.industry,
        segment=state.segment,
        arr=state.arr,
        currency=state.currency,
        renewal_date=state.renewal_date,
        days_to_renewal=days_to_renewal,
        phase=state.phase,
        it_maturity=state.it_maturity,
        security_maturity=state.security_maturity,
        team=tuple(f"{m.name} ({m.role.label})" for m in snapshot.team),
    )
    headline = usage_mod.headline(usage)
    health = assess_health(snapshot)
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
        next_quarter=_next_quarter(goals, actions, fit, items, state, quarter),
        as_of=as_of,
        period_label=period.label,
        to_date=period.to_date,
    )


def contact_cuts(quarter: Quarter, history: int = HISTORY_QUARTERS) -> set[dt.datetime]:
    """The instants a QBR counts contacts between (its quarters' bounds): read with the
    account's snapshot (``read_account_days(..., contact_cuts=...)``), the QBR counts its
    engagement from that read. ``quarter`` in the account's fiscal year."""
    window = quarter.history(max(2, history))
    return {at for q in window for at in (q.start_datetime, q.end_datetime)}


def _with(stored: Sequence[R], deleted: Sequence[R]) -> list[R]:
    """Today's records and those deleted since the day, in id order (as ``ws.find`` gives)."""
    if not deleted:
        return list(stored)
    return sorted([*stored, *deleted], key=lambda r: getattr(r, "id", 0))


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
    account: AccountState,
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
        # Roadmap targets are calendar quarters: due on the last day of that calendar quarter,
        # planned next quarter when that day falls in the account's next fiscal quarter.
        target = calendar_quarter(r.target_quarter)
        if target is None or target.end not in nxt:
            continue
        if r.roadmap_item not in delivered:
            delivered.add(r.roadmap_item)
            plan.append(PlanItem("Roadmap", r.roadmap_item, "", target.end, f"Answers “{r.title}”"))
    return tuple(plan)
