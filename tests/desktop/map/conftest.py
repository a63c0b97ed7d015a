"""A small hand-made account for the map tests, and the widget on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import desktop.map  # noqa: F401  (keeps None alive on PySide6 6.12 / Python 3.11)
from graph import schema as s
from graph.clock import FixedClock
from graph.samples import write_sample
from graph.vocabulary import CoverageKind, DealRole, Level, RelationKind, TeamRole
from graph.workspace import Workspace

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def map_path(tmp_path: Path) -> Path:
    return tmp_path / "map.rapport"


@pytest.fixture
def map_ws(map_path: Path) -> Iterator[Workspace]:
    # Entered a year ago (the change log dates every record then), looked at on TODAY.
    clock = FixedClock(dt.datetime.combine(TODAY - dt.timedelta(days=365), dt.time(9)))
    ws = Workspace.create(map_path, clock=clock)
    with ws.batch():  # one transaction: the fixture stays fast
        build_account(ws)
    clock.set(dt.datetime.combine(TODAY, dt.time(12)))
    yield ws
    ws.close()


def build_account(ws: Workspace) -> dict[str, int]:
    """Globex: a CEO, two executives under them, a champion, an ops lead and an engineer;
    our TAM owns the champion, our account executive owns the CEO."""
    account = ws.add(s.Account(name="Globex"))
    ids: dict[str, int] = {"account": account.id}

    def person(key: str, name: str, title: str, level: Level, role: DealRole, **kw: object) -> None:
        p = ws.add(
            s.Person(account_id=account.id, name=name, title=title, level=level, role=role, **kw)
        )
        ids[key] = p.id

    person(
        "ceo",
        "Carla Mendes",
        "Chief Executive Officer",
        Level.EXECUTIVE,
        DealRole.ECONOMIC_BUYER,
        influence=5,
        attitude=1,
    )
    person(
        "cto",
        "Tomas Berg",
        "Chief Technology Officer",
        Level.EXECUTIVE,
        DealRole.TECHNICAL_BUYER,
        influence=4,
    )
    person(
        "cfo",
        "Fiona Walsh",
        "Finance Director",
        Level.EXECUTIVE,
        DealRole.BLOCKER,
        influence=4,
        attitude=-2,
    )
    person(
        "vp",
        "Victor Hale",
        "VP Engineering",
        Level.MANAGEMENT,
        DealRole.CHAMPION,
        influence=4,
        attitude=2,
    )
    person(
        "ops",
        "Olga Petrova",
        "Operations Lead",
        Level.OPERATIONS,
        DealRole.OPERATIONS_OWNER,
        influence=2,
        attitude=1,
    )
    person(
        "eng",
        "Ethan Cole",
        "Site Reliability Engineer",
        Level.OPERATIONS,
        DealRole.PRIMARY_USER,
        influence=2,
    )

    def link(kind: RelationKind, a: str, b: str, strength: int = 1) -> None:
        r = ws.add(
            s.Relationship(
                account_id=account.id,
                kind=kind,
                source_id=ids[a],
                target_id=ids[b],
                strength=strength,
            )
        )
        ids[f"{kind.value}:{a}:{b}"] = r.id

    link(RelationKind.REPORTS_TO, "cto", "ceo")
    link(RelationKind.REPORTS_TO, "cfo", "ceo")
    link(RelationKind.REPORTS_TO, "vp", "cto")
    link(RelationKind.REPORTS_TO, "ops", "vp")
    link(RelationKind.REPORTS_TO, "eng", "ops")
    link(RelationKind.INFLUENCES, "eng", "vp", 3)
    link(RelationKind.INFLUENCES, "vp", "cto", 2)
    link(RelationKind.ALLY, "vp", "ops")
    link(RelationKind.CONFLICT, "cfo", "cto")

    tam = ws.add(s.TeamMember(name="Tess Nguyen", role=TeamRole.TAM))
    ae = ws.add(s.TeamMember(name="Alex Romero", role=TeamRole.ACCOUNT_EXECUTIVE))
    ids["tam"], ids["ae"] = tam.id, ae.id
    ws.add(s.AccountTeam(account_id=account.id, member_id=tam.id))
    ws.add(s.AccountTeam(account_id=account.id, member_id=ae.id))
    c1 = ws.add(s.Coverage(member_id=tam.id, person_id=ids["vp"], kind=CoverageKind.OWNS))
    c2 = ws.add(s.Coverage(member_id=tam.id, person_id=ids["ops"], kind=CoverageKind.KNOWS))
    c3 = ws.add(s.Coverage(member_id=ae.id, person_id=ids["ceo"], kind=CoverageKind.OWNS))
    ids["cov:tam:vp"], ids["cov:tam:ops"], ids["cov:ae:ceo"] = c1.id, c2.id, c3.id
    ws.log_interaction(account.id, dt.datetime(2026, 11, 18, 10), people=[ids["vp"]], team=[tam.id])
    ws.log_interaction(account.id, dt.datetime(2026, 8, 1, 10), people=[ids["ceo"]], team=[ae.id])
    return ids


@pytest.fixture
def ids(map_ws: Workspace) -> dict[str, int]:
    account = map_ws.account_named("Globex")
    people = {p.name.split()[0].lower(): p.id for p in map_ws.people(account.id)}
    return {"account": account.id, **people}


def open_map(qtbot: Any, ws: Workspace, account_id: int, size: tuple[int, int]) -> Any:
    """A shown map widget on ``account_id``, laid out, with its undo stack and selection kept
    alive beside it (the widget does not own them)."""
    from PySide6.QtGui import QUndoStack

    from desktop.map.map_widget import MapWidget
    from desktop.workspace.selection import Selection

    stack, selection = QUndoStack(), Selection()
    widget = MapWidget(ws, stack, selection)
    widget._keep = (stack, selection)  # type: ignore[attr-defined]
    widget.scene.animate = False
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.layoutApplied, timeout=5000):
        widget.set_account(account_id)
    return widget


@pytest.fixture(scope="session")
def sample_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.rapport"
    ws = Workspace.create(path, today=lambda: TODAY)
    write_sample(ws, TODAY)
    ws.close()
    return path


@pytest.fixture
def sample(sample_path: Path) -> Iterator[Workspace]:
    ws = Workspace.open(sample_path, today=lambda: TODAY)
    yield ws
    ws.close()
