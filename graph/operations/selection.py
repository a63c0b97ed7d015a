"""Deleting what is selected, with one meaning wherever the selection was made (the map, the
people table, Edit > Delete): people go with their links and attendances, links go alone, and a
team member selected on an account's map leaves that account (their coverage of its people and
their assignment to it); they stay in the portfolio's team."""

from __future__ import annotations

from collections.abc import Sequence

from graph import schema as s
from graph.errors import NotFoundError
from graph.operations.core import Journal, OpResult, retitled, write
from graph.workspace import Workspace

_PREFIXES = "ptrc"


def _ids(keys: Sequence[str], prefix: str) -> set[int]:
    return {int(k[1:]) for k in keys if k[:1] == prefix and k[1:].isdigit()}


def delete_selection(ws: Workspace, account_id: int, keys: Sequence[str]) -> OpResult:
    """Delete the selected items of one account (keys ``p<id>``, ``t<id>``, ``r<id>``,
    ``c<id>``); one step, and its inverse brings everything back with the same ids.
    Raises NotFoundError when nothing selected can be deleted."""
    people, members = _ids(keys, "p"), _ids(keys, "t")
    relationships, coverage = _ids(keys, "r"), _ids(keys, "c")

    def body(journal: Journal) -> int:
        mine = {p.id for p in ws.people(account_id)}
        gone_people = people & mine
        links = [
            r.id
            for r in ws.relationships(account_id)
            if r.id in relationships and not {r.source_id, r.target_id} & gone_people
        ]
        covered = [
            c.id
            for c in ws.coverage(account_id)
            if (c.id in coverage or c.member_id in members) and c.person_id not in gone_people
        ]
        assigned = [
            (account_id, m)
            for m in sorted(members)
            if ws.find(s.AccountTeam, account_id=account_id, member_id=m)
        ]
        for link_id in links:
            journal.remove(s.Relationship, link_id)
        for coverage_id in covered:
            journal.remove(s.Coverage, coverage_id)
        for key in assigned:
            journal.remove(s.AccountTeam, key)
        for person_id in sorted(gone_people):
            journal.remove(s.Person, person_id)
        count = len(links) + len(covered) + len(assigned) + len(gone_people)
        if not count:
            raise NotFoundError("nothing selected can be deleted")
        return count

    result, count = write(ws, "Delete", body)
    return retitled(result, "Delete 1 item" if count == 1 else f"Delete {count} items")
