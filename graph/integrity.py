"""Rules that span records: same-account links, one manager each, no reporting cycles."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from graph import schema as s
from graph.errors import ValidationError
from graph.vocabulary import RelationKind


def _person(session: Session, person_id: int | None, what: str, field: str) -> s.Person:
    person = session.get(s.Person, person_id) if person_id is not None else None
    if person is None:
        raise ValidationError(f"{what} {person_id} does not exist", field=field)
    return person


def _same_account(person: s.Person, account_id: int, field: str) -> None:
    if person.account_id != account_id:
        raise ValidationError(
            f"{person.name} belongs to another account", field=field, record="Link"
        )


def _manager_of(session: Session, person_id: int) -> int | None:
    return session.scalar(
        select(s.Relationship.target_id).where(
            s.Relationship.kind == RelationKind.REPORTS_TO, s.Relationship.source_id == person_id
        )
    )


def _check_relationship(session: Session, r: s.Relationship) -> None:
    source = _person(session, r.source_id, "Person", "source_id")
    target = _person(session, r.target_id, "Person", "target_id")
    if source.account_id != target.account_id:
        raise ValidationError(
            f"{source.name} and {target.name} belong to different accounts; "
            "people can only be linked within one account",
            field="target_id",
            record="Relationship",
        )
    r.account_id = source.account_id
    normalise_relationship(r)
    duplicate = session.scalar(
        select(s.Relationship.id).where(
            s.Relationship.kind == r.kind,
            s.Relationship.source_id == r.source_id,
            s.Relationship.target_id == r.target_id,
            s.Relationship.id != (r.id or -1),
        )
    )
    if duplicate is not None:
        raise ValidationError(
            f"{source.name} and {target.name} are already linked by '{r.kind.label}'",
            field="kind",
            record="Relationship",
        )
    if r.kind is RelationKind.REPORTS_TO:
        _check_reports_to(session, r, source, target)


def _check_reports_to(
    session: Session, r: s.Relationship, source: s.Person, target: s.Person
) -> None:
    current = session.scalar(
        select(s.Relationship.target_id).where(
            s.Relationship.kind == RelationKind.REPORTS_TO,
            s.Relationship.source_id == r.source_id,
            s.Relationship.id != (r.id or -1),
        )
    )
    if current is not None:
        manager = session.get(s.Person, current)
        raise ValidationError(
            f"{source.name} already reports to {manager.name if manager else current}; "
            "a person has at most one manager",
            field="target_id",
            record="Relationship",
        )
    chain = [source.name, target.name]
    seen = {r.source_id}
    step: int | None = r.target_id
    while step is not None:
        if step in seen:
            raise ValidationError(
                "that would make a reporting cycle: " + " → ".join(chain),
                field="target_id",
                record="Relationship",
            )
        seen.add(step)
        step = _manager_of(session, step)
        if step is not None:
            person = session.get(s.Person, step)
            chain.append(person.name if person else str(step))


def _check_attendance(session: Session, r: s.InteractionPerson) -> None:
    interaction = session.get(s.Interaction, r.interaction_id)
    if interaction is None:
        raise ValidationError(f"interaction {r.interaction_id} does not exist", field="interaction")
    person = _person(session, r.person_id, "Person", "person_id")
    _same_account(person, interaction.account_id, "person_id")


def _check_member(session: Session, member_id: int | None, field: str) -> None:
    if member_id is not None and session.get(s.TeamMember, member_id) is None:
        raise ValidationError(f"team member {member_id} does not exist", field=field)


def _check_optional_person(session: Session, record: Any, field: str) -> None:
    person_id = getattr(record, field)
    if person_id is not None:
        _same_account(_person(session, person_id, "Person", field), record.account_id, field)


def _check_account(session: Session, record: Any) -> None:
    if session.get(s.Account, record.account_id) is None:
        raise ValidationError(f"account {record.account_id} does not exist", field="account_id")


def _check_account_name(session: Session, account: s.Account) -> None:
    account.name = account.name.strip()
    clash = session.scalar(
        select(s.Account.id).where(
            s.Account.name == account.name, s.Account.id != (account.id or -1)
        )
    )
    if clash is not None:
        raise ValidationError(
            f"an account named {account.name!r} already exists", field="name", record="Account"
        )


def normalise_relationship(r: s.Relationship) -> None:
    """Undirected kinds are stored with source < target; only influence has a strength."""
    if not r.kind.directed and r.source_id > r.target_id:
        r.source_id, r.target_id = r.target_id, r.source_id
    if r.kind is not RelationKind.INFLUENCES:
        r.strength = 1


def check(session: Session, record: s.Base) -> None:
    """Check ``record`` against the rest of the workspace, normalising where the rule allows."""
    if isinstance(record, s.Account):
        _check_account_name(session, record)
    if hasattr(record, "account_id") and not isinstance(record, s.Relationship):
        _check_account(session, record)
    if isinstance(record, s.Relationship):
        _check_relationship(session, record)
    elif isinstance(record, s.InteractionPerson):
        _check_attendance(session, record)
    elif isinstance(record, s.InteractionMember):
        _check_member(session, record.member_id, "member_id")
    elif isinstance(record, s.Coverage):
        _person(session, record.person_id, "Person", "person_id")
        _check_member(session, record.member_id, "member_id")
    elif isinstance(record, s.Win):
        _check_optional_person(session, record, "champion_id")
    elif isinstance(record, s.CustomerRequest):
        _check_optional_person(session, record, "requester_id")
        if (
            record.roadmap_item_id is not None
            and session.get(s.RoadmapItem, record.roadmap_item_id) is None
        ):
            raise ValidationError(
                f"roadmap item {record.roadmap_item_id} does not exist", field="roadmap_item_id"
            )
    elif isinstance(record, s.Risk | s.ActionItem):
        _check_member(session, record.owner_id, "owner_id")
    elif isinstance(record, s.UsagePoint) and session.get(s.UsageMetric, record.metric_id) is None:
        raise ValidationError(f"usage metric {record.metric_id} does not exist", field="metric_id")
