"""Time is an input: graph/ and reports/ never read the system clock for a date.

The workspace's clock (``Workspace(today=...)``) is the one source of "today"; everything else
takes the date it answers for. Only ``graph/clock.py`` reads the computer's clock.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLOCK_CALLS = {("date", "today"), ("datetime", "now"), ("datetime", "utcnow"), ("time", "time")}


def _clock_calls(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        owner = node.func.value
        name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
        if (name, node.func.attr) in CLOCK_CALLS:
            line = ast.get_source_segment(path.read_text(encoding="utf-8"), node) or ""
            found.append(f"{path.relative_to(root)}:{node.lineno}: {line}")
    return found


THE_CLOCK = ROOT / "graph" / "clock.py"  # the one place that reads the computer's clock


def test_no_clock_reads_in_graph_or_reports() -> None:
    calls = [
        found
        for package in ("graph", "reports")
        for path in sorted((ROOT / package).rglob("*.py"))
        if path != THE_CLOCK
        for found in _clock_calls(path)
    ]
    assert calls == []


def test_the_app_reads_the_time_only_through_the_clock() -> None:
    calls = [
        found for path in sorted((ROOT / "desktop").rglob("*.py")) for found in _clock_calls(path)
    ]
    assert calls == []


def test_the_scan_finds_a_clock_read(tmp_path: Path) -> None:
    sample = tmp_path / "probe.py"
    sample.write_text("import datetime as dt\nTODAY = dt.date.today()\n", encoding="utf-8")
    assert _clock_calls(sample, tmp_path) == ["probe.py:2: dt.date.today()"]
