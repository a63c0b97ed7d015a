"""The record tables of the QBR tab, one ``TableSpec`` each.

Which records a table shows for a quarter follows ``reports.qbr``: what the exported QBR of
that quarter will contain (wins and incidents of the quarter, tickets open during it, risks
and actions still live...). Goals, metrics and the shared roadmap are shown whole.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from desktop.qbr.columns import ColumnSpec as C
from desktop.qbr.columns import TableSpec
from desktop.qbr.scope import Scope
from graph import schema as s
from graph.vocabulary import (
    ActionStatus,
    GoalStatus,
    RiskLevel,
    RiskStatus,
    RoadmapStatus,
    Severity,
    TicketStatus,
)
from graph.workspace import Workspace

_LIVE_ACTIONS = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def _of_account(record: type[s.Base], order: Any) -> Any:
    def load(ws: Workspace, scope: Scope, _parent: int | None) -> list[Any]:
        return ws.find(record, account_id=scope.account_id, order_by=order)

    return load


def _free_name(ws: Workspace, scope: Scope, base: str) -> str:
    taken = {m.name for m in ws.find(s.UsageMetric, account_id=scope.account_id)}
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base} {n}"
    return name


def _next_point(ws: Workspace, scope: Scope, parent: int | None) -> s.UsagePoint:
    assert parent is not None, "a measurement belongs to a metric"
    points = ws.find(s.UsagePoint, metric_id=parent, order_by=s.UsagePoint.measured_on)
    if not points:
        return s.UsagePoint(metric_id=parent, measured_on=scope.default_day, value=0.0)
    last = points[-1]
    gap = (last.measured_on - points[-2].measured_on).days if len(points) > 1 else 30
    after = _after(last.measured_on, gap)
    return s.UsagePoint(metric_id=parent, measured_on=after, value=last.value)


def _after(day: dt.date, gap: int) -> dt.date:
    """The next date of a series measured every ``gap`` days (monthly: the same day next month)."""
    if 28 <= gap <= 31:
        year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
        return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return day + dt.timedelta(days=max(gap, 1))


def _ticket_in_scope(t: s.Ticket, scope: Scope) -> bool:
    q = scope.quarter
    return t.opened_on <= q.end and (t.resolved_on is None or t.resolved_on >= q.start)


def _risk_in_scope(r: s.Risk, scope: Scope) -> bool:
    q = scope.quarter
    return r.raised_on <= q.end and (r.status is not RiskStatus.CLOSED or r.raised_on in q)


def _action_in_scope(a: s.ActionItem, scope: Scope) -> bool:
    q = scope.quarter
    return a.created_on <= q.end and (
        a.status in _LIVE_ACTIONS or a.created_on in q or (a.due_on is not None and a.due_on in q)
    )


def _goals(ws: Workspace, scope: Scope, _parent: int | None) -> list[Any]:
    goals = ws.find(s.Goal, account_id=scope.account_id)
    return sorted(goals, key=lambda g: (g.due_on or dt.date.max, g.id))


PRIORITY_TIP = "1 (nice to have) to 5 (blocking)"
IMPACT_TIP = "The business impact as a number, in the customer's terms (unit beside it)"

WINS = TableSpec(
    s.Win,
    "Wins",
    "win",
    (
        C("won_on", "Date", "date", width=105),
        C("title", "Win", width=250),
        C("impact_value", "Impact", "float", optional=True, width=80, tooltip=IMPACT_TIP),
        C("impact_unit", "Unit", width=115, tooltip="hours saved, orders no longer delayed, EUR…"),
        C("champion_id", "Championed by", "person", optional=True, width=150),
        C("impact_description", "What it meant for the business", width=280),
    ),
    load=_of_account(s.Win, s.Win.won_on),
    new=lambda ws, scope, _p: s.Win(
        account_id=scope.account_id, won_on=scope.default_day, title="New win"
    ),
    in_scope=lambda w, scope: w.won_on in scope.quarter,
    by_quarter=True,
    empty_text="Record what the customer gained this quarter, with its business impact: "
    "hours saved, orders no longer delayed, payments recovered.",
)

METRICS = TableSpec(
    s.UsageMetric,
    "Usage metrics",
    "metric",
    (
        C(
            "name",
            "Metric",
            width=170,
            tooltip="Active users, hosts covered, feature adoption…",
            stretch=True,
        ),
        C("unit", "Unit", width=80),
    ),
    load=_of_account(s.UsageMetric, s.UsageMetric.id),
    new=lambda ws, scope, _p: s.UsageMetric(
        account_id=scope.account_id, name=_free_name(ws, scope, "New metric")
    ),
    empty_text="Add what you measure: active users, hosts or services covered, adoption %.",
    label_field="name",
)

POINTS = TableSpec(
    s.UsagePoint,
    "Measurements",
    "measurement",
    (
        C("measured_on", "Measured on", "date", width=120),
        C("value", "Value", "float", width=100),
    ),
    load=lambda ws, _scope, parent: (  # newest first: the one to check or add after
        ws.find(s.UsagePoint, metric_id=parent, order_by=s.UsagePoint.measured_on.desc())
        if parent is not None
        else []
    ),
    new=_next_point,
    empty_text="No measurements of this metric yet.",
    label_field="measured_on",
    parent_field="metric_id",
)

TICKETS = TableSpec(
    s.Ticket,
    "Support tickets",
    "ticket",
    (
        C("reference", "Ref.", width=80),
        C("title", "Ticket", width=250, stretch=True),
        C("severity", "Severity", "enum", Severity, width=85),
        C("status", "Status", "enum", TicketStatus, width=105),
        C("opened_on", "Opened", "date", width=105),
        C("resolved_on", "Resolved", "date", optional=True, width=105),
    ),
    load=_of_account(s.Ticket, s.Ticket.opened_on),
    new=lambda ws, scope, _p: s.Ticket(
        account_id=scope.account_id, title="New ticket", opened_on=scope.default_day
    ),
    in_scope=_ticket_in_scope,
    by_quarter=True,
    empty_text="No tickets were open during this quarter.",
)

INCIDENTS = TableSpec(
    s.Incident,
    "Incidents",
    "incident",
    (
        C("occurred_on", "Date", "date", width=105),
        C("title", "Incident", width=220),
        C("severity", "Severity", "enum", Severity, width=85),
        C("duration_minutes", "Minutes", "int", minimum=0, maximum=10_000_000, width=75),
        C("impact_value", "Impact", "float", optional=True, width=80, tooltip=IMPACT_TIP),
        C("impact_unit", "Unit", width=110),
        C("business_impact", "Business impact", width=260),
    ),
    load=_of_account(s.Incident, s.Incident.occurred_on),
    new=lambda ws, scope, _p: s.Incident(
        account_id=scope.account_id, title="New incident", occurred_on=scope.default_day
    ),
    in_scope=lambda i, scope: i.occurred_on in scope.quarter,
    by_quarter=True,
    empty_text="No incidents this quarter.",
)

REQUESTS = TableSpec(
    s.CustomerRequest,
    "Customer requests",
    "request",
    (
        C("title", "Request", width=230, stretch=True),
        C("requested_on", "Asked on", "date", width=105),
        C("priority", "Priority", "int", minimum=1, maximum=5, width=70, tooltip=PRIORITY_TIP),
        C("requester_id", "Asked by", "person", optional=True, width=150),
        C("roadmap_item_id", "Roadmap item", "roadmap", optional=True, width=200),
        C("notes", "Notes", width=220),
    ),
    load=_of_account(s.CustomerRequest, s.CustomerRequest.requested_on),
    new=lambda ws, scope, _p: s.CustomerRequest(
        account_id=scope.account_id, title="New request", requested_on=scope.default_day
    ),
    in_scope=lambda r, scope: r.requested_on <= scope.quarter.end,
    by_quarter=True,
    empty_text="Note what the customer asks of the product, and map it to the roadmap.",
)

ROADMAP = TableSpec(
    s.RoadmapItem,
    "Product roadmap",
    "roadmap item",
    (
        C("title", "Roadmap item", width=230),
        C("status", "Status", "enum", RoadmapStatus, width=105),
        C("target_quarter", "Target", "quarter", width=85, tooltip="A quarter, like 2026-Q4"),
        C("description", "Description", width=260),
    ),
    load=lambda ws, _scope, _p: ws.find(s.RoadmapItem),
    new=lambda ws, _scope, _p: s.RoadmapItem(title="New roadmap item"),
    empty_text="The product roadmap is shared by every account: add its items once.",
    shared=True,
)

GOALS = TableSpec(
    s.Goal,
    "Success plan",
    "goal",
    (
        C("title", "Goal", width=220, stretch=True),
        C("owner", "Owner", width=140),
        C("target", "Target", width=150),
        C("due_on", "Due", "date", optional=True, width=105),
        C("progress", "Progress", "percent", minimum=0, maximum=100, width=80),
        C("status", "Status", "enum", GoalStatus, width=100),
    ),
    load=_goals,
    new=lambda ws, scope, _p: s.Goal(account_id=scope.account_id, title="New goal"),
    empty_text="The goals of the success plan, agreed with the customer.",
)

RISKS = TableSpec(
    s.Risk,
    "Risks",
    "risk",
    (
        C("title", "Risk", width=230),
        C("level", "Level", "enum", RiskLevel, width=85),
        C("status", "Status", "enum", RiskStatus, width=95),
        C("owner_id", "Owner", "member", optional=True, width=140),
        C("raised_on", "Raised", "date", width=105),
        C("mitigation", "Mitigation", width=240),
    ),
    load=_of_account(s.Risk, s.Risk.raised_on),
    new=lambda ws, scope, _p: s.Risk(
        account_id=scope.account_id, title="New risk", raised_on=scope.default_day
    ),
    in_scope=_risk_in_scope,
    by_quarter=True,
    empty_text="No open risks. Add what could hurt the renewal, with an owner on our side.",
)

ACTIONS = TableSpec(
    s.ActionItem,
    "Action items",
    "action",
    (
        C("title", "Action", width=250, stretch=True),
        C("owner_id", "Owner", "member", optional=True, width=140),
        C("due_on", "Due", "date", optional=True, width=105),
        C("status", "Status", "enum", ActionStatus, width=100),
        C("created_on", "Created", "date", width=105),
    ),
    load=_of_account(s.ActionItem, s.ActionItem.created_on),
    new=lambda ws, scope, _p: s.ActionItem(
        account_id=scope.account_id, title="New action", created_on=scope.default_day
    ),
    in_scope=_action_in_scope,
    by_quarter=True,
    empty_text="Next steps agreed with the customer, each with an owner and a due date.",
)
