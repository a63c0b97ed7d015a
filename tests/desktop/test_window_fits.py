"""The window fits a small laptop screen: it opens inside it, showing the QBR or Interactions
tab does not grow it, and every dock stays on the screen; the QBR tab reads whole beside the
docks, without sideways scrolling; every map view opens readable.

Each screen size runs the real window in a child process on Qt's offscreen platform set to that
screen (the test process's own screen is fixed when its QApplication starts)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.map.card_item import READABLE_MIN

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
from desktop.shell.main_window import MainWindow
from desktop.workspace.session import WorkspaceSession
from desktop.shell.settings import Settings
from desktop.shell.workspace_files import open_file
from tests.desktop.portfolio import build_portfolio

build_portfolio(Path(sys.argv[1])).close()
window = MainWindow(WorkspaceSession(open_file(Path(sys.argv[1]))), Settings())
window.show()
app.processEvents()

def rect(widget):
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]

seen = {}
for index in (0, 3, 2, 1, 0):  # the QBR and Interactions tabs used to widen the window
    window.show_tab(index)
    app.processEvents()
    docks = window.docks
    seen[str(index)] = {
        "window": rect(window),
        "docks": [rect(d) for d in (docks.accounts, docks.inspector, docks.history)],
        "map": rect(window.view.map),
    }
window.show_tab(3)
qbr_tab = window.view.qbr
deadline = time.monotonic() + 20
while qbr_tab.qbr is None and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.02)
app.processEvents()
qbr_area = window.view.tabs.currentWidget()
export = qbr_tab.export_button
summary = qbr_tab.summary
cards = [*summary.key_cards, *summary.number_cards]
qbr = {
    "loaded": qbr_tab.qbr is not None,
    "sideways": qbr_area.horizontalScrollBar().isVisible(),
    "page": qbr_area.widget().width(),
    "viewport": qbr_area.viewport().width(),
    "export": rect(export) if export.isVisible() else None,
    "cut_values": [c.value.text() for c in cards
                   if c.value.width() < c.value.fontMetrics().horizontalAdvance(c.value.text())],
}
window.show_tab(0)
app.processEvents()
views = {}
map_widget = window.view.map
for view in ("org", "network", "power_interest", "influence_attitude"):
    map_widget.set_view(view)
    map_widget.wait_for_layout()
    app.processEvents()
    people = [c for k, c in map_widget.scene.cards.items() if k[0] == "p" and c.isVisible()]
    area = map_widget.view.mapToScene(map_widget.view.viewport().rect()).boundingRect()
    in_view = sum(area.contains(c.mapRectToScene(c.body)) for c in people)
    views[view] = {"zoom": map_widget.view.zoom(), "in_view": in_view, "people": len(people)}
screen = window.screen().availableGeometry()
print(json.dumps({"screen": [screen.x(), screen.y(), screen.width(), screen.height()],
                  "seen": seen, "views": views, "qbr": qbr}))
window.close()
"""


def _inside(rect: list[int], screen: list[int]) -> bool:
    x, y, w, h = rect
    sx, sy, sw, sh = screen
    return x >= sx and y >= sy and x + w <= sx + sw and y + h <= sy + sh


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1024, 700), (1366, 768)])
def test_window_and_docks_fit_the_screen(tmp_path: Path, size: tuple[int, int]) -> None:
    width, height = size
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = dict(os.environ) | {
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "PYTHONPATH": str(ROOT),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "p.rapport"), str(tmp_path / "settings")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["screen"] == [0, 0, width, height]
    for tab, seen in result["seen"].items():
        assert _inside(seen["window"], result["screen"]), (tab, seen["window"])
        for dock in seen["docks"]:
            assert _inside(dock, result["screen"]), (tab, dock)
        # The map keeps a useful share of the window.
        assert seen["map"][2] >= width * 0.4, (tab, seen["map"])
    # The QBR tab reflows to the room beside the docks: no sideways scrolling, every card's
    # value whole, Export QBR… on the screen.
    qbr = result["qbr"]
    assert qbr["loaded"] and not qbr["sideways"], qbr
    assert qbr["page"] <= qbr["viewport"], qbr
    assert qbr["cut_values"] == [], qbr
    window = result["seen"]["3"]["window"]
    assert qbr["export"] is not None and _inside(qbr["export"], window), qbr
    # Every view opens at a zoom where cards show name and title, with people in view.
    for view, opened in result["views"].items():
        assert opened["zoom"] >= READABLE_MIN - 1e-6, (view, opened)
        assert opened["in_view"] >= min(3, opened["people"]), (view, opened)
