"""Content the deck and the workbook share: ``with_briefing(ws, qbr)`` adds it to a QBR.

- Agenda: the sections this QBR has something to say in, in the order the deck presents them.
- Attendees: our account team, and the customer's people who matter most (``key_people``).
- Objectives: the customer's success-plan goals still to reach, each with its target.
- Health trend: the account's health at the end of each quarter of the history window (today
  for a quarter not over), with the same rules as the QBR's own health.
- Since the last QBR: from the dates already stored. The last QBR is the latest interaction of
  kind QBR logged up to the quarter's end; with none, the quarter's start. Actions *completed*
  are done and were created or due in that span (no completion date is stored); *still open*
  were created before it and are open now; *new* were created in it. Risks by ``raised_on``,
  people by ``joined_on``/``left_on``, attitude moves by ``AttitudeChange.changed_on``, tickets
  by ``opened_on``/``resolved_on``, wins by ``won_on``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from sqlalchemy import select

from graph import schema as s
from graph.snapshot import AccountSnapshot, TeamMemberState, read_account_days
from graph.vocabulary import ActionStatus, InteractionKind, Level, PersonStatus
from graph.workspace import Workspace
from reports.key_people import key_people
from reports.model import (
    AccountFacts,
    ActionRow,
    Attendee,
    Briefing,
    ChangeType,
    HealthPoint,
    PeopleChange,
    Qbr,
    RiskRow,
    SinceLastQbr,
)
from reports.quarter import Quarter

THEIR_ATTENDEES = 6
_LIVE = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def with_briefing(
    ws: Workspace, qbr: Qbr, snapshots: Mapping[dt.date, AccountSnapshot] | None = None
) -> Qbr:
    """``qbr`` with its ``briefing`` filled in (a new frozen value). ``snapshots``: the account
    as of the ``trend_days``, when the caller read them (``graph.snapshot.read_account_days``)."""
    return dataclasses.replace(qbr, briefing=assemble_briefing(ws, qbr, snapshots))


def trend_days(quarters: Sequence[Quarter], today: dt.date) -> tuple[dt.date, ...]:
    """The days the health trend reads the account as of: each quarter's last day (today for
    a quarter not over)."""
    return tuple(min(q.end, today) for q in quarters)


def assemble_briefing(
    ws: Workspace, qbr: Qbr, snapshots: Mapping[dt.date, AccountSnapshot] | None = None
) -> Briefing:
    account = qbr.account
    day = (snapshots or {}).get(_until(qbr))
    # our team as the snapshot of the QBR's day read it (as ws.team does), else read now
    team: Sequence[s.TeamMember | TeamMemberState] = (
        day.team if day is not None else ws.team(account.id)
    )
    everyone = ws.team()  # owners of risks and actions may sit outside the account team
    people = stored_people(ws, account.id)
    ours = tuple(Attendee(m.name, m.role.label, "ours") for m in team)
    active = [p for p in qbr.people.stakeholders if p.status is PersonStatus.ACTIVE]
    theirs = tuple(
        Attendee(p.name, p.title or p.level.label, "customer")
        for p in key_people(active, THEIR_ATTENDEES)
    )
    objectives = tuple(
        f"{g.title}: {g.target}" if g.target else g.title
        for g in qbr.goals
        if g.status.value != "done"
    )
    return Briefing(
        agenda=agenda(qbr),
        ours=ours,
        theirs=theirs,
        objectives=objectives,
        health_trend=_health_trend(ws, account, qbr, snapshots),
        since_last=since_last_qbr(ws, qbr, everyone, people),
        roles=_roles(people, everyone),
        # wins up to the QBR's day, as everywhere in it (and the same read as the QBR's)
        impact_by_quarter=impact_by_quarter(
            ws.find(s.Win, s.Win.won_on <= _until(qbr), account_id=account.id), qbr
        ),
    )


def impact_by_quarter(
    wins: Sequence[s.Win], qbr: Qbr
) -> tuple[tuple[str, tuple[float | None, ...]], ...]:
    """Each unit's impact per quarter of the window (None: no win in that unit then)."""
    totals: dict[str, list[float | None]] = {}
    for w in wins:
        if w.impact_value is None:
            continue
        for i, q in enumerate(qbr.quarters):
            if w.won_on in q:
                row = totals.setdefault(w.impact_unit.strip(), [None] * len(qbr.quarters))
                row[i] = (row[i] or 0.0) + w.impact_value

    # the units of this quarter first, then by how many quarters use them
    def order(unit: str) -> tuple[bool, int, str]:
        row = totals[unit]
        return (row[-1] is None, -sum(v is not None for v in row), unit)

    return tuple((unit, tuple(totals[unit])) for unit in sorted(totals, key=order))


def agenda(qbr: Qbr) -> tuple[str, ...]:
    items = ["Welcome and introductions", "Executive summary", "What changed since our last QBR"]
    if qbr.wins.this_quarter or qbr.usage.metrics:
        items.append("Value delivered: wins, usage and adoption")
    if qbr.support.tickets or qbr.support.incidents:
        items.append("Support and incidents")
    if qbr.roadmap.requests:
        items.append("Roadmap fit: your requests on our roadmap")
    items.append("Success plan")
    items.append(f"Plan for {qbr.quarter.next.title}, owners and asks")
    return tuple(items)


def _health_trend(
    ws: Workspace,
    account: AccountFacts,
    qbr: Qbr,
    snapshots: Mapping[dt.date, AccountSnapshot] | None,
) -> tuple[HealthPoint, ...]:
    # Each quarter as it stood on its last day (graph.snapshot), not as seen today; the past
    # quarters read in one pass over the account.
    days = trend_days(qbr.quarters, qbr.generated_on)
    past = [day for q, day in zip(qbr.quarters, days, strict=True) if q != qbr.quarter]
    known = dict(snapshots or {})
    missing = [day for day in past if day not in known]
    if missing:
        known |= read_account_days(ws, account.id, missing)
    points: list[HealthPoint] = []
    for q, day in zip(qbr.quarters, days, strict=True):
        if q == qbr.quarter:
            points.append(HealthPoint(q, qbr.summary.health.health, qbr.summary.health.score))
        else:  # the health alone: the trend shows nothing else of those days
            health = known[day].health
            points.append(HealthPoint(q, health.health, health.health_score))
    return tuple(points)


def last_qbr_on(ws: Workspace, account_id: int, until: dt.date) -> dt.date | None:
    """The day of the latest QBR logged up to ``until``, if any."""
    i = s.Interaction
    # Newest first along the account's (account, time) index, stopping at the first QBR: a
    # big account's tens of thousands of contacts are not all read to find it.
    latest = (
        select(i.occurred_at)
        .where(
            i.account_id == account_id,
            i.kind == InteractionKind.QBR,
            i.occurred_at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()),
        )
        .order_by(i.occurred_at.desc())
        .limit(1)
    )
    with ws.reader.connect() as conn:
        found = conn.execute(latest).scalar()
    return found.date() if found is not None else None


def since_last_qbr(
    ws: Workspace,
    qbr: Qbr,
    team: Sequence[s.TeamMember],
    people: Sequence[StoredPerson] | None = None,
) -> SinceLastQbr:
    """``people``: the account's ``stored_people``, when the caller read them."""
    account_id = qbr.account.id
    until = min(qbr.quarter.end, qbr.generated_on)
    last = last_qbr_on(ws, account_id, until)
    # A QBR on the last day leaves nothing to report: look back to the one before.
    if last is not None and last >= until:
        last = last_qbr_on(ws, account_id, until - dt.timedelta(days=1))
    since = last if last is not None else qbr.quarter.start
    label = f"the QBR of {last:%d %b %Y}" if last else f"the start of {qbr.quarter.title}"

    def within(day: dt.date | None) -> bool:
        return day is not None and since <= day <= until

    members = {m.id: m.name for m in team}
    actions = ws.find(s.ActionItem, s.ActionItem.created_on <= until, account_id=account_id)
    rows = {a.id: _action_row(a, members, until) for a in actions}
    completed = tuple(
        rows[a.id]
        for a in actions
        if a.status is ActionStatus.DONE and (within(a.created_on) or within(a.due_on))
    )
    still_open = tuple(rows[a.id] for a in actions if a.status in _LIVE and a.created_on < since)
    new_actions = tuple(
        rows[a.id]
        for a in actions
        if within(a.created_on) and a.status is not ActionStatus.CANCELLED
    )
    risks = tuple(
        RiskRow(
            r.title,
            r.level,
            r.status,
            members.get(r.owner_id, "") if r.owner_id is not None else "",
            r.raised_on,
            r.mitigation,
        )
        for r in sorted(
            ws.find(s.Risk, s.Risk.raised_on <= until, account_id=account_id),
            key=lambda r: (r.raised_on, r.id),
        )
        if within(r.raised_on)
    )
    if people is None:
        people = stored_people(ws, account_id)
    joined = tuple(
        PeopleChange(p.id, p.name, ChangeType.JOINED, p.joined_on, p.title)
        for p in sorted(people, key=lambda p: (p.joined_on or since, p.name))
        if within(p.joined_on)
    )
    left = tuple(
        PeopleChange(p.id, p.name, ChangeType.LEFT, p.left_on, p.title)
        for p in sorted(people, key=lambda p: (p.left_on or since, p.name))
        if within(p.left_on)
    )
    names = {p.id: p.name for p in people}
    moves = tuple(
        PeopleChange(
            c.person_id,
            names[c.person_id],
            ChangeType.ATTITUDE,
            c.changed_on,
            f"{c.old_attitude:+d} → {c.new_attitude:+d}",
            c.old_attitude,
            c.new_attitude,
        )
        for c in sorted(
            ws.find(s.AttitudeChange, s.AttitudeChange.person_id.in_(list(names))),
            key=lambda c: (c.changed_on, c.id),
        )
        if within(c.changed_on)
    )
    # The same questions the QBR asked (facts dated by its day): answered once when shared.
    tickets = ws.find(s.Ticket, s.Ticket.opened_on <= until, account_id=account_id)
    wins = ws.find(s.Win, s.Win.won_on <= until, account_id=account_id)
    return SinceLastQbr(
        since=since,
        since_label=label,
        until=until,
        completed=completed,
        still_open=still_open,
        new_actions=new_actions,
        risks_raised=risks,
        joined=joined,
        left=left,
        attitude_moves=moves,
        tickets_opened=sum(1 for t in tickets if within(t.opened_on)),
        tickets_resolved=sum(1 for t in tickets if within(t.resolved_on)),
        wins=sum(1 for w in wins if within(w.won_on)),
    )


def _action_row(a: s.ActionItem, members: dict[int, str], until: dt.date) -> ActionRow:
    return ActionRow(
        a.title,
        members.get(a.owner_id, "") if a.owner_id is not None else "",
        a.due_on,
        a.status,
        a.created_on,
        a.status in _LIVE and a.due_on is not None and a.due_on < until,
    )


def role_names(ws: Workspace, account_id: int) -> tuple[tuple[str, str], ...]:
    """(name, role) of an account's people and of our team, as an anonymized copy says them."""
    return _roles(stored_people(ws, account_id), ws.team())


class StoredPerson(NamedTuple):
    """What the briefing reads of a person as stored today (every name an anonymized copy
    replaces, whatever the QBR's day; who joined and left, by their own dates)."""

    id: int
    name: str
    title: str
    level: Level
    joined_on: dt.date | None
    left_on: dt.date | None


def stored_people(ws: Workspace, account_id: int) -> list[StoredPerson]:
    """The account's people as stored, in id order (as ``ws.people``): plain rows of the
    fields the briefing reads, a fifth of the cost of records for an account of thousands."""
    p = s.Person
    query = select(p.id, p.name, p.title, p.level, p.joined_on, p.left_on)
    with ws.reader.connect() as conn:
        rows = conn.execute(query.where(p.account_id == account_id).order_by(p.id)).all()
    return [StoredPerson(*row) for row in rows]


def _roles(
    people: Sequence[StoredPerson], team: Sequence[s.TeamMember]
) -> tuple[tuple[str, str], ...]:
    """What each name becomes in an anonymized copy: a title or role, numbered when shared."""
    pairs = [(p.name, p.title.strip() or f"{p.level.label} contact") for p in people]
    pairs += [(m.name, f"Our {m.role.label}") for m in team]
    totals = Counter(role for _, role in pairs)
    seen: Counter[str] = Counter()
    out: list[tuple[str, str]] = []
    for name, role in pairs:
        if not name.strip():
            continue
        seen[role] += 1
        out.append((name, f"{role} {seen[role]}" if totals[role] > 1 else role))
    return tuple(out)


def _until(qbr: Qbr) -> dt.date:
    """The QBR's day: the quarter's last, or today while it runs."""
    return qbr.as_of or min(qbr.quarter.end, qbr.generated_on)
