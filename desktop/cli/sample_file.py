"""Writes a sample portfolio to a new workspace file, all or nothing (no Qt here)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from graph.errors import WorkspaceFileError
from graph.files import clean_stale, temporary_name, write_failure
from graph.workspace import Workspace


def write_sample_file(
    path: Path,
    *,
    size: str = "small",
    today: dt.date | None = None,
    progress: Callable[[float], None] | None = None,
) -> None:
    """Create ``path`` holding the sample portfolio. Refuses to overwrite a file; a failure
    leaves nothing behind, since the sample is built under a temporary name first."""
    if path.exists():
        raise WorkspaceFileError(f"{path}: already exists; Rapport will not overwrite it")
    if not path.parent.is_dir():
        raise WorkspaceFileError(f"{path}: the folder {path.parent} does not exist")
    from graph.samples import write_large, write_sample

    clean_stale(path.parent)
    temporary = temporary_name(path)
    try:
        with Workspace.create(temporary) as ws:
            if size == "large":
                write_large(ws, today=today, progress=progress)
            else:
                write_sample(ws, today=today)
        _flush(temporary)
        os.replace(temporary, path)
    except WorkspaceFileError as exc:  # SQLite on a full disk: name the file the user asked for
        raise WorkspaceFileError(str(exc).replace(str(temporary), str(path))) from exc
    except OSError as exc:
        raise write_failure(path, exc, "the sample portfolio") from exc
    finally:
        temporary.unlink(missing_ok=True)
        Path(f"{temporary}-journal").unlink(missing_ok=True)


def _flush(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
