"""``rapport export`` draws the map's pictures in a child process beside the deck and the
workbook (Linux): whole ``rapport`` processes, as a user runs them.

The documents are the ones the serial export writes (every sheet, slide and picture); the
parent never loads Qt; and whatever fails, in the child (an error, a crash) or in the parent (an
error, Ctrl-C), the export says so in one line, leaves every earlier file as it was and no
temporary file behind, and no process running.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from desktop.cli.export import export_qbr
from desktop.cli.sample_file import write_sample_file
from desktop.cli.side_process import can_fork
from graph.errors import WorkspaceFileError

pytestmark = pytest.mark.skipif(not can_fork(), reason="the pictures are drawn beside on Linux")

TODAY = dt.date(2026, 11, 20)
ACCOUNT, QUARTER = "Tidewater Payments", "2026-Q3"

# Run before the command in the fresh process: tells whether it forked and loaded Qt.
TRACED = """
import sys
import desktop.cli.export as export
import desktop.cli.export_pictures as pictures
import desktop.cli.side_process as side

real_export, real_init = export.export_qbr, side.SideProcess.__init__

def export_qbr(*args, **kwargs):
    lines = real_export(*args, **kwargs)
    print("qt loaded:", "PySide6" in sys.modules, file=sys.stderr, flush=True)
    print("numpy loaded:", "numpy" in sys.modules, file=sys.stderr, flush=True)
    return lines

def init(self, *args, **kwargs):
    real_init(self, *args, **kwargs)
    print("forked", file=sys.stderr, flush=True)

export.export_qbr, side.SideProcess.__init__ = export_qbr, init
"""
SERIAL = "pictures.can_fork = lambda: False\n"
RUN = "from desktop.cli import run; run()\n"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("beside") / "sample.rapport"
    write_sample_file(path, today=TODAY)
    return path


def rapport(
    sample: Path, out: Path, *, before: str = "", deck: bool = True, workbook: bool = True
) -> subprocess.CompletedProcess[str]:
    """``rapport export`` in a process of its own, after ``before`` (patches for the test)."""
    targets = (["--xlsx", str(out / "qbr.xlsx")] if workbook else []) + (
        ["--pptx", str(out / "qbr.pptx")] if deck else []
    )
    code = TRACED + textwrap.dedent(before) + RUN
    args = ["export", str(sample), "--account", ACCOUNT, "--quarter", QUARTER]
    return subprocess.run(
        [sys.executable, "-c", code, *args, *targets, "--today", TODAY.isoformat()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )


def _members(path: Path) -> dict[str, bytes]:
    """Every part of the file, but the moment of writing (the file's and its embedded chart
    workbooks' properties)."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name != "docProps/core.xml" and not name.startswith("ppt/embeddings/")
        }


def _untouched(folder: Path) -> None:
    """The earlier documents as they were, and nothing else in the folder."""
    assert sorted(p.name for p in folder.iterdir()) == ["qbr.pptx", "qbr.xlsx"]
    assert (folder / "qbr.xlsx").read_bytes() == b"last quarter's workbook"
    assert (folder / "qbr.pptx").read_bytes() == b"last quarter's deck"


@pytest.fixture
def earlier(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / "qbr.xlsx").write_bytes(b"last quarter's workbook")
    (out / "qbr.pptx").write_bytes(b"last quarter's deck")
    return out


def test_pictures_drawn_beside_make_the_documents_the_serial_export_makes(
    sample: Path, tmp_path: Path
) -> None:
    beside, serial = tmp_path / "beside", tmp_path / "serial"
    beside.mkdir(), serial.mkdir()
    forked = rapport(sample, beside)
    alone = rapport(sample, serial, before=SERIAL)
    assert forked.returncode == alone.returncode == 0, forked.stderr + alone.stderr
    assert forked.stdout.replace(str(beside), "") == alone.stdout.replace(str(serial), "")
    # drawn beside: the parent forked and loaded neither Qt nor numpy (the map's layouts use
    # it; openpyxl would load it for nothing); alone: drawn here, with Qt
    assert forked.stderr.split("\n").count("forked") == 1
    assert "qt loaded: False" in forked.stderr and "numpy loaded: False" in forked.stderr
    assert "forked" not in alone.stderr and "qt loaded: True" in alone.stderr
    for name in ("qbr.xlsx", "qbr.pptx"):
        drawn_beside, drawn_here = _members(beside / name), _members(serial / name)
        assert drawn_beside.keys() == drawn_here.keys()
        assert [n for n in drawn_beside if drawn_beside[n] != drawn_here[n]] == []
    assert any(n.startswith("xl/media/") for n in _members(beside / "qbr.xlsx"))
    assert any(n.startswith("ppt/media/") for n in _members(beside / "qbr.pptx"))
    assert sorted(p.name for p in beside.iterdir()) == ["qbr.pptx", "qbr.xlsx"]


def test_the_workbook_alone_gets_its_picture_from_beside(sample: Path, tmp_path: Path) -> None:
    done = rapport(sample, tmp_path, deck=False)
    assert done.returncode == 0, done.stderr
    assert "forked" in done.stderr.split("\n") and "qt loaded: False" in done.stderr
    with zipfile.ZipFile(tmp_path / "qbr.xlsx") as book:
        assert [n for n in book.namelist() if n.startswith("xl/media/")] == ["xl/media/image1.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qbr.xlsx"]


def test_with_no_process_to_spare_the_pictures_are_drawn_here(sample: Path, tmp_path: Path) -> None:
    no_fork = """
    import os

    def fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    os.fork = fork
    """
    done = rapport(sample, tmp_path, before=no_fork)
    assert done.returncode == 0, done.stderr
    assert "forked" not in done.stderr and "qt loaded: True" in done.stderr
    for name in ("qbr.xlsx", "qbr.pptx"):
        assert any("/media/" in n for n in _members(tmp_path / name))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qbr.pptx", "qbr.xlsx"]


def test_a_snapshot_that_cannot_be_passed_on_is_drawn_here(sample: Path, tmp_path: Path) -> None:
    unpicklable = """
    from types import MappingProxyType

    side._REDUCERS = {k: v for k, v in side._REDUCERS.items() if k is not MappingProxyType}
    """
    done = rapport(sample, tmp_path, before=unpicklable)
    assert done.returncode == 0, done.stderr
    assert "forked" in done.stderr.split("\n") and "qt loaded: True" in done.stderr
    for name in ("qbr.xlsx", "qbr.pptx"):
        assert any("/media/" in n for n in _members(tmp_path / name))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qbr.pptx", "qbr.xlsx"]


def test_a_crash_while_drawing_changes_nothing(sample: Path, earlier: Path) -> None:
    crash = """
    import os, signal
    from pathlib import Path
    from graph.files import temporary_name

    def draw(self, drawing):
        # half a picture written, as the map's writer names it, then the process dies
        temporary_name(Path(drawing.path)).write_bytes(b"half a picture")
        os.kill(os.getpid(), signal.SIGKILL)

    pictures.Maps.draw = draw
    """
    done = rapport(sample, earlier, before=crash)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "rapport: the stakeholder map could not be drawn: the process doing it was stopped "
        "by SIGKILL; nothing was written"
    )
    assert "Traceback" not in done.stderr
    _untouched(earlier)


def test_a_picture_that_cannot_be_written_changes_nothing(sample: Path, earlier: Path) -> None:
    # the map's temporary taken by a folder: the child's writer fails with the file's name
    blocked = """
    import os
    real_draw = pictures.Maps.draw

    def draw(self, drawing):
        os.mkdir(drawing.path)
        return real_draw(self, drawing)

    pictures.Maps.draw = draw
    """
    done = rapport(sample, earlier, before=blocked)
    assert done.returncode == 1
    message = done.stderr.splitlines()[-1]
    assert re.fullmatch(
        r"rapport: \S+\.partial\.png: the map could not be written \(it is a folder\); "
        r"nothing was replaced",
        message,
    ), message
    assert "Traceback" not in done.stderr
    _untouched(earlier)


def test_a_failure_here_while_the_child_draws_ends_it_and_changes_nothing(
    sample: Path, earlier: Path
) -> None:
    broken = """
    from reports.xlsx_safety import ExportError

    def write_workbook(*args, **kwargs):
        raise ExportError("qbr.xlsx: the workbook could not be written (the disk is full)")

    export._write_workbook = write_workbook
    """
    # the subprocess's pipes stay open while a child lives: a child left running would
    # show as the timeout
    done = rapport(sample, earlier, before=broken)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "rapport: qbr.xlsx: the workbook could not be written (the disk is full)"
    )
    _untouched(earlier)


def test_ctrl_c_ends_both_processes_and_changes_nothing(sample: Path, earlier: Path) -> None:
    # Python's Ctrl-C handler, as a terminal's command has it: a shell ignores SIGINT for
    # the jobs it starts in the background (CI's, perhaps), and that is inherited
    interrupted = """
    import os, signal, time

    signal.signal(signal.SIGINT, signal.default_int_handler)

    def draw(self, drawing):
        os.killpg(0, signal.SIGINT)  # Ctrl-C, to the whole process group, while this draws
        time.sleep(600)

    pictures.Maps.draw = draw
    """
    done = rapport(sample, earlier, before=interrupted)
    assert done.returncode == 130
    assert done.stderr.splitlines()[-1] == "rapport: interrupted"
    _untouched(earlier)


def _refused_sample(sample: Path, tmp_path: Path, *, where: str) -> Path:
    """The sample with one person's attitude made unreadable, on the exported account (the
    export's reads meet it) or on another one (only the file's check does)."""
    bad = tmp_path / "bad.rapport"
    bad.write_bytes(sample.read_bytes())
    conn = sqlite3.connect(bad)
    with conn:
        row = conn.execute(
            "SELECT people.id FROM people JOIN accounts ON accounts.id = people.account_id "
            f"WHERE accounts.name {where} ? ORDER BY people.id LIMIT 1",
            (ACCOUNT,),
        ).fetchone()
        conn.execute("UPDATE people SET attitude = 'hostile' WHERE id = ?", row)
    conn.close()
    return bad


REFUSED = r"not a workspace Rapport can trust: table people, row \d+, field attitude: 'hostile'"


@pytest.mark.parametrize("where", ["=", "!="], ids=["on the account", "elsewhere"])
def test_a_file_with_a_bad_value_is_refused_with_its_message_and_nothing_is_written(
    sample: Path, earlier: Path, tmp_path: Path, where: str
) -> None:
    bad = _refused_sample(sample, tmp_path, where=where)
    done = rapport(bad, earlier)
    assert done.returncode == 1
    assert re.search(REFUSED, done.stderr.splitlines()[-1]), done.stderr
    _untouched(earlier)
    # in this process (Qt loaded: the serial export) alike
    with pytest.raises(WorkspaceFileError, match=REFUSED):
        export_qbr(
            bad,
            account=ACCOUNT,
            quarter=QUARTER,
            xlsx=earlier / "qbr.xlsx",
            pptx=earlier / "qbr.pptx",
            today=TODAY,
        )
    _untouched(earlier)
