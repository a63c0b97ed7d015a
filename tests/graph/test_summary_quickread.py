"""``rapport summary`` reads the file with sqlite3 alone (graph.quickread); its document must be
exactly the one the workspace path gives (graph.summary.summarize on graph.snapshot), byte for
byte as JSON and as a table, on generated portfolios and on the edge cases: an empty account,
an archived one, a health set by hand, one account by name, people who joined later or left,
attitudes changed since, people new to us, tickets and risks open on the day or not."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli.summary import format_table, print_summary
from graph import schema as s
from graph._sample_large import generate
from graph.clock import FixedClock
from graph.errors import NotFoundError
from graph.quickread import portfolio
from graph.quickread.opening import open_checked
from graph.samples import write_sample
from graph.store import SCHEMA_VERSION
from graph.summary import summarize, summarize_file
from graph.vocabulary import (
    CoverageKind,
    DealRole,
    Health,
    Level,
    PersonStatus,
    Phase,
    RelationKind,
    RiskLevel,
    RiskStatus,
    Severity,
    TicketStatus,
)
from graph.workspace import Workspace

TODAY = dt.date(2026, 11, 22)
# Everything below is entered on this day (the history log dates every record then); the
# records' own dates tell the past and the future around it.
ENTERED = dt.datetime(2025, 6, 2, 9, 0)


def reference(path: Path, day: dt.date | None, name: str | None) -> dict[str, object]:
    with Workspace.open(path, readonly=True, clock=FixedClock(TODAY)) as ws:
        return summarize(ws, day, name)


def printed(path: Path, day: dt.date, name: str | None, *, as_json: bool) -> str:
    out = io.StringIO()
    print_summary(path, account=name, as_json=as_json, today=day, out=out)
    return out.getvalue()


def assert_same(path: Path, day: dt.date, name: str | None = None) -> None:
    """The quick read itself (no fallback) gives the workspace path's document, JSON and
    table, byte for byte."""
    conn = open_checked(path)
    try:
        assert not portfolio.changed_after(conn, day), "this day must take the quick read"
    finally:
        conn.close()
    expected = reference(path, day, name)
    assert summarize_file(path, day, name) == expected
    text = json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    assert printed(path, day, name, as_json=True) == text
    assert printed(path, day, name, as_json=False) == format_table(expected) + "\n"


@pytest.fixture(scope="module")
def edges(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("edges") / "edges.rapport"
    with Workspace.create(path, clock=FixedClock(ENTERED)) as ws:
        ws.add(s.Account(name="Empty Co"))
        archived = ws.add(s.Account(name="Attic Ltd", archived=True))
        ws.add(s.Person(account_id=archived.id, name="Old Friend", level=Level.EXECUTIVE))
        override = ws.add(
            s.Account(
                name="override bank",
                health_override=Health.RED,
                health_override_reason="Renewal in doubt",
                renewal_date=dt.date(2027, 1, 15),
                arr=125_000.5,
                currency="EUR",
            )
        )
        ws.add(s.Person(account_id=override.id, name="Solo Champion", role=DealRole.CHAMPION))
        full = ws.add(
            s.Account(
                name="Northwind",
                industry="Logistics",
                segment="Enterprise",
                arr=420_000,
                renewal_date=dt.date(2026, 3, 31),
                phase=Phase.AT_RISK,
            )
        )
        ws.update(s.CadenceDefault, DealRole.CHAMPION, ideal_days=10, max_days=21)

        def person(name: str, **values: object) -> int:
            return ws.add(s.Person(account_id=full.id, name=name, **values)).id  # type: ignore[arg-type]

        ceo = person("Ana Ruiz", title="CEO", level=Level.EXECUTIVE, role=DealRole.ECONOMIC_BUYER,
                     influence=5, attitude=1, joined_on=dt.date(2025, 1, 1))  # fmt: skip
        champ = person("Ben Okafor", title="Head of Platform", level=Level.MANAGEMENT,
                       role=DealRole.CHAMPION, influence=4, attitude=2)  # fmt: skip
        sre = person("Chen Wei", title="SRE Lead", level=Level.OPERATIONS,
                     role=DealRole.PRIMARY_USER, cadence_days=5)  # fmt: skip
        blocker = person("Dora Lind", title="  ", level=Level.MANAGEMENT, role=DealRole.BLOCKER,
                         influence=2, attitude=-2)  # fmt: skip
        late = person("Eve Late", level=Level.OPERATIONS, joined_on=dt.date(2026, 6, 1))
        gone = person("Finn Gone", level=Level.EXECUTIVE, status=PersonStatus.LEFT,
                      left_on=dt.date(2026, 1, 31))  # fmt: skip
        leaving = person("Gus Leaving", level=Level.OPERATIONS, status=PersonStatus.LEFT,
                         left_on=dt.date(2026, 12, 31))  # fmt: skip
        person("Hana Leave", level=Level.EXECUTIVE, status=PersonStatus.ON_LEAVE)
        # a second executive never met: two overdue executives, flagged in the file's order
        person(
            "Jo Board", title="Board member", level=Level.EXECUTIVE, joined_on=dt.date(2025, 1, 1)
        )
        person("Ivo Undated", status=PersonStatus.LEFT)
        tam = ws.add(s.TeamMember(name="Tina TAM")).id
        for pid in (ceo, champ, sre):
            ws.add(s.Coverage(member_id=tam, person_id=pid, kind=CoverageKind.OWNS))
        ws.add(s.Coverage(member_id=tam, person_id=gone))
        for kind, source, target, strength in (
            (RelationKind.REPORTS_TO, champ, ceo, 1),
            (RelationKind.REPORTS_TO, sre, champ, 1),
            (RelationKind.REPORTS_TO, blocker, ceo, 1),
            (RelationKind.INFLUENCES, blocker, ceo, 3),
            (RelationKind.INFLUENCES, blocker, champ, 2),
            (RelationKind.INFLUENCES, sre, blocker, 1),
            (RelationKind.INFLUENCES, gone, blocker, 3),
            (RelationKind.ALLY, champ, sre, 1),
        ):
            ws.add(
                s.Relationship(
                    account_id=full.id, kind=kind, source_id=source, target_id=target,
                    strength=strength,
                )
            )  # fmt: skip
        ws.add(s.AttitudeChange(person_id=blocker, changed_on=dt.date(2026, 2, 1),
                                old_attitude=0, new_attitude=-1))  # fmt: skip
        ws.add(s.AttitudeChange(person_id=blocker, changed_on=dt.date(2026, 9, 1),
                                old_attitude=-1, new_attitude=-2))  # fmt: skip
        for at, who, minutes in (
            (dt.datetime(2025, 7, 1, 10), [ceo, champ], 60),
            (dt.datetime(2025, 12, 3, 14), [champ, sre, gone], 90),
            (dt.datetime(2026, 2, 10, 9), [champ], 45),
            (dt.datetime(2026, 5, 20, 16), [sre, leaving], 240),
            (dt.datetime(2026, 8, 14, 11), [champ, sre], 120),
            (dt.datetime(2026, 10, 30, 8), [champ], 30),
            (dt.datetime(2026, 11, 21, 23, 59), [ceo], 15),
            (dt.datetime(2026, 11, 23, 0, 0), [blocker], 30),  # after TODAY
            (dt.datetime(2026, 11, 10, 9), [late], 30),
        ):
            ws.log_interaction(full.id, at, people=who, duration_minutes=minutes)
        for severity, status, opened, resolved in (
            (Severity.SEV1, TicketStatus.OPEN, dt.date(2026, 10, 1), None),
            (Severity.SEV1, TicketStatus.RESOLVED, dt.date(2026, 3, 1), dt.date(2026, 4, 1)),
            (Severity.SEV1, TicketStatus.CLOSED, dt.date(2025, 9, 1), None),
            (Severity.SEV2, TicketStatus.OPEN, dt.date(2026, 1, 1), None),
            (Severity.SEV1, TicketStatus.IN_PROGRESS, dt.date(2026, 12, 1), None),
        ):
            ws.add(s.Ticket(account_id=full.id, title="t", severity=severity, status=status,
                            opened_on=opened, resolved_on=resolved))  # fmt: skip
        for level, status, raised in (
            (RiskLevel.HIGH, RiskStatus.OPEN, dt.date(2026, 4, 1)),
            (RiskLevel.HIGH, RiskStatus.OPEN, dt.date(2026, 11, 22)),
            (RiskLevel.HIGH, RiskStatus.CLOSED, dt.date(2025, 8, 1)),
            (RiskLevel.MEDIUM, RiskStatus.OPEN, dt.date(2025, 8, 1)),
            (RiskLevel.HIGH, RiskStatus.OPEN, dt.date(2026, 11, 23)),
        ):
            ws.add(s.Risk(account_id=full.id, title="r", level=level, status=status,
                          raised_on=raised))  # fmt: skip
    return path


DAYS = (
    dt.date(2025, 6, 2),  # the day everything was entered: the undated are new to us
    dt.date(2025, 6, 20),
    dt.date(2025, 12, 3),
    dt.date(2026, 1, 31),  # Finn leaves that day
    dt.date(2026, 2, 1),
    dt.date(2026, 6, 1),  # Eve joins that day
    dt.date(2026, 11, 21),
    TODAY,
    dt.date(2026, 12, 31),
    dt.date(2028, 1, 1),
)


@pytest.mark.parametrize("day", DAYS)
def test_every_account_on_every_day(edges: Path, day: dt.date) -> None:
    assert_same(edges, day)


@pytest.mark.parametrize("name", ["Northwind", "  NORTHWIND ", "Attic Ltd", "Empty Co",
                                  "Override Bank"])  # fmt: skip
def test_one_account_by_name_archived_too(edges: Path, name: str) -> None:
    for day in (dt.date(2025, 12, 3), TODAY):
        assert_same(edges, day, name)


def test_the_edge_portfolio_shows_what_it_is_built_for(edges: Path) -> None:
    doc = summarize_file(edges, TODAY)
    accounts = {a["name"]: a for a in doc["accounts"]}  # type: ignore[index]
    assert list(accounts) == ["Empty Co", "Northwind", "override bank"]  # archived left out
    assert accounts["Empty Co"]["health"] == "not_enough_data"
    assert accounts["override bank"]["health"] == "red"
    assert accounts["override bank"]["health_overridden"] is True
    north = accounts["Northwind"]
    assert (north["people_left"], north["people_total"]) == (2, 10)  # Finn, Ivo; Gus later
    codes = {r["code"] for r in north["risks"]}
    assert "unowned_detractor" in codes and "single_threaded_team" in codes
    june = summarize_file(edges, dt.date(2026, 6, 1))["accounts"][1]  # type: ignore[index]
    overdue = [r["message"] for r in june["risks"] if r["code"] == "overdue_executive"]
    assert [m.split(" (")[0] for m in overdue] == ["Ana Ruiz", "Jo Board"]


def test_an_unknown_name_is_refused_with_the_same_message(edges: Path) -> None:
    with pytest.raises(NotFoundError) as lean:
        summarize_file(edges, TODAY, "Globex")
    with pytest.raises(NotFoundError) as reference_error:
        reference(edges, TODAY, "Globex")
    assert str(lean.value) == str(reference_error.value)
    assert "Attic Ltd" in str(lean.value)


def test_default_day_is_the_clock(edges: Path) -> None:
    from graph.clock import use_clock

    with use_clock(FixedClock(dt.date(2026, 2, 1))):
        assert summarize_file(edges)["today"] == "2026-02-01"
        assert summarize_file(edges) == summarize_file(edges, dt.date(2026, 2, 1))


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "sample.rapport"
    with Workspace.create(path, clock=FixedClock(TODAY)) as ws:
        write_sample(ws, TODAY)
    return path


@pytest.mark.parametrize(
    "day", [TODAY, dt.date(2026, 10, 8), dt.date(2025, 10, 18), dt.date(2027, 11, 22)]
)
def test_the_sample_portfolio(sample: Path, day: dt.date) -> None:
    assert_same(sample, day)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "large.rapport"
    with Workspace.create(path, clock=FixedClock(TODAY)) as ws:
        generate(ws, accounts=7, people=350, interactions=7000, seed=15, today=TODAY)
    return path


@pytest.mark.parametrize("day", [TODAY, TODAY - dt.timedelta(days=120)])
def test_a_generated_portfolio(generated: Path, day: dt.date) -> None:
    assert_same(generated, day)
    first = json.loads(printed(generated, day, None, as_json=True))["accounts"][0]["name"]
    assert_same(generated, day, first)


def test_a_day_the_log_changed_since_is_read_from_the_log(tmp_path: Path) -> None:
    """Edits logged after the day: stored rows no longer tell it; the workspace path does."""
    path = tmp_path / "edited.rapport"
    clock = FixedClock(dt.datetime(2026, 3, 1, 9))
    with Workspace.create(path, clock=clock) as ws:
        account = ws.add(s.Account(name="Northwind"))
        pid = ws.add(s.Person(account_id=account.id, name="Ana", level=Level.EXECUTIVE)).id
        ws.log_interaction(account.id, dt.datetime(2026, 2, 20, 10), people=[pid])
        clock.set(dt.datetime(2026, 9, 1, 9))
        ws.update(s.Person, pid, level=Level.OPERATIONS, name="Ana R.")
    day = dt.date(2026, 4, 1)
    conn = open_checked(path)
    try:
        assert portfolio.changed_after(conn, day)
    finally:
        conn.close()
    doc = summarize_file(path, day)
    assert doc == reference(path, day, None)
    levels = doc["accounts"][0]["levels"]  # type: ignore[index]
    assert levels["executive"]["people"] == 1  # as she was on the day, not as stored


def test_the_quick_connection_never_writes(edges: Path) -> None:
    conn = open_checked(edges)
    try:
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("DELETE FROM people")
    finally:
        conn.close()


ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "networkx", "numpy", "PySide6")


def run_summary(*args: str) -> subprocess.CompletedProcess[str]:
    """``rapport summary`` as a user runs it, reporting which heavy libraries it loaded."""
    code = (
        "import sys; from desktop.cli import main; "
        f"rc = main(['summary', *{list(args)!r}]); "
        f"print('loaded:', [m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr); "
        "sys.exit(rc)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_the_summary_loads_no_sqlalchemy_networkx_numpy_or_qt(edges: Path) -> None:
    for args in (["--json"], ["--account", "northwind"], []):
        result = run_summary(str(edges), "--today", TODAY.isoformat(), *args)
        assert result.returncode == 0, result.stderr
        assert result.stderr.splitlines()[-1] == "loaded: []"
    result = run_summary(str(edges), "--json", "--today", TODAY.isoformat())
    assert json.loads(result.stdout) == reference(edges, TODAY, None)


def test_a_refusal_loads_none_of_them_either(edges: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.rapport"
    newer.write_bytes(edges.read_bytes())
    conn = sqlite3.connect(newer)
    with conn:
        conn.execute("UPDATE rapport_meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    result = run_summary(str(newer))
    assert result.returncode == 1
    message, loaded = result.stderr.splitlines()
    assert message == (
        f"rapport: {newer}: made by a newer Rapport (file format 99; this version reads up to "
        f"{SCHEMA_VERSION}). Update Rapport to open it."
    )
    assert loaded == "loaded: []"
