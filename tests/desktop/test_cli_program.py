"""The `rapport` program ends at once after a successful export, normally otherwise."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

import desktop.cli.program as program

TODAY = dt.date(2026, 11, 20)


class Ended(Exception):
    """os._exit, caught: the process would have ended here, at once."""


@pytest.fixture
def ended(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    codes: list[int] = []

    def exit_now(code: int) -> None:
        codes.append(code)
        raise Ended

    monkeypatch.setattr(program.os, "_exit", exit_now)
    return codes


def _main_returning(code: int, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []

    def main(argv: list[str]) -> int:
        calls.append(argv)
        return code

    monkeypatch.setattr(program, "main", main)
    return calls


def test_a_successful_export_ends_at_once(
    ended: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _main_returning(0, monkeypatch)
    with pytest.raises(Ended):
        program.run(["export", "a.rapport", "--account", "A", "--xlsx", "a.xlsx"])
    assert calls == [["export", "a.rapport", "--account", "A", "--xlsx", "a.xlsx"]]
    assert ended == [0]


@pytest.mark.parametrize(("argv", "code"), [(["export", "a.rapport"], 2), (["summary", "a"], 0)])
def test_a_failed_export_and_other_commands_end_normally(
    ended: list[int], monkeypatch: pytest.MonkeyPatch, argv: list[str], code: int
) -> None:
    _main_returning(code, monkeypatch)
    with pytest.raises(SystemExit) as stop:
        program.run(argv)
    assert stop.value.code == code and ended == []


def test_the_export_says_everything_before_it_ends(tmp_path: Path) -> None:
    """A whole process: what the export prints reaches a pipe before the process ends."""

    from desktop.cli.sample_file import write_sample_file

    sample = tmp_path / "sample.rapport"
    write_sample_file(sample, today=TODAY)
    out = tmp_path / "qbr.xlsx"
    # the output held in Python's buffer, as a pipe gets it: lost if not flushed before the end
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "export", str(sample), "--account",
         "Tidewater Payments", "--quarter", "2026-Q3", "--xlsx", str(out), "--today",
         TODAY.isoformat()],
        capture_output=True, text=True, timeout=300, check=False, env=buffered,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == f"Wrote workbook: {out} (Internal edition)"
    assert out.stat().st_size > 0 and not list(tmp_path.glob(".*partial*"))
