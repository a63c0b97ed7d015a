"""The stakeholder map as the QBR's files show it: the people who matter, in the export's edition
(the workbook and the deck show the same picture).

The export dialog and ``rapport export`` draw through it; it lives with the export, not in the
QBR tab's package, so ``desktop.qbr`` and ``desktop.map`` stay independent (the import-linter
contracts in pyproject.toml).

The deck's map is drawn with the same headless renderer as ``rapport export --map``
(``desktop.map.render``), on a copy of the map's data that is cut to fit a slide and to its
edition:

- ``keep``: only these customer people (a big account's few that matter, ``reports.key_people``),
  and the links among them;
- ``neutral`` (customer edition): every card reads neutral (no attitude stripe, no deal-role
  badge, no cadence ring, one size and one pip count whatever the influence, no risk tags, no
  owners' initials), our team and its coverage links are left out, and so is the legend (it
  explains attitudes);
- ``slide_legend`` (the internal edition's map slide): the legend is left out of the picture,
  which the slide shows beside it as slide shapes (``reports.deck.map_legend``);
- ``names``: names replaced by roles (``--anonymize``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.map.card_item import HANDLE_RADIUS
from desktop.map.card_item import MARGIN as CARD_MARGIN
from desktop.map.layout_worker import (
    TEAM_GAP,
    VIEWS,
    LayoutRequest,
    Point,
    Size,
    bounds,
    compute_layout,
    team_row,
)
from desktop.map.map_data import MapData, MapFilter, load_map_data
from desktop.map.render import ensure_application, export_scene
from desktop.map.scene import MapScene
from desktop.map.styles import style_for
from graph.layout import org_chart_layout
from graph.nodes import person_node
from graph.workspace import Workspace
from reports.map_slide_room import EMU_PER_POINT, LEGEND_GAP, LEGEND_WIDTH

if TYPE_CHECKING:
    from desktop.qbr_export.map_people import Drawn, MapPeople
    from graph.snapshot import AccountSnapshot
    from reports.deck import MapPicture
    from reports.model import Qbr


def deck_map_data(
    data: MapData,
    *,
    keep: Collection[int] | None = None,
    neutral: bool = False,
    names: Mapping[str, str] | None = None,
) -> MapData:
    """A copy of ``data`` cut to ``keep`` and made neutral and anonymous as asked."""
    wanted = {person_node(i) for i in keep} if keep is not None else None
    cards = {}
    for key, card in data.cards.items():
        if card.is_member:
            if neutral:
                continue
        elif wanted is not None and key not in wanted:
            continue
        if neutral and not card.is_member:
            # every card alike: no attitude, role, influence (card size, pips), cadence,
            # risk tags or our owners' initials
            card = dataclasses.replace(
                card,
                attitude=0,
                role="",
                influence=3,
                interest=3,
                cadence=None,
                last_contact=None,
                coverage="",
                centrality=0.0,
                owners=(),
                risks=(),
                owned_by=(),
            )
        if names:
            card = dataclasses.replace(card, name=names.get(card.name, card.name))
        cards[key] = card
    links = {
        k: link
        for k, link in data.links.items()
        if link.source in cards
        and link.target in cards
        and not (neutral and link.kind in ("ally", "conflict", "influences"))
    }
    # our team members who own or know nobody shown are left out too
    linked = {n for link in links.values() for n in (link.source, link.target)}
    cards = {k: c for k, c in cards.items() if not c.is_member or k in linked}
    graph = data.graph.subgraph(cards).copy()
    return MapData(data.account_id, data.account_name, cards, links, graph, data.today)


@dataclasses.dataclass
class DeckScene:
    """The map scene laid out for a slide, and how to frame it."""

    scene: MapScene
    title: str
    legend: bool  # the legend is drawn (the internal edition)
    legend_beside: bool  # beside the map rather than below it
    team: bool
    # the legend goes on the slide beside the picture (the internal edition's map slide):
    # the picture has neither it nor the room round the cards the legend's panel needs
    slide_legend: bool = False


def deck_map_scene(
    ws: Workspace | None,
    account_id: int,
    *,
    keep: Collection[int] | None = None,
    neutral: bool = False,
    names: Mapping[str, str] | None = None,
    view: str = "org",
    today: dt.date | None = None,
    full: MapData | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    slide_legend: bool = False,
) -> DeckScene:
    """The scene ``draw_deck_map`` draws, laid out and with its links routed around the cards
    as the interactive map routes them; the caller deletes the scene when done."""
    ensure_application()
    if full is None:
        assert ws is not None, "the map's data: give it or the workspace to read it from"
        full = load_map_data(ws, account_id, today)
    data = deck_map_data(full, keep=keep, neutral=neutral, names=names)
    team = not neutral
    scene = MapScene(style_for(dark=False))
    scene.team_links_shown = team
    scene.set_view_name(view)
    scene.set_data(data)
    scene.set_filter(MapFilter(hide_team=not team))
    if positions is None:
        assert ws is not None, "the saved positions: give them or the workspace"
        positions = ws.positions(account_id, view)
    pinned = {k: p for k, p in positions.items() if k in data.cards}
    request = LayoutRequest(view, data, scene.sizes(), pinned if keep is None else {}, team)
    result = compute_layout(request)
    placed = result.positions
    if keep is not None and view == "org":
        placed = spread_loose(data, placed, scene.sizes())
    legend = not neutral and not slide_legend
    if view == "org" and (keep is not None or not pinned):
        # no arrangement of the team's own to keep: the layout that reads largest on a slide
        placed, legend_beside = slide_org_layout(
            data, scene.sizes(), placed, team, legend, slide_legend=slide_legend
        )
        where = ("beside" if legend_beside else "below") if legend else "none"
        placed = fill_room(placed, scene.sizes(), SLIDE if slide_legend else where)
    else:
        legend_beside = legend and _beside(extent(placed, scene.sizes()), legend)
    scene.place(placed)
    scene.set_grid(result.grid)
    title = f"{data.account_name} · {VIEWS[view]}"
    return DeckScene(scene, title, legend, legend_beside, team, slide_legend)


def draw_deck_map(
    ws: Workspace | None,
    account_id: int,
    path: Path,
    *,
    keep: Collection[int] | None = None,
    neutral: bool = False,
    names: Mapping[str, str] | None = None,
    view: str = "org",
    today: dt.date | None = None,
    subtitle: str = "",
    full: MapData | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    slide_legend: bool = False,
) -> Path:
    """Draw the map to ``path``; ``full`` is the account's map data and ``positions`` the
    view's saved card positions, when already read (``ws`` is read only for what is not).
    ``slide_legend``: without the legend, which the slide shows beside the picture."""
    import shiboken6

    laid = deck_map_scene(
        ws,
        account_id,
        keep=keep,
        neutral=neutral,
        names=names,
        view=view,
        today=today,
        full=full,
        positions=positions,
        slide_legend=slide_legend,
    )
    scene, title, team = laid.scene, laid.title, laid.team
    try:
        if laid.legend_beside and path.suffix.lower() == ".png":
            return _legend_beside(scene, path, title=title, subtitle=subtitle, team=team)
        source = scene.content_rect()  # the cards' items, 40 px round
        if laid.slide_legend:
            trim = 40 - _SLIDE_MARGIN / 2
            source = source.adjusted(trim, trim, -trim, -trim)
        return export_scene(
            scene,
            source,
            path,
            title=title,
            subtitle=subtitle,
            legend=laid.legend,
            team=team,
        )
    finally:
        # deleted here, on the GUI thread: left to the cycle collector it could go on a worker
        shiboken6.delete(scene)


SLIDE_ASPECT = 2.4  # width:height of the room a slide gives the map under its title
# the map's room on a slide, alone or beside the legend: the chart shapes tried for it
SLIDE_ROOMS = (SLIDE_ASPECT, SLIDE_ASPECT * 0.7, SLIDE_ASPECT * 0.5)
_GAP = (24.0, 28.0)
SLIDE_TEAM_GAP = 72.0  # between our team's row and the chart on a slide (TEAM_GAP on screen)
# ... and on the internal edition's map slide, where the legend is beside the picture: the
# gap is as wide as the row's own (a taller picture would print the names under 9 pt)
SLIDE_LEGEND_TEAM_GAP = 36.0


def spread_loose(
    data: MapData, positions: Mapping[str, Point], sizes: Mapping[str, tuple[float, float]]
) -> dict[str, Point]:
    """A big account's cut: the people whose managers are not shown (most of them) in a wide
    block under the org chart, so the picture fills a slide instead of standing in its middle
    as a narrow column of small cards."""
    linked = {
        end
        for link in data.links.values()
        if link.kind == "reports_to"
        for end in (link.source, link.target)
    }
    loose = [k for k, c in data.cards.items() if not c.is_member and k not in linked]
    placed = {k: p for k, p in positions.items() if k not in loose}
    if len(loose) < 2:
        return dict(positions)
    width = max(sizes[k][0] for k in loose) + _GAP[0]
    height = max(sizes[k][1] for k in loose) + _GAP[1]
    # the tree's extent (the team row above it included), then a block as wide as a slide wants
    if placed:
        xs = [p[0] for p in placed.values()]
        ys = [p[1] + sizes[k][1] / 2 for k, p in placed.items()]
        left, right, bottom = min(xs), max(xs), max(ys) + height
        top = min(p[1] - sizes[k][1] / 2 for k, p in placed.items())
    else:
        left = right = bottom = top = 0.0
    rows_total = bottom - top
    cols = len(loose)
    for candidate in range(1, len(loose) + 1):
        rows = -(-len(loose) // candidate)
        if candidate * width >= SLIDE_ASPECT * (rows_total + rows * height):
            cols = candidate
            break
    cols = max(cols, int((right - left) // width) + 1)
    centre = (left + right) / 2
    out = dict(placed)
    for i, key in enumerate(loose):
        row, col = divmod(i, cols)
        in_row = min(cols, len(loose) - row * cols)
        out[key] = (centre + (col - (in_row - 1) / 2) * width, bottom + row * height)
    return out


# The picture around the map, as ``desktop.map.render`` draws it: a margin round the cards, a
# title over them that grows with a big map, and the legend.
_MARGIN = 80.0
_HEADER = 50.0
_PAD = 16.0
_LEGEND = (330.0, 300.0)  # desktop.map.legend.LEGEND_SIZE
# The internal edition's map slide: the legend is slide shapes in a column beside the picture
# (``reports.deck.map_legend``), and the picture's margin round the cards' items is 8 px, not
# 40 (their tags and chips are inside the items: nothing is cut). Measured on the sample
# accounts, the names of 8 people print at 9.2 pt so, at 8.8 with the 40 px margin.
SLIDE = "slide"
_SLIDE_MARGIN = 16.0
# how far the cards' items reach past the bodies the layout places (their tags, chips and drag
# handle: desktop.map.card_item), all inside the picture
_BLEED = (2 * CARD_MARGIN + HANDLE_RADIUS, 2 * CARD_MARGIN)


def picture_size(cards: Size, legend: str) -> Size:
    """The drawn picture's size for cards taking ``cards``, with the legend "below", "beside"
    them or "none" (``SLIDE``: none, the slide has it, and a tighter margin)."""
    if legend == SLIDE:
        map_w = cards[0] + _SLIDE_MARGIN + _BLEED[0]
        map_h = cards[1] + _SLIDE_MARGIN + _BLEED[1]
    else:
        map_w, map_h = cards[0] + _MARGIN, cards[1] + _MARGIN
    ui = max(1.0, min(3.0, map_w / 1600.0))
    legend_w, legend_h = ((side + 2 * _PAD) * ui for side in _LEGEND)
    header = _HEADER * ui
    if legend == "beside":
        return map_w + legend_w, header + max(map_h, legend_h)
    if legend == "below":
        return max(map_w, legend_w, 360.0), header + map_h + legend_h
    return max(map_w, 360.0), header + map_h


def room_aspect(legend: str) -> float:
    """The shape of the room the picture takes on the slide, its legend "below", "beside",
    "none" or ``SLIDE`` (beside the picture, on the slide)."""
    return SLIDE_ASPECT if legend != SLIDE else LEGEND_ROOM_PT[0] / LEGEND_ROOM_PT[1]


def slide_scale(picture: Size, aspect: float = SLIDE_ASPECT) -> float:
    """How large a picture of this size shows in a slide's room of ``aspect`` (its height 1)."""
    return min(aspect / picture[0], 1.0 / picture[1])


def extent(positions: Mapping[str, Point], sizes: Mapping[str, Size]) -> Size:
    """Width and height the cards take."""
    left, top, right, bottom = bounds(positions, sizes)
    return right - left, bottom - top


def _beside(cards: Size, legend: bool) -> bool:
    return legend and slide_scale(picture_size(cards, "beside")) > slide_scale(
        picture_size(cards, "below")
    )


def slide_org_layout(
    data: MapData,
    sizes: Mapping[str, Size],
    standard: Mapping[str, Point],
    team: bool,
    legend: bool,
    *,
    slide_legend: bool = False,
) -> tuple[dict[str, Point], bool]:
    """The org chart's layout for a slide, and whether the legend goes beside it: the map's
    own layout (shaped for a screen) or the same chart shaped for the slide's room, with or
    without the legend beside it (``graph.layout.org_chart_layout``'s ``aspect``), whichever
    shows larger, the map's own when they show about alike. ``slide_legend``: the legend is
    on the slide beside the picture (``legend`` is then False); the chart may also keep the
    people with neither manager nor reports beside the tree, where it has them, instead of
    under it (``spread_loose``), and our team is closer over it."""
    chart = data.org_chart()
    members = [k for k, c in data.cards.items() if c.is_member] if team else []
    room = room_aspect(SLIDE if slide_legend else "none")
    aspects = (room, room * 0.7, room * 0.5) if slide_legend else SLIDE_ROOMS
    layouts = [dict(standard)]
    for aspect in aspects:
        shaped = org_chart_layout(chart, sizes, aspect=aspect)
        # our team closer over the chart than on screen (where the gap leaves room to drag):
        # on a slide whose height is the limit, the gap is a row of cards
        lift = TEAM_GAP - (SLIDE_LEGEND_TEAM_GAP if slide_legend else SLIDE_TEAM_GAP)
        shaped.update({m: (x, y + lift) for m, (x, y) in team_row(members, sizes, shaped).items()})
        layouts.append(spread_loose(data, shaped, sizes))
        if slide_legend:
            layouts.append(shaped)
    best: tuple[float, dict[str, Point], bool] | None = None
    for positions in layouts:
        cards = extent(positions, sizes)
        for beside in (False, True) if legend else (False,):
            where = ("beside" if beside else "below") if legend else "none"
            where = SLIDE if slide_legend else where
            scale = slide_scale(picture_size(cards, where), room_aspect(where))
            if best is None or scale > best[0] * 1.05:
                best = (scale, positions, beside)
    assert best is not None
    return best[1], best[2]


# Names on the slide: the cards' name font (desktop.map.styles, in points on the map, drawn
# at 96 pixels an inch) shown at the scale the picture gets in the default template's room.
NAME_PT = 10.0
ROOM_PT = (12.33 * 72, 5.15 * 72)  # the map's room under the slide's caption (SLIDE_ASPECT)
# ... and the picture's, beside the legend's column on the internal edition's map slide
LEGEND_ROOM_PT = (ROOM_PT[0] - (LEGEND_WIDTH + LEGEND_GAP) / EMU_PER_POINT, ROOM_PT[1])
MIN_NAME_PT = 9.0  # readable projected or printed
MIN_SLIDE_PEOPLE = 8  # the map slide never shows fewer, however small they print
# a cut that leaves names under MIN_NAME_PT is made only if they print larger than this
# fraction of the whole map's names (below it, the whole map is the slide)
LITTLE_GAIN = 0.9


def name_points(picture: Size, room: Size = ROOM_PT) -> float:
    """Points the cards' names take on the slide for a picture of ``picture`` map pixels
    shown in ``room`` (points)."""
    scale = min(room[0] / picture[0], room[1] / picture[1])  # slide points per pixel
    return NAME_PT * 96 / 72 * scale


def slide_keep(
    full: MapData, keep: Sequence[int], *, neutral: bool, view: str = "org"
) -> tuple[int, ...]:
    """The first of ``keep`` (most important first) that the slide's org chart shows with
    names of ``MIN_NAME_PT`` or more: a big account's 30 key people, with our team and the
    legend, would print their names at 4 pt. Other views keep them all."""
    keep = tuple(keep)
    if view != "org" or len(keep) <= MIN_SLIDE_PEOPLE or _names_fit(full, keep, neutral):
        return keep
    low, high = MIN_SLIDE_PEOPLE, len(keep) - 1  # the most that fit lies in low..high
    while low < high:
        middle = (low + high + 1) // 2
        if _names_fit(full, keep[:middle], neutral):
            low = middle
        else:
            high = middle - 1
    return keep[:low]


@dataclasses.dataclass(frozen=True)
class SlideCut:
    """Who the deck's map slides show. ``main``: the stakeholder map slide's people (None:
    the whole map); ``appendix``: whether the whole map follows as an appendix slide, and
    ``everyone`` the people it shows (None: the whole map; a big account's key people, as
    its 2,000 would print as dots)."""

    main: tuple[int, ...] | None
    appendix: bool
    everyone: tuple[int, ...] | None


def slide_cut(
    full: MapData, order: Sequence[int], *, big: bool, neutral: bool, view: str = "org"
) -> SlideCut:
    """The deck's map slides for ``order``, the account's people most important first (a
    big account's key people, ``reports.key_people``): the main slide shows the first of them
    whose names print at ``MIN_NAME_PT`` or more (``slide_keep``); when that leaves anyone
    out, the appendix shows them all. An account whose whole map prints its names at
    ``MIN_NAME_PT`` has one slide."""
    order = tuple(order)
    everyone = order if big else None
    main = slide_keep(full, order, neutral=neutral, view=view)
    if main == order or (not big and _little_gain(full, main, order, neutral)):
        return SlideCut(everyone, False, everyone)
    return SlideCut(main, True, everyone)


def _little_gain(full: MapData, main: Sequence[int], order: Sequence[int], neutral: bool) -> bool:
    """Whether ``main``, cut to ``MIN_SLIDE_PEOPLE`` without reaching ``MIN_NAME_PT`` (the
    internal edition's team row and legend take the room), shows names hardly larger than
    the whole map: then the whole map is the slide, and no appendix repeats it."""
    cut = _names_points(full, main, neutral)
    return cut < MIN_NAME_PT and _names_points(full, order, neutral) >= LITTLE_GAIN * cut


def _names_fit(full: MapData, keep: Sequence[int], neutral: bool) -> bool:
    return _names_points(full, keep, neutral) >= MIN_NAME_PT


def _names_points(full: MapData, keep: Sequence[int], neutral: bool) -> float:
    """Points the names of ``keep`` take on the slide's org chart."""
    from desktop.map.map_data import card_sizes

    data = deck_map_data(full, keep=keep, neutral=neutral)
    sizes = card_sizes(data)
    team = not neutral  # the internal edition: our team's row, the legend on the slide
    standard = compute_layout(LayoutRequest("org", data, sizes, {}, team)).positions
    placed, _ = slide_org_layout(
        data, sizes, spread_loose(data, standard, sizes), team, False, slide_legend=team
    )
    if team:
        # exactly as drawn: the chart spread to the room's shape may show a little smaller
        placed = fill_room(placed, sizes, SLIDE)
        return name_points(picture_size(extent(placed, sizes), SLIDE), LEGEND_ROOM_PT)
    return name_points(picture_size(extent(placed, sizes), "none"))


MAX_STRETCH = 1.8  # the most the gaps of a chart are widened to fill the slide's room


def fill_room(
    positions: Mapping[str, Point], sizes: Mapping[str, Size], legend: str
) -> dict[str, Point]:
    """The chart spread out across (or down) until its picture has the slide room's shape:
    a chart narrower than the room would leave white on both sides of the slide, one
    flatter would leave it below. The cards keep their size, order and alignment (a
    manager stays centred over the reports); only the gaps between them grow, at most
    ``MAX_STRETCH`` times the chart's extent, and never so far that the cards would show
    smaller (a wider picture has a larger title and legend)."""
    if len(positions) < 2:
        return dict(positions)
    cards = extent(positions, sizes)
    width, height = picture_size(cards, legend)
    aspect = room_aspect(legend)
    if abs(width / height - aspect) < 0.02 * aspect:
        return dict(positions)
    across = width / height < aspect

    def picture(stretch: float) -> Size:
        grown = (cards[0] * stretch, cards[1]) if across else (cards[0], cards[1] * stretch)
        return picture_size(grown, legend)

    def short_of_room(stretch: float) -> bool:
        # not yet the room's shape, and the cards no smaller on the slide (the title and
        # the legend grow with a wider picture): 2 % at most
        w, h = picture(stretch)
        return (w / h < aspect) is across and slide_scale((w, h), aspect) >= 0.98 * base

    base = slide_scale((width, height), aspect)
    # the picture's shape moves steadily with the stretch: halve the interval to the room's
    low, high = 1.0, MAX_STRETCH
    if short_of_room(high):
        low = high
    for _ in range(24):
        middle = (low + high) / 2
        if short_of_room(middle):
            low = middle
        else:
            high = middle
    stretch = low
    if stretch <= 1.0 + 1e-3:
        return dict(positions)
    # the centres spread so that the extent (cards included) grows by ``stretch``
    axis = 0 if across else 1
    lows = [p[axis] - sizes[k][axis] / 2 for k, p in positions.items()]
    highs = [p[axis] + sizes[k][axis] / 2 for k, p in positions.items()]
    span = max(highs) - min(lows)
    centres = [p[axis] for p in positions.values()]
    reach = max(centres) - min(centres)
    if reach <= 0:
        return dict(positions)
    factor = 1 + span * (stretch - 1) / reach
    middle = (min(centres) + max(centres)) / 2
    out = {}
    for key, (x, y) in positions.items():
        if across:
            out[key] = (middle + (x - middle) * factor, y)
        else:
            out[key] = (x, middle + (y - middle) * factor)
    return out


def _legend_beside(scene: MapScene, path: Path, *, title: str, subtitle: str, team: bool) -> Path:
    """The map with its legend on its right, as a PNG: for a wide map the legend below would
    make the picture taller and so smaller on the slide."""
    from PySide6.QtCore import QPointF, QSize
    from PySide6.QtGui import QImage, QPainter

    from desktop.map.legend import paint_legend
    from desktop.map.png_file import png_bytes
    from desktop.map.render import scene_image
    from graph.files import atomic_open

    source = scene.content_rect()
    drawn = scene_image(scene, source, title=title, subtitle=subtitle, legend=False, team=team)
    ratio = drawn.devicePixelRatio()
    map_w, height = drawn.width() / ratio, drawn.height() / ratio
    ui = max(1.0, min(3.0, map_w / 1600.0))
    width = map_w + (_LEGEND[0] + 2 * _PAD) * ui
    height = max(height, (_HEADER + _LEGEND[1] + 2 * _PAD) * ui)
    size = QSize(round(width * ratio), round(height * ratio))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(scene.map_style.background)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.drawImage(QPointF(0, 0), drawn)
        painter.translate(map_w, (_HEADER + _PAD) * ui)
        painter.scale(ui, ui)
        paint_legend(painter, QPointF(0, 0), scene.map_style, team=team)
    finally:
        painter.end()
    # the same writer as the map's other pictures (desktop.map.png_file): Qt's own PNG
    # encoder spends most of a second on a big map
    data = png_bytes(image, opaque=scene.map_style.background.alpha() == 255)
    with atomic_open(path, "wb", what="the map") as stream:
        stream.write(data)
    return path


def qbr_picture(
    full: MapData,
    people: MapPeople,
    path: Path,
    *,
    slides: bool,
    neutral: bool,
    positions: Mapping[str, Point],
    names: Mapping[str, str] | None = None,
    label: str = "",
    view: str = "org",
    appendix: Path | None = None,
    drawn: dict[tuple[object, ...], Path] | None = None,
) -> Drawn:
    """The map's picture in a QBR document, drawn to ``path``, for the GUI's export and
    ``rapport export`` alike. With ``slides``, the deck's: its stakeholder map slide shows the
    first of ``people.order`` whose names print readable (``slide_cut``) and, when that
    leaves anyone out, the whole map follows for the appendix slide, drawn to ``appendix``
    (beside ``path`` if not given). Without, the workbook's: the whole map alone. The whole
    map of a big account is its key people.

    ``full`` is the account's map data as of the QBR's day and ``positions`` the view's
    saved card positions; ``label`` follows the day under the title (the edition);
    ``drawn``, the pictures of this map already drawn, by what they show: one drawn alike
    is not drawn again (the deck's and the workbook's, when they share an edition)."""
    from desktop.qbr_export.map_people import Drawn

    if slides:
        cut = slide_cut(full, people.order, big=people.big, neutral=neutral)
    else:
        whole = people.order if people.big else None
        cut = SlideCut(whole, False, whole)
    account = full.account_id
    assert account is not None, "an account's map"
    done = {} if drawn is None else drawn
    named = tuple(sorted(names.items())) if names else ()
    subtitle = f"As of {full.today:%d %b %Y}" + (f" · {label}" if label else "")

    def draw(keep: tuple[int, ...] | None, to: Path, slide_legend: bool = False) -> Drawn:
        key = (view, keep, neutral, named, subtitle, slide_legend)
        if key not in done:
            done[key] = draw_deck_map(
                None,
                account,
                to,
                keep=keep,
                neutral=neutral,
                names=dict(named) or None,
                view=view,
                subtitle=subtitle,
                full=full,
                positions=positions,
                slide_legend=slide_legend,
            )
        return Drawn(done[key], keep, legend=slide_legend)

    # the internal edition's map slide has the legend beside the picture (the appendix and
    # the workbook keep it in theirs)
    slide_legend = slides and not neutral
    if not cut.appendix:
        return draw(cut.everyone, path, slide_legend)
    main = draw(cut.main, path, slide_legend)
    everyone = draw(cut.everyone, appendix or path.with_name(f"{path.stem}-everyone{path.suffix}"))
    return dataclasses.replace(main, everyone=everyone)


def deck_picture(
    ws: Workspace,
    snapshot: AccountSnapshot,
    qbr: Qbr,
    path: Path,
    *,
    internal: bool,
    anonymize: bool = False,
    label: str = "",
    slides: bool = True,
) -> MapPicture:
    """The export dialog's map picture of the QBR's account in the edition asked
    (``qbr_picture``: the deck's with ``slides``, else the workbook's), as ``rapport export``
    draws it: the account as it stood on the QBR's day (``snapshot``, the QBR's own reading),
    its people ranked as the QBR's stakeholders (this quarter's contacts counted), the cards
    where the team placed them (read from ``ws``)."""
    from desktop.map.map_data import snapshot_map_data
    from desktop.qbr_export.map_people import map_people

    people = map_people(qbr.people.stakeholders, lambda p: p.person_id)
    roles = dict(qbr.briefing.roles) if anonymize and qbr.briefing is not None else {}
    drawn = qbr_picture(
        snapshot_map_data(snapshot),
        people,
        path,
        slides=slides,
        neutral=not internal,
        positions=ws.positions(snapshot.account.id, "org"),
        names=roles or None,
        label=label,
    )
    return drawn.picture(people.total)
