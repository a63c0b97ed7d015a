"""Before Qt aborts on a machine that cannot show a window, Rapport says why in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import window_system


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libEGL.so.1", "libegl1"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
    ],
)
def test_library_names_become_debian_packages(soname: str, package: str) -> None:
    assert window_system.debian_package(soname) == package


def test_every_package_named_in_a_message_is_in_the_readme() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    line = next(ln for ln in readme.splitlines() if ln.startswith("sudo apt-get install "))
    assert set(window_system.APT_PACKAGES.split()) | {"python3-venv"} == set(line.split()[3:])


def test_missing_xcb_libraries_are_named_with_their_packages(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    missing = {"libqxcb.so": ["libxcb-cursor.so.0"], "libQt6XcbQpa.so.6": ["libxcb-icccm.so.4"]}
    monkeypatch.setattr(window_system, "_missing_libraries", lambda b: missing.get(b.name, []))
    problem = window_system.problem()
    assert problem is not None
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4" in problem
    assert "apt-get install libxcb-cursor0 libxcb-icccm4 " in problem


def test_nothing_to_say_when_qt_can_load_or_another_platform_is_chosen(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(window_system, "_missing_libraries", lambda b: [])
    assert window_system.problem() is None
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr(window_system, "_missing_libraries", lambda b: ["libxcb-cursor.so.0"])
    assert window_system.problem() is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 only")
def test_no_display_is_one_line_and_exit_1_not_an_abort(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["XDG_DATA_HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "no screen to show the window on" in done.stderr
    assert not (tmp_path / "Rapport").exists()  # nothing was written before the check
