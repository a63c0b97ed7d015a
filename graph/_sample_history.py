"""Six quarters of interactions for one sample account, planned from each person's contact pattern.

Each person's JSON entry says how their contact should look today: ``ok``, ``due``, ``overdue``,
``never``, or a number of days since the last contact. The planner first picks that last contact
inside the band their cadence gives (graph.cadence), preferring a meeting they would attend
anyway (a QBR, the kickoff), then walks back in time at roughly their cadence down to when we
first met them. Touches on nearby days join an existing meeting or call, so meetings gather
several people the way real weekly syncs do. Nobody is ever put in an interaction after their
planned last contact, so the cadence status the app computes is exactly the one the JSON asks for.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.cadence import Cadence
from graph.vocabulary import InteractionKind

# Roughly six quarters: the history every account shows.
HISTORY_DAYS = 545
MAX_PEOPLE_PER_MEETING = 6
MAX_TEAM_PER_MEETING = 3

# Sessions a touch may join. QBRs and kickoffs are by invitation: only their "who" attends.
_GROUP_KINDS = frozenset(
    {
        InteractionKind.MEETING,
        InteractionKind.CALL,
        InteractionKind.ONSITE,
        InteractionKind.TRAINING,
    }
)
# How people are reached, by their preferred channel: mostly that channel, sometimes another.
_KINDS_BY_CHANNEL: dict[str, tuple[tuple[InteractionKind, ...], tuple[int, ...]]] = {
    "meeting": ((InteractionKind.MEETING, InteractionKind.CALL, InteractionKind.EMAIL), (6, 3, 1)),
    "phone": ((InteractionKind.CALL, InteractionKind.MEETING, InteractionKind.EMAIL), (6, 2, 2)),
    "email": ((InteractionKind.EMAIL, InteractionKind.CALL, InteractionKind.MEETING), (6, 2, 2)),
    "chat": ((InteractionKind.CHAT, InteractionKind.MEETING, InteractionKind.CALL), (6, 3, 1)),
}
_MINUTES: dict[InteractionKind, tuple[int, ...]] = {
    InteractionKind.MEETING: (30, 30, 45, 60),
    InteractionKind.CALL: (15, 20, 30, 30, 45),
    InteractionKind.EMAIL: (5, 10),
    InteractionKind.CHAT: (5, 10, 15),
    InteractionKind.QBR: (90,),
    InteractionKind.ONSITE: (240, 360),
    InteractionKind.TRAINING: (120, 180),
    InteractionKind.KICKOFF: (120,),
}


@dataclass
class Planned:
    """One interaction to write: ``days_ago`` before today, attendees by name and member key."""

    days_ago: int
    kind: InteractionKind
    minutes: int
    people: list[str]
    team: list[str]
    summary: str = ""
    hour: int = 10
    minute: int = 0
    topic_seed: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def weekday(today: dt.date, days_ago: int) -> bool:
    return (today - dt.timedelta(days=days_ago)).weekday() < 5


def snap_to_weekday(today: dt.date, days_ago: int) -> int:
    """The same day, or the Friday before a weekend (further back, never later)."""
    while not weekday(today, days_ago):
        days_ago += 1
    return days_ago


def contact_band(pattern: str, cadence: Cadence) -> tuple[int, int]:
    """Days since the last contact that give ``pattern`` under ``cadence`` (inclusive)."""
    ideal, maximum = cadence.ideal_days, cadence.max_days
    if pattern == "ok":
        # Keep a day of margin so "ok" never sits on the edge of "due".
        return 1, max(1, ideal - 1)
    if pattern == "due":
        if maximum - ideal >= 3:
            return ideal + 1, maximum - 1
        return ideal + 1, maximum
    if pattern == "overdue":
        return maximum + 3, maximum + max(20, maximum // 2)
    raise ValueError(f"unknown contact pattern {pattern!r}")


@dataclass
class _Person:
    name: str
    level: str
    channel: str
    cadence: Cadence
    start: int  # days ago we first met them (the oldest possible contact)
    last: int | None  # days ago of their last contact; None when never contacted
    owner: str  # the team member who usually meets them


def _audience(spec: Sequence[str], people: Mapping[str, dict[str, Any]]) -> list[str]:
    """Names from an event's "who": names, "@<level>" or "@<role>"."""
    chosen: list[str] = []
    for entry in spec:
        if entry.startswith("@"):
            tag = entry[1:]
            chosen += [n for n, p in people.items() if tag in (p["level"], p["role"])]
        elif entry in people:
            chosen.append(entry)
        else:
            raise ValueError(f"event attendee {entry!r} is not a person of this account")
    return list(dict.fromkeys(chosen))


def _events(data: dict[str, Any], today: dt.date) -> list[tuple[int, dict[str, Any]]]:
    """Every occurrence of the account's scheduled events, as (days ago, event)."""
    found: list[tuple[int, dict[str, Any]]] = []
    for event in data.get("events", []):
        agos = event["ago"] if isinstance(event["ago"], list) else [event["ago"]]
        found += [(snap_to_weekday(today, int(ago)), event) for ago in agos]
    return found


def _last_contact(
    p: dict[str, Any],
    person: _Person,
    events: Sequence[tuple[int, list[str]]],
    today: dt.date,
    rng: random.Random,
) -> int | None:
    pattern = p.get("contact", "ok")
    if "left" in p:
        return min(person.start, int(p["left"]) + rng.randint(4, 20))
    if pattern == "never":
        return None
    if isinstance(pattern, int):
        return snap_to_weekday(today, pattern)
    low, high = contact_band(pattern, person.cadence)
    high = min(high, person.start)
    if high < low:
        raise ValueError(f"{person.name}: met {person.start} days ago, cannot be {pattern!r}")
    in_band = sorted(ago for ago, who in events if low <= ago <= high and person.name in who)
    if in_band:
        return in_band[0]
    days = [d for d in range(low, high + 1) if weekday(today, d)] or list(range(low, high + 1))
    return rng.choice(days)


def _owner(name: str, coverage: Sequence[list[Any]], lead: str) -> str:
    ranked = sorted(
        (0 if c[2] == "owns" else 1, i, c[0]) for i, c in enumerate(coverage) if c[1] == name
    )
    return ranked[0][2] if ranked else lead


def plan_history(
    data: dict[str, Any],
    cadences: Mapping[str, Cadence],
    today: dt.date,
    rng: random.Random,
) -> list[Planned]:
    """The account's interactions, oldest first (summaries of touches are left empty)."""
    people = {p["name"]: p for p in data["people"]}
    coverage: list[list[Any]] = data.get("coverage", [])
    lead: str = data["team"][0]
    members_with_coverage = sorted({c[0] for c in coverage}, key=data["team"].index)
    occurrences = _events(data, today)
    audiences = [(ago, _audience(e.get("who", []), people)) for ago, e in occurrences]

    planned_people: dict[str, _Person] = {}
    for p in data["people"]:
        start = min(int(p.get("since", data["since_days"])), HISTORY_DAYS)
        if "joined" in p:
            start = min(start, int(p["joined"]))
        person = _Person(
            name=p["name"],
            level=p["level"],
            channel=p.get("channel", "email"),
            cadence=cadences[p["name"]],
            start=start,
            last=None,
            owner=_owner(p["name"], coverage, lead),
        )
        person.last = _last_contact(p, person, audiences, today, rng)
        planned_people[p["name"]] = person

    plan: list[Planned] = []
    for (ago, event), (_, audience) in zip(occurrences, audiences, strict=True):
        who = [
            n
            for n in audience
            if (last := planned_people[n].last) is not None
            and last <= ago <= planned_people[n].start
        ]
        if not who:
            continue
        kind = InteractionKind(event["kind"])
        plan.append(
            Planned(
                days_ago=ago,
                kind=kind,
                minutes=int(event.get("minutes", rng.choice(_MINUTES[kind]))),
                people=who,
                team=list(event.get("team", [lead])),
                summary=event.get("summary", ""),
                hour=rng.choice((9, 10, 11, 13, 14, 15)),
            )
        )

    by_day: dict[int, list[Planned]] = {}
    for item in plan:
        by_day.setdefault(item.days_ago, []).append(item)

    for person in planned_people.values():
        if person.last is None:
            continue
        ideal = person.cadence.ideal_days
        touches = [person.last]
        ago = person.last
        while True:
            # People are reached roughly at their cadence, a little late more often than early.
            ago = snap_to_weekday(today, ago + max(1, round(ideal * rng.uniform(0.85, 1.4))))
            if ago > person.start:
                break
            touches.append(ago)
        kinds, weights = _KINDS_BY_CHANNEL[person.channel]
        for index, touch in enumerate(touches):
            if any(person.name in item.people for item in by_day.get(touch, [])):
                continue
            kind = rng.choices(kinds, weights)[0]
            # The last contact must stay on its day; older ones may move a day either way.
            window = [touch] if index == 0 else [touch, touch - 1, touch + 1]
            window = [d for d in window if person.last <= d <= person.start]
            if _join(by_day, window, person, kind):
                continue
            team = [person.owner]
            others = [m for m in members_with_coverage if m != person.owner]
            if others and rng.random() < 0.2:
                team.append(rng.choice(others))
            item = Planned(
                days_ago=touch,
                kind=kind,
                minutes=rng.choice(_MINUTES[kind]),
                people=[person.name],
                team=team,
                hour=rng.randint(8, 16),
                minute=rng.choice((0, 0, 15, 30, 45)),
                topic_seed=rng.randrange(1_000_000),
            )
            plan.append(item)
            by_day.setdefault(touch, []).append(item)
    plan.sort(key=lambda item: (-item.days_ago, item.hour, item.minute, item.people[0]))
    return plan


def _join(
    by_day: dict[int, list[Planned]], window: Sequence[int], person: _Person, kind: InteractionKind
) -> bool:
    """Add ``person`` to a nearby interaction they could have been part of, if there is one.

    A meeting or call can join any group session; an email or chat joins a thread of the same
    kind on the same day (one message to several people).
    """
    for day in window:
        for item in by_day.get(day, []):
            if kind in (InteractionKind.MEETING, InteractionKind.CALL):
                fits = item.kind in _GROUP_KINDS
            else:
                fits = item.kind is kind and day == window[0] and len(item.people) < 3
            if (
                fits
                and len(item.people) < MAX_PEOPLE_PER_MEETING
                and person.name not in item.people
            ):
                item.people.append(person.name)
                if person.owner not in item.team and len(item.team) < MAX_TEAM_PER_MEETING:
                    item.team.append(person.owner)
                return True
    return False
