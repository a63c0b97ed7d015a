"""The assembled QBR: frozen values that the workbook, the charts and the desktop tab read.

Nothing here touches the workspace; ``reports.qbr.assemble_qbr`` fills these in. Dates are
``datetime.date``; money is a float in the account's currency; percentages are fractions
(0.12 means 12 %) so Excel can format them; ``None`` means "not known" (never zero).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from graph.vocabulary import (
    ActionStatus,
    DealRole,
    GoalStatus,
    Health,
    Level,
    PersonStatus,
    Phase,
    RiskLevel,
    RiskStatus,
    RoadmapStatus,
    Severity,
    TicketStatus,
)
from reports.quarter import Quarter


@dataclass(frozen=True)
class AccountFacts:
    id: int
    name: str
    industry: str
    segment: str
    arr: float
    currency: str
    renewal_date: dt.date | None
    days_to_renewal: int | None
    phase: Phase
    it_maturity: int | None
    security_maturity: int | None
    team: tuple[str, ...]


@dataclass(frozen=True)
class HealthAssessment:
    health: Health
    reasons: tuple[str, ...]
    overridden: bool = False
    computed: Health | None = None  # what the rules give, whatever the override
    score: int | None = None  # 0-100, when the rules give one


# --- stakeholders ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StakeholderRow:
    person_id: int
    name: str
    title: str
    department: str
    level: Level
    role: DealRole
    influence: int
    attitude: int
    interest: int
    status: PersonStatus
    owner: str
    interactions: int  # this quarter
    last_contact: dt.date | None  # up to the end of the quarter

    @property
    def engaged(self) -> bool:
        return self.interactions > 0


class ChangeType(StrEnum):
    JOINED = "joined"
    LEFT = "left"
    ATTITUDE = "attitude"

    @property
    def label(self) -> str:
        return {"joined": "Joined", "left": "Left", "attitude": "Attitude moved"}[self.value]


@dataclass(frozen=True)
class PeopleChange:
    person_id: int
    name: str
    change: ChangeType
    on: dt.date | None
    detail: str
    old_attitude: int | None = None
    new_attitude: int | None = None


@dataclass(frozen=True)
class LevelEngagement:
    """Distinct people engaged per level in one quarter, and the interactions logged."""

    quarter: Quarter
    executive: int
    management: int
    operations: int
    interactions: int

    def count(self, level: Level) -> int:
        return int(getattr(self, level.value))


@dataclass(frozen=True)
class PeopleSection:
    stakeholders: tuple[StakeholderRow, ...]
    changes: tuple[PeopleChange, ...]
    engagement: tuple[LevelEngagement, ...]  # oldest quarter first
    attitude_now: tuple[int, ...]  # people with attitude -2, -1, 0, +1, +2 at quarter end
    attitude_before: tuple[int, ...]  # the same at the end of the previous quarter

    @property
    def engaged(self) -> tuple[StakeholderRow, ...]:
        return tuple(p for p in self.stakeholders if p.engaged)


# --- wins -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WinRow:
    won_on: dt.date
    title: str
    impact_value: float | None
    impact_unit: str
    impact_description: str
    champion: str


@dataclass(frozen=True)
class QuarterWins:
    quarter: Quarter
    count: int
    impact: float  # summed in WinsSection.impact_unit


@dataclass(frozen=True)
class WinsSection:
    this_quarter: tuple[WinRow, ...]
    by_quarter: tuple[QuarterWins, ...]
    impact_unit: str  # the most common unit; other units are not summed


# --- usage ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricTrend:
    """One usage metric: its points over the history window and its quarter-over-quarter change.

    ``current`` and ``previous`` are the mean of the points measured in the quarter and the one
    before (``None`` when nothing was measured); ``latest`` is the last point of the quarter.
    """

    metric_id: int
    name: str
    unit: str
    points: tuple[tuple[dt.date, float], ...]
    current: float | None
    previous: float | None
    latest: float | None

    @property
    def delta(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous

    @property
    def delta_pct(self) -> float | None:
        if self.delta is None or not self.previous:
            return None
        return self.delta / abs(self.previous)


@dataclass(frozen=True)
class UsageSection:
    metrics: tuple[MetricTrend, ...]

    @property
    def dates(self) -> tuple[dt.date, ...]:
        """Every date any metric was measured on, in order (the rows of the usage table)."""
        return tuple(sorted({day for m in self.metrics for day, _ in m.points}))


# --- support --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TicketRow:
    reference: str
    title: str
    severity: Severity
    status: TicketStatus
    opened_on: dt.date
    resolved_on: dt.date | None

    @property
    def days_to_resolve(self) -> int | None:
        if self.resolved_on is None:
            return None
        return (self.resolved_on - self.opened_on).days


@dataclass(frozen=True)
class SeverityStats:
    """Tickets of one severity: opened in the quarter, resolved in it, open at its end."""

    severity: Severity
    opened: int
    resolved: int
    open_at_end: int
    mean_days_to_resolve: float | None
    median_days_to_resolve: float | None


@dataclass(frozen=True)
class QuarterTickets:
    quarter: Quarter
    opened: tuple[int, int, int, int]  # sev1..sev4


@dataclass(frozen=True)
class IncidentRow:
    occurred_on: dt.date
    title: str
    severity: Severity
    duration_minutes: int
    impact_value: float | None
    impact_unit: str
    business_impact: str


@dataclass(frozen=True)
class SupportSection:
    tickets: tuple[TicketRow, ...]  # opened in the quarter or open at some point during it
    by_severity: tuple[SeverityStats, ...]  # sev1..sev4
    by_status: tuple[tuple[TicketStatus, int], ...]  # current status of ``tickets``
    by_quarter: tuple[QuarterTickets, ...]
    incidents: tuple[IncidentRow, ...]
    mean_days_to_resolve: float | None
    median_days_to_resolve: float | None

    @property
    def open_sev1_sev2(self) -> int:
        return sum(s.open_at_end for s in self.by_severity if s.severity in _URGENT)


_URGENT = (Severity.SEV1, Severity.SEV2)


# --- roadmap ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestFit:
    request_id: int
    title: str
    requested_on: dt.date
    priority: int
    requester: str
    requester_influence: int
    roadmap_item: str
    roadmap_status: RoadmapStatus | None  # None: not mapped to the roadmap
    target_quarter: str
    weight: int
    credit: float


@dataclass(frozen=True)
class StatusFit:
    """How much of the weighted demand sits in one roadmap status (None: unmapped)."""

    status: RoadmapStatus | None
    requests: int
    weight: int
    credit: float

    @property
    def label(self) -> str:
        return self.status.label if self.status is not None else "Not mapped"


@dataclass(frozen=True)
class RoadmapFit:
    score: float | None  # 0-100; None when the account has no requests
    requests: tuple[RequestFit, ...]
    by_status: tuple[StatusFit, ...]  # shipped, in progress, planned, not planned, not mapped
    formula: str


# --- plan -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalRow:
    title: str
    owner: str
    target: str
    due_on: dt.date | None
    progress: float  # fraction 0..1
    status: GoalStatus


@dataclass(frozen=True)
class RiskRow:
    title: str
    level: RiskLevel
    status: RiskStatus
    owner: str
    raised_on: dt.date
    mitigation: str


@dataclass(frozen=True)
class ActionRow:
    title: str
    owner: str
    due_on: dt.date | None
    status: ActionStatus
    created_on: dt.date
    overdue: bool


@dataclass(frozen=True)
class PlanItem:
    """One line of next quarter's plan: a goal, an action, a roadmap delivery or the renewal."""

    kind: str
    title: str
    owner: str
    due_on: dt.date | None
    detail: str


@dataclass(frozen=True)
class KeyNumbers:
    people_engaged: int
    executives_engaged: int
    wins: int
    headline_metric: str
    headline_delta_pct: float | None
    open_sev1_sev2: int
    mean_days_to_resolve: float | None
    fit_score: float | None
    goals_on_track: int
    goals_total: int


@dataclass(frozen=True)
class ExecutiveSummary:
    health: HealthAssessment
    headline_wins: tuple[WinRow, ...]
    top_risks: tuple[RiskRow, ...]
    asks: tuple[str, ...]
    numbers: KeyNumbers


# --- content the deck and the workbook share (reports.briefing) ------------------------------


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str  # a customer person's title, or our team member's role
    side: str  # "ours" or "customer"


@dataclass(frozen=True)
class HealthPoint:
    """The account's health as it stood at the end of one quarter (or today, if not over)."""

    quarter: Quarter
    health: Health
    score: int | None


@dataclass(frozen=True)
class SinceLastQbr:
    """What was completed, is still open and is new since the last QBR, from stored dates."""

    since: dt.date
    since_label: str  # "the QBR of 14 Jul 2026" or "the start of 2026-Q3"
    until: dt.date
    completed: tuple[ActionRow, ...]  # done since then (created before the end)
    still_open: tuple[ActionRow, ...]  # open then and open now
    new_actions: tuple[ActionRow, ...]  # created since then
    risks_raised: tuple[RiskRow, ...]
    joined: tuple[PeopleChange, ...]
    left: tuple[PeopleChange, ...]
    attitude_moves: tuple[PeopleChange, ...]  # internal edition only
    tickets_opened: int
    tickets_resolved: int
    wins: int


@dataclass(frozen=True)
class Briefing:
    agenda: tuple[str, ...]
    ours: tuple[Attendee, ...]
    theirs: tuple[Attendee, ...]
    objectives: tuple[str, ...]
    health_trend: tuple[HealthPoint, ...]  # oldest quarter first
    since_last: SinceLastQbr
    roles: tuple[tuple[str, str], ...] = ()  # (name, role) of everyone, for anonymized copies
    # wins' impact summed per unit and quarter of the window: (unit, (total or None, ...))
    impact_by_quarter: tuple[tuple[str, tuple[float | None, ...]], ...] = ()


@dataclass(frozen=True)
class Qbr:
    account: AccountFacts
    quarter: Quarter
    generated_on: dt.date
    quarters: tuple[Quarter, ...]  # the history window, oldest first, ending with ``quarter``
    summary: ExecutiveSummary
    people: PeopleSection
    wins: WinsSection
    usage: UsageSection
    support: SupportSection
    roadmap: RoadmapFit
    goals: tuple[GoalRow, ...]
    risks: tuple[RiskRow, ...]
    actions: tuple[ActionRow, ...]
    next_quarter: tuple[PlanItem, ...]
    # The day the figures are as of: the quarter's last day, or today while it runs ("to date").
    as_of: dt.date | None = None
    period_label: str = ""  # "Q4 FY2027, 1 Nov 2026 – 31 Jan 2027" (reports.quarter.Period)
    to_date: bool = False
    briefing: Briefing | None = None  # the deck's extra content (reports.briefing)
