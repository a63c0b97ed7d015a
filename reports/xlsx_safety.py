"""Writing workbooks safely: text never becomes a formula; a file is replaced whole or not at all.

Formula injection: any text that a spreadsheet could read as a formula or a DDE command (it starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is stored as a plain string cell
with Excel's "quote prefix" flag, so it shows exactly as typed and stays text even when someone
edits the cell. Characters that XML cannot hold are dropped and over-long text is cut to Excel's
limit, so a stray control character in a note cannot make the export fail.

Atomic write: the workbook is saved under a temporary name in the target folder and renamed over
the target with ``os.replace``; a failure or a cancel removes the temporary file and leaves any
existing file untouched. A target that is open in Excel or LibreOffice, read-only, a folder, or
in a missing folder is refused up front with a message fit to show as it is.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph.errors import RapportError
from graph.files import (
    FileWriteError,
    Staging,
    private_tempdir,
    temporary_name,
    write_failure,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
MAX_CELL_TEXT = 32_767
# The characters XML 1.0 cannot hold (the same set openpyxl refuses).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class ExportError(FileWriteError):
    """The export could not be written; the message says why and what to do."""


class ExportCancelled(RapportError):
    """The user stopped the export; nothing was written."""


def run_steps(
    steps: Generator[float, None, None],
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    """Drive an export written as steps (fractions done): report each, stop when asked.
    Closing the steps on the way out removes any partial file (``atomic_target``)."""
    try:
        for fraction in steps:
            if progress is not None:
                progress(fraction)
            if cancelled is not None and cancelled() and fraction < 1.0:
                raise ExportCancelled("Export cancelled; nothing was written.")
    finally:
        steps.close()


def clean_text(text: str) -> str:
    """Text fit for a cell: no characters XML refuses, "\n" line breaks, Excel's length limit."""
    text = _ILLEGAL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    return text


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def put(cell: Any, value: object) -> Any:
    """Set ``cell`` to ``value``; text is always stored as text, never as a formula."""
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        cell.data_type = "s"
        if looks_like_formula(text):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def _lock_files(path: Path) -> list[Path]:
    # Excel leaves "~$name.xlsx" beside an open file, LibreOffice ".~lock.name.xlsx#".
    return [path.with_name(f"~${path.name}"), path.with_name(f".~lock.{path.name}#")]


def check_writable(path: Path) -> None:
    """Raise ExportError when ``path`` cannot be (over)written, with the reason."""
    folder = path.parent
    if not folder.is_dir():
        raise ExportError(f"Cannot export to {path}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"Cannot export to {path}: the folder {folder} is not writable.")
    if path.is_dir():
        raise ExportError(f"Cannot export to {path}: it is a folder, not a file.")
    if not path.exists():
        return
    for lock in _lock_files(path):
        if lock.exists():
            raise ExportError(
                f"{path.name} is open in another program (Excel or LibreOffice). "
                "Close it there and export again, or export under another name."
            )
    try:
        with open(path, "r+b"):
            pass
    except PermissionError as exc:
        raise ExportError(
            f"Cannot overwrite {path}: it is read-only or open in another program. "
            "Close it there and export again, or export under another name."
        ) from exc
    except OSError as exc:
        raise ExportError(f"Cannot overwrite {path}: {exc.strerror or exc}.") from exc


@contextmanager
def atomic_target(
    path: Path, stage: Staging | None = None, what: str = "the workbook"
) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one step.

    If the body raises (or the generator holding this is closed), the temporary file is removed
    and ``path`` is left as it was. With ``stage``, the rename waits for the stage's commit
    (several files of one export land together, or none does).
    """
    path = Path(path)
    check_writable(path)
    if stage is not None:
        temporary = stage.path(path, what)
        try:
            yield temporary
        except OSError as exc:
            raise ExportError(str(write_failure(path, exc, what))) from exc
        return
    temporary = temporary_name(path)
    try:
        # Created like any new file (mode 0666 less the umask), unlike mkstemp's private 0600.
        os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except OSError as exc:
        raise ExportError(str(write_failure(path, exc, what))) from exc
    try:
        try:
            yield temporary
            _flush(temporary)
        except OSError as exc:
            raise ExportError(str(write_failure(path, exc, what))) from exc
        try:
            os.replace(temporary, path)
        except PermissionError as exc:
            raise ExportError(
                f"Cannot overwrite {path}: it is open in another program or read-only. "
                "Close it there and export again, or export under another name."
            ) from exc
        except OSError as exc:
            raise ExportError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    finally:
        temporary.unlink(missing_ok=True)


def _flush(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save_workbook(workbook: Any, temporary: Path, target: Path) -> None:
    """Save an openpyxl workbook to ``temporary`` (the file that will become ``target``).

    The zip is built in memory and written in one go, so a full disk is an ordinary OSError
    (no half-closed ZipFile complaining at exit); openpyxl's own scratch files for each sheet
    stay beside the target instead of the system temp folder.
    """
    buffer = io.BytesIO()
    with private_tempdir(target):
        workbook.save(buffer)
    with open(temporary, "wb") as stream:
        stream.write(buffer.getbuffer())
