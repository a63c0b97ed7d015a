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
- ``names``: names replaced by roles (``--anonymize``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.map.layout_worker import (
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

if TYPE_CHECKING:
    from reports.deck import MapPicture


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
) -> Path:
    """Draw the map to ``path``; ``full`` is the account's map data and ``positions`` the
    view's saved card positions, when already read (``ws`` is read only for what is not)."""
    import shiboken6

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
    legend = not neutral
    if view == "org" and (keep is not None or not pinned):
        # no arrangement of the team's own to keep: the layout that reads largest on a slide
        placed, legend_beside = slide_org_layout(data, scene.sizes(), placed, team, legend)
    else:
        legend_beside = legend and _beside(extent(placed, scene.sizes()), legend)
    scene.place(placed)
    scene.set_grid(result.grid)
    title = f"{data.account_name} · {VIEWS[view]}"
    try:
        if legend_beside and path.suffix.lower() == ".png":
            return _legend_beside(scene, path, title=title, subtitle=subtitle, team=team)
        return export_scene(
            scene,
            scene.content_rect(),
            path,
            title=title,
            subtitle=subtitle,
            legend=legend,
            team=team,
        )
    finally:
        # deleted here, on the GUI thread: left to the cycle collector it could go on a worker
        shiboken6.delete(scene)


SLIDE_ASPECT = 2.4  # width:height of the room a slide gives the map under its title
# the map's room on a slide, alone or beside the legend: the chart shapes tried for it
SLIDE_ROOMS = (SLIDE_ASPECT, SLIDE_ASPECT * 0.7, SLIDE_ASPECT * 0.5)
_GAP = (24.0, 28.0)


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


def picture_size(cards: Size, legend: str) -> Size:
    """The drawn picture's size for cards taking ``cards``, with the legend "below", "beside"
    them or "none"."""
    map_w, map_h = cards[0] + _MARGIN, cards[1] + _MARGIN
    ui = max(1.0, min(3.0, map_w / 1600.0))
    legend_w, legend_h = ((side + 2 * _PAD) * ui for side in _LEGEND)
    header = _HEADER * ui
    if legend == "beside":
        return map_w + legend_w, header + max(map_h, legend_h)
    if legend == "below":
        return max(map_w, legend_w, 360.0), header + map_h + legend_h
    return max(map_w, 360.0), header + map_h


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
) -> tuple[dict[str, Point], bool]:
    """The org chart's layout for a slide, and whether the legend goes beside it: the map's
    own layout (shaped for a screen) or the same chart shaped for the slide's room, with or
    without the legend beside it (``graph.layout.org_chart_layout``'s ``aspect``), whichever
    shows larger, the map's own when they show about alike."""
    chart = data.org_chart()
    members = [k for k, c in data.cards.items() if c.is_member] if team else []
    layouts = [dict(standard)]
    for aspect in SLIDE_ROOMS:
        shaped = org_chart_layout(chart, sizes, aspect=aspect)
        shaped.update(team_row(members, sizes, shaped))
        layouts.append(spread_loose(data, shaped, sizes))
    best: tuple[float, dict[str, Point], bool] | None = None
    for positions in layouts:
        cards = extent(positions, sizes)
        for beside in (False, True) if legend else (False,):
            where = ("beside" if beside else "below") if legend else "none"
            scale = slide_scale(picture_size(cards, where))
            if best is None or scale > best[0] * 1.05:
                best = (scale, positions, beside)
    assert best is not None
    return best[1], best[2]


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


def deck_picture(
    ws: Workspace,
    account_id: int,
    path: Path,
    *,
    internal: bool,
    anonymize: bool = False,
    today: dt.date | None = None,
    label: str = "",
) -> MapPicture:
    """The deck's map of one account: its key people when it is big, in the edition asked."""
    from graph.vocabulary import PersonStatus
    from reports.briefing import role_names
    from reports.deck import MapPicture
    from reports.key_people import is_big, key_people

    people = [p for p in ws.people(account_id) if p.status is not PersonStatus.LEFT]
    keep = tuple(p.id for p in key_people(people)) if is_big(people) else None
    day = today or ws.today()
    draw_deck_map(
        ws,
        account_id,
        path,
        keep=keep,
        neutral=not internal,
        names=dict(role_names(ws, account_id)) if anonymize else None,
        today=day,
        subtitle=f"As of {day:%d %b %Y}" + (f" · {label}" if label else ""),
    )
    return MapPicture(path, len(keep) if keep is not None else len(people), len(people))
