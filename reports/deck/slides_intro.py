"""The opening slides: title, agenda and attendees, executive summary, since the last QBR."""

from __future__ import annotations

import datetime as dt

from graph.signals import AMBER_FROM, GREEN_FROM
from graph.vocabulary import Health
from reports import palette
from reports.deck import charts, shapes
from reports.deck.builder import Deck
from reports.deck.shapes import INCH, Line
from reports.deck.template import Box
from reports.edition import phase_label, risk_summary
from reports.model import ActionRow, Attendee
from reports.wording import impact_text, impacts_text, metric_change, money

GAP = INCH // 4


def title(deck: Deck) -> None:
    q, a = deck.qbr.quarter, deck.qbr.account
    slide = deck.title_slide(
        f"{a.name} · Quarterly business review",
        f"{q.title} ({q.months})\nPrepared {_day(deck.qbr.generated_on)} · {deck.sharing.label}",
    )
    shapes.notes(
        slide,
        [
            f"Quarterly business review of {a.name} for {q.title}: {q.start:%d %b %Y} to "
            f"{q.end:%d %b %Y}. Figures are as of {min(q.end, deck.qbr.generated_on):%d %b %Y}.",
            f"{deck.sharing.label}: "
            + (
                "attitudes, coverage and internal notes are included; do not share outside "
                "the account team."
                if deck.sharing.internal
                else "prepared to be shared with the customer's team."
            ),
        ],
    )


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def agenda(deck: Deck) -> None:
    b = deck.qbr.briefing
    assert b is not None
    slide, body = deck.slide("Agenda and attendees")
    left, right = body.split(1.1, 1, gap=GAP * 2)
    room = shapes.heading(slide, left, "Agenda")
    per_line = shapes.fits("", room.width, 15)
    lines = sum(-(-(len(item) + 4) // per_line) for item in b.agenda)
    agenda_h = int(lines * 15 * 1.2 * shapes.PT + len(b.agenda) * 5 * shapes.PT) + GAP
    shapes.text(
        slide,
        Box(room.left, room.top, room.width, agenda_h),
        [Line(f"{i}.  {item}", 15, space_after=5) for i, item in enumerate(b.agenda, 1)],
    )
    goals = room.below(agenda_h + GAP // 2)
    goals = shapes.heading(slide, goals, f"Your objectives for {deck.qbr.quarter.next.title}")
    shapes.bullets(slide, goals, b.objectives, "No open success-plan goals.", size=13)
    theirs, ours = right.split(1.2, 1, gap=GAP // 2, vertical=True)
    room = shapes.heading(slide, theirs, deck.qbr.account.name)
    shapes.bullets(slide, room, [_who(p) for p in b.theirs], "Nobody on record yet.", 13)
    room = shapes.heading(slide, ours, "Our team")
    shapes.bullets(slide, room, [_who(p) for p in b.ours], "No team set.", 13)
    shapes.notes(
        slide,
        [
            "Agenda: the sections this QBR has something to say in.",
            "Objectives: the success-plan goals not yet done, with their targets.",
            f"Attendees from {deck.qbr.account.name}: the {len(b.theirs)} people who matter "
            "most among those active on the account (executives first, then the buying roles, "
            "influence, and who was engaged this quarter). Our team: the account team."
            if deck.sharing.internal
            else f"Attendees: {deck.qbr.account.name}'s executives and key contacts, and our "
            "account team.",
            *[f"Objective: {o}" for o in b.objectives],
        ],
    )


def _who(person: Attendee) -> str:
    """ "Name, role"; the role alone once names are replaced by roles."""
    if person.role.lower() in person.name.lower():
        return person.name
    return f"{person.name}, {person.role}"


def _health_fill(health: str) -> str:
    return palette.HEALTH[Health(health)]


def summary(deck: Deck) -> None:
    qbr = deck.qbr
    b = qbr.briefing
    s, a, n = qbr.summary, qbr.account, qbr.summary.numbers
    slide, body = deck.slide("Executive summary")
    tiles_box, rest = body.split(1.1, 4.0, gap=GAP, vertical=True)
    tiles = tiles_box.columns(5, GAP // 2)
    h = s.health
    shapes.tile(
        slide,
        tiles[0],
        "Health",
        h.health.label.upper(),
        f"score {h.score} / 100" if h.score is not None else "",
        fill=_health_fill(h.health.value),
    )
    phase = phase_label(a.phase, deck.sharing.internal)
    shapes.tile(slide, tiles[1], "ARR", money(a.arr, a.currency), phase)
    renewal = f"{a.renewal_date:%d %b %Y}" if a.renewal_date else "not set"
    days = f"in {a.days_to_renewal} days" if a.days_to_renewal is not None else ""
    shapes.tile(slide, tiles[2], "Renewal", renewal, days)
    shapes.tile(
        slide,
        tiles[3],
        f"Wins in {qbr.quarter.title}",
        str(n.wins),
        impacts_text(qbr.wins.this_quarter),
    )
    headline = next((m for m in qbr.usage.metrics if m.name == n.headline_metric), None)
    shapes.tile(
        slide,
        tiles[4],
        headline.name if headline else "Usage",
        metric_change(headline) if headline else "not measured",
        "on last quarter" if headline and headline.delta is not None else "",
    )
    left, middle, right = rest.split(1, 1.25, 1, gap=GAP)
    trend = b.health_trend if b else ()
    chart_h = left.height * 2 // 5
    if trend:
        charts.column_chart(
            slide,
            Box(left.left, left.top, left.width, chart_h),
            "Health score by quarter",
            [p.quarter.short for p in trend],
            [charts.Series("Health score", [p.score for p in trend], palette.PRIMARY)],
            point_colors=[_health_fill(p.health.value) for p in trend],
            labels=True,
        )
    room = shapes.heading(slide, left.below(chart_h + GAP // 2), "Why this health", 13)
    shapes.bullets(slide, room, h.reasons, "No warning signs this quarter.", 12)
    wins_box, risks_box = middle.split(1, 1, gap=GAP // 2, vertical=True)
    room = shapes.heading(slide, wins_box, "Headline wins", 13)
    shapes.bullets(
        slide,
        room,
        [
            f"{w.title}: {impact_text(w.impact_value, w.impact_unit)}"
            if w.impact_value is not None
            else w.title
            for w in s.headline_wins
        ],
        "No wins recorded this quarter.",
        12,
    )
    room = shapes.heading(slide, risks_box, "Top risks", 13)
    shapes.bullets(
        slide,
        room,
        [f"{r.level.label}: {r.title}" for r in s.top_risks]
        if deck.sharing.internal
        else [x for x in (risk_summary(s.top_risks),) if x],
        "No open risks.",
        12,
    )
    room = shapes.heading(slide, right, "Our asks", 13)
    shapes.bullets(slide, room, s.asks, "Nothing to ask this quarter.", 12)
    shapes.notes(slide, _summary_notes(deck))


def _summary_notes(deck: Deck) -> list[str]:
    qbr = deck.qbr
    s, a, n = qbr.summary, qbr.account, qbr.summary.numbers
    h = s.health
    lines = [
        f"Health {h.health.label}"
        + (f", score {h.score}/100" if h.score is not None else "")
        + f": green from {GREEN_FROM}, amber from {AMBER_FROM}, red below."
        + (" Set by hand on the account." if h.overridden else ""),
        *[f"Why: {r}" for r in h.reasons],
        f"ARR {a.arr:,.0f} {a.currency}"
        + (f", phase {phase}." if (phase := phase_label(a.phase, deck.sharing.internal)) else "."),
    ]
    if a.renewal_date:
        lines.append(
            f"Renewal {a.renewal_date:%d %b %Y}: {a.days_to_renewal} days after "
            f"{qbr.generated_on:%d %b %Y}, the day the deck was prepared."
        )
    if qbr.briefing:
        lines.append(
            "Health trend (end of each quarter): "
            + ", ".join(
                f"{p.quarter.title} {p.health.label} {p.score}" for p in qbr.briefing.health_trend
            )
        )
    lines.append(
        f"Wins: {n.wins} in {qbr.quarter.title}; impact summed per unit, never across units: "
        f"{impacts_text(qbr.wins.this_quarter) or 'none quantified'}."
    )
    if n.headline_metric:
        lines.append(
            f"Usage tile: {n.headline_metric}, the mean of the quarter's measurements against "
            "the previous quarter's (percentage metrics change in points)."
        )
    lines += [f"Win: {w.title}. {w.impact_description}" for w in s.headline_wins]
    lines += [
        f"Risk ({r.level.label}): {r.title}. {r.mitigation}".strip() for r in s.top_risks if r.title
    ]
    lines += [f"Ask: {x}" for x in s.asks]
    return lines


def _action(a: ActionRow) -> str:
    who = a.owner or "Customer"
    due = f", due {a.due_on:%d %b}" if a.due_on else ""
    return f"{a.title} ({who}{due})"


def since_last(deck: Deck) -> None:
    b = deck.qbr.briefing
    assert b is not None
    since = b.since_last
    slide, body = deck.slide("What changed since our last QBR")
    intro = Box(body.left, body.top, body.width, int(0.35 * INCH))
    shapes.text(
        slide,
        intro,
        [Line(f"Since {since.since_label}, to {since.until:%d %b %Y}", 12, color=palette.MUTED)],
    )
    lists, counts = body.below(intro.height + GAP // 2).split(4, 1.25, gap=GAP, vertical=True)
    columns = lists.columns(3, GAP)
    for box, heading, items, empty in (
        (columns[0], "Completed", since.completed, "Nothing completed yet."),
        (columns[1], "Still open", since.still_open, "Nothing carried over."),
        (columns[2], "New", since.new_actions, "No new actions."),
    ):
        room = shapes.heading(slide, box, f"{heading} ({len(items)})", 13)
        shapes.bullets(slide, room, [_action(x) for x in items], empty, 12)
    tiles = counts.columns(4, GAP // 2)
    shapes.tile(
        slide,
        tiles[0],
        "People",
        f"+{len(since.joined)} / −{len(since.left)}",
        "joined / left the account",
    )
    shapes.tile(slide, tiles[1], "Risks raised", str(len(since.risks_raised)))
    shapes.tile(
        slide,
        tiles[2],
        "Tickets",
        f"{since.tickets_opened} / {since.tickets_resolved}",
        "opened / resolved",
    )
    shapes.tile(slide, tiles[3], "Wins", str(since.wins))
    lines = [
        f"The last QBR is the latest interaction of kind QBR logged up to the quarter's end; "
        f"here {since.since_label}. Counted from {since.since:%d %b %Y} to "
        f"{since.until:%d %b %Y} from the dates stored on each record.",
        "Completed: actions done that were created or due in the span (no completion date is "
        "stored). Still open: created before the span and open now. New: created in it.",
        *[f"Completed: {_action(x)}" for x in since.completed],
        *[f"Still open: {_action(x)}" for x in since.still_open],
        *[f"New: {_action(x)}" for x in since.new_actions],
        *[f"Joined: {c.name}, {c.detail} ({c.on:%d %b %Y})" for c in since.joined if c.on],
        *[f"Left: {c.name}, {c.detail} ({c.on:%d %b %Y})" for c in since.left if c.on],
        *[
            f"Risk raised: {r.title} ({r.raised_on:%d %b %Y})"
            for r in since.risks_raised
            if r.title
        ],
    ]
    if deck.sharing.internal:
        lines += [
            f"Attitude moved: {c.name} {c.detail} ({c.on:%d %b %Y})"
            for c in since.attitude_moves
            if c.on
        ]
    shapes.notes(slide, lines)
