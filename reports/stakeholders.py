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

from sqlalchemy import Engine, func, select

from graph import schema as s
from graph.as_of_deleted import DeletedSince
from graph.contact_window import stored_time
from graph.labels import ATTITUDE_LABELS, ATTITUDES
from graph.queries import ContactSpans, end_of_day
from graph.snapshot import PersonState
from graph.vocabulary import Level, PersonStatus
from reports.model import ChangeType, LevelEngagement, PeopleChange, PeopleSection, StakeholderRow
from reports.quarter import Quarter, quarter_index_of


@dataclass(frozen=True)
class Contacts:
    """Who attended what in the window, counted per quarter (by its position in the window),
    and last contacts."""

    attended: Mapping[tuple[int, int], int]  # (person id, quarter) -> interactions attended
    held: Mapping[int, int]  # quarter -> interactions held
    last_contact: Mapping[int, dt.date]


def read_contacts(
    engine: Engine,
    account_id: int,
    window: Sequence[Quarter],
    as_of: dt.date | None = None,
    deleted: DeletedSince | None = None,
    last_contact: Mapping[int, dt.datetime] | None = None,
    spans: ContactSpans | None = None,
) -> Contacts:
    """Contacts in ``window``, up to the end of ``as_of`` when it comes first; ``deleted``:
    interactions and attendances deleted since ``as_of`` (graph.as_of_deleted) count too.
    ``last_contact``: each person's last contact up to the end of ``as_of``, deleted ones
    included, when the caller has it (the account's snapshot of that day counts the same).
    ``spans``: the account's contacts cut at the window's quarters (the snapshot's, read with
    ``contact_cuts``), when the caller has them: the attendances are not read again."""
    start, end = window[0].start_datetime, window[-1].end_datetime
    if as_of is not None:
        end = min(end, end_of_day(as_of))
    counted = _attended_in(spans, window, end) if spans is not None else None
    # Tens of thousands of attendances for a big account: SQLite counts them per person and
    # quarter, comparing the stored times as text (graph.contact_window.stored_time).
    cuts = [stored_time(q.start_datetime) for q in window[1:]]
    quarter = "CASE " + " ".join(f"WHEN i.occurred_at < ? THEN {n}" for n in range(len(cuts)))
    quarter += f" ELSE {len(cuts)} END"
    bounds = (stored_time(start), stored_time(end))
    in_account = f"i.account_id = {int(account_id)} AND i.occurred_at >= ? AND i.occurred_at < ?"
    i, ip = s.Interaction, s.InteractionPerson
    with engine.connect() as conn:
        attendance = (
            conn.exec_driver_sql(
                f"SELECT ip.person_id, {quarter} AS quarter, count(*) "
                "FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id "
                f"WHERE {in_account} GROUP BY ip.person_id, quarter",
                (*cuts, *bounds),
            ).all()
            if counted is None
            else []
        )
        interactions = conn.exec_driver_sql(
            f"SELECT {quarter} AS quarter, count(*) FROM interactions i "
            f"WHERE {in_account} GROUP BY quarter",
            (*cuts, *bounds),
        ).all()
        last = (
            conn.execute(
                select(ip.person_id, func.max(i.occurred_at))
                .join(i, i.id == ip.interaction_id)
                .where(i.account_id == account_id, i.occurred_at < end)
                .group_by(ip.person_id)
            ).all()
            if last_contact is None
            else []
        )
        removed = deleted.attendance(conn, account_id) if deleted else []
    latest = dict(last_contact) if last_contact is not None else {p: t for p, t in last}
    attended = counted if counted is not None else Counter({(p, q): n for p, q, n in attendance})
    held: Counter[int] = Counter({q: n for q, n in interactions})
    in_window = quarter_index_of(window)
    for p, _, t, _ in removed:
        if last_contact is None:
            latest[p] = max(t, latest.get(p, t))
        if start <= t < end and (q := in_window(t)) is not None:
            attended[p, q] += 1
    if deleted:
        for record in deleted.of("interactions", account_id):
            at = record["occurred_at"]
            if start <= at < end and (q := in_window(at)) is not None:
                held[q] += 1
    return Contacts(attended, held, {p: t.date() for p, t in latest.items()})


def _attended_in(
    spans: ContactSpans, window: Sequence[Quarter], end: dt.datetime
) -> Counter[tuple[int, int]] | None:
    """Each person's interactions per quarter of ``window`` up to ``end``, from ``spans``
    (None: they were not cut at the window's quarters)."""
    attended: Counter[tuple[int, int]] = Counter()
    for n, q in enumerate(window):
        upto = min(q.end_datetime, end)
        if q.start_datetime >= upto:
            continue  # after the end: nothing counted
        counts = spans.attended(q.start_datetime, upto)
        if counts is None:
            return None
        attended.update({(person, n): c for person, c in counts.items()})
    return attended


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
    current = window.index(quarter) if quarter in window else None
    for (person_id, qi), attended in contacts.attended.items():
        if person_id not in level_of:
            continue
        seen[qi][level_of[person_id]].add(person_id)
        if qi == current:
            per_person[person_id] += attended
    interactions = contacts.held
    engagement = tuple(
        LevelEngagement(
            q,
            len(seen[qi][Level.EXECUTIVE]),
            len(seen[qi][Level.MANAGEMENT]),
            len(seen[qi][Level.OPERATIONS]),
            interactions.get(qi, 0),
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
