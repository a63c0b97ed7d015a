"""``rapport export`` runs without the cyclic garbage collector, and gives it back as it was."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import desktop.cli.export as export_module
from desktop.cli import main
from desktop.cli.collector import without_cyclic_collection


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was_on else gc.disable)()


@pytest.fixture
def no_qt(collector_on: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command-line process in which nothing started Qt's own collector."""
    monkeypatch.delitem(sys.modules, "desktop.common.qt_runtime", raising=False)


def test_off_while_running_and_on_again_after(no_qt: None) -> None:
    with without_cyclic_collection():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_on_again_after_a_failure(no_qt: None) -> None:
    with pytest.raises(RuntimeError), without_cyclic_collection():
        raise RuntimeError("disk full")
    assert gc.isenabled()


def test_left_off_when_it_was_off(no_qt: None) -> None:
    gc.disable()
    with without_cyclic_collection():
        pass
    assert not gc.isenabled()


def test_left_to_qt_when_the_map_started_its_collector(collector_on: None, qapp: Any) -> None:
    from desktop.common.qt_runtime import collect_garbage_on_gui_thread

    with without_cyclic_collection():
        collect_garbage_on_gui_thread(qapp)  # what drawing the map does in a fresh process
    assert not gc.isenabled()  # the GUI thread's timer collects, never a worker


def test_the_export_command_runs_without_it(
    no_qt: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[bool] = []

    def export_qbr(*_: Any, **__: Any) -> list[str]:
        seen.append(gc.isenabled())
        return ["Exported"]

    monkeypatch.setattr(export_module, "export_qbr", export_qbr)
    assert main(["export", str(tmp_path / "a.rapport"), "--account", "A", "--xlsx", "a.xlsx"]) == 0
    assert seen == [False]
    assert gc.isenabled()
