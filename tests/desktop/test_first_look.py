"""The window's first look: the first account's map, read with sqlite3 before the workspace
loads, painted in the window's own frame; the workspace loads after the first paint and the
map keeps what it shows, unless the file changed in between."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.accounts.account_list import ACCOUNT_ID_ROLE, SIGNALS_ROLE
from desktop.map import map_widget
from desktop.shell.app import open_window
from desktop.shell.quick_start import read_quick_start
from desktop.shell.settings import Settings
from graph import schema as s
from graph.workspace import Workspace
from tests.desktop.helpers import on_disk, shown_with_workspace
from tests.desktop.portfolio import TODAY


@pytest.fixture
def real_map() -> bool:
    return True


def _first_look(qtbot: Any, path: Path) -> Any:
    window = open_window(path)
    qtbot.addWidget(window)
    assert window.session is None, "the window should open on its first look"
    return window


def _first_account(path: Path) -> tuple[int, set[str]]:
    """The account a window opens first (the first by name), and its people's cards."""
    with on_disk(path) as ws:
        first = ws.accounts()[0]
        return first.id, {f"p{p.id}" for p in ws.people(first.id)}


def _remember_northwind(path: Path) -> tuple[int, set[str]]:
    """The window opens on Northwind, as if the last one showed it; its people's cards."""
    with on_disk(path) as ws:
        north = ws.account_named("Northwind Logistics")
        people = {f"p{p.id}" for p in ws.people(north.id)}
    Settings().set_last_account(path, north.id)
    return north.id, people


def _cards(window: Any) -> dict[str, Any]:
    return dict(window.view.map.scene.cards)


def test_the_first_look_shows_the_first_account_and_keeps_its_map_when_the_workspace_loads(
    qtbot: Any, workspace_path: Path
) -> None:
    first, people = _remember_northwind(workspace_path)
    window = _first_look(qtbot, workspace_path)
    window.show()
    qtbot.waitExposed(window)
    the_map = window.view.map
    # painted before the workspace: the account last shown, its cards laid out and fitted
    assert the_map.account_id == first
    assert people and people <= set(the_map.scene.cards)
    title = window.windowTitle()
    # and the list of accounts, by name, the one shown picked (no signals yet: grey badges)
    with on_disk(workspace_path) as ws:
        names = [a.name for a in ws.accounts()]
    listed = window.accounts
    assert [listed.model.account(r).name for r in range(listed.model.rowCount())] == names
    assert listed.view.currentIndex().data(ACCOUNT_ID_ROLE) == first
    assert listed.view.currentIndex().data(SIGNALS_ROLE) is None
    shown = _cards(window)
    transform = the_map.view.transform()
    place = the_map.view.viewport().geometry().translated(the_map.view.mapTo(window, QPoint()))
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)
    # the workspace took over the same map: the same card items, where they were
    assert window.session.account_id == first
    assert window.windowTitle() == title
    assert _cards(window) == shown
    assert the_map.view.transform() == transform
    # the docks' contents came with the room the first look kept for them: the map stays put
    QApplication.processEvents()
    assert (
        the_map.view.viewport().geometry().translated(the_map.view.mapTo(window, QPoint())) == place
    )
    assert the_map.ws is window.session.ws
    assert window.accounts is listed and window.docks.accounts.widget() is listed
    assert listed.view.currentIndex().data(ACCOUNT_ID_ROLE) == first
    # the list is the session's now: its signals arrive (health badges)
    qtbot.waitUntil(
        lambda: listed.view.currentIndex().data(SIGNALS_ROLE) is not None, timeout=10_000
    )
    # and it is the live map now: a selection in the session shows on it, an edit refreshes it
    key = sorted(people)[0]
    window.session.selection.set_nodes([key])
    assert the_map.scene.selected_keys() == [key]
    window.session.ws.add(s.Person(account_id=first, name="Gus Novak"))
    qtbot.waitUntil(lambda: len(the_map.scene.cards) == len(shown) + 1, timeout=5000)
    window.close()


def test_a_file_written_after_the_first_look_is_read_again_when_the_workspace_loads(
    qtbot: Any, workspace_path: Path
) -> None:
    first, _people = _remember_northwind(workspace_path)
    window = _first_look(qtbot, workspace_path)
    with Workspace.open(workspace_path) as ws:  # another Rapport, or a sync, writes meanwhile
        added = ws.add(s.Person(account_id=first, name="Gus Novak"))
    shown_with_workspace(qtbot, window)
    the_map = window.view.map
    qtbot.waitUntil(lambda: f"p{added.id}" in the_map.scene.cards, timeout=10_000)
    window.close()


def test_the_first_look_opens_the_account_the_last_window_showed_else_the_first_by_name(
    qtbot: Any, workspace_path: Path
) -> None:
    first, _people = _first_account(workspace_path)
    window = _first_look(qtbot, workspace_path)
    shown_with_workspace(qtbot, window)
    assert window.view.map.account_id == first == window.session.account_id
    window.close()
    north, _people = _remember_northwind(workspace_path)
    assert north != first
    window = _first_look(qtbot, workspace_path)
    shown_with_workspace(qtbot, window)
    assert window.view.map.account_id == north == window.session.account_id
    window.close()


def test_a_big_first_look_is_laid_out_on_the_worker_after_the_window_paints(
    qtbot: Any, workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(map_widget, "SLICED_ABOVE", 0)  # every map is "big"
    first, people = _remember_northwind(workspace_path)
    window = _first_look(qtbot, workspace_path)
    shown_with_workspace(qtbot, window)
    the_map = window.view.map
    qtbot.waitUntil(the_map.laid_out, timeout=10_000)
    assert the_map.account_id == first
    assert people and people <= set(the_map.scene.cards)
    window.close()


class _Seen(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[QEvent.Type] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress):
            self.events.append(event.type())
        return False


def _press(widget: Any) -> bool:
    """Whether a click and a key press sent to ``widget`` reached it."""
    seen = _Seen()
    widget.installEventFilter(seen)
    try:
        at = QPointF(5, 5)
        QApplication.sendEvent(
            widget,
            QMouseEvent(
                QEvent.Type.MouseButtonPress,
                at,
                widget.mapToGlobal(at),
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        )
        QApplication.sendEvent(
            widget,
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
        )
    finally:
        widget.removeEventFilter(seen)
    return len(seen.events) == 2


def test_the_first_look_takes_no_input_until_the_workspace_loads(
    qtbot: Any, workspace_path: Path
) -> None:
    window = _first_look(qtbot, workspace_path)
    viewport = window.view.map.view.viewport()
    assert not _press(viewport)  # a click or Delete would act on a workspace not loaded yet
    shown_with_workspace(qtbot, window)
    assert _press(viewport)
    window.close()


def test_no_first_look_when_only_the_full_open_can_say_what_to_show(
    qtbot: Any, workspace_path: Path, tmp_path: Path
) -> None:
    assert read_quick_start(workspace_path, None, TODAY) is not None
    # the history log holds changes made after the day: only the full read can undo them
    assert read_quick_start(workspace_path, None, TODAY - dt.timedelta(days=400)) is None
    # an edit in flight (or an interrupted one) beside the file
    journal = Path(f"{workspace_path}-journal")
    journal.write_bytes(b"")
    assert read_quick_start(workspace_path, None, TODAY) is None
    journal.unlink()
    # a portfolio with no account, a damaged file, a missing one
    empty = tmp_path / "Empty.rapport"
    Workspace.create(empty).close()
    assert read_quick_start(empty, None, TODAY) is None
    damaged = tmp_path / "Damaged.rapport"
    damaged.write_bytes(workspace_path.read_bytes()[:4096])
    assert read_quick_start(damaged, None, TODAY) is None
    assert read_quick_start(tmp_path / "Missing.rapport", None, TODAY) is None
    # then the window opens with its workspace, as before
    window = open_window(empty)
    qtbot.addWidget(window)
    assert window.session is not None
    window.close()


def test_a_file_the_full_open_refuses_is_said_with_the_input_free(
    qtbot: Any, workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value the first look does not check: the full open refuses the file after the first
    paint, and its message can be clicked (the window's input is no longer held)."""
    import sqlite3

    from desktop.common import ask

    exit_codes: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(exit_codes.append))
    free: list[bool] = []
    messages: list[str] = []

    def error(parent: object, title: str, text: str) -> None:
        messages.append(text)
        free.append(_press(QWidget()))  # stands for the message box's button

    monkeypatch.setattr(ask, "error", error)
    conn = sqlite3.connect(workspace_path)
    with conn:
        conn.execute("UPDATE people SET cadence_days = 0")
    conn.close()
    window = _first_look(qtbot, workspace_path)
    window.show()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert "field cadence_days" in messages[0]
    assert free == [True]
    assert not window.isVisible() and exit_codes == [1]
    assert workspace_path.resolve() not in Settings().recent_files()


def test_a_message_shown_on_the_first_look_takes_its_input(
    qtbot: Any, workspace_path: Path
) -> None:
    """An unexpected error's message while the window waits for its workspace can be read and
    closed: a modal dialog takes its input though the window's is held."""
    from PySide6.QtWidgets import QDialog

    window = _first_look(qtbot, workspace_path)
    message = QDialog(window)
    message.setModal(True)
    message.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is message, timeout=5000)
    assert _press(message)
    message.close()
    assert not _press(window.view.map.view.viewport())


def test_a_start_across_midnight_reads_the_map_again_for_the_new_day(
    qtbot: Any, workspace_path: Path, clock: Any
) -> None:
    _remember_northwind(workspace_path)
    window = _first_look(qtbot, workspace_path)
    window.show()
    qtbot.waitExposed(window)
    shown = _cards(window)
    assert shown
    clock.advance(dt.timedelta(days=1))  # the first look was read yesterday
    qtbot.waitUntil(lambda: window.session is not None, timeout=10_000)
    the_map = window.view.map
    qtbot.waitUntil(lambda: the_map.laid_out() and bool(the_map.scene.cards), timeout=10_000)
    assert the_map.scene.data.today == TODAY + dt.timedelta(days=1)
    assert set(_cards(window)) == set(shown) and _cards(window) != shown  # built again
    window.close()


def test_a_commit_that_keeps_the_file_s_time_and_size_changes_its_stamp(
    workspace_path: Path,
) -> None:
    import os
    import sqlite3

    from desktop.shell.quick_start import FileStamp

    before = FileStamp.of(workspace_path)
    assert before is not None
    conn = sqlite3.connect(workspace_path)
    with conn:
        conn.execute("UPDATE people SET title = upper(title)")
    conn.close()
    os.utime(workspace_path, ns=(before.modified_ns, before.modified_ns))
    after = FileStamp.of(workspace_path)
    assert after is not None
    assert (after.modified_ns, after.size) == (before.modified_ns, before.size)
    assert after != before


def test_a_workspace_the_views_cannot_read_is_refused_with_the_input_free(
    qtbot: Any, workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.common import ask
    from desktop.inspector import panel
    from graph.errors import WorkspaceFileError

    exit_codes: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(exit_codes.append))
    free: list[bool] = []
    monkeypatch.setattr(ask, "error", lambda *_: free.append(_press(QWidget())))

    def locked(*_: object) -> None:
        raise WorkspaceFileError(f"{workspace_path}: another program is writing to it")

    monkeypatch.setattr(panel.Inspector, "__init__", locked)
    window = _first_look(qtbot, workspace_path)
    window.show()
    qtbot.waitUntil(lambda: bool(free), timeout=10_000)
    assert free == [True] and exit_codes == [1] and not window.isVisible()


def test_a_bug_while_the_workspace_loads_leaves_the_input_free(
    qtbot: Any, workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.inspector import panel

    def broken(*_: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(panel.Inspector, "__init__", broken)
    window = _first_look(qtbot, workspace_path)
    with qtbot.capture_exceptions() as raised:
        window.show()
        qtbot.waitUntil(lambda: bool(raised), timeout=10_000)
    assert "a bug" in str(raised[0][1])
    assert _press(window.view.map.view.viewport())  # the app's error dialog can be used
    window.close()


def test_no_first_look_of_a_pipe_named_as_the_workspace(tmp_path: Path) -> None:
    """A pipe is never read (it would wait for a writer forever): the full open refuses it
    in words."""
    import os
    import threading

    pipe = tmp_path / "Pipe.rapport"
    os.mkfifo(pipe)
    answers: list[object] = []
    reading = threading.Thread(
        target=lambda: answers.append(read_quick_start(pipe, None, TODAY)), daemon=True
    )
    reading.start()
    reading.join(timeout=10)
    assert answers == [None]
