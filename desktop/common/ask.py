"""Modal questions to the user, in one small module that tests replace.

Every modal dialog of the app goes through these functions (never ``QMessageBox`` directly),
so a test monkeypatches ``desktop.common.ask.question`` and friends instead of clicking a dialog.
Callers import the module (``from desktop import ask``) and call ``ask.question(...)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from graph.quickread.opening import SUFFIX

WORKSPACE_FILTER = "Rapport workspaces (*.rapport);;All files (*)"


def question(
    parent: QWidget | None, title: str, text: str, *, yes: str = "Yes", no: str = "Cancel"
) -> bool:
    """A yes/no question; True if the user chose ``yes``."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton)
    box.setParent(parent, box.windowFlags())
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(accept)
    box.exec()
    return box.clickedButton() is accept


def error(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user something failed, in words (never a traceback)."""
    QMessageBox.warning(parent, title, text)


def text(parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
    """One line of text, or None if cancelled. Leading and trailing blanks are removed."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, default)
    return value.strip() if ok else None


def choice(
    parent: QWidget | None, title: str, label: str, items: list[str], current: str = ""
) -> str | None:
    """One of ``items`` or a typed line, or None if cancelled."""
    options = items if current in items or not current else [current, *items]
    index = options.index(current) if current in options else 0
    value, ok = QInputDialog.getItem(parent, title, label, options, index, True)
    return value.strip() if ok else None


def open_path(parent: QWidget | None, title: str, directory: Path) -> Path | None:
    """An existing workspace file, or None if cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, title, str(directory), WORKSPACE_FILTER)
    return Path(name) if name else None


def save_path(parent: QWidget | None, title: str, directory: Path) -> Path | None:
    """A new workspace file name (``.rapport`` added if missing), or None if cancelled."""
    name, _ = QFileDialog.getSaveFileName(
        parent, title, str(directory / f"Portfolio{SUFFIX}"), WORKSPACE_FILTER
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(SUFFIX)


def account_details(parent: QWidget | None, taken: set[str]) -> dict[str, Any] | None:
    """The details of a new account (see ``NewAccountDialog.values``), or None if cancelled."""
    from desktop.shell.dialogs import NewAccountDialog

    dialog = NewAccountDialog(parent, taken)
    return dialog.values() if dialog.exec() == NewAccountDialog.DialogCode.Accepted else None
