"""Benchmark the QBR export of one account: the whole process, its parts, and the floors.

    python tools/bench_qbr_export.py WORKSPACE "Account name" 2026-Q4 [--runs 3]

1. ``rapport export --xlsx --pptx`` as a whole new process, ``runs`` times (median; wall and
   CPU time, since a shared machine inflates wall time);
2. the parts inside one process (assembly, briefing, maps, workbook, deck), in CPU seconds;
3. the floors for the same content: openpyxl writing the workbook's cell values and its map
   picture with no styling, tables or charts; python-pptx writing the deck's slides with the
   same charts (type and data), tables (cells) and picture, with no styling or layout logic.
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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _process(workspace: Path, account: str, quarter: str, out: Path) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    args = [sys.executable, "-m", "desktop.cli", "export", str(workspace)]
    args += ["--account", account, "--quarter", quarter]
    args += ["--xlsx", str(out / "b.xlsx"), "--pptx", str(out / "b.pptx")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _openpyxl_floor(xlsx: Path, picture: Path, out: Path) -> float:
    import openpyxl
    from openpyxl.drawing.image import Image

    book = openpyxl.load_workbook(xlsx)
    sheets = [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in book]
    start = time.process_time()
    floor = openpyxl.Workbook()
    floor.remove(floor.active)
    for title, rows in sheets:
        ws = floor.create_sheet(title)
        for row in rows:
            ws.append(row)
    floor["Map"].add_image(Image(str(picture)), "A4")
    floor.save(out / "floor.xlsx")
    return time.process_time() - start


def _pptx_floor(pptx: Path, out: Path) -> float:
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData

    deck = Presentation(str(pptx))
    content: list[list[tuple[str, Any]]] = []
    for slide in deck.slides:
        items: list[tuple[str, Any]] = []
        for shape in slide.shapes:
            if shape.has_chart:
                plot = shape.chart.plots[0]
                series = [(s.name, list(s.values)) for s in plot.series]
                items.append(("chart", (shape.chart.chart_type, list(plot.categories), series)))
            elif shape.has_table:
                rows = [[c.text_frame.text for c in r.cells] for r in shape.table.rows]
                items.append(("table", rows))
            elif shape.shape_type == 13:
                items.append(("picture", shape.image.blob))
            elif shape.has_text_frame:
                items.append(("text", shape.text_frame.text))
        content.append(items)
    image = out / "floor.png"
    for items in content:
        for kind, value in items:
            if kind == "picture":
                image.write_bytes(value)
    start = time.process_time()
    floor = Presentation()
    blank = floor.slide_layouts[6]
    for items in content:
        slide = floor.slides.add_slide(blank)
        for kind, value in items:
            if kind == "text":
                slide.shapes.add_textbox(0, 0, 914400, 914400).text_frame.text = value
            elif kind == "table":
                rows = value
                table = slide.shapes.add_table(len(rows), len(rows[0]), 0, 0, 914400, 914400)
                for r, row in enumerate(rows):
                    for c, text in enumerate(row):
                        table.table.cell(r, c).text = text
            elif kind == "chart":
                chart_type, categories, series = value
                data = CategoryChartData()
                data.categories = categories
                for name, values in series:
                    data.add_series(name, values)
                slide.shapes.add_chart(chart_type, 0, 0, 914400, 914400, data)
            elif kind == "picture":
                slide.shapes.add_picture(str(image), 0, 0)
        slide.notes_slide.notes_text_frame.text = "notes"
    floor.save(str(out / "floor.pptx"))
    return time.process_time() - start


def _parts(workspace: Path, account: str, quarter: str, out: Path) -> dict[str, float]:
    from desktop.qbr_export.deck_map import deck_picture
    from graph.snapshot import read_account
    from graph.workspace import Workspace
    from reports.briefing import with_briefing
    from reports.deck import export_deck
    from reports.edition import Edition, Sharing
    from reports.qbr import assemble_qbr
    from reports.quarter import Period, Quarter
    from reports.workbook import export_workbook

    times: dict[str, float] = {}

    def timed(name: str, start: float) -> float:
        now = time.process_time()  # CPU time: a loaded machine inflates wall time
        times[name] = now - start
        return now

    with Workspace.open(workspace, readonly=True) as ws:
        record = ws.account_named(account)
        t = time.process_time()
        chosen = Quarter.parse(quarter, record.fiscal_year_start_month)
        snapshot = read_account(ws, record.id, Period.of(chosen, ws.today()).as_of)
        qbr = assemble_qbr(ws, record.id, chosen, snapshot=snapshot)
        t = timed("assemble_qbr (reports/qbr.py)", t)
        qbr = with_briefing(ws, qbr)
        t = timed("briefing (health trend, since last QBR)", t)
        book, deck = Sharing(Edition.INTERNAL), Sharing()
        image = deck_picture(
            ws, snapshot, qbr, out / "m.png", internal=True, label=book.label, slides=False
        ).path
        picture = deck_picture(
            ws, snapshot, qbr, out / "d.png", internal=deck.internal, label=deck.label
        )
        t = timed("maps (Qt, both pictures)", t)
        export_workbook(qbr, out / "p.xlsx", map_image=image, sharing=Sharing(Edition.INTERNAL))
        t = timed("workbook (openpyxl)", t)
        export_deck(qbr, out / "p.pptx", picture=picture)
        timed("deck (python-pptx)", t)
    times["openpyxl floor"] = _openpyxl_floor(out / "p.xlsx", image, out)
    times["python-pptx floor"] = _pptx_floor(out / "p.pptx", out)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("workspace", type=Path)
    parser.add_argument("account")
    parser.add_argument("quarter")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        runs = [_process(args.workspace, args.account, args.quarter, out) for _ in range(args.runs)]
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(
            f"rapport export --xlsx --pptx, whole process: median wall {wall:.2f} s, "
            f"median CPU {cpu:.2f} s over {args.runs} runs"
        )
        for name, seconds in _parts(args.workspace, args.account, args.quarter, out).items():
            print(f"  {name}: {seconds:.2f} s CPU")


if __name__ == "__main__":
    main()
