"""Formula injection, atomic replacement, cancel, and clear messages for unwritable targets."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from reports.qbr import assemble_qbr
from reports.workbook import export_workbook, export_workbook_steps
from reports.xlsx_safety import ExportCancelled, ExportError, atomic_target, put
from tests.reports.conftest import Q3, TODAY, Acme

NASTY = [
    '=HYPERLINK("http://evil.example","click")',
    "=1+1",
    "+SUM(A1:A2)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("text", NASTY)
def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, text: str) -> None:
    wb = openpyxl.Workbook()
    put(wb.active["A1"], text)
    wb.save(tmp_path / "x.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "x.xlsx").active["A1"]
    # Line breaks are stored as "\n", as Excel itself does.
    assert cell.value == text.replace("\r", "\n") and cell.data_type == "s" and cell.quotePrefix


def test_plain_values_are_untouched(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    put(wb.active["A1"], "Acme")
    put(wb.active["A2"], -3.5)
    put(wb.active["A3"], "bad\x00char\x07s")
    wb.save(tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx").active
    assert (ws["A1"].value, ws["A1"].quotePrefix) == ("Acme", False)
    assert ws["A2"].value == -3.5 and ws["A2"].data_type == "n"
    assert ws["A3"].value == "badchars"


def _qbr(acme: Acme) -> object:
    return assemble_qbr(acme.ws, acme.account_id, Q3, TODAY)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


def test_failed_export_leaves_the_old_file(
    acme: Acme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "q.xlsx"
    target.write_bytes(b"the old workbook")

    def broken(self: object, filename: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken)
    with pytest.raises(
        ExportError, match=r"q\.xlsx: the workbook could not be written \(the disk is full\)"
    ):
        export_workbook(_qbr(acme), target)  # type: ignore[arg-type]
    assert target.read_bytes() == b"the old workbook"
    assert _leftovers(tmp_path) == []


def test_cancelled_export_writes_nothing(acme: Acme, tmp_path: Path) -> None:
    target = tmp_path / "q.xlsx"
    steps = export_workbook_steps(_qbr(acme), target)  # type: ignore[arg-type]
    next(steps)
    next(steps)
    steps.close()
    assert not target.exists() and _leftovers(tmp_path) == []

    calls = []
    with pytest.raises(ExportCancelled):
        export_workbook(
            _qbr(acme),  # type: ignore[arg-type]
            target,
            progress=calls.append,
            cancelled=lambda: len(calls) >= 3,
        )
    assert not target.exists() and _leftovers(tmp_path) == []


def test_replaces_an_existing_file_whole(acme: Acme, tmp_path: Path) -> None:
    target = tmp_path / "q.xlsx"
    target.write_bytes(b"old")
    export_workbook(_qbr(acme), target)  # type: ignore[arg-type]
    assert openpyxl.load_workbook(target).sheetnames[0] == "Summary"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("lock", ["~$q.xlsx", ".~lock.q.xlsx#"])
def test_file_open_elsewhere_gives_a_clear_message(acme: Acme, tmp_path: Path, lock: str) -> None:
    target = tmp_path / "q.xlsx"
    target.write_bytes(b"old")
    (tmp_path / lock).write_text("someone")
    with pytest.raises(ExportError, match="open in another program"):
        export_workbook(_qbr(acme), target)  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"


def test_unwritable_targets(tmp_path: Path) -> None:
    with (
        pytest.raises(ExportError, match="does not exist"),
        atomic_target(tmp_path / "missing" / "q.xlsx"),
    ):
        pass
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(ExportError, match="is a folder"), atomic_target(tmp_path / "folder.xlsx"):
        pass


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anything")
def test_read_only_file(tmp_path: Path) -> None:
    target = tmp_path / "q.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(ExportError, match="read-only"), atomic_target(target):
        pass


def test_permission_error_on_rename_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with (
        pytest.raises(ExportError, match="open in another program or read-only"),
        atomic_target(tmp_path / "q.xlsx") as temporary,
    ):
        temporary.write_bytes(b"new")
    assert _leftovers(tmp_path) == []


def test_reports_never_import_qt() -> None:
    code = (
        "import sys, reports.workbook, reports.charts, reports.qbr;"
        "from reports import quarter, roadmap_fit, usage, support, stakeholders, health;"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'PyQt', 'shiboken'))];"
        "assert 'openpyxl' not in sys.modules and 'matplotlib' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
