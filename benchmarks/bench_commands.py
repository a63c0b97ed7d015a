"""Benchmark: whole commands as a user runs them, each beside its floor measured in the same run.

    python benchmarks/bench_commands.py [--runs 5] [--folder /tmp/rapport-bench/commands]
                                        [--platform offscreen|xcb]

Every figure is a fresh process (``subprocess``), one warm-up then ``--runs`` runs, median
wall time (and the median CPU seconds the process used). The portfolio is the large sample
(50 accounts, 5,000 people, 100,000 interactions), generated once into ``--folder``; the export
is of its largest account, for its last complete quarter. The floors:

- summary: a bare Python start (``python -c pass``): what no command can beat;
- export: openpyxl writing, in a fresh process, as many typed cells (text, numbers, dates)
  as the exported workbook holds; with the deck, python-pptx writing as many slides too;
- open to first paint: a bare PySide6 main window to its first paint (``bench_gui.py``), the
  app opening the small sample portfolio (``RAPPORT_STARTUP_PROBE``).

Targets (issue 15): summary under 1 s; export of the largest account (workbook and deck)
under 3 s and at most 2x its floor; open at most 3x a bare window. Nothing here asserts a time:
it prints the table.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_gui import CPU, PROBE, bare_window_probes, probe_once, python_env  # noqa: E402

# as the `rapport` program runs (desktop.cli.program.run, the entry point pyproject declares)
RAPPORT = "from desktop.cli import run; run()"

OPENPYXL_FLOOR = """
import datetime as dt, sys
from openpyxl import Workbook
cells, path = int(sys.argv[1]), sys.argv[2]
wb = Workbook()
ws = wb.active
values = ("Ana Lima, Head of Payments", 42, 3.5, dt.date(2026, 9, 30))
width = 12
for n in range(cells):
    ws.cell(row=n // width + 1, column=n % width + 1, value=values[n % 4])
wb.save(path)
"""

PPTX_FLOOR = """
import sys
from pptx import Presentation
slides, path = int(sys.argv[1]), sys.argv[2]
deck = Presentation()
for n in range(slides):
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = f"Slide {n + 1}"
    slide.placeholders[1].text = "A line of the QBR\\nAnother line"
deck.save(path)
"""


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float


def run_once(args: Sequence[str], env: dict[str, str] | None = None) -> Timing:
    """One fresh process: its wall time, and the CPU seconds it used (user and system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env or _env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def median_of(runs: int, once: Callable[[], Timing]) -> Timing:
    once()  # warm-up: the OS file cache, Python's bytecode cache
    timings = [once() for _ in range(runs)]
    return Timing(
        statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings)
    )


def _env(**extra: str) -> dict[str, str]:
    """A fresh process's environment, with its bytecode cached as an installed Rapport has it
    (pip compiles it at install): the warm-up run fills the cache, whatever
    ``PYTHONDONTWRITEBYTECODE`` says in the shell that runs the benchmark. The floors run with
    the same environment."""
    return python_env(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", **extra)


def prepare(folder: Path) -> tuple[Path, Path, str]:
    """The large and small sample portfolios (written once) and the largest account's name."""
    folder.mkdir(parents=True, exist_ok=True)
    large, small = folder / "large.rapport", folder / "sample.rapport"
    if not large.exists():
        print(f"writing {large} (once) ...", flush=True)
        run_once(["-c", RAPPORT, "sample", str(large), "--size", "large"])
    if not small.exists():
        run_once(["-c", RAPPORT, "sample", str(small)])
    from graph.workspace import Workspace

    with Workspace.open(large, readonly=True) as ws:
        biggest = max(ws.accounts(include_archived=True), key=lambda a: len(ws.people(a.id)))
        return large, small, biggest.name


def typed_cells(workbook: Path) -> int:
    """Cells holding a value, over every sheet of the written workbook."""
    from openpyxl import load_workbook

    book = load_workbook(workbook, read_only=True)
    total = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            total += sum(1 for value in row if value is not None)
    book.close()
    return total


def slides_in(deck: Path) -> int:
    from pptx import Presentation

    return len(Presentation(str(deck)).slides)


def floor_script(cells: int, slides: int, out: Path) -> list[str]:
    """One process writing ``cells`` typed cells with openpyxl and ``slides`` with python-pptx."""
    parts = [OPENPYXL_FLOOR] if cells else []
    args = [str(cells), str(out / "floor.xlsx")]
    if slides:
        # the deck's floor runs after the workbook's, in the same process, as the export does
        parts.append(
            PPTX_FLOOR.replace("sys.argv[1]", "sys.argv[3]").replace("sys.argv[2]", "sys.argv[4]")
        )
        args += [str(slides), str(out / "floor.pptx")]
    return ["-c", "\n".join(parts), *args]


def row(what: str, timing: Timing, floor: Timing, floor_what: str, target: str) -> str:
    return (
        f"| {what} | {timing.wall:.2f} s | {timing.cpu:.2f} s "
        f"| {floor.wall:.2f} s, {floor.cpu:.2f} s CPU ({floor_what}) "
        f"| {timing.wall / floor.wall:.1f}x | {timing.cpu / max(floor.cpu, 1e-3):.1f}x | {target} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--folder", type=Path, default=Path(tempfile.gettempdir()) / "rapport-bench" / "commands"
    )
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args()
    large, small, account = prepare(args.folder)
    out = Path(tempfile.mkdtemp(prefix="rapport-commands-"))
    xlsx, pptx = out / "qbr.xlsx", out / "qbr.pptx"
    export = ["-c", RAPPORT, "export", str(large), "--account", account]
    runs = args.runs

    summary = median_of(runs, lambda: run_once(["-c", RAPPORT, "summary", str(large), "--json"]))
    python_floor = median_of(runs, lambda: run_once(["-c", "pass"]))
    book = median_of(runs, lambda: run_once([*export, "--xlsx", str(xlsx)]))
    both = median_of(runs, lambda: run_once([*export, "--xlsx", str(xlsx), "--pptx", str(pptx)]))
    cells, slides = typed_cells(xlsx), slides_in(pptx)
    book_floor = median_of(runs, lambda: run_once(floor_script(cells, 0, out)))
    both_floor = median_of(runs, lambda: run_once(floor_script(cells, slides, out)))

    # The CPU to the first paint, as each process reports it: the app goes on loading its
    # workspace after that paint (and quits once it has), which is no part of the start-up's
    # paint.
    def first_paint() -> Timing:
        with tempfile.TemporaryDirectory() as home:
            probes = probe_once(small, Path(home), args.platform)
        return Timing(probes[PROBE], probes[PROBE + CPU])

    def bare() -> Timing:
        probes = bare_window_probes(args.platform)
        return Timing(probes[PROBE], probes[PROBE + CPU])

    opened = median_of(runs, first_paint)
    window = median_of(runs, bare)

    print(f"large portfolio: {large}; export of {account!r} (last complete quarter)")
    print(f"{runs} runs after one warm-up, median; CPU = seconds of CPU the process used (to the"
          " first paint, for open)")  # fmt: skip
    print("(on a busy machine the wall times stretch; the CPU seconds and their ratio hold)")
    print()
    print("| what the user runs | wall | CPU | floor, same run | ratio | CPU ratio | target |")
    print("|---|---|---|---|---|---|---|")
    print(row("`rapport summary large.rapport --json`", summary, python_floor,
              "bare `python -c pass`", "under 1 s"))  # fmt: skip
    print(row(f"`rapport export` workbook ({cells:,} cells)", book, book_floor,
              f"openpyxl, {cells:,} typed cells", "under 3 s, at most 2x"))  # fmt: skip
    print(row(f"`rapport export` workbook + deck ({slides} slides)", both, both_floor,
              f"openpyxl {cells:,} cells + python-pptx {slides} slides",
              "under 3 s, at most 2x"))  # fmt: skip
    print(row("`rapport open sample.rapport` to first paint", opened, window,
              "bare PySide6 window", "under 1.5 s, at most 3x"))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
