"""Where the cards go in each view, computed off the GUI thread.

``compute_layout`` is plain Python over a ``MapData`` snapshot (graph.layout does the work);
``LayoutWorker`` runs it on a ``QThreadPool`` and hands the result back by signal, tagged with a
generation so a stale result (the user switched views again) is dropped. A worker never touches
an item or a widget. A big map's links are routed here too (``lane_ways``): the network's come
with its positions, a grid's follow them (``routed``); a newer layout stops a routing under way.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.common.qt_runtime import background_work
from desktop.map.link_routes import ROUTE_LIMIT, LaneWays, plan_lane_ways
from desktop.map.map_data import MapData, card_sizes, load_map_data
from desktop.map.network_lattice import LATTICE_ABOVE, on_lattice
from desktop.map.org_folding import FOLD_ABOVE, fold_to_fit, hidden_under
from graph.labels import ATTITUDE_LABELS
from graph.org_layout import org_chart_layout

if TYPE_CHECKING:
    from graph import layout
    from graph.workspace import Workspace

Point = tuple[float, float]
Size = tuple[float, float]
_log = logging.getLogger(__name__)

VIEWS: dict[str, str] = {
    "org": "Org chart",
    "network": "Network",
    "power_interest": "Power / interest",
    "influence_attitude": "Influence / attitude",
}
GRID_VIEWS = ("power_interest", "influence_attitude")
TEAM_GAP = 150.0
ORG_ROW_GAP = 56.0  # added between org-chart rows


@dataclass(frozen=True)
class GridGeometry:
    """A quadrant grid in scene coordinates (converted to a GridSpec by the scene)."""

    plot: tuple[float, float, float, float]  # left, top, width, height
    split: Point
    quadrants: tuple[str, str, str, str]
    x_title: str
    y_title: str
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    x_lines: tuple[float, ...] = ()
    y_lines: tuple[float, ...] = ()


@dataclass(frozen=True)
class LayoutRequest:
    view: str
    data: MapData
    sizes: dict[str, Size]
    pinned: dict[str, Point]
    team: bool = True
    hidden: frozenset[str] = frozenset()  # org chart: people under a collapsed manager


@dataclass(frozen=True)
class LoadRequest:
    """Read an account and lay it out, all on the worker: opening a big account must not
    freeze the window. ``reader`` is a read-only Workspace on the same file. ``collapsed``:
    the org chart's collapsed managers, or None to fold a big account to fit."""

    view: str
    reader: Workspace
    account_id: int
    collapsed: frozenset[str] | None = None


@dataclass(frozen=True)
class ReadRequest:
    """Lay out an account already read (the window's first look read it with sqlite3 before
    the workspace loaded): as ``LoadRequest`` without the read."""

    view: str
    data: MapData
    pinned: dict[str, Point]
    collapsed: frozenset[str] | None = None


@dataclass
class LayoutResult:
    view: str
    positions: dict[str, Point]
    grid: GridGeometry | None = None
    data: MapData | None = None  # set when the worker read the account itself
    collapsed: frozenset[str] | None = None  # set when the worker folded the org chart
    # a big map's links routed along its lanes here, off the GUI thread (see lane_ways)
    ways: LaneWays | None = None


def _never() -> bool:
    return False


def compute_layout(request: LayoutRequest, stale: Callable[[], bool] | None = None) -> LayoutResult:
    """Card centres for one view; user-placed (pinned) cards keep their places. Given
    ``stale`` (run on the worker), a big map's links are routed too, until ``stale`` says a
    newer layout made this one pointless."""
    result = _place(request)
    if stale is not None and request.view == "network":
        result.ways = lane_ways(request, result.positions, stale)
    return result


def lane_ways(
    request: LayoutRequest, positions: dict[str, Point], stale: Callable[[], bool] = _never
) -> LaneWays | None:
    """The lanes' ways of a big map's links, for the scene to take up instead of routing
    thousands of links on the GUI thread. The network's come with its positions (its links
    all show at once); a grid's follow its positions (a grid shows a person's links on a
    hover, and routing them all takes seconds). The org chart's reporting lines need no
    routing, and its influence links are routed as they are seen."""
    if request.view == "org" or len(positions) <= ROUTE_LIMIT:
        return None
    sizes = request.sizes
    rects = {
        key: (
            x - sizes[key][0] / 2,
            y - sizes[key][1] / 2,
            x + sizes[key][0] / 2,
            y + sizes[key][1] / 2,
        )
        for key, (x, y) in positions.items()
    }
    links = [(link.source, link.target) for link in request.data.links.values()]
    return plan_lane_ways(rects, links, stale)


def _place(request: LayoutRequest) -> LayoutResult:
    data, sizes, view = request.data, request.sizes, request.view
    people = [c.key for c in data.people()]
    members = [c.key for c in data.members()] if request.team else []
    grid: GridGeometry | None = None
    if not people and not members:
        return LayoutResult(view, {})
    if view == "network":
        # graph.layout (numpy, networkx) loads with the first view that needs it: the org
        # chart, the view a map opens on, is plain Python (graph.org_layout).
        from graph import layout

        net = data.network(include_team=request.team)
        # Team members with no tie in this account would float in corners: line them up.
        idle = [m for m in members if net.degree(m) == 0 and m not in request.pinned]
        net.remove_nodes_from(idle)
        pinned = {n: p for n, p in request.pinned.items() if n in net}
        positions = dict(layout.force_layout(net, sizes=sizes, seed=0, pinned=pinned or None))
        if len(net) + len(idle) > LATTICE_ABOVE:  # too many links to search ways around cards
            positions = on_lattice(positions, idle, sizes, pinned)
        else:
            positions.update(team_row(idle, sizes, positions))
    elif view in GRID_VIEWS:
        positions, grid = _grid(data, view, people, sizes)
        right = grid.plot[0] + grid.plot[2]
        positions.update(_team_column(members, sizes, positions, right_of=right, top=grid.plot[1]))
    else:
        whole = data.org_chart()
        chart = whole.subgraph(n for n in whole if n not in request.hidden)
        positions = _airy(dict(org_chart_layout(chart, sizes={n: sizes[n] for n in chart})))
        # people under a collapsed manager get no place: they stay hidden where they were
        positions.update(team_row(members, sizes, positions))
    positions.update({n: p for n, p in request.pinned.items() if n in positions})
    return LayoutResult(view, positions, grid)


def _airy(positions: dict[str, Point], extra: float = ORG_ROW_GAP) -> dict[str, Point]:
    """Open up the org chart's rows so reporting lines and links have room between them."""
    rows = sorted({round(y, 1) for _, y in positions.values()})
    shift = {y: i * extra for i, y in enumerate(rows)}
    return {n: (x, y + shift[round(y, 1)]) for n, (x, y) in positions.items()}


def bounds(
    positions: Mapping[str, Point], sizes: Mapping[str, Size]
) -> tuple[float, float, float, float]:
    """Left, top, right and bottom of the cards at ``positions`` (zeros when none)."""
    if not positions:
        return 0.0, 0.0, 0.0, 0.0
    left = min(x - sizes[n][0] / 2 for n, (x, _) in positions.items())
    right = max(x + sizes[n][0] / 2 for n, (x, _) in positions.items())
    top = min(y - sizes[n][1] / 2 for n, (_, y) in positions.items())
    bottom = max(y + sizes[n][1] / 2 for n, (_, y) in positions.items())
    return left, top, right, bottom


def team_row(
    members: Sequence[str], sizes: Mapping[str, Size], people: Mapping[str, Point]
) -> dict[str, Point]:
    """Our team in a row above the org chart."""
    if not members:
        return {}
    left, top, right, _ = bounds(people, sizes) if people else (0.0, 0.0, 0.0, 0.0)
    gap = 36.0
    widths = [sizes[m][0] for m in members]
    total = sum(widths) + gap * (len(members) - 1)
    x = (left + right) / 2 - total / 2
    y = top - TEAM_GAP - max(sizes[m][1] for m in members) / 2
    out: dict[str, Point] = {}
    for member, width in zip(members, widths, strict=True):
        out[member] = (x + width / 2, y)
        x += width + gap
    return out


def _team_column(
    members: list[str],
    sizes: dict[str, Size],
    people: dict[str, Point],
    *,
    right_of: float,
    top: float,
) -> dict[str, Point]:
    """Our team in a column to the right of a grid."""
    if not members:
        return {}
    x = right_of + 70 + max(sizes[m][0] for m in members) / 2
    y = top + sizes[members[0]][1] / 2
    out: dict[str, Point] = {}
    for member in members:
        out[member] = (x, y)
        y += sizes[member][1] + 28
    return out


QUADRANTS = ("Keep satisfied", "Manage closely", "Monitor", "Keep informed")
# The first score on the high side of each axis: the split runs between two columns (or rows),
# never through one, so nobody sits on a dividing line. A middle score (3 of 5) counts as high
# interest and high influence; a neutral attitude is not yet support.
HIGH_FROM = {"interest": 3, "influence": 3, "attitude": 1}


def _split(geo: layout.GridGeometry, x_high: int, y_high: int) -> Point:
    """Where the quadrant lines cross: left of the first high column, below the lowest high
    row."""
    column = geo.cells[(x_high, geo.y_values[0])]
    row = geo.cells[(geo.x_values[0], y_high)]
    return column.x, row.y + row.height


def _grid(
    data: MapData, view: str, people: list[str], sizes: dict[str, Size]
) -> tuple[dict[str, Point], GridGeometry]:
    import networkx as nx

    from graph import layout

    G = nx.Graph()
    for card in data.people():
        G.add_node(
            card.key, influence=card.influence, interest=card.interest, attitude=card.attitude
        )
    # Both grids name their quadrants as Mendelow does, in the same places: high power on top,
    # the engaged side (interested, or supportive) on the right.
    quadrants = QUADRANTS
    if view == "power_interest":
        x_attr, x_range, x_title = "interest", (1, 5), "Interest in the project"
        x_labels = {1: "1 low", 2: "2", 3: "3", 4: "4", 5: "5 high"}
    else:
        x_attr, x_range, x_title = "attitude", (-2, 2), "Attitude"
        x_labels = ATTITUDE_LABELS
    grid_sizes = {n: sizes[n] for n in people}
    ranges = {"x_range": x_range, "y_range": (1, 5)}
    positions = dict(layout.grid_layout(G, x_attr, "influence", grid_sizes, **ranges))
    geo = layout.grid_geometry(G, x_attr, "influence", grid_sizes, **ranges)
    bounds = geo.bounds
    column = {xv: geo.cells[(xv, geo.y_values[0])].center[0] for xv in geo.x_values}
    row = {yv: geo.cells[(geo.x_values[0], yv)].center[1] for yv in geo.y_values}
    geometry = GridGeometry(
        plot=(bounds.x, bounds.y, bounds.width, bounds.height),
        split=_split(geo, HIGH_FROM[x_attr], HIGH_FROM["influence"]),
        quadrants=quadrants,
        x_title=x_title,
        y_title="Influence (power)",
        x_ticks=[(column[v], x_labels.get(v, str(v))) for v in geo.x_values],
        y_ticks=[(row[v], str(v)) for v in geo.y_values],
        x_lines=geo.x_lines,
        y_lines=geo.y_lines,
    )
    return positions, geometry


class _Signals(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)
    routed = Signal(int, object)


def load_and_lay_out(request: LoadRequest, stale: Callable[[], bool] = _never) -> LayoutResult:
    """The worker's whole job for an account just opened."""
    reader = request.reader
    data = load_map_data(reader, request.account_id)
    pinned = reader.positions(request.account_id, request.view)
    return lay_out_read(data, request.view, pinned, request.collapsed, stale)


def lay_out_read(
    data: MapData,
    view: str,
    pinned: dict[str, Point],
    collapsed: frozenset[str] | None,
    stale: Callable[[], bool] = _never,
) -> LayoutResult:
    """An account just read, laid out: ``pinned`` are the cards the user placed on ``view``,
    ``collapsed`` the org chart's folded managers (None: fold a big account to fit). The
    result carries the data and the folds, for the map to build at once."""
    chart = data.org_chart()
    if collapsed is None:
        collapsed = frozenset(fold_to_fit(chart) if len(chart) > FOLD_ABOVE else ())
    hidden = frozenset(hidden_under(chart, collapsed)) if view == "org" else frozenset()
    result = compute_layout(
        LayoutRequest(view, data, card_sizes(data), pinned, hidden=hidden), stale
    )
    result.data = data
    result.collapsed = collapsed
    return result


class _Job(QRunnable):
    def __init__(
        self,
        generation: int,
        request: LayoutRequest | LoadRequest | ReadRequest,
        signals: _Signals,
        latest: Callable[[], int],
    ) -> None:
        super().__init__()
        self._generation = generation
        self._request = request
        self._signals = signals
        self._latest = latest

    def stale(self) -> bool:
        """A newer layout was asked for (or this one cancelled): its result would be dropped."""
        return self._latest() != self._generation

    def run(self) -> None:
        try:
            with background_work():
                request = self._request
                if isinstance(request, LoadRequest):
                    result = load_and_lay_out(request, self.stale)
                elif isinstance(request, ReadRequest):
                    result = lay_out_read(
                        request.data, request.view, request.pinned, request.collapsed, self.stale
                    )
                else:
                    result = compute_layout(request, self.stale)
        except Exception as exc:  # report it: a worker must never die silently
            self._signals.failed.emit(self._generation, f"Layout failed: {exc}")
            return
        self._signals.done.emit(self._generation, result)
        if result.ways is None and result.view in GRID_VIEWS:
            self._route_after(result)

    def _route_after(self, result: LayoutResult) -> None:
        """A big grid's links, routed once its positions are on screen (until a newer layout
        is asked for): a hover then draws a person's links without searching for them."""
        if not isinstance(self._request, LayoutRequest):
            if result.data is None:
                return
            data, sizes = result.data, card_sizes(result.data)
        else:
            data, sizes = self._request.data, self._request.sizes
        try:
            with background_work():
                ways = lane_ways(LayoutRequest(result.view, data, sizes, {}), result.positions)
        except Exception:  # the map routes a hovered person's links itself, as it would anyway
            _log.exception("Routing a grid's links on the worker failed")
            return
        if ways is not None and not self.stale():
            self._signals.routed.emit(self._generation, ways)


def load_analysis_modules() -> None:
    """What the other views, the departure impact and edits need and the first map does
    not: networkx and numpy (graph.layout loads both)."""
    import networkx  # noqa: F401

    import graph.layout  # noqa: F401
    from desktop.common.qt_runtime import keep_loaded_out_of_collection

    keep_loaded_out_of_collection()  # loaded for the app's life


class _WarmUp(QRunnable):
    def run(self) -> None:
        try:
            with background_work():
                load_analysis_modules()
        except Exception:  # whoever needs them imports them again, and says why it fails
            _log.exception("Loading the analysis modules ahead failed")


class LayoutWorker(QObject):
    """Runs layouts one after another on a private pool; only the newest result is delivered."""

    finished = Signal(object)  # LayoutResult
    failed = Signal(str)
    routed = Signal(object)  # LaneWays: a big grid's links, after its positions

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._generation = 0
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._signals.routed.connect(self._on_routed)
        self.busy = False

    def start(self, request: LayoutRequest | LoadRequest | ReadRequest) -> int:
        self._generation += 1
        self.busy = True
        self._pool.start(_Job(self._generation, request, self._signals, self.generation))
        return self._generation

    def warm_up(self) -> None:
        """Load the analysis modules on this worker, after whatever it is doing: once the
        first map is on screen, ready before the user asks for another view or an edit."""
        self._pool.start(_WarmUp())

    def generation(self) -> int:
        """The newest layout asked for (read by the job under way, to stop when stale)."""
        return self._generation

    def cancel(self) -> None:
        """Forget any layout under way (its result will be dropped)."""
        self._generation += 1
        self.busy = False

    def wait(self) -> None:
        self._pool.waitForDone()

    def _on_done(self, generation: int, result: LayoutResult) -> None:
        if generation != self._generation:
            return
        self.busy = False
        self.finished.emit(result)

    def _on_routed(self, generation: int, ways: LaneWays) -> None:
        if generation == self._generation:
            self.routed.emit(ways)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.busy = False
            self.failed.emit(message)


def spread(n: int) -> list[Point]:
    """Fallback positions on a square grid (used when a layout fails)."""
    side = max(1, math.ceil(math.sqrt(n)))
    return [((i % side) * 240.0, (i // side) * 120.0) for i in range(n)]
