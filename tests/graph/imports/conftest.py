"""Fixtures for the import tests: a team, and a helper writing sample files."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


@dataclass
class Expansions:
    """What the calendar importer asked the recurrence library to expand: the start of each
    series handed over, and how many occurrences it took from it (the work done)."""

    starts: list[Any] = field(default_factory=list)
    taken: int = 0


@pytest.fixture
def expansions(monkeypatch: pytest.MonkeyPatch) -> Expansions:
    """Counts the recurrence expansion, so a test pins the work, never the time it took."""
    import recurring_ical_events

    seen = Expansions()
    real_of = recurring_ical_events.of

    class Counted:
        def __init__(self, calendar: Any, *args: Any, **kwargs: Any) -> None:
            seen.starts += [event.get("DTSTART").dt for event in calendar.walk("VEVENT")]
            self.query = real_of(calendar, *args, **kwargs)

        def after(self, start: Any) -> Iterator[Any]:
            for occurrence in self.query.after(start):
                seen.taken += 1
                yield occurrence

    monkeypatch.setattr(recurring_ical_events, "of", Counted)
    return seen
