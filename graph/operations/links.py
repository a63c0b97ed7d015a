"""Links between cards: relationships among the customer's people, our team's coverage of them,
and who reports to whom."""

from __future__ import annotations

from graph import schema as s
from graph.errors import ValidationError
from graph.nodes import parse_node
from graph.operations.core import Journal, OpResult, retitled, write
from graph.validation import validate
from graph.vocabulary import CoverageKind, RelationKind
from graph.workspace import Workspace

COVERAGE_KINDS = frozenset(k.value for k in CoverageKind)


def _replace_manager(journal: Journal, person_id: int, manager_id: int | None) -> None:
    ws = journal.ws
    for line in ws.find(s.Relationship, kind=RelationKind.REPORTS_TO, source_id=person_id):
        if line.target_id == manager_id:
            return
        journal.remove(s.Relationship, line.id)
    if manager_id is not None:
        person = ws.get(s.Person, person_id)
        journal.add(
            s.Relationship(
                account_id=person.account_id,
                kind=RelationKind.REPORTS_TO,
                source_id=person_id,
                target_id=manager_id,
            )
        )


def set_manager(ws: Workspace, person_id: int, manager_id: int | None) -> OpResult:
    """Make a person report to ``manager_id`` (or to nobody), replacing any old line.
    A reporting cycle is refused (ValidationError) and nothing changes."""

    def body(journal: Journal) -> str:
        name = ws.get(s.Person, person_id).name
        _replace_manager(journal, person_id, manager_id)
        return name

    result, name = write(ws, "Change manager", body)
    return retitled(result, f"Change manager of {name}")


def link(
    ws: Workspace, account_id: int, source: str, target: str, kind: str, strength: int = 2
) -> OpResult:
    """Link two cards (node keys ``p<id>``/``t<id>``) with ``kind``: a relationship between
    two people, or our team's coverage of a person (owns/knows, updating an existing one)."""
    (source_kind, source_id), (_, target_id) = parse_node(source), parse_node(target)
    if kind in COVERAGE_KINDS:
        member, person = (
            (source_id, target_id) if source_kind == "member" else (target_id, source_id)
        )
        coverage = CoverageKind(kind)

        def cover(journal: Journal) -> None:
            existing = ws.find(s.Coverage, member_id=member, person_id=person)
            if existing:
                journal.update(s.Coverage, existing[0].id, kind=coverage)
            else:
                journal.add(s.Coverage(member_id=member, person_id=person, kind=coverage))

        result, _ = write(ws, f"Link: {kind}", cover)
        return result
    relation = RelationKind(RelationKind.parse(kind))
    if source_kind != "person" or parse_node(target)[0] != "person":
        raise ValidationError(f"only two people can be linked by '{relation.label}'", field="kind")
    record = s.Relationship(
        account_id=account_id,
        kind=relation,
        source_id=source_id,
        target_id=target_id,
        strength=strength if relation is RelationKind.INFLUENCES else 1,
    )
    validate(record)

    def relate(journal: Journal) -> None:
        if relation is RelationKind.REPORTS_TO:
            for line in ws.find(s.Relationship, kind=relation, source_id=source_id):
                journal.remove(s.Relationship, line.id)
        journal.add(record)

    result, _ = write(ws, f"Add relationship: {relation.label.lower()}", relate)
    return result


def unlink(ws: Workspace, cls: type[s.Relationship] | type[s.Coverage], key: int) -> OpResult:
    """Remove one relationship or one coverage link."""
    title = "Delete relationship" if cls is s.Relationship else "Delete coverage link"
    result, _ = write(ws, title, lambda j: j.remove(cls, key))
    return result
