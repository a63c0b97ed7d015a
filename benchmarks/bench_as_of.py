"""Benchmark: reading the large portfolio as of a past day costs what reading it as of today does.

    python benchmarks/bench_as_of.py [--workspace /tmp/rapport-bench/as-of-lived.rapport] [--runs 3]

The large sample writes no change log (it stands for a made-up past), so the benchmark first
lives a year on it through the workspace's write paths, one day at a time on a fixed clock
(``live_a_year``): on the largest account and a few others, every day some titles, levels and
attitudes change, a risk is raised or closed, a ticket resolved, a goal moves, and every few days
a person (with their links, coverage and attendances), an interaction, a link and a risk are
deleted. Then, as whole processes (one warm-up, then the median of ``--runs``):
``rapport summary --json`` as of today and as of a day a year back, and ``rapport export`` of
the largest account's QBR for the current quarter (as of today) and for the quarter that ended a
year back (as of its last day). Target (issue 10): the past costs at most 1.2x today.
Last, a single edit of a person's title with its history rows, in-process: target < 10 ms median.
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
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.cli.sample_file import write_sample_file  # noqa: E402
from graph import operations as op  # noqa: E402
from graph import schema as s  # noqa: E402
from graph.clock import FixedClock  # noqa: E402
from graph.vocabulary import (  # noqa: E402
    GoalStatus,
    Level,
    RiskLevel,
    RiskStatus,
    Severity,
    TicketStatus,
)
from graph.workspace import Workspace  # noqa: E402
from reports.quarter import Quarter  # noqa: E402

TODAY = dt.date(2026, 11, 22)
PAST = TODAY - dt.timedelta(days=365)
TARGET_RATIO = 1.2
EDIT_TARGET_MS = 10.0
LEVELS = (Level.EXECUTIVE, Level.MANAGEMENT, Level.OPERATIONS)


def live_a_year(path: Path, largest: int, others: list[int]) -> int:
    """A year of edits and deletions after PAST, through the workspace (history rows and all);
    returns the number of history rows written."""
    clock = FixedClock(dt.datetime.combine(PAST, dt.time(8)))
    with Workspace.open(path, clock=clock) as ws:
        ws.author = "Bench"
        people = {a: [p.id for p in ws.people(a)] for a in (largest, *others)}
        links = [r.id for r in ws.relationships(largest)]
        interactions = [i.id for i in ws.find(s.Interaction, account_id=largest)]
        tickets = [
            t.id
            for t in ws.find(s.Ticket, account_id=largest, order_by=s.Ticket.opened_on.desc())
            if t.opened_on <= PAST and t.resolved_on is None
        ]
        goals = [g.id for g in ws.find(s.Goal, account_id=largest)]
        day, n = PAST + dt.timedelta(days=1), 0
        while day < TODAY:
            clock.set(dt.datetime.combine(day, dt.time(9)))
            for account, ids in people.items():
                for _ in range(6 if account == largest else 2):
                    n += 1
                    pid = ids[(n * 7919) % len(ids)]
                    match n % 3:
                        case 0:
                            ws.update(s.Person, pid, title=f"Title {n}")
                        case 1:
                            ws.update(s.Person, pid, level=LEVELS[n % 3], influence=1 + n % 5)
                        case _:
                            ws.update(s.Person, pid, attitude=(n % 5) - 2)
                clock.advance(minutes=10)
            raised = ws.add(
                s.Risk(
                    account_id=largest,
                    title=f"Risk {day}",
                    level=RiskLevel.HIGH,
                    raised_on=day,
                )
            )
            if day.day % 2:
                ws.update(s.Risk, raised.id, status=RiskStatus.CLOSED)
            if tickets and day.day % 3 == 0:
                ws.update(
                    s.Ticket,
                    tickets.pop(),
                    status=TicketStatus.RESOLVED,
                    resolved_on=day,
                )
            if goals and day.day % 5 == 0:
                status = (GoalStatus.AT_RISK, GoalStatus.ON_TRACK)[day.day % 2]
                ws.update(s.Goal, goals[day.day % len(goals)], status=status)
            if day.day % 4 == 0:
                ws.add(
                    s.Ticket(
                        account_id=largest,
                        title=f"Outage {day}",
                        severity=Severity.SEV1,
                        opened_on=day,
                    )
                )
            if day.day % 3 == 1:
                victim = people[largest].pop((day.toordinal() * 31) % len(people[largest]))
                op.delete_selection(ws, largest, [f"p{victim}"])
                while links and not ws.find(s.Relationship, id=links[-1]):
                    links.pop()  # went with a person deleted before
                if links:
                    op.delete_records(ws, s.Relationship, [links.pop()])
                op.delete_records(ws, s.Interaction, [interactions.pop()])
                op.delete_records(ws, s.Risk, [raised.id])
            day += dt.timedelta(days=1)
        return len(ws.find(s.HistoryEntry))


def edit_ms(path: Path, person_id: int, runs: int = 60) -> dict[str, tuple[float, float]]:
    """Median wall and CPU milliseconds of one title edit (an operation, as the app runs it),
    with its history rows and, alternating with it, with history paused: the difference is
    what history costs; the rest is the commit (a full fsync on this disk) and the edit."""
    clock = FixedClock(dt.datetime.combine(TODAY, dt.time(9)))
    times: dict[str, list[tuple[float, float]]] = {"with history": [], "history paused": []}
    with Workspace.open(path, clock=clock) as ws:
        ws.author = "Bench"
        paused = ws.history_paused
        for k in range(runs):
            for name, context in (("with history", nullcontext), ("history paused", paused)):
                clock.advance(seconds=1)
                with context():
                    start, cpu = time.perf_counter(), time.process_time()
                    op.edit_fields(ws, s.Person, person_id, title=f"Edited {name} {k}")
                    spent = (time.perf_counter() - start, time.process_time() - cpu)
                if k >= 5:  # warm
                    times[name].append(spent)
    return {
        name: (
            statistics.median(w for w, _ in spent) * 1000,
            statistics.median(c for _, c in spent) * 1000,
        )
        for name, spent in times.items()
    }


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
    parser.add_argument(
        "--workspace", type=Path, default=Path("/tmp/rapport-bench/as-of-lived.rapport")
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path: Path = args.workspace
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_sample_file(path, size="large", today=TODAY)
        with Workspace.open(path, readonly=True) as ws:
            by_size = sorted(ws.accounts(), key=lambda a: -len(ws.people(a.id)))
        started = time.perf_counter()
        rows = live_a_year(path, by_size[0].id, [a.id for a in by_size[1:6]])
        print(f"lived a year: {rows} history rows in {time.perf_counter() - started:.0f} s")
    with Workspace.open(path, readonly=True) as ws:
        largest = max(ws.accounts(), key=lambda a: len(ws.people(a.id)))
        people = len(ws.people(largest.id))
        start_month = largest.fiscal_year_start_month
        history = len(ws.find(s.HistoryEntry))
        someone = ws.people(largest.id)[0].id
    past_quarter = Quarter.containing(PAST, start_month).previous
    print(
        f"largest account: {largest.name} ({people} people); {history} history rows; "
        f"runs: {args.runs}, median"
    )

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
    for name, (wall, cpu) in edit_ms(path, someone).items():
        verdict = "ok" if wall < EDIT_TARGET_MS else "OVER"
        label = f"one title edit, {name}"
        print(f"{label:42} {wall:6.2f} ms median ({cpu:5.2f} cpu)  <{EDIT_TARGET_MS} ms {verdict}")


if __name__ == "__main__":
    main()
