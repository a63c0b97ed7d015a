"""``rapport export`` of one account reads it once, computes its signals once (the health alone
of the health trend's other days, each once) and lays out and draws each map picture once
(issue 17: the account read once, the map drawn once).

Counted on the sample portfolio, whose biggest account has history, attitude changes and
saved card positions: SQL statements (no question asked twice with the same parameters; the
account's people, links and coverage in one statement each), snapshot reads, signal
computations per day, map data builds, layouts and drawings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

import desktop.map.map_data as map_data
import desktop.qbr_export.deck_map as deck_map
import graph.signals as signals
import graph.snapshot as snapshot
from desktop.cli.export import export_qbr
from desktop.cli.sample_file import write_sample_file
from graph.workspace import Workspace

TODAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("reads") / "sample.rapport"
    write_sample_file(path, today=TODAY)
    with Workspace.open(path, readonly=True) as ws:
        biggest = max(ws.accounts(), key=lambda a: len(ws.people(a.id)))
        return path, biggest.name


class Counts:
    def __init__(self) -> None:
        self.sql: list[tuple[str, str]] = []
        self.calls: Counter[str] = Counter()
        self.signal_days: Counter[dt.date] = Counter()
        self.health_days: Counter[dt.date] = Counter()

    def selects_from(self, table: str) -> list[str]:
        return [
            sql
            for sql, _ in self.sql
            if re.search(rf"\bFROM {table}\b", sql) and "JOIN history" not in sql
        ]


def _counted(counts: Counts, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        counts.calls[name] += 1
        return original(*args, **kwargs)

    return wrapper


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counts]:
    found = Counts()

    def note(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            found.sql.append((" ".join(statement.split()), repr(parameters)))

    original_signals = signals.compute_signals

    def compute(snap: snapshot.AccountSnapshot) -> signals.AccountSignals:
        found.signal_days[snap.as_of] += 1
        return original_signals(snap)

    monkeypatch.setattr(signals, "compute_signals", compute)
    original_health = signals.compute_health

    def health(snap: snapshot.AccountSnapshot) -> signals.HealthScore:
        found.health_days[snap.as_of] += 1
        return original_health(snap)

    monkeypatch.setattr(signals, "compute_health", health)
    monkeypatch.setattr(snapshot, "_read", _counted(found, "read", snapshot._read))
    monkeypatch.setattr(
        map_data, "snapshot_map_data", _counted(found, "map data", map_data.snapshot_map_data)
    )
    monkeypatch.setattr(map_data, "load_map_data", _counted(found, "load", map_data.load_map_data))
    monkeypatch.setattr(
        deck_map, "compute_layout", _counted(found, "layout", deck_map.compute_layout)
    )
    monkeypatch.setattr(deck_map, "_names_points", _counted(found, "fit", deck_map._names_points))
    monkeypatch.setattr(deck_map, "export_scene", _counted(found, "draw", deck_map.export_scene))
    monkeypatch.setattr(
        deck_map, "_legend_beside", _counted(found, "draw", deck_map._legend_beside)
    )
    event.listen(Engine, "before_cursor_execute", note)
    try:
        yield found
    finally:
        event.remove(Engine, "before_cursor_execute", note)


def _export(sample: tuple[Path, str], tmp_path: Path, *, edition: str | None = None) -> None:
    path, account = sample
    export_qbr(
        path,
        account=account,
        xlsx=tmp_path / "qbr.xlsx",
        pptx=tmp_path / "qbr.pptx",
        edition=edition,
        today=TODAY,
    )


def _asked_twice(counts: Counts) -> list[str]:
    """Questions about the account asked twice (the file's own checks on opening aside)."""
    return [
        sql
        for (sql, _), n in Counter(counts.sql).items()
        if n > 1 and "sqlite_master" not in sql and "rapport_meta" not in sql
    ]


def test_one_export_reads_the_account_once(
    sample: tuple[Path, str], tmp_path: Path, counts: Counts
) -> None:
    _export(sample, tmp_path, edition="internal")
    assert _asked_twice(counts) == []
    assert counts.calls["read"] == 1  # one snapshot pass: the QBR's day and the trend's days
    for table in ("relationships", "coverage", "account_team", "card_positions", "goals"):
        assert len(counts.selects_from(table)) == 1, table
    # people: the snapshot's rows, and the briefing's records (names to anonymize, as stored)
    people = [sql for sql in counts.selects_from("people") if "min(" not in sql]
    assert len(people) == 2, people
    # four quarters of health trend: the QBR's day's signals once, the health alone of the
    # three days before, each once
    assert list(counts.signal_days.values()) == [1]
    assert len(counts.health_days) == 3
    assert set(counts.health_days.values()) == {1}
    assert not set(counts.health_days) & set(counts.signal_days)


def test_the_map_is_built_laid_out_and_drawn_once(
    sample: tuple[Path, str], tmp_path: Path, counts: Counts
) -> None:
    # one edition for both documents: the whole map drawn once for the workbook and the
    # deck's appendix, and the map slide's cut (its 24 people print their names small)
    _export(sample, tmp_path, edition="internal")
    assert counts.calls["load"] == 0  # no second read of the account for the map
    assert counts.calls["map data"] == 1
    assert counts.calls["draw"] == 2
    # each picture laid out once, and each try of the cut once (a binary search)
    assert counts.calls["layout"] == 2 + counts.calls["fit"]
    assert counts.calls["fit"] <= 7


def test_two_editions_are_two_pictures_each_drawn_once(
    sample: tuple[Path, str], tmp_path: Path, counts: Counts
) -> None:
    _export(sample, tmp_path)  # internal workbook, customer deck: different pictures
    assert counts.calls["map data"] == 1
    assert counts.calls["draw"] == 3  # the workbook's; the deck's map slide and appendix
    assert counts.calls["layout"] == 3 + counts.calls["fit"]
    assert _asked_twice(counts) == []
