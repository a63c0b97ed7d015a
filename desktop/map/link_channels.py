"""Links that run in the lanes a layout leaves between rows and columns of cards (no Qt).

A big map cannot afford a search around the cards for each of thousands of links. Its layout
leaves lanes instead (the network snaps its cards to a lattice, the org chart and the grids
keep gaps between rows and between cards): ``lanes_between`` finds them, and ``Channels`` keeps,
for each lane, which stretches of it the cards block (a card dragged onto a lane blocks it
there). ``channel_route``
sends a link out of its card through the side facing the other card into the lane alongside,
along that lane to a crossing lane, and in the same way into the other card: links that share
lanes run together, bundled, and none crosses a card.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from itertools import islice, pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.map.link_routes import CardIndex, Point, Rect

LANE_PAD = 6.0  # room a lane keeps from the cards beside it (grids keep 16 px between cards)
EDGE_LANE = 24.0  # the lane around the outside of a row, this far from its cards
CROSSING_TRIES = 24  # crossing lanes tried for one link before it gives up on the lanes
TRUNK_TRIES = 4  # lanes tried out of (and into) a card on the way to a trunk lane
SEARCH_LIMIT = 20000  # lane crossings a search for a way looks at before it gives up
BEND_COST = 60.0  # a search prefers a way this much longer to one more bend


class _Lanes:
    """Parallel lanes at ``at`` (sorted) and the stretches of each that cards block."""

    def __init__(self, at: Sequence[float], pad: float) -> None:
        self.at = sorted(at)
        self.pad = pad
        self._blocking: list[dict[str, tuple[float, float]]] = [{} for _ in self.at]
        self._merged: dict[int, tuple[list[float], list[float]]] = {}

    def across(self, low: float, high: float) -> range:
        """The lanes that run through the stretch low..high (a card's side, padded)."""
        return range(bisect_right(self.at, low - self.pad), bisect_left(self.at, high + self.pad))

    def block(self, key: str, span: tuple[float, float, float, float] | None, add: bool) -> None:
        """``span`` is (across low, across high, along low, along high) of a card."""
        if span is None:
            return
        for i in self.across(span[0], span[1]):
            if add:
                self._blocking[i][key] = (span[2] - self.pad, span[3] + self.pad)
            else:
                self._blocking[i].pop(key, None)
            self._merged.pop(i, None)

    def free(self, i: int, a: float, b: float) -> bool:
        """Whether lane ``i`` is clear of cards between ``a`` and ``b``."""
        low, high = (a, b) if a < b else (b, a)
        starts, ends = self._merged_lane(i)
        j = bisect_left(starts, high) - 1
        return j < 0 or ends[j] <= low

    def _merged_lane(self, i: int) -> tuple[list[float], list[float]]:
        merged = self._merged.get(i)
        if merged is None:
            starts: list[float] = []
            ends: list[float] = []
            for start, end in sorted(self._blocking[i].values()):
                if starts and start <= ends[-1]:
                    ends[-1] = max(ends[-1], end)
                else:
                    starts.append(start)
                    ends.append(end)
            merged = self._merged[i] = (starts, ends)
        return merged

    def beside(self, low: float, high: float, toward: float) -> list[int]:
        """The lanes just before ``low`` and just after ``high`` (a card's sides), the one
        on the side of ``toward`` first."""
        before = bisect_right(self.at, low - self.pad) - 1
        after = bisect_left(self.at, high + self.pad)
        out = [i for i in (before, after) if 0 <= i < len(self.at)]
        if len(out) == 2 and toward > (low + high) / 2:
            out.reverse()
        return out

    def nearest(self, a: float, b: float) -> Iterator[int]:
        """Lanes by how little a detour through them adds to going from ``a`` to ``b``, the
        ones nearer ``b`` first among equals."""
        low, high = (a, b) if a < b else (b, a)
        at = self.at
        first, last = bisect_left(at, low), bisect_right(at, high)
        left = min(max(bisect_left(at, b), first), last) - 1
        right = left + 1
        while left >= first or right < last:  # inside, from b outward
            if right >= last or (left >= first and b - at[left] <= at[right] - b):
                yield left
                left -= 1
            else:
                yield right
                right += 1
        left, right = first - 1, last
        while left >= 0 or right < len(self.at):
            dl = low - self.at[left] if left >= 0 else float("inf")
            dr = self.at[right] - high if right < len(self.at) else float("inf")
            if dl <= dr:
                yield left
                left -= 1
            else:
                yield right
                right += 1


class Channels:
    """Horizontal lanes at ``ys`` and vertical lanes at ``xs`` (scene coordinates)."""

    def __init__(self, xs: Sequence[float], ys: Sequence[float], pad: float = LANE_PAD) -> None:
        self.rows = _Lanes(ys, pad)  # horizontal lanes, found by y
        self.columns = _Lanes(xs, pad)  # vertical lanes, found by x

    @classmethod
    def among(cls, rects: Mapping[str, Rect]) -> Channels:
        """The lanes among cards as they lie, with the cards filed in them."""
        channels = cls(*lanes_between(rects))
        for key, rect in rects.items():
            channels.place(key, None, rect)
        return channels

    def place(self, key: str, old: Rect | None, new: Rect | None) -> None:
        for rect, add in ((old, False), (new, True)):
            if rect is None:
                continue
            left, top, right, bottom = rect
            self.rows.block(key, (top, bottom, left, right), add)
            self.columns.block(key, (left, right, top, bottom), add)


def lanes_between(rects: Mapping[str, Rect]) -> tuple[list[float], list[float]]:
    """Vertical lanes (x) and horizontal lanes (y) among cards: between two rows of cards,
    between two neighbours of a row or of a column, and around each row's ends and the map's
    top and bottom. A lane may be blocked elsewhere by other cards; ``Channels`` finds where.

    A lane runs midway between the two cards' centres where that keeps clear of both: cards
    of other widths centred in the same columns (a lattice, a grid's cell, a block of
    reports) then share one lane rather than each pair having its own a few pixels apart."""
    if not rects:
        return [], []
    rows: dict[float, list[Rect]] = {}
    columns: dict[float, list[Rect]] = {}
    for rect in rects.values():
        rows.setdefault(round((rect[1] + rect[3]) / 2, 1), []).append(rect)
        columns.setdefault(round((rect[0] + rect[2]) / 2, 1), []).append(rect)
    xs: set[float] = set()
    ends: list[tuple[float, float]] = []  # each row's left and right
    extents: list[tuple[float, float, float]] = []  # each row's top, bottom and centre
    for centre, row in rows.items():
        row.sort()
        extents.append((min(r[1] for r in row), max(r[3] for r in row), centre))
        ends.append((row[0][0], row[-1][2]))
        for left, right in pairwise(row):
            lane = _midway(left[2], right[0], (left[0] + left[2] + right[0] + right[2]) / 4)
            if lane is not None:
                xs.add(lane)
    ys: set[float] = set()
    for column in columns.values():  # within each cell of a grid, whose rows are offset
        column.sort(key=lambda r: r[1])
        for upper, lower in pairwise(column):
            lane = _midway(upper[3], lower[1], (upper[1] + upper[3] + lower[1] + lower[3]) / 4)
            if lane is not None:
                ys.add(lane)
    extents.sort()
    lowest, centre = extents[0][1], extents[0][2]  # the bottom of the rows above so far
    for top, bottom, next_centre in extents[1:]:
        lane = _midway(lowest, top, (centre + next_centre) / 2)
        if lane is not None:
            ys.add(lane)
        if bottom > lowest:
            lowest, centre = bottom, next_centre
    xs |= _outside(sorted(xs), ends)
    ys |= _outside(sorted(ys), [(extents[0][0], max(e[1] for e in extents))])
    return sorted(xs), sorted(ys)


def _midway(start: float, end: float, between_centres: float) -> float | None:
    """The lane in the gap from ``start`` to ``end``: midway between the cards' centres if
    that keeps clear of them, else midway across the gap; None if the gap is too narrow."""
    if end - start <= 2 * LANE_PAD:
        return None
    if start + LANE_PAD < between_centres < end - LANE_PAD:
        return round(between_centres, 1)
    return round((start + end) / 2, 1)


def _outside(lanes: list[float], spans: list[tuple[float, float]]) -> set[float]:
    """Lanes just outside each span's ends, unless a lane runs there already."""
    out: set[float] = set()
    for low, high in spans:
        for lane, side in ((low - EDGE_LANE, -1), (high + EDGE_LANE, 1)):
            # a lane already within reach outside this end will do
            near, far = sorted((lane - side * (EDGE_LANE - LANE_PAD), lane + side * EDGE_LANE))
            i = bisect_left(lanes, near)
            if not (i < len(lanes) and lanes[i] <= far):
                out.add(round(lane, 1))
    return out


def channel_route(index: CardIndex, source: str, target: str) -> list[Point] | None:
    """A path from the centre of card ``source`` to that of ``target`` along the lanes among
    the cards of ``index`` crossing no card, or None when the lanes beside them are blocked."""
    channels = index.channels
    ra, rb = index.rects[source], index.rects[target]
    a = ((ra[0] + ra[2]) / 2, (ra[1] + ra[3]) / 2)
    b = ((rb[0] + rb[2]) / 2, (rb[1] + rb[3]) / 2)
    rows, columns = channels.rows, channels.columns
    ends = (source, target)
    for ha in rows.beside(ra[1], ra[3], b[1]):
        ya = rows.at[ha]
        if not _port_clear(index, a, ra, ya, ends):
            continue
        for hb in rows.beside(rb[1], rb[3], a[1]):
            yb = rows.at[hb]
            if not _port_clear(index, b, rb, yb, ends):
                continue
            if ha == hb:
                if rows.free(ha, a[0], b[0]):
                    return _tidy([a, (a[0], ya), (b[0], ya), b])
                continue
            for v in islice(columns.nearest(a[0], b[0]), CROSSING_TRIES):
                x = columns.at[v]
                if rows.free(ha, a[0], x) and columns.free(v, ya, yb) and rows.free(hb, x, b[0]):
                    return _tidy([a, (a[0], ya), (x, ya), (x, yb), (b[0], yb), b])
            trunk = _by_trunk(channels, a, b, ha, hb)
            if trunk is not None:
                return trunk
            return _search(channels, a, b, ha, hb)
    return None


def _by_trunk(channels: Channels, a: Point, b: Point, ha: int, hb: int) -> list[Point] | None:
    """Out along the lane beside ``a`` to a crossing lane, along that to a trunk lane, along
    the trunk to a crossing lane that reaches the lane beside ``b``: for cards whose lanes
    are blocked between them (the cells of a grid, a lattice with cards placed by hand)."""
    rows, columns = channels.rows, channels.columns
    ya, yb = rows.at[ha], rows.at[hb]
    outs = [
        v
        for v in islice(columns.nearest(a[0], a[0]), TRUNK_TRIES)
        if rows.free(ha, a[0], columns.at[v])
    ]
    ins = [
        v
        for v in islice(columns.nearest(b[0], b[0]), TRUNK_TRIES)
        if rows.free(hb, b[0], columns.at[v])
    ]
    for v1 in outs:
        x1 = columns.at[v1]
        for v2 in ins:
            x2 = columns.at[v2]
            for h in islice(rows.nearest(ya, yb), CROSSING_TRIES):
                y = rows.at[h]
                if columns.free(v1, ya, y) and rows.free(h, x1, x2) and columns.free(v2, y, yb):
                    return _tidy(
                        [a, (a[0], ya), (x1, ya), (x1, y), (x2, y), (x2, yb), (b[0], yb), b]
                    )
    return None


def _search(channels: Channels, a: Point, b: Point, ha: int, hb: int) -> list[Point] | None:
    """The shortest way along the lanes (A*, a bend costing ``BEND_COST``) from the lane
    beside ``a`` to the lane beside ``b``: when no simple shape of lanes gets there (from
    one cell of a grid to another). Gives up after ``SEARCH_LIMIT`` steps."""
    rows, columns = channels.rows, channels.columns
    xs, ys = columns.at, rows.at
    ya, yb = ys[ha], ys[hb]

    def guess(i: int, j: int) -> float:
        return abs(xs[j] - b[0]) + abs(ys[i] - yb)

    State = tuple[int, int, int]  # row lane, column lane, 0 along a row / 1 along a column
    best: dict[State, float] = {}
    back: dict[State, State | None] = {}
    queue: list[tuple[float, float, State]] = []
    for j in _sides(xs, a[0]):
        if rows.free(ha, a[0], xs[j]):
            state = (ha, j, 0)
            cost = abs(xs[j] - a[0])
            best[state], back[state] = cost, None
            heapq.heappush(queue, (cost + guess(ha, j), cost, state))
    steps = 0
    finish: tuple[float, State] | None = None
    while queue and steps < SEARCH_LIMIT:
        _, cost, state = heapq.heappop(queue)
        if finish is not None and cost + guess(state[0], state[1]) >= finish[0]:
            break
        if cost > best.get(state, math.inf):
            continue
        steps += 1
        i, j, along = state
        if i == hb and rows.free(hb, xs[j], b[0]):
            total = cost + abs(xs[j] - b[0]) + (BEND_COST if along else 0.0)
            if finish is None or total < finish[0]:
                finish = (total, state)
        moves = []
        for nj in (j - 1, j + 1):
            if 0 <= nj < len(xs) and rows.free(i, xs[j], xs[nj]):
                moves.append(((i, nj, 0), abs(xs[nj] - xs[j]) + (BEND_COST if along else 0.0)))
        for ni in (i - 1, i + 1):
            if 0 <= ni < len(ys) and columns.free(j, ys[i], ys[ni]):
                moves.append(((ni, j, 1), abs(ys[ni] - ys[i]) + (0.0 if along else BEND_COST)))
        for nxt, step in moves:
            total = cost + step
            if total < best.get(nxt, math.inf):
                best[nxt], back[nxt] = total, state
                heapq.heappush(queue, (total + guess(nxt[0], nxt[1]), total, nxt))
    if finish is None:
        return None
    corners: list[Point] = []
    at: State | None = finish[1]
    while at is not None:
        corners.append((xs[at[1]], ys[at[0]]))
        at = back[at]
    corners.reverse()
    return _tidy([a, (a[0], ya), *corners, (b[0], yb), b])


def _sides(at: list[float], x: float) -> list[int]:
    """The lanes nearest ``x`` on either side."""
    i = bisect_left(at, x)
    return [k for k in (i - 1, i) if 0 <= k < len(at)]


def _port_clear(
    index: CardIndex, centre: Point, rect: Rect, lane: float, ends: Sequence[str]
) -> bool:
    """Whether the way from the card's side straight to the lane at y ``lane`` is clear."""
    side = rect[3] if lane > centre[1] else rect[1]
    return index.first_crossed((centre[0], side), (centre[0], lane), ends, LANE_PAD) is None


def _tidy(points: list[Point]) -> list[Point]:
    """Without repeated points or bends that go straight on."""
    out: list[Point] = []
    for p in points:
        if out and abs(p[0] - out[-1][0]) < 0.01 and abs(p[1] - out[-1][1]) < 0.01:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            straight_on = (x1 - x0) * (p[1] - y1) - (y1 - y0) * (p[0] - x1) == 0
            if straight_on and (x1 - x0) * (p[0] - x1) + (y1 - y0) * (p[1] - y1) > 0:
                out[-1] = p
                continue
        out.append(p)
    return out
