"""Finding, creating and opening workspace files for the app (no widgets here)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from graph.errors import WorkspaceFileError
from graph.workspace import Workspace

DEFAULT_NAME = "Portfolio.rapport"


def data_folder() -> Path:
    """The user's Rapport data folder (created if missing)."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("Rapport", appauthor=False))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceFileError(f"{folder}: cannot create the data folder ({exc})") from exc
    return folder


def default_workspace(today: dt.date | None = None) -> tuple[Path, bool]:
    """The workspace to open when none was named: the one in the data folder, made from the
    sample portfolio on first run. Returns (path, whether it was just created)."""
    path = data_folder() / DEFAULT_NAME
    if path.exists():
        return path, False
    try:
        from desktop.sample_file import write_sample_file

        write_sample_file(path, today=today)
    except Exception as exc:  # no usable sample in this build: start empty rather than not at all
        print(
            f"rapport: the sample portfolio could not be written ({exc}); starting empty",
            file=sys.stderr,
        )
        path.unlink(missing_ok=True)
        Workspace.create(path).close()
    return path, True


def open_file(path: Path) -> Workspace:
    """Open a workspace for editing; raises RapportError with a message fit to show."""
    return Workspace.open(path)


def create_file(path: Path) -> Workspace:
    if path.suffix == "":
        path = path.with_suffix(".rapport")
    return Workspace.create(path)
