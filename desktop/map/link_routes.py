"""Routes for links that go around cards instead of through them (no Qt: plain geometry).

``CardIndex`` keeps the cards' rectangles in a grid of buckets, so asking "which card does this
segment cross?" looks at the few cards near the segment, not at every card. ``route`` finds a
short polyline between two cards that crosses no other card: it starts from the straight line
and, while a segment of the best path so far crosses a card, adds that card's corners as places
to pass by and searches again (a visibility graph grown only around the cards in the way).
A link is drawn as that polyline with rounded corners, so it bends around cards, never over them.
"""

from __future__ import annotations

import heapq
import math
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from desktop.map.link_channels import Channels, channel_route

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # left, top, right, bottom

PAD = 10.0  # room kept between a link and a card it passes (covers the tags astride a card)
CELL = 180.0  # bucket size, about one card wide
MAX_OBSTACLES = 12  # cards a search may route around before it gives up (a straight line then)
# Maps with more cards shown than this draw links straight: thousands of links among thousands
# of cards cannot all go around them, and searching for it would freeze the map.
ROUTE_LIMIT = 400
_EPS = 1e-6
_UNPLANNED: list[Point] = []  # a link the plan did not route (a way is never empty)


def crosses(a: Point, b: Point, rect: Rect, pad: float = 0.0) -> bool:
    """Whether the segment a-b passes through ``rect`` grown by ``pad`` (touching is not
    crossing). Liang-Barsky clipping."""
    left, top, right, bottom = rect[0] - pad, rect[1] - pad, rect[2] + pad, rect[3] + pad
    x0, y0 = a
    dx, dy = b[0] - x0, b[1] - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if abs(p) < _EPS:
            if q <= _EPS:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 >= t1 - _EPS:
            return False
    # a real stretch inside, not a graze of a corner
    return (t1 - t0) * math.hypot(dx, dy) > 0.5


def inside(p: Point, rect: Rect, pad: float = 0.0) -> bool:
    return rect[0] - pad < p[0] < rect[2] + pad and rect[1] - pad < p[1] < rect[3] + pad


@dataclass(frozen=True)
class LaneWays:
    """A big map's links routed along its lanes ahead of time (on the layout worker, so the
    GUI thread only draws them), valid for cards lying exactly at ``rects``."""

    rects: dict[str, Rect]
    channels: Channels
    ways: dict[tuple[str, str], list[Point] | None]  # (source, target) -> channel_route's way
    thread: int  # the thread that routed them


def plan_lane_ways(
    rects: Mapping[str, Rect],
    links: Iterable[tuple[str, str]],
    stale: Callable[[], bool] = lambda: False,
) -> LaneWays | None:
    """Route ``links`` (source, target) along the lanes among cards at ``rects``, as the
    scene would once its cards lie there; None as soon as ``stale`` says nobody wants them
    any more (the user moved on to another view)."""
    index = CardIndex()
    for key, rect in rects.items():
        index.place(key, rect)
    ways: dict[tuple[str, str], list[Point] | None] = {}
    for n, (a, b) in enumerate(links):
        if n % 64 == 0 and stale():
            return None
        if a in rects and b in rects:
            ways[(a, b)] = channel_route(index, a, b)
    return LaneWays(dict(index.rects), index.channels, ways, threading.get_ident())


class CardIndex:
    """Card rectangles by bucket of a uniform grid."""

    def __init__(self, cell: float = CELL, pad: float = PAD) -> None:
        self.cell = cell
        self.pad = pad
        self.rects: dict[str, Rect] = {}
        self._buckets: dict[tuple[int, int], set[str]] = {}
        self._cells: dict[str, list[tuple[int, int]]] = {}
        # the lanes among the cards, found when a link first asks and kept in step with
        # the cards moved one by one (a drag); a new layout finds them afresh
        self._channels: Channels | None = None
        # ways routed ahead of time for the cards where they will lie (see expect), taken up
        # once the cards lie exactly there and dropped as soon as any card moves
        self._planned: LaneWays | None = None
        self._ways: dict[tuple[str, str], list[Point] | None] | None = None
        self._version = 0  # bumped whenever a card is placed, moved or taken away
        self._checked = -1  # the version at which the planned ways were last compared

    def __len__(self) -> int:
        return len(self.rects)

    def place(self, key: str, rect: Rect | None) -> None:
        """Place (or with None, take away) a card."""
        old = self.rects.get(key)
        if old == rect:
            return
        self._version += 1
        self._ways = None
        if self._channels is not None:
            self._channels.place(key, old, rect)
        for cell in self._cells.pop(key, ()):
            bucket = self._buckets.get(cell)
            if bucket is not None:
                bucket.discard(key)
        if rect is None:
            self.rects.pop(key, None)
            return
        self.rects[key] = rect
        cells = list(self._covering(rect, self.pad))
        self._cells[key] = cells
        for cell in cells:
            self._buckets.setdefault(cell, set()).add(key)

    def clear(self) -> None:
        self.rects.clear()
        self._buckets.clear()
        self._cells.clear()
        self._channels = None
        self._planned = None
        self._ways = None
        self._checked = -1

    def relaid(self) -> None:
        """The cards have a new layout: its lanes are found afresh when next asked for."""
        self._channels = None
        self._ways = None
        self._checked = -1

    def expect(self, planned: LaneWays | None) -> None:
        """Ways routed ahead of time for a layout about to be placed: used, instead of routing
        again, once the cards lie exactly where they were routed for."""
        self._planned = planned
        self._checked = -1

    def lane_way(self, source: str, target: str) -> list[Point] | None:
        """``channel_route`` from ``source`` to ``target``, taken from the planned ways when
        the cards lie where those were routed for."""
        planned = self._planned
        if planned is not None and self._checked != self._version:
            self._checked = self._version
            if planned.rects == self.rects:  # the lanes and every way hold as routed
                self._channels, self._ways, self._planned = planned.channels, planned.ways, None
        if self._ways is not None:
            found = self._ways.get((source, target), _UNPLANNED)
            if found is not _UNPLANNED:
                return found
        return channel_route(self, source, target)

    @property
    def channels(self) -> Channels:
        """The lanes among the cards, with the cards filed in them."""
        if self._channels is None:
            self._channels = Channels.among(self.rects)
        return self._channels

    def _covering(self, rect: Rect, pad: float) -> Iterable[tuple[int, int]]:
        c = self.cell
        x0, x1 = math.floor((rect[0] - pad) / c), math.floor((rect[2] + pad) / c)
        y0, y1 = math.floor((rect[1] - pad) / c), math.floor((rect[3] + pad) / c)
        for i in range(x0, x1 + 1):
            for j in range(y0, y1 + 1):
                yield i, j

    def near_segment(self, a: Point, b: Point) -> set[str]:
        """Cards in the buckets the segment passes through: a card is filed in every bucket its
        padded rectangle covers, so a stretch of the segment inside it lies in one of those."""
        found: set[str] = set()
        buckets = self._buckets
        for cell in _cells_on(a, b, self.cell):
            bucket = buckets.get(cell)
            if bucket:
                found |= bucket
        return found

    def first_crossed(
        self, a: Point, b: Point, ignore: Collection[str] = (), pad: float | None = None
    ) -> str | None:
        """The card nearest ``a`` that the segment crosses, or None."""
        pad = self.pad if pad is None else pad
        best: tuple[float, str] | None = None
        for key in self.near_segment(a, b):
            if key in ignore:
                continue
            rect = self.rects[key]
            if (
                max(a[0], b[0]) <= rect[0] - pad
                or min(a[0], b[0]) >= rect[2] + pad
                or max(a[1], b[1]) <= rect[1] - pad
                or min(a[1], b[1]) >= rect[3] + pad
            ):
                continue  # apart: no need to clip
            if crosses(a, b, rect, pad):
                cx, cy = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
                d = (cx - a[0]) ** 2 + (cy - a[1]) ** 2
                if best is None or d < best[0]:
                    best = (d, key)
        return best[1] if best is not None else None

    def clear_path(
        self, points: list[Point], ignore: Collection[str] = (), pad: float | None = None
    ) -> bool:
        return all(self.first_crossed(p, q, ignore, pad) is None for p, q in pairwise(points))


def _cells_on(a: Point, b: Point, size: float) -> list[tuple[int, int]]:
    """The grid cells a segment passes through, in order (Amanatides & Woo)."""
    x0, y0, x1, y1 = a[0] / size, a[1] / size, b[0] / size, b[1] / size
    i, j = math.floor(x0), math.floor(y0)
    last_i, last_j = math.floor(x1), math.floor(y1)
    cells = [(i, j)]
    steps = abs(last_i - i) + abs(last_j - j)
    if not steps:
        return cells
    dx, dy = x1 - x0, y1 - y0
    step_i, step_j = (1 if dx > 0 else -1), (1 if dy > 0 else -1)
    next_x = ((i + (dx > 0)) - x0) / dx if dx else math.inf
    next_y = ((j + (dy > 0)) - y0) / dy if dy else math.inf
    every_x, every_y = (abs(1 / dx) if dx else math.inf), (abs(1 / dy) if dy else math.inf)
    for _ in range(steps):
        if next_x < next_y:
            i += step_i
            next_x += every_x
        else:
            j += step_j
            next_y += every_y
        cells.append((i, j))
    return cells


def _corners(rect: Rect, pad: float) -> list[Point]:
    left, top, right, bottom = rect[0] - pad, rect[1] - pad, rect[2] + pad, rect[3] + pad
    return [(left, top), (right, top), (right, bottom), (left, bottom)]


def route(
    index: CardIndex, a: Point, b: Point, ends: Collection[str], pad: float | None = None
) -> list[Point] | None:
    """The shortest polyline from ``a`` to ``b`` that crosses no card of ``index`` other
    than ``ends`` (the link's own cards), keeping ``pad`` clear of them; None when the cards
    in the way wall it in."""
    pad = index.pad if pad is None else pad
    if index.first_crossed(a, b, ends, pad) is None:
        return [a, b]
    around: dict[str, Rect] = {}
    corner_pad = pad + 1.5  # just outside the room kept, so a pass along a side is clear
    for _ in range(MAX_OBSTACLES):
        path = _shortest(a, b, around, pad, corner_pad)
        if path is None:
            return None
        blocker = None
        for p, q in pairwise(path):
            blocker = index.first_crossed(p, q, [*ends, *around], pad)
            if blocker is not None:
                break
        if blocker is None:
            return path
        around[blocker] = index.rects[blocker]
    return None


def _shortest(
    a: Point, b: Point, around: dict[str, Rect], pad: float, corner_pad: float
) -> list[Point] | None:
    """Dijkstra over a, b and the corners of the cards in ``around``, with sight lines that
    cross none of them."""
    rects = list(around.values())
    nodes: list[Point] = [a, b]
    for rect in rects:
        for corner in _corners(rect, corner_pad):
            if not any(inside(corner, other, pad) for other in rects):
                nodes.append(corner)

    def seen(p: Point, q: Point) -> bool:
        return not any(crosses(p, q, rect, pad) for rect in rects)

    dist = {0: 0.0}
    back: dict[int, int] = {}
    queue = [(0.0, 0)]
    done: set[int] = set()
    while queue:
        d, i = heapq.heappop(queue)
        if i in done:
            continue
        done.add(i)
        if i == 1:
            out = [b]
            while i != 0:
                i = back[i]
                out.append(nodes[i])
            return out[::-1]
        p = nodes[i]
        for j, q in enumerate(nodes):
            if j in done or j == i:
                continue
            nd = d + math.hypot(q[0] - p[0], q[1] - p[1])
            if nd < dist.get(j, math.inf) and seen(p, q):
                dist[j] = nd
                back[j] = i
                heapq.heappush(queue, (nd, j))
    return None


def quad_points(a: Point, control: Point, b: Point, steps: int = 8) -> list[Point]:
    """A quadratic curve as a polyline (to check it against the cards)."""
    out = []
    for k in range(steps + 1):
        t = k / steps
        u = 1 - t
        out.append(
            (
                u * u * a[0] + 2 * u * t * control[0] + t * t * b[0],
                u * u * a[1] + 2 * u * t * control[1] + t * t * b[1],
            )
        )
    return out
