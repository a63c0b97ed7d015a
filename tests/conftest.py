"""Shared fixtures: small hand-made workspaces.

With no screen (no DISPLAY or WAYLAND_DISPLAY), Qt would abort in pytest-qt's ``qapp``
fixture; the suite then draws offscreen, as CI does, unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import schema as s
from graph.workspace import Workspace

TODAY = dt.date(2026, 11, 22)

no_screen = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
if no_screen and not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--shift-days",
        type=int,
        default=0,
        help="run as if the computer's clock were N days ahead: proves no test depends on "
        "the day it runs (CI runs the suite again with 400)",
    )


def pytest_configure(config: pytest.Config) -> None:
    days = config.getoption("--shift-days")
    if days:
        import time_machine

        ahead = dt.datetime.now(dt.UTC) + dt.timedelta(days=days)
        traveller = time_machine.travel(ahead, tick=True)
        traveller.start()
        config.add_cleanup(traveller.stop)


@pytest.fixture
def ws_path(tmp_path: Path) -> Path:
    return tmp_path / "portfolio.rapport"


@pytest.fixture
def ws(ws_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(ws_path, today=lambda: TODAY)
    yield workspace
    workspace.close()


@pytest.fixture
def account(ws: Workspace) -> s.Account:
    return ws.add(s.Account(name="Northwind", arr=250_000, renewal_date=dt.date(2027, 3, 31)))
