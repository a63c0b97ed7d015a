"""Undo and Redo for a window of its own (a dialog over the main window): the main window's
shortcuts do not reach it, so it carries its own actions on the workspace's undo stack."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QBoxLayout, QToolButton, QWidget

from desktop.common.icons import icon


def window_undo_actions(window: QWidget, stack: QUndoStack) -> tuple[QAction, QAction]:
    """Undo and Redo actions on ``stack``, with the standard shortcuts, added to ``window``."""
    undo = stack.createUndoAction(window, "Undo")
    undo.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
    undo.setIcon(icon("undo"))
    redo = stack.createRedoAction(window, "Redo")
    redo.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
    redo.setIcon(icon("redo"))
    window.addActions([undo, redo])
    return undo, redo


def add_undo_buttons(row: QBoxLayout, actions: tuple[QAction, QAction]) -> None:
    """Flat Undo and Redo buttons for ``actions`` at the end of ``row`` (a dialog's bottom)."""
    for action in actions:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        row.addWidget(button)
