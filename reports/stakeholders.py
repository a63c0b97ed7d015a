"""Stakeholders for a quarter: who was engaged, who joined or left, whose attitude moved.

A person *is on the account* at a date when they had joined by then (or no join date is known)
and had not left (a person marked as left with no date counts as gone). Someone is *engaged* in a
quarter when they attended at least one logged interaction in it. Attitude at a date is rebuilt
from the attitude history: the old value of the first change after that date, else the person's
attitude as of the QBR's day (the people come from the account's snapshot as of that day, with
the attitude changes up to it). Contacts are read up to the end of that day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, String, func, select, type_coerce

from graph import schema as s
from graph.as_of_deleted import DeletedSince
from graph.labels import ATTITUDE_LABELS, ATTITUDES
from graph.queries import end_of_day
from graph.snapshot import PersonState
from graph.vocabulary import Level, PersonStatus
from reports.model import ChangeType, LevelEngagement, PeopleChange, PeopleSection, StakeholderRow
from reports.quarter import Quarter, quarter_index_of


@dataclass(frozen=True)
class Contacts:
    """Who attended what: (person id, interaction id, time) in the window, and last contacts."""

    attendance: tuple[tuple[int, int, dt.datetime], ...]
    interactions: tuple[tuple[int, dt.datetime], ...]
    last_contact: Mapping[int, dt.date]


def read_contacts(
    engine: Engine,
    account_id: int,
    window: Sequence[Quarter],
    as_of: dt.date | None = None,
    deleted: DeletedSince | None = None,
    last_contact: Mapping[int, dt.datetime] | None = None,
) -> Contacts:
    """Contacts in ``window``, up to the end of ``as_of`` when it comes first; ``deleted``:
    interactions and attendances deleted since ``as_of`` (graph.as_of_deleted) count too.
    ``last_contact``: each person's last contact up to the end of ``as_of``, deleted ones
    included, when the caller has it (the account's snapshot of that day counts the same)."""
    start, end = window[0].start_datetime, window[-1].end_datetime
    if as_of is not None:
        end = min(end, end_of_day(as_of))
    i, ip = s.Interaction, s.InteractionPerson
    in_account = i.account_id == account_id
    # Tens of thousands of rows for a big account: the stored text is read as it is and parsed
    # by datetime.fromisoformat, a tenth of the cost of SQLAlchemy's per-row conversion.
    occurred = type_coerce(i.occurred_at, String)
    with engine.connect() as conn:
        attendance = conn.execute(
            select(ip.person_id, i.id, occurred)
            .join(i, i.id == ip.interaction_id)
            .where(in_account, i.occurred_at >= start, i.occurred_at < end)
        ).all()
        interactions = conn.execute(
            select(i.id, occurred).where(in_account, i.occurred_at >= start, i.occurred_at < end)
        ).all()
        last = (
            conn.execute(
                select(ip.person_id, func.max(i.occurred_at))
                .join(i, i.id == ip.interaction_id)
                .where(in_account, i.occurred_at < end)
                .group_by(ip.person_id)
            ).all()
            if last_contact is None
            else []
        )
        removed = deleted.attendance(conn, account_id) if deleted else []
    when = dt.datetime.fromisoformat
    latest = dict(last_contact) if last_contact is not None else {p: t for p, t in last}
    attended = [(p, n, when(t)) for p, n, t in attendance]
    for p, n, t, _ in removed:
        if last_contact is None:
            latest[p] = max(t, latest.get(p, t))
        if start <= t < end:
            attended.append((p, n, t))
    held = [(n, when(t)) for n, t in interactions]
    if deleted:
        held += [
            (i["id"], i["occurred_at"])
            for i in deleted.of("interactions", account_id)
            if start <= i["occurred_at"] < end
        ]
    return Contacts(
        tuple(sorted(attended, key=lambda a: (a[1], a[0]))) if removed else tuple(attended),
        tuple(sorted(held)) if deleted else tuple(held),
        {p: t.date() for p, t in latest.items()},
    )


def on_account(person: PersonState, day: dt.date) -> bool:
    if person.joined_on is not None and person.joined_on > day:
        return False
    if person.left_on is not None:
        return person.left_on > day
    return person.status is not PersonStatus.LEFT


def attitude_on(person: PersonState, changes: Sequence[s.AttitudeChange], day: dt.date) -> int:
    """``changes`` are this person's, oldest first."""
    for change in changes:
        if change.changed_on > day:
            return change.old_attitude
    return person.attitude


def _distribution(
    people: Iterable[PersonState], history: Mapping[int, Sequence[s.AttitudeChange]], day: dt.date
) -> tuple[int, ...]:
    counts = Counter(
        attitude_on(p, history.get(p.id, ()), day) for p in people if on_account(p, day)
    )
    return tuple(counts[a] for a in ATTITUDES)


def _signed(value: int) -> str:
    return f"{value:+d}" if value else "0"


def _changes(
    people: Sequence[PersonState],
    history: Mapping[int, Sequence[s.AttitudeChange]],
    quarter: Quarter,
) -> list[PeopleChange]:
    found: list[PeopleChange] = []
    before = quarter.previous.end
    for p in people:
        if p.joined_on is not None and p.joined_on in quarter:
            found.append(PeopleChange(p.id, p.name, ChangeType.JOINED, p.joined_on, p.title))
        if p.left_on is not None and p.left_on in quarter:
            found.append(PeopleChange(p.id, p.name, ChangeType.LEFT, p.left_on, p.title))
        if not on_account(p, before) or not (on_account(p, quarter.end) or p.left_on in quarter):
            continue
        mine = history.get(p.id, ())
        old, new = attitude_on(p, mine, before), attitude_on(p, mine, quarter.end)
        if old != new:
            moved = [c.changed_on for c in mine if c.changed_on in quarter]
            detail = (
                f"{ATTITUDE_LABELS[old]} ({_signed(old)}) → {ATTITUDE_LABELS[new]} ({_signed(new)})"
            )
            found.append(
                PeopleChange(
                    p.id,
                    p.name,
                    ChangeType.ATTITUDE,
                    max(moved) if moved else None,
                    detail,
                    old,
                    new,
                )
            )
    found.sort(key=lambda c: (c.on or quarter.end, c.name))
    return found


def people_section(
    people: Sequence[PersonState],
    attitude_changes: Iterable[s.AttitudeChange],
    owners: Mapping[int, str],
    contacts: Contacts,
    quarter: Quarter,
    window: Sequence[Quarter],
) -> PeopleSection:
    history: dict[int, list[s.AttitudeChange]] = defaultdict(list)
    for change in sorted(attitude_changes, key=lambda c: (c.changed_on, c.id)):
        history[change.person_id].append(change)
    level_of = {p.id: p.level for p in people}

    # quarters by their position in the window (an int hashes faster than a Quarter)
    seen: list[dict[Level, set[int]]] = [defaultdict(set) for _q in window]
    per_person: Counter[int] = Counter()
    in_window = quarter_index_of(window)
    current = window.index(quarter) if quarter in window else None
    for person_id, _interaction, at in contacts.attendance:
        qi = in_window(at)
        if qi is None or person_id not in level_of:
            continue
        seen[qi][level_of[person_id]].add(person_id)
        if qi == current:
            per_person[person_id] += 1
    interactions = Counter(in_window(at) for _, at in contacts.interactions)
    engagement = tuple(
        LevelEngagement(
            q,
            len(seen[qi][Level.EXECUTIVE]),
            len(seen[qi][Level.MANAGEMENT]),
            len(seen[qi][Level.OPERATIONS]),
            interactions[qi],
        )
        for qi, q in enumerate(window)
    )
    present = [p for p in people if on_account(p, quarter.end) or on_account(p, quarter.start)]
    rank = {level: i for i, level in enumerate(Level)}
    stakeholders = tuple(
        StakeholderRow(
            person_id=p.id,
            name=p.name,
            title=p.title,
            department=p.department,
            level=p.level,
            role=p.role,
            influence=p.influence,
            attitude=attitude_on(p, history.get(p.id, ()), quarter.end),
            interest=p.interest,
            status=p.status,
            owner=owners.get(p.id, ""),
            interactions=per_person[p.id],
            last_contact=contacts.last_contact.get(p.id),
        )
        for p in sorted(present, key=lambda p: (rank[p.level], -p.influence, p.name))
    )
    return PeopleSection(
        stakeholders=stakeholders,
        changes=tuple(_changes(people, history, quarter)),
        engagement=engagement,
        attitude_now=_distribution(people, history, quarter.end),
        attitude_before=_distribution(people, history, quarter.previous.end),
    )
