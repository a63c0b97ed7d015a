"""A piece of a command run in a forked child process, beside the rest on the other core.

``SideProcess(work, what=...)`` forks at once; the child runs ``work(link)`` and ends with
``os._exit``: none of the parent's clean-up (open files, the workspace, a staging of files)
runs twice. ``link.send`` passes a message (anything ``pickle`` can carry, read-only mappings
too) back through a pipe, read in order by the parent's ``next_message()``; the parent's
``tell`` passes one to the child's ``link.receive()`` (what the child needs that the parent
learns after the fork). The parent ends with ``finish()``.

Whatever way the child fails reaches the parent as one ``SideProcessFailed`` (a
``RapportError``) with a message fit to print: a ``RapportError`` raised in the child keeps its
own message; anything else, an exit status or a signal (a crash) is named with ``what``. A
failure in the parent (an error, Ctrl-C) ends the child: leaving the ``with`` block kills and
reaps it, and removes the temporary files (``graph.files``) it may have left half-written in
the folders given, so the parent's own staging is all that is left to clean. The child ignores
Ctrl-C (the parent ends it) and dies with the parent if the parent is killed.

Fork only where the child can live: Linux (``can_fork``), and before Qt or any other library
that runs threads of its own is loaded (the child would inherit their locks, not the threads).
"""

from __future__ import annotations

import contextlib
import copyreg
import io
import os
import pickle
import queue
import signal
import struct
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import IO, Any, NoReturn

from graph.errors import RapportError
from graph.files import remove_temporaries_of


class Link:
    """The child's ends of the two pipes: messages to the parent, and from it. What the parent
    tells is read at once, on a thread, whatever the child is doing: the parent never waits
    for the child to be ready to listen (a snapshot is many times a pipe's buffer)."""

    def __init__(self, to_parent: IO[bytes], from_parent: IO[bytes]) -> None:
        self._to = to_parent
        self._told: queue.SimpleQueue[tuple[str, Any] | None] = queue.SimpleQueue()
        threading.Thread(target=self._listen, args=(from_parent,), daemon=True).start()

    def _listen(self, from_parent: IO[bytes]) -> None:
        message: tuple[str, Any] | None = ("", None)
        while message is not None:
            try:
                message = _read(from_parent)
            except Exception:  # a message that cannot be read: as if the parent had gone
                message = None
            self._told.put(message)

    def send(self, content: Any) -> None:
        _write(self._to, "message", content)

    def receive(self) -> Any:
        """The parent's next message; the child ends quietly if the parent has gone."""
        message = self._told.get()
        if message is None:
            raise SystemExit(1)
        return message[1]


def _read_only(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


def _reduce_read_only(proxy: MappingProxyType[Any, Any]) -> tuple[Any, ...]:
    return _read_only, (dict(proxy),)


_REDUCERS = {**copyreg.dispatch_table, MappingProxyType: _reduce_read_only}
_HEADER = struct.Struct("!Q")


def _write(pipe: IO[bytes], kind: str, content: Any) -> None:
    """One message: its length, then its pickle (a read-only mapping pickled as a copy)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    pickler.dump((kind, content))
    pipe.write(_HEADER.pack(buffer.tell()))
    pipe.write(buffer.getbuffer())
    pipe.flush()


def _read(pipe: IO[bytes]) -> tuple[str, Any] | None:
    """The next message, or None when the other end closed its pipe (or died half-way)."""
    header = pipe.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    body = pipe.read(size)
    if len(body) < size:
        return None
    kind, content = pickle.loads(body)
    return str(kind), content


class SideProcessFailed(RapportError):
    """The child process failed or ended unexpectedly; the message says how."""


def can_fork() -> bool:
    """Whether a command can run part of its work in a forked child here: Linux (macOS's
    system libraries are not safe to use after a fork; Windows has none)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class SideProcess:
    """``work(send)`` in a child process; its messages and its end, read by the parent."""

    def __init__(
        self, work: Callable[[Link], None], *, what: str, folders: Iterable[Path] = ()
    ) -> None:
        self.what = what
        self._folders = tuple(folders)
        self._status: int | None = None
        read, write = os.pipe()
        child_read, parent_write = os.pipe()
        # flushed here, or the child's copy of a half-full buffer could be written twice
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:  # no process to spare (EAGAIN, ENOMEM): the caller does without
            for end in (read, write, child_read, parent_write):
                os.close(end)
            raise
        if pid == 0:  # the child
            os.close(read)
            os.close(parent_write)
            _run_child(work, write, child_read, what, parent)
        os.close(write)
        os.close(child_read)
        self.pid = pid
        self._messages = os.fdopen(read, "rb")
        self._orders: IO[bytes] | None = os.fdopen(parent_write, "wb")

    def tell(self, content: Any) -> None:
        """Pass ``content`` to the child's ``link.receive()``."""
        assert self._orders is not None, "the child has ended"
        # a child that has ended: next_message or finish says how
        with contextlib.suppress(BrokenPipeError):
            _write(self._orders, "message", content)

    def next_message(self) -> Any:
        """The child's next message; raises SideProcessFailed if it failed or ended first."""
        message = _read(self._messages)
        if message is None:
            self._reap()
            raise SideProcessFailed(self._ended_early())
        kind, content = message
        if kind == "failed":
            self._reap()
            raise SideProcessFailed(content)
        if kind == "done":
            self._reap()
            raise SideProcessFailed(f"{self.what}: ended before it sent what was expected")
        return content

    def finish(self) -> None:
        """Wait for the child to end (its messages not read are dropped); raises
        SideProcessFailed unless it ended well."""
        if self._status is None:
            self._close_orders()  # a child waiting to be told something hears it never will
            kind, content = "message", None
            try:
                while kind == "message":
                    kind, content = _read(self._messages) or ("", None)
            except BaseException:  # Ctrl-C while waiting: the child ends too
                self.stop()
                raise
            self._reap()
            if kind == "failed":
                raise SideProcessFailed(content)
            if kind != "done":
                raise SideProcessFailed(self._ended_early())
        elif self._status != 0:
            raise SideProcessFailed(self._ended_early())

    def stop(self) -> None:
        """End the child now (the parent failed or was interrupted) and tidy after it."""
        if self._status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._reap()

    def _reap(self) -> None:
        if self._status is None:
            self._close_orders()  # nothing more to tell: a child still listening hears so
            while True:
                try:
                    _pid, status = os.waitpid(self.pid, 0)
                except ChildProcessError:  # reaped elsewhere: nothing to tell
                    status = 0
                except InterruptedError:
                    continue
                break
            self._status = status
            self._messages.close()
        if self._status != 0:
            # the child's own temporaries (named with its process id) it could not remove
            remove_temporaries_of(self.pid, *self._folders)

    def _close_orders(self) -> None:
        if self._orders is not None:
            with contextlib.suppress(OSError):
                self._orders.close()
            self._orders = None

    def _ended_early(self) -> str:
        status = self._status or 0
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = f"signal {number}"
            return f"{self.what}: the process doing it was stopped by {name}; nothing was written"
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
        return f"{self.what}: the process doing it ended unexpectedly (exit status {code})"

    def __enter__(self) -> SideProcess:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self.finish()
        else:
            self.stop()


def _run_child(
    work: Callable[[Link], None], write: int, read: int, what: str, parent: int
) -> NoReturn:
    code = 1
    try:
        # Ctrl-C reaches the whole process group: the parent hears it and ends the child, which
        # is never interrupted half-way through Qt (a fatal error, with its dump on stderr).
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _end_with_parent(parent)
        # The parent's end is read on a thread until the child ends (os._exit closes it):
        # closing it here would wait for that thread, which waits for the parent.
        orders = os.fdopen(read, "rb")
        with os.fdopen(write, "wb") as pipe:
            try:
                work(Link(pipe, orders))
            except RapportError as exc:
                _write(pipe, "failed", str(exc))
            except Exception as exc:  # a bug: one clear line, the details on request
                if os.environ.get("RAPPORT_DEBUG"):
                    import traceback

                    traceback.print_exc()
                _write(pipe, "failed", f"{what}: internal error ({type(exc).__name__}: {exc})")
            else:
                _write(pipe, "done", None)
                code = 0
    except BaseException:  # Ctrl-C, or the parent gone (a broken pipe): end quietly
        code = 1
    finally:
        os._exit(code)


def _end_with_parent(parent: int) -> None:
    """Ask Linux to end the child if the parent dies (killed, so it cannot stop the child)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        raise SystemExit(1)
