"""The undo step of an import: the first redo leaves the file alone, undo and redo replay it,
and a step that cannot be replayed says so in words and leaves the stack."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from desktop.workspace.undo_operation import push_result
from graph.imports import AppliedImport, ImportFailed, plan_vcards
from graph.operations import OpResult, applied_import, apply_import
from graph.workspace import Workspace
from tests.desktop.conftest import Dialogs
from tests.desktop.import_wizard import files


def names(ws: Workspace, account_id: int) -> list[str]:
    assert ws.path is not None
    with Workspace.open(ws.path, readonly=True) as fresh:
        return sorted(p.name for p in fresh.people(account_id))


@pytest.fixture
def imported(
    portfolio: tuple[Workspace, int], write_file: Callable[[str, bytes], Path]
) -> OpResult:
    ws, northwind = portfolio
    return apply_import(ws, plan_vcards(ws, write_file("c.vcf", files.vcards()), northwind))


@pytest.fixture
def applied(imported: OpResult) -> AppliedImport:
    return applied_import(imported)


def test_push_leaves_the_file_alone_then_undo_and_redo_replay_the_import(
    portfolio: tuple[Workspace, int], undo_stack: QUndoStack, imported: OpResult
) -> None:
    ws, northwind = portfolio
    push_result(undo_stack, ws, imported, "Import c.vcf")
    assert undo_stack.undoText() == "Import c.vcf"
    assert names(ws, northwind) == ["Ana Ruiz", "Walter Boss"]  # not written twice
    for _ in range(2):
        undo_stack.undo()
        assert names(ws, northwind) == []
        undo_stack.redo()
        assert names(ws, northwind) == ["Ana Ruiz", "Walter Boss"]


def test_an_undo_that_fails_is_explained_and_leaves_the_stack(
    portfolio: tuple[Workspace, int],
    undo_stack: QUndoStack,
    imported: OpResult,
    applied: AppliedImport,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws, northwind = portfolio
    push_result(undo_stack, ws, imported, "Import c.vcf")

    def locked(_ws: Workspace) -> None:
        raise ImportFailed.single("c.vcf", "the workspace is locked by another program")

    monkeypatch.setattr(applied, "undo", locked)
    undo_stack.undo()
    assert dialogs.errors == ["C.vcf: the workspace is locked by another program"]
    assert undo_stack.count() == 0
    assert names(ws, northwind) == ["Ana Ruiz", "Walter Boss"]
