"""Writing files all at once: a temporary file in the target's folder, renamed into place.

Every file Rapport writes (workspace copies, exports, charts, maps, workbooks) goes through here:

- ``atomic_path(target)`` yields a temporary path beside the target; when the body succeeds the
  file is flushed to disk and renamed over the target in one step. A failure removes it and
  leaves any earlier file untouched.
- ``Staging`` does the same for several files at once (``rapport export``): nothing is renamed
  until every file is written, so a failed export destroys no earlier file.
- A temporary name carries the id of the process writing it
  (``.NAME.<pid>.<hex>.partial``), so ``clean_stale(folder)`` can remove what a killed process
  left behind (it may hold personal data) on the next start, without touching the temporary
  files of a Rapport that is still running. ``remove_temporaries_of(pid, folder)`` removes at
  once what a child process of a running Rapport left when it failed.
- ``write_failure(path, error)`` turns the operating system's complaint (disk full, permission,
  I/O error) into one line naming the file.

Nothing here goes to the system temp folder: a temporary file lives beside its target, on the
same file system, so the rename is atomic and the file never leaves the folder the user chose.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from graph.errors import RapportError

TEMP_SUFFIX = ".partial"
# ".qbr.xlsx.4242.0a1b2c3d.partial", plus SQLite's journal beside a temporary workspace.
_TEMP_NAME = re.compile(
    r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.partial(?:-journal|\.[a-z]{2,4})?$"
)


class FileWriteError(RapportError):
    """A file could not be written (disk full, no permission, I/O error); nothing was replaced."""


def write_failure(path: Path, error: OSError, what: str = "the file") -> FileWriteError:
    """One line naming ``path`` and what went wrong, fit to show as it is."""
    return FileWriteError(
        f"{path}: {what} could not be written ({reason_of(error, path)}); nothing was replaced"
    )


def reason_of(error: OSError, path: Path | None = None) -> str:
    """What went wrong, in words: "the disk is full", "permission denied (...)"."""
    code = error.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        reason = "the disk is full"
    elif code in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "permission denied (the file or its folder is read-only)"
    elif code == errno.ENOENT:
        reason = f"the folder {path.parent} does not exist" if path else "no such file or folder"
    elif code == errno.EISDIR:
        reason = "it is a folder"
    elif code == errno.EIO:
        reason = "an input/output error (the disk or network drive failed)"
    else:
        reason = error.strerror or str(error) or type(error).__name__
    return reason


def temporary_name(target: Path, kind: str = "") -> Path:
    """A fresh temporary path beside ``target``, recognisable by ``clean_stale``; ``kind``
    (".png") ends it for writers that choose the format by the file's suffix."""
    token = secrets.token_hex(4)
    return target.with_name(f".{target.name}.{os.getpid()}.{token}{TEMP_SUFFIX}{kind}")


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    except OSError:
        return False
    return True


def _started_after(pid: int, mtime: float) -> bool:
    """True when process ``pid`` started after ``mtime``: the id was reused, the writer is gone."""
    try:
        started = os.stat(f"/proc/{pid}").st_ctime
    except OSError:
        return False  # no /proc (macOS, Windows): trust that the process is the writer
    return started > mtime + 1.0


def stale_temporaries(folder: Path) -> list[Path]:
    """Our temporary files in ``folder`` whose writing process is gone."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    stale: list[Path] = []
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if match is None:
            continue
        pid = int(match.group("pid"))
        try:
            mtime = entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if pid == os.getpid():
            continue
        if not _process_alive(pid) or _started_after(pid, mtime):
            stale.append(Path(entry.path))
    return stale


def remove_temporaries_of(pid: int, *folders: Path) -> list[Path]:
    """Remove the temporary files (and folders) process ``pid`` made in ``folders``: a child
    process that ended before it could tidy up, whose parent is still running (so
    ``clean_stale`` of another Rapport would not know the files are abandoned until later)."""
    removed: list[Path] = []
    for folder in dict.fromkeys(Path(f) for f in folders):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            match = _TEMP_NAME.match(entry.name)
            if match is None or int(match.group("pid")) != pid:
                continue
            path = Path(entry.path)
            _remove(path)
            removed.append(path)
    return removed


def clean_stale(*folders: Path | None) -> list[Path]:
    """Remove temporary files (and folders) that killed Rapport processes left in ``folders``.

    Called at the start of the app and of every command that writes into a folder. Errors are
    ignored: a file we cannot remove now is tried again next time.
    """
    removed: list[Path] = []
    seen: set[Path] = set()
    for folder in folders:
        if folder is None:
            continue
        folder = Path(folder)
        if folder in seen:
            continue
        seen.add(folder)
        for path in stale_temporaries(folder):
            try:
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible (nor needed) on every platform.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


class Staging:
    """Several files written to temporaries first, renamed into place only when all are done.

    ``path(target)`` gives the temporary to write for ``target``; ``scratch(near, suffix)`` a
    temporary working file that is never renamed (removed at the end either way). ``commit()``
    flushes every file and renames them; ``discard()`` removes every temporary.
    """

    def __init__(self) -> None:
        self._targets: list[tuple[Path, Path, str]] = []
        self._scratch: list[Path] = []

    def path(self, target: Path, what: str = "the file") -> Path:
        target = Path(target)
        temporary = temporary_name(target)
        try:
            # Created like any new file (0666 less the umask), unlike mkstemp's private 0600.
            os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except OSError as exc:
            raise write_failure(target, exc, what) from exc
        self._targets.append((target, temporary, what))
        return temporary

    def scratch(self, near: Path, kind: str = "") -> Path:
        """A temporary working path in ``near``'s folder (not created), removed at the end;
        ``kind`` (".png") is its suffix."""
        temporary = temporary_name(Path(near), kind)
        self._scratch.append(temporary)
        return temporary

    def commit(self) -> None:
        for target, temporary, what in self._targets:
            try:
                if temporary.stat().st_size == 0:
                    # A writer that reported success but wrote nothing (Qt on a full disk).
                    raise OSError(errno.EIO, "nothing was written")
                _fsync(temporary)
            except OSError as exc:
                self.discard()
                raise write_failure(target, exc, what) from exc
        for target, temporary, what in self._targets:
            try:
                os.replace(temporary, target)
            except OSError as exc:
                self.discard()
                raise write_failure(target, exc, what) from exc
        for folder in {t.parent for t, _tmp, _w in self._targets}:
            _fsync_folder(folder)
        self._targets.clear()
        self.discard()

    def discard(self) -> None:
        for _target, temporary, _what in self._targets:
            _remove(temporary)
        for temporary in self._scratch:
            _remove(temporary)
        self._targets.clear()
        self._scratch.clear()


@contextmanager
def staging() -> Iterator[Staging]:
    """A ``Staging`` committed when the body succeeds, discarded when it raises.

    An OSError from the body (a writer meeting a full disk) becomes a ``FileWriteError``
    naming the first target.
    """
    stage = Staging()
    try:
        yield stage
    except OSError as exc:
        first = (
            stage._targets[0][0] if stage._targets else Path(getattr(exc, "filename", "") or ".")
        )
        stage.discard()
        raise write_failure(first, exc) from exc
    except BaseException:
        stage.discard()
        raise
    stage.commit()


@contextmanager
def atomic_path(target: str | Path, what: str = "the file") -> Iterator[Path]:
    """Yield a temporary path beside ``target``; it replaces ``target`` when the body succeeds."""
    target = Path(target)
    stage = Staging()
    temporary = stage.path(target, what)
    try:
        yield temporary
    except OSError as exc:
        stage.discard()
        raise write_failure(target, exc, what) from exc
    except BaseException:
        stage.discard()
        raise
    stage.commit()


@contextmanager
def atomic_open(
    target: str | Path, mode: str = "wb", what: str = "the file", **open_args: Any
) -> Iterator[IO[Any]]:
    """An open stream whose content replaces ``target`` when the body succeeds."""
    target = Path(target)
    with atomic_path(target, what) as temporary:
        try:
            with open(temporary, mode, **open_args) as stream:
                yield stream
        except OSError as exc:
            raise write_failure(target, exc, what) from exc


_TEMPDIR_LOCK = threading.Lock()


@contextmanager
def private_tempdir(near: Path) -> Iterator[Path]:
    """Point ``tempfile`` at a temporary folder beside ``near`` for the duration.

    Libraries that spill to temporary files (openpyxl writes each sheet's XML to one) would
    otherwise leave personal data in the system temp folder when the process is killed; here
    it stays in the user's folder under a name ``clean_stale`` recognises.
    """
    folder = temporary_name(Path(near))
    try:
        folder.mkdir()
    except OSError as exc:
        raise write_failure(Path(near), exc) from exc
    with _TEMPDIR_LOCK:
        saved = tempfile.tempdir
        tempfile.tempdir = str(folder)
        try:
            yield folder
        finally:
            tempfile.tempdir = saved
            _remove(folder)
