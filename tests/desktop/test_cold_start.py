"""The cold start: the window and the first account's map paint without the database library,
networkx or numpy (the workspace loads after the first paint), and the map they paint is the
map the account graph gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.cli.sample_file import write_sample_file
from desktop.map.map_data import GraphLater, from_graph, load_map_data
from graph.networks import account_graph
from graph.signals import account_signals
from graph.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 20)
# What the first paint must not wait for: the workspace's database library (the window loads
# the workspace right after it), and what the network and grid views, the departure impact and
# edits need (loaded once the workspace is there).
NOT_BEFORE_THE_MAP = ("sqlalchemy", "networkx", "numpy", "scipy")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cold") / "Portfolio.rapport"
    write_sample_file(path, today=TODAY)
    return path


PROBED_OPEN = """
import sys
from desktop.shell import app

printed = app._print_probe

def probe(name):
    printed(name)
    heavy = [m for m in {heavy!r} if m in sys.modules]
    print(name, "loaded", ",".join(heavy) or "-", flush=True)

app._print_probe = probe
from desktop.cli import main
code = main(["open", sys.argv[1]])
import gc
late = sys.modules["sqlalchemy.orm"].__dict__  # loaded after the first paint
print("collected", "late-loaded" if any(o is late for o in gc.get_objects()) else "-")
sys.exit(code)
"""


@pytest.mark.slow
def test_the_window_and_the_map_paint_before_the_database_library_networkx_and_numpy_load(
    sample: Path, tmp_path: Path
) -> None:
    env = dict(os.environ)
    env |= {
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
        "RAPPORT_STARTUP_PROBE": "1",
    }
    code = PROBED_OPEN.format(heavy=NOT_BEFORE_THE_MAP)
    done = subprocess.run(
        [sys.executable, "-c", code, str(sample)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    loaded = dict(line.split(" loaded ") for line in done.stdout.splitlines() if " loaded " in line)
    assert loaded["rapport-first-paint"] == loaded["rapport-map-paint"] == "-", done.stdout
    # then the window loads its workspace (networkx and numpy wait until it has), and what
    # that loaded stays out of the collector's scans, as what loaded before the paint does
    assert loaded["rapport-ready"] == "sqlalchemy", done.stdout
    assert "collected -" in done.stdout.splitlines(), done.stdout


def test_the_first_map_is_the_map_of_the_account_graph(sample: Path) -> None:
    """The cards, links and risks read without networkx are those networkx's graph gives, and
    the graph built later is the account graph."""
    ws = Workspace.open(sample, readonly=True, today=lambda: TODAY)
    try:
        accounts = ws.accounts()
        assert len(accounts) >= 3
        for account in accounts:
            data = load_map_data(ws, account.id)
            G = account_graph(ws, account.id, include_team=True, today=TODAY)
            signals = account_signals(ws, account.id, today=TODAY)
            expected = from_graph(G, signals.people, account.id, account.name, TODAY, signals.flags)
            assert data.cards.keys() == expected.cards.keys()
            for key, card in expected.cards.items():
                # the emails (for the map's search) are read beside the graph
                assert data.cards[key] == dataclasses.replace(card, email=data.cards[key].email)
            assert list(data.links.items()) == list(expected.links.items())
            assert data.risks == expected.risks and data.today == TODAY
            assert any(c.risks for c in data.cards.values()) or not data.risks
            built = data.graph
            assert list(built.nodes(data=True)) == list(G.nodes(data=True))
            assert list(built.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
            assert data.graph is built  # built once
    finally:
        ws.close()


def test_an_edit_right_after_the_map_opened_lands_once(
    qtbot: Any, sample: Path, tmp_path: Path
) -> None:
    """The networkx graph is built from the rows read at opening when an edit first needs it:
    a link added at once shows once on the map and once in the file."""
    import shutil

    from PySide6.QtGui import QUndoStack

    from desktop.map.map_widget import MapWidget
    from desktop.workspace.selection import Selection
    from graph.operations.links import link
    from graph.vocabulary import RelationKind

    path = tmp_path / "edit.rapport"
    shutil.copy(sample, path)
    ws = Workspace.open(path, today=lambda: TODAY)
    try:
        account = ws.accounts()[0]
        widget = MapWidget(ws, QUndoStack(), Selection())
        qtbot.addWidget(widget)
        widget.set_account(account.id)
        widget.wait_for_layout()
        qtbot.waitUntil(lambda: bool(widget.scene.cards), timeout=10_000)
        # painted from the plain graph: networkx's waits for the first edit
        assert isinstance(widget.scene.data.graph_source, GraphLater)
        people = [k for k, c in widget.scene.data.cards.items() if not c.is_member]
        linked = {line.pair for line in widget.scene.data.links.values()}
        source, target = next(
            (a, b) for a in people for b in people if a < b and (a, b) not in linked
        )
        before = {k for k, line in widget.scene.data.links.items() if line.kind == "ally"}
        link(ws, account.id, source, target, "ally")
        qtbot.waitUntil(
            lambda: (
                len({k for k, line in widget.scene.data.links.items() if line.kind == "ally"})
                == len(before) + 1
            ),
            timeout=10_000,
        )
        added = [
            line
            for k, line in widget.scene.data.links.items()
            if line.kind == "ally" and k not in before
        ]
        assert [(line.source, line.target) for line in added] == [(source, target)]
        graph = widget.scene.data.graph
        assert graph.has_edge(source, target, "ally")
        stored = [
            r
            for r in ws.relationships(account.id)
            if r.kind is RelationKind.ALLY
            and {r.source_id, r.target_id} == {int(source[1:]), int(target[1:])}
        ]
        assert len(stored) == 1
        widget.wait_for_layout()
    finally:
        ws.close()
