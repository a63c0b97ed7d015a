"""The words of the domain: every closed list of values a field can take.

Each enum's value is what the workspace file stores, so values never change once released;
labels are what people read.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @classmethod
    def parse(cls, text: str) -> LabelledEnum:
        """Accept a value or a label, any case, with spaces, dashes or underscores."""
        key = text.strip().lower().replace("-", "_").replace(" ", "_").replace("/", "_")
        for member in cls:
            if key in (member.value, member.label.lower().replace(" ", "_")):
                return member
        raise ValueError(f"{text!r} is not one of: {', '.join(m.label for m in cls)}")


class Phase(LabelledEnum):
    PROOF_OF_CONCEPT = "proof_of_concept"
    ONBOARDING = "onboarding"
    ADOPTION = "adoption"
    STEADY_STATE = "steady_state"
    RENEWAL = "renewal"
    AT_RISK = "at_risk"


class Health(LabelledEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NOT_ENOUGH_DATA = "not_enough_data"  # computed only: too little known to score the account


class Level(LabelledEnum):
    EXECUTIVE = "executive"
    MANAGEMENT = "management"
    OPERATIONS = "operations"


class DealRole(LabelledEnum):
    ECONOMIC_BUYER = "economic_buyer"
    CHAMPION = "champion"
    TECHNICAL_BUYER = "technical_buyer"
    PRIMARY_USER = "primary_user"
    SECONDARY_USER = "secondary_user"
    COACH = "coach"
    INFLUENCER = "influencer"
    BLOCKER = "blocker"
    OPERATIONS_OWNER = "operations_owner"
    OTHER = "other"


class Channel(LabelledEnum):
    EMAIL = "email"
    CHAT = "chat"
    MEETING = "meeting"
    PHONE = "phone"


class PersonStatus(LabelledEnum):
    ACTIVE = "active"
    LEFT = "left"
    ON_LEAVE = "on_leave"


class TeamRole(LabelledEnum):
    TAM = "tam"
    ACCOUNT_EXECUTIVE = "account_executive"
    SOLUTION_ENGINEER = "solution_engineer"
    CUSTOMER_SUCCESS_MANAGER = "customer_success_manager"
    PROFESSIONAL_SERVICES = "professional_services"
    SUPPORT = "support"
    EXECUTIVE_SPONSOR = "executive_sponsor"

    @property
    def label(self) -> str:
        return "TAM" if self is TeamRole.TAM else super().label


class RelationKind(LabelledEnum):
    """Links between two customer people. Ally and conflict are undirected."""

    REPORTS_TO = "reports_to"
    INFLUENCES = "influences"
    ALLY = "ally"
    CONFLICT = "conflict"

    @property
    def directed(self) -> bool:
        return self in (RelationKind.REPORTS_TO, RelationKind.INFLUENCES)


class CoverageKind(LabelledEnum):
    """How a member of our team relates to a customer person."""

    OWNS = "owns"
    KNOWS = "knows"


class RelationshipLevel(LabelledEnum):
    """How the customer person sees our team member, from stranger to trusted advisor."""

    NONE = "none"
    VENDOR = "vendor"
    CREDIBLE_SOURCE = "credible_source"
    PROBLEM_SOLVER = "problem_solver"
    TRUSTED_ADVISOR = "trusted_advisor"

    @property
    def rank(self) -> int:
        return list(RelationshipLevel).index(self)


class InteractionKind(LabelledEnum):
    MEETING = "meeting"
    CALL = "call"
    EMAIL = "email"
    CHAT = "chat"
    QBR = "qbr"
    ONSITE = "onsite"
    TRAINING = "training"
    KICKOFF = "kickoff"

    @property
    def label(self) -> str:
        return "QBR" if self is InteractionKind.QBR else super().label


class Severity(LabelledEnum):
    SEV1 = "sev1"
    SEV2 = "sev2"
    SEV3 = "sev3"
    SEV4 = "sev4"

    @property
    def label(self) -> str:
        return self.value.upper()


class TicketStatus(LabelledEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


class RoadmapStatus(LabelledEnum):
    SHIPPED = "shipped"
    IN_PROGRESS = "in_progress"
    PLANNED = "planned"
    NOT_PLANNED = "not_planned"


class GoalStatus(LabelledEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    DONE = "done"


class RiskLevel(LabelledEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class RiskStatus(LabelledEnum):
    OPEN = "open"
    MITIGATED = "mitigated"
    CLOSED = "closed"


class ActionStatus(LabelledEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"
