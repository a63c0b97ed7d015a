"""Writes a sample portfolio to a new workspace file, all or nothing (no Qt here)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from graph.errors import WorkspaceFileError
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

    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    temporary.unlink(missing_ok=True)
    try:
        with Workspace.create(temporary) as ws:
            if size == "large":
                write_large(ws, today=today, progress=progress)
            else:
                write_sample(ws, today=today)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
        Path(f"{temporary}-journal").unlink(missing_ok=True)
