"""Fixtures for the desktop tests: private settings and data folders, a small portfolio on
disk, a real main window on it, and modal dialogs replaced through ``desktop.common.ask``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel

from desktop.common import ask
from desktop.common.qt_runtime import collect_garbage_on_gui_thread
from graph.clock import FixedClock, use_clock
from tests.desktop.helpers import shown_with_workspace
from tests.desktop.portfolio import TODAY, build_portfolio


@pytest.fixture(autouse=True)
def private_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings and the data folder live in the test's temporary folder, never the user's."""
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings")
    )
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


@pytest.fixture(autouse=True)
def clock() -> Iterator[FixedClock]:
    """The app's clock stands at the portfolio's date, so every test passes on any day."""
    with use_clock(FixedClock(dt.datetime.combine(TODAY, dt.time(15, 0)))) as fixed:
        yield fixed


@pytest.fixture(autouse=True)
def garbage_on_gui_thread(qapp: QApplication) -> None:
    """As in the app: no collection on worker threads (it can destroy the GUI's Qt objects)."""
    collect_garbage_on_gui_thread(qapp)


@pytest.fixture(autouse=True)
def no_animations(qapp: QApplication) -> None:
    for effect in (
        Qt.UIEffect.UI_AnimateMenu,
        Qt.UIEffect.UI_FadeMenu,
        Qt.UIEffect.UI_AnimateCombo,
        Qt.UIEffect.UI_AnimateTooltip,
        Qt.UIEffect.UI_FadeTooltip,
        Qt.UIEffect.UI_AnimateToolBox,
    ):
        QApplication.setEffectEnabled(effect, False)


class Dialogs:
    """Stands in for ``desktop.common.ask``: scripted answers in, the questions asked recorded."""

    def __init__(self) -> None:
        self.texts: list[str | None] = []
        self.answers: list[bool] = []
        self.accounts: list[dict[str, Any] | None] = []
        self.errors: list[str] = []
        self.asked: list[str] = []

    def text(self, parent: object, title: str, label: str, default: str = "") -> str | None:
        self.asked.append(title)
        return self.texts.pop(0)

    def question(self, parent: object, title: str, text: str, **_: object) -> bool:
        self.asked.append(title)
        return self.answers.pop(0)

    def error(self, parent: object, title: str, text: str) -> None:
        self.errors.append(text)

    def account_details(self, parent: object, taken: set[str]) -> dict[str, Any] | None:
        self.asked.append("account_details")
        return self.accounts.pop(0)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    fake = Dialogs()
    for name in ("text", "question", "error", "account_details"):
        monkeypatch.setattr(ask, name, getattr(fake, name))
    return fake


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    path = tmp_path / "Portfolio.rapport"
    build_portfolio(path).close()
    return path


@pytest.fixture
def real_map() -> bool:
    """Whether the window gets the real map canvas; tests of the shell alone use a stand-in
    (the map has its own tests, and its layout threads slow every window down)."""
    return False


@pytest.fixture
def window(
    qtbot: Any,
    workspace_path: Path,
    dialogs: Dialogs,
    real_map: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Any]:
    from desktop.shell import account_view
    from desktop.shell.app import open_window

    if not real_map:
        monkeypatch.setattr(account_view, "make_map", lambda session: QLabel("Map"))
        monkeypatch.setattr(account_view, "make_first_map", lambda path: QLabel("Map"))
    win = open_window(workspace_path)
    qtbot.addWidget(win)
    shown_with_workspace(qtbot, win)
    yield win
    if win.session is not None:
        win.close()
