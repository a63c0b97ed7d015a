"""Faults from the command line: full disks, failed and killed exports, a busy account.

Every file is written to a temporary beside its target and renamed when complete, so a failure
replaces nothing, leaves no partial file, and says what happened in one line.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import errno
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from graph import schema as s
from graph.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-20"
ACCOUNT = "Harbourline Retail Group"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(*folders: Path) -> list[str]:
    return sorted(
        p.name
        for folder in folders
        if folder.is_dir()
        for p in folder.rglob("*")
        if ".partial" in p.name or p.name.startswith(("openpyxl", "rapport-map-"))
    )


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "s.rapport"
    assert main(["sample", str(path), "--today", TODAY]) == 0
    return path


def export_args(sample: Path) -> list[str]:
    return ["export", str(sample), "--account", ACCOUNT, "--quarter", "2026-Q3", "--today", TODAY]


def cli(
    args: list[str], env: dict[str, str] | None = None, timeout: float = 120
) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return proc.returncode, proc.stderr


# --- item 2: a failed export destroys no earlier file ---------------------------------------


def test_export_checks_every_target_before_writing_anything(
    qapp: Any, sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = {name: tmp_path / name for name in ("existing.svg", "existing.pdf")}
    for path in existing.values():
        path.write_bytes(b"the earlier map")
    for name, path in existing.items():
        code = main(
            [
                *export_args(sample),
                "--xlsx",
                str(tmp_path / "missing" / "q.xlsx"),
                "--map",
                str(path),
            ]
        )
        err = capsys.readouterr().err
        assert code == 1 and "does not exist" in err and err.count("\n") == 1, name
        assert path.read_bytes() == b"the earlier map"
    assert leftovers(tmp_path) == []


def test_a_failure_late_in_the_export_replaces_nothing(
    qapp: Any,
    sample: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    targets = {
        "xlsx": tmp_path / "q.xlsx",
        "map": tmp_path / "m.svg",
        "chart": tmp_path / "charts" / "usage-trends.png",
    }
    targets["chart"].parent.mkdir()
    for path in targets.values():
        path.write_bytes(b"earlier")
    import reports.charts

    real = reports.charts.CHARTS
    calls = 0

    def last_chart_fails(qbr: object) -> object:
        nonlocal calls
        calls += 1
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(reports.charts, "CHARTS", {**real, "attitude": last_chart_fails})
    code = main(
        [
            *export_args(sample),
            "--xlsx",
            str(targets["xlsx"]),
            "--map",
            str(targets["map"]),
            "--charts",
            str(targets["chart"].parent),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1 and calls == 1
    assert "the disk is full" in err and err.count("\n") == 1 and "internal error" not in err
    assert {k: p.read_bytes() for k, p in targets.items()} == dict.fromkeys(targets, b"earlier")
    assert leftovers(tmp_path) == []


# --- items 1 and 2: a full disk -------------------------------------------------------------


class _FillingStream(io.RawIOBase):
    """A file on a disk with ``room`` bytes left: writes past it fail as a full disk does."""

    def __init__(self, inner: Any, room: list[int]) -> None:
        self.inner, self.room = inner, room

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        size = len(memoryview(data))
        if size > self.room[0]:
            self.inner.write(bytes(memoryview(data)[: self.room[0]]))
            self.room[0] = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room[0] -= size
        return int(self.inner.write(data))

    def close(self) -> None:
        self.inner.close()
        super().close()


@pytest.fixture
def patched_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder whose disk has 4 KB left, by a patched ``open`` (runs on every machine)."""
    folder = tmp_path / "full"
    folder.mkdir()
    room = [4096]
    real_open = builtins.open

    def full_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        stream = real_open(file, mode, *args, **kwargs)
        in_folder = isinstance(file, str | Path) and Path(file).parent == folder
        if not (in_folder and "w" in mode):
            return stream
        if "b" in mode:
            return io.BufferedWriter(_FillingStream(stream, room))
        stream.close()
        raw = real_open(file, "wb")
        return io.TextIOWrapper(
            io.BufferedWriter(_FillingStream(raw, room)),
            encoding=kwargs.get("encoding") or "utf-8",
            newline=kwargs.get("newline"),
        )

    monkeypatch.setattr(builtins, "open", full_open)
    monkeypatch.setattr(io, "open", full_open)
    yield folder


@pytest.mark.parametrize("target", ["q.xlsx", "m.svg", "m.pdf", "m.png", "charts"])
def test_full_disk_patched_writer(
    qapp: Any,
    sample: Path,
    tmp_path: Path,
    patched_full_disk: Path,
    target: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = _full_disk_args(sample, tmp_path, patched_full_disk, target)
    code = main(args)
    err = capsys.readouterr().err
    assert code == 1, err
    assert "disk is full" in err and err.count("\n") == 1 and "internal error" not in err
    assert sorted(p.name for p in patched_full_disk.rglob("*") if p.is_file()) == []


@pytest.mark.parametrize("target", ["g.graphml", "g.gexf", "g.json", "p.csv"])
def test_full_disk_graph_and_people_exports(
    sample: Path, patched_full_disk: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    command = "people" if target.endswith(".csv") else "graph"
    out = patched_full_disk / target
    code = main([command, str(sample), "--account", ACCOUNT, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and f"{out}: the export could not be written (the disk is full)" in err
    assert err.count("\n") == 1
    assert list(patched_full_disk.iterdir()) == []


def _full_disk_args(sample: Path, tmp_path: Path, full: Path, target: str) -> list[str]:
    args = export_args(sample)
    if target == "q.xlsx":
        return [*args, "--xlsx", str(full / target)]
    if target == "charts":
        return [*args, "--xlsx", str(tmp_path / "q.xlsx"), "--charts", str(full)]
    return [*args, "--xlsx", str(tmp_path / "q.xlsx"), "--map", str(full / target)]


def fill(folder: Path, room: int) -> None:
    """Fill ``folder``'s file system up to its last ``room`` bytes."""
    filler = folder / "filler"
    with filler.open("wb") as f, contextlib.suppress(OSError):
        f.write(b"\0" * (2 * 1024 * 1024))
    filler.write_bytes(filler.read_bytes()[: filler.stat().st_size - room])


@pytest.fixture
def tmpfs_full_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB file system, filled to its last few kilobytes."""
    folder = tmp_path / "tmpfs"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        fill(folder, room=40_000)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize("target", ["q.xlsx", "m.svg", "m.pdf", "m.png", "charts"])
def test_full_disk_real_tmpfs(
    sample: Path, tmp_path: Path, tmpfs_full_disk: Path, target: str
) -> None:
    code, err = cli(_full_disk_args(sample, tmp_path, tmpfs_full_disk, target))
    assert code == 1, err
    assert "disk is full" in err and err.count("\n") == 1, err
    for noise in ("internal error", "Exception ignored", "Traceback", "libpng"):
        assert noise not in err
    assert sorted(p.name for p in tmpfs_full_disk.rglob("*") if p.is_file()) == ["filler"]


def test_full_disk_while_saving_the_workbook(
    sample: Path, tmp_path: Path, tmpfs_full_disk: Path
) -> None:
    # Room for the map picture beside the workbook, not for the workbook that holds it too:
    # both sizes measured on an export with room to spare.
    spare = tmp_path / "spare.xlsx"
    code, err = cli([*export_args(sample), "--xlsx", str(spare)])
    assert code == 0, err
    with zipfile.ZipFile(spare) as book:
        picture = sum(i.file_size for i in book.infolist() if i.filename.startswith("xl/media/"))
    assert picture > 0
    fill(tmpfs_full_disk, room=picture + spare.stat().st_size // 2)
    code, err = cli([*export_args(sample), "--xlsx", str(tmpfs_full_disk / "q.xlsx")])
    assert code == 1, err
    assert "q.xlsx: the workbook could not be written (the disk is full)" in err, err
    assert err.count("\n") == 1 and "Exception ignored" not in err and "Traceback" not in err
    assert sorted(p.name for p in tmpfs_full_disk.rglob("*") if p.is_file()) == ["filler"]


def test_sample_on_a_full_disk(tmpfs_full_disk: Path) -> None:
    target = tmpfs_full_disk / "s.rapport"
    code, err = cli(["sample", str(target), "--today", TODAY])
    assert code == 1 and "disk is full" in err and err.count("\n") == 1, err
    assert str(target) in err
    assert sorted(p.name for p in tmpfs_full_disk.iterdir()) == ["filler"]


# --- item 3: personal data after a kill -9 --------------------------------------------------


def _kill_when(
    proc: subprocess.Popen[str], folder: Path, timeout: float = 60, *, folders: bool = False
) -> list[str]:
    """SIGKILL ``proc`` as soon as a temporary file of ours (with ``folders``: a temporary
    folder, openpyxl's scratch while the workbook is saved) shows up in ``folder``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        found = leftovers(folder)
        if folders:
            found = [name for name in found if (folder / name).is_dir()]
        if found:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return found
        time.sleep(0.005)
    proc.kill()
    proc.wait()
    pytest.fail("the command finished before a temporary file was seen")


def _spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "desktop.cli", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def test_killed_sample_leaves_nothing_after_the_next_start(tmp_path: Path) -> None:
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    env = {"TMPDIR": str(system_tmp)}
    target = tmp_path / "big.rapport"
    proc = _spawn(["sample", str(target), "--size", "large", "--today", TODAY], env)
    assert _kill_when(proc, tmp_path)
    assert not target.exists()
    code, err = cli(["sample", str(tmp_path / "small.rapport"), "--today", TODAY], env)
    assert code == 0, err
    assert leftovers(tmp_path) == [] and not (tmp_path / "big.rapport").exists()
    assert list(system_tmp.iterdir()) == []


def test_killed_export_leaves_nothing_after_the_next_start(sample: Path, tmp_path: Path) -> None:
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    env = {"TMPDIR": str(system_tmp)}
    out = tmp_path / "out"
    out.mkdir()
    args = [*export_args(sample), "--xlsx", str(out / "q.xlsx"), "--map", str(out / "m.png")]
    found = _kill_when(_spawn([*args, "--charts", str(out / "charts")], env), out, folders=True)
    assert all(".partial" in name for name in found)
    assert leftovers(out), "killed while the workbook was being saved: its scratch is there"
    assert list(system_tmp.iterdir()) == [], "nothing goes to the system temp folder"
    code, err = cli(["people", str(sample), "--account", ACCOUNT, "--out", str(out / "p.csv")])
    assert code == 0, err
    assert leftovers(out) == []


def test_a_running_exports_temporaries_are_left_alone(tmp_path: Path) -> None:
    from graph.files import clean_stale, temporary_name

    mine = temporary_name(tmp_path / "q.xlsx")
    mine.write_bytes(b"in progress")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        theirs = tmp_path / f".q.xlsx.{sleeper.pid}.0a1b2c3d.partial"
        theirs.write_bytes(b"another Rapport, still writing")
        dead = tmp_path / ".q.xlsx.999999999.0a1b2c3d.partial"
        dead.write_bytes(b"a killed Rapport's")
        unrelated = tmp_path / ".notes.txt.partial"
        unrelated.write_bytes(b"someone else's")
        assert clean_stale(tmp_path) == [dead]
        assert mine.exists() and theirs.exists() and unrelated.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    assert clean_stale(tmp_path) == [theirs]


def test_a_failed_child_process_temporaries_are_removed_at_once(tmp_path: Path) -> None:
    """``remove_temporaries_of``: what one process (a failed child of a running export) left,
    and nothing of anyone else's."""
    from graph.files import remove_temporaries_of, temporary_name

    mine = temporary_name(tmp_path / "q.xlsx")
    mine.write_bytes(b"in progress")
    child = tmp_path / ".q.pptx.424242.0a1b2c3d.partial"
    child.write_bytes(b"half a deck")
    child_folder = tmp_path / ".q.xlsx.424242.1a1b2c3d.partial"
    (child_folder / "sheet").mkdir(parents=True)
    other = tmp_path / ".q.pptx.4242421.0a1b2c3d.partial"
    other.write_bytes(b"someone else's")
    assert sorted(remove_temporaries_of(424242, tmp_path, tmp_path)) == [child, child_folder]
    assert sorted(tmp_path.iterdir()) == sorted([mine, other])


# --- item 4: the map as SVG with control characters -----------------------------------------


def test_svg_map_of_names_with_control_characters_parses(qapp: Any, tmp_path: Path) -> None:
    import sqlite3

    from desktop.map.render import render_account_map

    path = tmp_path / "w.rapport"
    with Workspace.create(path) as ws:
        account = ws.add(s.Account(name="Northwind"))
        for i in range(3):
            ws.add(s.Person(account_id=account.id, name=f"P{i}", title="CIO"))
    conn = sqlite3.connect(path)  # an old file: written before text was cleaned
    with conn:
        conn.execute("UPDATE people SET name = 'Form\x0cFeed', title = '\x1b[31mRed' WHERE id=1")
        conn.execute("UPDATE accounts SET name = 'North\x0bwind'")
    conn.close()
    with Workspace.open(path, readonly=True) as ws:
        out = render_account_map(ws, 1, tmp_path / "m.svg", today=dt.date(2026, 11, 20))
    ET.parse(out)


# --- item 10: the account changed under the import ------------------------------------------

CSV = "Name,Email,Title\nAna Ruiz,ana@acme.example,CIO\nBo Chen,bo@acme.example,SRE\n"


@pytest.mark.parametrize(("edits", "succeeds"), [(2, True), (3, False)])
def test_import_previews_again_when_the_account_changed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    edits: int,
    succeeds: bool,
) -> None:
    import desktop.cli.imports as import_cli

    path = tmp_path / "p.rapport"
    with Workspace.create(path) as ws:
        ws.add(s.Account(name="Acme"))
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(CSV, encoding="utf-8")
    real = import_cli._planner
    previews = 0

    def planner_then_someone_edits(kind: str) -> Any:
        def plan(*args: Any, **kwargs: Any) -> Any:
            nonlocal previews
            previews += 1
            result = real(kind)(*args, **kwargs)
            if previews <= edits:  # the app, open on the same file, adds someone meanwhile
                with Workspace.open(path) as other:
                    other.add(s.Person(account_id=1, name=f"Added in the app {previews}"))
            return result

        return plan

    monkeypatch.setattr(import_cli, "_planner", planner_then_someone_edits)
    code = main(["import", "contacts", str(path), str(contacts), "--account", "Acme"])
    err = capsys.readouterr().err
    assert previews == min(edits + 1, import_cli.PREVIEW_TRIES)
    with Workspace.open(path, readonly=True) as ws:
        names = {p.name for p in ws.people(1)}
    if succeeds:
        assert code == 0 and {"Ana Ruiz", "Bo Chen"} <= names
    else:
        assert code == 1 and "kept changing" in err and err.count("\n") == 1
        assert "Ana Ruiz" not in names


# --- the app: a crafted file is one message, not a crash ------------------------------------


def test_app_refuses_a_crafted_file_with_one_message(
    qtbot: Any, dialogs: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's first look reads without checking every value; the full open right after
    the first paint checks them: one message naming the table, row and field, the window
    closed, the app's exit code 1."""
    import sqlite3

    from PySide6.QtWidgets import QApplication

    from desktop.shell.app import open_window

    exit_codes: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(exit_codes.append))
    path = tmp_path / "w.rapport"
    with Workspace.create(path) as ws:
        account = ws.add(s.Account(name="Northwind"))
        ws.add(s.Person(account_id=account.id, name="Ana"))
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE people SET cadence_days = 0")
    conn.close()
    window = open_window(path)
    qtbot.addWidget(window)
    assert window.session is None  # on its first look
    window.show()
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=5000)
    assert "people, row 1, field cadence_days" in dialogs.errors[0]
    assert str(path) in dialogs.errors[0]
    assert not window.isVisible() and window.session is None
    assert exit_codes == [1]


# --- item 11: file content in error lines ---------------------------------------------------


def test_error_lines_escape_terminal_sequences_from_a_csv_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.rapport"
    with Workspace.create(path) as ws:
        ws.add(s.Account(name="Acme"))
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        "\x1b[31mColour\x1b[0m,\x1b]0;owned\x07Title\r\nred,boss\r\n", encoding="utf-8"
    )
    code = main(["import", "contacts", str(path), str(contacts), "--account", "Acme"])
    err = capsys.readouterr().err
    assert code == 1 and "no column holds names" in err
    assert "\x1b" not in err and "\x07" not in err
    assert "\\x1b[31mColour" in err and err.count("\n") == 1
