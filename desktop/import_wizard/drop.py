"""Which dropped things the window takes as an import: one local file of a supported kind."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

# The files the wizard offers and a drop on the window accepts.
SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".vcf", ".ics", ".eml", ".mbox", ".msg")


def accepts_drop(mime: QMimeData) -> Path | None:
    """The file to import if ``mime`` holds exactly one local file with a supported suffix
    (.csv .tsv .txt .xlsx .vcf .ics); else None. Cheap enough for ``dragEnterEvent``."""
    if not mime.hasUrls():
        return None
    urls = mime.urls()
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    if path.suffix.lower() not in SUFFIXES or not path.is_file():
        return None
    return path
