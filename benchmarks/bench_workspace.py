"""Benchmark of the workspace layer on the large sample portfolio (issue 2 targets).

    python benchmarks/bench_workspace.py [--keep /tmp/large.rapport]

Prints: generation time and file size of the large portfolio (50 accounts, 5,000 people,
100,000 interactions), `rapport summary` wall time as a fresh process (target < 1 s) and
in-process, loading the 2,000-person account with its interactions into networkx
(target < 200 ms), and a single edit commit (target < 10 ms).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.cli.sample_file import write_sample_file  # noqa: E402
from graph import schema as s  # noqa: E402
from graph.networks import account_graph  # noqa: E402
from graph.summary import summarize  # noqa: E402
from graph.workspace import Workspace  # noqa: E402


def best(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, help="reuse or keep the large file here")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    path = args.keep or folder / "large.rapport"

    if not path.exists():
        start = time.perf_counter()
        write_sample_file(path, size="large")
        print(f"generate large portfolio      {time.perf_counter() - start:8.2f} s")
    size_mb = path.stat().st_size / 1e6
    print(f"file size                      {size_mb:8.1f} MB")

    walls = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "desktop.cli", "summary", str(path), "--json"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        walls.append(time.perf_counter() - start)
    print(f"rapport summary (new process)  {min(walls) * 1000:8.0f} ms   (target < 1000 ms)")

    with Workspace.open(path) as ws:
        print(f"summary in-process             {best(lambda: summarize(ws), 3) * 1000:8.0f} ms")
        accounts = ws.accounts()
        counts = {a.id: len(ws.people(a.id)) for a in accounts}
        big = max(counts, key=counts.__getitem__)
        graph_time = best(lambda: account_graph(ws, big))
        G = account_graph(ws, big)
        print(
            f"load {counts[big]}-person account to networkx {graph_time * 1000:6.0f} ms"
            f"   (target < 200 ms; {G.number_of_nodes()} nodes, {G.number_of_edges()} edges)"
        )
        person = ws.people(big)[0]
        commits = []
        for i in range(50):
            start = time.perf_counter()
            ws.update(s.Person, person.id, title=f"Title {i}")
            commits.append(time.perf_counter() - start)
        print(
            f"single edit commit             {statistics.median(commits) * 1000:8.2f} ms median,"
            f" {max(commits) * 1000:.2f} ms max   (target < 10 ms)"
        )


if __name__ == "__main__":
    main()
