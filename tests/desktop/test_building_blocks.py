"""Small parts of the shell: the shared selection, settings, icons, palettes, edits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QUndoStack

from desktop.common.icons import ICON_DIR, icon
from desktop.common.palette import DARK, LIGHT, colours
from desktop.shell.settings import MAX_RECENT, Settings
from desktop.workspace import edits
from desktop.workspace.selection import Selection, parse_key
from desktop.workspace.undo_operation import run_operation
from graph import schema as s
from graph.errors import ValidationError
from graph.workspace import Workspace


def test_selection_announces_changes_once_with_their_source(qtbot: Any) -> None:
    selection = Selection()
    seen: list[list[str]] = []
    selection.changed.connect(seen.append)
    selection.set_nodes(["p1", "p1", "r2"], source="map")
    selection.set_nodes(["p1", "r2"], source="table")  # no change: no signal
    assert seen == [["p1", "r2"]] and selection.source == "map"
    assert selection.of_kind("relationship") == [2]
    selection.discard({"p1"})
    assert selection.nodes() == ["r2"]
    selection.clear()
    assert seen[-1] == []
    assert parse_key("c12") == ("coverage", 12)
    with pytest.raises(ValueError):
        parse_key("x1")


def test_recent_files_are_capped_and_most_recent_first(tmp_path: Path) -> None:
    settings = Settings()
    for i in range(MAX_RECENT + 2):
        settings.add_recent(tmp_path / f"{i}.rapport")
    recent = settings.recent_files()
    assert len(recent) == MAX_RECENT
    assert recent[0].name == f"{MAX_RECENT + 1}.rapport"
    assert settings.last_workspace() == recent[0]
    settings.forget(recent[0])
    assert settings.last_workspace() is None
    settings.set_last_account(recent[1], 7)
    assert settings.last_account(recent[1]) == 7


def test_every_icon_renders_sharp_at_2x(qapp: Any) -> None:
    names = [p.stem for p in ICON_DIR.glob("*.svg") if p.stem != "rapport"]
    assert len(names) >= 20
    for name in names:
        pixmap = icon(name).pixmap(QSize(24, 24), 2.0)
        assert pixmap.size() == QSize(48, 48), name
        assert pixmap.devicePixelRatio() == 2.0
        image = pixmap.toImage()
        drawn = sum(1 for x in range(48) for y in range(48) if image.pixelColor(x, y).alpha() > 0)
        assert 40 < drawn < 48 * 48 * 0.8, name  # some strokes, not a filled square


def test_palettes_differ_and_one_is_current(qapp: Any) -> None:
    assert LIGHT.red != DARK.red
    assert colours() in (LIGHT, DARK)


def test_a_refused_edit_leaves_no_trace(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "w.rapport")
    account = ws.add(s.Account(name="A"))
    person = ws.add(s.Person(account_id=account.id, name="P"))
    stack = QUndoStack()
    with pytest.raises(ValidationError) as refused:
        run_operation(stack, ws, edits.edit(person, "email", "nope", "email"))
    assert refused.value.field == "email"
    assert edits.message_of(refused.value, detail=True) == "'nope' is not an email address"
    assert ws.get(s.Person, person.id).email == ""
    assert stack.count() == 0
    run_operation(stack, ws, edits.edit(person, "title", "CTO", "title"))
    assert ws.get(s.Person, person.id).title == "CTO"
    assert [stack.text(i) for i in range(stack.count())] == ["Edit title of P"]
    ws.close()
