"""Stands in for what surrounds an export: the file dialog, the edition question, the "open
it?" question and the desktop services; and waits for an export to end."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QWidget

from desktop.qbr_export.export_dialog import QbrExport
from desktop.qbr_export.export_edition import default_edition
from reports.edition import Sharing


class Outside:
    """Stands in for the file dialog, the edition question (its default), the "open it?"
    question and the desktop services."""

    def __init__(self, target: Path | None, choice: str | None = "folder") -> None:
        self.target = target
        self.choice = choice
        self.suggested: list[Path] = []
        self.offered: list[Path] = []
        self.withheld: list[Sequence[str]] = []
        self.opened: list[QUrl] = []

    def choose_path(self, parent: QWidget | None, suggested: Path) -> Path | None:
        self.suggested.append(suggested)
        return self.target

    def choose_edition(self, parent: QWidget | None, target: Path) -> Sharing | None:
        return Sharing(default_edition(target))

    def offer_to_open(
        self, parent: QWidget | None, path: Path, withheld: Sequence[str] = ()
    ) -> str | None:
        self.offered.append(path)
        self.withheld.append(withheld)
        return self.choice

    def open_url(self, url: QUrl) -> bool:
        self.opened.append(url)
        return True


def run_export(qtbot: Any, export: QbrExport | None) -> QbrExport:
    assert export is not None
    with qtbot.waitSignal(export.done, timeout=20_000):
        pass
    return export
