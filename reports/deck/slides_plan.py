"""The people and plan slides: the stakeholder map, relationship coverage (internal only), the
success plan, and next quarter's plan with owners and asks."""

from __future__ import annotations

from typing import Any

from graph.labels import ATTITUDE_LABELS, ATTITUDES
from graph.vocabulary import GoalStatus, Level
from reports import palette
from reports.deck import charts, map_legend, shapes
from reports.deck.builder import Deck, MapPicture
from reports.deck.shapes import INCH, Col, Line
from reports.deck.template import Box

GAP = INCH // 4
_GOAL_COLOR = {
    GoalStatus.DONE: palette.PRIMARY,
    GoalStatus.ON_TRACK: palette.SECONDARY,
    GoalStatus.NOT_STARTED: palette.TERTIARY,
    GoalStatus.AT_RISK: palette.ACCENT,
    GoalStatus.OFF_TRACK: palette.HEALTH_RED,
}
_PLAN_OWNER = {"Action": "Customer", "Roadmap": "Product team", "Renewal": "Account team"}


APPENDIX_EVERYONE = "Stakeholder map: everyone"
APPENDIX_KEY_PEOPLE = "Stakeholder map: key people"


def appendix_title(picture: MapPicture | None) -> str | None:
    """The title of the map's appendix slide, or None when the map slide shows everyone."""
    if picture is None or picture.everyone is None:
        return None
    whole = picture.everyone
    return APPENDIX_KEY_PEOPLE if whole.shown < whole.total else APPENDIX_EVERYONE


def stakeholder_map(deck: Deck) -> None:
    """The map of the people who matter most, their names readable projected or printed; the
    appendix (``map_appendix``) has the whole map when this one leaves people out."""
    qbr = deck.qbr
    slide, body = deck.slide("Stakeholder map")
    picture = deck.picture
    if picture is None or not picture.path.is_file():
        shapes.text(slide, body, [Line("The map was not drawn for this export.", 16)])
        return
    engaged = len(qbr.people.engaged)
    appendix = appendix_title(picture)
    if appendix is not None:
        caption = f"The {picture.shown} people who matter most, of {picture.total:,} on the account"
        whole = picture.everyone
        caption += (
            " (everyone on the last slide)"
            if whole is None or whole.shown >= whole.total
            else f" (the {whole.shown} key people on the last slide; the workbook lists everyone)"
        )
    elif picture.shown < picture.total:
        caption = (
            f"The {picture.shown} people who matter most, of {picture.total:,} on the account "
            "(the workbook lists everyone)"
        )
    else:
        caption = f"{picture.total} people on the account; {engaged} engaged in {qbr.quarter.title}"
    _map_picture(slide, body, caption, picture)
    shapes.notes(
        slide,
        [
            caption + ".",
            _left_out(deck, picture, appendix),
            "Who matters most: people still on the account, executives first, then the buying "
            "roles, influence, and who was engaged this quarter."
            if deck.sharing.internal
            else "",
            _reading(deck),
        ],
    )


def map_appendix(deck: Deck) -> None:
    """Appendix: the whole map (a big account's key people) at whatever size it takes, after
    the plan, when the map slide leaves people out."""
    picture = deck.picture
    title = appendix_title(picture)
    if picture is None or picture.everyone is None or title is None:
        return
    whole = picture.everyone
    slide, body = deck.slide(title)
    if not whole.path.is_file():
        shapes.text(slide, body, [Line("The map was not drawn for this export.", 16)])
        return
    if whole.shown < whole.total:
        caption = (
            f"Appendix: the {whole.shown} people who matter most, of {whole.total:,} on the "
            "account (the workbook lists everyone)"
        )
    else:
        caption = (
            f"Appendix: all {whole.total} people on the account, "
            f"{len(deck.qbr.people.engaged)} engaged in {deck.qbr.quarter.title}"
        )
    _map_picture(slide, body, caption, whole)
    shapes.notes(
        slide,
        [
            caption + ".",
            f"The stakeholder map slide shows the {picture.shown} who matter most with names "
            "large enough to read; this slide shows "
            + ("all of them" if whole.shown < whole.total else "everyone")
            + ", smaller: zoom in, or print it on its own page.",
            _reading(deck),
        ],
    )


def _reading(deck: Deck) -> str:
    if not deck.sharing.internal:
        return "People by name and job title, and who reports to whom."
    return (
        "Internal edition: the card stripe is the attitude, the ring the contact "
        "cadence; links show who on our team owns or knows whom."
    )


def _left_out(deck: Deck, picture: MapPicture, appendix: str | None) -> str:
    """Who the map slide leaves out, and where they are."""
    if appendix is None or picture.people is None:
        return ""
    shown = set(picture.people)
    whole = picture.everyone
    among = set(whole.people) if whole is not None and whole.people is not None else None
    out = [
        p
        for p in deck.qbr.people.stakeholders
        if p.person_id not in shown and (among is None or p.person_id in among)
    ]
    named = "; ".join(f"{p.name} ({p.title})" if p.title else p.name for p in out)
    where = f'the appendix slide "{appendix}" at the end of the deck'
    if among is None:
        return f"Not on this slide ({len(out)}), on {where}: {named}."
    rest = picture.total - len(shown) - len(out)
    return (
        f"Key people not on this slide ({len(out)}), on {where}: {named}. "
        f"The other {rest:,} people are listed in the workbook's Stakeholders sheet."
    )


def _map_picture(slide: Any, body: Box, caption: str, picture: MapPicture) -> None:
    """The caption, and the picture under it as large as the room allows, centred (beside
    the legend, when the picture was drawn without it)."""
    caption_h = int(0.35 * INCH)
    shapes.text(
        slide,
        Box(body.left, body.top, body.width, caption_h),
        [Line(caption, 12, color=palette.MUTED)],
    )
    room = body.below(caption_h)
    if picture.legend:
        map_legend.draw_legend(slide, room)
        room = map_legend.picture_room(room)
    from PIL import Image

    with Image.open(picture.path) as image:
        width, height = image.size
    scale = min(room.width / width, room.height / height)
    w, h = int(width * scale), int(height * scale)
    from pptx.util import Emu

    shape = slide.shapes.add_picture(
        str(picture.path),
        Emu(room.left + (room.width - w) // 2),
        Emu(room.top),
        Emu(w),
        Emu(h),
    )
    # The alt text a screen reader speaks: python-pptx would leave the file's name there (a
    # temporary's, beside the deck), which says nothing and differs from one export to the next.
    shape._element.nvPicPr.cNvPr.set("descr", f"Stakeholder map: {caption}")


def relationships(deck: Deck) -> None:
    """Internal edition only: engagement per level, attitudes, and the rules' warnings."""
    qbr = deck.qbr
    people = qbr.people
    slide, body = deck.slide("Relationship coverage (internal)")
    left, middle, right = body.split(1, 1, 1, gap=GAP)
    charts.column_chart(
        slide,
        Box(left.left, left.top, left.width, min(left.height, int(4 * INCH))),
        "People engaged per level",
        [e.quarter.short for e in people.engagement],
        [
            charts.Series(level.label, [e.count(level) for e in people.engagement], color)
            for level, color in palette.LEVEL.items()
        ],
    )
    charts.column_chart(
        slide,
        Box(middle.left, middle.top, middle.width, min(middle.height, int(4 * INCH))),
        "Attitude at quarter end",
        [ATTITUDE_LABELS[a] for a in ATTITUDES],
        [
            charts.Series(
                f"End of {qbr.quarter.previous.short}", people.attitude_before, palette.TERTIARY
            ),
            charts.Series(f"End of {qbr.quarter.short}", people.attitude_now, palette.PRIMARY),
        ],
    )
    room = shapes.heading(slide, right, "What the rules flag", 13)
    shapes.bullets(slide, room, qbr.summary.health.reasons, "No warning signs.", 11)
    levels = ", ".join(f"{lvl.label} {people.engagement[-1].count(lvl)}" for lvl in Level)
    shapes.notes(
        slide,
        [
            "Internal: do not share. Engaged = attended at least one logged interaction in the "
            f"quarter. This quarter: {levels}.",
            *[f"Flag: {r}" for r in qbr.summary.health.reasons],
            *[f"{c.name}: {c.change.label} {c.detail}" for c in people.changes],
        ],
    )


def success_plan(deck: Deck) -> None:
    qbr = deck.qbr
    slide, body = deck.slide("Success plan")
    goals = qbr.goals
    left, right = body.split(1.9, 1, gap=GAP)
    shown = shapes.table(
        slide,
        left if goals else body,
        [
            Col("Goal", 2.45),
            Col("Owner", 1.3),
            Col("Target", 1.6),
            Col("Due", 0.9),
            Col("Progress", 0.95, "r"),
            Col("Status", 1.0),
        ],
        [
            [
                g.title,
                g.owner or "—",
                g.target or "—",
                f"{g.due_on:%d %b %Y}" if g.due_on else "—",
                f"{g.progress:.0%}",
                g.status.label,
            ]
            for g in goals
        ],
        empty="No success-plan goals yet.",
    )
    if goals:
        charts.column_chart(
            slide,
            Box(
                right.left, right.top, right.width, min(right.height, int(0.5 * INCH * (shown + 2)))
            ),
            "Progress",
            [shapes.clip(g.title, 28) for g in goals[:shown]],
            [charts.Series("Progress", [g.progress * 100 for g in goals[:shown]], palette.PRIMARY)],
            horizontal=True,
            point_colors=[_GOAL_COLOR[g.status] for g in goals[:shown]],
            number_format='0"%"',
            labels=True,
            major_unit=25,
            maximum=100,
        )
    shapes.notes(
        slide,
        [
            "Goals of the success plan, soonest due first; progress as recorded by the team.",
            *[
                f"{g.title}: {g.status.label}, {g.progress:.0%} done"
                + (f", target {g.target}" if g.target else "")
                + (f", owner {g.owner}" if g.owner else "")
                + (f", due {g.due_on:%d %b %Y}" if g.due_on else "")
                for g in goals
            ],
        ],
    )


def next_quarter(deck: Deck) -> None:
    qbr = deck.qbr
    nxt = qbr.quarter.next
    slide, body = deck.slide(f"Plan for {nxt.title}: owners and asks")
    left, right = body.split(2.2, 1, gap=GAP)
    shapes.table(
        slide,
        left,
        [Col("What", 3.2), Col("Owner", 1.4), Col("Due", 0.9), Col("Kind", 0.8)],
        [
            [
                p.title,
                p.owner or _PLAN_OWNER.get(p.kind, "—"),
                f"{p.due_on:%d %b %Y}" if p.due_on else "—",
                p.kind,
            ]
            for p in qbr.next_quarter
        ],
        empty="Nothing planned yet.",
    )
    room = shapes.heading(slide, right, "Our asks", 13)
    shapes.bullets(slide, room, qbr.summary.asks, "Nothing to ask this quarter.", 12)
    shapes.notes(
        slide,
        [
            f"Plan for {nxt.title} ({nxt.months}): open goals due by its end, open actions, "
            "roadmap deliveries targeted at it, and the renewal if it falls in it. An action "
            "not assigned to anyone on our team is the customer's.",
            *[
                f"{p.kind}: {p.title}"
                + (f" ({p.owner})" if p.owner else "")
                + (f", due {p.due_on:%d %b %Y}" if p.due_on else "")
                + (f". {p.detail}" if p.detail else "")
                for p in qbr.next_quarter
            ],
        ],
    )
