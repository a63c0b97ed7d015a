"""The stakeholder map as the QBR's files show it: the workbook's whole org chart, and the deck's
people who matter, in the deck's edition.

This is the one module of the QBR tab that reaches into ``desktop.map`` (the import-linter
contract in pyproject.toml names it): the export dialog and ``rapport export`` draw through it.

The deck's map is drawn with the same headless renderer as ``rapport export --map``
(``desktop.map.render``), on a copy of the map's data that is cut to fit a slide and to its
edition:

- ``keep``: only these customer people (a big account's few that matter, ``reports.key_people``),
  and the links among them;
- ``neutral`` (customer edition): every card reads neutral (no attitude stripe, no deal-role
  badge, no cadence ring), our team and its coverage links are left out, and so is the legend
  (it explains attitudes);
- ``names``: names replaced by roles (``--anonymize``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.map.layout_worker import VIEWS, LayoutRequest, compute_layout
from desktop.map.map_data import MapData, MapFilter, load_map_data
from desktop.map.render import build_account_scene, ensure_application, export_scene
from desktop.map.scene import MapScene
from desktop.map.styles import style_for
from graph.nodes import person_node
from graph.workspace import Workspace

if TYPE_CHECKING:
    from reports.deck import MapPicture

MAP_PIXELS = 1600  # the longer side of the map picture put in the workbook


def map_scale(side: float) -> tuple[float, float]:
    """(zoom, pixel ratio) that draw a map whose longer side is ``side`` at ``MAP_PIXELS``.

    The workbook shows the map at most 25 × 16 cm, so 1,600 pixels print sharp at 250 dpi;
    small maps get up to twice their size in pixels, large ones are scaled down (a 150-person
    org chart at full size made a 5,000-pixel PNG that took seconds to encode on this thread).
    """
    side = max(side, 1.0)
    if side >= MAP_PIXELS:
        return MAP_PIXELS / side, 1.0
    return 1.0, min(2.0, MAP_PIXELS / side)


def workbook_map(ws: Workspace, account_id: int, path: Path, view: str, today: dt.date) -> Path:
    """The workbook's picture of the whole map, ``MAP_PIXELS`` on its longer side.

    Like ``render_account_map``, but the scene is deleted here at once: left to Python's
    cycle collector, it could be destroyed later on a worker thread (the collector runs in
    whichever thread allocates), leaving Qt timers behind that crash the app.
    """
    import shiboken6

    ensure_application()
    scene, name = build_account_scene(ws, account_id, view, today=today)
    try:
        region = scene.content_rect()
        zoom, ratio = map_scale(max(region.width(), region.height()))
        return export_scene(
            scene,
            region,
            path,
            zoom=zoom,
            pixel_ratio=ratio,
            title=f"{name} · {VIEWS[view]}",
            subtitle=f"Stakeholder map as of {today.isoformat()}",
        )
    finally:
        shiboken6.delete(scene)


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
            card = dataclasses.replace(
                card, attitude=0, role="", cadence=None, coverage="", owners=()
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
    ws: Workspace,
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
    view's saved card positions, when already read."""
    import shiboken6

    ensure_application()
    if full is None:
        full = load_map_data(ws, account_id, today)
    data = deck_map_data(full, keep=keep, neutral=neutral, names=names)
    team = not neutral
    scene = MapScene(style_for(dark=False))
    scene.team_links_shown = team
    scene.set_view_name(view)
    scene.set_data(data)
    scene.set_filter(MapFilter(hide_team=not team))
    if positions is None:
        positions = ws.positions(account_id, view)
    pinned = {k: p for k, p in positions.items() if k in data.cards}
    request = LayoutRequest(view, data, scene.sizes(), pinned if keep is None else {}, team)
    result = compute_layout(request)
    scene.place(result.positions)
    scene.set_grid(result.grid)
    try:
        return export_scene(
            scene,
            scene.content_rect(),
            path,
            title=f"{data.account_name} · {VIEWS[view]}",
            subtitle=subtitle,
            legend=not neutral,
            team=team,
        )
    finally:
        # deleted here, on the GUI thread: left to the cycle collector it could go on a worker
        shiboken6.delete(scene)


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
