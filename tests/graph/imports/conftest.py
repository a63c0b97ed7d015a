"""Fixtures for the import tests: a team, and a helper writing sample files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from graph import schema as s
from graph.workspace import Workspace

WriteFile = Callable[[str, bytes], Path]


@pytest.fixture
def team(ws: Workspace) -> dict[str, s.TeamMember]:
    with ws.batch():
        tina = ws.add(s.TeamMember(name="Tina Tam", email="tina@vendor.example"))
        sam = ws.add(s.TeamMember(name="Sam Support", email="sam@vendor.example"))
    return {"tina": tina, "sam": sam}


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    def write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


def table_rows(ws: Workspace, *, history: bool = True) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to check that a failed import changed nothing. Without the
    history log, to check that an undo put every record back (the log keeps growing)."""
    from sqlalchemy import text

    with ws.engine.connect() as conn:
        names = [
            n
            for (n,) in conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            )
        ]
        names = [n for n in names if history or n != "history"]
        return {n: [tuple(r) for r in conn.execute(text(f'SELECT * FROM "{n}"'))] for n in names}
