"""Finding, creating and opening workspace files for the app (no widgets here)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from graph.errors import WorkspaceFileError
from graph.store import SUFFIX
from graph.workspace import Workspace

DEFAULT_NAME = f"Portfolio{SUFFIX}"


def data_folder() -> Path:
    """The user's Rapport data folder (created if missing)."""
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("Rapport", appauthor=False))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceFileError(f"{folder}: cannot create the data folder ({exc})") from exc
    return folder


def default_workspace() -> tuple[Path, bool]:
    """The workspace to open when none was named: ``Portfolio.rapport`` in the data folder.
    Returns (path, whether it exists); on first run it does not, see ``write_default``."""
    path = data_folder() / DEFAULT_NAME
    return path, path.exists()


def write_default(path: Path, today: dt.date | None = None) -> None:
    """Write the sample portfolio to ``path`` (a new file); an empty workspace if this build
    has no usable sample. Slow (a second or two): run it off the GUI thread."""
    try:
        from desktop.cli.sample_file import write_sample_file

        write_sample_file(path, today=today)
    except Exception as exc:  # no usable sample in this build: start empty rather than not at all
        if path.exists():
            raise
        print(
            f"rapport: the sample portfolio could not be written ({exc}); starting empty",
            file=sys.stderr,
        )
        Workspace.create(path).close()


def open_file(path: Path, *, check_later: bool = False) -> Workspace:
    """Open a workspace for editing; raises RapportError with a message fit to show.
    ``check_later`` (the app's start): the thorough half of the file check runs on a thread
    while the window paints; writes wait for it (``graph.background_check``) and the session
    says if it failed (``WorkspaceSession.file_refused``)."""
    return Workspace.open(path, check_later=check_later)


def create_file(path: Path) -> Workspace:
    if path.suffix == "":
        path = path.with_suffix(SUFFIX)
    return Workspace.create(path)
