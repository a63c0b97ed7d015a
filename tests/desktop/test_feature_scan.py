"""Loading the workspace's libraries after the first paint without PySide6 reading their
source (desktop.common.qt_runtime.libraries_without_feature_scan)."""

from __future__ import annotations

import sys
from pathlib import Path

import PySide6.QtCore  # noqa: F401  (its import hook is what is under test)
import pytest

from desktop.common.qt_runtime import libraries_without_feature_scan


def test_a_library_loads_unread_and_the_scan_is_back_afterwards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feature = sys.modules["shibokensupport.feature"]
    original = feature._mod_uses_pyside
    read: list[str] = []

    def scan(module: object) -> bool:
        read.append(getattr(module, "__name__", "?"))
        return bool(original(module))

    monkeypatch.setattr(feature, "_mod_uses_pyside", scan)
    for name in ("rapport_probe_inside", "rapport_probe_outside"):
        (tmp_path / f"{name}.py").write_text("VALUE = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with libraries_without_feature_scan():
        __import__("rapport_probe_inside")  # as an import statement does (the hook is there)
        assert feature._mod_uses_pyside is not scan
    __import__("rapport_probe_outside")
    assert feature._mod_uses_pyside is scan
    assert "rapport_probe_inside" not in read
    assert "rapport_probe_outside" in read  # the hook scans a module imported after Qt
    # the record PySide6 keeps says what the scan would have found: no PySide6 there
    assert feature.pyside_feature_dict.get("rapport_probe_inside") == -1


def test_the_app_s_window_modules_are_still_scanned() -> None:
    feature = sys.modules["shibokensupport.feature"]
    with libraries_without_feature_scan():
        assert feature._mod_uses_pyside(sys.modules["desktop.common.qt_runtime"]) is True
