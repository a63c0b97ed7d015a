"""Benchmark: reading the large portfolio as of a past day costs what reading it as of today does.

    python benchmarks/bench_as_of.py [--workspace /tmp/rapport-bench/as-of.rapport] [--runs 3]

Whole processes, as a user runs them (one warm-up, then the median of ``--runs``):
``rapport summary --json`` as of today and as of a day a year back, and ``rapport export`` of
the largest account's QBR for the current quarter (as of today) and for the quarter that ended a
year back (as of its last day). Target (issue 10): the past costs at most 1.2x today.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.cli.sample_file import write_sample_file  # noqa: E402
from graph.workspace import Workspace  # noqa: E402
from reports.quarter import Quarter  # noqa: E402

TODAY = dt.date(2026, 11, 22)
PAST = TODAY - dt.timedelta(days=365)
TARGET_RATIO = 1.2


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time of ``runs`` runs after one warm-up."""
    command = [sys.executable, "-m", "desktop.cli", *args]
    env = {"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)  # warm-up
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _children_cpu()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workspace", type=Path, default=Path("/tmp/rapport-bench/as-of.rapport"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path: Path = args.workspace
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_sample_file(path, size="large", today=TODAY)
    with Workspace.open(path, readonly=True) as ws:
        largest = max(ws.accounts(), key=lambda a: len(ws.people(a.id)))
        people = len(ws.people(largest.id))
        start_month = largest.fiscal_year_start_month
    past_quarter = Quarter.containing(PAST, start_month).previous
    print(f"largest account: {largest.name} ({people} people); runs: {args.runs}, median")

    rows: list[tuple[str, tuple[float, float], tuple[float, float]]] = []
    summary = ["summary", str(path), "--json"]
    rows.append(
        (
            "rapport summary --json",
            timed([*summary, "--today", TODAY.isoformat()], args.runs),
            timed([*summary, "--today", PAST.isoformat()], args.runs),
        )
    )
    with tempfile.TemporaryDirectory() as scratch:
        export = ["export", str(path), "--account", largest.name, "--today", TODAY.isoformat()]
        book = str(Path(scratch) / "qbr.xlsx")
        rows.append(
            (
                f"rapport export (current vs {past_quarter.label})",
                timed([*export, "--quarter", "current", "--xlsx", book], args.runs),
                timed([*export, "--quarter", past_quarter.label, "--xlsx", book], args.runs),
            )
        )
    print(f"{'command':42} {'as of today':>18} {'as of past':>18} {'ratio':>7}  target")
    for name, (now, now_cpu), (past, past_cpu) in rows:
        ratio = past / now
        verdict = "ok" if ratio <= TARGET_RATIO else "OVER"
        print(
            f"{name:42} {now:6.2f}s ({now_cpu:5.2f} cpu) {past:6.2f}s ({past_cpu:5.2f} cpu) "
            f"{ratio:6.2f}x  ≤{TARGET_RATIO}x {verdict} (cpu {past_cpu / now_cpu:.2f}x)"
        )


if __name__ == "__main__":
    main()
