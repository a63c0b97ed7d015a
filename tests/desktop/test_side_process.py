"""A piece of a command in a forked child (``desktop.cli.side_process``): its messages reach the
parent in order, and every way it can fail (an error, a bug, a crash, an exit, the parent
failing first) ends as one message with the child reaped and its temporaries removed."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from types import MappingProxyType

import pytest

from desktop.cli.side_process import Link, SideProcess, SideProcessFailed, can_fork
from graph.errors import RapportError
from graph.files import temporary_name

pytestmark = pytest.mark.skipif(not can_fork(), reason="forks only on Linux")

WHAT = "the picture could not be drawn"


def _gone(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True  # reaped already
    return False


def test_messages_arrive_in_order_and_the_parent_can_answer() -> None:
    def work(link: Link) -> None:
        link.send(["ready", os.getpid()])
        told = link.receive()
        link.send(["twice", {k: 2 * n for k, n in told.items()}, type(told).__name__])

    with SideProcess(work, what=WHAT) as side:
        kind, pid = side.next_message()
        assert kind == "ready" and pid == side.pid != os.getpid()
        side.tell(MappingProxyType({"a": 1, "b": 2}))  # read-only, as a snapshot holds them
        assert side.next_message() == ["twice", {"a": 2, "b": 4}, "mappingproxy"]
    assert _gone(side.pid)


def test_messages_the_parent_did_not_need_are_dropped_at_the_end() -> None:
    def work(link: Link) -> None:
        link.send("a picture nobody asked for")
        link.send("another")

    with SideProcess(work, what=WHAT) as side:
        pass
    assert _gone(side.pid)


def test_a_child_waiting_for_a_word_that_never_comes_ends_instead_of_hanging() -> None:
    def work(link: Link) -> None:
        link.receive()

    side = SideProcess(work, what=WHAT)
    with pytest.raises(SideProcessFailed, match=r"ended unexpectedly \(exit status 1\)$"):
        side.finish()


def test_telling_the_child_never_waits_for_it_to_listen() -> None:
    """A snapshot is many times a pipe's buffer: the parent goes on while the child is still
    getting ready, and the child gets it whole once it asks."""
    gate_read, gate_write = os.pipe()
    big = {"cards": [f"{n:0100d}" for n in range(20_000)]}  # 2 MB

    def work(link: Link) -> None:
        os.read(gate_read, 1)  # getting ready (loading Qt) until the parent has told it all
        link.send(len(link.receive()["cards"]))

    def hung(*_: object) -> None:
        raise AssertionError("the parent waited for the child to listen")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)  # a guard against a hang, not a measure of speed
    try:
        with SideProcess(work, what=WHAT) as side:
            side.tell(big)
            os.write(gate_write, b"x")
            assert side.next_message() == 20_000
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        os.close(gate_read)
        os.close(gate_write)


def test_a_rapport_error_in_the_child_keeps_its_message() -> None:
    def work(link: Link) -> None:
        raise RapportError("map.png: the map could not be written (the disk is full)")

    side = SideProcess(work, what=WHAT)
    with pytest.raises(SideProcessFailed, match=r"^map\.png: the map could not be written"):
        side.next_message()
    assert _gone(side.pid)


def test_a_bug_in_the_child_is_one_line_naming_what_failed() -> None:
    def work(link: Link) -> None:
        link.send("first")
        raise KeyError("layout")

    with pytest.raises(SideProcessFailed) as failed, SideProcess(work, what=WHAT) as side:
        assert side.next_message() == "first"
    assert str(failed.value) == f"{WHAT}: internal error (KeyError: 'layout')"
    assert "\n" not in str(failed.value)


def test_a_crashed_child_is_named_by_its_signal_and_its_temporaries_are_removed(
    tmp_path: Path,
) -> None:
    target = tmp_path / "qbr.xlsx"
    ours = temporary_name(target)  # the parent's own temporary stays: the parent owns it
    ours.write_bytes(b"parent")

    def work(link: Link) -> None:
        temporary_name(target).write_bytes(b"half a picture")  # named with the child's id
        os.kill(os.getpid(), signal.SIGKILL)

    side = SideProcess(work, what=WHAT, folders=[tmp_path])
    with pytest.raises(SideProcessFailed) as failed:
        side.next_message()
    assert str(failed.value) == (
        f"{WHAT}: the process doing it was stopped by SIGKILL; nothing was written"
    )
    assert sorted(tmp_path.iterdir()) == [ours]


def test_a_child_that_exits_without_a_word_is_a_failure_with_its_status() -> None:
    def work(link: Link) -> None:
        os._exit(3)

    side = SideProcess(work, what=WHAT)
    with pytest.raises(SideProcessFailed, match=r"ended unexpectedly \(exit status 3\)$"):
        side.finish()


def test_a_child_that_ends_before_sending_what_was_expected_fails_the_wait() -> None:
    def work(link: Link) -> None:
        return

    side = SideProcess(work, what=WHAT)
    with pytest.raises(SideProcessFailed, match="ended before it sent what was expected"):
        side.next_message()


def test_a_failing_parent_ends_a_child_that_is_still_working(tmp_path: Path) -> None:
    target = tmp_path / "qbr.pptx"

    def work(link: Link) -> None:
        temporary_name(target).write_bytes(b"half")
        link.send("started")
        link.receive()  # waits for the parent, which never answers
        time.sleep(600)

    with pytest.raises(KeyboardInterrupt), SideProcess(work, what=WHAT, folders=[tmp_path]) as side:
        assert side.next_message() == "started"
        raise KeyboardInterrupt  # Ctrl-C in the parent
    assert _gone(side.pid)
    assert list(tmp_path.iterdir()) == []


def test_the_child_leaves_ctrl_c_to_the_parent() -> None:
    """Ctrl-C reaches the whole process group; the child goes on (never interrupted half-way
    through Qt) until the parent, interrupted, ends it."""

    def work(link: Link) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        link.send("not interrupted")

    # Ctrl-C handled as in a terminal's command, even where this runs as a background job
    # (which a shell starts with SIGINT ignored): the child must ignore it of its own accord
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with SideProcess(work, what=WHAT) as side:
            assert side.next_message() == "not interrupted"
    finally:
        signal.signal(signal.SIGINT, previous)


def test_the_child_runs_none_of_the_parents_clean_up(tmp_path: Path) -> None:
    """The child ends with os._exit: a ``finally`` of the parent's, open around the fork,
    runs once, in the parent."""
    ran = tmp_path / "cleanups"

    def work(link: Link) -> None:
        link.send("drawn")

    try:
        with SideProcess(work, what=WHAT) as side:
            assert side.next_message() == "drawn"
    finally:
        with ran.open("a") as log:
            log.write(f"{os.getpid()}\n")
    assert ran.read_text() == f"{os.getpid()}\n"


def test_no_process_to_spare_is_said_at_once_and_leaks_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    open_before = set(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(os, "fork", no_fork)
    with pytest.raises(BlockingIOError):
        SideProcess(lambda link: None, what=WHAT)
    assert set(os.listdir("/proc/self/fd")) == open_before
