"""graph/ and reports/ never import Qt: the command line stays fast and a server stays possible."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT_FREE = ("graph", "reports")


def modules() -> list[str]:
    found = []
    for package in QT_FREE:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found.append(".".join(p for p in parts if p != "__init__"))
    return found


def test_no_qt_import_statement_in_qt_free_packages() -> None:
    offenders = []
    for package in QT_FREE:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [
                    f"{path}: {n}"
                    for n in names
                    if n.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6", "desktop")
                ]
    assert offenders == []


def test_importing_every_qt_free_module_loads_no_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
