"""Every hostile file of issue 16, run through the real ``rapport`` command (targets: each under
10 s and 500 MB).

    python benchmarks/bench_hostile.py [--keep DIR] [--skip-big]

Writes the files into a temporary folder (or DIR), runs each in a fresh process, and prints a
table: file, size, command, wall time, peak memory (the child's maximum resident set), exit
code and the first line of its error output. ``--skip-big`` leaves out the 190 MB CSV and the
3-million-row workbook (they take a minute to generate). vCards are measured by the imports
benchmark.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph import schema as s  # noqa: E402
from graph.workspace import Workspace  # noqa: E402
from tests import hostile_files  # noqa: E402

TIME_TARGET = 10.0
MEMORY_TARGET_MB = 500


def workspace(path: Path) -> Path:
    with Workspace.create(path, today=lambda: dt.date(2026, 11, 20)) as ws:
        account = ws.add(s.Account(name="Acme"))
        ana = ws.add(s.Person(account_id=account.id, name="Ana Ruiz", email="ana@acme.example"))
        ws.add(s.Person(account_id=account.id, name="Bo Chen", cadence_days=14))
        ws.log_interaction(account.id, dt.datetime(2026, 11, 2, 10), people=[ana.id])
        ws.add(s.Win(account_id=account.id, title="Go-live", won_on=dt.date(2026, 10, 1)))
    return path


def crafted(folder: Path, name: str, *statements: str) -> Path:
    path = workspace(folder / f"{name}.rapport")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        for sql in statements:
            conn.execute(sql)
    conn.close()
    return path


def hot_journal(folder: Path) -> Path:
    path = workspace(folder / "newer-with-hot-journal.rapport")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE rapport_meta SET value='99' WHERE key='schema_version'")
        conn.executemany(
            "INSERT INTO people (account_id, name, title, department, email, phone, level, role,"
            " influence, attitude, interest, cares_about, channel, status, notes) VALUES "
            "(1, ?, '', '', '', '', 'operations', 'other', 3, 0, 3, '[]', 'email', 'active', ?)",
            [(f"P{i}", "n" * 400) for i in range(600)],
        )
    conn.close()
    script = (
        "import sqlite3, sys, time\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size=1'); c.execute('BEGIN IMMEDIATE')\n"
        "c.execute(\"UPDATE people SET notes = 'half'\")\n"
        "print('mid', flush=True); time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.kill()
    proc.wait()
    proc.stdout.close()
    return path


def measure(args: list[str], timeout: float = 120) -> tuple[float, float, int, str]:
    """Run ``rapport ARGS``; wall seconds, peak MB, exit code, first error line."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.01)
    wall = time.perf_counter() - started
    assert proc.stderr is not None
    err = proc.stderr.read().strip().splitlines()
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, code, err[0] if err else ""


def cases(folder: Path, big: bool) -> list[tuple[str, Callable[[], list[str]]]]:
    ws = workspace(folder / "target.rapport")
    account = ["--account", "Acme", "--dry-run"]

    def file(name: str, data: bytes) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    def calendar(name: str, data: bytes) -> list[str]:
        return ["import", "calendar", str(ws), str(file(name, data)), *account]

    def contacts(path: Path) -> list[str]:
        return ["import", "contacts", str(ws), str(path), *account]

    def summary(path: Path) -> list[str]:
        return ["summary", str(path)]

    found: list[tuple[str, Callable[[], list[str]]]] = [
        (
            "hourly-since-year-1.ics",
            lambda: calendar("hourly.ics", hostile_files.hourly_since_year_one()),
        ),
        (
            "daily-since-year-1.ics",
            lambda: calendar("daily.ics", hostile_files.since_year_one("FREQ=DAILY")),
        ),
        (
            "300-timezone-rules.ics",
            lambda: calendar("zone.ics", hostile_files.many_timezone_rules()),
        ),
    ]
    for people in (5_000, 10_000, 20_000):
        found.append(
            (
                f"reporting-chain-{people}.csv",
                lambda p=people: contacts(
                    hostile_files.reporting_chain_csv(folder / f"chain{p}.csv", p)
                ),
            )
        )
    if big:
        found.append(
            (
                "190MB.csv",
                lambda: contacts(hostile_files.big_csv(folder / "big.csv", 190_000_000)),
            )
        )
        found.append(
            (
                "3M-rows.xlsx",
                lambda: contacts(hostile_files.many_rows_xlsx(folder / "rows.xlsx", 3_000_000)),
            )
        )
    workspaces = {
        "planted-trigger": (
            "CREATE TRIGGER wipe AFTER UPDATE ON people BEGIN "
            "DELETE FROM interactions; DELETE FROM wins; END",
        ),
        "invalid-date": ("UPDATE people SET joined_on = '2026-02-30' WHERE id = 1",),
        "unknown-enum": ("UPDATE people SET level = 'overlord'",),
        "cadence-0": ("UPDATE cadence_defaults SET ideal_days = 0",),
        "nested-json": ("UPDATE people SET cares_about = '" + "[" * 100_000 + "]" * 100_000 + "'",),
        "negative-id": ("UPDATE people SET id = -5 WHERE id = 2",),
        "missing-table": ("DROP TABLE wins",),
        "missing-column": ("ALTER TABLE people DROP COLUMN notes",),
        "extra-view": ("CREATE VIEW v AS SELECT name FROM people",),
    }
    for name, statements in workspaces.items():
        found.append(
            (f"{name}.rapport", lambda n=name, st=statements: summary(crafted(folder, n, *st)))
        )

    def fifo() -> list[str]:
        path = folder / "pipe.rapport"
        path.unlink(missing_ok=True)
        os.mkfifo(path)
        return summary(path)

    if hasattr(os, "mkfifo"):
        found.append(("fifo.rapport", fifo))
    found.append(("newer-with-hot-journal.rapport", lambda: summary(hot_journal(folder))))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--skip-big", action="store_true", help="no 190 MB CSV, no 3M-row xlsx")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rapport-hostile-") as scratch:
        folder = options.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'file':34} {'size':>9} {'time':>7} {'peak':>8}  exit  first line of stderr")
        failures = 0
        for name, make in cases(folder, not options.skip_big):
            args = make()
            target = Path(args[3] if args[0] == "import" else args[1])
            size = target.stat().st_size if target.is_file() else 0
            wall, peak, code, line = measure(args)
            line = line.replace(f"{folder}{os.sep}", "").removeprefix("rapport: ")
            ok = wall < TIME_TARGET and peak < MEMORY_TARGET_MB
            failures += not ok
            shown = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.1f} KB"
            print(
                f"{name:34} {shown:>9} {wall:6.2f}s {peak:6.0f} MB  {code:>4}  "
                f"{line[:90]}{'' if ok else '   <-- over target'}"
            )
        print(
            f"\ntargets: each under {TIME_TARGET:.0f} s and {MEMORY_TARGET_MB} MB; "
            f"{'all met' if not failures else f'{failures} over'}"
        )


if __name__ == "__main__":
    main()
