"""Starting the app, remembering files and layout, reopening, and errors shown in words."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.people.people_model import COLUMN_INDEX
from desktop.shell import app
from desktop.shell.app import open_window
from desktop.shell.settings import Settings
from graph import schema as s
from tests.desktop.helpers import on_disk, show_account, shown_with_workspace

ROOT = Path(__file__).resolve().parents[2]


def test_reopen_restores_account_layout_and_edits(
    qtbot: Any, window: Any, dialogs: Any, workspace_path: Path
) -> None:
    show_account(window, "Northwind Logistics")
    dialogs.texts.append("Gus Novak")
    window.window_actions.add_person.trigger()
    window.docks.history.hide()
    phone = COLUMN_INDEX["phone"]
    window.view.people.table.horizontalHeader().setSectionHidden(phone, True)
    window.resize(1250, 700)
    window.close()  # never asks to save: the edit is already in the file
    assert dialogs.asked == ["Add person"]
    with on_disk(workspace_path) as ws:
        assert ws.find(s.Person, name="Gus Novak")

    again = open_window(workspace_path)
    qtbot.addWidget(again)
    shown_with_workspace(qtbot, again)
    assert again.windowTitle() == "Rapport - Portfolio - Northwind Logistics"
    # (The offscreen test screen is 800 px wide, so the restored size itself is clamped.)
    assert Settings().geometry() is not None
    assert again.docks.history.isHidden()
    assert again.view.people.table.horizontalHeader().isSectionHidden(phone)
    assert again.view.people.model.rowCount() == 6
    assert Settings().recent_files() == [workspace_path.resolve()]
    assert again.window_actions.recent_menu.actions()[0].text() == "&1 Portfolio"
    again.close()


def test_open_damaged_file_says_why_and_keeps_the_current_one(
    window: Any, dialogs: Any, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.rapport"
    bad.write_text("not a database")
    before = window.session
    assert not window.open_path(bad)
    assert len(dialogs.errors) == 1 and "not a Rapport workspace" in dialogs.errors[0]
    assert window.session is before


def test_new_and_open_workspace_from_the_file_menu(
    qtbot: Any, window: Any, dialogs: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    first = window.session.path
    fresh = tmp_path / "Second"
    monkeypatch.setattr("desktop.common.ask.save_path", lambda *a: fresh)
    window.window_actions.new_workspace.trigger()
    assert window.session.path == fresh.with_suffix(".rapport")
    assert window.windowTitle() == "Rapport - Second"
    assert window.view.currentWidget() is window.view.empty
    # Undo history is per workspace.
    assert window.session.undo_stack.count() == 0

    monkeypatch.setattr("desktop.common.ask.open_path", lambda *a: first)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.session.path == first
    assert [a.text() for a in window.window_actions.recent_menu.actions()[:2]] == [
        "&1 Portfolio",
        "&2 Second",
    ]


def test_last_workspace_is_remembered(workspace_path: Path) -> None:
    Settings().add_recent(workspace_path)
    start = app._workspace_path(None, create_if_missing=False)
    assert start == app._Start(workspace_path.resolve(), remembered=True)
    workspace_path.unlink()  # gone since: the default workspace, made from the sample
    start = app._workspace_path(None, create_if_missing=False)
    assert start is not None and start.sample and start.path.name == "Portfolio.rapport"


def test_missing_file_offers_to_create_it(dialogs: Any, tmp_path: Path) -> None:
    wanted = tmp_path / "New.rapport"
    dialogs.answers.append(False)
    assert app._workspace_path(wanted, create_if_missing=True) is None
    dialogs.answers.append(True)
    assert app._workspace_path(wanted, create_if_missing=True) == app._Start(wanted, create=True)
    assert dialogs.asked == ["Create a workspace?", "Create a workspace?"]
    assert app._workspace_path(wanted, create_if_missing=False) is None
    assert "no such file" in dialogs.errors[0]


@pytest.mark.slow
def test_first_run_copies_the_sample_and_shows_the_window(tmp_path: Path) -> None:
    env = dict(os.environ)
    env |= {
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
        app.PROBE_ENV: "1",
    }
    code = "import sys; from desktop.shell.app import run_gui; sys.exit(run_gui())"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "rapport-first-paint" in done.stdout
    created = tmp_path / "data" / "Rapport" / "Portfolio.rapport"
    assert created.exists()
    ini = tmp_path / "config" / "Rapport" / "Rapport.ini"
    assert "Portfolio.rapport" in ini.read_text()


def test_the_export_folder_is_cleaned_after_the_first_paint(
    qtbot: Any, workspace_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start-up leaves the export dialog's modules for later: a killed export's temporary in
    the export folder is still removed, once the window has painted."""
    from desktop.qbr_export import export_dialog

    exports = tmp_path / "exports"
    exports.mkdir()
    dead = exports / ".q.xlsx.999999999.0a1b2c3d.partial"
    dead.write_bytes(b"a killed Rapport's")
    monkeypatch.setattr(export_dialog, "export_folder", lambda: exports)
    window = open_window(workspace_path)
    qtbot.addWidget(window)
    assert dead.exists()  # nothing of the export folder before the window shows
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not dead.exists(), timeout=5000)


def test_a_file_failing_the_check_after_the_window_showed_is_said_forgotten_and_closed(
    qtbot: Any, dialogs: Any, workspace_path: Path, monkeypatch: Any
) -> None:
    """At start-up the pages and references are checked while the window paints: a file
    that fails is refused as at opening (the app's exit code says so), and was never
    written."""
    import hashlib
    import sqlite3

    from PySide6.QtWidgets import QApplication

    exit_codes: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(exit_codes.append))

    conn = sqlite3.connect(workspace_path)
    with conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DELETE FROM people WHERE id = (SELECT source_id FROM relationships LIMIT 1)")
    conn.close()
    before = hashlib.sha256(workspace_path.read_bytes()).hexdigest()
    Settings().add_recent(workspace_path)
    window = open_window(workspace_path)  # the schema and values pass: the window opens
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=5000)
    assert "refers to a row of people that does not exist" in dialogs.errors[0]
    assert str(workspace_path) in dialogs.errors[0]
    assert not window.isVisible() and window.session is None
    assert workspace_path.resolve() not in Settings().recent_files()
    assert hashlib.sha256(workspace_path.read_bytes()).hexdigest() == before
    assert exit_codes == [1]
