"""The tables of a workspace file, mapped to plain dataclass-like records.

Records carry foreign-key ids, not ORM relationships: a record read from the workspace is a
complete, detached value that the GUI, the reports and undo can keep without a live session.
Only portable column types are used, so a PostgreSQL URL can replace the SQLite file.

No ``from __future__ import annotations`` here: with real annotation objects SQLAlchemy maps
the ``Mapped[...]`` columns without parsing and evaluating each one as a string, which every
command and the app pay at start-up.
"""

import datetime as dt
import uuid
from enum import Enum as PyEnum
from typing import Any, TypeVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedAsDataclass, mapped_column

from graph.vocabulary import (
    ActionStatus,
    Channel,
    CoverageKind,
    DealRole,
    GoalStatus,
    Health,
    InteractionKind,
    Level,
    PersonStatus,
    Phase,
    RelationKind,
    RelationshipLevel,
    RiskLevel,
    RiskStatus,
    RoadmapStatus,
    Severity,
    TeamRole,
    TicketStatus,
)

E = TypeVar("E", bound=PyEnum)


def _enum(cls: type[E]) -> Enum:
    # Stored as the enum's value in a plain string column: readable in any SQL tool, portable.
    return Enum(
        cls,
        native_enum=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def new_uid() -> str:
    """A record's global id: stable across files and devices, unlike the local integer id."""
    return uuid.uuid4().hex


def _uid() -> Mapped[str]:
    # A Python default, so ORM adds and Core inserts (bulk imports, samples) both get one;
    # left out of comparisons: two records with the same values are the same value.
    return mapped_column(
        String(32),
        default_factory=new_uid,
        insert_default=new_uid,
        unique=True,
        index=True,
        compare=False,
        repr=False,
    )


class Base(MappedAsDataclass, DeclarativeBase, kw_only=True):
    """Base of every record. ``values()`` gives the stored fields, for undo and comparisons."""

    def values(self) -> dict[str, Any]:
        return {c.key: getattr(self, c.key) for c in self.__mapper__.column_attrs}


class Meta(Base, kw_only=True):
    __tablename__ = "rapport_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Account(Base, kw_only=True):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    name: Mapped[str] = mapped_column(String(200), unique=True)
    industry: Mapped[str] = mapped_column(String(120), default="")
    segment: Mapped[str] = mapped_column(String(120), default="")
    arr: Mapped[float] = mapped_column(Float, default=0.0)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    renewal_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    phase: Mapped[Phase] = mapped_column(_enum(Phase), default=Phase.ONBOARDING)
    it_maturity: Mapped[int | None] = mapped_column(Integer, default=None)
    security_maturity: Mapped[int | None] = mapped_column(Integer, default=None)
    scope: Mapped[str] = mapped_column(Text, default="")
    health_override: Mapped[Health | None] = mapped_column(_enum(Health), default=None)
    health_override_reason: Mapped[str] = mapped_column(Text, default="")
    fiscal_year_start_month: Mapped[int] = mapped_column(Integer, default=1)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class Person(Base, kw_only=True):
    """Someone on the customer's side."""

    __tablename__ = "people"
    __table_args__ = (
        Index("ix_people_account", "account_id"),
        Index("ix_people_email", "email"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    level: Mapped[Level] = mapped_column(_enum(Level), default=Level.OPERATIONS)
    role: Mapped[DealRole] = mapped_column(_enum(DealRole), default=DealRole.OTHER)
    influence: Mapped[int] = mapped_column(Integer, default=3)
    attitude: Mapped[int] = mapped_column(Integer, default=0)
    interest: Mapped[int] = mapped_column(Integer, default=3)
    cares_about: Mapped[list[str]] = mapped_column(JSON, default_factory=list)
    channel: Mapped[Channel] = mapped_column(_enum(Channel), default=Channel.EMAIL)
    # None means "the default for this person's role" (see graph.cadence).
    cadence_days: Mapped[int | None] = mapped_column(Integer, default=None)
    status: Mapped[PersonStatus] = mapped_column(_enum(PersonStatus), default=PersonStatus.ACTIVE)
    joined_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    left_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")


class AttitudeChange(Base, kw_only=True):
    """History of a person's attitude, so a QBR can say who moved since last quarter."""

    __tablename__ = "attitude_changes"
    __table_args__ = (Index("ix_attitude_person", "person_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    changed_on: Mapped[dt.date]
    old_attitude: Mapped[int] = mapped_column(Integer)
    new_attitude: Mapped[int] = mapped_column(Integer)


class TeamMember(Base, kw_only=True):
    """Someone on our side. Team members are shared by every account of the portfolio."""

    __tablename__ = "team_members"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[TeamRole] = mapped_column(_enum(TeamRole), default=TeamRole.TAM)
    email: Mapped[str] = mapped_column(String(254), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Relationship(Base, kw_only=True):
    """A link between two customer people of one account.

    reports_to and influences run from ``source`` to ``target`` ("source reports to target",
    "source influences target"); ally and conflict are stored with source < target.
    """

    __tablename__ = "relationships"
    __table_args__ = (
        UniqueConstraint("kind", "source_id", "target_id", name="uq_relationship"),
        Index("ix_relationships_account", "account_id"),
        Index("ix_relationships_target", "target_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    kind: Mapped[RelationKind] = mapped_column(_enum(RelationKind))
    source_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    strength: Mapped[int] = mapped_column(Integer, default=1)
    notes: Mapped[str] = mapped_column(Text, default="")


class Coverage(Base, kw_only=True):
    """A team member's relationship with a customer person (owns or knows)."""

    __tablename__ = "coverage"
    __table_args__ = (
        UniqueConstraint("member_id", "person_id", name="uq_coverage"),
        Index("ix_coverage_person", "person_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    member_id: Mapped[int] = mapped_column(ForeignKey("team_members.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    kind: Mapped[CoverageKind] = mapped_column(_enum(CoverageKind), default=CoverageKind.KNOWS)
    current_level: Mapped[RelationshipLevel] = mapped_column(
        _enum(RelationshipLevel), default=RelationshipLevel.VENDOR
    )
    desired_level: Mapped[RelationshipLevel] = mapped_column(
        _enum(RelationshipLevel), default=RelationshipLevel.TRUSTED_ADVISOR
    )
    notes: Mapped[str] = mapped_column(Text, default="")


class AccountTeam(Base, kw_only=True):
    """Which team members work on which account, with their role there."""

    __tablename__ = "account_team"
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("team_members.id", ondelete="CASCADE"), primary_key=True
    )


class Interaction(Base, kw_only=True):
    """A meeting, call or message. ``occurred_at`` is naive UTC."""

    __tablename__ = "interactions"
    __table_args__ = (
        # Covers the contact-history queries (graph.queries), so they never touch the rows.
        Index("ix_interactions_contact", "account_id", "occurred_at", "duration_minutes"),
        UniqueConstraint("account_id", "external_id", name="uq_interaction_external"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime)
    kind: Mapped[InteractionKind] = mapped_column(
        _enum(InteractionKind), default=InteractionKind.MEETING
    )
    duration_minutes: Mapped[int] = mapped_column(Integer, default=30)
    summary: Mapped[str] = mapped_column(Text, default="")
    sentiment: Mapped[int] = mapped_column(Integer, default=0)
    # Set by imports (calendar UID and start) so importing the same file twice adds nothing.
    external_id: Mapped[str | None] = mapped_column(String(300), default=None)


class InteractionPerson(Base, kw_only=True):
    __tablename__ = "interaction_people"
    __table_args__ = (Index("ix_interaction_people_person", "person_id"),)
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )


class InteractionMember(Base, kw_only=True):
    __tablename__ = "interaction_team"
    __table_args__ = (Index("ix_interaction_team_member", "member_id"),)
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("team_members.id", ondelete="CASCADE"), primary_key=True
    )


class Win(Base, kw_only=True):
    __tablename__ = "wins"
    __table_args__ = (Index("ix_wins_account", "account_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    won_on: Mapped[dt.date]
    title: Mapped[str] = mapped_column(String(300))
    impact_value: Mapped[float | None] = mapped_column(Float, default=None)
    impact_unit: Mapped[str] = mapped_column(String(80), default="")
    impact_description: Mapped[str] = mapped_column(Text, default="")
    champion_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None
    )


class UsageMetric(Base, kw_only=True):
    __tablename__ = "usage_metrics"
    __table_args__ = (UniqueConstraint("account_id", "name", name="uq_usage_metric"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(60), default="")


class UsagePoint(Base, kw_only=True):
    __tablename__ = "usage_points"
    metric_id: Mapped[int] = mapped_column(
        ForeignKey("usage_metrics.id", ondelete="CASCADE"), primary_key=True
    )
    measured_on: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    value: Mapped[float] = mapped_column(Float)


class Ticket(Base, kw_only=True):
    __tablename__ = "tickets"
    __table_args__ = (Index("ix_tickets_account", "account_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    reference: Mapped[str] = mapped_column(String(80), default="")
    title: Mapped[str] = mapped_column(String(300))
    severity: Mapped[Severity] = mapped_column(_enum(Severity), default=Severity.SEV3)
    status: Mapped[TicketStatus] = mapped_column(_enum(TicketStatus), default=TicketStatus.OPEN)
    opened_on: Mapped[dt.date]
    resolved_on: Mapped[dt.date | None] = mapped_column(Date, default=None)


class Incident(Base, kw_only=True):
    __tablename__ = "incidents"
    __table_args__ = (Index("ix_incidents_account", "account_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    occurred_on: Mapped[dt.date]
    title: Mapped[str] = mapped_column(String(300))
    severity: Mapped[Severity] = mapped_column(_enum(Severity), default=Severity.SEV2)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=0)
    impact_value: Mapped[float | None] = mapped_column(Float, default=None)
    impact_unit: Mapped[str] = mapped_column(String(80), default="")
    business_impact: Mapped[str] = mapped_column(Text, default="")


class RoadmapItem(Base, kw_only=True):
    """An item of our product roadmap, shared by every account."""

    __tablename__ = "roadmap_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[RoadmapStatus] = mapped_column(
        _enum(RoadmapStatus), default=RoadmapStatus.PLANNED
    )
    target_quarter: Mapped[str] = mapped_column(String(16), default="")
    description: Mapped[str] = mapped_column(Text, default="")


class CustomerRequest(Base, kw_only=True):
    __tablename__ = "requests"
    __table_args__ = (Index("ix_requests_account", "account_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    requested_on: Mapped[dt.date]
    # 1 (nice to have) .. 5 (blocking)
    priority: Mapped[int] = mapped_column(Integer, default=3)
    requester_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), default=None
    )
    roadmap_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("roadmap_items.id", ondelete="SET NULL"), default=None
    )
    notes: Mapped[str] = mapped_column(Text, default="")


class Goal(Base, kw_only=True):
    """A goal of the account's success plan."""

    __tablename__ = "goals"
    __table_args__ = (Index("ix_goals_account", "account_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    owner: Mapped[str] = mapped_column(String(200), default="")
    target: Mapped[str] = mapped_column(String(300), default="")
    due_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    status: Mapped[GoalStatus] = mapped_column(_enum(GoalStatus), default=GoalStatus.NOT_STARTED)


class Risk(Base, kw_only=True):
    __tablename__ = "risks"
    __table_args__ = (Index("ix_risks_account", "account_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    level: Mapped[RiskLevel] = mapped_column(_enum(RiskLevel), default=RiskLevel.MEDIUM)
    status: Mapped[RiskStatus] = mapped_column(_enum(RiskStatus), default=RiskStatus.OPEN)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_members.id", ondelete="SET NULL"), default=None
    )
    raised_on: Mapped[dt.date]
    mitigation: Mapped[str] = mapped_column(Text, default="")


class ActionItem(Base, kw_only=True):
    __tablename__ = "action_items"
    __table_args__ = (Index("ix_actions_account", "account_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    uid: Mapped[str] = _uid()
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("team_members.id", ondelete="SET NULL"), default=None
    )
    due_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    status: Mapped[ActionStatus] = mapped_column(_enum(ActionStatus), default=ActionStatus.OPEN)
    created_on: Mapped[dt.date]


class CadenceDefault(Base, kw_only=True):
    """Target contact intervals per deal role, editable per workspace."""

    __tablename__ = "cadence_defaults"
    role: Mapped[DealRole] = mapped_column(_enum(DealRole), primary_key=True)
    ideal_days: Mapped[int] = mapped_column(Integer)
    max_days: Mapped[int] = mapped_column(Integer)


class CardPosition(Base, kw_only=True):
    """Where the user put a card, per account and map view. ``node`` is 'p<id>' or 't<id>'."""

    __tablename__ = "card_positions"
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    view: Mapped[str] = mapped_column(String(32), primary_key=True)
    node: Mapped[str] = mapped_column(String(32), primary_key=True)
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)


class HistoryEntry(Base, kw_only=True):
    """One change to one record (insert, delete) or to one field of it (update): the log the
    history views, as-of reads and the team sync are built on (see graph.changelog).

    ``op`` groups the rows of one transaction; ``hlc`` orders changes across devices
    (graph.hlc); values are JSON (dates as ISO text, enums as their stored value).
    """

    __tablename__ = "history"
    __table_args__ = (
        Index("ix_history_record", "table_name", "record_uid"),
        Index("ix_history_account", "account_id", "at"),
        Index("ix_history_hlc", "hlc", unique=True),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=None)
    op: Mapped[str] = mapped_column(String(32))
    hlc: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    author: Mapped[str] = mapped_column(String(200), default="")
    device: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(300), default="edit")
    table_name: Mapped[str] = mapped_column(String(64))
    record_uid: Mapped[str | None] = mapped_column(String(32), default=None)
    record_key: Mapped[str] = mapped_column(Text)
    account_id: Mapped[int | None] = mapped_column(Integer, default=None)
    action: Mapped[str] = mapped_column(String(8))
    field: Mapped[str | None] = mapped_column(String(64), default=None)
    old_value: Mapped[str | None] = mapped_column(Text, default=None)
    new_value: Mapped[str | None] = mapped_column(Text, default=None)


class TeamConflict(Base, kw_only=True):
    """A conflict of the team sync (graph.team) as this replica last pulled it: the same
    judgement changed on two laptops while apart, or a record removed on one and edited on
    another. ``id`` is the server's number; ``record_key`` the record's global name; each side
    keeps its action, value (global JSON), author, device and time. ``keep`` is a decision made
    here and not yet sent ("first" or "second"), with its stamp, time and author. Not a
    portfolio record: never in the log.
    """

    __tablename__ = "team_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    table_name: Mapped[str] = mapped_column(String(64))
    record_key: Mapped[str] = mapped_column(Text)
    field: Mapped[str | None] = mapped_column(String(64), default=None)
    first_action: Mapped[str] = mapped_column(String(8))
    first_value: Mapped[str | None] = mapped_column(Text, default=None)
    first_author: Mapped[str] = mapped_column(String(200), default="")
    first_device: Mapped[str] = mapped_column(String(32), default="")
    first_at: Mapped[dt.datetime] = mapped_column(DateTime)
    second_action: Mapped[str] = mapped_column(String(8))
    second_value: Mapped[str | None] = mapped_column(Text, default=None)
    second_author: Mapped[str] = mapped_column(String(200), default="")
    second_device: Mapped[str] = mapped_column(String(32), default="")
    second_at: Mapped[dt.datetime] = mapped_column(DateTime)
    keep: Mapped[str | None] = mapped_column(String(8), default=None)
    decided_hlc: Mapped[str | None] = mapped_column(String(80), default=None)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    decided_by: Mapped[str] = mapped_column(String(200), default="")


RECORD_TYPES: tuple[type[Base], ...] = (
    Account,
    Person,
    AttitudeChange,
    TeamMember,
    Relationship,
    Coverage,
    AccountTeam,
    Interaction,
    InteractionPerson,
    InteractionMember,
    Win,
    UsageMetric,
    UsagePoint,
    Ticket,
    Incident,
    RoadmapItem,
    CustomerRequest,
    Goal,
    Risk,
    ActionItem,
    CadenceDefault,
    CardPosition,
)
