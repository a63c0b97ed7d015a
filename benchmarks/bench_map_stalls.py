"""Benchmark: the longest GUI-thread stall while a big account's map opens and changes view.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_map_stalls.py FILE [--account NAME]
        [--views org,network,power_interest,influence_attitude] [--profile VIEW]

Opens the account in a shown map widget (1366x768), then switches it to each view in turn, as
the view combo does. A QTimer ticks every 10 ms on the GUI thread; the largest gap between two
ticks, less the 10 ms, is the longest time the window could not answer. On a shared machine
that gap also holds the time the process waited for a core (or for the worker to let go of
Python's lock), so beside it is the GUI thread's own CPU time between two ticks: the part the
app's work on that thread made. Each view's figure
covers the switch, its layout landing and 1.5 s after (deferred work: bundles, routing).
Target: no stall over 100 ms. ``--profile VIEW`` prints a cProfile of that view's switch.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import desktop.map  # noqa: F401  (PySide6 6.12 / Python 3.11 guard)
from desktop.map.render import ensure_application
from graph.workspace import Workspace

TICK_MS = 10
SETTLE_S = 1.5
TARGET_MS = 100.0


class StallWatch:
    """The largest gap between ticks of a 10 ms timer, since the last ``reset``."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer(interval=TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.reset()
        self.timer.start()

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.worst = 0.0
        self.worst_cpu = 0.0

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.worst = max(self.worst, now - self.last - TICK_MS / 1000)
        self.worst_cpu = max(self.worst_cpu, cpu - self.last_cpu)
        self.last, self.last_cpu = now, cpu


def spin(app: object, until: object, timeout: float) -> None:
    """Run the event loop until ``until()`` or ``timeout`` seconds."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    end = time.perf_counter() + timeout

    def check() -> None:
        if until() or time.perf_counter() > end:  # type: ignore[operator]
            loop.quit()

    poll = QTimer(interval=5)
    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()


class Trace:
    """How long the GUI thread spent in each of the map's big steps (with ``--trace``)."""

    def __init__(self) -> None:
        self.spans: list[tuple[str, float, float]] = []  # name, wall and CPU seconds
        self.profile_slowest = False
        self.slowest: tuple[float, cProfile.Profile | None] = (0.0, None)

    def wrap(self, owner: type, name: str) -> None:
        real = getattr(owner, name)
        trace = self

        def timed(*args: object, **kwargs: object) -> object:
            # the GUI thread's own time: waits for a core or for Python's lock left out
            profile = cProfile.Profile(time.thread_time) if trace.profile_slowest else None
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                if profile is not None:
                    return profile.runcall(real, *args, **kwargs)
                return real(*args, **kwargs)
            finally:
                took = time.perf_counter() - start
                trace.spans.append((f"{owner.__name__}.{name}", took, time.thread_time() - cpu))
                busy = time.thread_time() - cpu
                if profile is not None and busy > trace.slowest[0]:
                    trace.slowest = (busy, profile)

        setattr(owner, name, timed)

    def watch_collector(self) -> None:
        """Time each garbage collection (on whichever thread runs it)."""
        import gc
        import threading

        started: dict[int, tuple[float, float]] = {}
        gui = threading.get_ident()

        def timed(phase: str, info: dict[str, int]) -> None:
            me = threading.get_ident()
            if phase == "start":
                started[me] = (time.perf_counter(), time.thread_time())
            elif me in started:
                where = "gui" if me == gui else "worker"
                name = f"gc{info['generation']}({where})"
                wall, cpu = started.pop(me)
                took = (time.perf_counter() - wall, time.thread_time() - cpu)
                self.spans.append((name, *took))

        gc.callbacks.append(timed)

    def report(self, floor_s: float = 0.03) -> str:
        spans, self.spans = self.spans, []
        return ", ".join(f"{n} {d * 1000:.0f}/{c * 1000:.0f}" for n, d, c in spans if d >= floor_s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file")
    parser.add_argument("--account", default="Summit Payments")
    parser.add_argument("--views", default="org,network,power_interest,influence_attitude,org")
    parser.add_argument("--profile", default="")
    parser.add_argument("--trace", action="store_true", help="time the map's big steps")
    parser.add_argument("--slowest", action="store_true", help="profile the slowest step")
    args = parser.parse_args(argv)

    app = ensure_application()
    from PySide6.QtGui import QUndoStack

    from desktop.map.map_widget import MapWidget
    from desktop.workspace.selection import Selection

    trace = Trace()
    trace.profile_slowest = args.slowest
    if args.trace:
        from desktop.map.view import MapView

        trace.wrap(MapWidget, "_on_layout")
        trace.wrap(MapWidget, "set_view")
        trace.wrap(MapView, "paintEvent")
        from desktop.map.scene_routing import LinkRouting

        trace.wrap(LinkRouting, "flush_bundles")
        from desktop.map.scene_slices import SlicedWork

        trace.wrap(SlicedWork, "_turn")
        trace.watch_collector()
    ws = Workspace.open(args.file)
    account = ws.account_named(args.account)
    stack, selection = QUndoStack(), Selection()
    widget = MapWidget(ws, stack, selection)
    widget.resize(1366, 768)
    widget.show()
    landed: list[str] = []
    widget.layoutApplied.connect(landed.append)
    watch = StallWatch()
    spin(app, lambda: False, 0.3)
    people = len(ws.people(account.id))
    print(
        f"{args.account}: {people} people; longest GUI-thread stall per step"
        f" (target < {TARGET_MS:.0f} ms)"
    )
    worst_all = worst_cpu = 0.0
    for i, view in enumerate(args.views.split(",")):
        landed.clear()
        profile = cProfile.Profile() if view == args.profile else None
        if profile is not None:
            profile.enable()
        watch.reset()
        start = time.perf_counter()
        if i == 0:
            widget.set_view(view)
            widget.set_account(account.id)
            label = f"open ({view})"
        else:
            widget.set_view(view)
            label = f"switch to {view}"
        spin(app, lambda: bool(landed), 120)
        took = time.perf_counter() - start
        spin(app, lambda: False, SETTLE_S)
        if profile is not None:
            profile.disable()
        worst_all = max(worst_all, watch.worst)
        worst_cpu = max(worst_cpu, watch.worst_cpu)
        print(
            f"  {label:26} stall {watch.worst * 1000:6.1f} ms, GUI thread busy"
            f" {watch.worst_cpu * 1000:6.1f} ms  (layout landed after {took:5.2f} s)"
        )
        if args.trace:
            print(f"      GUI-thread steps over 30 ms (wall/CPU ms): {trace.report()}")
        if profile is not None:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
    if trace.slowest[1] is not None:
        print(f"slowest step: {trace.slowest[0] * 1000:.0f} ms of CPU (profiled)")
        pstats.Stats(trace.slowest[1]).sort_stats("cumulative").print_stats(30)
    print(
        f"longest stall: {worst_all * 1000:.1f} ms, GUI thread busy at most"
        f" {worst_cpu * 1000:.1f} ms between ticks"
        f" ({'ok' if worst_cpu * 1000 < TARGET_MS else 'OVER TARGET'}; load average"
        f" {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    widget.close()
    ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
